//! 人均纯收入: the income book of a year (or of the 12 months before the assessment date,
//! for monitoring) net of production costs, divided by the registered members.
//!
//! Counted lines only (`counted: true`); 养老保险金 (item containing "养老") only when the
//! policy counts it. Production costs are the recorded expenses, or, when the policy uses
//! fixed cost ratios, a ratio of each business income line chosen by its item text.
//! For the monitoring window, a line with a month counts when that month lies in the
//! window; a yearly line (no month) counts pro rata by the months of its year inside the
//! window. 合规自付支出 is the out-of-pocket part of medical and education bills dated in
//! the window (after `as_of` minus 12 months, up to `as_of`).
//!
//! Unbooked is unknown, never zero: a year without an income line has no per-capita
//! income, and the window's income is worked out only when every month of it is booked.
//! A month is booked when an income or expense line of that month, or a yearly line
//! (no month) of its year, is in the book.

use super::policy::Policy;
use super::wording::{num, opt_num, round2};
use crate::codes::IncomeCategory;
use crate::model::{Household, IncomeLine};
use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

/// How the rules engine treated one income line of the year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineTreatment {
    /// Counted in net income.
    Counted,
    /// Kept in the book but not counted (one-off aid, reimbursements …).
    NotCounted,
    /// 养老保险金 left out because the policy does not count it.
    PensionExcluded,
}

impl LineTreatment {
    /// What the income sheet prints in its 计入纯收入 column.
    pub fn label(self) -> &'static str {
        match self {
            LineTreatment::Counted => "是",
            LineTreatment::NotCounted => "否（不计入）",
            LineTreatment::PensionExcluded => "否（养老金不计）",
        }
    }
}

/// One income line of the year as the engine saw it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LineFigure {
    /// Position of the line in `Household::income`.
    pub index: usize,
    pub treatment: LineTreatment,
    /// The production cost worked out for it by a fixed ratio (0 unless cost ratios apply).
    #[serde(serialize_with = "num")]
    pub cost: f64,
    /// The ratio used, when cost ratios apply to this line.
    #[serde(skip_serializing_if = "Option::is_none", serialize_with = "opt_num")]
    pub cost_ratio: Option<f64>,
}

/// Counted income of one category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CategoryTotal {
    pub category: IncomeCategory,
    #[serde(serialize_with = "num")]
    pub amount: f64,
}

/// The year's income figures exactly as the rules engine used them: papers print these and
/// never recompute (so with pension not counted, or cost ratios, every printed total
/// reconciles with `assess --json`).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IncomeFigures {
    pub year: i32,
    /// 家庭人口: members registered on the assessment date.
    pub persons: usize,
    /// Counted income per category, in `IncomeCategory::ALL` order.
    pub by_category: Vec<CategoryTotal>,
    #[serde(serialize_with = "num")]
    pub counted: f64,
    #[serde(serialize_with = "num")]
    pub not_counted: f64,
    #[serde(serialize_with = "num")]
    pub pension_excluded: f64,
    /// 生产经营性支出: recorded, or by fixed ratios when `costs_by_ratio`.
    #[serde(serialize_with = "num")]
    pub expenses: f64,
    pub costs_by_ratio: bool,
    /// 家庭纯收入 = counted − expenses.
    #[serde(serialize_with = "num")]
    pub net: f64,
    /// 人均纯收入, rounded to the fen; `null` when the year has no income line.
    #[serde(serialize_with = "opt_num")]
    pub per_capita: Option<f64>,
    /// Every income line of the year, in book order.
    pub lines: Vec<LineFigure>,
    /// The monitoring window's figures (the 12 months before the assessment date).
    pub window: WindowFigures,
}

/// The monitoring window's figures exactly as the monitoring verdicts used them.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WindowFigures {
    /// Months in the window, and how many of them are booked.
    pub months: u32,
    pub booked_months: u32,
    /// Net income of the window (counted income − production costs).
    #[serde(serialize_with = "num")]
    pub net: f64,
    /// Net per person; `None` unless every month of the window is booked.
    #[serde(serialize_with = "opt_num")]
    pub per_capita: Option<f64>,
    /// 合规自付支出 of the window.
    #[serde(serialize_with = "num")]
    pub out_of_pocket: f64,
    /// (net − 合规自付支出) per person; `None` unless the window is fully booked.
    #[serde(serialize_with = "opt_num")]
    pub after_rigid_per_capita: Option<f64>,
}

/// The income figures of one household; per-capita values are rounded to the fen.
#[derive(Debug, Clone, Default)]
pub(crate) struct IncomeBook {
    pub persons: usize,
    /// Any income line recorded for the year.
    pub recorded: bool,
    pub counted: f64,
    /// Lines kept in the book but not counted (one-off aid …).
    pub not_counted: f64,
    /// 养老保险金 left out because the policy does not count it.
    pub pension_excluded: f64,
    pub expenses: f64,
    pub per_capita: Option<f64>,
    /// Months in the monitoring window (`policy.monitoring_window_months`).
    pub window_months: u32,
    /// Months of the window with a line in the book.
    pub booked_months: u32,
    /// The window's months without any line, as (year, month).
    pub unbooked: Vec<(i32, u32)>,
    pub window_net: f64,
    /// `None` unless every month of the window is booked.
    pub window_per_capita: Option<f64>,
    pub out_of_pocket: f64,
    /// (window net − 合规自付支出) ÷ persons; `None` unless the window is fully booked.
    pub after_rigid_per_capita: Option<f64>,
    /// Counted income per category, in `IncomeCategory::ALL` order.
    pub by_category: [f64; 4],
    /// The year's lines as treated.
    pub lines: Vec<LineFigure>,
    pub costs_by_ratio: bool,
}

