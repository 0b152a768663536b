//! Households: the list, search, one household with its context, checking and saving.

use crate::error::AppResult;
use crate::ipc::{HouseholdDetail, Saved};
use crate::state::{today, AppState};
use chrono::NaiveDate;
use tauri::State;
use yibentong::model::{new_id, Effective, Household, Registration};
use yibentong::store::{HouseholdRow, SearchHit, WriteOptions};
use yibentong::validate::{self, Finding};

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

/// One household with its village, the village's cadres, its stored warnings and its
/// timeline; with `as_of`, the household and cadres as they stood on that date.
#[tauri::command(async)]
pub fn household_get(
    state: State<'_, AppState>,
    id: String,
    as_of: Option<NaiveDate>,
) -> AppResult<HouseholdDetail> {
    state.with(|ledger| {
        let stored = ledger.household(&id)?;
        let village = ledger.village_by_id(&stored.village_id)?;
        let cadres = ledger.cadres(&village.id)?;
        let timeline = yibentong::model::timeline(&stored.household, &cadres);
        let (household, cadres, registration) = match as_of {
            Some(date) => (
                stored.household.as_of(date),
                cadres.iter().map(|c| c.as_of(date)).collect(),
                stored.household.registration_on(date),
            ),
            None => (stored.household, cadres, Registration::Registered),
        };
        let note = as_of.and_then(|d| registration.explain(&household.code, d));
        Ok(HouseholdDetail {
            cadres,
            warnings: ledger.warnings(&id)?,
            household,
            revision: stored.revision,
            village: village.village.code,
            as_of,
            registration,
            registration_note: note,
            timeline,
        })
    })
}

/// Checks a household as the form holds it: errors and warnings, nothing saved.
#[tauri::command(async)]
pub fn household_check(
    state: State<'_, AppState>,
    village: String,
    household: Household,
) -> AppResult<Vec<Finding>> {
    state.with(|ledger| {
        let village = ledger.village(&village)?;
        let cadres = ledger.cadres(&village.id)?;
        Ok(validate::check_household(
            &with_ids(household),
            &cadres,
            today(),
            "",
        ))
    })
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
        let village = ledger.village(&village)?;
        let cadres = ledger.cadres(&village.id)?;
        let household = with_ids(household);
        let today = today();
        let opts = WriteOptions {
            effective: effective.unwrap_or(Effective::Change { from: today }),
            reason: reason.as_deref().filter(|r| !r.trim().is_empty()),
            doc: doc.as_deref().filter(|d| !d.trim().is_empty()),
            today,
        };
        let saved =
            ledger.with_tx(|w| w.save_household_at(&village.id, &household, &cadres, &opts))?;
        Ok(Saved {
            household_id: saved.household_id,
            revision: saved.revision,
            warnings: saved.warnings,
        })
    })
}

/// Gives a new household and its new members their ids (the form cannot make UUIDs the
/// core would accept as stable); other records get derived ids in the core.
fn with_ids(mut household: Household) -> Household {
    if household.id.trim().is_empty() {
        household.id = new_id();
    }
    for m in &mut household.members {
        if m.id.trim().is_empty() {
            m.id = new_id();
        }
    }
    household
}
