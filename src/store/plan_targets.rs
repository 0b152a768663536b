//! The yearly plan targets of a village or a township (规划脱贫户数/人数), with the document
//! they come from: set (replacing, audited) and read.

use super::write::AuditRow;
use super::Ledger;
use crate::{Error, Result};
use serde::{Deserialize, Serialize};

/// One year's target of an area.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct PlanTarget {
    /// The 12-digit village code or the 9-digit township code.
    pub area: String,
    pub year: i32,
    /// 规划脱贫户数.
    pub households: u32,
    /// 规划脱贫人数.
    pub persons: u32,
    /// The plan it comes from (title, 文号).
    pub doc: Option<String>,
}

/// The first and last year a plan target may be set for (建档立卡 to the end of 脱贫攻坚).
pub const PLAN_YEARS: (i32, i32) = (2014, 2020);

impl PlanTarget {
    fn check(&self) -> Result<()> {
        if !(self.area.len() == 9 || self.area.len() == 12)
            || !self.area.bytes().all(|b| b.is_ascii_digit())
        {
            return Err(Error::Invalid(format!(
                "“{}”不是村代码（12位数字）或乡镇代码（9位数字）",
                self.area
            )));
        }
        let (first, last) = PLAN_YEARS;
        if !(first..=last).contains(&self.year) {
            return Err(Error::Invalid(format!(
                "规划年度应在{first}至{last}年之间，而不是{}年",
                self.year
            )));
        }
        if self.persons < self.households {
            return Err(Error::Invalid(format!(
                "{}年规划脱贫{}人少于{}户：人数应不少于户数",
                self.year, self.persons, self.households
            )));
        }
        Ok(())
    }

    fn describe(&self) -> String {
        let mut text = format!(
            "{}年规划脱贫{}户{}人",
            self.year, self.households, self.persons
        );
        if let Some(doc) = self.doc.as_deref().filter(|d| !d.is_empty()) {
            text.push_str(&format!("（{doc}）"));
        }
        text
    }
}

impl Ledger {
    /// The targets of the areas whose code starts with `prefix` (a township's code gives the
    /// township's and its villages'), by area and year.
    pub fn plan_targets(&self, prefix: &str) -> Result<Vec<PlanTarget>> {
        let mut stmt = self.conn().prepare_cached(
            "SELECT area, year, households, persons, doc FROM plan_targets
             WHERE substr(area, 1, length(?1)) = ?1 ORDER BY area, year",
        )?;
        let rows = stmt.query_map([prefix], |r| {
            Ok(PlanTarget {
                area: r.get(0)?,
                year: r.get(1)?,
                households: r.get(2)?,
                persons: r.get(3)?,
                doc: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Sets an area's target for a year (replacing the one stored), in one transaction with
    /// its audit row. Refused: a code that is neither a village's nor a township's, a year
    /// outside 2014–2020, fewer persons than households.
    pub fn set_plan_target(&mut self, target: &PlanTarget) -> Result<()> {
        target.check()?;
        let old = self
            .plan_targets(&target.area)?
            .into_iter()
            .find(|t| t.area == target.area && t.year == target.year);
        if old.as_ref() == Some(target) {
            return Ok(());
        }
        let record = format!("{}/{}", target.area, target.year);
        self.with_tx(|w| {
            w.conn().execute(
                "INSERT INTO plan_targets (area, year, households, persons, doc, recorded_at, operator)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
                 ON CONFLICT (area, year) DO UPDATE SET households = excluded.households,
                     persons = excluded.persons, doc = excluded.doc,
                     recorded_at = excluded.recorded_at, operator = excluded.operator",
                rusqlite::params![
                    target.area,
                    target.year,
                    target.households,
                    target.persons,
                    target.doc,
                    w.at(),
                    w.operator,
                ],
            )?;
            w.audit(AuditRow {
                table: "plan_targets",
                record_id: &record,
                household_id: None,
                action: if old.is_some() { "update" } else { "insert" },
                field: None,
                old: old.as_ref().map(PlanTarget::describe),
                new: Some(target.describe()),
                reason: target.doc.as_deref(),
            })
        })
    }
}
