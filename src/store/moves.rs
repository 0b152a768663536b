//! Moving a household to another village: the one way a household changes village (an
//! import or a merge never does). The household row takes the new village with an audit
//! row naming both villages and the reason; its records stay with it. Which cadres come
//! along is decided in `exchange::moves`.

use super::write::{AuditRow, Writer};
use crate::{Error, Result};
use rusqlite::params;

impl Writer<'_> {
    /// Puts a live household in another village (by row id), audited with `reason`.
    pub fn move_household_row(
        &self,
        household_id: &str,
        to_village_id: &str,
        from_label: &str,
        to_label: &str,
        reason: &str,
    ) -> Result<()> {
        if reason.trim().is_empty() {
            return Err(Error::Invalid("迁移农户必须填写原因（--reason）".into()));
        }
        super::check_reason(Some(reason))?;
        let n = self.tx.execute(
            "UPDATE households SET village_id = ?1, revision = revision + 1, updated_at = ?2
             WHERE id = ?3 AND deleted = 0 AND village_id <> ?1",
            params![to_village_id, self.at, household_id],
        )?;
        if n == 0 {
            return Err(Error::Invalid(format!(
                "农户{household_id}不存在、已删除或已在目标村"
            )));
        }
        self.audit(AuditRow {
            table: "households",
            record_id: household_id,
            household_id: Some(household_id),
            action: "update",
            field: Some("village_id"),
            old: Some(from_label.to_string()),
            new: Some(to_label.to_string()),
            reason: Some(&format!("迁移农户：{reason}")),
        })
    }
}
