//! 打印中心: household cards, batches, the roster, public notices and the week's visit plan, written as PDF to
//! the path the UI chose (save dialog) and logged in the ledger.

use crate::app::error::AppResult;
use crate::app::shapes::{CardKindArg, NoticeKindArg, Printed};
use crate::app::state::today;
use crate::app::Context;
use crate::cards;
use crate::print::PrintedDocument;
use chrono::NaiveDate;
use std::path::Path;

/// What the UI is told once the core has written the file (safely) and logged it.
fn printed(out: String, doc: PrintedDocument) -> AppResult<Printed> {
    Ok(Printed {
        path: out,
        pages: doc.pages,
        checksum: doc.checksum,
    })
}

/// One household's card (by 户编号) for a year.
pub fn print_card(
    cx: &Context<'_>,
    code: String,
    kind: CardKindArg,
    year: i32,
    out: String,
) -> AppResult<Printed> {
    let doc = cx.state.with(|ledger| {
        Ok(cards::household_card(
            ledger,
            &code,
            kind.into(),
            year,
            today(),
            Path::new(&out),
            None,
        )?)
    })?;
    printed(out, doc)
}

/// The cards of a village (or only the listed codes) in one PDF; sends `progress`.
pub fn print_batch(
    cx: &Context<'_>,
    village: String,
    kind: CardKindArg,
    year: i32,
    out: String,
    only: Option<Vec<String>>,
) -> AppResult<Printed> {
    let doc = cx.state.with(|ledger| {
        Ok(cards::village_cards(
            ledger,
            cards::Batch {
                village: &village,
                only: only.as_deref(),
                kind: kind.into(),
                year,
            },
            today(),
            Path::new(&out),
            &mut cx.progress("print_batch"),
        )?)
    })?;
    printed(out, doc)
}

/// The village roster (花名册) for a year.
pub fn print_roster(
    cx: &Context<'_>,
    village: String,
    year: i32,
    out: String,
) -> AppResult<Printed> {
    let doc = cx.state.with(|ledger| {
        Ok(cards::roster(
            ledger,
            &village,
            year,
            today(),
            Path::new(&out),
        )?)
    })?;
    printed(out, doc)
}

/// The 人员花名册 for a year: every person of the households on the books.
pub fn print_person_roster(
    cx: &Context<'_>,
    village: String,
    year: i32,
    out: String,
) -> AppResult<Printed> {
    let doc = cx.state.with(|ledger| {
        Ok(cards::person_roster(
            ledger,
            &village,
            year,
            today(),
            Path::new(&out),
        )?)
    })?;
    printed(out, doc)
}

/// One cadre's 结对帮扶工作台账 for a year (the cadre by id).
pub fn print_pairing_book(
    cx: &Context<'_>,
    village: String,
    cadre: String,
    year: i32,
    out: String,
) -> AppResult<Printed> {
    let doc = cx.state.with(|ledger| {
        Ok(cards::pairing_book(
            ledger,
            &village,
            &cadre,
            year,
            today(),
            Path::new(&out),
        )?)
    })?;
    printed(out, doc)
}

/// The 走访计划 of the week holding `week` (any day of it; default this week).
pub fn print_visit_plan(
    cx: &Context<'_>,
    village: String,
    week: Option<NaiveDate>,
    out: String,
) -> AppResult<Printed> {
    let doc = cx.state.with(|ledger| {
        Ok(cards::visit_plan(
            ledger,
            &village,
            week.unwrap_or_else(today),
            today(),
            Path::new(&out),
        )?)
    })?;
    printed(out, doc)
}

/// A public notice (公示名单); without `kind`, the one that fits the year.
pub fn print_notice(
    cx: &Context<'_>,
    village: String,
    year: i32,
    kind: Option<NoticeKindArg>,
    out: String,
) -> AppResult<Printed> {
    let kind = kind.map_or_else(|| cards::default_notice_kind(year), Into::into);
    let doc = cx.state.with(|ledger| {
        Ok(cards::notice(
            ledger,
            &village,
            year,
            kind,
            today(),
            Path::new(&out),
        )?)
    })?;
    printed(out, doc)
}
