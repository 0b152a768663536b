//! The only place that writes: a transaction with the session's operator, where every
//! insert, update and delete (tombstone) leaves an audit row.

use super::rows::{audit_text, Row, UNAUDITED};
use crate::Result;
use rusqlite::types::Value;
use rusqlite::{params, OptionalExtension, Transaction};
use std::collections::HashMap;

/// What a write did to one record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Change {
    Inserted,
    Updated,
    Unchanged,
}

/// A write transaction. Created by `Ledger::with_tx`; commits only if the closure succeeds.
pub struct Writer<'a> {
    pub(crate) tx: Transaction<'a>,
    pub(crate) operator: &'a str,
    pub(crate) at: String,
    /// The audit chain's head (sequence number, hash) as this transaction extends it.
    pub(crate) head: std::cell::RefCell<Option<(i64, String)>>,
    /// The indexes a load into an empty ledger has dropped (`bulk_load.rs`); `None` for
    /// any other write.
    pub(crate) load: std::cell::RefCell<Option<super::bulk_load::Load>>,
}

/// One audit row.
pub(crate) struct AuditRow<'r> {
    pub table: &'r str,
    pub record_id: &'r str,
    pub household_id: Option<&'r str>,
    pub action: &'r str,
    pub field: Option<&'r str>,
    pub old: Option<String>,
    pub new: Option<String>,
    pub reason: Option<&'r str>,
}

impl<'a> Writer<'a> {
    /// The underlying transaction, for reads inside the write (the store's own).
    pub(crate) fn conn(&self) -> &rusqlite::Connection {
        &self.tx
    }

    /// The timestamp every row of this transaction carries.
    pub fn at(&self) -> &str {
        &self.at
    }

    pub(crate) fn audit(&self, a: AuditRow) -> Result<()> {
        let mut head = self.head.borrow_mut();
        if head.is_none() {
            *head = Some(super::chain::tail(&self.tx)?);
        }
        let (last, previous) = head.as_ref().expect("head loaded above");
        let seq = last + 1;
        let link = super::chain::Link {
            seq,
            at: &self.at,
            operator: self.operator,
            table: a.table,
            record_id: a.record_id,
            household_id: a.household_id,
            action: a.action,
            field: a.field,
            old: a.old.as_deref(),
            new: a.new.as_deref(),
            reason: a.reason,
        };
        let hash = super::chain::append(&self.tx, previous, &link)?;
        *head = Some((seq, hash));
        Ok(())
    }

    /// Inserts a row known to be new, with its audit row.
    pub(crate) fn insert(
        &self,
        row: &Row,
        household_id: Option<&str>,
        reason: Option<&str>,
    ) -> Result<()> {
        let names: Vec<&str> = row.cols.iter().map(|(n, _)| *n).collect();
        let marks: Vec<String> = (0..names.len() + 2)
            .map(|i| format!("?{}", i + 1))
            .collect();
        let sql = format!(
            "INSERT INTO {} (id, {}, updated_at) VALUES ({})",
            row.table,
            names.join(", "),
            marks.join(", ")
        );
        let mut values: Vec<&dyn rusqlite::ToSql> = Vec::with_capacity(names.len() + 2);
        values.push(&row.id);
        for (_, v) in &row.cols {
            values.push(v);
        }
        values.push(&self.at);
        self.tx.prepare_cached(&sql)?.execute(values.as_slice())?;
        self.audit(AuditRow {
            table: row.table,
            record_id: &row.id,
            household_id,
            action: "insert",
            field: None,
            old: None,
            new: describe(row),
            reason,
        })
    }

    /// Inserts or updates a row, auditing each changed field. A tombstoned row that comes
    /// back is restored. Returns what changed.
    pub(crate) fn upsert(
        &self,
        row: &Row,
        household_id: Option<&str>,
        reason: Option<&str>,
    ) -> Result<Change> {
        let names: Vec<&str> = row.cols.iter().map(|(n, _)| *n).collect();
        let sql = format!(
            "SELECT deleted, {} FROM {} WHERE id = ?1",
            names.join(", "),
            row.table
        );
        let stored: Option<(bool, Vec<Value>)> = self
            .tx
            .prepare_cached(&sql)?
            .query_row([&row.id], |r| {
                let deleted: bool = r.get(0)?;
                let values = (0..names.len())
                    .map(|i| r.get::<_, Value>(i + 1))
                    .collect::<rusqlite::Result<Vec<_>>>()?;
                Ok((deleted, values))
            })
            .optional()?;
        match stored {
            None => {
                self.insert(row, household_id, reason)?;
                Ok(Change::Inserted)
            }
            Some((deleted, old)) => self.update(row, deleted, &old, household_id, reason),
        }
    }

