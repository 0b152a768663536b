//! Saving a village, its cadres and whole households (the aggregate with every record).
//!
//! A household is saved as a whole: changed fields are updated and audited, new records
//! inserted, records no longer present kept as tombstones. Validation runs first and a
//! failure writes nothing. A change of status requires a reason.

use super::facts::Scope;
use super::rows::{cadre_cols, child_rows, household_cols, village_cols, Row, CHILD_TABLES};
use super::write::{Change, Writer};
use crate::model::{self, Cadre, Effective, Household, Provenance, Village};
use crate::validate::{self, Finding, Severity};
use crate::{Error, Result};
use chrono::NaiveDate;
use rusqlite::{params, OptionalExtension};
use std::collections::HashSet;

/// When a write takes effect and why: the write's effective date (a change in life from a
/// date, or a correction), its reason and the decision's 文号, and today's date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct WriteOptions<'a> {
    pub effective: Effective,
    pub reason: Option<&'a str>,
    pub doc: Option<&'a str>,
    pub today: NaiveDate,
}

impl<'a> WriteOptions<'a> {
    /// A change in life from today (the default for the app's forms).
    pub fn today(today: NaiveDate, reason: Option<&'a str>) -> WriteOptions<'a> {
        WriteOptions {
            effective: Effective::Change { from: today },
            reason,
            doc: None,
            today,
        }
    }

    /// The reason and 文号 as audit text: one line each, of bounded length.
    fn check(&self) -> Result<()> {
        super::check_reason(self.reason)?;
        super::check_reason(self.doc)
    }

    pub(crate) fn provenance(&self) -> Provenance<'a> {
        Provenance {
            reason: self.reason,
            doc: self.doc,
        }
    }
}

pub(crate) fn bad_history(e: model::BadHistory, household: &str) -> Error {
    Error::Validation(vec![Finding {
        severity: Severity::Error,
        household: household.to_string(),
        path: e.path,
        rule: "history.value".into(),
        message: e.message,
    }])
}

/// What saving a household did.
#[derive(Debug, Clone, PartialEq)]
pub struct Saved {
    pub household_id: String,
    pub revision: i64,
    pub change: Change,
    /// Warnings stored with the household (never blocking).
    pub warnings: Vec<Finding>,
}

/// Why `code` cannot be the code of a village new to the ledger, as the finding at
/// `village.code`: a new village's code is its 12-digit 统计用区划代码. A shorter code, or
/// one in full-width digits, is a mistyped code, not a village (a phantom the households
/// would move to); villages the ledger already has keep theirs.
pub(crate) fn village_code_refused(code: &str) -> Option<Finding> {
    if code.len() == 12 && code.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let full_width = code.chars().any(|c| ('０'..='９').contains(&c));
    Some(Finding {
        severity: Severity::Error,
        household: String::new(),
        path: "village.code".into(),
        rule: "village.code.form".into(),
        message: format!(
            "村代码“{code}”不是12位数字：新建的村应使用本村的12位统计用区划代码（如360729101001）{}。请核对村代码；未写入任何数据，台账保持不变",
            if full_width { "，全角数字请改为半角" } else { "" }
        ),
    })
}

