//! What a household paper says about its year: the verdict rows that apply in that year
//! (and only those), without configuration gaps or source notes, and the yardstick the
//! year's income is compared with. Pure: the rules engine has decided; this only chooses.
//!
//! Rows by year (domain reference §6, §7):
//! - 两不愁三保障 and 饮水安全: every year;
//! - 收入达标: up to 2020 (after 2020 there is no national line; monitoring compares);
//! - 贫困户识别: up to 2020, for a household not registered (建档立卡) by that year;
//! - 脱贫退出: 2014–2020, for a registered household;
//! - 纳入防返贫监测: from the year monitoring started (2020), with that year's kinds;
//! - 风险消除: for a household under monitoring by the paper's date;
//! - 纳入低保 / 特困供养: when the household's facts say it has them.
//!
//! A verdict the engine could not reach because the cadre has not set a parameter
//! (`policy.…` missing) is left off: that gap belongs in the app, not on a signed paper.
//! Citations (`（依据：…）`) are left off the reasons for the same reason.

use crate::codes::{Attribute, Tekun};
use crate::model::Household;
use crate::print::VerdictLine;
use crate::rules::{Assessment, Outcome, Policy, Rule, Verdict};

/// The first and last year of 建档立卡 exits (脱贫攻坚).
const EXIT_YEARS: std::ops::RangeInclusive<i32> = 2014..=2020;

/// Whether the household was registered (建档立卡) by the end of `year`.
fn registered_by(h: &Household, year: i32) -> bool {
    h.identified_year.is_some_and(|y| y <= year) || h.exit_year.is_some_and(|y| y <= year)
}

/// Whether a rule belongs on the household's paper for the policy's year.
fn applies(rule: Rule, h: &Household, policy: &Policy) -> bool {
    let year = policy.year;
    match rule {
        Rule::FoodClothing
        | Rule::CompulsoryEducation
        | Rule::BasicMedical
        | Rule::HousingSafety
        | Rule::DrinkingWater => true,
        Rule::IncomeAboveLine => year <= *EXIT_YEARS.end(),
        Rule::Identification => year <= *EXIT_YEARS.end() && !registered_by(h, year),
        Rule::HouseholdExit => EXIT_YEARS.contains(&year) && registered_by(h, year),
        Rule::Monitoring => f64::from(year) >= policy.monitoring_start_year.value,
        Rule::RiskElimination => h
            .monitoring
            .as_ref()
            .is_some_and(|m| m.identified <= policy.as_of),
        Rule::Dibao => {
            h.attribute == Some(Attribute::Dibao) || h.members.iter().any(|m| m.dibao == Some(true))
        }
        Rule::Tekun => {
            h.attribute == Some(Attribute::Tekun)
                || h.members
                    .iter()
                    .any(|m| matches!(m.tekun, Some(Tekun::Dispersed | Tekun::Centralized)))
        }
        Rule::VillageExit => false,
    }
}

/// A verdict left undecided because a parameter is not set (a configuration gap).
fn configuration_gap(v: &Verdict) -> bool {
    v.outcome == Outcome::Unknown && v.missing.iter().any(|m| m.starts_with("policy."))
}

/// The verdict rows of the paper, in the engine's order.
pub(crate) fn verdict_lines(a: &Assessment, h: &Household, policy: &Policy) -> Vec<VerdictLine> {
    a.verdicts
        .iter()
        .filter(|v| applies(v.rule, h, policy) && !configuration_gap(v))
        .map(|v| VerdictLine {
            rule_label: v.rule.label().to_string(),
            outcome_label: match v.outcome {
                Outcome::Unknown => "待核实".to_string(),
                o => o.label().to_string(),
            },
            reason: reason(v),
        })
        .collect()
}

/// One line why: the first criterion failed, else the first not judged (or the first),
/// without its citation.
fn reason(v: &Verdict) -> String {
    let text = v
        .reasons
        .iter()
        .find(|r| r.met == Some(false))
        .or_else(|| v.reasons.iter().find(|r| r.met != Some(true)))
        .or(v.reasons.first())
        .map(|r| without_citations(&r.text))
        .unwrap_or_default();
    if v.outcome == Outcome::Unknown && text.is_empty() {
        "资料不全，待补录后核实".to_string()
    } else {
        text
    }
}

/// The text without its `（依据：…）` notes (nested brackets included): sources and their
/// caveats are shown in the app, not on paper for signature.
pub(crate) fn without_citations(text: &str) -> String {
    const OPEN: &str = "（依据：";
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(OPEN) {
        out.push_str(&rest[..at]);
        let mut depth = 0usize;
        let mut end = rest.len();
        for (i, c) in rest[at..].char_indices() {
            match c {
                '（' => depth += 1,
                '）' => {
                    depth -= 1;
                    if depth == 0 {
                        end = at + i + c.len_utf8();
                        break;
                    }
                }
                _ => {}
            }
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

/// The yardstick the paper compares the year's income with, with its label: up to 2020
/// the poverty line the household is judged by; from 2021 the province's monitoring line
/// for the year, or nothing when none is set (never a national line carried forward).
pub(crate) fn yardstick(policy: &Policy, h: &Household) -> Option<(f64, String)> {
    let line = if policy.year <= *EXIT_YEARS.end() {
        crate::rules::household_line(policy, h)
    } else {
        policy.monitoring_line.as_ref()?
    };
    Some((line.value, format!("{}年{}", line.year, line.name)))
}

/// The monitoring line on the paper's date with its year, name, region and source, e.g.
/// `2024年防返贫监测范围（江西省；赣乡振发〔2024〕1号）`; `None` when the province's line is not set.
pub(crate) fn monitoring_line(policy: &Policy) -> Option<(f64, String)> {
    let line = policy.monitoring_line.as_ref()?;
    let mut from: Vec<&str> = vec![line.region.as_str(), line.source.as_str()];
    from.retain(|t| !t.trim().is_empty());
    let from = if from.is_empty() {
        String::new()
    } else {
        format!("（{}）", from.join("；"))
    };
    Some((line.value, format!("{}年{}{from}", line.year, line.name)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn citations_are_left_off_paper() {
        assert_eq!(
            without_citations(
                "人均纯收入5,000元，高于2019年国家扶贫标准3,218元（依据：国家统计局（二手报道转引），2019年全国）"
            ),
            "人均纯收入5,000元，高于2019年国家扶贫标准3,218元",
            "the source and its caveat are not printed for signature"
        );
        assert_eq!(without_citations("住房B级"), "住房B级", "plain text stays");
    }
}
