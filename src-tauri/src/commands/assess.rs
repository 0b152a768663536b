//! Verdicts of the policy engine for one household, with the what-if.

use crate::error::{AppError, AppResult, ErrorCode};
use crate::ipc::HouseholdVerdicts;
use crate::state::AppState;
use tauri::State;
use yibentong::rules::{self, Overrides};

/// The household's verdicts for `year` (as of 31 December) and what would change them.
/// Returned as JSON of `HouseholdVerdicts` (the assessment borrows from the household).
#[tauri::command(async)]
pub fn assess_household(
    state: State<'_, AppState>,
    id: String,
    year: i32,
) -> AppResult<serde_json::Value> {
    state.with(|ledger| {
        let stored = ledger.household(&id)?;
        let village = ledger.village_by_id(&stored.village_id)?;
        let policy = yibentong::assess::policy_for(
            ledger,
            &village.village,
            year,
            None,
            &Overrides::default(),
        )?;
        let assessment = rules::assess_household(&stored.household, &policy);
        let what_if = rules::what_if(&stored.household, &policy, &assessment);
        serde_json::to_value(HouseholdVerdicts {
            assessment,
            what_if,
        })
        .map_err(|e| AppError::new(ErrorCode::Format, format!("判定结果无法转换：{e}")))
    })
}
