//! Verdicts of the policy engine for one household, with the what-if; 数据核查 of a village.

use crate::app::error::AppResult;
use crate::app::state::today;
use crate::app::Context;
use crate::rules::Overrides;

/// The household's verdicts for `year` on that year's facts (as of 31 December, or today
/// for the running year) and what would change them.
/// Returned as JSON of `HouseholdVerdicts` (the assessment borrows from the household).
pub fn assess_household(cx: &Context<'_>, id: String, year: i32) -> AppResult<serde_json::Value> {
    cx.state.with(|ledger| {
        Ok(crate::assess::household_verdicts(
            ledger,
            &id,
            year,
            today(),
        )?)
    })
}

/// 数据核查: every finding of the village for `year` (the year's facts), as the CLI's
/// `check --json` prints them.
pub fn village_check(
    cx: &Context<'_>,
    village: String,
    year: i32,
) -> AppResult<Vec<crate::check::CheckFinding>> {
    cx.state.with(|ledger| {
        Ok(crate::assess::village_check(
            ledger,
            Some(&village),
            Some(year),
            &Overrides::default(),
            today(),
        )?)
    })
}
