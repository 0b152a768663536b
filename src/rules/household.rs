//! Assessing one household: the income rules, identification and household exit, and
//! the order in which every rule of the spec is evaluated.
//!
//! Boundaries follow the wording of the sources: identification, 低保 and monitoring need
//! income strictly *below* their line (低于); `income_above_line` is met at the line or
//! above (达到或高于), so every household is exactly one of the two.

use super::assistance::{dibao, tekun};
use super::guarantees::{
    basic_medical, compulsory_education, drinking_water, food_clothing, housing_safety,
};
use super::income::IncomeBook;
use super::monitoring::{monitoring, risk_elimination};
use super::policy::{Param, Policy};
use super::roster::{roster, Person};
use super::verdict::{Assessment, Outcome, Quantity, Reason, Rule, Verdict};
use super::wording::{cite, line_phrase, yuan};
use crate::codes::Standard;
use crate::model::Household;

/// What every rule of one household reads, worked out once.
pub(crate) struct Facts<'a> {
    pub household: &'a Household,
    pub policy: &'a Policy,
    pub people: Vec<Person<'a>>,
    pub income: IncomeBook,
}

impl<'a> Facts<'a> {
    pub fn new(household: &'a Household, policy: &'a Policy) -> Facts<'a> {
        let people = roster(household, policy.as_of);
        let income = IncomeBook::new(household, people.len(), policy);
        Facts {
            household,
            policy,
            people,
            income,
        }
    }

    /// The line of the standard the household was identified under: the provincial line
    /// for 省定/市定 households when the local policy sets one, else the national line.
    pub fn poverty_line(&self) -> &'a Param<f64> {
        household_line(self.policy, self.household)
    }

    /// Missing paths when per-capita income of the year cannot be worked out: a year
    /// with no income line is unknown (`income[year=2016]`), never zero.
    pub fn income_missing(&self) -> Vec<String> {
        let mut missing = Vec::new();
        if self.people.is_empty() {
            missing.push("members".to_string());
        }
        if !self.income.recorded {
            missing.push(format!("income[year={}]", self.policy.year));
        }
        missing
    }

    /// How the income was made up, for reason texts: `（计入收入…，4人）`.
    pub fn income_detail(&self) -> String {
        let b = &self.income;
        let mut s = format!(
            "（计入收入{}元，减生产经营性支出{}元，共{}人",
            yuan(b.counted),
            yuan(b.expenses),
            b.persons
        );
        if b.not_counted > 0.0 {
            s.push_str(&format!(
                "；另有不计入的一次性补助等{}元",
                yuan(b.not_counted)
            ));
        }
        if b.pension_excluded > 0.0 {
            s.push_str(&format!(
                "；养老保险金{}元按本地规定不计入",
                yuan(b.pension_excluded)
            ));
        }
        s.push('）');
        s
    }
}

/// The line a household's income and exit are judged by: the provincial line for 省定/
/// 市定 households when the local policy sets one, else the exit-check series
/// (脱贫退出验收标准). Papers print this same line.
pub fn household_line<'p>(policy: &'p Policy, household: &Household) -> &'p Param<f64> {
    match (household.standard, &policy.provincial_standard) {
        (Some(Standard::Provincial | Standard::Municipal), Some(line)) => line,
        _ => &policy.exit_line,
    }
}

/// The line identification compares with: the provincial line as above, else the
/// statistics series (统计监测标准) of the year whose income identification reads.
pub fn identification_line<'p>(policy: &'p Policy, household: &Household) -> &'p Param<f64> {
    match (household.standard, &policy.provincial_standard) {
        (Some(Standard::Provincial | Standard::Municipal), Some(line)) => line,
        _ => &policy.identification_line,
    }
}

/// Assesses one household for `policy.year` as of `policy.as_of`: every rule of the
/// spec, in spec order, each with its reasons and missing fields.
pub fn assess_household<'a>(household: &'a Household, policy: &'a Policy) -> Assessment<'a> {
    let f = Facts::new(household, policy);
    let guarantees = [
        food_clothing(&f),
        compulsory_education(&f),
        basic_medical(&f),
        housing_safety(&f),
        drinking_water(&f),
    ];
    let income = income_above_line(&f);
    let exit = household_exit(&income, &guarantees);
    let ident = identification(&f);
    let monitored = monitoring(&f);
    let eliminated = risk_elimination(&f, &guarantees[1..]);
    let mut verdicts = Vec::with_capacity(12);
    verdicts.push(income);
    verdicts.extend(guarantees);
    verdicts.push(ident);
    verdicts.push(exit);
    verdicts.push(dibao(&f));
    verdicts.push(tekun(&f));
    verdicts.push(monitored);
    verdicts.push(eliminated);
    Assessment {
        household: &household.code,
        year: policy.year,
        as_of: policy.as_of,
        policy: &policy.summary,
        per_capita_net_income: f.income.per_capita,
        verdicts,
        income: f.income.figures(policy.year),
    }
}

