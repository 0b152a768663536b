//! 乡镇概览: the township's villages side by side and the yearly plan targets against the
//! exits the ledger records.

use crate::error::AppResult;
use crate::state::{today, AppState};
use tauri::State;
use yibentong::store::PlanTarget;
use yibentong::township::{self, Township, TownshipView};

/// The ledger's townships (the first nine digits of the villages' codes).
#[tauri::command(async)]
pub fn township_list(state: State<'_, AppState>) -> AppResult<Vec<Township>> {
    state.with(|ledger| Ok(township::townships(ledger)?))
}

/// One township (the first when `code` is null) for `year`.
#[tauri::command(async)]
pub fn township_view(
    state: State<'_, AppState>,
    code: Option<String>,
    year: i32,
) -> AppResult<TownshipView> {
    state.with(|ledger| {
        Ok(township::township_view(
            ledger,
            code.as_deref(),
            year,
            today(),
        )?)
    })
}

/// Sets a village's or township's plan target for a year (replacing it; audited).
#[tauri::command(async)]
pub fn plan_target_set(state: State<'_, AppState>, target: PlanTarget) -> AppResult<()> {
    state.with(|ledger| Ok(ledger.set_plan_target(&target)?))
}
