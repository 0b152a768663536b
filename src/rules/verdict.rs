//! Output types of an assessment, shaped exactly as the spec's "Assessment output".
//!
//! A verdict never says yes or no silently: every criterion is a [`Reason`] with value,
//! threshold and a Chinese sentence citing the parameter's year and source; missing
//! data makes the outcome `unknown` and lists the exact field paths in `missing`.

use super::income::IncomeFigures;
use super::policy::PolicySummary;
use super::wording::{num, opt_num};
use crate::codes::MonitoringKind;
use chrono::NaiveDate;
use serde::{Serialize, Serializer};

/// The rules, named exactly as in the spec.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    IncomeAboveLine,
    FoodClothing,
    CompulsoryEducation,
    BasicMedical,
    HousingSafety,
    DrinkingWater,
    Identification,
    HouseholdExit,
    Dibao,
    Tekun,
    Monitoring,
    RiskElimination,
    VillageExit,
}

impl Rule {
    /// Every household rule, in output order.
    pub const HOUSEHOLD: [Rule; 12] = [
        Rule::IncomeAboveLine,
        Rule::FoodClothing,
        Rule::CompulsoryEducation,
        Rule::BasicMedical,
        Rule::HousingSafety,
        Rule::DrinkingWater,
        Rule::Identification,
        Rule::HouseholdExit,
        Rule::Dibao,
        Rule::Tekun,
        Rule::Monitoring,
        Rule::RiskElimination,
    ];

    /// The spec name, e.g. `household_exit`.
    pub fn name(self) -> &'static str {
        match self {
            Rule::IncomeAboveLine => "income_above_line",
            Rule::FoodClothing => "food_clothing",
            Rule::CompulsoryEducation => "compulsory_education",
            Rule::BasicMedical => "basic_medical",
            Rule::HousingSafety => "housing_safety",
            Rule::DrinkingWater => "drinking_water",
            Rule::Identification => "identification",
            Rule::HouseholdExit => "household_exit",
            Rule::Dibao => "dibao",
            Rule::Tekun => "tekun",
            Rule::Monitoring => "monitoring",
            Rule::RiskElimination => "risk_elimination",
            Rule::VillageExit => "village_exit",
        }
    }

    /// What the cadre reads, e.g. `脱贫退出`.
    pub fn label(self) -> &'static str {
        match self {
            Rule::IncomeAboveLine => "收入达标",
            Rule::FoodClothing => "不愁吃、不愁穿",
            Rule::CompulsoryEducation => "义务教育有保障",
            Rule::BasicMedical => "基本医疗有保障",
            Rule::HousingSafety => "住房安全有保障",
            Rule::DrinkingWater => "饮水安全有保障",
            Rule::Identification => "贫困户识别",
            Rule::HouseholdExit => "脱贫退出",
            Rule::Dibao => "纳入低保",
            Rule::Tekun => "特困供养",
            Rule::Monitoring => "纳入防返贫监测",
            Rule::RiskElimination => "风险消除",
            Rule::VillageExit => "贫困村退出",
        }
    }
}

/// Three-valued outcome (`unknown` when data is missing).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    Yes,
    No,
    Unknown,
}

impl Outcome {
    /// From a met/not-met/unknown criterion.
    pub fn from_met(met: Option<bool>) -> Outcome {
        match met {
            Some(true) => Outcome::Yes,
            Some(false) => Outcome::No,
            None => Outcome::Unknown,
        }
    }

    /// Met, not met, or unknown: `from_met` the other way.
    pub fn met(self) -> Option<bool> {
        match self {
            Outcome::Yes => Some(true),
            Outcome::No => Some(false),
            Outcome::Unknown => None,
        }
    }

    /// Kleene "and": any `no` wins, then any `unknown`.
    pub fn and(self, other: Outcome) -> Outcome {
        match (self, other) {
            (Outcome::No, _) | (_, Outcome::No) => Outcome::No,
            (Outcome::Unknown, _) | (_, Outcome::Unknown) => Outcome::Unknown,
            _ => Outcome::Yes,
        }
    }

