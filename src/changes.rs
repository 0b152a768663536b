//! The audit trail in words: a household's 修改记录 and the ledger's 变更记录 (every change
//! by anyone, newest first, page by page, with the household it touched).

use crate::store::{AuditEntry, Ledger};
use crate::Result;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One change as the cadre reads it: who did what when, with the field, the old and new
/// value in words, and the reason given.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct ChangeRecord {
    /// When (local time as recorded, `YYYY-MM-DD HH:MM:SS`).
    pub at: String,
    pub operator: String,
    /// 新增, 修改, 删除, 恢复, 导入.
    pub action: String,
    /// What was touched: the record kind, and the field when one field changed (成员 · 健康状况).
    pub what: String,
    pub old: Option<String>,
    pub new: Option<String>,
    pub reason: Option<String>,
}

impl From<AuditEntry> for ChangeRecord {
    fn from(e: AuditEntry) -> ChangeRecord {
        let table = crate::store::table_label(&e.table).to_string();
        let field = e.field.as_deref().map(crate::model::field_label);
        let what = match field {
            Some(f) if e.action == "update" => format!("{table} · {f}"),
            _ => table,
        };
        let words = |v: &Option<String>| {
            v.as_ref().map(|text| {
                let value = serde_json::from_str(text)
                    .unwrap_or_else(|_| serde_json::Value::String(text.clone()));
                crate::model::value_label(e.field.as_deref().unwrap_or(""), &value)
            })
        };
        ChangeRecord {
            action: e.action_label().to_string(),
            old: if e.action == "update" {
                words(&e.old_value)
            } else {
                None
            },
            new: words(&e.new_value),
            what,
            at: e.at,
            operator: e.operator,
            reason: e.reason,
        }
    }
}

/// Which changes of the ledger to show.
#[derive(Debug, Clone, Default, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct ChangeQuery {
    /// Only this operator's.
    pub operator: Option<String>,
    /// Only from this day on.
    pub since: Option<NaiveDate>,
    /// The page after the one that ended here (`ChangePage::more`).
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub before: Option<i64>,
}

/// A change of the ledger with the household it touched.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LedgerChange {
    pub household_id: Option<String>,
    /// `张三户（3607291010010001）`; none for ledger-wide changes (settings, cadres …).
    pub household: Option<String>,
    pub change: ChangeRecord,
}

/// One page of the ledger's 变更记录, newest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ChangePage {
    pub changes: Vec<LedgerChange>,
    /// Pass as `before` for the next page; none when this is the last.
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub more: Option<i64>,
    /// Everyone who has changed the ledger (the operator filter).
    pub operators: Vec<String>,
}

/// Rows per page.
pub const PAGE: u32 = 200;

/// A page of the ledger's 变更记录.
pub fn ledger_changes(ledger: &Ledger, q: &ChangeQuery) -> Result<ChangePage> {
    let since = q.since.map(|d| d.to_string());
    let rows = ledger.audit_page(q.before, PAGE + 1, q.operator.as_deref(), since.as_deref())?;
    let more = (rows.len() > PAGE as usize).then(|| rows[PAGE as usize - 1].seq);
    let mut names: std::collections::HashMap<String, Option<String>> = Default::default();
    let mut changes = Vec::with_capacity(rows.len().min(PAGE as usize));
    for e in rows.into_iter().take(PAGE as usize) {
        let household = match &e.household_id {
            Some(id) => match names.get(id) {
                Some(name) => name.clone(),
                None => {
                    let name = household_name(ledger, id);
                    names.insert(id.clone(), name.clone());
                    name
                }
            },
            None => None,
        };
        changes.push(LedgerChange {
            household_id: e.household_id.clone(),
            household,
            change: ChangeRecord::from(e),
        });
    }
    Ok(ChangePage {
        changes,
        more,
        operators: ledger.audit_operators()?,
    })
}

/// `张三户（户编号）`, or the household's code alone when it has no head; none when the
/// ledger no longer has it.
fn household_name(ledger: &Ledger, id: &str) -> Option<String> {
    let stored = ledger.household(id).ok()?;
    let h = &stored.household;
    Some(match h.head() {
        Some(m) => format!("{}户（{}）", m.name, h.code),
        None => format!("户编号{}", h.code),
    })
}
