//! Records as they stood on a date: facts from their history, dated records (income,
//! pairings, visits, measures, monitoring, member changes) cut at that date, and the
//! household's status before its first recorded transition derived from its years.
//!
//! Pure: the date is an input. The store loads the history; papers, verdicts and lists
//! read what this returns.

use super::history::{apply_on, flatten, periods_of, Fields};
use super::{Cadre, Household, Member, Village};
use crate::codes::{MonitoringKind, Status};
use chrono::{Datelike, NaiveDate};
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;

/// Where a household stands in the ledger on a date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Registration {
    /// Not yet registered (建档立卡 or monitoring begins on `from`).
    NotYet {
        from: NaiveDate,
    },
    Registered,
    /// Every member had left (died, moved or married out) by `on`.
    Left {
        on: NaiveDate,
    },
}

impl Registration {
    /// A sentence for a paper or screen that cannot show the household on `date`.
    pub fn explain(self, code: &str, date: NaiveDate) -> Option<String> {
        match self {
            Registration::Registered => None,
            Registration::NotYet { from } => Some(format!(
                "户{code}于{}年{}月起建档（识别或纳入监测），{}年{}月{}日尚未建档",
                from.year(),
                from.month(),
                date.year(),
                date.month(),
                date.day()
            )),
            Registration::Left { on } => Some(format!(
                "户{code}的家庭成员已于{}年{}月{}日前全部迁出或去世，该户此后已不在册",
                on.year(),
                on.month(),
                on.day()
            )),
        }
    }
}

/// Household keys that are not facts with a history of their own: identity, dated
/// records, and the history itself.
const HOUSEHOLD_NOT_FACTS: &[&str] = &[
    "id",
    "code",
    "members",
    "income",
    "expenses",
    "rigid_expenses",
    "pairings",
    "visits",
    "measures",
    "events",
    "monitoring",
    "x_history",
    "x_recorded_from",
];
const RECORD_NOT_FACTS: &[&str] = &["id", "x_history", "x_recorded_from", "x_start", "x_end"];
const VILLAGE_NOT_FACTS: &[&str] = &["code", "x_history", "x_recorded_from"];
/// The monitoring record's fields that are facts (its dates are events of their own).
const MONITORING_FACTS: &[&str] = &["kind", "risks", "channel"];

/// The facts of a household (its own fields, not its members'), as a flat map.
pub(crate) fn household_fields(h: &Household) -> Fields {
    let shell = shell(h);
    let json = serde_json::to_value(&shell).unwrap_or(Value::Null);
    let mut fields = flatten(&json, HOUSEHOLD_NOT_FACTS, &["conditions"]);
    if let Some(m) = h
        .monitoring
        .as_ref()
        .and_then(|m| serde_json::to_value(m).ok())
    {
        for key in MONITORING_FACTS {
            fields.insert(
                format!("monitoring.{key}"),
                m.get(key).cloned().unwrap_or(Value::Null),
            );
        }
    }
    fields
}

/// The facts of a member.
pub(crate) fn member_fields(m: &Member) -> Fields {
    let json = serde_json::to_value(m).unwrap_or(Value::Null);
    flatten(&json, RECORD_NOT_FACTS, &[])
}

/// The facts of a village.
pub(crate) fn village_fields(v: &Village) -> Fields {
    let json = serde_json::to_value(v).unwrap_or(Value::Null);
    flatten(&json, VILLAGE_NOT_FACTS, &[])
}

/// The facts of a cadre.
pub(crate) fn cadre_fields(c: &Cadre) -> Fields {
    let json = serde_json::to_value(c).unwrap_or(Value::Null);
    flatten(&json, RECORD_NOT_FACTS, &[])
}

/// A household without its dated records and members (for the facts overlay).
pub(crate) fn shell(h: &Household) -> Household {
    Household {
        id: h.id.clone(),
        code: h.code.clone(),
        group: h.group.clone(),
        address: h.address.clone(),
        phone: h.phone.clone(),
        identified_year: h.identified_year,
        standard: h.standard,
        attribute: h.attribute,
        status: h.status,
        exit_year: h.exit_year,
        main_cause: h.main_cause,
        other_causes: h.other_causes.clone(),
        food_clothing_secure: h.food_clothing_secure,
        conditions: h.conditions.clone(),
        monitoring: h.monitoring.clone(),
        recorded_from: h.recorded_from,
        ..Household::default()
    }
}

