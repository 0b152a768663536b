//! 走访计划 from the ledger: the households whose visit falls due in a week (by the 走访周期
//! of 设置 for the household's category) and the monitored households due for review, with their paired cadres, the last
//! visit and what was promised then; printed and logged like every paper.

use super::PrintedDocument;
use crate::assess::village_households_on;
use crate::attention::{self, VisitCycles};
use crate::model::{Cadre, Household};
use crate::print::{self, PlanRow, VisitPlanContext};
use crate::store::Ledger;
use crate::Result;
use chrono::{Datelike, Duration, NaiveDate};
use std::path::Path;

/// Monday and Sunday of the week holding `day`.
pub fn week_of(day: NaiveDate) -> (NaiveDate, NaiveDate) {
    let monday = day - Duration::days(i64::from(day.weekday().num_days_from_monday()));
    (monday, monday + Duration::days(6))
}

/// The households to visit in a week, as gathered for the paper.
#[derive(Debug, Clone)]
pub struct WeekPlan {
    pub village: crate::store::StoredVillage,
    /// Monday and Sunday.
    pub week: (NaiveDate, NaiveDate),
    /// The 走访周期 by category (设置).
    pub cycles: VisitCycles,
    /// In print order: by paired cadre, then group and household code.
    pub rows: Vec<PlanRow>,
}

/// The plan of the week holding `day`. Households are read as they stand on the Monday.
pub fn visit_plan_rows(ledger: &Ledger, village_code: &str, day: NaiveDate) -> Result<WeekPlan> {
    let village = ledger.village(village_code)?;
    let (monday, sunday) = week_of(day);
    let cycles = crate::settings::load(ledger)?.visit_cycles();
    let cadres: Vec<Cadre> = ledger
        .cadres(&village.id)?
        .iter()
        .map(|c| c.as_of(monday))
        .collect();
    let households = village_households_on(ledger, &village.id, monday)?;
    let mut rows: Vec<PlanRow> = households
        .iter()
        .filter(|h| attention::visited(h))
        .filter_map(|h| {
            let reasons: Vec<String> = [
                attention::visit_due(h, monday, sunday, cycles.of(h)),
                attention::review_due(h, sunday),
            ]
            .into_iter()
            .flatten()
            .collect();
            (!reasons.is_empty()).then(|| row(h, &cadres, monday, reasons))
        })
        .collect();
    rows.sort_by(|a, b| {
        (a.cadres.is_empty(), &a.cadres, &a.group, &a.code).cmp(&(
            b.cadres.is_empty(),
            &b.cadres,
            &b.group,
            &b.code,
        ))
    });
    Ok(WeekPlan {
        village,
        week: (monday, sunday),
        cycles,
        rows,
    })
}

fn row(h: &Household, cadres: &[Cadre], on: NaiveDate, reasons: Vec<String>) -> PlanRow {
    let paired: Vec<&str> = h
        .pairings
        .iter()
        .filter(|p| p.active_on(on))
        .filter_map(|p| cadres.iter().find(|c| c.id == p.cadre))
        .map(|c| c.name.as_str())
        .collect();
    let last = h
        .visits
        .iter()
        .filter(|v| v.date <= on)
        .max_by_key(|v| v.date);
    PlanRow {
        code: h.code.clone(),
        head: h.head().map(|m| m.name.clone()).unwrap_or_default(),
        group: h.group.clone(),
        phone: h.phone.clone(),
        cadres: paired.join("、"),
        last_visit: last.map(|v| v.date),
        reasons,
        promised: last
            .map(|v| v.follow_up.trim().to_string())
            .unwrap_or_default(),
    }
}

/// Prints the 走访计划 of the week holding `day` to `out`.
pub fn visit_plan(
    ledger: &mut Ledger,
    village_code: &str,
    day: NaiveDate,
    printed_on: NaiveDate,
    out: &Path,
) -> Result<PrintedDocument> {
    let WeekPlan {
        village,
        week,
        cycles,
        rows,
    } = visit_plan_rows(ledger, village_code, day)?;
    let doc = print::visit_plan(&VisitPlanContext {
        village: &village.village,
        week,
        cycle_days: (cycles.general, cycles.monitored),
        revision: village.revision,
        printed_on,
        rows,
    })?;
    ledger.deliver_village(
        out,
        &doc,
        &village.id,
        "visit_plan",
        week.0.year(),
        village.revision,
    )?;
    Ok(doc)
}
