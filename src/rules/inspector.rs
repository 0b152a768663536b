//! The inspector's list (检查清单) for a village: counts by recorded status and by
//! computed verdict, and every household whose recorded status disagrees with the data.
//!
//! Disagreements looked for: marked 已脱贫 (or 风险消除 before 2021) while exit criteria
//! fail; marked 未脱贫/返贫 while every exit criterion is met; before 2021, an ordinary
//! household whose income is below the line (疑似漏评); from 2021, a household not marked
//! as monitored that meets a monitoring condition, a monitored household whose recorded
//! kind differs from the computed one, or one that already meets 风险消除.
//! `unknown` verdicts are counted but never reported as disagreements.

use super::policy::Policy;
use super::verdict::{Assessment, Outcome, Quantity, Rule, Verdict};
use super::wording::yuan;
use crate::codes::{MonitoringKind, Status};
use crate::model::Household;
use serde::Serialize;
use std::collections::BTreeMap;

/// How many households got each outcome for one rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct OutcomeCounts {
    pub yes: usize,
    pub no: usize,
    pub unknown: usize,
}

/// A household whose recorded status disagrees with the computed verdict.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Disagreement {
    /// 户编号.
    pub household: String,
    pub status: Option<Status>,
    pub rule: Rule,
    pub outcome: Outcome,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<MonitoringKind>,
    /// Chinese sentence: what is recorded, what the data say, and why.
    pub reason: String,
}

/// The inspector's list.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Inspector {
    pub incidence: Option<f64>,
    pub poor_persons: u32,
    pub rural_population: Option<u32>,
    pub village_exit: Outcome,
    /// Households by recorded status code (`unrecorded` when none).
    pub by_status: BTreeMap<&'static str, usize>,
    /// Households by computed outcome, per rule.
    pub by_verdict: BTreeMap<Rule, OutcomeCounts>,
    pub disagreements: Vec<Disagreement>,
}

/// Builds the list from the village-exit verdict and the household assessments.
pub(crate) fn inspect(
    exit: &Verdict,
    rural_population: Option<u32>,
    households: &[Household],
    assessments: &[Assessment],
    policy: &Policy,
) -> Inspector {
    let mut by_status = BTreeMap::new();
    let mut by_verdict: BTreeMap<Rule, OutcomeCounts> = BTreeMap::new();
    let mut disagreements = Vec::new();
    for (h, a) in households.iter().zip(assessments) {
        *by_status
            .entry(h.status.map_or("unrecorded", |s| s.code()))
            .or_insert(0) += 1;
        for v in &a.verdicts {
            let c = by_verdict.entry(v.rule).or_default();
            match v.outcome {
                Outcome::Yes => c.yes += 1,
                Outcome::No => c.no += 1,
                Outcome::Unknown => c.unknown += 1,
            }
        }
        disagreements.extend(disagreement(h, a, policy));
    }
    let (poor, _, _) = super::village::poor_persons(households, policy.as_of);
    Inspector {
        incidence: exit.incidence,
        poor_persons: poor,
        rural_population,
        village_exit: exit.outcome,
        by_status,
        by_verdict,
        disagreements,
    }
}

fn shortfalls(v: &Verdict) -> String {
    let parts: Vec<&str> = v
        .reasons
        .iter()
        .filter_map(|r| r.shortfall.as_deref())
        .filter(|s| !s.is_empty())
        .collect();
    parts.join("；")
}

/// How a household's recorded status disagrees with its verdicts, if it does.
pub fn disagreement(h: &Household, a: &Assessment, policy: &Policy) -> Option<Disagreement> {
    let status = h.status?;
    let found = |rule: Rule, reason: String| {
        let v = a.verdict(rule)?;
        Some(Disagreement {
            household: h.code.clone(),
            status: Some(status),
            rule,
            outcome: v.outcome,
            kind: v.kind,
            reason,
        })
    };
    let exit = a.verdict(Rule::HouseholdExit)?;
    let monitor = a.verdict(Rule::Monitoring)?;
    let label = status.label();
    match status {
        // Exit is judged 2014–2020; after that an exited household answers to monitoring.
        Status::Exited if policy.year < 2021 && exit.outcome == Outcome::No => found(
            Rule::HouseholdExit,
            format!("标记为{label}，但{}", shortfalls(exit)),
        ),
        Status::Poor | Status::Relapsed if exit.outcome == Outcome::Yes => found(
            Rule::HouseholdExit,
            format!("标记为{label}，但收入和两不愁三保障各项均已达标，可按程序申请脱贫退出"),
        ),
        Status::Ordinary
            if policy.year < 2021 && a.outcome(Rule::Identification) == Outcome::Yes =>
        {
            let r = a.verdict(Rule::Identification)?.reasons.first()?;
            let (Some(Quantity::Number(v)), Some(Quantity::Number(t))) = (r.value, r.threshold)
            else {
                return None;
            };
            let income = format!("人均纯收入{}元，低于扶贫标准{}元", yuan(v), yuan(t));
            found(
                Rule::Identification,
                format!("标记为{label}，但{income}，疑似漏评"),
            )
        }
        Status::Ordinary | Status::Exited | Status::RiskEliminated
            if monitor.outcome == Outcome::Yes =>
        {
            let kind = monitor.kind.map_or("监测对象", |k| k.label());
            found(
                Rule::Monitoring,
                format!(
                    "标记为{label}，但{}，符合{kind}条件，应纳入防返贫监测",
                    shortfalls(monitor)
                ),
            )
        }
        Status::Monitored => {
            let recorded = h.monitoring.as_ref().map(|m| m.kind);
            if a.outcome(Rule::RiskElimination) == Outcome::Yes {
                found(
                    Rule::RiskElimination,
                    format!("标记为{label}，但风险消除各项条件均已满足，可按程序标注风险消除"),
                )
            } else if monitor.outcome == Outcome::Yes
                && recorded.is_some()
                && recorded != monitor.kind
            {
                let (r, c) = (
                    recorded.map_or("", |k| k.label()),
                    monitor.kind.map_or("", |k| k.label()),
                );
                found(Rule::Monitoring, format!("记录为{r}，但按数据应为{c}"))
            } else {
                None
            }
        }
        _ => None,
    }
}
