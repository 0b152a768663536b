//! Records as they stood on a date: facts from their history, dated records (income,
//! pairings, visits, measures, monitoring, member changes) cut at that date, and the
//! household's status before its first recorded transition derived from its years.
//!
//! Pure: the date is an input. The store loads the history; papers, verdicts and lists
//! read what this returns.

use super::history::{adopt, flatten, periods_of, set_field, FactPeriod, Fields};
use super::{Cadre, Household, Member, Village};
use crate::codes::{MonitoringKind, Status};
use chrono::{Datelike, NaiveDate};
use serde::{de::DeserializeOwned, Serialize};
use serde_json::Value;

/// The first year of the 建档立卡 records (identification began in 2014): the earliest year
/// the app offers for its screens and papers.
pub const FIRST_YEAR: i32 = 2014;

/// A year the ledger can be read in, and the date it is read on.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LedgerYear {
    pub year: i32,
    /// 31 December of a past year (read-only); `None` for the running year: today's
    /// facts, editable.
    pub as_of: Option<NaiveDate>,
}

/// The years the ledger can be read in, newest first: the running year (today's facts)
/// back to `FIRST_YEAR`, each past year on its 31 December.
pub fn ledger_years(today: NaiveDate) -> Vec<LedgerYear> {
    (FIRST_YEAR..=today.year().max(FIRST_YEAR))
        .rev()
        .map(|year| LedgerYear {
            year,
            as_of: (year < today.year())
                .then(|| NaiveDate::from_ymd_opt(year, 12, 31))
                .flatten(),
        })
        .collect()
}

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
const RECORD_NOT_FACTS: &[&str] = &[
    "id",
    "x_history",
    "x_recorded_from",
    "x_start",
    "x_end",
    // Members' spells of work and posts carry their own months.
    "x_work_spells",
    "x_welfare_posts",
];
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

/// A new household's own history, when it ends in the household's values
/// (`history::adopt`; a new household's monitoring facts are not merged).
pub(crate) fn adopted_household_history(h: &Household) -> Option<Vec<FactPeriod>> {
    let mut s = shell(h);
    s.monitoring = None;
    let json = serde_json::to_value(&s).ok()?;
    adopt(&json, HOUSEHOLD_NOT_FACTS, &["conditions"], &h.history)
}

/// A new member's own history (`history`, taken out of the member), when it ends in the
/// member's values.
pub(crate) fn adopted_member_history(
    m: &Member,
    history: &[FactPeriod],
) -> Option<Vec<FactPeriod>> {
    let json = serde_json::to_value(m).ok()?;
    adopt(&json, RECORD_NOT_FACTS, &[], history)
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
        no_labor_guarantee: h.no_labor_guarantee,
        low_income: h.low_income,
        monitoring: h.monitoring.clone(),
        recorded_from: h.recorded_from,
        ..Household::default()
    }
}

/// The value a field had on `date` from its periods (`periods` sorted by date), or
/// `None` when the latest period is in force (the record already holds that value).
fn in_force(periods: &[&super::FactPeriod], date: NaiveDate) -> Option<Value> {
    let chosen = periods
        .iter()
        .rposition(|p| p.from.is_none_or(|f| f <= date))
        .unwrap_or(0);
    (chosen + 1 < periods.len()).then(|| periods[chosen].value.clone())
}

/// A field's value from JSON (`null` gives the type's empty value).
fn typed<T: DeserializeOwned + Default>(v: Value) -> Option<T> {
    if v.is_null() {
        Some(T::default())
    } else {
        serde_json::from_value(v).ok()
    }
}

/// Sets one field of a record to the value it had; `false` for a field it does not know.
macro_rules! setter {
    ($name:ident, $t:ty, { $($key:literal => $($path:ident).+),* $(,)? }) => {
        fn $name(r: &mut $t, field: &str, v: Value) -> bool {
            match field {
                $($key => {
                    if let Some(x) = typed(v) {
                        r.$($path).+ = x;
                    }
                    true
                })*
                _ => false,
            }
        }
    };
}

