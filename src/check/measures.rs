//! 一户一策: the measures of a household against what they answer — a monitored
//! household's risks, its 三保障 and water problems, the 低保 and 特困 its members draw,
//! its labour (开发式帮扶, 就业帮扶 with nobody working or able to work), and a monitored
//! household with no measure at all (county checks 1_11_009, 1_11_010, 1111_3,
//! 3_11_003–3_11_009, 4_11_014, 5_11_030, 5_12_007, 5_15_007, 5_16_003, 5_16_004,
//! 5_18_001–5_18_007).

use super::{judged, known_whole, registered, Out};
use crate::codes::{MeasureClass, Risk, Tekun};
use crate::model::{Household, Measure, Member};
use crate::rules::{Assessment, Outcome, Policy, Rule};

pub(super) fn check(h: &Household, a: &Assessment, policy: &Policy, out: &mut Out) {
    let on = policy.as_of;
    let members: Vec<&Member> = judged(h, on).into_iter().map(|(_, m)| m).collect();
    let whole = known_whole(h, on);
    if let (true, Some(all)) = (registered(h), whole.as_deref()) {
        employment_without_labor(h, all, out);
    }
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
    let eliminated = record.eliminated.is_some();
    if since.is_empty() {
        let message = if eliminated {
            "已标注风险消除，但识别为监测对象以来没有任何帮扶措施：风险消除须至少落实一项帮扶措施"
        } else {
            "监测对象没有任何帮扶措施：请按一户一策登记针对风险的帮扶措施"
        };
        out.push("measures", "monitoring.no_measure", message.into());
    }
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
    if eliminated {
        return;
    }
    let has = |class: MeasureClass| since.iter().any(|m| m.class == class);
    let drawing: Vec<&str> = members
        .iter()
        .filter(|m| {
            m.dibao == Some(true) || matches!(m.tekun, Some(Tekun::Dispersed | Tekun::Centralized))
        })
        .map(|m| m.name.as_str())
        .collect();
    if !drawing.is_empty() && !has(MeasureClass::SocialSecurity) {
        out.push(
            "measures",
            "monitoring.benefit_without_measure",
            format!(
                "成员{}享受低保或特困供养，但帮扶措施中没有兜底保障：请登记低保、特困供养措施",
                drawing.join("、")
            ),
        );
    }
    let nobody_working = whole
        .as_deref()
        .is_some_and(|all| !all.iter().any(|m| works(m)));
    if has(MeasureClass::Employment) && nobody_working {
        out.push(
            "measures",
            "monitoring.employment_without_worker",
            "登记了就业帮扶，但家中没有成员登记务工：请核实就业帮扶是否落实，已务工的请登记务工状况"
                .into(),
        );
    }
    let able = members
        .iter()
        .filter(|m| m.labor.is_some_and(|l| l.can_work()))
        .count();
    if able > 0 && !h.measures.iter().any(|m| m.class.is_development()) {
        out.push(
            "measures",
            "monitoring.no_development_measure",
            format!("家中有{able}人有劳动能力，但没有落实产业、就业、小额信贷等开发式帮扶措施"),
        );
    }
}

/// A 就业帮扶 measure still running for a household where nobody can work (5_15_007).
fn employment_without_labor(h: &Household, members: &[&Member], out: &mut Out) {
    let running = h
        .measures
        .iter()
        .position(|m| m.class == MeasureClass::Employment && m.end.is_none());
    let Some(i) = running else { return };
    let known = !members.is_empty() && members.iter().all(|m| m.labor.is_some());
    if known
        && !members
            .iter()
            .any(|m| m.labor.is_some_and(|l| l.can_work()))
    {
        out.push(
            &format!("measures[{i}]"),
            "measure.employment_without_labor",
            "家中无人有劳动能力，却登记了就业帮扶措施：请核实劳动能力，或改为兜底保障等措施".into(),
        );
    }
}

/// Whether a member has work recorded (a place or months of work).
fn works(m: &Member) -> bool {
    m.work
        .as_ref()
        .is_some_and(|w| w.place.is_some() || w.months.unwrap_or(0) > 0)
}

fn labels(classes: &[MeasureClass]) -> String {
    let names: Vec<&str> = classes.iter().map(|c| c.label()).collect();
    names.join("、")
}

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