    /// Kleene "or": any `yes` wins, then any `unknown`.
    pub fn or(self, other: Outcome) -> Outcome {
        match (self, other) {
            (Outcome::Yes, _) | (_, Outcome::Yes) => Outcome::Yes,
            (Outcome::Unknown, _) | (_, Outcome::Unknown) => Outcome::Unknown,
            _ => Outcome::No,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Outcome::Yes => "是",
            Outcome::No => "否",
            Outcome::Unknown => "无法判断",
        }
    }
}

/// A criterion's value or threshold: a number, a yes/no, or a code such as `C`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Quantity {
    Number(f64),
    Flag(bool),
    Code(&'static str),
}

impl Serialize for Quantity {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Quantity::Number(n) => num(n, s),
            Quantity::Flag(b) => s.serialize_bool(*b),
            Quantity::Code(c) => s.serialize_str(c),
        }
    }
}

/// One criterion of a verdict, with its value, threshold and a Chinese sentence.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Reason {
    /// Stable key, e.g. `income_above_line`, `medical_insurance`.
    pub criterion: &'static str,
    /// `null` when the data to judge it is missing.
    pub met: Option<bool>,
    #[cfg_attr(feature = "ts", ts(type = "number | boolean | string | null"))]
    pub value: Option<Quantity>,
    #[cfg_attr(feature = "ts", ts(type = "number | boolean | string | null"))]
    pub threshold: Option<Quantity>,
    pub text: String,
    /// What stands in the way, in a short line for the what-if ("成员李四未参加大病保险").
    #[serde(skip)]
    pub shortfall: Option<String>,
}

/// The verdict of one rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Verdict {
    pub rule: Rule,
    pub outcome: Outcome,
    /// Monitoring kind, only on a `monitoring` verdict with outcome `yes`.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub kind: Option<MonitoringKind>,
    /// Village exit only: 贫困发生率.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub incidence: Option<f64>,
    /// Village exit only: the region's threshold.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_num")]
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub threshold: Option<f64>,
    pub reasons: Vec<Reason>,
    /// JSON paths of the missing fields, e.g. `members[2].medical_insurance`.
    pub missing: Vec<String>,
}

impl Verdict {
    /// A verdict with its outcome computed from the reasons (all met → yes).
    /// Missing paths are listed once each, in first-seen order.
    pub(crate) fn all_of(rule: Rule, reasons: Vec<Reason>, mut missing: Vec<String>) -> Verdict {
        if missing.len() > 1 {
            let mut i = 1;
            while i < missing.len() {
                if missing[..i].contains(&missing[i]) {
                    missing.remove(i);
                } else {
                    i += 1;
                }
            }
        }
        let outcome = reasons
            .iter()
            .fold(Outcome::Yes, |acc, r| acc.and(Outcome::from_met(r.met)));
        Verdict {
            rule,
            outcome,
            kind: None,
            incidence: None,
            threshold: None,
            reasons,
            missing,
        }
    }
}

/// The assessment of one household for one year (spec: "Assessment output").
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Assessment<'a> {
    /// 户编号.
    pub household: &'a str,
    pub year: i32,
    pub as_of: NaiveDate,
    pub policy: &'a PolicySummary,
    #[serde(serialize_with = "opt_num")]
    pub per_capita_net_income: Option<f64>,
    pub verdicts: Vec<Verdict>,
    /// The year's income figures behind `per_capita_net_income`: papers print these, so
    /// printed totals reconcile with the assessment (the reasons quote the same counted
    /// income, costs and persons). Not serialised: the output keeps the spec's shape.
    #[serde(skip)]
    #[cfg_attr(feature = "ts", ts(skip))]
    pub income: IncomeFigures,
}

impl Assessment<'_> {
    /// The verdict of a rule (every household rule is always present).
    pub fn verdict(&self, rule: Rule) -> Option<&Verdict> {
        self.verdicts.iter().find(|v| v.rule == rule)
    }

    /// The outcome of a rule (`unknown` if absent).
    pub fn outcome(&self, rule: Rule) -> Outcome {
        self.verdict(rule).map_or(Outcome::Unknown, |v| v.outcome)
    }
}
