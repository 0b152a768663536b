//! 乡镇概览: the township's villages side by side, the yearly plan targets against the
//! exits the ledger records, and all its villages as one monitoring-system workbook.

use crate::app::error::AppResult;
use crate::app::state::today;
use crate::app::Context;
use crate::store::PlanTarget;
use crate::township::{self, Township, TownshipView};

/// The ledger's townships (the first nine digits of the villages' codes).
pub fn township_list(cx: &Context<'_>) -> AppResult<Vec<Township>> {
    cx.state.with(|ledger| Ok(township::townships(ledger)?))
}

/// One township (the first when `code` is null) for `year`.
pub fn township_view(cx: &Context<'_>, code: Option<String>, year: i32) -> AppResult<TownshipView> {
    cx.state.with(|ledger| {
        Ok(township::township_view(
            ledger,
            code.as_deref(),
            year,
            today(),
        )?)
    })
}

/// The township's villages as one workbook in the monitoring system's layout, as they
/// stood at the end of `year` (today for the running year), written to `out`; the bytes
/// written.
pub fn export_township_xlsx(
    cx: &Context<'_>,
    township: String,
    year: i32,
    out: String,
) -> AppResult<usize> {
    super::print::workbook_to(cx, out, |l| {
        let on = crate::assess::paper_date(year, today())?;
        crate::exchange::xlsx::township_workbook(l, &township, on).map(|(bytes, _, _)| bytes)
    })
}

/// Sets a village's or township's plan target for a year (replacing it; audited).
pub fn plan_target_set(cx: &Context<'_>, target: PlanTarget) -> AppResult<()> {
    cx.state.with(|ledger| Ok(ledger.set_plan_target(&target)?))
}
