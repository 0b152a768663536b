//! Verdicts of the policy engine for one household, with the what-if; 数据核查 of a village.

use crate::error::{AppError, AppResult, ErrorCode};
use crate::ipc::HouseholdVerdicts;
use crate::state::{today, AppState};
use tauri::State;
use yibentong::rules::{self, Overrides};

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
        let stored = ledger.household(&id)?;
        let village = ledger.village_by_id(&stored.village_id)?;
        // The year's facts: as at the end of the year, or today for the year still running.
        let on = yibentong::assess::paper_date(year, today())?;
        if let Some(why) = stored
            .household
            .registration_on(on)
            .explain(&stored.household.code, on)
        {
            return Err(AppError::new(ErrorCode::Invalid, why));
        }
        let household = stored.household.as_of(on);
        let policy = yibentong::assess::policy_for(
            ledger,
            &village.village.as_of(on),
            year,
            Some(on),
            &Overrides::default(),
        )?;
        let assessment = rules::assess_household(&household, &policy);
        let what_if = rules::what_if(&household, &policy, &assessment);
        serde_json::to_value(HouseholdVerdicts {
            assessment,
            what_if,
        })
        .map_err(|e| AppError::new(ErrorCode::Format, format!("判定结果无法转换：{e}")))
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
