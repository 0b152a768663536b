//! Households: the list, search, one household with its context, checking and saving.

use crate::error::AppResult;
use crate::ipc::{HouseholdDetail, Saved};
use crate::state::{today, AppState};
use tauri::State;
use yibentong::model::{new_id, Household};
use yibentong::store::{HouseholdRow, SearchHit};
use yibentong::validate::{self, Finding};

/// Most search hits sent to the UI.
const SEARCH_LIMIT: usize = 50;

/// The list rows of a village.
#[tauri::command(async)]
pub fn household_list(state: State<'_, AppState>, village: String) -> AppResult<Vec<HouseholdRow>> {
    state.with(|ledger| Ok(ledger.household_rows(Some(&village))?))
}

/// People by name, pinyin initials, ID number or its tail, or household code.
#[tauri::command(async)]
pub fn search(state: State<'_, AppState>, query: String) -> AppResult<Vec<SearchHit>> {
    state.with(|ledger| Ok(ledger.search(&query, SEARCH_LIMIT)?))
}

/// One household with its village, the village's cadres and its stored warnings.
#[tauri::command(async)]
pub fn household_get(state: State<'_, AppState>, id: String) -> AppResult<HouseholdDetail> {
    state.with(|ledger| {
        let stored = ledger.household(&id)?;
        let village = ledger.village_by_id(&stored.village_id)?;
        Ok(HouseholdDetail {
            cadres: ledger.cadres(&village.id)?,
            warnings: ledger.warnings(&id)?,
            household: stored.household,
            revision: stored.revision,
            village: village.village.code,
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

/// Validates and saves a household whole; a change of status needs `reason`.
/// New records may come without ids (empty): they get new ones here.
#[tauri::command(async)]
pub fn household_save(
    state: State<'_, AppState>,
    village: String,
    household: Household,
    reason: Option<String>,
) -> AppResult<Saved> {
    state.with(|ledger| {
        let village_id = ledger.village(&village)?.id;
        let household = with_ids(household);
        let saved = ledger
            .with_tx(|w| w.save_household(&village_id, &household, reason.as_deref(), today()))?;
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
