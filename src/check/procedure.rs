//! The monitoring procedure against its time limits (design note 0012): a 公示 of at least
//! the policy's days and ended before the township reviews, no step skipped before the last
//! one done, 入户核查 by two people, and the 纳入监测 procedure within its usual days.

use super::Out;
use crate::codes::{ProcedureStage, ProcedureStep};
use crate::model::{Household, Monitoring};
use crate::rules::Policy;

pub(super) fn check(h: &Household, policy: &Policy, out: &mut Out) {
    let Some(m) = &h.monitoring else { return };
    for stage in ProcedureStage::ALL {
        publicity(m, *stage, policy, out);
        skipped(m, *stage, out);
    }
    for (i, s) in m.procedure.iter().enumerate() {
        if s.step == ProcedureStep::HomeCheck {
            let people = s.people.as_deref().map(names).unwrap_or(0);
            if people < 2 {
                out.push(
                    &format!("monitoring.x_procedure[{i}].people"),
                    "procedure.home_check_people",
                    format!(
                        "{}的入户核查应由2人以上进行，请填写核查人员（用“、”分隔）",
                        s.stage.label()
                    ),
                );
            }
        }
    }
    duration(m, policy, out);
}

/// People named in a 核查人员 text: names separated by 、，, or spaces.
fn names(text: &str) -> usize {
    text.split(['、', '，', ',', ' ', '；', ';'])
        .filter(|s| !s.trim().is_empty())
        .count()
}

fn index(m: &Monitoring, stage: ProcedureStage, step: ProcedureStep) -> Option<usize> {
    m.procedure
        .iter()
        .position(|r| r.stage == stage && r.step == step)
}

/// A 公示 lasts the policy's days (both ends counted) and ends before 乡镇审核.
fn publicity(m: &Monitoring, stage: ProcedureStage, policy: &Policy, out: &mut Out) {
    let Some(i) = index(m, stage, ProcedureStep::Publicity) else {
        return;
    };
    let s = &m.procedure[i];
    let min = policy.monitoring_publicity_days.value;
    let Some(until) = s.until else {
        out.push(
            &format!("monitoring.x_procedure[{i}].until"),
            "procedure.publicity_open",
            format!("{}公示没有填写截止日期（公示不少于{min}天）", stage.label()),
        );
        return;
    };
    let days = (until - s.date).num_days() + 1;
    if (days as f64) < min {
        out.push(
            &format!("monitoring.x_procedure[{i}].until"),
            "procedure.publicity_short",
            format!(
                "{}公示自{}至{until}共{days}天，不足{min}天{}",
                stage.label(),
                s.date,
                policy.monitoring_publicity_days.cite
            ),
        );
    }
    if let Some(j) = index(m, stage, ProcedureStep::TownshipReview) {
        let review = m.procedure[j].date;
        if review <= until {
            out.push(
                &format!("monitoring.x_procedure[{j}].date"),
                "procedure.review_during_publicity",
                format!(
                    "{}乡镇审核（{review}）应在公示期满（{until}）之后",
                    stage.label()
                ),
            );
        }
    }
}

/// Steps missing before the last step recorded (a procedure still under way is not judged
/// on the steps to come).
fn skipped(m: &Monitoring, stage: ProcedureStage, out: &mut Out) {
    let steps = stage.steps();
    let Some(last) = steps.iter().rposition(|s| index(m, stage, *s).is_some()) else {
        return;
    };
    let missing: Vec<&str> = steps[..last]
        .iter()
        .filter(|s| index(m, stage, **s).is_none())
        .map(|s| s.label())
        .collect();
    if !missing.is_empty() {
        out.push(
            "monitoring.x_procedure",
            "procedure.skipped",
            format!(
                "{}程序已到“{}”，但没有登记：{}",
                stage.label(),
                steps[last].label(),
                missing.join("、")
            ),
        );
    }
}

/// 纳入监测 from the application to 县级审定 within the usual days (information only:
/// provinces differ).
fn duration(m: &Monitoring, policy: &Policy, out: &mut Out) {
    let stage = ProcedureStage::Identification;
    let (Some(a), Some(c)) = (
        index(m, stage, ProcedureStep::Application),
        index(m, stage, ProcedureStep::CountyApproval),
    ) else {
        return;
    };
    let days = (m.procedure[c].date - m.procedure[a].date).num_days();
    let limit = policy.monitoring_procedure_days.value;
    if days as f64 > limit {
        out.info(
            &format!("monitoring.x_procedure[{c}].date"),
            "procedure.slow",
            format!(
                "从农户申请（{}）到县级审定（{}）用了{days}天，一般应在{limit}天内完成{}",
                m.procedure[a].date, m.procedure[c].date, policy.monitoring_procedure_days.cite
            ),
        );
    }
}
