//! The ledger as a whole: what it holds, loading the demo village, the village overview.

use super::progress;
use crate::error::AppResult;
use crate::ipc::{LedgerInfo, VillageInfo};
use crate::state::{today, AppState};
use tauri::{AppHandle, Runtime, State};
use yibentong::overview::VillageOverview;
use yibentong::store::Ledger;

/// Households in the demo village (the core's default).
const DEMO_HOUSEHOLDS: usize = 300;
/// The demo seed (the command line's default: the same ledger as `yibentong demo`).
const DEMO_SEED: u64 = 2014;

fn info(state: &AppState, ledger: &Ledger) -> AppResult<LedgerInfo> {
    let rows = ledger.household_list(None)?;
    let villages = ledger
        .villages()?
        .into_iter()
        .map(|v| VillageInfo {
            households: rows.iter().filter(|r| r.village == v.village.code).count(),
            code: v.village.code,
            name: v.village.name,
            township: v.village.township,
            county: v.village.county,
            region: v.village.region,
            rural_population: v.village.rural_population,
            groups: v.village.groups,
        })
        .collect();
    Ok(LedgerInfo {
        path: state.path().display().to_string(),
        operator: ledger.operator().to_string(),
        villages,
        households: rows.len(),
    })
}

/// The open ledger: path, operator, villages and household count.
#[tauri::command(async)]
pub fn ledger_info(state: State<'_, AppState>) -> AppResult<LedgerInfo> {
    state.with(|ledger| info(&state, ledger))
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
        info(&state, ledger)
    })
}

/// Everything 首页 shows for a village and year.
#[tauri::command(async)]
pub fn village_overview(
    state: State<'_, AppState>,
    village: String,
    year: i32,
    stale_days: i64,
) -> AppResult<VillageOverview> {
    state.with(|ledger| {
        Ok(yibentong::overview::village_overview(
            ledger,
            &village,
            year,
            today(),
            stale_days,
        )?)
    })
}
