//! Households: the list, search, one household with its context, checking and saving.

use crate::error::AppResult;
use crate::state::{today, AppState};
use chrono::NaiveDate;
use tauri::State;
use yibentong::changes::{self, ChangePage, ChangeQuery};
use yibentong::dossier::{self, ChangeRecord, HouseholdDetail, IdReading, Saved};
use yibentong::model::{Effective, Household};
use yibentong::store::{HouseholdRow, SearchHit};
use yibentong::validate::Finding;

/// Most search hits sent to the UI.
const SEARCH_LIMIT: usize = 50;

/// The list rows of a village: today's, or as they stood on `as_of`.
#[tauri::command(async)]
pub fn household_list(
    state: State<'_, AppState>,
    village: String,
    as_of: Option<NaiveDate>,
) -> AppResult<Vec<HouseholdRow>> {
    state.with(|ledger| match as_of {
        Some(date) => Ok(ledger.household_rows_on(&village, date)?),
        None => Ok(ledger.household_rows(Some(&village))?),
    })
}

/// People by name, pinyin initials, ID number or its tail, or household code.
#[tauri::command(async)]
pub fn search(state: State<'_, AppState>, query: String) -> AppResult<Vec<SearchHit>> {
    state.with(|ledger| Ok(ledger.search(&query, SEARCH_LIMIT)?))
}

/// One household with its village, the village's cadres, its stored warnings, its
/// timeline and its members' facts; with `as_of`, as they stood on that date.
#[tauri::command(async)]
pub fn household_get(
    state: State<'_, AppState>,
    id: String,
    as_of: Option<NaiveDate>,
) -> AppResult<HouseholdDetail> {
    state.with(|ledger| Ok(dossier::household_detail(ledger, &id, as_of, today())?))
}

/// Checks a household as the form holds it (required fields may still be empty): errors
/// and warnings at their fields, nothing saved.
#[tauri::command(async)]
pub fn household_check(
    state: State<'_, AppState>,
    village: String,
    household: serde_json::Value,
) -> AppResult<Vec<Finding>> {
    state.with(|ledger| Ok(dossier::check_draft(ledger, &village, &household, today())?))
}

/// A household's 修改记录 (its audit trail in words), newest first.
#[tauri::command(async)]
pub fn household_changes(state: State<'_, AppState>, id: String) -> AppResult<Vec<ChangeRecord>> {
    state.with(|ledger| Ok(dossier::change_records(ledger, &id)?))
}

/// A page of the ledger's 变更记录 (every change by anyone), newest first.
#[tauri::command(async)]
pub fn ledger_changes(state: State<'_, AppState>, query: ChangeQuery) -> AppResult<ChangePage> {
    state.with(|ledger| Ok(changes::ledger_changes(ledger, &query)?))
}

/// 走访常用语 for a visit to the household today, from its own facts.
#[tauri::command(async)]
pub fn visit_phrases(state: State<'_, AppState>, id: String) -> AppResult<Vec<String>> {
    state.with(|ledger| Ok(dossier::visit_phrases(ledger, &id, today())?))
}

/// The 户编号 offered to a new household of the village.
#[tauri::command(async)]
pub fn household_code_next(state: State<'_, AppState>, village: String) -> AppResult<String> {
    state.with(|ledger| Ok(dossier::next_household_code(ledger, &village)?))
}

/// Sex and birth date read from an ID number as it is typed (the form shows them).
#[tauri::command(async)]
pub fn id_number_read(text: String) -> AppResult<IdReading> {
    Ok(dossier::read_id_number(&text)?)
}

/// Validates and saves a household whole; a change of status needs `reason`. `effective`
/// says whether changed facts are a change in life from a date (the default: from today)
/// or a correction; `doc` is the decision's 文号. New records may come without ids.
#[tauri::command(async)]
pub fn household_save(
    state: State<'_, AppState>,
    village: String,
    household: Household,
    reason: Option<String>,
    effective: Option<Effective>,
    doc: Option<String>,
) -> AppResult<Saved> {
    state.with(|ledger| {
        let edit = dossier::Edit {
            effective,
            reason: reason.as_deref(),
            doc: doc.as_deref(),
        };
        Ok(dossier::save(ledger, &village, household, edit, today())?)
    })
}
