//! The ledger as a whole: what it holds, loading the demo village, the village overview.

use crate::app::error::AppResult;
use crate::app::state::today;
use crate::app::Context;
use crate::overview::VillageOverview;
use crate::store::LedgerInfo;

/// Households in the demo village (the core's default).
const DEMO_HOUSEHOLDS: usize = 300;
/// The demo seed (the command line's default: the same ledger as `yibentong demo`).
const DEMO_SEED: u64 = 2014;

/// The open ledger: path, operator, villages and household count.
pub fn ledger_info(cx: &Context<'_>) -> AppResult<LedgerInfo> {
    cx.state.with(|ledger| Ok(ledger.info(today())?))
}

/// Loads the demo village into the ledger (sends `progress` events as villages import).
pub fn load_demo(cx: &Context<'_>) -> AppResult<LedgerInfo> {
    cx.state.with(|ledger| {
        crate::demo::build(
            ledger,
            DEMO_HOUSEHOLDS,
            DEMO_SEED,
            today(),
            &mut cx.progress("load_demo"),
        )?;
        Ok(ledger.info(today())?)
    })
}

/// Everything 首页 shows for a village and year (visits overdue by the 走访周期 of 设置).
pub fn village_overview(
    cx: &Context<'_>,
    village: String,
    year: i32,
) -> AppResult<VillageOverview> {
    cx.state.with(|ledger| {
        Ok(crate::overview::village_overview(
            ledger,
            &village,
            year,
            today(),
        )?)
    })
}