impl Writer<'_> {
    /// Inserts or updates a village as of the write's effective date (its facts keep
    /// their history); returns its id (a new village gets `id`).
    pub fn save_village_at(&self, id: &str, v: &Village, opts: &WriteOptions) -> Result<String> {
        opts.check()?;
        let stored = super::read::village_where(&self.tx, "code = ?1", &v.code)?;
        if let Some(refused) = stored
            .is_none()
            .then(|| village_code_refused(&v.code))
            .flatten()
        {
            return Err(Error::Validation(vec![refused]));
        }
        let id = stored
            .as_ref()
            .map(|s| s.id.clone())
            .unwrap_or_else(|| id.to_string());
        let mut v = v.clone();
        model::merge_village(
            &mut v,
            stored.as_ref().map(|s| &s.village),
            opts.effective,
            &opts.provenance(),
            opts.today,
        )
        .map_err(|e| bad_history(e, ""))?;
        self.upsert(
            &Row {
                table: "villages",
                id: id.clone(),
                cols: village_cols(&v),
            },
            None,
            opts.reason,
        )?;
        let before = stored.map(|s| s.village.history).unwrap_or_default();
        self.write_periods(Scope::Village, &id, None, &before, &v.history, opts.reason)?;
        Ok(id)
    }

    /// Inserts or updates a cadre of a village as of the write's effective date (unit and
    /// position keep their history).
    pub fn save_cadre_at(
        &self,
        village_id: &str,
        c: &Cadre,
        opts: &WriteOptions,
    ) -> Result<Change> {
        if c.name.trim().is_empty() {
            return Err(Error::Invalid(format!(
                "帮扶责任人（编号{}）的姓名不能为空",
                c.id
            )));
        }
        let stored = super::read::cadre(&self.tx, village_id, &c.id)?;
        let mut c = c.clone();
        model::merge_cadre(
            &mut c,
            stored.as_ref(),
            opts.effective,
            &opts.provenance(),
            opts.today,
        )
        .map_err(|e| bad_history(e, ""))?;
        let change = self.upsert(
            &Row {
                table: "cadres",
                id: c.id.clone(),
                cols: cadre_cols(village_id, &c),
            },
            None,
            opts.reason,
        )?;
        let before = stored.map(|s| s.history).unwrap_or_default();
        let wrote =
            self.write_periods(Scope::Cadre, &c.id, None, &before, &c.history, opts.reason)?;
        Ok(if wrote && change == Change::Unchanged {
            Change::Updated
        } else {
            change
        })
    }

    /// Validates and saves one household with all its records, its changed facts as a
    /// change in life from today.
    pub fn save_household(
        &self,
        village_id: &str,
        household: &Household,
        reason: Option<&str>,
        today: NaiveDate,
    ) -> Result<Saved> {
        let cadres = super::read::cadres(&self.tx, village_id)?;
        self.save_household_at(
            village_id,
            household,
            &cadres,
            &WriteOptions::today(today, reason),
        )
    }

    /// Validates and saves one household as of the write's effective date: facts that
    /// differ from the ones in force then start a period (a change) or replace their
    /// period's value (a correction); dated records are saved as they come.
    /// A record id another household holds is refused naming that household.
    pub fn save_household_at(
        &self,
        village_id: &str,
        household: &Household,
        cadres: &[Cadre],
        opts: &WriteOptions,
    ) -> Result<Saved> {
        self.save_household_as_of(village_id, household, cadres, opts)
            .map_err(|e| self.explain_id_clash(e, village_id, household))
    }

    fn save_household_as_of(
        &self,
        village_id: &str,
        household: &Household,
        cadres: &[Cadre],
        opts: &WriteOptions,
    ) -> Result<Saved> {
        opts.check()?;
        let (reason, today) = (opts.reason, opts.today);
        let mut h = household.clone();
        h.assign_missing_ids();
        let findings = validate::check_household(&h, cadres, today, "");
        let errors = validate::errors_only(&findings);
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        self.check_code_free(village_id, &h)?;
        let exists: Option<bool> = self
            .tx
            .query_row(
                "SELECT deleted FROM households WHERE id = ?1",
                [&h.id],
                |r| r.get(0),
            )
            .optional()?;
        let stored = match exists {
            Some(false) => Some(super::read::household(&self.tx, &h.id)?.household),
            _ => None,
        };
        model::merge_household(
            &mut h,
            stored.as_ref(),
            opts.effective,
            &opts.provenance(),
            today,
        )
        .map_err(|e| bad_history(e, &h.code))?;
        let mut change = match exists {
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
            Some(_) => {
                let old_status = stored.as_ref().and_then(|s| s.status);
                let dated = |h: &Household| -> Vec<(Option<NaiveDate>, serde_json::Value)> {
                    model::periods_of(&h.history, "status")
                        .iter()
                        .map(|p| (p.from, p.value.clone()))
                        .collect()
                };
                let moved = stored
                    .as_ref()
                    .is_some_and(|s| s.status != h.status || dated(s) != dated(&h));
                if moved && reason.is_none_or(|r| r.trim().is_empty()) {
                    return Err(Error::Invalid(format!(
                        "户{}的状态由“{}”改为“{}”，必须填写变更原因",
                        h.code,
                        status_label(old_status.map(|s| s.code())),
                        status_label(h.status.map(|s| s.code()))
                    )));
                }
                self.update_household(village_id, &h, reason)?
            }
        };
        if self.write_household_periods(&h, stored.as_ref(), reason)? && change == Change::Unchanged
        {
            self.tx.execute(
                "UPDATE households SET revision = revision + 1, updated_at = ?1 WHERE id = ?2",
                params![self.at, h.id],
            )?;
            change = Change::Updated;
        }
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

    /// Writes the periods of the household and its members that the merge added or changed.
    fn write_household_periods(
        &self,
        h: &Household,
        stored: Option<&Household>,
        reason: Option<&str>,
    ) -> Result<bool> {
        let hid = Some(h.id.as_str());
        let none = Vec::new();
        let mut wrote = self.write_periods(
            Scope::Household,
            &h.id,
            hid,
            stored.map(|s| &s.history).unwrap_or(&none),
            &h.history,
            reason,
        )?;
        for m in &h.members {
            let before = stored
                .and_then(|s| s.members.iter().find(|o| o.id == m.id))
                .map(|o| &o.history)
                .unwrap_or(&none);
            wrote |= self.write_periods(Scope::Member, &m.id, hid, before, &m.history, reason)?;
        }
        Ok(wrote)
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
        super::check_reason(Some(reason))?;
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
