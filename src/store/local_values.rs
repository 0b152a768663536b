//! The dated local policy values (`local_policy_values`, migration 0003): read in the
//! order they were recorded, added one row each with an audit row. Never updated: a
//! correction is a new value (a later entry with the same date wins).

use super::write::{AuditRow, Writer};
use crate::rules::{LocalParameter, LocalValue, LocalValueChange, ParamValue};
use crate::{Error, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection};

const TABLE: &str = "local_policy_values";

/// Every live value, in the order recorded.
pub(crate) fn all(conn: &Connection) -> Result<Vec<LocalValue>> {
    let mut stmt = conn.prepare_cached(
        "SELECT parameter, value, valid_from, doc, reason, recorded_at, operator
         FROM local_policy_values WHERE deleted = 0 ORDER BY rowid",
    )?;
    let rows = stmt.query_map([], |r| {
        Ok((
            r.get::<_, String>(0)?,
            r.get::<_, f64>(1)?,
            r.get::<_, String>(2)?,
            r.get::<_, Option<String>>(3)?,
            r.get::<_, String>(4)?,
            r.get::<_, String>(5)?,
            r.get::<_, String>(6)?,
        ))
    })?;
    let mut out = Vec::new();
    for row in rows {
        let (code, value, from, doc, reason, recorded_at, operator) = row?;
        let parameter = LocalParameter::from_code(&code)
            .ok_or_else(|| Error::Format(format!("本地政策参数“{code}”无法识别")))?;
        let from = NaiveDate::parse_from_str(&from, "%Y-%m-%d")
            .map_err(|_| Error::Format(format!("本地政策参数{code}的起始日期“{from}”无法读取")))?;
        let value = if parameter.is_flag() {
            ParamValue::Flag(value != 0.0)
        } else {
            ParamValue::Number(value)
        };
        out.push(LocalValue {
            parameter,
            value,
            from,
            doc,
            reason,
            recorded_at,
            operator,
        });
    }
    Ok(out)
}

impl Writer<'_> {
    /// Records one dated value (already checked) with its audit row.
    pub fn add_local_value(&self, change: &LocalValueChange, reason: &str) -> Result<LocalValue> {
        let id = uuid::Uuid::new_v4().to_string();
        let stored = match change.value {
            ParamValue::Number(n) => n,
            ParamValue::Flag(b) => f64::from(u8::from(b)),
        };
        let doc = change
            .doc
            .as_deref()
            .map(str::trim)
            .filter(|d| !d.is_empty())
            .map(str::to_string);
        self.tx
            .prepare_cached(
                "INSERT INTO local_policy_values
                 (id, parameter, value, valid_from, doc, reason, recorded_at, operator, updated_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?7)",
            )?
            .execute(params![
                id,
                change.parameter.code(),
                stored,
                change.from.to_string(),
                doc,
                reason,
                self.at,
                self.operator
            ])?;
        let value = LocalValue {
            parameter: change.parameter,
            value: change.value,
            from: change.from,
            doc,
            reason: reason.to_string(),
            recorded_at: self.at.clone(),
            operator: self.operator.to_string(),
        };
        self.audit(AuditRow {
            table: TABLE,
            record_id: &id,
            household_id: None,
            action: "insert",
            field: Some(change.parameter.code()),
            old: None,
            new: Some(value.describe()),
            reason: Some(reason),
        })?;
        Ok(value)
    }
}

impl super::Ledger {
    /// The stored dated local values, in the order they were recorded.
    pub(crate) fn stored_local_values(&self) -> Result<Vec<LocalValue>> {
        all(self.conn())
    }
}
