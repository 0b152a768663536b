//! 防返贫动态监测 (March 2020 →, 国开发〔2020〕6号): who should be monitored, and when a risk
//! counts as eliminated. 2020 knew two kinds; 突发严重困难户 was added in 2021.
//!
//! Monitoring looks at the 12 months before the assessment date, and only when every one
//! of them is booked: with months missing both verdicts are `unknown` ("近12个月收入记录不全
//! （仅N个月）"), the missing months listed, and decide nothing. Kinds:
//! 脱贫不稳定户 — a registered (建档立卡) household with income per person below the
//! monitoring line; 边缘易致贫户 — a never-registered household below the line;
//! 突发严重困难户 — income at or above the line, but (income − 合规自付支出) per person
//! below it. 风险消除 needs ≥ 6 months monitored, income at or above the line (also after
//! 合规自付支出), at least one measure, the 三保障 and water secured, and at least one
//! member able to work (otherwise the household stays under social-security measures).

use super::household::{income_reason, summary_reason, Facts};
use super::verdict::{Outcome, Quantity, Reason, Rule, Verdict};
use super::wording::{cite, yuan};
use crate::codes::{MonitoringKind, Status};
use chrono::Datelike;

fn not_applicable(f: &Facts, rule: Rule) -> Option<Verdict> {
    let start = &f.policy.monitoring_start_year;
    if f64::from(f.policy.year) >= start.value {
        return None;
    }
    let text = format!(
        "防返贫动态监测自{}年起实施，{}年不适用{}",
        start.value,
        f.policy.year,
        cite(start)
    );
    let r = Reason {
        criterion: "monitoring_period",
        met: Some(false),
        value: Some(Quantity::Number(f64::from(f.policy.year))),
        threshold: Some(Quantity::Number(start.value)),
        text,
        shortfall: None,
    };
    Some(Verdict::all_of(rule, vec![r], Vec::new()))
}

/// Missing paths of the window: `members`, and each unbooked month as
/// `income[year=2026,month=11]`.
fn window_missing(f: &Facts) -> Vec<String> {
    let mut missing = Vec::new();
    if f.people.is_empty() {
        missing.push("members".to_string());
    }
    for (year, month) in &f.income.unbooked {
        missing.push(format!("income[year={year},month={month}]"));
    }
    missing
}

/// How many months of the window are booked (the value the UI shows): met when all are,
/// unknown otherwise, never "not met" (unbooked months are unknown, not zero).
fn window_reason(f: &Facts) -> Reason {
    let b = &f.income;
    let (w, n) = (b.window_months, b.booked_months);
    let text = if b.window_complete() {
        format!("近{w}个月收入均有记录（{n}个月）")
    } else if n == 0 {
        format!("近{w}个月没有收入记录（0个月），无法判断")
    } else {
        format!("近{w}个月收入记录不全（仅{n}个月），无法判断")
    };
    Reason {
        criterion: "income_window_months",
        met: b.window_complete().then_some(true),
        value: Some(Quantity::Number(f64::from(n))),
        threshold: Some(Quantity::Number(f64::from(w))),
        text: format!("{text}{}", cite(&f.policy.monitoring_window_months)),
        shortfall: None,
    }
}

fn no_line(rule: Rule) -> Verdict {
    let text =
        "未设置防返贫监测范围（各省每年确定），无法判断；请在本地政策中设置监测范围".to_string();
    let r = Reason {
        criterion: "income_below_monitoring_line",
        met: None,
        value: None,
        threshold: None,
        text,
        shortfall: None,
    };
    Verdict::all_of(rule, vec![r], vec!["policy.monitoring_line".to_string()])
}

/// Whether the household was ever registered (建档立卡); `None` when nothing says.
fn registered(f: &Facts) -> Option<bool> {
    let h = f.household;
    if h.identified_year.is_some() || h.exit_year.is_some() {
        return Some(true);
    }
    if let Some(m) = &h.monitoring {
        return Some(m.kind == MonitoringKind::UnstableExited);
    }
    h.status
        .map(|s| matches!(s, Status::Poor | Status::Exited | Status::Relapsed))
}

