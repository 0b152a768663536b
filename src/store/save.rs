//! Saving a village, its cadres and whole households (the aggregate with every record).
//!
//! A household is saved as a whole: changed fields are updated and audited, new records
//! inserted, records no longer present kept as tombstones. Validation runs first and a
//! failure writes nothing. A change of status requires a reason.

use super::rows::{cadre_cols, child_rows, household_cols, village_cols, Row, CHILD_TABLES};
use super::write::{Change, Writer};
use crate::model::{Cadre, Household, Village};
use crate::validate::{self, Finding, Severity};
use crate::{Error, Result};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use std::collections::HashSet;

/// What saving a household did.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    pub household_id: String,
    pub revision: i64,
    pub change: Change,
    /// Warnings stored with the household (never blocking).
    pub warnings: Vec<Finding>,
}

impl Writer<'_> {
    /// Inserts or updates a village; returns its id (a new village gets `id`).
    pub fn save_village(&self, id: &str, v: &Village, reason: Option<&str>) -> Result<String> {
        let existing: Option<String> = self
            .tx
            .query_row(
                "SELECT id FROM villages WHERE code = ?1 AND deleted = 0",
                [&v.code],
                |r| r.get(0),
            )
            .optional()?;
        let id = existing.unwrap_or_else(|| id.to_string());
        self.upsert(
            &Row {
                table: "villages",
                id: id.clone(),
                cols: village_cols(v),
            },
            None,
            reason,
        )?;
        Ok(id)
    }

    /// Inserts or updates a cadre of a village.
    pub fn save_cadre(&self, village_id: &str, c: &Cadre, reason: Option<&str>) -> Result<Change> {
        if c.name.trim().is_empty() {
            return Err(Error::Invalid(format!(
                "帮扶责任人（编号{}）的姓名不能为空",
                c.id
            )));
        }
        self.upsert(
            &Row {
                table: "cadres",
                id: c.id.clone(),
                cols: cadre_cols(village_id, c),
            },
            None,
            reason,
        )
    }

    /// Validates and saves one household with all its records. Findings' paths are
    /// prefixed with `path` (e.g. `households[3]`).
    pub fn save_household(
        &self,
        village_id: &str,
        household: &Household,
        reason: Option<&str>,
        today: NaiveDate,
    ) -> Result<Saved> {
        let cadres = super::read::cadres(&self.tx, village_id)?;
        self.save_household_with(village_id, household, &cadres, reason, today)
    }

    /// `save_household` with the village's cadres already at hand (bulk imports).
    pub fn save_household_with(
        &self,
        village_id: &str,
        household: &Household,
        cadres: &[Cadre],
        reason: Option<&str>,
        today: NaiveDate,
    ) -> Result<Saved> {
        let mut h = household.clone();
        h.assign_missing_ids();
        let findings = validate::check_household(&h, cadres, today, "");
        let errors = validate::errors_only(&findings);
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        self.check_code_free(village_id, &h)?;
        let stored: Option<Option<String>> = self
            .tx
            .query_row(
                "SELECT status FROM households WHERE id = ?1",
                [&h.id],
                |r| r.get(0),
            )
            .optional()?;
        let change = match stored {
            None => {
                self.insert(
                    &Row {
                        table: "households",
                        id: h.id.clone(),
                        cols: household_cols(village_id, &h),
                    },
                    Some(&h.id),
                    reason,
                )?;
                for row in child_rows(&h) {
                    self.insert(&row, Some(&h.id), reason)?;
                }
                Change::Inserted
            }
            Some(old_status) => {
                let new_status = h.status.map(|s| s.code().to_string());
                if old_status != new_status && reason.is_none_or(|r| r.trim().is_empty()) {
                    return Err(Error::Invalid(format!(
                        "户{}的状态由“{}”改为“{}”，必须填写变更原因",
                        h.code,
                        status_label(old_status.as_deref()),
                        status_label(new_status.as_deref())
                    )));
                }
                self.update_household(village_id, &h, reason)?
            }
        };
        let warnings: Vec<Finding> = findings
            .into_iter()
            .filter(|f| f.severity == Severity::Warning)
            .collect();
        self.store_findings(&h.id, &warnings)?;
        let revision = self.tx.query_row(
            "SELECT revision FROM households WHERE id = ?1",
            [&h.id],
            |r| r.get(0),
        )?;
        Ok(Saved {
            household_id: h.id,
            revision,
            change,
            warnings,
        })
    }

    fn check_code_free(&self, village_id: &str, h: &Household) -> Result<()> {
        let other: Option<String> = self
            .tx
            .prepare_cached("SELECT id FROM households WHERE village_id = ?1 AND code = ?2 AND deleted = 0 AND id <> ?3")?
            .query_row(params![village_id, h.code, h.id], |r| r.get(0))
            .optional()?;
        match other {
            Some(_) => Err(Error::Invalid(format!(
                "户编号{}已被本村另一户使用",
                h.code
            ))),
            None => Ok(()),
        }
    }

    fn update_household(
        &self,
        village_id: &str,
        h: &Household,
        reason: Option<&str>,
    ) -> Result<Change> {
        let hid = Some(h.id.as_str());
        let own = self.upsert(
            &Row {
                table: "households",
                id: h.id.clone(),
                cols: household_cols(village_id, h),
            },
            hid,
            reason,
        )?;
        let mut children_changed = false;
        let rows = child_rows(h);
        for table in CHILD_TABLES {
            let incoming: Vec<&Row> = rows.iter().filter(|r| r.table == *table).collect();
            let names: Vec<&str> = incoming
                .first()
                .map(|r| r.cols.iter().map(|(n, _)| *n).collect())
                .unwrap_or_default();
            let stored = self.stored_children(table, &names, &h.id)?;
            let mut seen = HashSet::new();
            for row in &incoming {
                seen.insert(row.id.as_str());
                let change = match stored.get(&row.id) {
                    None => {
                        self.insert(row, hid, reason)?;
                        Change::Inserted
                    }
                    Some((deleted, old)) => self.update(row, *deleted, old, hid, reason)?,
                };
                children_changed |= change != Change::Unchanged;
            }
            for (id, (deleted, _)) in &stored {
                if !deleted && !seen.contains(id.as_str()) {
                    self.tombstone(table, id, hid, reason)?;
                    children_changed = true;
                }
            }
        }
        if own == Change::Unchanged && children_changed {
            self.tx.execute(
                "UPDATE households SET revision = revision + 1, updated_at = ?1 WHERE id = ?2",
                params![self.at, h.id],
            )?;
        }
        Ok(if own == Change::Unchanged && !children_changed {
            Change::Unchanged
        } else {
            Change::Updated
        })
    }

    fn store_findings(&self, household_id: &str, warnings: &[Finding]) -> Result<()> {
        self.tx
            .prepare_cached("DELETE FROM findings WHERE household_id = ?1")?
            .execute([household_id])?;
        let mut stmt = self.tx.prepare_cached(
            "INSERT INTO findings (household_id, severity, path, rule, message) VALUES (?1, 'warning', ?2, ?3, ?4)",
        )?;
        for w in warnings {
            stmt.execute(params![household_id, w.path, w.rule, w.message])?;
        }
        Ok(())
    }

    /// Deletes a household (kept as a tombstone with its records); a reason is required.
    pub fn delete_household(&self, household_id: &str, reason: &str) -> Result<()> {
        if reason.trim().is_empty() {
            return Err(Error::Invalid("删除农户必须填写原因".into()));
        }
        for table in CHILD_TABLES {
            for id in self.stored_children(table, &[], household_id)?.into_keys() {
                self.tombstone(table, &id, Some(household_id), Some(reason))?;
            }
        }
        self.tombstone("households", household_id, Some(household_id), Some(reason))
    }
}

fn status_label(code: Option<&str>) -> &'static str {
    code.and_then(crate::codes::Status::from_code)
        .map(|s| s.label())
        .unwrap_or("未填写")
}
