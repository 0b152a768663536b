//! Members against the year's parameters: a child of compulsory-school age neither in
//! school nor exempted, 特困供养 for a healthy adult, and a household where nobody can
//! work that draws neither 低保 nor 特困 although its income qualifies (county checks
//! 1_02_005, 5_15_016–5_15_019, 5_19_003, 5_19_007).

use super::{judged, registered, Out};
use crate::codes::{Education, Health, Tekun};
use crate::model::{Household, Member};
use crate::rules::{Assessment, Outcome, Policy, Rule};
use chrono::NaiveDate;

pub(super) fn check(h: &Household, a: &Assessment, policy: &Policy, on: NaiveDate, out: &mut Out) {
    let members = judged(h, on);
    for &(j, m) in &members {
        let Some(age) = m.age_on(on) else { continue };
        out_of_school(j, m, age, policy, out);
        if registered(h) {
            tekun_able(j, m, age, policy, out);
        }
    }
    if registered(h) {
        no_labor_without_benefit(&members, a, out);
    }
}

/// A child of compulsory-school age (the year's parameters) not in school, without an
/// exemption (送教上门 …) and without 初中 completed (1_02_005, 5_15_016, 5_15_017).
fn out_of_school(j: usize, m: &Member, age: i32, policy: &Policy, out: &mut Out) {
    let (min, max) = (
        policy.school_age_min.value as i32,
        policy.school_age_max.value as i32,
    );
    if !(min..=max).contains(&age)
        || m.schooling.is_some_and(|s| s.is_student())
        || m.schooling_exempt == Some(true)
        || matches!(
            m.education,
            Some(Education::JuniorHigh | Education::SeniorHigh | Education::CollegePlus)
        )
    {
        return;
    }
    let recorded = m.schooling.map_or("未填写", |s| s.label());
    out.push(
        &format!("members[{j}].schooling"),
        "schooling.out_of_school",
        format!(
            "成员“{}”{age}岁，处于义务教育阶段（{min}至{max}周岁），在校生状况为{recorded}，\
             且没有送教上门等免除记录：在校的请填写年级，失学辍学的请立即劝返并登记",
            m.name
        ),
    );
}

/// 特困供养 for someone neither old, nor a minor, nor ill or disabled, nor in school
/// (5_15_018, 5_15_019; the ages are the year's 特困 parameters).
fn tekun_able(j: usize, m: &Member, age: i32, policy: &Policy, out: &mut Out) {
    let (minor, elderly) = (
        policy.tekun_minor_age.value as i32,
        policy.tekun_elderly_age.value as i32,
    );
    if !matches!(m.tekun, Some(Tekun::Dispersed | Tekun::Centralized))
        || m.health != Some(Health::Healthy)
        || m.schooling.is_some_and(|s| s.is_student())
        || !(minor..elderly).contains(&age)
    {
        return;
    }
    out.push(
        &format!("members[{j}].tekun"),
        "benefit.tekun_able",
        format!(
            "成员“{}”{age}岁、健康、非在校生，却享受特困供养：特困人员应为{elderly}岁及以上老人、\
             重度残疾人或未满{minor}周岁的未成年人，请核实健康状况或供养资格",
            m.name
        ),
    );
}

/// Nobody in the household can work, its income qualifies for 低保, and nobody draws
/// 低保 or 特困 (5_19_003, 5_19_007, whose code never fires: the intended check).
fn no_labor_without_benefit(members: &[(usize, &Member)], a: &Assessment, out: &mut Out) {
    let all_known = !members.is_empty() && members.iter().all(|(_, m)| m.labor.is_some());
    let nobody_able = !members
        .iter()
        .any(|(_, m)| m.labor.is_some_and(|l| l.can_work()));
    let covered = members.iter().any(|(_, m)| {
        m.dibao == Some(true) || matches!(m.tekun, Some(Tekun::Dispersed | Tekun::Centralized))
    });
    if all_known && nobody_able && !covered && a.outcome(Rule::Dibao) == Outcome::Yes {
        out.push(
            "members",
            "benefit.no_labor_without_dibao",
            format!(
                "全家{}人均无劳动能力，人均纯收入低于低保标准，却无人享受低保或特困供养：\
                 请按程序申请兜底保障",
                members.len()
            ),
        );
    }
}
