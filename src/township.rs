//! 乡镇概览: a township's villages side by side (households, people, monitored households,
//! visits overdue, the last bundle merged from each), and the yearly plan targets of the
//! township and each village (规划脱贫户数/人数, 2014–2020) against the exits the ledger
//! records for that year. A township is the first nine digits of its villages' codes.

use crate::assess::paper_date;
use crate::attention;
use crate::codes::Status;
use crate::model::households_on;
use crate::store::{Ledger, PlanTarget, Records, PLAN_YEARS};
use crate::{Error, Result};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// A township of the ledger.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Township {
    /// Nine digits.
    pub code: String,
    /// As the villages name it (金龙镇); the code when none does.
    pub name: String,
    pub villages: u32,
}

/// One village in the township's view.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VillageSide {
    pub code: String,
    pub name: String,
    /// On the books at the year's date (31 December, or today for the running year).
    pub households: u32,
    pub people: u32,
    pub monitored: u32,
    /// Households with no visit for longer than the 走访周期 (today).
    pub overdue_visits: u32,
    /// When the last bundle from this village was merged here (`YYYY-MM-DD HH:MM`), if ever.
    pub last_bundle: Option<String>,
}

/// A year's target against what happened, for the township or one village.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PlanRow {
    pub year: i32,
    /// The township's code or a village's.
    pub area: String,
    /// The township's or the village's name.
    pub name: String,
    pub planned_households: Option<u32>,
    pub planned_persons: Option<u32>,
    pub doc: Option<String>,
    /// Households that exited that year, as the ledger records it (on 31 December).
    pub exited_households: u32,
    pub exited_persons: u32,
}

/// Everything the 乡镇概览 shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct TownshipView {
    pub township: Township,
    pub year: i32,
    pub villages: Vec<VillageSide>,
    /// For each plan year: the township's row, then one per village.
    pub plan: Vec<PlanRow>,
}

/// The ledger's townships, by code.
pub fn townships(ledger: &Ledger) -> Result<Vec<Township>> {
    let mut out: Vec<Township> = Vec::new();
    for v in ledger.villages()? {
        let code: String = v.village.code.chars().take(9).collect();
        match out.iter_mut().find(|t| t.code == code) {
            Some(t) => t.villages += 1,
            None => out.push(Township {
                name: v.village.township.clone().unwrap_or_else(|| code.clone()),
                code,
                villages: 1,
            }),
        }
    }
    out.sort_by(|a, b| a.code.cmp(&b.code));
    Ok(out)
}

/// The view of township `code` (the first township when `None`) for `year`.
pub fn township_view(
    ledger: &Ledger,
    code: Option<&str>,
    year: i32,
    today: NaiveDate,
) -> Result<TownshipView> {
    let all = townships(ledger)?;
    let township = match code {
        Some(c) => all
            .into_iter()
            .find(|t| t.code == c)
            .ok_or_else(|| Error::NotFound(format!("台账中没有乡镇代码为“{c}”的行政村")))?,
        None => all
            .into_iter()
            .next()
            .ok_or_else(|| Error::NotFound("台账中还没有行政村".into()))?,
    };
    let cycles = crate::settings::load(ledger)?.visit_cycles();
    let on = paper_date(year, today)?;
    let targets = ledger.plan_targets(&township.code)?;
    let target = |area: &str, y: i32| targets.iter().find(|t| t.area == area && t.year == y);
    let mut villages = Vec::new();
    let mut plan: Vec<PlanRow> = Vec::new();
    let years = PLAN_YEARS.0..=PLAN_YEARS.1.min(today.year());
    for y in years.clone() {
        plan.push(row(
            &township.code,
            &township.name,
            y,
            target(&township.code, y),
        ));
    }
    for v in ledger.villages()? {
        if !v.village.code.starts_with(&township.code) {
            continue;
        }
        // Counts by date read where each household stood and its visits, not its books.
        let households: Vec<_> = ledger
            .village_households(&v.id, Records::Standing)?
            .into_iter()
            .map(|s| s.household)
            .collect();
        let then = households_on(&households, on);
        let now = households_on(&households, today);
        villages.push(VillageSide {
            code: v.village.code.clone(),
            name: v.village.name.clone(),
            households: then.len() as u32,
            people: then.iter().map(|h| h.members_on(on).len() as u32).sum(),
            monitored: then
                .iter()
                .filter(|h| h.status == Some(Status::Monitored))
                .count() as u32,
            overdue_visits: now
                .iter()
                .filter(|h| attention::visited(h))
                .filter(|h| attention::visit_overdue(h, today, cycles.of(h)).is_some())
                .count() as u32,
            last_bundle: ledger.last_bundle_merged(&v.village.code)?,
        });
        for y in years.clone() {
            let year_end = paper_date(y, today)?;
            let exited: Vec<_> = households_on(&households, year_end)
                .into_iter()
                .filter(|h| h.exit_year == Some(y))
                .collect();
            let mut r = row(
                &v.village.code,
                &v.village.name,
                y,
                target(&v.village.code, y),
            );
            r.exited_households = exited.len() as u32;
            r.exited_persons = exited
                .iter()
                .map(|h| h.members_on(year_end).len() as u32)
                .sum();
            if let Some(t) = plan
                .iter_mut()
                .find(|p| p.area == township.code && p.year == y)
            {
                t.exited_households += r.exited_households;
                t.exited_persons += r.exited_persons;
            }
            plan.push(r);
        }
    }
    plan.sort_by(|a, b| (a.year, a.area.len(), &a.area).cmp(&(b.year, b.area.len(), &b.area)));
    Ok(TownshipView {
        township,
        year,
        villages,
        plan,
    })
}

fn row(area: &str, name: &str, year: i32, target: Option<&PlanTarget>) -> PlanRow {
    PlanRow {
        year,
        area: area.to_string(),
        name: name.to_string(),
        planned_households: target.map(|t| t.households),
        planned_persons: target.map(|t| t.persons),
        doc: target.and_then(|t| t.doc.clone()),
        exited_households: 0,
        exited_persons: 0,
    }
}
