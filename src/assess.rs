//! Assessment over the ledger: resolving the policy from the cadre's local policy (see
//! `local_policy.rs`) and running the pure rules engine on stored households and villages.

use crate::model::{Household, Village};
use crate::rules::{self, Overrides, Policy};
use crate::store::Ledger;
use crate::{Error, Result};
use chrono::NaiveDate;

pub use crate::model::FIRST_YEAR;

/// Resolves the policy in force for `year` as of `as_of` (default 31 December), from the
/// ledger's local policy and the run's overrides.
/// The village's region and province fill in what the local policy leaves empty.
pub fn policy_for(
    ledger: &Ledger,
    village: &Village,
    year: i32,
    as_of: Option<NaiveDate>,
    overrides: &Overrides,
) -> Result<Policy> {
    let as_of = match as_of {
        Some(d) => d,
        None => rules::year_end(year).ok_or_else(|| Error::Invalid(format!("年度{year}无效")))?,
    };
    policy_with(ledger.local_policy()?, village, year, as_of, overrides)
}

/// Resolves `year`'s policy on `as_of` from a local policy, the village's region and
/// province filling in what it leaves empty.
fn policy_with(
    mut local: rules::LocalPolicy,
    village: &Village,
    year: i32,
    as_of: NaiveDate,
    overrides: &Overrides,
) -> Result<Policy> {
    local.region = local.region.or(village.region);
    if local.province.is_none() {
        local.province = village.province.clone();
    }
    Ok(rules::resolve(year, as_of, &local, overrides)?)
}

/// A village as it stood on a day, with the policy a year is judged by then: what its
/// assessment (the report, the spec's JSON, the inspector's list) is made of.
#[derive(Debug, Clone)]
pub struct VillageOn {
    pub village: Village,
    /// The households registered on the day, as they stood then.
    pub households: Vec<Household>,
    pub policy: Policy,
}

impl VillageOn {
    /// The village's assessment: incidence, village exit and the inspector's list.
    pub fn assess(&self) -> rules::VillageAssessment<'_> {
        rules::assess_village(&self.village, &self.households, &self.policy)
    }
}

/// A village of the ledger (by code, else the ledger's only village) on `on`, judged by
/// `year`'s policy with the run's overrides.
pub fn village_on(
    ledger: &Ledger,
    code: Option<&str>,
    year: i32,
    on: NaiveDate,
    overrides: &Overrides,
) -> Result<VillageOn> {
    let stored = chosen_village(ledger, code)?;
    let village = stored.village.as_of(on);
    let households = village_households_on(ledger, &stored.id, on)?;
    let policy = policy_for(ledger, &village, year, Some(on), overrides)?;
    Ok(VillageOn {
        village,
        households,
        policy,
    })
}

/// The village of an exchange document on `on`, judged by `year`'s policy with the run's
/// overrides (no ledger, so no local policy: the lines of the village's province and the
/// country).
pub fn document_on(
    document: crate::model::VillageDocument,
    year: i32,
    on: NaiveDate,
    overrides: &Overrides,
) -> Result<VillageOn> {
    let village = document.village.as_of(on);
    let households = crate::model::into_households_on(document.households, on);
    let policy = policy_with(rules::LocalPolicy::default(), &village, year, on, overrides)?;
    Ok(VillageOn {
        village,
        households,
        policy,
    })
}

/// The policy a paper or screen of `year` judges by, as of `on` (the ledger's local
/// policy, no one-off overrides).
pub fn paper_policy(
    ledger: &Ledger,
    village: &crate::model::Village,
    year: i32,
    on: NaiveDate,
) -> Result<Policy> {
    policy_for(ledger, village, year, Some(on), &Overrides::default())
}

/// The households of a village registered on `date`, as they stood then.
pub fn village_households_on(
    ledger: &Ledger,
    village_id: &str,
    date: NaiveDate,
) -> Result<Vec<Household>> {
    Ok(crate::model::into_households_on(
        village_households(ledger, village_id)?,
        date,
    ))
}

/// The date a paper of `year` printed on `today` reads the ledger at: the end of the year,
/// or today for the year still running.
pub fn paper_date(year: i32, today: NaiveDate) -> Result<NaiveDate> {
    use chrono::Datelike;
    if !(2013..=today.year()).contains(&year) {
        return Err(Error::Invalid(format!(
            "年度{year}不在台账的年度范围内（2013年至今年{}年）",
            today.year()
        )));
    }
    let end = rules::year_end(year).ok_or_else(|| Error::Invalid(format!("年度{year}无效")))?;
    Ok(end.min(today.max(NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(end))))
}

/// Every live household of a village, loaded whole.
pub fn village_households(ledger: &Ledger, village_id: &str) -> Result<Vec<Household>> {
    Ok(ledger
        .village_households(village_id, crate::store::Records::All)?
        .into_iter()
        .map(|s| s.household)
        .collect())
}

/// The village a command means: the one given by code, else the ledger's only village.
pub fn chosen_village(ledger: &Ledger, code: Option<&str>) -> Result<crate::store::StoredVillage> {
    if let Some(code) = code.filter(|c| !c.is_empty()) {
        return ledger.village(code);
    }
    let mut all = ledger.villages()?;
    match all.len() {
        1 => Ok(all.remove(0)),
        0 => Err(Error::NotFound("台账中的行政村".into())),
        n => Err(Error::Invalid(format!(
            "台账中有{n}个村，请用 --village 村代码 指定"
        ))),
    }
}

