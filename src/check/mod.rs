//! 数据核查: every finding of a village for one year, as one list — the validation
//! findings of each household as it stood then, the inspector's cross-checks of recorded
//! status against the rules engine, monitoring checks, and checks across households.
//!
//! Each finding carries the household, the JSON path of the field at fault in the
//! village's exchange file for that year (`export --year`), a stable rule key, a level
//! and a Chinese sentence. The CLI's `check`, the app's 数据核查 screen and papers read
//! this one list.

mod across;
mod complete;
mod fields;
mod items;
mod local_limits;
mod measures;
mod monitoring;
mod people;
mod procedure;
mod work;

use crate::codes::Status;
use crate::model::{Cadre, Household, Member, Village};
use crate::rules::{self, Outcome, Policy, Rule};
use crate::validate::{self, Severity};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// How serious a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
#[cfg_attr(feature = "ts", ts(rename = "CheckLevel"))]
pub enum Level {
    /// The record is wrong and must be fixed.
    Error,
    /// Probably wrong: the cadre should look.
    Warning,
    /// Something the cadre can act on (e.g. a household that may now exit).
    Info,
}

impl Level {
    /// The word the cadre reads.
    pub fn label(self) -> &'static str {
        match self {
            Level::Error => "错误",
            Level::Warning => "提示",
            Level::Info => "说明",
        }
    }
}

/// One finding of the check.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct CheckFinding {
    /// 户编号 (empty for a village-level finding).
    pub household: String,
    /// JSON path of the field at fault, e.g. `households[0].members[2].schooling`.
    pub path: String,
    /// Stable rule key, e.g. `schooling.age`.
    pub rule: String,
    pub level: Level,
    /// What the cadre reads.
    pub message: String,
}

impl std::fmt::Display for CheckFinding {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let who = if self.household.is_empty() {
            String::new()
        } else {
            format!("户{} ", self.household)
        };
        write!(
            f,
            "[{}] {who}{}：{}",
            self.level.label(),
            self.path,
            self.message
        )
    }
}

/// What one check reads: a village's households as they stood on `on` (ordered as in
/// the year's export), its cadres, the year's policy and the real today (for dates).
pub struct CheckInput<'a> {
    pub households: &'a [Household],
    pub cadres: &'a [Cadre],
    pub policy: &'a Policy,
    pub on: NaiveDate,
    pub today: NaiveDate,
    /// The engine's 12-month 人均纯收入 of monitored households on the day they were
    /// identified (household id → yuan), where it could be worked out.
    pub at_identification: &'a std::collections::HashMap<String, f64>,
    /// Households of the ledger's other villages holding one of the village's people
    /// (`Ledger::households_elsewhere_holding`), as they stood on `on`.
    pub elsewhere: &'a [Elsewhere],
    /// The village as it stood on `on` (`None`: households judged alone).
    pub village: Option<&'a Village>,
}

/// A household of another village of the ledger, as it stood on the check's date, and
/// its village as the cadre names it (`新寨村（522729100202）`).
#[derive(Debug, Clone)]
pub struct Elsewhere {
    pub village: String,
    pub household: Household,
}

/// Every finding, ordered by household (as in the file), then path.
pub fn check_village(input: &CheckInput) -> Vec<CheckFinding> {
    let assessments = rules::assess_all(input.households, input.policy);
    let mut findings: Vec<CheckFinding> = Vec::new();
    for (i, (h, a)) in input.households.iter().zip(&assessments).enumerate() {
        let prefix = format!("households[{i}]");
        for f in validate::check_household_on(h, input.cadres, input.today, Some(input.on), &prefix)
        {
            findings.push(CheckFinding {
                household: f.household,
                path: f.path,
                rule: f.rule,
                level: match f.severity {
                    Severity::Error => Level::Error,
                    Severity::Warning => Level::Warning,
                },
                message: f.message,
            });
        }
        let at = |field: &str| format!("{prefix}.{field}");
        if let Some(d) = rules::disagreement(h, a, input.policy) {
            let level = match (d.rule, d.outcome) {
                (Rule::HouseholdExit | Rule::RiskElimination, Outcome::Yes) => Level::Info,
                _ => Level::Warning,
            };
            findings.push(CheckFinding {
                household: h.code.clone(),
                path: at("status"),
                rule: format!("status.{}", d.rule.name()),
                level,
                message: d.reason,
            });
        }
        let mut out = Out {
            household: &h.code,
            prefix: &prefix,
            findings: &mut findings,
        };
        monitoring::check(h, a, input.policy, &mut out);
        measures::check(h, a, input.policy, &mut out);
        complete::check(h, input.on, &mut out);
        people::check(h, a, input.policy, input.on, &mut out);
        fields::check(h, input.on, &mut out);
        items::check(h, input.policy, &mut out);
        procedure::check(h, input.policy, &mut out);
        work::check(h, input.policy, &mut out);
        local_limits::check(h, a, input.policy, &mut out);
        local_limits::identified_rich(
            h,
            input.at_identification.get(&h.id),
            input.policy,
            &mut out,
        );
    }
    across::check(input.households, input.on, &mut findings);
    across::in_other_villages(input.households, input.elsewhere, input.on, &mut findings);
    findings.sort_by(|a, b| {
        order(&a.path)
            .cmp(&order(&b.path))
            .then(a.rule.cmp(&b.rule))
    });
    // The village's own, before its households'.
    if let Some(f) = input.village.and_then(village_population) {
        findings.insert(0, f);
    }
    findings
}

