//! Blocking checks: ID numbers, the head, relations and sex, causes, months, amounts,
//! dates, pairings and references.

use super::Report;
use crate::codes::{Education, Relation, Schooling, Status, Tekun};
use crate::idcard::IdNumber;
use crate::model::{Cadre, Household};
use chrono::{Datelike, NaiveDate};
use std::collections::HashSet;

pub(super) fn check(h: &Household, cadres: &[Cadre], today: NaiveDate, r: &mut Report) {
    household_fields(h, today, r);
    members(h, today, r);
    causes(h, r);
    money_lines(h, today, r);
    dated_records(h, cadres, today, r);
}

fn household_fields(h: &Household, today: NaiveDate, r: &mut Report) {
    if h.code.trim().is_empty() {
        r.error("code", "household.code", "户编号不能为空".into());
    }
    if h.id.trim().is_empty() {
        r.error("id", "household.id", "户的记录编号(id)不能为空".into());
    }
    for (field, label, year) in [
        ("identified_year", "识别年度", h.identified_year),
        ("exit_year", "脱贫年度", h.exit_year),
    ] {
        if let Some(y) = year {
            if !(2000..=today.year()).contains(&y) {
                r.error(
                    field,
                    "year.range",
                    format!("{label}{y}年不在2000年至今年之间"),
                );
            }
        }
    }
    if let (Some(i), Some(e)) = (h.identified_year, h.exit_year) {
        if e < i {
            r.error(
                "exit_year",
                "exit_year.order",
                format!("脱贫年度{e}年早于识别年度{i}年"),
            );
        }
    }
    let c = &h.conditions;
    for (field, label, v) in [
        ("farmland_mu", "耕地面积", c.farmland_mu),
        ("irrigated_mu", "有效灌溉面积", c.irrigated_mu),
        ("forest_mu", "林地面积", c.forest_mu),
        ("grassland_mu", "牧草地面积", c.grassland_mu),
        ("water_surface_mu", "水面面积", c.water_surface_mu),
        ("house_area_m2", "住房面积", c.house_area_m2),
        ("road_distance_km", "与村主干路距离", c.road_distance_km),
    ] {
        if let Some(v) = v {
            if v < 0.0 || !v.is_finite() {
                r.error(
                    &format!("conditions.{field}"),
                    "amount.negative",
                    format!("{label}不能为负数（填写的是{v}）"),
                );
            }
        }
    }
}

