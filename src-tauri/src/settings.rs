//! The app's settings (设置): operator, local policy, card options and the visit period,
//! each kept in the ledger's settings table through the core (every change audited).

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use yibentong::rules::LocalPolicy;
use yibentong::store::Ledger;
use yibentong::{Error, Result};

const OPERATOR_KEY: &str = "operator";
const STALE_DAYS_KEY: &str = "app_stale_days";
/// Days without a visit after which 首页 lists a household, unless set.
pub const DEFAULT_STALE_DAYS: u32 = 90;

/// Everything the 设置 screen edits.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, TS)]
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
    let stale_days = match ledger.setting(STALE_DAYS_KEY)? {
        Some(text) => text
            .parse()
            .map_err(|_| Error::Format(format!("走访提醒天数“{text}”无法读取")))?,
        None => DEFAULT_STALE_DAYS,
    };
    Ok(AppSettings {
        operator: ledger.setting(OPERATOR_KEY)?.unwrap_or_default(),
        local_policy: ledger.local_policy()?,
        mask_ids: ledger.mask_ids()?,
        stale_days,
    })
}

/// Saves what changed (each change leaves an audit row) and makes the operator current.
pub fn save(ledger: &mut Ledger, new: &AppSettings, reason: Option<&str>) -> Result<AppSettings> {
    if new.operator.trim().is_empty() {
        return Err(Error::Invalid(
            "请填写操作员姓名（写入每一条修改记录）".into(),
        ));
    }
    let operator = &yibentong::store::check_operator(&new.operator)?;
    if !(1..=3650).contains(&new.stale_days) {
        return Err(Error::Invalid(format!(
            "走访提醒天数应在1到3650之间，填写的是{}",
            new.stale_days
        )));
    }
    let old = load(ledger)?;
    if &old.operator != operator {
        ledger.set_setting(OPERATOR_KEY, operator, reason)?;
    }
    ledger.set_operator(operator)?;
    if old.local_policy != new.local_policy {
        ledger.set_local_policy(&new.local_policy, reason)?;
    }
    if old.mask_ids != new.mask_ids {
        ledger.set_mask_ids(new.mask_ids)?;
    }
    if old.stale_days != new.stale_days {
        ledger.set_setting(STALE_DAYS_KEY, &new.stale_days.to_string(), reason)?;
    }
    load(ledger)
}