/// A village without its registered rural population (countryside/1_03_002): 贫困发生率
/// and the village's exit cannot be worked out.
fn village_population(v: &Village) -> Option<CheckFinding> {
    (v.rural_population.unwrap_or(0) == 0).then(|| CheckFinding {
        household: String::new(),
        path: "village.rural_population".into(),
        rule: "village.population".into(),
        level: Level::Warning,
        message: format!(
            "{}的农村户籍人口{}：贫困发生率和村出列判定无法计算，县级核查要求出列村填写。请在“设置 › 本村情况”中填写",
            v.name,
            if v.rural_population.is_some() { "为0" } else { "未填写" }
        ),
    })
}

/// Where one household's findings go: warnings at a field below the household.
pub(super) struct Out<'a> {
    household: &'a str,
    prefix: &'a str,
    findings: &'a mut Vec<CheckFinding>,
}

impl Out<'_> {
    /// A warning at `field` (a path below the household, e.g. `members[2].labor`).
    pub(super) fn push(&mut self, field: &str, rule: &str, message: String) {
        self.findings.push(CheckFinding {
            household: self.household.to_string(),
            path: format!("{}.{field}", self.prefix),
            rule: rule.to_string(),
            level: Level::Warning,
            message,
        });
    }

    /// Information at `field`: something to know, not to fix.
    pub(super) fn info(&mut self, field: &str, rule: &str, message: String) {
        self.push(field, rule, message);
        if let Some(f) = self.findings.last_mut() {
            f.level = Level::Info;
        }
    }
}

/// Whether the county's export carries the household (`Status::is_on_the_books`).
pub(super) fn registered(h: &Household) -> bool {
    h.status.is_some_and(Status::is_on_the_books)
}

/// The members judged on `on`, with their index in the file: registered then, and known
/// to the ledger by then (a value first recorded in 2021 says nothing about 2016).
pub(super) fn judged(h: &Household, on: NaiveDate) -> Vec<(usize, &Member)> {
    h.members
        .iter()
        .enumerate()
        .filter(|(_, m)| {
            h.is_registered_on(m, on) && m.recorded_from.or(h.recorded_from).is_none_or(|k| k <= on)
        })
        .collect()
}

/// The members judged on `on` when every member registered then is (an absence — nobody
/// on 低保, nobody able to work — can only be read from a household known whole).
pub(super) fn known_whole(h: &Household, on: NaiveDate) -> Option<Vec<&Member>> {
    let members: Vec<&Member> = judged(h, on).into_iter().map(|(_, m)| m).collect();
    (!members.is_empty() && members.len() == h.members_on(on).len()).then_some(members)
}

/// Sort key of a path: numbers compared as numbers (`households[10]` after `[9]`).
fn order(path: &str) -> Vec<(String, usize)> {
    path.split(['[', ']'])
        .map(|part| match part.parse::<usize>() {
            Ok(n) => (String::new(), n),
            Err(_) => (part.to_string(), 0),
        })
        .collect()
}

/// Counts by level: (errors, warnings, infos).
pub fn counts(findings: &[CheckFinding]) -> (usize, usize, usize) {
    let n = |l: Level| findings.iter().filter(|f| f.level == l).count();
    (n(Level::Error), n(Level::Warning), n(Level::Info))
}

/// One person (ID number) registered on `on` in two households of one file: an error of
/// the import, naming each place (the county's check 1_01_001 refuses such a roster).
pub fn people_in_two_households(
    households: &[Household],
    on: chrono::NaiveDate,
) -> Vec<crate::validate::Finding> {
    let mut found = Vec::new();
    across::people(households, on, &mut found);
    found
        .into_iter()
        .map(|f| crate::validate::Finding {
            severity: crate::validate::Severity::Error,
            household: f.household,
            path: f.path,
            rule: f.rule,
            message: f.message,
        })
        .collect()
}

#[cfg(test)]
mod tests;
