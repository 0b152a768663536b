//! Ledger settings (operator name, local policy, card options) as audited key/value rows.

use super::write::{AuditRow, Writer};
use super::Ledger;
use crate::Result;
use rusqlite::{params, Connection, OptionalExtension};

/// The ledger's settings, each one audited key/value row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Setting {
    /// Who works on the ledger (named on every audit row).
    Operator,
    /// The undated local policy (region, province, county) as JSON.
    LocalPolicy,
    /// Whether cards print ID numbers masked.
    MaskIds,
    /// Days without a visit after which a household needs attention.
    StaleDays,
    /// The same for a monitored household (防返贫监测对象: visited more often).
    MonitoredStaleDays,
    /// This ledger's id, named in the exchange bundles it writes.
    LedgerId,
    /// The id the ledger had before it was restored from a backup (its next bundle to each
    /// receiver says so, and is reviewed there without the bases of the old id).
    RestoredFrom,
}

impl Setting {
    /// The key of its row (kept as the ledgers written so far have them).
    pub fn key(self) -> &'static str {
        match self {
            Setting::Operator => "operator",
            Setting::LocalPolicy => "local_policy",
            Setting::MaskIds => "card_mask_ids",
            Setting::StaleDays => "app_stale_days",
            Setting::MonitoredStaleDays => "app_monitored_stale_days",
            Setting::LedgerId => "ledger_id",
            Setting::RestoredFrom => "ledger_restored_from",
        }
    }
}

pub(crate) fn get(conn: &Connection, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

impl Writer<'_> {
    /// A setting's value, read inside the write.
    pub fn setting(&self, setting: Setting) -> Result<Option<String>> {
        get(&self.tx, setting.key())
    }

    /// Sets a setting; a changed value leaves an audit row with the old and new value.
    pub fn set_setting(&self, setting: Setting, value: &str, reason: Option<&str>) -> Result<()> {
        let key = setting.key();
        super::check_reason(reason)?;
        let old = get(&self.tx, key)?;
        if old.as_deref() == Some(value) {
            return Ok(());
        }
        self.tx.execute(
            "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value, revision = revision + 1, updated_at = excluded.updated_at",
            params![key, value, self.at],
        )?;
        self.audit(AuditRow {
            table: "settings",
            record_id: key,
            household_id: None,
            action: if old.is_some() { "update" } else { "insert" },
            field: Some(key),
            old,
            new: Some(value.to_string()),
            reason,
        })
    }
}

impl Ledger {
    /// A setting's value, if set.
    pub fn setting(&self, setting: Setting) -> Result<Option<String>> {
        get(self.conn(), setting.key())
    }

    /// Sets a setting in its own transaction (audited).
    pub fn set_setting(
        &mut self,
        setting: Setting,
        value: &str,
        reason: Option<&str>,
    ) -> Result<()> {
        self.with_tx(|w| w.set_setting(setting, value, reason))
    }
}
