//! Readable Chinese reports of assessments, for the command line without `--json`.
//!
//! Each criterion is one line marked ✓ (met), ✗ (not met) or ？ (cannot be judged),
//! followed by its sentence; missing fields and the policy's sources close the report.

use super::inspector::Inspector;
use super::verdict::{Assessment, Outcome, Rule, Verdict};
use super::village::VillageAssessment;
use super::what_if::WhatIf;
use super::wording::{percent, yuan};
use std::fmt::Write;

fn mark(met: Option<bool>) -> &'static str {
    match met {
        Some(true) => "✓",
        Some(false) => "✗",
        None => "？",
    }
}

fn verdict_lines(out: &mut String, v: &Verdict) {
    let kind = v
        .kind
        .map(|k| format!("（{}）", k.label()))
        .unwrap_or_default();
    let _ = writeln!(out, "【{}】{}{kind}", v.rule.label(), v.outcome.label());
    for r in &v.reasons {
        let _ = writeln!(out, "  {} {}", mark(r.met), r.text);
    }
    if !v.missing.is_empty() {
        let _ = writeln!(out, "  缺少数据：{}", v.missing.join("、"));
    }
}

/// The report of one household.
pub fn household_report(a: &Assessment) -> String {
    let mut out = String::with_capacity(2048);
    let _ = writeln!(
        out,
        "户编号 {}　{}年度评估（截至{}）",
        a.household, a.year, a.as_of
    );
    let line = |v: Option<f64>| v.map_or("未设置".to_string(), |v| format!("{}元", yuan(v)));
    let _ = writeln!(
        out,
        "政策 {}：扶贫标准{}元，防返贫监测范围{}，农村低保标准{}",
        a.policy.id,
        yuan(a.policy.poverty_line),
        line(a.policy.monitoring_line),
        line(a.policy.dibao_line)
    );
    let income = a
        .per_capita_net_income
        .map_or("无法计算".to_string(), |v| format!("{}元", yuan(v)));
    let _ = writeln!(out, "人均纯收入：{income}");
    for v in &a.verdicts {
        verdict_lines(&mut out, v);
    }
    let _ = writeln!(out, "依据：");
    for s in &a.policy.sources {
        let _ = writeln!(out, "  · {s}");
    }
    out
}

/// The what-if as lines under a heading (empty when nothing stands in the way).
pub fn what_if_report(w: &WhatIf) -> String {
    let mut out = String::new();
    if w.lines.is_empty() {
        return out;
    }
    let _ = writeln!(out, "户编号 {} 差距分析（{}年）：", w.household, w.year);
    for l in &w.lines {
        let _ = writeln!(out, "  · {l}");
    }
    out
}

fn inspector_lines(out: &mut String, i: &Inspector) {
    let _ = writeln!(out, "户状态统计：");
    for (status, n) in &i.by_status {
        let label = crate::codes::Status::from_code(status).map_or("未记录", |s| s.label());
        let _ = writeln!(out, "  {label} {n}户");
    }
    let _ = writeln!(out, "判定结果统计（是/否/无法判断）：");
    for (rule, c) in &i.by_verdict {
        let _ = writeln!(out, "  {} {}/{}/{}", rule.label(), c.yes, c.no, c.unknown);
    }
    if i.disagreements.is_empty() {
        let _ = writeln!(out, "检查清单：未发现户状态与判定结果不一致的户");
    } else {
        let _ = writeln!(
            out,
            "检查清单（户状态与判定结果不一致，共{}户）：",
            i.disagreements.len()
        );
        for d in &i.disagreements {
            let _ = writeln!(
                out,
                "  · 户{}【{}】{}",
                d.household,
                d.rule.label(),
                d.reason
            );
        }
    }
}

/// The report of a village: incidence and exit, the inspector's list, then one line per
/// household with its main outcomes (full household reports are [`household_report`]).
pub fn village_report(v: &VillageAssessment) -> String {
    let mut out = String::with_capacity(4096 + 160 * v.households.len());
    let _ = writeln!(
        out,
        "{}（{}）{}年度评估（截至{}）",
        v.name, v.village, v.year, v.as_of
    );
    let incidence = v.incidence.map_or("无法计算".to_string(), percent);
    let population = v
        .rural_population
        .map_or("未记录".to_string(), |p| format!("{p}人"));
    let _ = writeln!(
        out,
        "贫困发生率 {incidence}（未脱贫及返贫人口{}人，农村户籍人口{population}）",
        v.poor_persons
    );
    for verdict in &v.verdicts {
        verdict_lines(&mut out, verdict);
    }
    inspector_lines(&mut out, &v.inspector);
    let _ = writeln!(out, "各户判定：");
    let shown = [
        Rule::Identification,
        Rule::HouseholdExit,
        Rule::Dibao,
        Rule::Tekun,
        Rule::Monitoring,
        Rule::RiskElimination,
    ];
    for a in &v.households {
        let income = a.per_capita_net_income.map_or("—".to_string(), yuan);
        let parts: Vec<String> = shown
            .iter()
            .map(|r| {
                let o = a.outcome(*r);
                let kind = a
                    .verdict(*r)
                    .and_then(|v| v.kind)
                    .map(|k| format!("（{}）", k.label()))
                    .unwrap_or_default();
                format!(
                    "{}{}{kind}",
                    r.label(),
                    if o == Outcome::Unknown {
                        "？".to_string()
                    } else {
                        o.label().to_string()
                    }
                )
            })
            .collect();
        let _ = writeln!(
            out,
            "  户{} 人均{income}元：{}",
            a.household,
            parts.join("，")
        );
    }
    out
}
