//! Printing from the ledger: gathers a record, its verdicts for the year and the card
//! settings, renders with `print`, and writes a print-log row (paper tied to record).
//!
//! One source for every number: cards, rosters and sheets print the rules engine's
//! figures (income, members counted, lines, verdicts) and never recompute them. A past
//! year's paper is marked 补打 with its first print date; a paper with nothing to show is
//! refused with the reason.

mod inspector;
mod notice;
mod paper;
mod person_papers;
#[cfg(test)]
mod tests;
mod visit_plan;

pub use inspector::{inspector_workbook, inspector_workbook_of};
pub use notice::{decision_kind, default_notice_kind, notice, notice_with_dates, NoticeDates};
pub use person_papers::{pairing_book, pairing_book_parts, person_roster, person_roster_rows};
pub use visit_plan::{visit_plan, visit_plan_rows, week_of, WeekPlan};

use crate::assess::{paper_date, paper_policy, village_households_on};
use crate::model::Cadre;
use crate::print::{
    self, CardContext, CardKind, PrintedDocument, Reprint, RosterContext, RosterRow,
};
use crate::rules;
use crate::store::{Ledger, PrintRecord, StoredHousehold, StoredVillage};
use crate::{Error, Result};
use chrono::NaiveDate;
use std::path::Path;

impl Ledger {
    /// Whether cards mask ID numbers (a setting; default no).
    pub fn mask_ids(&self) -> Result<bool> {
        Ok(self.setting(crate::store::Setting::MaskIds)?.as_deref() == Some("true"))
    }

    /// Sets whether cards mask ID numbers (audited).
    pub fn set_mask_ids(&mut self, mask: bool) -> Result<()> {
        self.set_setting(
            crate::store::Setting::MaskIds,
            if mask { "true" } else { "false" },
            Some("打印设置"),
        )
    }

    /// Writes a printed document to `out` (safely, see `output`), and only then records
    /// the print in the print log: a print that did not reach its file is never logged.
    fn deliver(&mut self, out: &Path, doc: &PrintedDocument, print: PrintRecord) -> Result<()> {
        crate::output::write_document(out, &doc.bytes, self.path())?;
        self.log_print(&print)
    }

    /// `deliver` for a paper of a whole village (roster, notice, plan, book …).
    fn deliver_village(
        &mut self,
        out: &Path,
        doc: &PrintedDocument,
        village_id: &str,
        kind: &str,
        year: i32,
        revision: i64,
    ) -> Result<()> {
        self.deliver(
            out,
            doc,
            PrintRecord {
                household_id: None,
                village_id,
                kind,
                year,
                revision,
                checksum: &doc.checksum,
            },
        )
    }
}