setter!(set_household, Household, {
    "group" => group, "address" => address, "phone" => phone,
    "identified_year" => identified_year, "standard" => standard, "attribute" => attribute,
    "exit_year" => exit_year, "main_cause" => main_cause, "other_causes" => other_causes,
    "food_clothing_secure" => food_clothing_secure,
    "conditions.farmland_mu" => conditions.farmland_mu,
    "conditions.irrigated_mu" => conditions.irrigated_mu,
    "conditions.forest_mu" => conditions.forest_mu,
    "conditions.grassland_mu" => conditions.grassland_mu,
    "conditions.water_surface_mu" => conditions.water_surface_mu,
    "conditions.house_area_m2" => conditions.house_area_m2,
    "conditions.house_grade" => conditions.house_grade,
    "conditions.relocation" => conditions.relocation,
    "conditions.drinking_water_safe" => conditions.drinking_water_safe,
    "conditions.electricity" => conditions.electricity,
    "conditions.sanitary_toilet" => conditions.sanitary_toilet,
    "conditions.road_distance_km" => conditions.road_distance_km,
    "conditions.road_type" => conditions.road_type,
    "conditions.fuel" => conditions.fuel,
    "conditions.cooperative_member" => conditions.cooperative_member,
    "x_no_labor_guarantee" => no_labor_guarantee,
    "x_low_income" => low_income,
});

setter!(set_member, Member, {
    "name" => name, "id_number" => id_number, "relation" => relation, "sex" => sex,
    "ethnicity" => ethnicity, "education" => education, "schooling" => schooling,
    "schooling_exempt" => schooling_exempt, "health" => health,
    "disability_grade" => disability_grade, "labor" => labor, "work" => work,
    "medical_insurance" => medical_insurance,
    "serious_illness_insurance" => serious_illness_insurance,
    "pension_insurance" => pension_insurance, "family_doctor" => family_doctor,
    "dibao" => dibao, "tekun" => tekun, "has_legal_supporter" => has_legal_supporter,
    "x_phone" => phone, "x_document" => document,
    "x_employee_medical_insurance" => employee_medical_insurance,
    "x_employee_pension_insurance" => employee_pension_insurance,
    "x_medical_assistance" => medical_assistance,
    "x_out_of_school_reason" => out_of_school_reason,
    "x_relation_detail" => relation_detail,
    "x_education_detail" => education_detail,
    "x_schooling_detail" => schooling_detail,
    "x_dibao_area" => dibao_area,
    "x_tekun_area" => tekun_area,
});

setter!(set_village, Village, {
    "name" => name, "township" => township, "county" => county, "province" => province,
    "region" => region, "rural_population" => rural_population, "groups" => groups,
});

setter!(set_cadre, Cadre, {
    "name" => name, "unit" => unit, "unit_level" => unit_level, "phone" => phone,
    "position" => position,
});

/// The monitoring record's facts (while the household is monitored on that date).
fn set_monitoring(h: &mut Household, field: &str, v: Value) -> bool {
    let Some(m) = h.monitoring.as_mut() else {
        return field.starts_with("monitoring.");
    };
    match field {
        "monitoring.kind" => {
            if let Ok(k) = serde_json::from_value(v) {
                m.kind = k;
            }
        }
        "monitoring.risks" => {
            if let Some(r) = typed(v) {
                m.risks = r;
            }
        }
        "monitoring.channel" => {
            if let Some(c) = typed(v) {
                m.channel = c;
            }
        }
        _ => return false,
    }
    true
}