/// 数据核查 of a village for `year` (default: this year), read on the year's paper date:
/// every finding as one list, paths as in that year's export.
pub fn village_check(
    ledger: &Ledger,
    village_code: Option<&str>,
    year: Option<i32>,
    overrides: &Overrides,
    today: NaiveDate,
) -> Result<Vec<crate::check::CheckFinding>> {
    use chrono::Datelike;
    let stored = chosen_village(ledger, village_code)?;
    let year = year.unwrap_or(today.year());
    let on = paper_date(year, today)?;
    let policy = policy_for(ledger, &stored.village, year, Some(on), overrides)?;
    let households = village_households_on(ledger, &stored.id, on)?;
    let cadres: Vec<_> = ledger
        .cadres(&stored.id)?
        .iter()
        .map(|c| c.as_of(on))
        .collect();
    let at_identification =
        incomes_at_identification(ledger, &stored.village, &households, &policy, overrides)?;
    let elsewhere = households_elsewhere(ledger, &stored.id, &households, on)?;
    Ok(crate::check::check_village(&crate::check::CheckInput {
        households: &households,
        cadres: &cadres,
        policy: &policy,
        on,
        today,
        at_identification: &at_identification,
        elsewhere: &elsewhere,
        village: Some(&stored.village.as_of(on)),
    }))
}

/// The households of the ledger's other villages, as they stood on `on`, that hold one of
/// the people registered then in `households` (a township's or county's ledger).
fn households_elsewhere(
    ledger: &Ledger,
    village_id: &str,
    households: &[Household],
    on: NaiveDate,
) -> Result<Vec<crate::check::Elsewhere>> {
    let people: Vec<&str> = households
        .iter()
        .flat_map(|h| {
            h.members
                .iter()
                .filter(move |m| h.is_registered_on(m, on))
                .filter_map(|m| m.citizen_id())
        })
        .collect();
    let mut out = Vec::new();
    for id in ledger.households_elsewhere_holding(village_id, &people)? {
        let stored = ledger.household(&id)?;
        let village = ledger.village_by_id(&stored.village_id)?.village;
        let Some(household) = crate::model::into_households_on(vec![stored.household], on).pop()
        else {
            continue; // not registered then
        };
        out.push(crate::check::Elsewhere {
            village: format!("{}（{}）", village.name, village.code),
            household,
        });
    }
    Ok(out)
}

/// The engine's 12-month 人均纯收入 of each monitored household on the day it was
/// identified, under that day's policy, where the village's province limits it
/// (`identification_income_ceiling`, 1111_18); empty elsewhere (nothing to judge).
fn incomes_at_identification(
    ledger: &Ledger,
    village: &crate::model::Village,
    households: &[crate::model::Household],
    policy: &rules::Policy,
    overrides: &Overrides,
) -> Result<std::collections::HashMap<String, f64>> {
    use chrono::Datelike;
    let mut out = std::collections::HashMap::new();
    if policy.local_limits.identification_income_ceiling.is_none() {
        return Ok(out);
    }
    // One policy per day of identification (many households share one).
    let mut policies: std::collections::HashMap<NaiveDate, rules::Policy> = Default::default();
    for h in households {
        let Some(m) = &h.monitoring else { continue };
        let day = m.identified;
        let then = match policies.entry(day) {
            std::collections::hash_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::hash_map::Entry::Vacant(e) => e.insert(policy_for(
                ledger,
                &village.as_of(day),
                day.year(),
                Some(day),
                overrides,
            )?),
        };
        if then.local_limits.identification_income_ceiling.is_none() {
            continue;
        }
        let full = ledger.household(&h.id)?.household.as_of(day);
        if let Some(v) = rules::assess_household(&full, then)
            .income
            .window
            .per_capita
        {
            out.insert(h.id.clone(), v);
        }
    }
    Ok(out)
}

/// A household's verdicts for a year with what would change them (the app's 判定 tab).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HouseholdVerdicts<'a> {
    pub assessment: rules::Assessment<'a>,
    pub what_if: rules::WhatIf,
    /// Every field a verdict misses, in words (`missing` holds the paths).
    pub places: Vec<crate::model::FieldPlace>,
    /// The parameters cited, as documents (the addresses on demand).
    pub basis: Vec<rules::Basis>,
}

/// One household judged on the year's facts (as at the end of the year, or today for the
/// year still running) under the year's policy; a household not registered then is
/// refused with the reason.
pub fn household_verdicts(
    ledger: &Ledger,
    id: &str,
    year: i32,
    today: NaiveDate,
) -> Result<serde_json::Value> {
    let stored = ledger.household(id)?;
    let village = ledger.village_by_id(&stored.village_id)?;
    let on = paper_date(year, today)?;
    if let Some(why) = stored
        .household
        .registration_on(on)
        .explain(&stored.household.code, on)
    {
        return Err(Error::Invalid(why));
    }
    let household = stored.household.as_of(on);
    let policy = policy_for(
        ledger,
        &village.village.as_of(on),
        year,
        Some(on),
        &Overrides::default(),
    )?;
    let assessment = rules::assess_household(&household, &policy);
    let what_if = rules::what_if(&household, &policy, &assessment);
    let mut places: Vec<crate::model::FieldPlace> = Vec::new();
    for path in assessment.verdicts.iter().flat_map(|v| &v.missing) {
        if !places.iter().any(|p| &p.path == path) {
            places.push(crate::model::FieldPlace::of(&household, path));
        }
    }
    serde_json::to_value(HouseholdVerdicts {
        assessment,
        what_if,
        places,
        basis: rules::basis(&policy),
    })
    .map_err(|e| Error::Invalid(format!("判定结果无法转换：{e}")))
}