fn context<'a>(
    ledger: &Ledger,
    village: &'a StoredVillage,
    cadres: &'a [crate::model::Cadre],
    stored: &'a crate::store::StoredHousehold,
    paper: Paper,
    mask_ids: bool,
) -> Result<CardContext<'a>> {
    let Paper {
        year,
        printed_on,
        on,
        decided_on,
    } = paper;
    let (household, revision) = (&stored.household, stored.revision);
    let policy = paper_policy(ledger, &village.village, year, on)?;
    let assessment = rules::assess_household(household, &policy);
    let verdicts = paper::verdict_lines(&assessment, household, &policy);
    let line = paper::yardstick(&policy, household);
    let monitoring_line = paper::monitoring_line(&policy);
    let elimination = assessment
        .verdict(rules::Rule::RiskElimination)
        .filter(|_| household.monitoring.is_some())
        .map(|v| {
            v.reasons
                .iter()
                .map(|r| print::ConditionLine {
                    met: r.met,
                    text: r.text.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(CardContext {
        village: &village.village,
        cadres,
        household,
        year,
        revision,
        printed_on,
        mask_ids,
        verdicts,
        income: Some(assessment.income),
        line,
        monitoring_line,
        reprint: None,
        decided_on,
        elimination,
    })
}

/// A household paper's year and dates.
#[derive(Debug, Clone, Copy)]
struct Paper {
    year: i32,
    printed_on: NaiveDate,
    /// The day its facts are read on.
    on: NaiveDate,
    /// The decision's own date, when the paper is about one.
    decided_on: Option<NaiveDate>,
}

/// The day a paper's facts are read on, and the decision's own date when the paper is
/// about one: the 风险消除审核表 is read on the day of 风险消除 (when it fell in the year),
/// the 承诺授权书 on the day of the application; other papers on the year's paper date.
fn paper_on(
    kind: CardKind,
    h: &crate::model::Household,
    year: i32,
    printed_on: NaiveDate,
) -> Result<Paper> {
    use crate::codes::{ProcedureStage, ProcedureStep};
    use chrono::Datelike;
    let on = paper_date(year, printed_on)?;
    let m = h.monitoring.as_ref();
    let decided = match kind {
        CardKind::EliminationReview => m.and_then(|m| m.eliminated),
        CardKind::Consent => m
            .and_then(|m| m.step(ProcedureStage::Identification, ProcedureStep::Application))
            .map(|s| s.date),
        _ => None,
    }
    .filter(|d| d.year() == year && *d <= on);
    Ok(Paper {
        year,
        printed_on,
        on: decided.unwrap_or(on),
        decided_on: decided,
    })
}

/// The 补打 mark for a paper of a past year (`year` before the print date's year), with
/// its first print date when the log has one; `None` for the running year.
fn reprint(
    ledger: &Ledger,
    household_id: Option<&str>,
    village_id: &str,
    kind: &str,
    year: i32,
    printed_on: NaiveDate,
) -> Result<Option<Reprint>> {
    use chrono::Datelike;
    if year >= printed_on.year() {
        return Ok(None);
    }
    Ok(Some(Reprint {
        first_printed: ledger.first_printed(household_id, village_id, kind, year)?,
    }))
}

/// A household, its village and the village's cadres as they stood on `on`; a household
/// not registered then (or, for the monitoring form, not monitored then) is refused with
/// the reason.
fn as_of(
    kind: CardKind,
    stored: &StoredHousehold,
    village: &StoredVillage,
    cadres: &[Cadre],
    on: NaiveDate,
) -> Result<(StoredHousehold, StoredVillage, Vec<Cadre>)> {
    let h = &stored.household;
    if let Some(why) = h.registration_on(on).explain(&h.code, on) {
        return Err(Error::Invalid(why));
    }
    let household = h.as_of(on);
    let monitored_only = matches!(kind, CardKind::Monitoring | CardKind::EliminationReview);
    if monitored_only && household.monitoring.is_none() {
        use chrono::Datelike;
        return Err(Error::Invalid(format!(
            "户{}在{}年{}月{}日未纳入防返贫监测（没有监测记录），无{}可打印",
            h.code,
            on.year(),
            on.month(),
            on.day(),
            kind.title()
        )));
    }
    Ok((
        StoredHousehold {
            household,
            ..stored.clone()
        },
        StoredVillage {
            village: village.village.as_of(on),
            ..village.clone()
        },
        cadres.iter().map(|c| c.as_of(on)).collect(),
    ))
}

/// Gathers one household's card of `kind` for `year` (as the year stood), with its 补打
/// mark; returns the context's owned parts and the layout.
fn card_layout(
    ledger: &Ledger,
    code: &str,
    kind: CardKind,
    year: i32,
    printed_on: NaiveDate,
    mask: Option<bool>,
) -> Result<(StoredHousehold, String, print::Layout)> {
    let stored = ledger.household_by_code(code)?;
    let village = ledger.village_by_id(&stored.village_id)?;
    let cadres = ledger.cadres(&village.id)?;
    let paper = paper_on(kind, &stored.household, year, printed_on)?;
    let (stored, village, cadres) = as_of(kind, &stored, &village, &cadres, paper.on)?;
    let mask = match mask {
        Some(m) => m,
        None => ledger.mask_ids()?,
    };
    let mut ctx = context(ledger, &village, &cadres, &stored, paper, mask)?;
    ctx.reprint = reprint(
        ledger,
        Some(&stored.household.id),
        &village.id,
        kind.code(),
        year,
        printed_on,
    )?;
    let layout = print::compose_card(kind, &ctx)?;
    Ok((stored.clone(), village.id.clone(), layout))
}

/// Lays out one household's card of `kind` for `year` without printing or logging it
/// (previews, tests): the same text the PDF carries.
pub fn compose_household_card(
    ledger: &Ledger,
    code: &str,
    kind: CardKind,
    year: i32,
    printed_on: NaiveDate,
) -> Result<print::Layout> {
    Ok(card_layout(ledger, code, kind, year, printed_on, None)?.2)
}

/// Prints one household's card of `kind` for `year` to `out` (written safely, see
/// `output`), then logs the print: a print that did not reach its file is never logged.
pub fn household_card(
    ledger: &mut Ledger,
    code: &str,
    kind: CardKind,
    year: i32,
    printed_on: NaiveDate,
    out: &Path,
    mask: Option<bool>,
) -> Result<PrintedDocument> {
    let (stored, village_id, layout) = card_layout(ledger, code, kind, year, printed_on, mask)?;
    let doc = layout.render()?;
    ledger.deliver(
        out,
        &doc,
        PrintRecord {
            household_id: Some(&stored.household.id),
            village_id: &village_id,
            kind: kind.code(),
            year,
            revision: stored.revision,
            checksum: &doc.checksum,
        },
    )?;
    Ok(doc)
}

/// Which cards a batch prints: a village's (or only the listed household codes') cards
/// of one kind for one year.
#[derive(Debug, Clone, Copy)]
pub struct Batch<'a> {
    pub village: &'a str,
    pub only: Option<&'a [String]>,
    pub kind: CardKind,
    pub year: i32,
}

/// Prints a batch of cards in one PDF to `out`, one household per sheet;
/// `progress(done, total)` is called as cards are laid out.
pub fn village_cards(
    ledger: &mut Ledger,
    batch: Batch,
    printed_on: NaiveDate,
    out: &Path,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<PrintedDocument> {
    let Batch {
        village: village_code,
        only,
        kind,
        year,
    } = batch;
    let all_cadres = ledger.cadres(&ledger.village(village_code)?.id)?;
    let full_village = ledger.village(village_code)?;
    let mask = ledger.mask_ids()?;
    let ids = ledger.household_ids(&full_village.id)?;
    let mut stored = Vec::new();
    let (mut village, mut cadres) = (full_village.clone(), all_cadres.clone());
    for id in ids {
        let s = ledger.household(&id)?;
        let listed = only.is_some_and(|list| list.iter().any(|c| c == &s.household.code));
        if only.is_some() && !listed {
            continue;
        }
        let paper = paper_on(kind, &s.household, year, printed_on)?;
        match as_of(kind, &s, &full_village, &all_cadres, paper.on) {
            Ok((h, v, c)) => {
                stored.push((h, paper));
                (village, cadres) = (v, c);
            }
            // Asked for by name: say why it cannot be printed; otherwise leave it out.
            Err(e) if listed => return Err(e),
            Err(_) => {}
        }
    }
    if stored.is_empty() {
        return Err(Error::NotFound(format!("{year}年在册、要打印的农户")));
    }
    let batch_kind = format!("batch-{}", kind.code());
    let reprinted = reprint(ledger, None, &village.id, &batch_kind, year, printed_on)?;
    let contexts = stored
        .iter()
        .map(|(s, paper)| {
            let mut ctx = context(ledger, &village, &cadres, s, *paper, mask)?;
            ctx.reprint = reprinted;
            Ok(ctx)
        })
        .collect::<Result<Vec<_>>>()?;
    let doc = print::household_cards(kind, &contexts, progress)?;
    let rev = stored.iter().map(|(s, _)| s.revision).max().unwrap_or(0);
    ledger.deliver_village(out, &doc, &village.id, &batch_kind, year, rev)?;
    Ok(doc)
}

/// The village's figures on the roster, from the rules engine.
struct Figures {
    poor_persons: u32,
    incidence: Option<f64>,
}

/// The roster's figures for `year`: the village as it stood then and one row per
/// household registered then (size and income from the engine, like the cards').
fn roster_rows(
    ledger: &Ledger,
    village_code: &str,
    year: i32,
    printed_on: NaiveDate,
) -> Result<(StoredVillage, Vec<RosterRow>, Figures)> {
    let mut village = ledger.village(village_code)?;
    let on = paper_date(year, printed_on)?;
    let cadres: Vec<Cadre> = ledger
        .cadres(&village.id)?
        .iter()
        .map(|c| c.as_of(on))
        .collect();
    let households = village_households_on(ledger, &village.id, on)?;
    village.village = village.village.as_of(on);
    let policy = paper_policy(ledger, &village.village, year, on)?;
    if households.is_empty() {
        return Err(Error::Invalid(format!(
            "{year}年本村没有在册的农户，花名册无内容可打印"
        )));
    }
    // Sizes, incomes, the poor persons and the incidence come from the engine.
    let assessed = rules::assess_village(&village.village, &households, &policy);
    let figures = Figures {
        poor_persons: assessed.poor_persons,
        incidence: assessed.incidence,
    };
    let rows = households
        .iter()
        .zip(&assessed.households)
        .map(|(h, a)| {
            let figures = &a.income;
            let paired: Vec<String> = h
                .pairings
                .iter()
                .filter(|p| p.active_on(on))
                .filter_map(|p| {
                    cadres
                        .iter()
                        .find(|c| c.id == p.cadre)
                        .map(|c| c.name.clone())
                })
                .collect();
            RosterRow {
                code: h.code.clone(),
                head: h.head().map(|m| m.name.clone()).unwrap_or_default(),
                group: h.group.clone(),
                size: figures.persons as u32,
                attribute: h.attribute,
                status: h.status,
                main_cause: h.main_cause,
                income_per_person: figures.per_capita,
                cadres: paired.join("、"),
            }
        })
        .collect();
    Ok((village, rows, figures))
}

/// The village roster (花名册) for `year` as an Excel workbook: the PDF roster's rows
/// and summary (a workbook is not a printed paper: no print-log row).
pub fn roster_workbook(
    ledger: &Ledger,
    village_code: &str,
    year: i32,
    printed_on: NaiveDate,
) -> Result<Vec<u8>> {
    let (village, rows, figures) = roster_rows(ledger, village_code, year, printed_on)?;
    print::roster_workbook(&RosterContext {
        village: &village.village,
        year,
        revision: village.revision,
        printed_on,
        reprint: None,
        rows,
        poor_persons: figures.poor_persons,
        incidence: figures.incidence,
    })
}

/// Prints the village roster (花名册) for `year`.
pub fn roster(
    ledger: &mut Ledger,
    village_code: &str,
    year: i32,
    printed_on: NaiveDate,
    out: &Path,
) -> Result<PrintedDocument> {
    let (village, rows, figures) = roster_rows(ledger, village_code, year, printed_on)?;
    let revision = village.revision;
    let reprint = reprint(ledger, None, &village.id, "roster", year, printed_on)?;
    let doc = print::roster(&RosterContext {
        village: &village.village,
        year,
        revision,
        printed_on,
        reprint,
        rows,
        poor_persons: figures.poor_persons,
        incidence: figures.incidence,
    })?;
    ledger.deliver_village(out, &doc, &village.id, "roster", year, revision)?;
    Ok(doc)
}
