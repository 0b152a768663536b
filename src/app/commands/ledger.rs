//! The ledger as a whole: what it holds, loading the demo village, the village overview.

use super::progress;
use crate::error::AppResult;
use crate::state::{today, AppState};
use tauri::{AppHandle, Runtime, State};
use yibentong::overview::VillageOverview;
use yibentong::store::LedgerInfo;

/// Households in the demo village (the core's default).
const DEMO_HOUSEHOLDS: usize = 300;
/// The demo seed (the command line's default: the same ledger as `yibentong demo`).
const DEMO_SEED: u64 = 2014;

/// The open ledger: path, operator, villages and household count.
#[tauri::command(async)]
pub fn ledger_info(state: State<'_, AppState>) -> AppResult<LedgerInfo> {
    state.with(|ledger| Ok(ledger.info(today())?))
}

/// Loads the demo village into the ledger (sends `progress` events as villages import).
#[tauri::command(async)]
pub fn load_demo<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
) -> AppResult<LedgerInfo> {
    state.with(|ledger| {
        yibentong::demo::build(
            ledger,
            DEMO_HOUSEHOLDS,
            DEMO_SEED,
            today(),
            &mut progress(&app, "load_demo"),
        )?;
        Ok(ledger.info(today())?)
    })
}

/// Everything 首页 shows for a village and year (visits overdue by the 走访周期 of 设置).
#[tauri::command(async)]
pub fn village_overview(
    state: State<'_, AppState>,
    village: String,
    year: i32,
) -> AppResult<VillageOverview> {
    state.with(|ledger| {
        Ok(yibentong::overview::village_overview(
            ledger,
            &village,
            year,
            today(),
        )?)
    })
}