fn members(h: &Household, today: NaiveDate, r: &mut Report) {
    let heads = h
        .members
        .iter()
        .filter(|m| m.relation == Some(Relation::Head))
        .count();
    if h.members.is_empty() {
        r.error(
            "members",
            "members.empty",
            "家庭成员不能为空，至少要有户主".into(),
        );
    } else if heads == 0 {
        r.error(
            "members",
            "head.none",
            "没有户主：家庭成员中必须有且只有一名户主".into(),
        );
    } else if heads > 1 {
        let names: Vec<&str> = h
            .members
            .iter()
            .filter(|m| m.relation == Some(Relation::Head))
            .map(|m| m.name.as_str())
            .collect();
        r.error(
            "members",
            "head.many",
            format!("有{heads}名户主（{}），只能有一名", names.join("、")),
        );
    }
    let mut ids = HashSet::new();
    let mut numbers = HashSet::new();
    for (i, m) in h.members.iter().enumerate() {
        let at = |f: &str| format!("members[{i}].{f}");
        // Named only in a message (most members have none).
        let who = Who(i, &m.name);
        if m.name.trim().is_empty() {
            r.error(&at("name"), "member.name", format!("{who}的姓名不能为空"));
        }
        if !ids.insert(m.id.as_str()) {
            r.error(
                &at("id"),
                "member.id.duplicate",
                format!("{who}的记录编号与其他成员重复"),
            );
        }
        if let Some(text) = m.citizen_id() {
            match IdNumber::parse(text) {
                Err(e) => {
                    let hint = if matches!(text.chars().count(), 20 | 22) {
                        "；如是残疾人证号，请把证件类型选为“残疾人证”"
                    } else {
                        ""
                    };
                    r.error(
                        &at("id_number"),
                        "id_number.invalid",
                        format!("{who}的{e}{hint}"),
                    )
                }
                Ok(id) => {
                    if !numbers.insert(id) {
                        r.error(
                            &at("id_number"),
                            "id_number.duplicate",
                            format!("{who}的身份证号与本户其他成员重复"),
                        );
                    }
                    if id.birth_date() > today {
                        r.error(
                            &at("id_number"),
                            "id_number.future",
                            format!("{who}的身份证号中的出生日期{}晚于今天", id.birth_date()),
                        );
                    }
                    if let Some(stated) = m.sex {
                        if stated != id.sex() {
                            r.error(
                                &at("sex"),
                                "sex.mismatch",
                                format!(
                                    "{who}填写的性别“{stated}”与身份证号（第17位表示{}）不符",
                                    id.sex()
                                ),
                            );
                        }
                    }
                }
            }
        }
        if let Some(detail) = m.relation_detail {
            if m.relation != Some(Relation::Other) {
                let rel = m.relation.map_or("未填写", Relation::label);
                r.error(
                    &at("x_relation_detail"),
                    "relation.detail",
                    format!("{who}的具体关系“{detail}”应与“与户主关系：其他”一起填写，与户主关系却是“{rel}”"),
                );
            }
        }
        if let Some(detail) = m.education_detail {
            if m.education != Some(detail.education()) {
                let education = m.education.map_or("未填写", Education::label);
                r.error(
                    &at("x_education_detail"),
                    "education.detail",
                    format!(
                        "{who}的具体文化程度“{detail}”属于“{}”，文化程度却是“{education}”",
                        detail.education()
                    ),
                );
            }
        }
        if let Some(detail) = m.schooling_detail {
            if m.schooling != Some(detail.schooling()) {
                let schooling = m.schooling.map_or("未填写", Schooling::label);
                r.error(
                    &at("x_schooling_detail"),
                    "schooling.detail",
                    format!(
                        "{who}的具体在校生状况“{detail}”属于“{}”，在校生状况却是“{schooling}”",
                        detail.schooling()
                    ),
                );
            }
        }
        if let Some(area) = m.dibao_area {
            if m.dibao != Some(true) {
                r.error(
                    &at("x_dibao_area"),
                    "dibao.area",
                    format!("{who}的低保类别填的是“{area}”，却没有记为享受低保"),
                );
            }
        }
        if let Some(area) = m.tekun_area {
            if !matches!(m.tekun, Some(Tekun::Dispersed | Tekun::Centralized)) {
                r.error(
                    &at("x_tekun_area"),
                    "tekun.area",
                    format!("{who}的特困供养类别填的是“{area}”，却没有记为享受特困供养"),
                );
            }
        }
        if let (Some(rel), Some(sex)) = (m.relation, m.effective_sex()) {
            let implied = match (rel, m.relation_detail) {
                (Relation::Other, Some(detail)) => {
                    detail.implied_sex().map(|s| (s, detail.label()))
                }
                _ => rel.implied_sex().map(|s| (s, rel.label())),
            };
            if let Some((implied, rel)) = implied {
                if implied != sex {
                    r.error(
                        &at("relation"),
                        "relation.sex",
                        format!("{who}与户主关系为“{rel}”，但性别为“{sex}”"),
                    );
                }
            }
        }
        if let Some(g) = m.disability_grade {
            if !(1..=4).contains(&g) {
                r.error(
                    &at("disability_grade"),
                    "disability_grade.range",
                    format!("{who}的残疾等级应为1至4级，填写的是{g}"),
                );
            }
        }
        if let Some(months) = m.work.as_ref().and_then(|w| w.months) {
            if months > 12 {
                r.error(
                    &at("work.months"),
                    "work.months.range",
                    format!("{who}的务工时间应为0至12个月，填写的是{months}"),
                );
            }
        }
    }
}

