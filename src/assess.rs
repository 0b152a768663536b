//! Assessment over the ledger: the cadre's local policy (stored in settings, audited) and
//! running the pure rules engine on stored households and villages.

use crate::model::Household;
use crate::rules::{self, LocalPolicy, Overrides, Policy};
use crate::store::Ledger;
use crate::{Error, Result};
use chrono::NaiveDate;

const LOCAL_POLICY_KEY: &str = "local_policy";

impl Ledger {
    /// The cadre's local policy (empty if never set).
    pub fn local_policy(&self) -> Result<LocalPolicy> {
        match self.setting(LOCAL_POLICY_KEY)? {
            None => Ok(LocalPolicy::default()),
            Some(text) => serde_json::from_str(&text)
                .map_err(|e| Error::Format(format!("本地政策参数无法读取：{e}"))),
        }
    }

    /// Replaces the local policy; the change leaves an audit row with old and new values.
    pub fn set_local_policy(&mut self, policy: &LocalPolicy, reason: Option<&str>) -> Result<()> {
        for (name, v) in [
            ("低保标准", policy.dibao_line),
            ("监测范围", policy.monitoring_line),
            ("省定标准", policy.provincial_standard),
        ] {
            if let Some(v) = v {
                if !(v.is_finite() && v > 0.0) {
                    return Err(Error::Invalid(format!(
                        "{name}应为正数（元/人·年），填写的是{v}"
                    )));
                }
            }
        }
        let text = serde_json::to_string(policy).map_err(|e| Error::Format(e.to_string()))?;
        self.set_setting(LOCAL_POLICY_KEY, &text, reason)
    }
}

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

/// The households of a village registered on `date`, as they stood then.
pub fn village_households_on(
    ledger: &Ledger,
    village_id: &str,
    date: NaiveDate,
) -> Result<Vec<Household>> {
    Ok(crate::model::households_on(
        &village_households(ledger, village_id)?,
        date,
    ))
}

/// The date a paper of `year` printed on `today` reads the ledger at: the end of the year,
/// or today for the year still running.
pub fn paper_date(year: i32, today: NaiveDate) -> Result<NaiveDate> {
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
