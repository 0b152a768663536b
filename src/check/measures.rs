//! 一户一策: the measures of a monitored household against what they answer — its risks
//! (风险消除 included), its 三保障 and water problems since identification, and its
//! labour (开发式帮扶) (county checks 3_11_003–3_11_009, 5_11_030, 5_11_032, 5_12_007,
//! 5_18_001–5_18_007).

use super::{judged, Out};
use crate::codes::{MeasureClass, Risk};
use crate::model::{Household, Measure};
use crate::rules::{Assessment, Outcome, Policy, Rule};

pub(super) fn check(h: &Household, a: &Assessment, policy: &Policy, out: &mut Out) {
    if f64::from(policy.year) < policy.monitoring_start_year.value {
        return;
    }
    let Some(record) = &h.monitoring else { return };
    // The measures of this monitoring: begun since identification or still running then.
    let since: Vec<&Measure> = h
        .measures
        .iter()
        .filter(|m| m.end.is_none_or(|e| e >= record.identified))
        .collect();
    for (k, risk) in record.risks.iter().enumerate() {
        let Some(need) = answered_by(*risk) else {
            continue;
        };
        if !h.measures.iter().any(|m| need.contains(&m.class)) {
            out.push(
                &format!("monitoring.risks[{k}]"),
                "monitoring.risk_without_measure",
                format!(
                    "风险类型为{}，但没有对应的帮扶措施（{}）",
                    risk.label(),
                    labels(need)
                ),
            );
        }
    }
    for (rule, need) in GUARANTEE_MEASURES {
        if a.outcome(rule) == Outcome::No && !since.iter().any(|m| need.contains(&m.class)) {
            out.push(
                "measures",
                "monitoring.guarantee_without_measure",
                format!(
                    "{}未达标，但识别以来没有对应的帮扶措施（{}）",
                    rule.label(),
                    labels(need)
                ),
            );
        }
    }
    if record.eliminated.is_some() {
        return;
    }
    let able = judged(h, policy.as_of)
        .into_iter()
        .map(|(_, m)| m)
        .filter(|m| m.labor.is_some_and(|l| l.can_work()))
        .count();
    if able > 0 && !h.measures.iter().any(|m| DEVELOPMENT.contains(&m.class)) {
        out.push(
            "measures",
            "monitoring.no_development_measure",
            format!("家中有{able}人有劳动能力，但没有落实产业、就业、小额信贷等开发式帮扶措施"),
        );
    }
}

fn labels(classes: &[MeasureClass]) -> String {
    let names: Vec<&str> = classes.iter().map(|c| c.label()).collect();
    names.join("、")
}

/// 开发式帮扶: measures that build the household's own income.
const DEVELOPMENT: [MeasureClass; 5] = [
    MeasureClass::Industry,
    MeasureClass::Employment,
    MeasureClass::Microcredit,
    MeasureClass::Photovoltaic,
    MeasureClass::AssetIncome,
];

/// The measure classes that answer a failed guarantee (5_18_005, 5_18_007, 3_11_007–3_11_009).
const GUARANTEE_MEASURES: [(Rule, &[MeasureClass]); 4] = [
    (Rule::CompulsoryEducation, &[MeasureClass::Education]),
    (
        Rule::BasicMedical,
        &[MeasureClass::Health, MeasureClass::SocialSecurity],
    ),
    (
        Rule::HousingSafety,
        &[MeasureClass::Housing, MeasureClass::Relocation],
    ),
    (Rule::DrinkingWater, &[MeasureClass::Infrastructure]),
];

/// The measure classes that answer a risk (一户一策), if the risk has a specific answer.
fn answered_by(risk: Risk) -> Option<&'static [MeasureClass]> {
    use MeasureClass::*;
    Some(match risk {
        Risk::Illness => &[Health, SocialSecurity],
        Risk::Disability => &[Health, SocialSecurity, Employment],
        Risk::Schooling => &[Education],
        Risk::UnstableWork => &[Employment],
        Risk::LackLabor => &[SocialSecurity, Employment, AssetIncome, Photovoltaic],
        Risk::Housing => &[Housing, Relocation],
        Risk::Water => &[Infrastructure],
        Risk::Disaster | Risk::Accident | Risk::IndustryFailure | Risk::Other => return None,
    })
}
