//! 打印中心: household cards, batches, the rosters, the pairing book, public notices and the
//! week's visit plan, written as PDF to the path the UI chose (save dialog) and logged in the
//! ledger.

use crate::app::error::AppResult;
use crate::app::shapes::{CardKindArg, NoticeKindArg, Printed};
use crate::app::state::today;
use crate::app::Context;
use crate::cards;
use crate::print::PrintedDocument;
use crate::store::Ledger;
use chrono::NaiveDate;
use std::path::Path;

/// Prints with the open ledger to `out` (the core writes the file safely and logs the
/// print); what the UI is told.
fn print_to(
    cx: &Context<'_>,
    out: String,
    print: impl FnOnce(&mut Ledger, &Path) -> crate::Result<PrintedDocument>,
) -> AppResult<Printed> {
    let doc = cx
        .state
        .with(|ledger| Ok(print(ledger, Path::new(&out))?))?;
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
    print_to(cx, out, |l, out| {
        cards::household_card(l, &code, kind.into(), year, today(), out, None)
    })
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
    let batch = cards::Batch {
        village: &village,
        only: only.as_deref(),
        kind: kind.into(),
        year,
    };
    print_to(cx, out, |l, out| {
        cards::village_cards(l, batch, today(), out, &mut cx.progress("print_batch"))
    })
}

/// The village roster (花名册) for a year.
pub fn print_roster(
    cx: &Context<'_>,
    village: String,
    year: i32,
    out: String,
) -> AppResult<Printed> {
    print_to(cx, out, |l, out| {
        cards::roster(l, &village, year, today(), out)
    })
}

/// The 人员花名册 for a year: every person of the households on the books.
pub fn print_person_roster(
    cx: &Context<'_>,
    village: String,
    year: i32,
    out: String,
) -> AppResult<Printed> {
    print_to(cx, out, |l, out| {
        cards::person_roster(l, &village, year, today(), out)
    })
}

/// One cadre's 结对帮扶工作台账 for a year (the cadre by id).
pub fn print_pairing_book(
    cx: &Context<'_>,
    village: String,
    cadre: String,
    year: i32,
    out: String,
) -> AppResult<Printed> {
    print_to(cx, out, |l, out| {
        cards::pairing_book(l, &village, &cadre, year, today(), out)
    })
}

/// The 走访计划 of the week holding `week` (any day of it; default this week).
pub fn print_visit_plan(
    cx: &Context<'_>,
    village: String,
    week: Option<NaiveDate>,
    out: String,
) -> AppResult<Printed> {
    print_to(cx, out, |l, out| {
        cards::visit_plan(l, &village, week.unwrap_or_else(today), today(), out)
    })
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
    print_to(cx, out, |l, out| {
        cards::notice(l, &village, year, kind, today(), out)
    })
}

/// Writes a workbook the core made to `out` (safely, as every export); the bytes written.
pub(super) fn workbook_to(
    cx: &Context<'_>,
    out: String,
    make: impl FnOnce(&Ledger) -> crate::Result<Vec<u8>>,
) -> AppResult<usize> {
    cx.state.with(|ledger| {
        let bytes = make(ledger)?;
        crate::output::write_workbook(Path::new(&out), &bytes, ledger.path())?;
        Ok(bytes.len())
    })
}

/// The village roster (花名册) for a year as an Excel workbook: the PDF roster's rows.
pub fn export_roster_xlsx(
    cx: &Context<'_>,
    village: String,
    year: i32,
    out: String,
) -> AppResult<usize> {
    workbook_to(cx, out, |l| {
        cards::roster_workbook(l, &village, year, today())
    })
}

/// The inspector's list (检查清单) for a year as an Excel workbook: every household whose
/// recorded status disagrees with the engine's verdict, with the reason.
pub fn export_inspector_xlsx(
    cx: &Context<'_>,
    village: String,
    year: i32,
    out: String,
) -> AppResult<usize> {
    workbook_to(cx, out, |l| {
        cards::inspector_workbook(l, &village, year, today()).map(|(bytes, _)| bytes)
    })
}