impl IncomeBook {
    /// Works out the figures for `policy.year`, as of `policy.as_of`.
    pub fn new(household: &Household, persons: usize, policy: &Policy) -> IncomeBook {
        Self::for_year(household, persons, policy, policy.year)
    }

    /// The figures of the book of `year` (e.g. the 2013 income the 2014 identification
    /// read), with the policy's income rules.
    pub fn for_year(
        household: &Household,
        persons: usize,
        policy: &Policy,
        year: i32,
    ) -> IncomeBook {
        let mut book = IncomeBook {
            persons,
            ..IncomeBook::default()
        };
        let window = Window::new(policy.as_of, policy.monitoring_window_months.value as u32);
        let count_pension = policy.pension_counts_as_income.value;
        let ratios = policy.use_cost_ratios.value;
        let mut window_income = 0.0;
        let mut window_expenses = 0.0;
        let mut booked = vec![false; window.len()];
        book.costs_by_ratio = ratios;
        for (index, line) in household.income.iter().enumerate() {
            let share = window.share(line.year, line.month);
            let this_year = line.year == year;
            if this_year {
                book.recorded = true;
            }
            window.book(&mut booked, line.year, line.month);
            let treatment = treatment(line, count_pension);
            let ratio = (ratios && treatment == LineTreatment::Counted)
                .then(|| cost_ratio(line, policy))
                .filter(|_| line.category == IncomeCategory::Business);
            let cost = ratio.map_or(0.0, |r| r * line.amount);
            if this_year {
                book.lines.push(LineFigure {
                    index,
                    treatment,
                    cost,
                    cost_ratio: ratio,
                });
            }
            match treatment {
                LineTreatment::NotCounted => {
                    if this_year {
                        book.not_counted += line.amount;
                    }
                    continue;
                }
                LineTreatment::PensionExcluded => {
                    if this_year {
                        book.pension_excluded += line.amount;
                    }
                    continue;
                }
                LineTreatment::Counted => {}
            }
            if this_year {
                book.counted += line.amount;
                book.expenses += cost;
                let slot = IncomeCategory::ALL
                    .iter()
                    .position(|c| *c == line.category)
                    .unwrap_or(0);
                book.by_category[slot] += line.amount;
            }
            window_income += share * line.amount;
            window_expenses += share * cost;
        }
        for e in &household.expenses {
            window.book(&mut booked, e.year, e.month);
            if ratios {
                continue;
            }
            if e.year == year {
                book.expenses += e.amount;
            }
            window_expenses += window.share(e.year, e.month) * e.amount;
        }
        book.window_months = booked.len() as u32;
        book.booked_months = booked.iter().filter(|b| **b).count() as u32;
        book.unbooked = booked
            .iter()
            .enumerate()
            .filter(|(_, b)| !**b)
            .map(|(i, _)| window.month_at(i))
            .collect();
        book.out_of_pocket = household
            .rigid_expenses
            .iter()
            .filter(|r| window.contains(r.date))
            .map(|r| r.out_of_pocket())
            .sum();
        book.window_net = window_income - window_expenses;
        if persons > 0 {
            let n = persons as f64;
            if book.recorded {
                book.per_capita = Some(round2((book.counted - book.expenses) / n));
            }
            if book.window_complete() {
                book.window_per_capita = Some(round2(book.window_net / n));
                book.after_rigid_per_capita =
                    Some(round2((book.window_net - book.out_of_pocket) / n));
            }
        }
        book
    }

    /// Net income of the year (counted minus production costs).
    pub fn net(&self) -> f64 {
        self.counted - self.expenses
    }

    /// The year's figures as papers print them.
    pub fn figures(&self, year: i32) -> IncomeFigures {
        IncomeFigures {
            year,
            persons: self.persons,
            by_category: IncomeCategory::ALL
                .iter()
                .zip(self.by_category)
                .map(|(c, amount)| CategoryTotal {
                    category: *c,
                    amount,
                })
                .collect(),
            counted: self.counted,
            not_counted: self.not_counted,
            pension_excluded: self.pension_excluded,
            expenses: self.expenses,
            costs_by_ratio: self.costs_by_ratio,
            net: self.net(),
            per_capita: self.per_capita,
            lines: self.lines.clone(),
            window: WindowFigures {
                months: self.window_months,
                booked_months: self.booked_months,
                net: self.window_net,
                per_capita: self.window_per_capita,
                out_of_pocket: self.out_of_pocket,
                after_rigid_per_capita: self.after_rigid_per_capita,
            },
        }
    }