fn causes(h: &Household, r: &mut Report) {
    let registered = matches!(
        h.status,
        Some(Status::Poor | Status::Exited | Status::Relapsed)
    ) || h.identified_year.is_some();
    // Not recorded is not refused: the monitoring system's person sheet has no cause
    // column, and a household read from it keeps whatever the ledger had.
    if registered && h.main_cause.is_none() {
        r.warn(
            "main_cause",
            "cause.main.missing",
            "建档立卡户应填写一项主要致贫原因（尚未填写，请补录）".into(),
        );
    }
    if h.other_causes.len() > 2 {
        r.error(
            "other_causes",
            "cause.other.count",
            format!("其他致贫原因最多两项，填写了{}项", h.other_causes.len()),
        );
    }
    let mut seen = HashSet::new();
    for (i, c) in h.other_causes.iter().enumerate() {
        if Some(*c) == h.main_cause {
            r.error(
                &format!("other_causes[{i}]"),
                "cause.other.repeats_main",
                format!("其他致贫原因“{c}”与主要致贫原因重复"),
            );
        } else if !seen.insert(*c) {
            r.error(
                &format!("other_causes[{i}]"),
                "cause.other.duplicate",
                format!("其他致贫原因“{c}”填写了两次"),
            );
        }
    }
}

// The checks of one value take their path and label as closures: formatted only for an
// error, not for each of a county's million lines.

fn check_month(r: &mut Report, path: impl FnOnce() -> String, month: Option<u8>) {
    if let Some(m) = month {
        if !(1..=12).contains(&m) {
            r.error(
                &path(),
                "month.range",
                format!("月份应为1至12，填写的是{m}"),
            );
        }
    }
}

/// No household line comes near 100 million yuan: larger figures are typing slips (an
/// extra zero, a pasted ID number) that would print as nonsense.
pub(crate) const AMOUNT_MAX: f64 = 100_000_000.0;

fn check_amount(
    r: &mut Report,
    path: impl FnOnce() -> String,
    label: impl FnOnce() -> String,
    amount: f64,
) {
    if amount < 0.0 || !amount.is_finite() {
        let label = label();
        r.error(
            &path(),
            "amount.negative",
            format!("{label}金额不能为负数（填写的是{amount}元）"),
        );
    } else if amount > AMOUNT_MAX {
        let label = label();
        r.error(
            &path(),
            "amount.range",
            format!("{label}金额{amount:.0}元超过1亿元，请检查是否多写了数字"),
        );
    }
}

fn check_year(r: &mut Report, path: impl FnOnce() -> String, year: i32, today: NaiveDate) {
    if year > today.year() || year < 2000 {
        r.error(
            &path(),
            "year.range",
            format!("年度{year}年不在2000年至今年之间"),
        );
    }
}

fn money_lines(h: &Household, today: NaiveDate, r: &mut Report) {
    for (i, l) in h.income.iter().enumerate() {
        check_year(r, || format!("income[{i}].year"), l.year, today);
        check_month(r, || format!("income[{i}].month"), l.month);
        check_amount(
            r,
            || format!("income[{i}].amount"),
            || format!("收入“{}”的", l.item),
            l.amount,
        );
    }
    for (i, l) in h.expenses.iter().enumerate() {
        check_year(r, || format!("expenses[{i}].year"), l.year, today);
        check_month(r, || format!("expenses[{i}].month"), l.month);
        check_amount(
            r,
            || format!("expenses[{i}].amount"),
            || format!("支出“{}”的", l.item),
            l.amount,
        );
    }
    for (i, l) in h.rigid_expenses.iter().enumerate() {
        check_date(
            r,
            || format!("rigid_expenses[{i}].date"),
            "支出日期",
            l.date,
            today,
        );
        check_amount(
            r,
            || format!("rigid_expenses[{i}].amount"),
            || format!("支出“{}”的", l.item),
            l.amount,
        );
        check_amount(
            r,
            || format!("rigid_expenses[{i}].reimbursed"),
            || format!("支出“{}”的报销", l.item),
            l.reimbursed,
        );
    }
}

