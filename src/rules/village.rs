//! 贫困村退出 and the village assessment: incidence, the village-exit verdict, every
//! household's assessment and the inspector's list.
//!
//! 贫困发生率 = members (registered on `as_of`) of households whose status is 未脱贫 or
//! 返贫 ÷ the village's registered rural population. The village may exit when the rate
//! is at or below the region's threshold (以下 includes the number). A household without
//! a recorded status may or may not count: the verdict is `unknown` only when that
//! uncertainty could change it.

use super::household::assess_household;
use super::inspector::{inspect, Inspector};
use super::policy::Policy;
use super::verdict::{Assessment, Outcome, Quantity, Reason, Rule, Verdict};
use super::wording::{cite, percent};
use crate::codes::Status;
use crate::model::{Household, Village};
use chrono::NaiveDate;
use serde::Serialize;

/// The last year 贫困发生率 was measured (脱贫攻坚 ended in 2020): papers and the 首页 show
/// it up to this year only.
pub const LAST_INCIDENCE_YEAR: i32 = 2020;

/// A village assessment; the first seven keys are the contract of issue 3.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct VillageAssessment<'a> {
    /// Village code.
    pub village: &'a str,
    pub year: i32,
    pub incidence: Option<f64>,
    pub poor_persons: u32,
    pub rural_population: Option<u32>,
    /// One `village_exit` verdict with `incidence` and `threshold`.
    pub verdicts: Vec<Verdict>,
    pub households: Vec<Assessment<'a>>,
    pub as_of: NaiveDate,
    pub name: &'a str,
    pub inspector: Inspector,
}

/// Persons counted as poor: members of households marked 未脱贫 or 返贫, and the
/// members of households with no status (who may or may not count).
pub(crate) fn poor_persons(households: &[Household], as_of: NaiveDate) -> (u32, u32, Vec<String>) {
    let mut poor = 0u32;
    let mut uncertain = 0u32;
    let mut missing = Vec::new();
    for (i, h) in households.iter().enumerate() {
        let n = h.members_on(as_of).len() as u32;
        match h.status {
            Some(Status::Poor | Status::Relapsed) => poor += n,
            Some(_) => {}
            None => {
                uncertain += n;
                missing.push(format!("households[{i}].status"));
            }
        }
    }
    (poor, uncertain, missing)
}

/// The `village_exit` verdict.
pub fn village_exit(village: &Village, households: &[Household], policy: &Policy) -> Verdict {
    let (poor, uncertain, status_missing) = poor_persons(households, policy.as_of);
    let mut missing = Vec::new();
    let population = village.rural_population.filter(|p| *p > 0);
    if population.is_none() {
        missing.push("village.rural_population".to_string());
    }
    let region = village.region.or(policy.region);
    if region.is_none() {
        missing.push("village.region".to_string());
    }
    let threshold = region.map(|r| policy.village_exit_threshold(r));
    let incidence = population.map(|p| f64::from(poor) / f64::from(p));
    let (outcome, text) = match (population, threshold) {
        (Some(pop), Some(t)) => {
            let low = f64::from(poor) / f64::from(pop);
            let high = f64::from(poor + uncertain) / f64::from(pop);
            let what = format!(
                "贫困发生率{}（未脱贫及返贫人口{poor}人÷农村户籍人口{pop}人），{}年{}贫困村退出标准为{}以下",
                percent(low),
                t.year,
                t.region,
                percent(t.value)
            );
            if high <= t.value {
                (
                    Outcome::Yes,
                    format!("{what}，已达到（基础设施和公共服务另行核验）{}", cite(t)),
                )
            } else if low > t.value {
                (Outcome::No, format!("{what}，尚未达到{}", cite(t)))
            } else {
                missing.extend(status_missing);
                (
                    Outcome::Unknown,
                    format!(
                        "{what}；另有{uncertain}人所在户未记录户状态，无法判断{}",
                        cite(t)
                    ),
                )
            }
        }
        _ => (
            Outcome::Unknown,
            "缺少农村户籍人口或所在区域，无法计算贫困发生率或确定退出标准".to_string(),
        ),
    };
    let reason = Reason {
        criterion: "incidence",
        met: match outcome {
            Outcome::Yes => Some(true),
            Outcome::No => Some(false),
            Outcome::Unknown => None,
        },
        value: incidence.map(Quantity::Number),
        threshold: threshold.map(|t| Quantity::Number(t.value)),
        text,
        shortfall: None,
    };
    Verdict {
        rule: Rule::VillageExit,
        outcome,
        kind: None,
        incidence,
        threshold: threshold.map(|t| t.value),
        reasons: vec![reason],
        missing,
    }
}

/// Assesses every household, on all cores (the rules are pure: households are independent).
pub fn assess_all<'a>(households: &'a [Household], policy: &'a Policy) -> Vec<Assessment<'a>> {
    use rayon::prelude::*;
    households
        .par_iter()
        .map(|h| assess_household(h, policy))
        .collect()
}

/// Assesses a village: every household, the village-exit verdict and the inspector's list.
pub fn assess_village<'a>(
    village: &'a Village,
    households: &'a [Household],
    policy: &'a Policy,
) -> VillageAssessment<'a> {
    let assessments = assess_all(households, policy);
    let exit = village_exit(village, households, policy);
    let inspector = inspect(
        &exit,
        village.rural_population,
        households,
        &assessments,
        policy,
    );
    VillageAssessment {
        village: &village.code,
        year: policy.year,
        incidence: exit.incidence,
        poor_persons: inspector.poor_persons,
        rural_population: village.rural_population,
        verdicts: vec![exit],
        households: assessments,
        as_of: policy.as_of,
        name: &village.name,
        inspector,
    }
}

/// The inspector's list alone (assesses every household, keeps only the list).
pub fn inspect_village(village: &Village, households: &[Household], policy: &Policy) -> Inspector {
    assess_village(village, households, policy).inspector
}
