//! The national system's consistency checks (domain reference §3), as warnings: stored
//! and listed for the cadre to review, never blocking a write.

use super::Report;
use crate::codes::{Attribute, Cause, Health, IncomeCategory, Labor, Relation, Status, Tekun};
use crate::model::Household;
use chrono::NaiveDate;

pub(super) fn check(h: &Household, on: Option<NaiveDate>, today: NaiveDate, r: &mut Report) {
    spouses(h, r);
    members(h, on, today, r);
    // 致贫原因 is the hardship of the poor years; after exit it is history.
    if matches!(h.status, None | Some(Status::Poor | Status::Relapsed)) {
        causes(h, r);
    }
    benefits(h, r);
    income(h, r);
    conditions(h, r);
    let registered = matches!(
        h.status,
        Some(Status::Poor | Status::Exited | Status::Relapsed | Status::Monitored)
    );
    if registered && !h.pairings.iter().any(|p| p.end.is_none()) {
        r.warn(
            "pairings",
            "pairing.none",
            "建档立卡户或监测户没有在帮的帮扶责任人".into(),
        );
    }
}

fn spouses(h: &Household, r: &mut Report) {
    let head = h
        .members
        .iter()
        .find(|m| m.relation == Some(Relation::Head));
    for (i, m) in h.members.iter().enumerate() {
        if m.relation == Some(Relation::Spouse) {
            if let (Some(hs), Some(ms)) = (head.and_then(|h| h.effective_sex()), m.effective_sex())
            {
                if hs == ms {
                    r.warn(
                        &format!("members[{i}].relation"),
                        "spouse.same_sex",
                        format!("户主与配偶“{}”性别相同", m.name),
                    );
                }
            }
        }
    }
}

/// The age checks need a reference date; the last day of the newest income year or the
/// newest visit would drift, so the checks use the member's age at the newest dated record.
fn reference_date(h: &Household) -> Option<NaiveDate> {
    let mut dates: Vec<NaiveDate> = h.visits.iter().map(|v| v.date).collect();
    dates.extend(
        h.income
            .iter()
            .filter_map(|l| NaiveDate::from_ymd_opt(l.year, 12, 31)),
    );
    dates.into_iter().max()
}

/// The members' checks on `on` (a year's check), or with none on the household's newest
/// dated record — unless the member's facts were first recorded after it (a household
/// entered or imported today with last year's income book): then on the day they were
/// recorded (today for one not saved yet), as their school grade is that day's.
fn members(h: &Household, asked: Option<NaiveDate>, today: NaiveDate, r: &mut Report) {
    let newest = reference_date(h);
    for (i, m) in h.members.iter().enumerate() {
        let known_from = m.recorded_from.or(h.recorded_from);
        let on = match asked {
            // Not judged: facts from before the ledger knew them (a value first recorded
            // in 2021 says nothing about 2016).
            Some(d) if known_from.is_some_and(|k| k > d) => continue,
            Some(d) => Some(d),
            None => newest.map(|d| d.max(known_from.unwrap_or(today).min(today))),
        };
        // Not judged: members gone by then.
        if on.is_some_and(|d| !h.is_registered_on(m, d)) {
            continue;
        }
        let at = |f: &str| format!("members[{i}].{f}");
        let age = on.and_then(|d| m.age_on(d));
        let student = m.schooling.is_some_and(|s| s.is_student());
        if let Some(age) = age {
            super::people::schooling_age(m, age, &at("schooling"), r);
            super::people::education_age(m, age, &at("education"), r);
            super::people::labor_age(m, age, student, &at("labor"), r);
        }
        if student && matches!(m.labor, Some(Labor::Ordinary | Labor::Skilled)) {
            r.warn(
                &at("labor"),
                "labor.student",
                format!("成员“{}”是在校生，劳动能力应为无劳动力", m.name),
            );
        }
        super::people::work(m, student, age, &at("work"), r);
        super::people::exemption(m, &at("schooling_exempt"), r);
        super::people::disability(m, &at, r);
        if m.dibao == Some(true) && matches!(m.tekun, Some(Tekun::Dispersed | Tekun::Centralized)) {
            r.warn(
                &at("tekun"),
                "benefit.dibao_and_tekun",
                format!("成员“{}”同时享受低保和特困供养", m.name),
            );
        }
    }
}

fn causes(h: &Household, r: &mut Report) {
    let any = |f: &dyn Fn(&crate::model::Member) -> bool| h.members.iter().any(f);
    let (rule, missing) = match h.main_cause {
        Some(Cause::Illness) => (
            "cause.illness",
            !any(&|m| matches!(m.health, Some(Health::Chronic | Health::SeriousIllness))),
        ),
        Some(Cause::Schooling) => (
            "cause.schooling",
            !any(&|m| m.schooling.is_some_and(|s| s.is_student())),
        ),
        Some(Cause::Disability) => (
            "cause.disability",
            !any(&|m| m.health == Some(Health::Disabled)),
        ),
        _ => return,
    };
    if missing {
        let need = match h.main_cause {
            Some(Cause::Illness) => "患病成员",
            Some(Cause::Schooling) => "在校生",
            _ => "残疾成员",
        };
        let cause = h.main_cause.map(|c| c.label()).unwrap_or_default();
        r.warn(
            "main_cause",
            rule,
            format!("主要致贫原因为“{cause}”，但家庭成员中没有{need}"),
        );
    }
}

