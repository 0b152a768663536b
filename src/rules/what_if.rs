//! What-if (差距分析): for a household that cannot exit, is at risk, or cannot yet be
//! marked 风险消除, what stands in the way and by how much, and the smallest rise in
//! the household's annual net income that would change the verdict.
//!
//! The income rise is computed from the unrounded net income and rounded up to the fen,
//! so that adding it really moves per-capita income to the line (at the line counts as
//! reaching it). `sufficient` says whether the rise alone changes the verdict, or other
//! obstacles (school, insurance, housing …) remain.

use super::household::Facts;
use super::policy::Policy;
use super::verdict::{Assessment, Outcome, Rule, Verdict};
use super::wording::{line_phrase, yuan};
use crate::model::Household;
use serde::Serialize;

/// One thing standing in the way of a verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Obstacle {
    pub rule: Rule,
    pub criterion: &'static str,
    /// e.g. `成员李四未参加大病保险`, `缺少数据：成员“李四”的大病保险`.
    pub text: String,
}

/// The smallest annual income rise that would change a verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IncomeRise {
    /// `household_exit` (reach the poverty line) or `monitoring` (leave monitoring).
    pub rule: Rule,
    /// Yuan per person still missing.
    pub per_capita_gap: f64,
    /// Yuan per year for the whole household (rounded up to the fen).
    pub annual_household: f64,
    pub persons: usize,
    /// Whether the rise alone changes the verdict.
    pub sufficient: bool,
    pub text: String,
}

/// The what-if for one household.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct WhatIf {
    pub household: String,
    pub year: i32,
    pub obstacles: Vec<Obstacle>,
    pub income_rises: Vec<IncomeRise>,
    /// Every obstacle and rise as one Chinese line each, for the report.
    pub lines: Vec<String>,
}

/// Reasons with `met == when` and a shortfall become obstacles (for exit and risk
/// elimination the unmet criteria, for monitoring the met ones).
fn obstacles_of(h: &Household, v: &Verdict, when: bool, skip: &[&str], out: &mut Vec<Obstacle>) {
    for r in &v.reasons {
        if r.met == Some(when) && !skip.contains(&r.criterion) {
            let shortfall = r.shortfall.as_deref().filter(|s| !s.is_empty());
            if let Some(s) = shortfall.filter(|s| !out.iter().any(|o| o.text == *s)) {
                out.push(Obstacle {
                    rule: v.rule,
                    criterion: r.criterion,
                    text: s.to_string(),
                });
            }
        }
    }
    for path in &v.missing {
        let text = format!("缺少数据：{}", crate::model::describe_place(h, path));
        if !out.iter().any(|o| o.text == text) {
            out.push(Obstacle {
                rule: v.rule,
                criterion: "missing",
                text,
            });
        }
    }
}

fn ceil_fen(v: f64) -> f64 {
    ((v * 100.0) - 1e-6).ceil().max(0.0) / 100.0
}

/// What stands in the way of exit, of leaving monitoring and of 风险消除, with the
/// income rises. `assessment` must be `assess_household(household, policy)`.
pub fn what_if(household: &Household, policy: &Policy, assessment: &Assessment) -> WhatIf {
    let f = Facts::new(household, policy);
    let n = f.people.len();
    let mut obstacles = Vec::new();
    let mut rises = Vec::new();
    let guarantees = [
        Rule::FoodClothing,
        Rule::CompulsoryEducation,
        Rule::BasicMedical,
        Rule::HousingSafety,
        Rule::DrinkingWater,
    ];
    if assessment.outcome(Rule::HouseholdExit) != Outcome::Yes {
        if let Some(v) = assessment.verdict(Rule::IncomeAboveLine) {
            obstacles_of(household, v, false, &[], &mut obstacles);
        }
        for rule in guarantees {
            if let Some(v) = assessment.verdict(rule) {
                obstacles_of(household, v, false, &[], &mut obstacles);
            }
        }
        let line = f.poverty_line();
        let income_short = assessment.outcome(Rule::IncomeAboveLine) == Outcome::No;
        if income_short && n > 0 {
            let rise = ceil_fen(line.value * n as f64 - f.income.net());
            let others_met = guarantees
                .iter()
                .all(|r| assessment.outcome(*r) == Outcome::Yes);
            let gap = ceil_fen(rise / n as f64);
            let mut text = format!(
                "全家年纯收入至少增加{}元（{n}人，人均{}元），人均纯收入即达到{}",
                yuan(rise),
                yuan(gap),
                line_phrase(line)
            );
            if !others_met {
                text.push_str("；但还须解决上述两不愁三保障问题才能脱贫退出");
            }
            rises.push(IncomeRise {
                rule: Rule::HouseholdExit,
                per_capita_gap: gap,
                annual_household: rise,
                persons: n,
                sufficient: others_met,
                text,
            });
        }
    }
    if let Some(v) = assessment
        .verdict(Rule::Monitoring)
        .filter(|v| v.outcome == Outcome::Yes)
    {
        obstacles_of(household, v, true, &[], &mut obstacles);
        if let (Some(line), true) = (&policy.monitoring_line, n > 0) {
            let rise =
                ceil_fen(line.value * n as f64 - (f.income.window_net - f.income.out_of_pocket));
            let gap = ceil_fen(rise / n as f64);
            let text = format!(
                "近12个月全家纯收入（扣除合规自付支出后）至少增加{}元（{n}人，人均{}元），即达到{}，不再符合监测条件",
                yuan(rise),
                yuan(gap),
                line_phrase(line)
            );
            rises.push(IncomeRise {
                rule: Rule::Monitoring,
                per_capita_gap: gap,
                annual_household: rise,
                persons: n,
                sufficient: true,
                text,
            });
        }
    }
    let monitored = household.monitoring.is_some();
    if let Some(v) = assessment
        .verdict(Rule::RiskElimination)
        .filter(|v| monitored && v.outcome != Outcome::Yes)
    {
        obstacles_of(household, v, false, &["guarantees_secure"], &mut obstacles);
    }
    let mut lines: Vec<String> = obstacles.iter().map(|o| o.text.clone()).collect();
    lines.extend(rises.iter().map(|r| r.text.clone()));
    WhatIf {
        household: household.code.clone(),
        year: policy.year,
        obstacles,
        income_rises: rises,
        lines,
    }
}
