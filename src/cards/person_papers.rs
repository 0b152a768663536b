//! The year's papers about people rather than one household: the 人员花名册 of the
//! households on the monitoring system's books, and one cadre's 结对帮扶工作台账. Facts as
//! they stood on the paper's date; incomes are the rules engine's.

use super::reprint;
use crate::assess::{paper_date, paper_policy, village_households_on};
use crate::codes::Status;
use crate::model::{Cadre, Household};
use crate::print::{
    self, BookVisit, PairedHousehold, PairingBookContext, PersonRosterContext, PersonRow,
    PrintedDocument,
};
use crate::rules;
use crate::store::Ledger;
use crate::{Error, Result};
use chrono::{Datelike, NaiveDate};
use std::path::Path;

/// The 人员花名册 of `year`: every person of the households on the books then, head first.
pub fn person_roster_rows(
    ledger: &Ledger,
    village_id: &str,
    year: i32,
    printed_on: NaiveDate,
) -> Result<Vec<PersonRow>> {
    let on = paper_date(year, printed_on)?;
    let mut households: Vec<Household> = village_households_on(ledger, village_id, on)?
        .into_iter()
        .filter(|h| h.status.is_some_and(Status::is_on_the_books))
        .collect();
    households.sort_by(|a, b| a.code.cmp(&b.code));
    let mut rows = Vec::new();
    for h in &households {
        let mut members = h.members_on(on);
        members.sort_by_key(|m| m.relation != Some(crate::codes::Relation::Head));
        for m in members {
            rows.push(PersonRow {
                household: h.code.clone(),
                group: h.group.clone(),
                status: h.status,
                age: m.age_on(on),
                member: m.clone(),
            });
        }
    }
    if rows.is_empty() {
        return Err(Error::Invalid(format!(
            "{year}年本村没有脱贫户或监测对象，人员花名册无内容可打印"
        )));
    }
    Ok(rows)
}

/// Prints the 人员花名册 of `year` and logs the print.
pub fn person_roster(
    ledger: &mut Ledger,
    village_code: &str,
    year: i32,
    printed_on: NaiveDate,
    out: &Path,
) -> Result<PrintedDocument> {
    let mut village = ledger.village(village_code)?;
    let on = paper_date(year, printed_on)?;
    village.village = village.village.as_of(on);
    let rows = person_roster_rows(ledger, &village.id, year, printed_on)?;
    let doc = print::person_roster(&PersonRosterContext {
        village: &village.village,
        year,
        revision: village.revision,
        printed_on,
        reprint: reprint(ledger, None, &village.id, "person_roster", year, printed_on)?,
        mask_ids: ledger.mask_ids()?,
        rows,
    })?;
    ledger.deliver_village(
        out,
        &doc,
        &village.id,
        "person_roster",
        year,
        village.revision,
    )?;
    Ok(doc)
}

/// The cadre named by id or by name in the village's roster.
fn cadre_named(cadres: &[Cadre], who: &str) -> Result<Cadre> {
    if let Some(c) = cadres.iter().find(|c| c.id == who) {
        return Ok(c.clone());
    }
    let named: Vec<&Cadre> = cadres.iter().filter(|c| c.name == who).collect();
    match named.as_slice() {
        [one] => Ok((*one).clone()),
        [] => Err(Error::NotFound(format!(
            "本村干部名单中没有“{who}”（现有：{}）",
            cadres
                .iter()
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join("、")
        ))),
        _ => Err(Error::Invalid(format!(
            "本村有{}名干部叫“{who}”，请用干部编号指定（{}）",
            named.len(),
            named
                .iter()
                .map(|c| c.id.as_str())
                .collect::<Vec<_>>()
                .join("、")
        ))),
    }
}

