//! 兜底保障: 低保 (income below the county 低保 standard) and 特困供养 candidates.
//!
//! A member is a 特困供养 candidate when all hold: no labour capacity (丧失劳动力 or
//! 无劳动力), no income of their own (no employment recorded), no legal supporter
//! (`has_legal_supporter: false`), and aged ≥ 60, severely disabled (grade 1–2) or under
//! 16. The member-level test is three-valued; the household is `yes` when any member is.
//! A member already receiving 特困供养 (分散 or 集中供养) meets it: they were found to.

use super::household::{income_reason, Facts};
use super::roster::Person;
use super::verdict::{Outcome, Reason, Rule, Verdict};
use super::wording::cite;
use crate::codes::{Labor, Tekun};

/// 低保: per-capita income below the local 低保 standard.
pub(crate) fn dibao(f: &Facts) -> Verdict {
    let Some(line) = &f.policy.dibao_line else {
        let text = "未设置本地农村低保标准，无法判断是否符合低保收入条件".to_string();
        let r = Reason {
            criterion: "income_below_dibao_line",
            met: None,
            value: None,
            threshold: None,
            text,
            shortfall: None,
        };
        return Verdict::all_of(Rule::Dibao, vec![r], vec!["policy.dibao_line".to_string()]);
    };
    let mut r = income_reason(
        "income_below_dibao_line",
        f.income.per_capita,
        line,
        true,
        "",
    );
    r.shortfall = None;
    if r.met == Some(true) {
        r.text
            .push_str("，收入符合低保条件，建议按程序纳入低保兜底");
    }
    Verdict::all_of(Rule::Dibao, vec![r], f.income_missing())
}

/// 特困供养: at least one member meets every condition.
pub(crate) fn tekun(f: &Facts) -> Verdict {
    let p = f.policy;
    let source = cite(&p.tekun_elderly_age);
    let mut outcome = Outcome::No;
    let mut reasons = Vec::new();
    let mut missing = Vec::new();
    for person in &f.people {
        if let Some(t @ (Tekun::Dispersed | Tekun::Centralized)) = person.member.tekun {
            // Already found to meet the conditions: a member receiving 特困供养金 is not
            // "without income" in the sense of the test, and must not read 否.
            outcome = Outcome::Yes;
            reasons.push(Reason {
                criterion: "tekun_member",
                met: Some(true),
                value: None,
                threshold: None,
                text: format!("成员{}已享受特困供养（{}）", person.name(), t.label()),
                shortfall: None,
            });
            continue;
        }
        let (result, member_missing) = candidate(person, f);
        outcome = outcome.or(result);
        match result {
            Outcome::Yes => reasons.push(Reason {
                criterion: "tekun_member",
                met: Some(true),
                value: person.age.map(|a| super::verdict::Quantity::Number(f64::from(a))),
                threshold: None,
                text: format!(
                    "成员{}{}无劳动能力、无务工收入、无法定赡养抚养扶养义务人，且{}，符合特困供养条件{source}",
                    person.name(),
                    person.age.map(|a| format!("（{a}周岁）")).unwrap_or_default(),
                    category(person, f).unwrap_or("属特困供养对象范围"),
                ),
                shortfall: None,
            }),
            Outcome::Unknown => {
                let text = format!("成员{}缺少{}，无法判断是否符合特困供养条件", person.name(), member_missing.join("、"));
                reasons.push(Reason { criterion: "tekun_member", met: None, value: None, threshold: None, text, shortfall: None });
                missing.extend(member_missing);
            }
            Outcome::No => {}
        }
    }
    if outcome == Outcome::Yes {
        // One qualifying member decides; the unknown ones no longer matter.
        missing.clear();
        reasons.retain(|r| r.met == Some(true));
    }
    if f.people.is_empty() {
        outcome = Outcome::Unknown;
        missing.push("members".to_string());
    }
    if reasons.is_empty() {
        let text = if f.people.is_empty() {
            "未登记家庭成员，无法判断".to_string()
        } else {
            format!(
                "没有成员同时满足无劳动能力、无收入、无法定义务人，且为{}周岁及以上老人、残疾等级1–{}级的重度残疾人或未满{}周岁未成年人{source}",
                p.tekun_elderly_age.value, p.tekun_max_disability_grade.value, p.tekun_minor_age.value
            )
        };
        let met = (!f.people.is_empty()).then_some(false);
        reasons.push(Reason {
            criterion: "tekun_member",
            met,
            value: None,
            threshold: None,
            text,
            shortfall: None,
        });
    }
    Verdict {
        rule: Rule::Tekun,
        outcome,
        kind: None,
        incidence: None,
        threshold: None,
        reasons,
        missing,
    }
}

/// Which group the member belongs to, if known: elderly, severely disabled or minor.
fn category(person: &Person, f: &Facts) -> Option<&'static str> {
    let p = f.policy;
    let grade = person.member.disability_grade;
    if grade.is_some_and(|g| g >= 1 && f64::from(g) <= p.tekun_max_disability_grade.value) {
        return Some("为重度残疾人");
    }
    let age = f64::from(person.age?);
    if age >= p.tekun_elderly_age.value {
        Some("为老年人")
    } else if age < p.tekun_minor_age.value {
        Some("为未成年人")
    } else {
        None
    }
}

/// The member-level test and, when unknown, the fields that would decide it.
fn candidate(person: &Person, f: &Facts) -> (Outcome, Vec<String>) {
    let m = person.member;
    let mut missing = Vec::new();
    let no_labour = match m.labor {
        Some(l) => Outcome::from_met(Some(matches!(l, Labor::Lost | Labor::NoLabor))),
        None => {
            missing.push(person.path("labor"));
            Outcome::Unknown
        }
    };
    let working = m
        .work
        .as_ref()
        .is_some_and(|w| w.months.map_or(w.place.is_some(), |n| n > 0));
    let no_income = Outcome::from_met(Some(!working));
    let no_supporter = match m.has_legal_supporter {
        Some(s) => Outcome::from_met(Some(!s)),
        None => {
            missing.push(person.path("has_legal_supporter"));
            Outcome::Unknown
        }
    };
    let group = match (category(person, f), person.age) {
        (Some(_), _) => Outcome::Yes,
        (None, Some(_)) => Outcome::No,
        (None, None) => {
            missing.push(person.path("id_number"));
            Outcome::Unknown
        }
    };
    (
        no_labour.and(no_income).and(no_supporter).and(group),
        missing,
    )
}
