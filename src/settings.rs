//! The app's settings (设置): operator, local policy, card options and the visit period,
//! read together and saved in one transaction (every change audited).

use crate::local_policy::stored_policy;
use crate::rules::LocalPolicy;
use crate::store::{check_operator, Ledger, Setting};
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// Days without a visit after which 首页 lists a household, unless set.
pub const DEFAULT_STALE_DAYS: u32 = 90;
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
}

/// Reads the settings from the ledger.
pub fn load(ledger: &Ledger) -> Result<AppSettings> {
    let stale_days = match ledger.setting(Setting::StaleDays)? {
        Some(text) => text
            .parse()
            .map_err(|_| Error::Format(format!("走访提醒天数“{text}”无法读取")))?,
        None => DEFAULT_STALE_DAYS,
    };
    Ok(AppSettings {
        operator: ledger.setting(Setting::Operator)?.unwrap_or_default(),
        local_policy: ledger.local_policy()?,
        mask_ids: ledger.mask_ids()?,
        stale_days,
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
    if !(1..=MAX_STALE_DAYS).contains(&new.stale_days) {
        return Err(Error::Invalid(format!(
            "走访提醒天数应在1到{MAX_STALE_DAYS}之间，填写的是{}",
            new.stale_days
        )));
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
        Ok(())
    })?;
    ledger.set_operator(&operator)?;
    load(ledger)
}
