//! Spells of work and public-welfare posts (务工月监测, design note 0013) against the
//! member and the year's limits: county checks 5_12_001, 1111_12, 4_12_001 / 5_01_005,
//! 5_01_007, 1111_08, 1111_16 / 1111_17, 5_01_004 / 5_12_003, 4_01_006 / 4_12_002,
//! 2_01_015 / 2_12_004, 5_01_003 / 5_12_002, 3_01_008 / 5_12_004, 5_01_006 / 5_12_005,
//! 3_01_010 / 3_01_011 and 1111_10. Only what is recorded is judged: a member without spells
//! is not flagged for lacking them.

use super::{judged, registered, Out};
use crate::codes::{Labor, MeasureItem, Schooling, Tekun, WorkChannel, WorkPlace};
use crate::model::{Household, Member, Month, WorkSpell};
use crate::rules::Policy;
use chrono::Datelike;

pub(super) fn check(h: &Household, policy: &Policy, out: &mut Out) {
    if !registered(h) {
        return;
    }
    let on = policy.as_of;
    let now = Month::of(on);
    let year = policy.year;
    for (i, m) in judged(h, on) {
        let at = |k: usize, field: &str| format!("members[{i}].x_work_spells[{k}]{field}");
        spells(i, m, now, policy, out);
        let working: Vec<usize> = (0..m.work_spells.len())
            .filter(|k| m.work_spells[*k].in_year(year) && m.work_spells[*k].from <= now)
            .collect();
        // The yearly 务工状况 already answers for a member it shows working.
        let shown = m.work.as_ref().is_some_and(|w| w.place.is_some());
        if let (Some(&k), false) = (working.first(), shown) {
            who_works(m, &at(k, ".from"), out);
        }
        posts(i, m, on, policy, out);
    }
    travel_subsidy(h, year, out);
}

/// Each spell on its own and after the one before.
fn spells(i: usize, m: &Member, now: Month, policy: &Policy, out: &mut Out) {
    let at = |k: usize, field: &str| format!("members[{i}].x_work_spells[{k}]{field}");
    let year = policy.year;
    for (k, s) in m.work_spells.iter().enumerate() {
        if s.to.is_some_and(|t| t < s.from) {
            out.push(
                &at(k, ".to"),
                "spell.backwards",
                format!(
                    "{}的务工记录结束月份早于开始月份（{}）",
                    m.name,
                    s.from.label()
                ),
            );
        }
        if k > 0 {
            let before = &m.work_spells[k - 1];
            if before.to.is_none_or(|t| s.from <= t) {
                out.push(
                    &at(k, ".from"),
                    "spell.overlap",
                    format!(
                        "{}的务工开始时间（{}）早于上次务工结束时间（{}）",
                        m.name,
                        s.from.label(),
                        before
                            .to
                            .map(|t| t.label())
                            .unwrap_or_else(|| "未结束".into())
                    ),
                );
            }
        }
        if !s.in_year(year) || s.from > now {
            continue;
        }
        if !county_level(s) {
            out.push(
                &at(k, ".county"),
                "spell.county",
                format!("{}的务工地点应填到县（区、市）一级", m.name),
            );
        }
        let missing = details_missing(s);
        if !missing.is_empty() {
            out.push(
                &at(k, ""),
                "spell.details",
                format!("{}的务工记录缺少{}", m.name, missing.join("、")),
            );
        }
        if matches!(
            s.channel,
            Some(WorkChannel::PublicWelfarePost | WorkChannel::AssistanceWorkshop)
        ) && m.work.as_ref().is_some_and(|w| {
            matches!(
                w.place,
                Some(WorkPlace::InProvince | WorkPlace::OutOfProvince)
            )
        }) {
            out.push(
                &at(k, ".channel"),
                "spell.channel_outside_county",
                format!(
                    "{}在县外务工，就业渠道却是“{}”（只在本县）",
                    m.name,
                    s.channel.map(|c| c.label()).unwrap_or_default()
                ),
            );
        }
    }
    let Some((k, last)) = m.work_spells.iter().enumerate().max_by_key(|(_, s)| s.from) else {
        return;
    };
    if last.in_year(year) {
        if let Some(wage) = last.wage.filter(|w| *w < policy.work_wage_floor.value) {
            out.push(
                &at(k, ".wage"),
                "spell.wage_low",
                format!(
                    "{}最近一次务工月收入{wage}元，低于{}元，请核实{}",
                    m.name, policy.work_wage_floor.value, policy.work_wage_floor.cite
                ),
            );
        }
    }
    if last.to.is_none() && last.from.year == 2020 && year > 2020 {
        out.push(
            &at(k, ".to"),
            "spell.unreturned_2020",
            format!(
                "{}于{}外出务工至今未回，请核实是否仍在务工",
                m.name,
                last.from.label()
            ),
        );
    }
    let idle = m
        .work
        .as_ref()
        .is_none_or(|w| w.place.is_none() || w.months == Some(0));
    if idle && last.to.is_none_or(|t| t >= now) && last.from <= now {
        out.push(
            &format!("members[{i}].work"),
            "spell.idle_but_away",
            format!("{}登记为未务工，但最近一次务工记录尚未结束", m.name),
        );
    }
}

