//! 设置: read and save the app's settings (audited in the ledger).

use crate::error::AppResult;
use crate::settings::{self, AppSettings};
use crate::state::AppState;
use tauri::State;

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
