//! Verdicts of the policy engine for one household, with the what-if; 数据核查 of a village.

use crate::error::AppResult;
use crate::state::{today, AppState};
use tauri::State;
use yibentong::rules::Overrides;

/// The household's verdicts for `year` on that year's facts (as of 31 December, or today
/// for the running year) and what would change them.
/// Returned as JSON of `HouseholdVerdicts` (the assessment borrows from the household).
#[tauri::command(async)]
pub fn assess_household(
    state: State<'_, AppState>,
    id: String,
    year: i32,
) -> AppResult<serde_json::Value> {
    state.with(|ledger| {
        Ok(yibentong::assess::household_verdicts(
            ledger,
            &id,
            year,
            today(),
        )?)
    })
}

/// 数据核查: every finding of the village for `year` (the year's facts), as the CLI's
/// `check --json` prints them.
#[tauri::command(async)]
pub fn village_check(
    state: State<'_, AppState>,
    village: String,
    year: i32,
) -> AppResult<Vec<yibentong::check::CheckFinding>> {
    state.with(|ledger| {
        Ok(yibentong::assess::village_check(
            ledger,
            Some(&village),
            Some(year),
            &Overrides::default(),
            today(),
        )?)
    })
}
