//! The policy engine (issue 3): dated parameters as data, verdicts that explain themselves.
//!
//! Pure: every function takes the policy (which carries the year and the assessment date)
//! as input; nothing reads the clock or the disk (the shipped parameters are embedded with
//! `include_str!`). Resolve the policy once per run with [`resolve`], then assess any
//! number of households with [`assess_household`] or a village with [`assess_village`].
//!
//! Rule names and the JSON shape of [`Assessment`] follow the "Assessment output" section
//! of `shared/spec/exchange-v1.md`. Out of scope: storage of the local policy (the ledger
//! keeps it with an audit row) and the command line, which are thin adapters over this.

mod assistance;
mod guarantees;
mod household;
mod income;
mod inspector;
mod local_policy;
mod local_values;
mod monitoring;
mod params;
mod policy;
mod report;
mod roster;
mod verdict;
mod village;
mod what_if;
mod wording;
pub(crate) use wording::round2;

#[cfg(test)]
mod precedence_tests;

pub use household::{assess_household, household_line, identification_line};
pub use income::{CategoryTotal, IncomeFigures, LineFigure, LineTreatment, WindowFigures};
pub use inspector::{disagreement, Disagreement, Inspector, OutcomeCounts};
pub use local_policy::{parameter_label, LocalPolicy, Overrides, PolicyError};
pub use local_values::{
    local_parameters, LocalParameter, LocalParameterInfo, LocalValue, LocalValueChange,
};
pub use monitoring::months_between;
pub use params::{shipped, ParamValue, Reliability, ShippedParameter, PARAMETER_FORMAT};
pub use policy::{basis, resolve, Basis, LocalLimits, Origin, Param, Policy, PolicySummary};
pub use report::{household_report, village_report, what_if_report};
pub use verdict::{Assessment, Outcome, Quantity, Reason, Rule, Verdict};
pub use village::{
    assess_all, assess_village, inspect_village, village_exit, VillageAssessment,
    LAST_INCIDENCE_YEAR,
};
pub use what_if::{what_if, IncomeRise, Obstacle, WhatIf};

/// 31 December of `year`: the default assessment date (`--as-of`).
pub fn year_end(year: i32) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::from_ymd_opt(year, 12, 31)
}