/// A comparison of per-capita income with a line, as a reason.
pub(crate) fn income_reason(
    criterion: &'static str,
    value: Option<f64>,
    line: &Param<f64>,
    below_meets: bool,
    detail: &str,
) -> Reason {
    let Some(v) = value else {
        let text = format!("人均纯收入无法计算，无法与{}比较", line_phrase(line));
        return Reason {
            criterion,
            met: None,
            value: None,
            threshold: Some(Quantity::Number(line.value)),
            text,
            shortfall: None,
        };
    };
    let below = v < line.value;
    let relation = if below {
        format!("低于{}，还差{}元", line_phrase(line), yuan(line.value - v))
    } else if v == line.value {
        format!("达到{}", line_phrase(line))
    } else {
        format!("高于{}", line_phrase(line))
    };
    Reason {
        criterion,
        met: Some(below == below_meets),
        value: Some(Quantity::Number(v)),
        threshold: Some(Quantity::Number(line.value)),
        text: format!("人均纯收入{}元{detail}，{relation}{}", yuan(v), cite(line)),
        shortfall: below.then(|| format!("人均纯收入还差{}元", yuan(line.value - v))),
    }
}

fn income_above_line(f: &Facts) -> Verdict {
    let r = income_reason(
        "income_above_line",
        f.income.per_capita,
        f.poverty_line(),
        false,
        &f.income_detail(),
    );
    Verdict::all_of(Rule::IncomeAboveLine, vec![r], f.income_missing())
}

fn identification(f: &Facts) -> Verdict {
    let p = f.policy;
    let line = identification_line(p, f.household);
    // The 2014 建档立卡 read the 2013 income book.
    let earlier;
    let (per_capita, detail, missing, from) = if p.identification_income_year == p.year {
        (
            f.income.per_capita,
            f.income_detail(),
            f.income_missing(),
            String::new(),
        )
    } else {
        let year = p.identification_income_year;
        let on = chrono::NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(p.as_of);
        let persons = roster(f.household, on).len();
        earlier = IncomeBook::for_year(f.household, persons, p, year);
        let mut missing = Vec::new();
        if persons == 0 {
            missing.push("members".to_string());
        }
        if !earlier.recorded {
            missing.push(format!("income[year={year}]"));
        }
        let detail = format!(
            "（计入收入{}元，减生产经营性支出{}元，共{}人）",
            yuan(earlier.counted),
            yuan(earlier.expenses),
            earlier.persons
        );
        (earlier.per_capita, detail, missing, format!("{year}年"))
    };
    let mut r = income_reason("income_below_line", per_capita, line, true, &detail);
    if !from.is_empty() {
        r.text = format!("按{from}收入识别：{}", r.text);
    }
    r.shortfall = None;
    if f.policy.year >= 2021 {
        r.text
            .push_str("；2021年起不再新识别建档立卡贫困户，低收入人口纳入防返贫动态监测");
    } else if r.met == Some(true) {
        r.text
            .push_str("；识别还须经农户申请、民主评议、公示、比对、公告");
    }
    Verdict::all_of(Rule::Identification, vec![r], missing)
}

/// 脱贫退出: income at or above the line and all five guarantees met.
fn household_exit(income: &Verdict, guarantees: &[Verdict]) -> Verdict {
    let mut reasons = Vec::with_capacity(1 + guarantees.len());
    let mut missing = income.missing.clone();
    reasons.extend(income.reasons.iter().cloned());
    for g in guarantees {
        reasons.push(summary_reason(g));
        missing.extend(g.missing.iter().cloned());
    }
    Verdict::all_of(Rule::HouseholdExit, reasons, missing)
}

/// One reason standing for a whole verdict (used by exit and risk elimination).
pub(crate) fn summary_reason(v: &Verdict) -> Reason {
    let shortfalls: Vec<&str> = v
        .reasons
        .iter()
        .filter_map(|r| r.shortfall.as_deref())
        .collect();
    let want = match v.outcome {
        Outcome::Yes => Some(true),
        Outcome::No => Some(false),
        Outcome::Unknown => None,
    };
    // The underlying sentences, so the summary still cites its sources.
    let detail: Vec<&str> = v
        .reasons
        .iter()
        .filter(|r| r.met == want)
        .map(|r| r.text.as_str())
        .collect();
    let status = match v.outcome {
        Outcome::Yes => "已达标",
        Outcome::No => "未达标",
        Outcome::Unknown => "无法判断",
    };
    Reason {
        criterion: v.rule.name(),
        met: want,
        value: None,
        threshold: None,
        text: format!("{}{status}：{}", v.rule.label(), detail.join("；")),
        shortfall: (v.outcome == Outcome::No).then(|| shortfalls.join("；")),
    }
}
