//! Measures by sub-kind (`x_item`) against the members, for registered households: a
//! 低保 or 特困供养 measure running while nobody draws the benefit, 残疾人补贴 with no
//! disabled member, 雨露计划 with no 中职/高职 student; and for a monitored household, a
//! 一二级 disabled member at risk 因残 without 残疾人补贴, and 开发式帮扶 that is only
//! 技能培训 (county checks 4_11_015, 4_11_016, 5_15_011, 5_15_012, 5_16_005, 5_16_008,
//! 5_12_011). A measure with no sub-kind is not judged here.

use super::{judged, known_whole, registered, Out};
use crate::codes::{Health, MeasureItem, Risk, Schooling, Tekun};
use crate::model::{Household, Member};
use crate::rules::Policy;

pub(super) fn check(h: &Household, policy: &Policy, out: &mut Out) {
    if !registered(h) {
        return;
    }
    let members: Vec<&Member> = judged(h, policy.as_of)
        .into_iter()
        .map(|(_, m)| m)
        .collect();
    let whole = known_whole(h, policy.as_of);
    for (i, measure) in h.measures.iter().enumerate() {
        // Ended measures say nothing about the members now (the household is read as of
        // the date: a measure still running then has no end).
        let (Some(item), None) = (measure.item, measure.end) else {
            continue;
        };
        let Some((rule, why)) = whole.as_deref().and_then(|all| unmatched(item, all)) else {
            continue;
        };
        out.push(
            &format!("measures[{i}].x_item"),
            rule,
            format!("帮扶措施“{}”为{}，{why}", measure.content, item.label()),
        );
    }
    monitored(h, &members, policy, out);
}

/// The rule and the reason when a running measure's sub-kind has no member it serves.
fn unmatched(item: MeasureItem, members: &[&Member]) -> Option<(&'static str, &'static str)> {
    let any = |f: &dyn Fn(&Member) -> bool| members.iter().any(|m| f(m));
    Some(match item {
        MeasureItem::Dibao if !any(&|m| m.dibao == Some(true)) => (
            "measure.benefit_without_member",
            "但家中没有享受低保的成员：低保已停发的请填写措施完成日期，仍享受的请在成员信息中登记",
        ),
        MeasureItem::Tekun
            if !any(&|m| matches!(m.tekun, Some(Tekun::Dispersed | Tekun::Centralized))) =>
        {
            (
                "measure.benefit_without_member",
                "但家中没有享受特困供养的成员：请核实供养情况，已终止的请填写措施完成日期",
            )
        }
        MeasureItem::DisabilityAllowance if !any(&|m| m.health == Some(Health::Disabled)) => (
            "measure.allowance_without_disabled",
            "但家中没有健康状况为残疾（持残疾人证）的成员：请核实残疾情况或措施",
        ),
        MeasureItem::Yulu if !any(&|m| m.schooling.is_some_and(Schooling::is_vocational)) => (
            "measure.yulu_without_student",
            "但家中没有中职或高职在校生：学生已毕业或离校的请填写措施完成日期",
        ),
        _ => return None,
    })
}

/// A monitored household (not eliminated): 因残 with a 一二级 disabled member and no
/// 残疾人补贴 (5_16_008); 开发式帮扶 that is only 技能培训 while someone can work (5_12_011).
fn monitored(h: &Household, members: &[&Member], policy: &Policy, out: &mut Out) {
    if f64::from(policy.year) < policy.monitoring_start_year.value {
        return;
    }
    let Some(record) = h.monitoring.as_ref().filter(|r| r.eliminated.is_none()) else {
        return;
    };
    let since: Vec<_> = h
        .measures
        .iter()
        .filter(|m| m.end.is_none_or(|e| e >= record.identified))
        .collect();
    let severe: Vec<&str> = members
        .iter()
        .filter(|m| {
            m.health == Some(Health::Disabled)
                && m.certificate_grade()
                    .or(m.disability_grade)
                    .is_some_and(|g| g <= 2)
        })
        .map(|m| m.name.as_str())
        .collect();
    if record.risks.contains(&Risk::Disability)
        && !severe.is_empty()
        && !since
            .iter()
            .any(|m| m.item == Some(MeasureItem::DisabilityAllowance))
    {
        out.push(
            "measures",
            "monitoring.severe_disability_without_allowance",
            format!(
                "风险类型为因残，成员{}为一、二级残疾，但帮扶措施中没有残疾人补贴：\
                 请落实困难残疾人生活补贴和重度残疾人护理补贴",
                severe.join("、")
            ),
        );
    }
    let development: Vec<_> = h
        .measures
        .iter()
        .filter(|m| m.class.is_development())
        .collect();
    let able = members
        .iter()
        .any(|m| m.labor.is_some_and(|l| l.can_work()));
    if able
        && !development.is_empty()
        && development
            .iter()
            .all(|m| m.item == Some(MeasureItem::SkillsTraining))
    {
        out.push(
            "measures",
            "monitoring.development_only_training",
            "开发式帮扶只有技能培训：请落实产业、就业岗位或小额信贷等能增收的措施".into(),
        );
    }
}
