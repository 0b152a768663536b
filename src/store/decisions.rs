//! The dates of a household's decisions (民主评议, 公示 first and last day, 公告, 文号), kept
//! so that a notice or card prints the day things happened, not the day it is printed.

use super::write::AuditRow;
use super::Ledger;
use crate::{Error, Result};
use chrono::{Datelike, NaiveDate};
use rusqlite::OptionalExtension;

/// Which decision the dates belong to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DecisionKind {
    /// 贫困户识别.
    Identification,
    /// 脱贫退出.
    Exit,
    /// 纳入防返贫监测.
    Monitoring,
    /// 监测对象风险消除.
    RiskElimination,
}

impl DecisionKind {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            DecisionKind::Identification => "identification",
            DecisionKind::Exit => "exit",
            DecisionKind::Monitoring => "monitoring",
            DecisionKind::RiskElimination => "risk_elimination",
        }
    }

    /// What the cadre reads.
    pub fn label(self) -> &'static str {
        match self {
            DecisionKind::Identification => "贫困户识别",
            DecisionKind::Exit => "脱贫退出",
            DecisionKind::Monitoring => "纳入防返贫监测",
            DecisionKind::RiskElimination => "风险消除",
        }
    }

    /// Shortest 公示期 the procedure allows: 7 days (识别, 退出), 5 days (监测, 风险消除).
    pub fn min_publicity_days(self) -> u64 {
        match self {
            DecisionKind::Identification | DecisionKind::Exit => 7,
            DecisionKind::Monitoring | DecisionKind::RiskElimination => 5,
        }
    }
}

/// The stored dates of one household's decision in one year.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Decision {
    /// 民主评议.
    pub review_on: Option<NaiveDate>,
    /// 公示 first day.
    pub publicity_start: Option<NaiveDate>,
    /// 公示 last day.
    pub publicity_end: Option<NaiveDate>,
    /// 公告.
    pub announced_on: Option<NaiveDate>,
    /// 文号.
    pub doc: Option<String>,
}

impl Decision {
    /// The 公示期 when both days are stored.
    pub fn publicity(&self) -> Option<(NaiveDate, NaiveDate)> {
        Some((self.publicity_start?, self.publicity_end?))
    }

    /// Fills the values `other` gives, keeping the rest.
    fn merged(&self, other: &Decision) -> Decision {
        Decision {
            review_on: other.review_on.or(self.review_on),
            publicity_start: other.publicity_start.or(self.publicity_start),
            publicity_end: other.publicity_end.or(self.publicity_end),
            announced_on: other.announced_on.or(self.announced_on),
            doc: other.doc.clone().or_else(|| self.doc.clone()),
        }
    }

    /// Checks the dates against the procedure: in order, 公示 at least the minimum days.
    fn check(&self, kind: DecisionKind, year: i32) -> Result<()> {
        let days = kind.min_publicity_days();
        if let Some(start) = self.publicity_start {
            if start.year() != year {
                return Err(Error::Invalid(format!(
                    "{year}年{}的公示开始日期应在{year}年内，而不是{start}",
                    kind.label()
                )));
            }
        }
        if let (Some(start), Some(end)) = (self.publicity_start, self.publicity_end) {
            if (end - start).num_days() + 1 < days as i64 {
                return Err(Error::Invalid(format!(
                    "{}公示期不少于{days}天（{start} 至 {end} 只有{}天）",
                    kind.label(),
                    (end - start).num_days() + 1
                )));
            }
        }
        let order = [
            ("民主评议", self.review_on),
            ("公示开始", self.publicity_start),
            ("公示结束", self.publicity_end),
            ("公告", self.announced_on),
        ];
        let mut last: Option<(&str, NaiveDate)> = None;
        for (name, date) in order {
            let Some(date) = date else { continue };
            if let Some((before, at)) = last.filter(|(_, at)| date < *at) {
                return Err(Error::Invalid(format!(
                    "{name}日期（{date}）不能早于{before}日期（{at}）"
                )));
            }
            last = Some((name, date));
        }
        Ok(())
    }
}

fn date_text(d: Option<NaiveDate>) -> Option<String> {
    d.map(|d| d.to_string())
}

fn parse(text: Option<String>) -> Option<NaiveDate> {
    text.and_then(|t| NaiveDate::parse_from_str(&t, "%Y-%m-%d").ok())
}