/// Sets fields from their history as of `date`, through the exchange shape. A history
/// that does not fit the record (hand-edited files) leaves the record as it is.
fn overlay<T: Serialize + DeserializeOwned + Clone>(
    record: &T,
    history: &[super::FactPeriod],
    date: NaiveDate,
) -> T {
    if history.is_empty() {
        return record.clone();
    }
    let Ok(mut json) = serde_json::to_value(record) else {
        return record.clone();
    };
    // Monitoring facts apply only while the household is monitored on that date.
    let has_monitoring = json.get("monitoring").is_some_and(|m| !m.is_null());
    let usable: Vec<super::FactPeriod> = history
        .iter()
        .filter(|p| {
            !p.field.starts_with("monitoring.")
                || (has_monitoring && !p.value.is_null() && p.field != "monitoring.identified")
        })
        .filter(|p| p.field != "status")
        .cloned()
        .collect();
    apply_on(&mut json, &usable, date);
    serde_json::from_value(json).unwrap_or_else(|_| record.clone())
}

impl Member {
    /// The member's facts on `date`.
    pub fn as_of(&self, date: NaiveDate) -> Member {
        overlay(self, &self.history, date)
    }
}

impl Village {
    /// The village's facts on `date` (rural population of that year …).
    pub fn as_of(&self, date: NaiveDate) -> Village {
        overlay(self, &self.history, date)
    }
}

impl Cadre {
    /// The cadre's unit and position on `date`.
    pub fn as_of(&self, date: NaiveDate) -> Cadre {
        overlay(self, &self.history, date)
    }
}

impl Household {
    /// The household as it stood on `date`: its facts then, the members who had joined
    /// (those who left since are kept, and read as left), and only the records dated by
    /// then (pairings and measures still running then read as running).
    pub fn as_of(&self, date: NaiveDate) -> Household {
        let mut monitoring = self
            .monitoring
            .clone()
            .filter(|m| m.identified <= date)
            .map(|mut m| {
                if m.eliminated.is_some_and(|e| e > date) {
                    m.eliminated = None;
                }
                m
            });
        let mut base = shell(self);
        base.monitoring = monitoring.take();
        let mut h = overlay(&base, &self.history, date);
        h.history = self.history.clone();
        h.members = self
            .members
            .iter()
            .filter(|m| self.has_joined_by(m, date))
            .map(|m| m.as_of(date))
            .collect();
        let (year, month) = (date.year(), date.month());
        let booked = |y: i32, mo: Option<u8>| {
            y < year || (y == year && mo.is_none_or(|m| u32::from(m) <= month))
        };
        h.income = self
            .income
            .iter()
            .filter(|l| booked(l.year, l.month))
            .cloned()
            .collect();
        h.expenses = self
            .expenses
            .iter()
            .filter(|l| booked(l.year, l.month))
            .cloned()
            .collect();
        h.rigid_expenses = self
            .rigid_expenses
            .iter()
            .filter(|r| r.date <= date)
            .cloned()
            .collect();
        h.pairings = self
            .pairings
            .iter()
            .filter(|p| p.start <= date)
            .cloned()
            .map(|mut p| {
                if p.end.is_some_and(|e| e > date) {
                    p.end = None;
                }
                p
            })
            .collect();
        h.visits = self
            .visits
            .iter()
            .filter(|v| v.date <= date)
            .cloned()
            .collect();
        h.measures = self
            .measures
            .iter()
            .filter(|m| m.start <= date)
            .cloned()
            .map(|mut m| {
                if m.end.is_some_and(|e| e > date) {
                    m.end = None;
                }
                m
            })
            .collect();
        h.events = self
            .events
            .iter()
            .filter(|e| e.date <= date)
            .cloned()
            .collect();
        h.status = self.status_from_history(&h, date);
        h
    }

