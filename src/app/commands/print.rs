//! 打印中心: household cards, batches, the roster, public notices and the week's visit plan, written as PDF to
//! the path the UI chose (save dialog) and logged in the ledger.

use super::progress;
use crate::error::AppResult;
use crate::ipc::{CardKindArg, NoticeKindArg, Printed};
use crate::state::{today, AppState};
use chrono::NaiveDate;
use std::path::Path;
use tauri::{AppHandle, Runtime, State};
use yibentong::cards;
use yibentong::print::PrintedDocument;

/// What the UI is told once the core has written the file (safely) and logged it.
fn printed(out: String, doc: PrintedDocument) -> AppResult<Printed> {
    Ok(Printed {
        path: out,
        pages: doc.pages,
        checksum: doc.checksum,
    })
}

/// One household's card (by 户编号) for a year.
#[tauri::command(async)]
pub fn print_card(
    state: State<'_, AppState>,
    code: String,
    kind: CardKindArg,
    year: i32,
    out: String,
) -> AppResult<Printed> {
    let doc = state.with(|ledger| {
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
#[tauri::command(async)]
pub fn print_batch<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    village: String,
    kind: CardKindArg,
    year: i32,
    out: String,
    only: Option<Vec<String>>,
) -> AppResult<Printed> {
    let doc = state.with(|ledger| {
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
            &mut progress(&app, "print_batch"),
        )?)
    })?;
    printed(out, doc)
}

/// The village roster (花名册) for a year.
#[tauri::command(async)]
pub fn print_roster(
    state: State<'_, AppState>,
    village: String,
    year: i32,
    out: String,
) -> AppResult<Printed> {
    let doc = state.with(|ledger| {
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

/// The 走访计划 of the week holding `week` (any day of it; default this week).
#[tauri::command(async)]
pub fn print_visit_plan(
    state: State<'_, AppState>,
    village: String,
    week: Option<NaiveDate>,
    out: String,
) -> AppResult<Printed> {
    let doc = state.with(|ledger| {
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
#[tauri::command(async)]
pub fn print_notice(
    state: State<'_, AppState>,
    village: String,
    year: i32,
    kind: Option<NoticeKindArg>,
    out: String,
) -> AppResult<Printed> {
    let kind = kind.map_or_else(|| cards::default_notice_kind(year), Into::into);
    let doc = state.with(|ledger| {
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