impl Ledger {
    /// The stored dates of a household's decision of `kind` in `year`, if any.
    pub fn decision(
        &self,
        household_id: &str,
        kind: DecisionKind,
        year: i32,
    ) -> Result<Option<Decision>> {
        Ok(self
            .conn()
            .query_row(
                "SELECT review_on, publicity_start, publicity_end, announced_on, doc
                 FROM decisions WHERE household_id = ?1 AND kind = ?2 AND year = ?3",
                rusqlite::params![household_id, kind.code(), year],
                |r| {
                    Ok(Decision {
                        review_on: parse(r.get(0)?),
                        publicity_start: parse(r.get(1)?),
                        publicity_end: parse(r.get(2)?),
                        announced_on: parse(r.get(3)?),
                        doc: r.get(4)?,
                    })
                },
            )
            .optional()?)
    }

    /// Records (or completes) the dates of a household's decision, audited. Given values
    /// replace stored ones; a 公示 start without an end gets the shortest 公示期 (7 or 5
    /// days). Dates out of order or a 公示期 too short are refused.
    pub fn record_decision(
        &mut self,
        household_id: &str,
        kind: DecisionKind,
        year: i32,
        given: &Decision,
    ) -> Result<Decision> {
        let old = self.decision(household_id, kind, year)?;
        let mut d = old.clone().unwrap_or_default().merged(given);
        if let (Some(start), None) = (d.publicity_start, given.publicity_end) {
            if given.publicity_start.is_some() || d.publicity_end.is_none() {
                d.publicity_end = Some(start + chrono::Days::new(kind.min_publicity_days() - 1));
            }
        }
        d.check(kind, year)?;
        if old.as_ref() == Some(&d) {
            return Ok(d);
        }
        let record = format!("{household_id}/{}/{year}", kind.code());
        let describe = |d: &Decision| {
            format!(
                "民主评议 {}；公示 {} 至 {}；公告 {}；文号 {}",
                date_text(d.review_on).unwrap_or_default(),
                date_text(d.publicity_start).unwrap_or_default(),
                date_text(d.publicity_end).unwrap_or_default(),
                date_text(d.announced_on).unwrap_or_default(),
                d.doc.clone().unwrap_or_default()
            )
        };
        self.with_tx(|w| {
            w.conn().execute(
                "INSERT INTO decisions (household_id, kind, year, review_on, publicity_start,
                     publicity_end, announced_on, doc, recorded_at, operator)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)
                 ON CONFLICT (household_id, kind, year) DO UPDATE SET
                     review_on = excluded.review_on, publicity_start = excluded.publicity_start,
                     publicity_end = excluded.publicity_end, announced_on = excluded.announced_on,
                     doc = excluded.doc, recorded_at = excluded.recorded_at,
                     operator = excluded.operator",
                rusqlite::params![
                    household_id,
                    kind.code(),
                    year,
                    date_text(d.review_on),
                    date_text(d.publicity_start),
                    date_text(d.publicity_end),
                    date_text(d.announced_on),
                    d.doc,
                    w.at(),
                    w.operator
                ],
            )?;
            w.audit(AuditRow {
                table: "decisions",
                record_id: &record,
                household_id: Some(household_id),
                action: if old.is_some() { "update" } else { "insert" },
                field: Some(kind.code()),
                old: old.as_ref().map(describe),
                new: Some(describe(&d)),
                reason: Some("登记决定日期"),
            })
        })?;
        Ok(d)
    }

    /// The first time a paper of `kind` for `year` was printed for the household (or, for
    /// village papers, the village), from the print log.
    pub fn first_printed(
        &self,
        household_id: Option<&str>,
        village_id: &str,
        kind: &str,
        year: i32,
    ) -> Result<Option<NaiveDate>> {
        let at: Option<String> = self
            .conn()
            .query_row(
                "SELECT min(at) FROM print_log
                 WHERE kind = ?1 AND year = ?2 AND village_id = ?3
                   AND household_id IS ?4",
                rusqlite::params![kind, year, village_id, household_id],
                |r| r.get(0),
            )
            .optional()?
            .flatten();
        Ok(at.and_then(|t| NaiveDate::parse_from_str(t.get(..10)?, "%Y-%m-%d").ok()))
    }
}