    /// Updates the changed fields of a stored row (given its stored values).
    pub(crate) fn update(
        &self,
        row: &Row,
        deleted: bool,
        old: &[Value],
        household_id: Option<&str>,
        reason: Option<&str>,
    ) -> Result<Change> {
        let changed: Vec<usize> = (0..row.cols.len())
            .filter(|&i| !same(&row.cols[i].1, &old[i]))
            .collect();
        if changed.is_empty() && !deleted {
            return Ok(Change::Unchanged);
        }
        let sets: Vec<String> = changed
            .iter()
            .enumerate()
            .map(|(k, &i)| format!("{} = ?{}", row.cols[i].0, k + 1))
            .collect();
        let mut sql = format!("UPDATE {} SET ", row.table);
        for s in &sets {
            sql.push_str(s);
            sql.push_str(", ");
        }
        sql.push_str(&format!(
            "deleted = 0, revision = revision + 1, updated_at = ?{} WHERE id = ?{}",
            sets.len() + 1,
            sets.len() + 2
        ));
        let mut values: Vec<&dyn rusqlite::ToSql> = changed
            .iter()
            .map(|&i| &row.cols[i].1 as &dyn rusqlite::ToSql)
            .collect();
        values.push(&self.at);
        values.push(&row.id);
        self.tx.prepare_cached(&sql)?.execute(values.as_slice())?;
        if deleted {
            self.audit(AuditRow {
                table: row.table,
                record_id: &row.id,
                household_id,
                action: "restore",
                field: None,
                old: None,
                new: describe(row),
                reason,
            })?;
        }
        for &i in &changed {
            let (name, new) = &row.cols[i];
            if UNAUDITED.contains(name) {
                continue;
            }
            self.audit(AuditRow {
                table: row.table,
                record_id: &row.id,
                household_id,
                action: "update",
                field: Some(name),
                old: audit_text(&old[i]),
                new: audit_text(new),
                reason,
            })?;
        }
        Ok(Change::Updated)
    }

    /// Marks a row deleted (kept as a tombstone) with its audit row.
    pub(crate) fn tombstone(
        &self,
        table: &str,
        id: &str,
        household_id: Option<&str>,
        reason: Option<&str>,
    ) -> Result<()> {
        let sql = format!("UPDATE {table} SET deleted = 1, revision = revision + 1, updated_at = ?1 WHERE id = ?2 AND deleted = 0");
        let n = self
            .tx
            .prepare_cached(&sql)?
            .execute(params![self.at, id])?;
        if n > 0 {
            self.audit(AuditRow {
                table,
                record_id: id,
                household_id,
                action: "delete",
                field: None,
                old: None,
                new: None,
                reason,
            })?;
        }
        Ok(())
    }

    /// The stored rows of one child table of a household: id → (deleted, values of `names`).
    pub(crate) fn stored_children(
        &self,
        table: &str,
        names: &[&str],
        household_id: &str,
    ) -> Result<HashMap<String, (bool, Vec<Value>)>> {
        let cols = if names.is_empty() {
            String::new()
        } else {
            format!(", {}", names.join(", "))
        };
        let sql = format!("SELECT id, deleted{cols} FROM {table} WHERE household_id = ?1");
        let mut stmt = self.tx.prepare_cached(&sql)?;
        let rows = stmt.query_map([household_id], |r| {
            let id: String = r.get(0)?;
            let deleted: bool = r.get(1)?;
            let values = (0..names.len())
                .map(|i| r.get::<_, Value>(i + 2))
                .collect::<rusqlite::Result<Vec<_>>>()?;
            Ok((id, (deleted, values)))
        })?;
        Ok(rows.collect::<rusqlite::Result<HashMap<_, _>>>()?)
    }
}

/// Equality as stored: integers and reals compare by value.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Real(x), Value::Integer(y)) | (Value::Integer(y), Value::Real(x)) => {
            *x == *y as f64
        }
        _ => a == b,
    }
}

/// A short label of a record for the audit trail (its name, item, content or code).
fn describe(row: &Row) -> Option<String> {
    ["name", "code", "item", "content", "kind", "date", "start"]
        .iter()
        .find_map(|key| {
            row.cols
                .iter()
                .find(|(n, _)| n == key)
                .and_then(|(_, v)| audit_text(v))
        })
}