/// Sets every field of `record` with an earlier period in force on `date`; fields the
/// setter does not know (a newer program's, a hand-edited file's) go through the
/// exchange shape. `status` is left alone (it is derived, see `status_on`).
fn overlay<T: Serialize + DeserializeOwned>(
    mut record: T,
    history: &[super::FactPeriod],
    date: NaiveDate,
    set: fn(&mut T, &str, Value) -> bool,
) -> T {
    if history.is_empty() {
        return record;
    }
    let mut sorted: Vec<&super::FactPeriod> = history.iter().collect();
    if !history.is_sorted_by(|a, b| (&a.field, a.from) <= (&b.field, b.from)) {
        sorted.sort_by(|a, b| (&a.field, a.from).cmp(&(&b.field, b.from)));
    }
    let mut unknown = Vec::new();
    for group in sorted.chunk_by(|a, b| a.field == b.field) {
        let field = group[0].field.as_str();
        if field == "status" {
            continue;
        }
        if let Some(v) = in_force(group, date) {
            if !set(&mut record, field, v.clone()) {
                unknown.push((field, v));
            }
        }
    }
    if unknown.is_empty() {
        return record;
    }
    let Ok(mut json) = serde_json::to_value(&record) else {
        return record;
    };
    for (field, v) in unknown {
        set_field(&mut json, field, &v);
    }
    serde_json::from_value(json).unwrap_or(record)
}

impl Member {
    /// The member's facts on `date`.
    pub fn as_of(&self, date: NaiveDate) -> Member {
        self.clone().into_as_of(date)
    }

    /// `as_of`, consuming the member.
    pub fn into_as_of(mut self, date: NaiveDate) -> Member {
        let history = std::mem::take(&mut self.history);
        let mut m = overlay(self, &history, date, set_member);
        m.history = history;
        m
    }
}

impl Village {
    /// The village's facts on `date` (rural population of that year …).
    pub fn as_of(&self, date: NaiveDate) -> Village {
        let history = self.history.clone();
        overlay(self.clone(), &history, date, set_village)
    }
}

impl Cadre {
    /// The cadre's unit and position on `date`.
    pub fn as_of(&self, date: NaiveDate) -> Cadre {
        let history = self.history.clone();
        overlay(self.clone(), &history, date, set_cadre)
    }
}

impl Household {
    /// The household as it stood on `date`: its facts then, the members who had joined
    /// (those who left since are kept, and read as left), and only the records dated by
    /// then (pairings and measures still running then read as running).
    pub fn as_of(&self, date: NaiveDate) -> Household {
        self.clone().into_as_of(date)
    }

    /// `as_of`, consuming the household (no copy of its records).
    pub fn into_as_of(mut self, date: NaiveDate) -> Household {
        let latest_monitoring = self.monitoring.clone();
        let latest = (self.identified_year, self.exit_year);
        let current_status = self.status;
        if let Some(m) = &mut self.monitoring {
            if m.identified > date {
                self.monitoring = None;
            } else {
                if m.eliminated.is_some_and(|e| e > date) {
                    m.eliminated = None;
                    m.elimination_mode = None;
                }
                // The steps done by then (a 公示 under way shows its planned last day).
                m.procedure.retain(|s| s.date <= date);
            }
        }
        let joined: Vec<bool> = self
            .members
            .iter()
            .map(|m| self.has_joined_by(m, date))
            .collect();
        let members = std::mem::take(&mut self.members);
        let history = std::mem::take(&mut self.history);
        let (year, month) = (date.year(), date.month());
        let booked = |y: i32, mo: Option<u8>| {
            y < year || (y == year && mo.is_none_or(|m| u32::from(m) <= month))
        };
        self.income.retain(|l| booked(l.year, l.month));
        self.expenses.retain(|l| booked(l.year, l.month));
        self.rigid_expenses.retain(|r| r.date <= date);
        self.pairings.retain(|p| p.start <= date);
        for p in &mut self.pairings {
            if p.end.is_some_and(|e| e > date) {
                p.end = None;
            }
        }
        self.visits.retain(|v| v.date <= date);
        self.measures.retain(|m| m.start <= date);
        for m in &mut self.measures {
            if m.end.is_some_and(|e| e > date) {
                m.end = None;
            }
        }
        let full_events = std::mem::take(&mut self.events);
        self.events = full_events
            .iter()
            .filter(|e| e.date <= date)
            .cloned()
            .collect();
        let set: fn(&mut Household, &str, Value) -> bool =
            |h, f, v| set_household(h, f, v.clone()) || set_monitoring(h, f, v);
        let mut h = overlay(self, &history, date, set);
        h.members = members
            .into_iter()
            .zip(joined)
            .filter(|(_, j)| *j)
            .map(|(m, _)| m.into_as_of(date))
            .collect();
        // A year not reached yet is not a fact of that date.
        if h.exit_year.is_some_and(|y| y > date.year()) {
            h.exit_year = None;
        }
        let then = Stage::of(&h);
        let latest = Stage {
            identified_year: latest.0,
            exit_year: latest.1,
            monitoring: latest_monitoring.as_ref(),
        };
        h.status = status_from_history(
            &history,
            h.recorded_from,
            current_status,
            (&then, &latest),
            date,
        );
        h.history = history;
        h
    }