    /// Every month of the monitoring window is booked.
    pub fn window_complete(&self) -> bool {
        self.booked_months == self.window_months
    }
}

/// How a line counts: not counted as booked (one-off aid …), 养老保险金 (item containing
/// "养老") left out unless the policy counts it, else counted.
fn treatment(line: &IncomeLine, count_pension: bool) -> LineTreatment {
    if !line.counted {
        LineTreatment::NotCounted
    } else if !count_pension && line.item.contains("养老") {
        LineTreatment::PensionExcluded
    } else {
        LineTreatment::Counted
    }
}

/// The fixed cost ratio for a business income line, chosen by its item text.
fn cost_ratio(line: &IncomeLine, policy: &Policy) -> f64 {
    if line.category != IncomeCategory::Business {
        return 0.0;
    }
    let has = |words: &[&str]| words.iter().any(|w| line.item.contains(w));
    let index = if has(&["烟"]) {
        1
    } else if has(&[
        "养殖", "畜", "禽", "猪", "牛", "羊", "鸡", "鸭", "鹅", "蜂", "鱼",
    ]) {
        2
    } else if has(&["果"]) {
        3
    } else if has(&["粮", "稻", "谷", "麦", "玉米", "薯", "豆"]) {
        0
    } else {
        4
    };
    policy.cost_ratios[index].value
}

/// The months counted for monitoring: the `months` months ending with `as_of`'s month.
struct Window {
    first: i32,
    last: i32,
    start: NaiveDate,
    end: NaiveDate,
}

impl Window {
    fn new(as_of: NaiveDate, months: u32) -> Window {
        let last = as_of.year() * 12 + as_of.month0() as i32;
        let start = as_of
            .checked_sub_months(Months::new(months))
            .unwrap_or(NaiveDate::MIN);
        Window {
            first: last - months as i32 + 1,
            last,
            start,
            end: as_of,
        }
    }

    /// Months in the window.
    fn len(&self) -> usize {
        (self.last - self.first + 1).max(0) as usize
    }

    /// (year, month) of the window's `i`-th month.
    fn month_at(&self, i: usize) -> (i32, u32) {
        let index = self.first + i as i32;
        (index.div_euclid(12), index.rem_euclid(12) as u32 + 1)
    }

    /// Marks the window's months a line books: its month, or every month of its year.
    fn book(&self, booked: &mut [bool], year: i32, month: Option<u8>) {
        let (from, to) = match month {
            Some(m @ 1..=12) => {
                let i = year * 12 + i32::from(m) - 1;
                (i, i)
            }
            _ => (year * 12, year * 12 + 11),
        };
        for i in from.max(self.first)..=to.min(self.last) {
            booked[(i - self.first) as usize] = true;
        }
    }

    /// The share of a line (of a month, or of a whole year) inside the window.
    fn share(&self, year: i32, month: Option<u8>) -> f64 {
        match month {
            Some(m @ 1..=12) => {
                let i = year * 12 + i32::from(m) - 1;
                if (self.first..=self.last).contains(&i) {
                    1.0
                } else {
                    0.0
                }
            }
            _ => {
                let from = self.first.max(year * 12);
                let to = self.last.min(year * 12 + 11);
                f64::from((to - from + 1).max(0)) / 12.0
            }
        }
    }

    fn contains(&self, date: NaiveDate) -> bool {
        date > self.start && date <= self.end
    }
}

#[cfg(test)]
mod tests {
    use super::Window;
    use chrono::NaiveDate;

    /// Book lines as (year, month); `None` is a yearly line.
    type Lines = Vec<(i32, Option<u8>)>;

    /// The window ending 2026-11-29 is Dec 2025 – Nov 2026: which lines book which months.
    #[test]
    fn booked_months_of_a_window_across_the_year_boundary() {
        let w = Window::new(NaiveDate::from_ymd_opt(2026, 11, 29).unwrap(), 12);
        let jan_to_may: Lines = (1..=5).map(|m| (2026, Some(m))).collect();
        let mut six = vec![(2025, None)];
        six.extend(&jan_to_may);
        let cases: [(&str, Lines, usize); 5] = [
            ("nothing booked", vec![], 0),
            (
                "a 2025 yearly line books December 2025 only",
                vec![(2025, None)],
                1,
            ),
            ("2025 and Jan–May 2026", six, 6),
            (
                "a line outside the window books nothing",
                vec![(2024, Some(12))],
                0,
            ),
            (
                "yearly lines of 2025 and 2026 book all",
                vec![(2025, None), (2026, None)],
                12,
            ),
        ];
        for (why, lines, want) in cases {
            let mut booked = vec![false; w.len()];
            for (year, month) in lines {
                w.book(&mut booked, year, month);
            }
            let got = booked.iter().filter(|b| **b).count();
            assert_eq!(got, want, "{why}");
        }
        assert_eq!(
            w.month_at(0),
            (2025, 12),
            "the window starts in December 2025"
        );
        assert_eq!(w.month_at(11), (2026, 11), "and ends with the as-of month");
    }
}