fn benefits(h: &Household, r: &mut Report) {
    if h.attribute == Some(Attribute::Dibao) && !h.members.iter().any(|m| m.dibao == Some(true)) {
        r.warn(
            "attribute",
            "attribute.dibao",
            "贫困户属性为低保贫困户，但没有成员享受低保".into(),
        );
    }
}

fn income(h: &Household, r: &mut Report) {
    let Some(year) = h.income.iter().map(|l| l.year).max() else {
        return;
    };
    let wage: f64 = h
        .income
        .iter()
        .filter(|l| l.year == year && l.category == IncomeCategory::Wage)
        .map(|l| l.amount)
        .sum();
    let workers = h.members.iter().any(|m| {
        m.work
            .as_ref()
            .is_some_and(|w| w.place.is_some() || w.months.unwrap_or(0) > 0)
    });
    if wage > 0.0 && !workers {
        r.warn(
            "income",
            "income.wage_without_worker",
            format!("{year}年有工资性收入{wage}元，但没有成员登记务工"),
        );
    }
    if wage == 0.0 && workers {
        r.warn(
            "income",
            "income.worker_without_wage",
            format!("有成员登记务工，但{year}年没有工资性收入"),
        );
    }
    let counted: f64 = h
        .income
        .iter()
        .filter(|l| l.year == year && l.counted)
        .map(|l| l.amount)
        .sum();
    let cost: f64 = h
        .expenses
        .iter()
        .filter(|l| l.year == year)
        .map(|l| l.amount)
        .sum();
    let people = NaiveDate::from_ymd_opt(year, 12, 31)
        .map(|d| h.members_on(d).len())
        .unwrap_or(0);
    if people > 0 {
        let per = (counted - cost) / people as f64;
        if per <= 0.0 || per > 100_000.0 {
            r.warn(
                "income",
                "income.per_capita_implausible",
                format!("{year}年人均纯收入{per:.0}元，数值可疑，请核实"),
            );
        }
    }
}

fn conditions(h: &Household, r: &mut Report) {
    if h.conditions.farmland_mu.is_some_and(|v| v > 100.0) {
        r.warn(
            "conditions.farmland_mu",
            "land.implausible",
            "耕地面积超过100亩，请核实".into(),
        );
    }
    if h.conditions.road_distance_km.is_some_and(|v| v > 50.0) {
        r.warn(
            "conditions.road_distance_km",
            "road.implausible",
            "与村主干路距离超过50公里，请核实".into(),
        );
    }
}

#[cfg(test)]
mod tests {
    use crate::codes::{IncomeCategory, Schooling};
    use crate::model::{Household, IncomeLine, Member};
    use chrono::NaiveDate;

    fn on(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// A son born 2010-09-21 in 高一 (today's grade) and an income book of 2023 only.
    fn household(recorded_from: Option<NaiveDate>) -> Household {
        let son = Member {
            name: "王浩".into(),
            id_number: Some("522729201009211214".into()),
            schooling: Some(Schooling::Senior1),
            ..Member::default()
        };
        Household {
            code: "5227291022030001".into(),
            members: vec![son],
            income: vec![IncomeLine {
                id: None,
                year: 2023,
                month: None,
                category: IncomeCategory::Wage,
                item: "务工".into(),
                amount: 18000.0,
                counted: true,
            }],
            recorded_from,
            ..Household::default()
        }
    }

    fn schooling_age(h: &Household, asked: Option<NaiveDate>) -> bool {
        let mut r = super::Report::new(&h.code, "");
        super::members(h, asked, on(2026, 12, 2), &mut r);
        r.findings.iter().any(|f| f.rule == "schooling.age")
    }

    #[test]
    fn a_grade_recorded_today_is_judged_at_todays_age_not_at_last_income_year() {
        // Imported today (not saved yet, or saved today): 16 today, in 高一: right.
        assert!(!schooling_age(&household(None), None));
        assert!(!schooling_age(&household(Some(on(2026, 12, 2))), None));
        // Known since 2020: the grade held at the end of 2023, when he was 13: wrong.
        assert!(schooling_age(&household(Some(on(2020, 1, 1))), None));
        // A year's check never judges facts the ledger learned later.
        assert!(!schooling_age(
            &household(Some(on(2026, 12, 2))),
            Some(on(2023, 12, 31))
        ));
    }
}
