//! Households: the list, search, one household with its context, checking and saving.

use crate::app::error::AppResult;
use crate::app::state::today;
use crate::app::Context;
use crate::changes::{self, ChangePage, ChangeQuery};
use crate::dossier::{self, ChangeRecord, HouseholdDetail, IdReading, Saved};
use crate::model::{Effective, Household};
use crate::store::{HouseholdRow, SearchHit};
use crate::validate::Finding;
use chrono::NaiveDate;

/// Most search hits sent to the UI.
const SEARCH_LIMIT: usize = 50;

/// The list rows of a village: today's, or as they stood on `as_of`.
pub fn household_list(
    cx: &Context<'_>,
    village: String,
    as_of: Option<NaiveDate>,
) -> AppResult<Vec<HouseholdRow>> {
    cx.state.with(|ledger| match as_of {
        Some(date) => Ok(ledger.household_rows_on(&village, date)?),
        None => Ok(ledger.household_rows(Some(&village))?),
    })
}

/// People by name, pinyin initials, ID number or its tail, or household code.
pub fn search(cx: &Context<'_>, query: String) -> AppResult<Vec<SearchHit>> {
    cx.state
        .with(|ledger| Ok(ledger.search(&query, SEARCH_LIMIT)?))
}

/// One household with its village, the village's cadres, its stored warnings, its
/// timeline and its members' facts; with `as_of`, as they stood on that date.
pub fn household_get(
    cx: &Context<'_>,
    id: String,
    as_of: Option<NaiveDate>,
) -> AppResult<HouseholdDetail> {
    cx.state
        .with(|ledger| Ok(dossier::household_detail(ledger, &id, as_of, today())?))
}

/// Checks a household as the form holds it (required fields may still be empty): errors
/// and warnings at their fields, nothing saved.
pub fn household_check(
    cx: &Context<'_>,
    village: String,
    household: serde_json::Value,
) -> AppResult<Vec<Finding>> {
    cx.state
        .with(|ledger| Ok(dossier::check_draft(ledger, &village, &household, today())?))
}

/// A household's 修改记录 (its audit trail in words), newest first.
pub fn household_changes(cx: &Context<'_>, id: String) -> AppResult<Vec<ChangeRecord>> {
    cx.state
        .with(|ledger| Ok(dossier::change_records(ledger, &id)?))
}

/// A page of the ledger's 变更记录 (every change by anyone), newest first.
pub fn ledger_changes(cx: &Context<'_>, query: ChangeQuery) -> AppResult<ChangePage> {
    cx.state
        .with(|ledger| Ok(changes::ledger_changes(ledger, &query)?))
}

/// 走访常用语 for a visit to the household today, from its own facts.
pub fn visit_phrases(cx: &Context<'_>, id: String) -> AppResult<Vec<String>> {
    cx.state
        .with(|ledger| Ok(dossier::visit_phrases(ledger, &id, today())?))
}

/// The 户编号 offered to a new household of the village.
pub fn household_code_next(cx: &Context<'_>, village: String) -> AppResult<String> {
    cx.state
        .with(|ledger| Ok(dossier::next_household_code(ledger, &village)?))
}

/// Sex and birth date read from an ID number as it is typed (the form shows them).
pub fn id_number_read(_cx: &Context<'_>, text: String) -> AppResult<IdReading> {
    Ok(dossier::read_id_number(&text)?)
}

/// Validates and saves a household whole; a change of status needs `reason`. `effective`
/// says whether changed facts are a change in life from a date (the default: from today)
/// or a correction; `doc` is the decision's 文号. New records may come without ids.
pub fn household_save(
    cx: &Context<'_>,
    village: String,
    household: Household,
    reason: Option<String>,
    effective: Option<Effective>,
    doc: Option<String>,
) -> AppResult<Saved> {
    cx.state.with(|ledger| {
        let edit = dossier::Edit {
            effective,
            reason: reason.as_deref(),
            doc: doc.as_deref(),
        };
        Ok(dossier::save(ledger, &village, household, edit, today())?)
    })
}