/// 县, 区, 市 or 旗 named (自治县, 林区 … end in those too).
fn county_level(s: &WorkSpell) -> bool {
    s.county
        .as_deref()
        .map(str::trim)
        .is_some_and(|c| ['县', '区', '市', '旗'].iter().any(|x| c.ends_with(*x)))
}

fn details_missing(s: &WorkSpell) -> Vec<&'static str> {
    let blank = |v: &Option<String>| v.as_deref().is_none_or(|t| t.trim().is_empty());
    let mut out = Vec::new();
    if s.wage.is_none() {
        out.push("务工月收入");
    }
    if blank(&s.employer) {
        out.push("企业名称");
    }
    if blank(&s.industry) {
        out.push("所属行业");
    }
    if s.channel.is_none() {
        out.push("就业渠道");
    }
    out
}

/// Someone working away in the year: not 特困供养, not a pupil, able to work.
fn who_works(m: &Member, at: &str, out: &mut Out) {
    if m.tekun.is_some_and(|t| t != Tekun::No) {
        out.push(
            at,
            "spell.tekun",
            format!("{}享受特困供养，却登记了外出务工", m.name),
        );
    }
    // 高中及以下: pupils up to 高中 and 中职 (not 高职 or college students).
    let pupil = m.schooling.is_some_and(|s| {
        !matches!(
            s,
            Schooling::NotStudent
                | Schooling::HigherVocational1
                | Schooling::HigherVocational2
                | Schooling::HigherVocational3
                | Schooling::CollegePlus
        )
    });
    if pupil {
        out.push(
            at,
            "spell.student",
            format!(
                "{}是在校生（{}），却登记了务工",
                m.name,
                m.schooling.map(|s| s.label()).unwrap_or_default()
            ),
        );
    }
    if let Some(l @ (Labor::Weak | Labor::Lost | Labor::NoLabor)) = m.labor {
        out.push(
            at,
            "spell.no_labor",
            format!("{}劳动技能为“{}”，却登记了外出务工", m.name, l.label()),
        );
    }
}

/// Public-welfare posts of the year against age, labour and number.
fn posts(i: usize, m: &Member, on: chrono::NaiveDate, policy: &Policy, out: &mut Out) {
    let year = policy.year;
    let held: Vec<usize> = (0..m.welfare_posts.len())
        .filter(|k| m.welfare_posts[*k].in_year(year))
        .collect();
    let Some(&first) = held.first() else { return };
    let at = format!("members[{i}].x_welfare_posts[{first}]");
    let mut underage = false;
    if let Some(age) = m.age_on(on) {
        let (min, max) = (
            policy.welfare_post_min_age.value,
            policy.welfare_post_max_age.value,
        );
        if f64::from(age) < min {
            underage = true;
            out.push(
                &at,
                "welfare.underage",
                format!("{}{age}岁，未满{min}岁，不应从事公益性岗位", m.name),
            );
        } else if f64::from(age) >= max {
            out.push(
                &at,
                "welfare.over_age",
                format!(
                    "{}{age}岁，{max}岁及以上参加公益性岗位，请核实能否胜任",
                    m.name
                ),
            );
        }
    }
    // 5_15_006: a post needs someone able to do it (weak labour may: posts are meant for it);
    // a child's 无劳动力 is said by its age.
    if let (Some(l @ (Labor::Lost | Labor::NoLabor)), false) = (m.labor, underage) {
        out.push(
            &at,
            "welfare.no_labor",
            format!(
                "{}劳动技能为“{}”，却登记了公益性岗位（{}）",
                m.name,
                l.label(),
                m.welfare_posts[first].post.trim()
            ),
        );
    }
    let mut kinds: Vec<&str> = held
        .iter()
        .map(|k| m.welfare_posts[*k].post.trim())
        .collect();
    kinds.sort_unstable();
    kinds.dedup();
    if kinds.len() as f64 >= policy.welfare_post_max_kinds.value {
        out.push(
            &format!("members[{i}].x_welfare_posts"),
            "welfare.too_many",
            format!(
                "{}{year}年登记了{}种公益性岗位（{}）",
                m.name,
                kinds.len(),
                kinds.join("、")
            ),
        );
    }
}

/// 外出务工补贴 running while every recorded spell of the year has no travel subsidy.
fn travel_subsidy(h: &Household, year: i32, out: &mut Out) {
    let spells: Vec<&WorkSpell> = h
        .members
        .iter()
        .flat_map(|m| m.work_spells.iter())
        .filter(|s| s.in_year(year))
        .collect();
    if spells.is_empty()
        || spells
            .iter()
            .any(|s| s.travel_subsidy.is_some_and(|t| t > 0.0))
    {
        return;
    }
    for (k, x) in h.measures.iter().enumerate() {
        let running = x.start.year() <= year && x.end.is_none_or(|e| e.year() >= year);
        if running && x.item == Some(MeasureItem::TravelSubsidy) {
            out.push(
                &format!("measures[{k}]"),
                "spell.travel_subsidy_missing",
                "登记了外出务工补贴，但本年务工记录的年度交通费补助为0或未填".into(),
            );
        }
    }
}
