//! Dated facts in storage: loading a record's periods (`fact_periods`) into the model,
//! and writing the periods a merge produced, each new or changed one with its audit row.
//! The merge itself (change or correction) is pure, in `model::history`.

use super::write::{AuditRow, Writer};
use crate::model::{FactKind, FactPeriod};
use crate::Result;
use chrono::NaiveDate;
use rusqlite::{params, Connection};
use std::collections::HashMap;

/// Which kind of record a fact belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Scope {
    Household,
    Member,
    Village,
    Cadre,
}

impl Scope {
    fn code(self) -> &'static str {
        match self {
            Scope::Household => "household",
            Scope::Member => "member",
            Scope::Village => "village",
            Scope::Cadre => "cadre",
        }
    }
}

fn period(r: &rusqlite::Row, at: usize) -> rusqlite::Result<FactPeriod> {
    let from: Option<String> = r.get(at + 1)?;
    let value: String = r.get(at + 2)?;
    let kind: String = r.get(at + 3)?;
    Ok(FactPeriod {
        field: r.get(at)?,
        from: from.and_then(|f| NaiveDate::parse_from_str(&f, "%Y-%m-%d").ok()),
        value: serde_json::from_str(&value).unwrap_or(serde_json::Value::Null),
        kind: FactKind::from_code(&kind).unwrap_or_default(),
        reason: r.get(at + 4)?,
        doc: r.get(at + 5)?,
        recorded_at: r.get(at + 6)?,
        operator: r.get(at + 7)?,
    })
}

const COLUMNS: &str = "field, valid_from, value, kind, reason, doc, recorded_at, operator";

/// The periods of a household's own facts, and of each member's (by member id).
pub(crate) type HouseholdPeriods = (Vec<FactPeriod>, HashMap<String, Vec<FactPeriod>>);

/// The periods of a household and of its members.
pub(crate) fn of_household(conn: &Connection, household_id: &str) -> Result<HouseholdPeriods> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT scope, record_id, {COLUMNS} FROM fact_periods WHERE household_id = ?1
         ORDER BY field, ifnull(valid_from, '')"
    ))?;
    let mut own = Vec::new();
    let mut members: HashMap<String, Vec<FactPeriod>> = HashMap::new();
    let rows = stmt.query_map([household_id], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, String>(1)?,
            period(r, 2)?,
        ))
    })?;
    for row in rows {
        let (scope, record, p) = row?;
        if scope == "member" {
            members.entry(record).or_default().push(p);
        } else {
            own.push(p);
        }
    }
    Ok((own, members))
}

/// The periods of one village or cadre.
pub(crate) fn of_record(
    conn: &Connection,
    scope: Scope,
    record_id: &str,
) -> Result<Vec<FactPeriod>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT {COLUMNS} FROM fact_periods WHERE scope = ?1 AND record_id = ?2
         ORDER BY field, ifnull(valid_from, '')"
    ))?;
    let rows = stmt.query_map([scope.code(), record_id], |r| period(r, 0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether two periods say the same (who wrote them and when aside).
/// A period's value as the ledger stores it: JSON text.
pub(crate) fn stored_value(p: &FactPeriod) -> String {
    serde_json::to_string(&p.value).unwrap_or_else(|_| "null".into())
}

fn same(a: &FactPeriod, b: &FactPeriod) -> bool {
    a.value == b.value && a.kind == b.kind && a.reason == b.reason && a.doc == b.doc
}

fn label(p: &FactPeriod) -> String {
    match p.from {
        Some(d) => format!("{}@{d}", p.field),
        None => p.field.clone(),
    }
}

impl Writer<'_> {
    /// Writes the periods of one record that are new or differ from `stored`; each leaves
    /// an audit row (`fact_periods`, the field with its start date, old and new value).
    /// The audit row's reason is the write's (`reason`: an import, a merge, the cadre's
    /// words), with the period's own when it differs (a merged period recorded elsewhere).
    /// Returns whether anything was written.
    pub(crate) fn write_periods(
        &self,
        scope: Scope,
        record_id: &str,
        household_id: Option<&str>,
        stored: &[FactPeriod],
        periods: &[FactPeriod],
        reason: Option<&str>,
    ) -> Result<bool> {
        let mut wrote = false;
        for p in periods {
            let old = stored
                .iter()
                .find(|q| q.field == p.field && q.from == p.from);
            if old.is_some_and(|q| same(q, p)) {
                continue;
            }
            let value = stored_value(p);
            let at = p.recorded_at.as_deref().unwrap_or(&self.at);
            let operator = p.operator.as_deref().unwrap_or(self.operator);
            self.tx
                .prepare_cached(
                    "INSERT INTO fact_periods (scope, record_id, household_id, field, valid_from, value, kind, reason, doc, recorded_at, operator)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)
                     ON CONFLICT (scope, record_id, field, ifnull(valid_from, '')) DO UPDATE SET
                       value = excluded.value, kind = excluded.kind, reason = excluded.reason,
                       doc = excluded.doc, recorded_at = excluded.recorded_at, operator = excluded.operator",
                )?
                .execute(params![
                    scope.code(),
                    record_id,
                    household_id,
                    p.field,
                    p.from.map(|d| d.to_string()),
                    value,
                    p.kind.code(),
                    p.reason,
                    p.doc,
                    at,
                    operator
                ])?;
            let field = label(p);
            let why = match (reason, p.reason.as_deref()) {
                (Some(op), Some(own)) if op != own => Some(format!("{op}；记录时的原因：{own}")),
                (Some(op), _) => Some(op.to_string()),
                (None, own) => own.map(str::to_string),
            };
            self.audit(AuditRow {
                table: "fact_periods",
                record_id,
                household_id,
                action: if old.is_some() { "update" } else { "insert" },
                field: Some(&field),
                old: old.map(|q| q.value.to_string()),
                new: Some(format!("{}（{}）", p.value, p.kind.label())),
                reason: why.as_deref(),
            })?;
            wrote = true;
        }
        Ok(wrote)
    }
}
