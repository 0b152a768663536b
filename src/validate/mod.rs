//! Validation of household records: errors block a write, warnings are stored and listed.
//!
//! Every finding names the household, the JSON path of the field at fault (the same path
//! as in an exchange file, e.g. `members[1].id_number`) and a Chinese sentence for the
//! cadre. Errors come from `errors.rs`; the national system's consistency checks
//! (domain reference §3) are warnings, in `warnings.rs`, never blocking.

mod draft;
mod errors;
pub(crate) use errors::AMOUNT_MAX;
mod people;
mod procedure;
mod records_2026;
mod required;
mod text;
pub use draft::check_draft;
mod warnings;

use crate::model::{Cadre, Household};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Blocks the write.
    Error,
    /// Stored and listed; never blocks.
    Warning,
}

/// One problem found in the data.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Finding {
    pub severity: Severity,
    /// Household code (户编号) the finding belongs to (empty for village-level findings).
    pub household: String,
    /// JSON path of the field at fault, e.g. `households[2].members[1].id_number`.
    pub path: String,
    /// Stable rule key, e.g. `id_number.checksum`.
    pub rule: String,
    /// What the cadre reads.
    pub message: String,
}

impl std::fmt::Display for Finding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let kind = match self.severity {
            Severity::Error => "错误",
            Severity::Warning => "提示",
        };
        if self.household.is_empty() {
            write!(f, "[{kind}] {}：{}", self.path, self.message)
        } else {
            write!(
                f,
                "[{kind}] 户{} {}：{}",
                self.household, self.path, self.message
            )
        }
    }
}

/// Collects findings for one household with a path prefix.
pub(crate) struct Report<'a> {
    household: &'a str,
    prefix: String,
    pub(crate) findings: Vec<Finding>,
}

impl<'a> Report<'a> {
    pub(crate) fn new(household: &'a str, prefix: &str) -> Self {
        Report {
            household,
            prefix: prefix.to_string(),
            findings: Vec::new(),
        }
    }

    fn push(&mut self, severity: Severity, path: &str, rule: &str, message: String) {
        let path = if self.prefix.is_empty() {
            path.to_string()
        } else if path.is_empty() {
            self.prefix.clone()
        } else {
            format!("{}.{path}", self.prefix)
        };
        self.findings.push(Finding {
            severity,
            household: self.household.to_string(),
            path,
            rule: rule.to_string(),
            message,
        });
    }

    pub(crate) fn error(&mut self, path: &str, rule: &str, message: String) {
        self.push(Severity::Error, path, rule, message);
    }

    pub(crate) fn warn(&mut self, path: &str, rule: &str, message: String) {
        self.push(Severity::Warning, path, rule, message);
    }
}

/// Checks one household. `prefix` is the JSON path of the household (e.g. `households[3]`,
/// or empty); `cadres` are the village's cadres, for pairing and visit references;
/// `today` bounds dates (no clock is read here).
pub fn check_household(
    household: &Household,
    cadres: &[Cadre],
    today: NaiveDate,
    prefix: &str,
) -> Vec<Finding> {
    check_household_on(household, cadres, today, None, prefix)
}

/// `check_household`, judging ages, schooling and labour on `on` (a year's check reads
/// the members as they were then); `None` judges them on the household's newest dated
/// record. Members who had left or died by `on` are not judged.
pub fn check_household_on(
    household: &Household,
    cadres: &[Cadre],
    today: NaiveDate,
    on: Option<NaiveDate>,
    prefix: &str,
) -> Vec<Finding> {
    let mut report = Report::new(&household.code, prefix);
    text::check_household(household, &mut report);
    errors::check(household, cadres, today, &mut report);
    required::check(household, &mut report);
    warnings::check(household, on, today, &mut report);
    records_2026::check(household, &mut report);
    procedure::check(household, &mut report);
    report.findings
}

/// Only the blocking findings.
pub fn errors_only(findings: &[Finding]) -> Vec<Finding> {
    findings
        .iter()
        .filter(|f| f.severity == Severity::Error)
        .cloned()
        .collect()
}
