//! 设置: the app's settings, the dated local policy values and the cadre roster (every
//! change audited in the ledger).

use crate::error::AppResult;
use crate::state::{today, AppState};
use chrono::NaiveDate;
use tauri::State;
use yibentong::model::Cadre;
use yibentong::rules::{LocalValue, LocalValueChange};
use yibentong::settings::{self, AppSettings};
use yibentong::store::NewCadre;

/// The current settings.
#[tauri::command(async)]
pub fn settings_get(state: State<'_, AppState>) -> AppResult<AppSettings> {
    state.with(|ledger| Ok(settings::load(ledger)?))
}

/// Saves the settings; each change leaves an audit row with `reason`.
#[tauri::command(async)]
pub fn settings_save(
    state: State<'_, AppState>,
    settings: AppSettings,
    reason: Option<String>,
) -> AppResult<AppSettings> {
    state.with(|ledger| Ok(settings::save(ledger, &settings, reason.as_deref())?))
}

/// Every dated local value (低保标准, 监测范围 … with start date, 文号, reason, who).
#[tauri::command(async)]
pub fn local_values_list(state: State<'_, AppState>) -> AppResult<Vec<LocalValue>> {
    state.with(|ledger| Ok(ledger.local_values()?))
}

/// Adds dated local values (all or none), each applying from its date on, audited with
/// `reason`.
#[tauri::command(async)]
pub fn local_value_add(
    state: State<'_, AppState>,
    changes: Vec<LocalValueChange>,
    reason: String,
) -> AppResult<Vec<LocalValue>> {
    state.with(|ledger| Ok(ledger.add_local_values(&changes, &reason)?))
}

/// A village's cadre roster (those who left included, with their terms).
#[tauri::command(async)]
pub fn cadre_list(state: State<'_, AppState>, village: String) -> AppResult<Vec<Cadre>> {
    state.with(|ledger| Ok(ledger.village_cadres(&village)?))
}

/// Adds a cadre to a village's roster (帮扶干部花名册).
#[tauri::command(async)]
pub fn cadre_add(state: State<'_, AppState>, village: String, cadre: NewCadre) -> AppResult<Cadre> {
    state.with(|ledger| Ok(ledger.add_cadre(&village, &cadre, today())?))
}

/// Ends a cadre's term in the village (their pairings and visits stay).
#[tauri::command(async)]
pub fn cadre_end(
    state: State<'_, AppState>,
    village: String,
    cadre: String,
    end: NaiveDate,
    reason: String,
) -> AppResult<Cadre> {
    state.with(|ledger| Ok(ledger.end_cadre(&village, &cadre, end, &reason, today())?))
}