    /// The status on `date`: the recorded transition in force then; before the first
    /// one (and before the ledger knew the household), derived from the years of
    /// identification and exit and the monitoring dates.
    pub fn status_on(&self, date: NaiveDate) -> Option<Status> {
        self.as_of(date).status
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

/// What the status derivation reads of a household: its years and monitoring record.
struct Stage<'a> {
    identified_year: Option<i32>,
    exit_year: Option<i32>,
    monitoring: Option<&'a super::Monitoring>,
}

impl<'a> Stage<'a> {
    fn of(h: &'a Household) -> Stage<'a> {
        Stage {
            identified_year: h.identified_year,
            exit_year: h.exit_year,
            monitoring: h.monitoring.as_ref(),
        }
    }
}

/// The status on `date`: the dated status period in force; before the first one, and
/// before the ledger knew the household (`recorded_from`), derived from the years and
/// monitoring dates (`then`: as of `date`; `latest`: the record's own).
fn status_from_history(
    history: &[super::FactPeriod],
    recorded_from: Option<NaiveDate>,
    current: Option<Status>,
    (then, latest): (&Stage, &Stage),
    date: NaiveDate,
) -> Option<Status> {
    let periods = periods_of(history, "status");
    let parse = |v: &Value| serde_json::from_value::<Option<Status>>(v.clone()).ok()?;
    if let Some(p) = periods
        .iter()
        .rev()
        .find(|p| p.from.is_some_and(|f| f <= date))
    {
        return parse(&p.value);
    }
    let known_from = recorded_from.or_else(|| periods.iter().find_map(|p| p.from));
    let known = periods.first().map(|p| parse(&p.value)).unwrap_or(current);
    if known_from.is_some_and(|k| date >= k) {
        return known;
    }
    let derived = derive_status(then, known, date);
    if known_from.is_none() {
        // Nothing says when the current status began: where the years put `date` in the
        // same stage as the record's own (latest) facts, the recorded status holds.
        if derive_status(latest, known, NaiveDate::MAX) == derived {
            return known;
        }
    }
    derived
}

/// The status the years and monitoring dates give for `date` (`s` already cut to it).
fn derive_status(s: &Stage, known: Option<Status>, date: NaiveDate) -> Option<Status> {
    if let Some(m) = s.monitoring {
        if m.identified <= date {
            return Some(if m.eliminated.is_some_and(|e| e <= date) {
                Status::RiskEliminated
            } else {
                Status::Monitored
            });
        }
    }
    let year = date.year();
    if s.exit_year.is_some_and(|y| y <= year) {
        return Some(Status::Exited);
    }
    if s.identified_year.is_some_and(|y| y <= year) {
        return Some(Status::Poor);
    }
    if s.identified_year.is_some() {
        return Some(Status::Ordinary);
    }
    match known {
        Some(Status::Monitored | Status::RiskEliminated) => {
            let was_poor = s
                .monitoring
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

/// `households_on`, consuming the list (no copies), on all cores.
pub fn into_households_on(households: Vec<Household>, date: NaiveDate) -> Vec<Household> {
    use rayon::prelude::*;
    households
        .into_par_iter()
        .filter(|h| h.registration_on(date) == Registration::Registered)
        .map(|h| h.into_as_of(date))
        .collect()
}
