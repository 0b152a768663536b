//! Why a household's save broke a record id's uniqueness: which of its records' ids another
//! household already holds (in this village or another), named for the cadre. Looked up
//! only after SQLite refused the save, so a load that goes well pays nothing for it.

use super::Writer;
use crate::model::ids::held_ids;
use crate::model::Household;
use crate::validate::{Finding, Severity};
use crate::{Error, Result};
use rusqlite::OptionalExtension;

/// What a record of `table` is called.
fn what(table: &str) -> &'static str {
    match table {
        "members" => "家庭成员",
        "income_lines" => "收入一本账记录",
        "expenses" => "生产经营支出记录",
        "rigid_expenses" => "刚性支出记录",
        "pairings" => "结对帮扶记录",
        "visits" => "走访记录",
        "measures" => "帮扶措施记录",
        "monitoring" => "监测记录",
        "member_events" => "人口变动记录",
        _ => "记录",
    }
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
        for held in held_ids(h) {
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
            // Deleted before, or by this very import (the file no longer lists it there,
            // though the import is refused and nothing is deleted): in words true of both.
            let deleted = if deleted {
                "（该户已不再列有这条记录）"
            } else {
                ""
            };
            let what = what(held.table);
            found.push(Finding {
                severity: Severity::Error,
                household: h.code.clone(),
                path: held.path(),
                rule: "id.other_household".into(),
                message: format!(
                    "记录编号“{}”已属于{whose}的{}{deleted}；导入不会把记录从一户移到另一户。请给这条{}另取编号，或删去这个编号（系统会自动生成）",
                    held.id, what, what
                ),
            });
        }
        Ok(found)
    }
}
