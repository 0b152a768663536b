//! The monitoring procedure as recorded (design note 0012): each step once, in its stage,
//! in order, 风险消除 after 纳入监测, and the record's dates those of its 县级审定. Limits
//! in days (公示 ≥ 5 days, 15 days in all) are the policy's and checked in `check::procedure`.

use super::Report;
use crate::codes::{ProcedureStage, ProcedureStep};
use crate::model::{Household, Monitoring, ProcedureRecord};

fn at(i: usize, field: &str) -> String {
    format!("monitoring.x_procedure[{i}].{field}")
}

fn name(r: &ProcedureRecord) -> String {
    format!("{}·{}", r.stage.label(), r.step.label())
}

pub(super) fn check(h: &Household, r: &mut Report) {
    let Some(m) = &h.monitoring else { return };
    for (i, s) in m.procedure.iter().enumerate() {
        if !s.stage.steps().contains(&s.step) {
            r.error(
                &at(i, "step"),
                "procedure.step_stage",
                format!("{}程序没有“{}”这一步", s.stage.label(), s.step.label()),
            );
        }
        if m.procedure[..i]
            .iter()
            .any(|o| o.stage == s.stage && o.step == s.step)
        {
            r.error(
                &at(i, "step"),
                "procedure.step_twice",
                format!("“{}”登记了两次，请删去一条", name(s)),
            );
        }
        match (s.step, s.until) {
            (ProcedureStep::Publicity, Some(until)) if until < s.date => r.error(
                &at(i, "until"),
                "procedure.until_before",
                format!("{}的截止日期（{until}）早于开始日期（{}）", name(s), s.date),
            ),
            (ProcedureStep::Publicity, _) | (_, None) => {}
            (_, Some(_)) => r.error(
                &at(i, "until"),
                "procedure.until_not_publicity",
                format!("只有公示填写截止日期，“{}”不需要", name(s)),
            ),
        }
    }
    order(m, r);
    approvals(m, r);
}

/// Within a stage a later step is not dated before an earlier one; 风险消除 comes after
/// 纳入监测.
fn order(m: &Monitoring, r: &mut Report) {
    let rank = |s: &ProcedureRecord| s.stage.steps().iter().position(|x| *x == s.step);
    for (i, s) in m.procedure.iter().enumerate() {
        let Some(k) = rank(s) else { continue };
        let before = m
            .procedure
            .iter()
            .filter(|o| o.stage == s.stage && rank(o).is_some_and(|j| j < k) && o.date > s.date)
            .max_by_key(|o| rank(o));
        if let Some(o) = before {
            r.error(
                &at(i, "date"),
                "procedure.order",
                format!(
                    "“{}”的日期（{}）早于前一步“{}”（{}），请核对日期",
                    name(s),
                    s.date,
                    o.step.label(),
                    o.date
                ),
            );
        }
        if s.stage == ProcedureStage::Elimination && s.date < m.identified {
            r.error(
                &at(i, "date"),
                "procedure.elimination_before_identification",
                format!(
                    "“{}”的日期（{}）早于纳入监测日期（{}）",
                    name(s),
                    s.date,
                    m.identified
                ),
            );
        }
    }
}

/// The 纳入监测 and 风险消除 dates of the record are those of their 县级审定.
fn approvals(m: &Monitoring, r: &mut Report) {
    let approved = |stage| m.step(stage, ProcedureStep::CountyApproval).map(|s| s.date);
    if let Some(d) = approved(ProcedureStage::Identification) {
        if d != m.identified {
            r.warn(
                "monitoring.identified",
                "procedure.identified_not_approval",
                format!("纳入监测日期（{}）应为县级审定日期（{d}）", m.identified),
            );
        }
    }
    match (approved(ProcedureStage::Elimination), m.eliminated) {
        (Some(d), None) => r.warn(
            "monitoring.eliminated",
            "procedure.approved_not_eliminated",
            format!("县级已于{d}审定风险消除，但没有填写风险消除日期"),
        ),
        (Some(d), Some(e)) if d != e => r.warn(
            "monitoring.eliminated",
            "procedure.eliminated_not_approval",
            format!("风险消除日期（{e}）应为县级审定日期（{d}）"),
        ),
        _ => {}
    }
}
