//! The app's settings (设置): operator, local policy, card options and the visit period,
//! read together and saved in one transaction (every change audited).

use crate::local_policy::stored_policy;
use crate::rules::LocalPolicy;
use crate::store::{check_operator, Ledger, Setting};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// Days without a visit after which 首页 lists a household, unless set.
pub const DEFAULT_STALE_DAYS: u32 = 90;
/// The same for a monitored household (a visit a month), unless set.
pub const DEFAULT_MONITORED_STALE_DAYS: u32 = 30;
/// The longest visit period that can be set (ten years).
const MAX_STALE_DAYS: u32 = 3650;

/// Everything the 设置 screen edits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppSettings {
    /// The operator whose name goes on every audit row (empty when never set).
    pub operator: String,
    pub local_policy: LocalPolicy,
    /// Print ID numbers masked on cards.
    pub mask_ids: bool,
    /// Days without a visit after which a household needs attention.
    pub stale_days: u32,
    /// The same for a monitored household (防返贫监测对象).
    pub monitored_stale_days: u32,
}

impl AppSettings {
    /// The 走访周期 by category.
    pub fn visit_cycles(&self) -> crate::attention::VisitCycles {
        crate::attention::VisitCycles {
            general: i64::from(self.stale_days),
            monitored: i64::from(self.monitored_stale_days),
        }
    }
}

/// Reads the settings from the ledger.
pub fn load(ledger: &Ledger) -> Result<AppSettings> {
    let days = |setting: Setting, default: u32| -> Result<u32> {
        match ledger.setting(setting)? {
            Some(text) => text
                .parse()
                .map_err(|_| Error::Format(format!("走访提醒天数“{text}”无法读取"))),
            None => Ok(default),
        }
    };
    let stale_days = days(Setting::StaleDays, DEFAULT_STALE_DAYS)?;
    let monitored_stale_days = days(Setting::MonitoredStaleDays, DEFAULT_MONITORED_STALE_DAYS)?;
    Ok(AppSettings {
        operator: ledger.setting(Setting::Operator)?.unwrap_or_default(),
        local_policy: ledger.local_policy()?,
        mask_ids: ledger.mask_ids()?,
        stale_days,
        monitored_stale_days,
    })
}

/// Saves what changed in one transaction (each change leaves an audit row; a change of the
/// local policy needs `reason`) and makes the operator current.
pub fn save(ledger: &mut Ledger, new: &AppSettings, reason: Option<&str>) -> Result<AppSettings> {
    if new.operator.trim().is_empty() {
        return Err(Error::Invalid(
            "请填写操作员姓名（写入每一条修改记录）".into(),
        ));
    }
    let operator = check_operator(&new.operator)?;
    for (what, days) in [
        ("走访提醒天数", new.stale_days),
        ("监测户走访提醒天数", new.monitored_stale_days),
    ] {
        if !(1..=MAX_STALE_DAYS).contains(&days) {
            return Err(Error::Invalid(format!(
                "{what}应在1到{MAX_STALE_DAYS}之间，填写的是{days}"
            )));
        }
    }
    let old = load(ledger)?;
    let policy = if old.local_policy != new.local_policy {
        if reason.is_none_or(|r| r.trim().is_empty()) {
            return Err(Error::Invalid(
                "修改本地政策须填写原因（记入修改记录）".into(),
            ));
        }
        Some(stored_policy(&new.local_policy)?)
    } else {
        None
    };
    ledger.with_tx(|w| {
        if old.operator != operator {
            w.set_setting(Setting::Operator, &operator, reason)?;
        }
        if let Some(text) = &policy {
            w.set_setting(Setting::LocalPolicy, text, reason)?;
        }
        if old.mask_ids != new.mask_ids {
            let mask = if new.mask_ids { "true" } else { "false" };
            w.set_setting(Setting::MaskIds, mask, Some("打印设置"))?;
        }
        if old.stale_days != new.stale_days {
            w.set_setting(Setting::StaleDays, &new.stale_days.to_string(), reason)?;
        }
        if old.monitored_stale_days != new.monitored_stale_days {
            let days = new.monitored_stale_days.to_string();
            w.set_setting(Setting::MonitoredStaleDays, &days, reason)?;
        }
        Ok(())
    })?;
    ledger.set_operator(&operator)?;
    load(ledger)
}
