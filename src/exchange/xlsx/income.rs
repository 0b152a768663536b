//! The income columns of the person sheet (工资性收入 … 转移性收入, 生产经营性支出,
//! 合规自付支出) ⇄ the household's income book of one year, the income year: a
//! 监测对象's year of identification (the columns are the values at identification,
//! 5_15_0023), else the last year complete on the sheet's date (the export's date, the
//! import's effective date): the year before, or the date's own year on 31 December (an
//! export `--year 2025`). 家庭纯收入 and 人均纯收入 are the rules engine's, written and
//! never read.
//!
//! On import a column that agrees with the book (to the fen) leaves the book alone, so a
//! sheet we wrote changes nothing; one that does not replaces that part of the year's book
//! by one line of the sheet's amount named by its column. Lines kept but not counted
//! (one-off aid) and other years are never touched.

use super::columns::{self, Field};
use crate::codes::{IncomeCategory, RigidKind, Risk};
use crate::model::{Expense, Household, IncomeLine, RigidExpense};
use chrono::{Datelike, NaiveDate};

/// Amounts closer than this are the same (the sheet's amounts are to the fen).
const SAME: f64 = 0.005;

/// The year the income columns of a household are of, on the sheet's date `on`.
pub(super) fn income_year(h: &Household, on: NaiveDate) -> i32 {
    let complete = if (on.month(), on.day()) == (12, 31) {
        on.year()
    } else {
        on.year() - 1
    };
    h.monitoring
        .as_ref()
        .map_or(complete, |m| m.identified.year())
}

/// A household's income cells as read (`None`: empty, or no such column).
#[derive(Default)]
pub(super) struct IncomeCells {
    /// In `IncomeCategory::ALL` order.
    pub by_category: [Option<f64>; 4],
    pub cost: Option<f64>,
    pub out_of_pocket: Option<f64>,
}

fn slot(category: IncomeCategory) -> usize {
    IncomeCategory::ALL
        .iter()
        .position(|c| *c == category)
        .unwrap_or(0)
}

fn header(f: Field) -> String {
    columns::of(f).header.to_string()
}

/// The counted income of a category booked for `year`.
fn booked(h: &Household, year: i32, category: IncomeCategory) -> f64 {
    h.income
        .iter()
        .filter(|l| l.year == year && l.counted && l.category == category)
        .map(|l| l.amount)
        .sum()
}

fn costs(h: &Household, year: i32) -> f64 {
    h.expenses
        .iter()
        .filter(|e| e.year == year)
        .map(|e| e.amount)
        .sum()
}

fn out_of_pocket(h: &Household, year: i32) -> f64 {
    h.rigid_expenses
        .iter()
        .filter(|r| r.date.year() == year)
        .map(RigidExpense::out_of_pocket)
        .sum()
}

/// Lays the income cells over the household's book of its income year (see module doc).
pub(super) fn apply(h: &mut Household, cells: &IncomeCells, on: NaiveDate) {
    let year = income_year(h, on);
    let mut given = None;
    for (i, category) in IncomeCategory::ALL.iter().copied().enumerate() {
        let Some(amount) = cells.by_category[i] else {
            continue;
        };
        given = given.or(Some(category));
        if (booked(h, year, category) - amount).abs() < SAME {
            continue;
        }
        h.income
            .retain(|l| !(l.year == year && l.counted && l.category == category));
        if amount != 0.0 {
            h.income.push(line(year, category, amount));
        }
    }
    // A year the sheet says had no income is booked as such: unbooked is unknown, not 0.
    if let Some(category) = given {
        if !h.income.iter().any(|l| l.year == year) {
            h.income.push(line(year, category, 0.0));
        }
    }
    if let Some(amount) = cells.cost {
        if (costs(h, year) - amount).abs() >= SAME {
            h.expenses.retain(|e| e.year != year);
            if amount != 0.0 {
                h.expenses.push(Expense {
                    id: None,
                    year,
                    month: None,
                    category: IncomeCategory::Business,
                    item: header(Field::ProductionCost),
                    amount,
                });
            }
        }
    }
    if let Some(amount) = cells.out_of_pocket {
        if (out_of_pocket(h, year) - amount).abs() >= SAME {
            h.rigid_expenses.retain(|r| r.date.year() != year);
            if amount != 0.0 {
                let bill = rigid_bill(h, year, on, amount);
                h.rigid_expenses.push(bill);
            }
        }
    }
}