fn check_date(
    r: &mut Report,
    path: impl FnOnce() -> String,
    label: &str,
    date: NaiveDate,
    today: NaiveDate,
) {
    if date > today {
        r.error(
            &path(),
            "date.future",
            format!("{label}{date}晚于今天（{today}）"),
        );
    }
}

fn dated_records(h: &Household, cadres: &[Cadre], today: NaiveDate, r: &mut Report) {
    // A village's cadres are few: a scan costs less than a set made for every household.
    let known = |id: &str| cadres.iter().any(|c| c.id == id);
    for (i, p) in h.pairings.iter().enumerate() {
        check_date(
            r,
            || format!("pairings[{i}].start"),
            "结对开始日期",
            p.start,
            today,
        );
        if let Some(end) = p.end {
            if end < p.start {
                r.error(
                    &format!("pairings[{i}].end"),
                    "pairing.end_before_start",
                    format!("结对结束日期{end}早于开始日期{}", p.start),
                );
            }
        }
        if !p.cadre.trim().is_empty() && !known(&p.cadre) {
            r.error(
                &format!("pairings[{i}].cadre"),
                "cadre.unknown",
                format!("帮扶责任人编号“{}”不在本村干部名单中", p.cadre),
            );
        }
    }
    for (i, v) in h.visits.iter().enumerate() {
        check_date(r, || format!("visits[{i}].date"), "走访日期", v.date, today);
        if !v.cadre.trim().is_empty() && !known(&v.cadre) {
            r.error(
                &format!("visits[{i}].cadre"),
                "cadre.unknown",
                format!("走访干部编号“{}”不在本村干部名单中", v.cadre),
            );
        }
    }
    for (i, m) in h.measures.iter().enumerate() {
        check_date(
            r,
            || format!("measures[{i}].start"),
            "措施开始日期",
            m.start,
            today,
        );
        if let Some(end) = m.end {
            if end < m.start {
                r.error(
                    &format!("measures[{i}].end"),
                    "measure.end_before_start",
                    format!("措施完成日期{end}早于开始日期{}", m.start),
                );
            }
        }
        if let Some(f) = m.funds {
            check_amount(
                r,
                || format!("measures[{i}].funds"),
                || "措施资金".into(),
                f,
            );
        }
    }
    if let Some(mon) = &h.monitoring {
        check_date(
            r,
            || "monitoring.identified".into(),
            "纳入监测日期",
            mon.identified,
            today,
        );
        if mon.risks.len() > 5 {
            r.error(
                "monitoring.risks",
                "monitoring.risks.count",
                format!("风险类型最多五项，填写了{}项", mon.risks.len()),
            );
        }
        if let Some(e) = mon.eliminated {
            if e < mon.identified {
                r.error(
                    "monitoring.eliminated",
                    "monitoring.order",
                    format!("风险消除日期{e}早于纳入监测日期{}", mon.identified),
                );
            }
        }
    }
    let member_ids: HashSet<&str> = h.members.iter().map(|m| m.id.as_str()).collect();
    for (i, e) in h.events.iter().enumerate() {
        check_date(
            r,
            || format!("events[{i}].date"),
            "人口变动日期",
            e.date,
            today,
        );
        if let Some(m) = &e.member {
            if !member_ids.contains(m.as_str()) {
                r.error(
                    &format!("events[{i}].member"),
                    "event.member.unknown",
                    format!("人口变动所指成员“{m}”不在本户成员中"),
                );
            }
        }
    }
}

/// How a message names a member: by name, or by place when the name is empty.
struct Who<'a>(usize, &'a str);

impl std::fmt::Display for Who<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.1.trim().is_empty() {
            write!(f, "第{}名成员", self.0 + 1)
        } else {
            write!(f, "成员“{}”", self.1)
        }
    }
}
