//! Why a household's save broke a record id's uniqueness: which of its records' ids another
//! household already holds (in this village or another), named for the cadre. Looked up
//! only after SQLite refused the save, so a load that goes well pays nothing for it.

use super::Writer;
use crate::model::Household;
use crate::validate::{Finding, Severity};
use crate::{Error, Result};
use rusqlite::OptionalExtension;

/// One record id of a household: its table, its path in the exchange file, what the
/// record is called.
struct HeldId<'h> {
    table: &'static str,
    path: String,
    what: &'static str,
    id: &'h str,
}

/// Adds the ids of one list (`key` naming the id in each record).
fn add<'h>(
    out: &mut Vec<HeldId<'h>>,
    (table, list, what): (&'static str, &str, &'static str),
    key: &str,
    ids: Vec<Option<&'h String>>,
) {
    for (i, id) in ids.into_iter().enumerate() {
        if let Some(id) = id {
            out.push(HeldId {
                table,
                path: format!("{list}[{i}].{key}"),
                what,
                id: id.as_str(),
            });
        }
    }
}

/// Every record id of a household but its own.
fn ids_of(h: &Household) -> Vec<HeldId<'_>> {
    let mut out = Vec::new();
    let members = h.members.iter().map(|m| Some(&m.id)).collect();
    add(&mut out, ("members", "members", "家庭成员"), "id", members);
    let lists = [
        (
            ("income_lines", "income", "收入一本账记录"),
            h.income.iter().map(|r| r.id.as_ref()).collect(),
        ),
        (
            ("expenses", "expenses", "生产经营支出记录"),
            h.expenses.iter().map(|r| r.id.as_ref()).collect(),
        ),
        (
            ("rigid_expenses", "rigid_expenses", "刚性支出记录"),
            h.rigid_expenses.iter().map(|r| r.id.as_ref()).collect(),
        ),
        (
            ("pairings", "pairings", "结对帮扶记录"),
            h.pairings.iter().map(|r| r.id.as_ref()).collect(),
        ),
        (
            ("visits", "visits", "走访记录"),
            h.visits.iter().map(|r| r.id.as_ref()).collect(),
        ),
        (
            ("measures", "measures", "帮扶措施记录"),
            h.measures.iter().map(|r| r.id.as_ref()).collect(),
        ),
        (
            ("member_events", "events", "人口变动记录"),
            h.events.iter().map(|r| r.id.as_ref()).collect::<Vec<_>>(),
        ),
    ];
    for (list, ids) in lists {
        add(&mut out, list, "x_id", ids);
    }
    if let Some(id) = h.monitoring.as_ref().and_then(|m| m.id.as_ref()) {
        out.push(HeldId {
            table: "monitoring",
            path: "monitoring.x_id".into(),
            what: "监测记录",
            id: id.as_str(),
        });
    }
    out
}

impl Writer<'_> {
    /// `e`, the failure of saving `h`, explained when SQLite refused a record id that another
    /// household holds: one error per such id, naming that household and its village (the
    /// paths relative to the household). Any other failure is returned as it was.
    pub(crate) fn explain_id_clash(&self, e: Error, village_id: &str, h: &Household) -> Error {
        let Error::Storage(ref cause) = e else {
            return e;
        };
        if cause.sqlite_error_code() != Some(rusqlite::ErrorCode::ConstraintViolation) {
            return e;
        }
        match self.ids_held_elsewhere(village_id, h) {
            Ok(found) if !found.is_empty() => Error::Validation(found),
            _ => e,
        }
    }

    fn ids_held_elsewhere(&self, village_id: &str, h: &Household) -> Result<Vec<Finding>> {
        let mut found = Vec::new();
        for held in ids_of(h) {
            let sql = format!(
                "SELECT r.household_id, r.deleted, h.code, v.id, v.code, v.name FROM {} r
                 JOIN households h ON h.id = r.household_id
                 JOIN villages v ON v.id = h.village_id WHERE r.id = ?1",
                held.table
            );
            let owner: Option<(String, bool, String, String, String, String)> = self
                .conn()
                .prepare_cached(&sql)?
                .query_row([held.id], |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                    ))
                })
                .optional()?;
            let Some((household_id, deleted, code, owner_village, village_code, village_name)) =
                owner
            else {
                continue;
            };
            if household_id == h.id {
                continue;
            }
            let whose = if owner_village == village_id {
                format!("本村户{code}")
            } else {
                format!("{village_name}（村代码{village_code}）户{code}")
            };
            let deleted = if deleted { "（已删除）" } else { "" };
            found.push(Finding {
                severity: Severity::Error,
                household: h.code.clone(),
                path: held.path,
                rule: "id.other_household".into(),
                message: format!(
                    "记录编号“{}”已属于{whose}的{}{deleted}；导入不会把记录从一户移到另一户。请给这条{}另取编号，或删去这个编号（系统会自动生成）",
                    held.id, held.what, held.what
                ),
            });
        }
        Ok(found)
    }
}