fn line(year: i32, category: IncomeCategory, amount: f64) -> IncomeLine {
    IncomeLine {
        id: None,
        year,
        month: None,
        category,
        item: header(Field::Income(category)),
        amount,
        counted: true,
    }
}

/// The sheet's 合规自付支出 as one bill of the year: dated at identification when that
/// is in the year, else on the sheet's date, else the year's last day; an education bill
/// when the household's risk is 因学 and not 因病, else a medical one.
fn rigid_bill(h: &Household, year: i32, on: NaiveDate, amount: f64) -> RigidExpense {
    let monitoring = h.monitoring.as_ref();
    let date = monitoring
        .map(|m| m.identified)
        .filter(|d| d.year() == year)
        .or((on.year() == year).then_some(on))
        .or_else(|| NaiveDate::from_ymd_opt(year, 12, 31))
        .unwrap_or(on);
    let risks = monitoring.map(|m| m.risks.as_slice()).unwrap_or_default();
    let kind = if risks.contains(&Risk::Schooling) && !risks.contains(&Risk::Illness) {
        RigidKind::Education
    } else {
        RigidKind::Medical
    };
    RigidExpense {
        id: None,
        date,
        kind,
        item: header(Field::OutOfPocket),
        amount,
        reimbursed: 0.0,
    }
}

/// What the income columns of a household show: the book of its income year, and the
/// rules engine's 家庭纯收入 and 人均纯收入 of that year (`engine`).
pub(super) struct IncomeRow {
    /// Any income or expense line booked for the year (else the columns stay empty).
    pub booked: bool,
    pub by_category: [f64; 4],
    pub cost: f64,
    pub out_of_pocket: Option<f64>,
    pub net: Option<f64>,
    pub per_capita: Option<f64>,
}

/// The engine's figures of one household: (家庭纯收入, 人均纯收入) of a year.
pub type EngineFigures = (f64, Option<f64>);

impl IncomeRow {
    pub fn of(h: &Household, on: NaiveDate, engine: Option<EngineFigures>) -> IncomeRow {
        let year = income_year(h, on);
        let any =
            h.income.iter().any(|l| l.year == year) || h.expenses.iter().any(|e| e.year == year);
        let mut by_category = [0.0; 4];
        for c in IncomeCategory::ALL {
            by_category[slot(*c)] = booked_round(booked(h, year, *c));
        }
        let bills = h.rigid_expenses.iter().any(|r| r.date.year() == year);
        IncomeRow {
            booked: any,
            by_category,
            cost: booked_round(costs(h, year)),
            out_of_pocket: (any || bills).then(|| booked_round(out_of_pocket(h, year))),
            net: engine.filter(|_| any).map(|(net, _)| booked_round(net)),
            per_capita: engine.and_then(|(_, pc)| pc),
        }
    }

    /// The cell of an income column (`None`: empty).
    pub fn cell(&self, f: Field) -> Option<f64> {
        match f {
            Field::Income(c) => self.booked.then_some(self.by_category[slot(c)]),
            Field::ProductionCost => self.booked.then_some(self.cost),
            Field::NetIncome => self.net,
            Field::PerCapitaIncome => self.per_capita,
            Field::OutOfPocket => self.out_of_pocket,
            _ => None,
        }
    }
}

