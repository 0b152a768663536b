//! A province's data-check limits on registered households (脱贫户 and 监测对象), where the
//! village's province has them (`Policy::local_limits`, dated parameters): road distance
//! (5_14_007, 5_14_014), land areas (5_14_001, 5_14_002, 5_14_005, 5_14_006, 5_14_008,
//! 5_14_009, 5_14_012, 5_14_013, as intended: the county code never fires) and the year's
//! 人均纯收入 (3_11_010, from the rules engine), and 缺劳动力 against the members' labour
//! (5_11_029, 5_18_008); the income of a household identified since 2023 on the day it was
//! identified (1111_18).

use super::{registered, Out};
use crate::codes::{Labor, Risk};
use crate::model::Household;
use crate::rules::{Assessment, Param, Policy};
use chrono::Datelike;

/// The value and its limit, when the value is above it.
fn above(value: Option<f64>, limit: &Option<Param<f64>>) -> Option<(f64, &Param<f64>)> {
    value.zip(limit.as_ref()).filter(|(v, l)| *v > l.value)
}

pub(super) fn check(h: &Household, a: &Assessment, policy: &Policy, out: &mut Out) {
    if !registered(h) {
        return;
    }
    let limits = &policy.local_limits;
    let c = &h.conditions;
    if let Some((v, l)) = above(c.road_distance_km, &limits.road_distance_max_km) {
        out.push(
            "conditions.road_distance_km",
            "limit.road_distance",
            format!(
                "与村主干路距离{v}公里，超过{}公里，请核实{}",
                l.value, l.cite
            ),
        );
    }
    for (value, limit, field, what) in [
        (
            c.farmland_mu,
            &limits.farmland_max_mu,
            "farmland_mu",
            "耕地",
        ),
        (c.forest_mu, &limits.forest_max_mu, "forest_mu", "林地"),
        (
            c.grassland_mu,
            &limits.grassland_max_mu,
            "grassland_mu",
            "牧草地",
        ),
        (
            c.water_surface_mu,
            &limits.water_surface_max_mu,
            "water_surface_mu",
            "水面",
        ),
    ] {
        if let Some((v, l)) = above(value, limit) {
            out.push(
                &format!("conditions.{field}"),
                "limit.land_area",
                format!("{what}面积{v}亩，超过{}亩，请核实{}", l.value, l.cite),
            );
        }
    }
    lack_labor(h, policy, out);
    if let (Some(v), Some(l)) = (a.income.per_capita, &limits.income_floor) {
        if v < l.value {
            out.push(
                "income",
                "limit.income_floor",
                format!(
                    "{}年人均纯收入{v:.2}元，低于{}元，请核实收入是否漏记或是否需要纳入监测{}",
                    policy.year, l.value, l.cite
                ),
            );
        }
    }
}

/// 缺劳动力 of a household not yet out of risk, against its members' labour.
fn lack_labor(h: &Household, policy: &Policy, out: &mut Out) {
    let Some(m) = h.monitoring.as_ref().filter(|m| m.eliminated.is_none()) else {
        return;
    };
    let Some(k) = m.risks.iter().position(|r| *r == Risk::LackLabor) else {
        return;
    };
    let members = h.members_on(policy.as_of);
    let n = members.len() as f64;
    let able = members
        .iter()
        .filter(|p| p.labor.is_some_and(|l| l.can_work()))
        .count() as f64;
    let full = members
        .iter()
        .filter(|p| matches!(p.labor, Some(Labor::Ordinary | Labor::Skilled)))
        .count() as f64;
    let at = format!("monitoring.risks[{k}]");
    let limits = &policy.local_limits;
    if let Some(l) = limits.lack_labor_able_share.as_ref() {
        if members.len() >= 4 && able > n * l.value {
            out.push(
                &at,
                "limit.lack_labor_able",
                format!(
                    "风险类型为缺劳动力，但{n}口之家有{able}人有劳动能力，超过{}%{}",
                    l.value * 100.0,
                    l.cite
                ),
            );
        }
    }
    if let Some(l) = limits.lack_labor_full_share.as_ref() {
        if n > 0.0 && full > n * l.value {
            out.push(
                &at,
                "limit.lack_labor_full",
                format!(
                    "风险类型为缺劳动力，但普通或技能劳动力{full}人，占家庭人口超过{}%{}",
                    l.value * 100.0,
                    l.cite
                ),
            );
        }
    }
}

/// A household identified since the ceiling's date whose 12-month income per person on that
/// day, as the engine works it out, was above it (1111_18).
pub(super) fn identified_rich(h: &Household, income: Option<&f64>, policy: &Policy, out: &mut Out) {
    let (Some(m), Some(v)) = (h.monitoring.as_ref(), income) else {
        return;
    };
    let Some(l) = policy.local_limits.identification_income_ceiling.as_ref() else {
        return;
    };
    if m.identified.year() >= l.year && *v > l.value {
        out.push(
            "monitoring.identified",
            "limit.identified_income",
            format!(
                "{}纳入监测时近12个月人均纯收入{v:.2}元，高于{}元，请核实是否符合纳入条件{}",
                m.identified, l.value, l.cite
            ),
        );
    }
}
