//! Monitoring checks (防返贫监测, from 2020): a 三保障 or water problem outside
//! monitoring, 风险消除 too soon or for a household with nobody able to work, risk types
//! the members contradict or that miss a 三保障 problem, 风险类型“其他”, 因病 without
//! medical costs (county checks 4_11_006, 4_11_007, 4_11_009, 4_11_011, 5_15_013,
//! 2_11_004 …). The measures that answer them are in `measures.rs`.

use super::Out;
use crate::codes::{Health, RigidKind, Risk, Status};
use crate::model::{Household, Member};
use crate::rules::{Assessment, Outcome, Policy, Rule};

pub(super) fn check(h: &Household, a: &Assessment, policy: &Policy, out: &mut Out) {
    if f64::from(policy.year) < policy.monitoring_start_year.value {
        return;
    }
    let members: Vec<&Member> = h.members_on(policy.as_of);
    guarantees_outside_monitoring(h, a, out);
    let Some(record) = &h.monitoring else { return };
    let months =
        crate::rules::months_between(record.identified, record.eliminated.unwrap_or(policy.as_of));
    let min = policy.monitoring_min_months.value;
    let able = members
        .iter()
        .filter(|m| m.labor.is_some_and(|l| l.can_work()))
        .count();
    if let Some(done) = record.eliminated {
        if f64::from(months) < min {
            out.push(
                "monitoring.eliminated",
                "monitoring.eliminated_too_soon",
                format!(
                    "{}识别为监测对象，{}即标注风险消除，监测不满{min}个月",
                    record.identified, done
                ),
            );
        }
        if able == 0 && !members.is_empty() {
            out.push(
                "monitoring.eliminated",
                "monitoring.eliminated_without_labor",
                "家中无人有劳动能力，不应标注风险消除，应继续落实兜底保障".into(),
            );
        }
        return;
    }
    if record.risks.is_empty() {
        out.push(
            "monitoring.risks",
            "monitoring.no_risk",
            "监测对象没有登记致贫返贫风险类型".into(),
        );
    }
    for (k, risk) in record.risks.iter().enumerate() {
        let field = format!("monitoring.risks[{k}]");
        if let Some(why) = contradicted(*risk, &members, able) {
            out.push(&field, "monitoring.risk_contradicted", why);
        }
        if *risk == Risk::Illness && !medical_costs(h, record.identified) {
            out.push(
                "rigid_expenses",
                "monitoring.illness_without_expense",
                "风险类型为因病，但识别前后一年内没有登记医疗合规自付支出".into(),
            );
        }
        if *risk == Risk::Other {
            out.push(
                &field,
                "monitoring.risk_other",
                "风险类型为“其他”：请核实能否归入因病、因学、因残、因灾等具体类型，\
                 确属其他的请在走访记录中写明具体情况"
                    .into(),
            );
        }
    }
    if !record.risks.is_empty() {
        guarantees_without_risk(&record.risks, a, out);
    }
}

/// A 三保障 or water problem of a monitored household that no recorded risk names
/// (county checks 4_11_006, 4_11_007; housing and schooling alike).
fn guarantees_without_risk(risks: &[Risk], a: &Assessment, out: &mut Out) {
    let named: [(Rule, &[Risk]); 4] = [
        (Rule::CompulsoryEducation, &[Risk::Schooling]),
        (Rule::BasicMedical, &[Risk::Illness]),
        (Rule::HousingSafety, &[Risk::Housing, Risk::Disaster]),
        (Rule::DrinkingWater, &[Risk::Water]),
    ];
    for (rule, answers) in named {
        if a.outcome(rule) == Outcome::No && !risks.iter().any(|r| answers.contains(r)) {
            out.push(
                "monitoring.risks",
                "monitoring.guarantee_without_risk",
                format!(
                    "{}未达标，但风险类型中没有“{}”：请补登风险类型，并落实对应帮扶措施",
                    rule.label(),
                    answers[0].label()
                ),
            );
        }
    }
}

/// Whether medical 合规自付支出 is recorded within a year around identification.
fn medical_costs(h: &Household, identified: chrono::NaiveDate) -> bool {
    let year = chrono::Days::new(366);
    h.rigid_expenses.iter().any(|e| {
        e.kind == RigidKind::Medical
            && e.out_of_pocket() > 0.0
            && e.date + year >= identified
            && e.date <= identified + year
    })
}

/// Why the members contradict a recorded risk, if they do.
fn contradicted(risk: Risk, members: &[&Member], able: usize) -> Option<String> {
    let any = |f: &dyn Fn(&Member) -> bool| members.iter().any(|m| f(m));
    match risk {
        Risk::Disability if !any(&|m| m.health == Some(Health::Disabled)) => {
            Some("风险类型为因残，但家庭成员中没有残疾人".into())
        }
        Risk::Illness
            if !any(&|m| matches!(m.health, Some(Health::Chronic | Health::SeriousIllness))) =>
        {
            Some("风险类型为因病，但家庭成员中没有患病成员".into())
        }
        Risk::Schooling if !any(&|m| m.schooling.is_some_and(|s| s.is_student())) => {
            Some("风险类型为因学，但家庭成员中没有在校生".into())
        }
        Risk::LackLabor if !members.is_empty() && able == members.len() => {
            Some("风险类型为缺劳动力，但家庭成员均有劳动能力".into())
        }
        Risk::UnstableWork if able == 0 => {
            Some("风险类型为因务工就业不稳，但家中无人有劳动能力".into())
        }
        _ => None,
    }
}

/// From 2020, a household outside monitoring (ordinary, exited or risk eliminated)
/// whose 三保障 or water is not secured should be looked at for monitoring.
fn guarantees_outside_monitoring(h: &Household, a: &Assessment, out: &mut Out) {
    if !matches!(
        h.status,
        Some(Status::Ordinary | Status::Exited | Status::RiskEliminated)
    ) {
        return;
    }
    let failed: Vec<&str> = [
        Rule::CompulsoryEducation,
        Rule::BasicMedical,
        Rule::HousingSafety,
        Rule::DrinkingWater,
    ]
    .into_iter()
    .filter(|r| a.outcome(*r) == Outcome::No)
    .map(|r| r.label())
    .collect();
    if !failed.is_empty() {
        out.push(
            "monitoring",
            "monitoring.guarantee_without_monitoring",
            format!(
                "{}未达标，但该户不是监测对象，应排查是否纳入防返贫监测",
                failed.join("、")
            ),
        );
    }
}