/// An amount to the fen, as the sheet shows it.
fn booked_round(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Monitoring;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn book() -> Household {
        let mut h = Household {
            id: "h".into(),
            ..Household::default()
        };
        for (month, amount) in [(1, 1000.0), (2, 1500.0)] {
            h.income.push(IncomeLine {
                id: Some(format!("w{month}")),
                year: 2025,
                month: Some(month),
                category: IncomeCategory::Wage,
                item: "务工收入".into(),
                amount,
                counted: true,
            });
        }
        h.income.push(IncomeLine {
            id: Some("aid".into()),
            year: 2025,
            month: None,
            category: IncomeCategory::Transfer,
            item: "慰问金".into(),
            amount: 300.0,
            counted: false,
        });
        h
    }

    #[test]
    fn a_column_that_agrees_with_the_book_leaves_it_and_one_that_does_not_replaces_it() {
        let on = d(2026, 1, 15);
        assert_eq!(income_year(&book(), on), 2025, "the last year complete");
        assert_eq!(income_year(&book(), d(2025, 12, 31)), 2025, "--year 2025");
        let mut h = book();
        let row = IncomeRow::of(&h, on, None);
        assert_eq!(row.cell(Field::Income(IncomeCategory::Wage)), Some(2500.0));
        assert_eq!(row.cell(Field::Income(IncomeCategory::Property)), Some(0.0));
        let same = IncomeCells {
            by_category: [Some(2500.0), Some(0.0), Some(0.0), Some(0.0)],
            ..IncomeCells::default()
        };
        apply(&mut h, &same, on);
        assert_eq!(
            h.income,
            book().income,
            "the sheet we wrote changes nothing"
        );

        let other = IncomeCells {
            by_category: [Some(24000.0), None, None, Some(2400.0)],
            cost: Some(800.0),
            out_of_pocket: Some(1800.0),
        };
        apply(&mut h, &other, on);
        let wage: Vec<_> = h
            .income
            .iter()
            .filter(|l| l.category == IncomeCategory::Wage)
            .collect();
        assert_eq!(
            wage.len(),
            1,
            "the month lines give way to the sheet's year"
        );
        assert_eq!(
            (wage[0].amount, wage[0].item.as_str()),
            (24000.0, "工资性收入")
        );
        assert!(
            h.income.iter().any(|l| l.id.as_deref() == Some("aid")),
            "a line not counted stays"
        );
        let row = IncomeRow::of(&h, on, Some((26000.0, Some(8666.67))));
        assert_eq!(
            row.cell(Field::Income(IncomeCategory::Transfer)),
            Some(2400.0)
        );
        assert_eq!(row.cell(Field::ProductionCost), Some(800.0));
        assert_eq!(row.cell(Field::OutOfPocket), Some(1800.0));
        assert_eq!(row.cell(Field::PerCapitaIncome), Some(8666.67));
        assert_eq!(
            h.rigid_expenses[0].date,
            d(2025, 12, 31),
            "the year's last day"
        );
    }

    #[test]
    fn a_monitored_households_columns_are_of_its_year_of_identification() {
        let mut h = book();
        h.monitoring = Some(Monitoring {
            id: None,
            kind: crate::codes::MonitoringKind::SuddenHardship,
            identified: d(2023, 4, 15),
            channel: None,
            risks: vec![Risk::Illness],
            eliminated: None,
            elimination_mode: None,
            disaster: None,
            risk_note: None,
            procedure: Vec::new(),
        });
        let on = d(2025, 12, 1);
        assert_eq!(income_year(&h, on), 2023);
        assert!(!IncomeRow::of(&h, on, None).booked, "2023 has no line");
        let cells = IncomeCells {
            by_category: [Some(0.0), Some(0.0), None, None],
            out_of_pocket: Some(18000.0),
            ..IncomeCells::default()
        };
        apply(&mut h, &cells, on);
        let y2023: Vec<_> = h.income.iter().filter(|l| l.year == 2023).collect();
        assert_eq!(y2023.len(), 1, "a year of no income is booked as 0");
        assert_eq!(y2023[0].amount, 0.0);
        assert_eq!(h.rigid_expenses[0].date, d(2023, 4, 15));
        assert_eq!(h.rigid_expenses[0].kind, RigidKind::Medical);
        assert_eq!(
            h.income.iter().filter(|l| l.year == 2025).count(),
            3,
            "other years are left alone"
        );
    }
}
