//! Assessment over the ledger: resolving the policy from the cadre's local policy (see
//! `local_policy.rs`) and running the pure rules engine on stored households and villages.

use crate::model::Household;
use crate::rules::{self, Overrides, Policy};
use crate::store::Ledger;
use crate::{Error, Result};
use chrono::NaiveDate;

/// Resolves the policy in force for `year` as of `as_of` (default 31 December), from the
/// ledger's local policy and the run's overrides.
/// The village's region and province fill in what the local policy leaves empty.
pub fn policy_for(
    ledger: &Ledger,
    village: &crate::model::Village,
    year: i32,
    as_of: Option<NaiveDate>,
    overrides: &Overrides,
) -> Result<Policy> {
    let as_of = match as_of {
        Some(d) => d,
        None => rules::year_end(year).ok_or_else(|| Error::Invalid(format!("年度{year}无效")))?,
    };
    let mut local = ledger.local_policy()?;
    local.region = local.region.or(village.region);
    if local.province.is_none() {
        local.province = village.province.clone();
    }
    Ok(rules::resolve(year, as_of, &local, overrides)?)
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
            "年度{year}不在可打印的范围内（2013年至今年{}年）",
            today.year()
        )));
    }
    let end = rules::year_end(year).ok_or_else(|| Error::Invalid(format!("年度{year}无效")))?;
    Ok(end.min(today.max(NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(end))))
}

/// Every live household of a village, loaded whole.
pub fn village_households(ledger: &Ledger, village_id: &str) -> Result<Vec<Household>> {
    crate::store::read::household_ids(ledger.conn(), village_id)?
        .iter()
        .map(|id| ledger.household(id).map(|s| s.household))
        .collect()
}