/// 纳入防返贫监测: outcome `yes` with the kind, or `no`.
pub(crate) fn monitoring(f: &Facts) -> Verdict {
    if let Some(v) = not_applicable(f, Rule::Monitoring) {
        return v;
    }
    let Some(line) = &f.policy.monitoring_line else {
        return no_line(Rule::Monitoring);
    };
    let b = &f.income;
    let detail = format!("（近12个月，共{}人）", b.persons);
    let mut income = income_reason(
        "income_below_monitoring_line",
        b.window_per_capita,
        line,
        true,
        &detail,
    );
    let mut rigid = income_reason(
        "income_after_rigid_expenses_below_line",
        b.after_rigid_per_capita,
        line,
        true,
        "",
    );
    rigid.text = format!(
        "扣除近12个月合规自付支出{}元后，{}",
        yuan(b.out_of_pocket),
        rigid.text
    );
    let mut missing = window_missing(f);
    let (outcome, kind) = match (income.met, rigid.met) {
        (Some(true), _) => match registered(f) {
            Some(true) => (Outcome::Yes, Some(MonitoringKind::UnstableExited)),
            Some(false) => (Outcome::Yes, Some(MonitoringKind::Marginal)),
            None => {
                missing.push("status".to_string());
                (Outcome::Unknown, None)
            }
        },
        (Some(false), Some(true))
            if f64::from(f.policy.year) >= f.policy.monitoring_sudden_hardship_year.value =>
        {
            (Outcome::Yes, Some(MonitoringKind::SuddenHardship))
        }
        (Some(false), Some(true)) => {
            // 2020 knew two kinds only: rigid spending alone did not bring a household in.
            rigid.text.push_str(&format!(
                "；{}年尚未设立突发严重困难户{}",
                f.policy.year,
                cite(&f.policy.monitoring_sudden_hardship_year)
            ));
            (Outcome::No, None)
        }
        (Some(false), Some(false)) => (Outcome::No, None),
        _ => (Outcome::Unknown, None),
    };
    if let Some(k) = kind {
        let why = match k {
            MonitoringKind::UnstableExited => "该户为建档立卡（脱贫）户，收入低于监测范围",
            MonitoringKind::Marginal => "该户未建档立卡，收入低于监测范围",
            MonitoringKind::SuddenHardship => {
                "收入不低于监测范围，但刚性支出大，扣除后低于监测范围"
            }
        };
        income
            .text
            .push_str(&format!("；应识别为{}（{why}）", k.label()));
    }
    income.shortfall = income
        .shortfall
        .map(|s| format!("近12个月{s}（防返贫监测范围）"));
    rigid.shortfall = rigid
        .shortfall
        .filter(|_| b.out_of_pocket > 0.0)
        .map(|s| format!("扣除合规自付支出后{s}"));
    let reasons = vec![window_reason(f), income, rigid];
    Verdict {
        rule: Rule::Monitoring,
        outcome,
        kind,
        incidence: None,
        threshold: None,
        reasons,
        missing,
    }
}