/// The 结对帮扶工作台账 of one cadre for `year`: the households paired with them at any time
/// of the year (as they stood on the paper's date) and their visits of the year.
pub fn pairing_book_parts(
    ledger: &Ledger,
    village_code: &str,
    cadre: &str,
    year: i32,
    printed_on: NaiveDate,
) -> Result<(
    crate::store::StoredVillage,
    Cadre,
    Vec<PairedHousehold>,
    Vec<BookVisit>,
)> {
    let mut village = ledger.village(village_code)?;
    let on = paper_date(year, printed_on)?;
    let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap_or(on);
    let cadres = ledger.cadres(&village.id)?;
    let cadre = cadre_named(&cadres, cadre)?.as_of(on);
    village.village = village.village.as_of(on);
    let households = village_households_on(ledger, &village.id, on)?;
    let policy = paper_policy(ledger, &village.village, year, on)?;
    let assessed = rules::assess_village(&village.village, &households, &policy);
    let in_year =
        |start: NaiveDate, end: Option<NaiveDate>| start <= on && end.is_none_or(|e| e >= first);
    let mut paired = Vec::new();
    let mut visits = Vec::new();
    for (h, a) in households.iter().zip(&assessed.households) {
        let Some(p) = h
            .pairings
            .iter()
            .filter(|p| p.cadre == cadre.id && in_year(p.start, p.end))
            .max_by_key(|p| p.start)
        else {
            continue;
        };
        let head = h.head().map(|m| m.name.clone()).unwrap_or_default();
        let theirs: Vec<&crate::model::Visit> = h
            .visits
            .iter()
            .filter(|v| v.cadre == cadre.id && v.date.year() == year && v.date <= on)
            .collect();
        let mut causes: Vec<String> = h
            .main_cause
            .iter()
            .chain(&h.other_causes)
            .map(|c| c.label().to_string())
            .collect();
        if let Some(m) = &h.monitoring {
            let risks: Vec<&str> = m.risks.iter().map(|r| r.label()).collect();
            if !risks.is_empty() {
                causes.push(format!("监测风险：{}", risks.join("、")));
            }
        }
        let measures = h
            .measures
            .iter()
            .filter(|m| in_year(m.start, m.end))
            .map(|m| {
                let result = m
                    .result
                    .as_deref()
                    .map(|r| format!("（{r}）"))
                    .unwrap_or_default();
                format!("{}：{}{result}", m.class.label(), m.content)
            })
            .collect();
        paired.push(PairedHousehold {
            code: h.code.clone(),
            head: head.clone(),
            persons: a.income.persons,
            status: h.status,
            role: p.kind_label().to_string(),
            since: p.start,
            until: p.end.filter(|e| *e <= on),
            causes: causes.join("、"),
            measures,
            per_capita: a.income.per_capita,
            visits: theirs.len(),
        });
        visits.extend(theirs.into_iter().map(|v| BookVisit {
            date: v.date,
            household: h.code.clone(),
            head: head.clone(),
            mode: v.mode,
            found: v.found.clone(),
            done: v.done.clone(),
        }));
    }
    paired.sort_by(|a, b| a.code.cmp(&b.code));
    visits.sort_by(|a, b| (a.date, &a.household).cmp(&(b.date, &b.household)));
    Ok((village, cadre, paired, visits))
}

/// Prints one cadre's 结对帮扶工作台账 for `year` and logs the print.
pub fn pairing_book(
    ledger: &mut Ledger,
    village_code: &str,
    cadre: &str,
    year: i32,
    printed_on: NaiveDate,
    out: &Path,
) -> Result<PrintedDocument> {
    let (village, cadre, households, visits) =
        pairing_book_parts(ledger, village_code, cadre, year, printed_on)?;
    let kind = "pairing_book";
    let doc = print::pairing_book(&PairingBookContext {
        village: &village.village,
        cadre: &cadre,
        year,
        revision: village.revision,
        printed_on,
        reprint: reprint(ledger, None, &village.id, kind, year, printed_on)?,
        households,
        visits,
    })?;
    ledger.deliver_village(out, &doc, &village.id, kind, year, village.revision)?;
    Ok(doc)
}