    /// The status on `date`: the recorded transition in force then; before the first
    /// one (and before the ledger knew the household), derived from the years of
    /// identification and exit and the monitoring dates.
    pub fn status_on(&self, date: NaiveDate) -> Option<Status> {
        self.as_of(date).status
    }

    fn status_from_history(&self, projected: &Household, date: NaiveDate) -> Option<Status> {
        let periods = periods_of(&self.history, "status");
        let parse = |v: &Value| serde_json::from_value::<Option<Status>>(v.clone()).ok()?;
        if let Some(p) = periods
            .iter()
            .rev()
            .find(|p| p.from.is_some_and(|f| f <= date))
        {
            return parse(&p.value);
        }
        let known_from = self
            .recorded_from
            .or_else(|| periods.iter().find_map(|p| p.from));
        let known = periods
            .first()
            .map(|p| parse(&p.value))
            .unwrap_or(self.status);
        if known_from.is_some_and(|k| date >= k) {
            return known;
        }
        let derived = derive_status(projected, known, date);
        if known_from.is_none() {
            // Nothing says when the current status began: where the years put `date` in
            // the same stage as the record's own (latest) facts, the recorded status holds.
            let latest = derive_status(self, known, NaiveDate::MAX);
            if latest == derived {
                return known;
            }
        }
        derived
    }

    /// Whether a member had joined the household by `date` (born and not joining later).
    fn has_joined_by(&self, member: &Member, date: NaiveDate) -> bool {
        let born_later = member.birth_date().is_some_and(|b| b > date);
        let mut joins = self
            .events
            .iter()
            .filter(|e| e.member.as_deref() == Some(&member.id) && e.kind.joins());
        let joined_later = joins.clone().any(|e| e.date > date) && !joins.any(|e| e.date <= date);
        !born_later && !joined_later
    }

    /// Where the household stands in the ledger on `date`.
    pub fn registration_on(&self, date: NaiveDate) -> Registration {
        let identified = self
            .identified_year
            .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1));
        let monitored = self.monitoring.as_ref().map(|m| m.identified);
        let start = match (identified, monitored) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        if let Some(from) = start.filter(|s| date < *s) {
            return Registration::NotYet { from };
        }
        if !self.members.is_empty() {
            let mut last_leave: Option<NaiveDate> = None;
            for m in &self.members {
                let left = self
                    .events
                    .iter()
                    .filter(|e| {
                        e.member.as_deref() == Some(&m.id) && e.kind.leaves() && e.date <= date
                    })
                    .map(|e| e.date)
                    .max();
                match left {
                    None => return Registration::Registered,
                    Some(d) => last_leave = last_leave.max(Some(d)),
                }
            }
            if let Some(on) = last_leave {
                return Registration::Left { on };
            }
        }
        Registration::Registered
    }
}

/// The status the years and monitoring dates give for `date` (`h` already cut to it).
fn derive_status(h: &Household, known: Option<Status>, date: NaiveDate) -> Option<Status> {
    if let Some(m) = &h.monitoring {
        if m.identified <= date {
            return Some(if m.eliminated.is_some_and(|e| e <= date) {
                Status::RiskEliminated
            } else {
                Status::Monitored
            });
        }
    }
    let year = date.year();
    if h.exit_year.is_some_and(|y| y <= year) {
        return Some(Status::Exited);
    }
    if h.identified_year.is_some_and(|y| y <= year) {
        return Some(Status::Poor);
    }
    if h.identified_year.is_some() {
        return Some(Status::Ordinary);
    }
    match known {
        Some(Status::Monitored | Status::RiskEliminated) => {
            let was_poor = h
                .monitoring
                .as_ref()
                .is_some_and(|m| m.kind == MonitoringKind::UnstableExited);
            Some(if was_poor {
                Status::Exited
            } else {
                Status::Ordinary
            })
        }
        other => other,
    }
}

/// The households registered on `date`, each as it stood then (for rosters, counts and
/// village verdicts of a past year).
pub fn households_on(households: &[Household], date: NaiveDate) -> Vec<Household> {
    households
        .iter()
        .filter(|h| h.registration_on(date) == Registration::Registered)
        .map(|h| h.as_of(date))
        .collect()
}