/// 风险消除 for a monitored household.
pub(crate) fn risk_elimination(f: &Facts, guarantees: &[Verdict]) -> Verdict {
    if let Some(v) = not_applicable(f, Rule::RiskElimination) {
        return v;
    }
    let h = f.household;
    let Some(record) = &h.monitoring else {
        if h.status == Some(Status::Monitored) {
            let text = "户状态为监测对象，但没有监测记录（识别日期等），无法判断".to_string();
            let r = Reason {
                criterion: "monitored_months",
                met: None,
                value: None,
                threshold: None,
                text,
                shortfall: None,
            };
            return Verdict::all_of(
                Rule::RiskElimination,
                vec![r],
                vec!["monitoring".to_string()],
            );
        }
        let start = &f.policy.monitoring_start_year;
        let text = format!("该户不是防返贫监测对象，不适用风险消除{}", cite(start));
        let r = Reason {
            criterion: "monitored",
            met: Some(false),
            value: None,
            threshold: None,
            text,
            shortfall: None,
        };
        return Verdict::all_of(Rule::RiskElimination, vec![r], Vec::new());
    };
    let p = f.policy;
    let b = &f.income;
    let mut reasons = Vec::with_capacity(7);
    let mut missing = window_missing(f);
    reasons.push(window_reason(f));

    let min = p.monitoring_min_months.value;
    let months = f64::from(months_between(record.identified, p.as_of));
    let short = (months < min).then(|| format!("监测未满{min}个月（还差{}个月）", min - months));
    reasons.push(Reason {
        criterion: "monitored_months",
        met: Some(months >= min),
        value: Some(Quantity::Number(months)),
        threshold: Some(Quantity::Number(min)),
        text: format!(
            "{}识别为监测对象，至评估日已监测{months}个月，要求满{min}个月{}",
            record.identified,
            cite(&p.monitoring_min_months)
        ),
        shortfall: short,
    });
    // Without a monitoring line the income cannot be judged; the other conditions still are.
    if let Some(line) = &p.monitoring_line {
        let detail = format!("（近12个月，共{}人）", b.persons);
        let mut income = income_reason(
            "income_above_monitoring_line",
            b.window_per_capita,
            line,
            false,
            &detail,
        );
        income.shortfall = income
            .shortfall
            .map(|s| format!("近12个月{s}（防返贫监测范围）"));
        reasons.push(income);
        let mut rigid = income_reason(
            "income_after_rigid_expenses_above_line",
            b.after_rigid_per_capita,
            line,
            false,
            "",
        );
        rigid.text = format!(
            "扣除近12个月合规自付支出{}元后，{}",
            yuan(b.out_of_pocket),
            rigid.text
        );
        rigid.shortfall = rigid
            .shortfall
            .filter(|_| b.out_of_pocket > 0.0)
            .map(|s| format!("扣除合规自付支出后{s}"));
        reasons.push(rigid);
    } else {
        let unjudged = no_line(Rule::RiskElimination);
        reasons.extend(unjudged.reasons);
        missing.extend(unjudged.missing);
    }

    let measures = h.measures.iter().filter(|m| m.start <= p.as_of).count() as f64;
    reasons.push(Reason {
        criterion: "measures",
        met: Some(measures >= 1.0),
        value: Some(Quantity::Number(measures)),
        threshold: Some(Quantity::Number(1.0)),
        text: format!(
            "已落实帮扶措施{measures}项，至少需要1项（一户一策）{}",
            cite(&p.monitoring_min_months)
        ),
        shortfall: (measures < 1.0).then(|| "尚未落实针对性帮扶措施".to_string()),
    });
    reasons.push(labour_reason(f, &mut missing));
    let secured = guarantees
        .iter()
        .fold(Outcome::Yes, |acc, g| acc.and(g.outcome));
    let failing: Vec<String> = guarantees
        .iter()
        .filter(|g| g.outcome != Outcome::Yes)
        .map(|g| summary_reason(g).text)
        .collect();
    let text = if failing.is_empty() {
        format!("三保障和饮水安全均已达标{}", super::wording::EXIT_CRITERIA)
    } else {
        failing.join("；")
    };
    reasons.push(Reason {
        criterion: "guarantees_secure",
        met: match secured {
            Outcome::Yes => Some(true),
            Outcome::No => Some(false),
            Outcome::Unknown => None,
        },
        value: None,
        threshold: None,
        shortfall: (secured == Outcome::No).then(|| {
            let parts: Vec<String> = guarantees
                .iter()
                .filter_map(|g| summary_reason(g).shortfall)
                .collect();
            parts.join("；")
        }),
        text,
    });
    for g in guarantees {
        missing.extend(g.missing.iter().cloned());
    }
    Verdict::all_of(Rule::RiskElimination, reasons, missing)
}

/// At least one registered member able to work.
fn labour_reason(f: &Facts, missing: &mut Vec<String>) -> Reason {
    let able = f
        .people
        .iter()
        .filter(|p| p.member.labor.is_some_and(|l| l.can_work()))
        .count();
    let unknown: Vec<String> = f
        .people
        .iter()
        .filter(|p| p.member.labor.is_none())
        .map(|p| p.path("labor"))
        .collect();
    let (met, text) = if able > 0 {
        (Some(true), format!("家中有{able}名有劳动能力的成员"))
    } else if !unknown.is_empty() || f.people.is_empty() {
        missing.extend(unknown);
        (
            None,
            "成员劳动能力未全部登记，无法判断是否为无劳动力户".to_string(),
        )
    } else {
        (
            Some(false),
            "全家没有劳动能力成员，应落实兜底保障措施，不标注风险消除".to_string(),
        )
    };
    Reason {
        criterion: "member_able_to_work",
        met,
        value: Some(Quantity::Number(able as f64)),
        threshold: Some(Quantity::Number(1.0)),
        shortfall: (met == Some(false)).then(|| "全家无劳动能力，应继续落实兜底保障".to_string()),
        text: format!("{text}{}", cite(&f.policy.monitoring_min_months)),
    }
}

/// Whole months from `from` to `to` (a month counts once its day is reached).
pub fn months_between(from: chrono::NaiveDate, to: chrono::NaiveDate) -> i32 {
    let m = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    let m = if to.day() < from.day() { m - 1 } else { m };
    m.max(0)
}
