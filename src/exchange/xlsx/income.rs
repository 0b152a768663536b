//! The income columns of the person sheet ⇄ the household's income book, in two
//! snapshots (`Snapshot`):
//! - at identification (工资性收入 … 转移性收入, 生产经营性支出, 合规自付支出): a
//!   监测对象's year of identification (5_15_0023 "识别时工资性收入"), else the last year
//!   complete on the sheet's date (the export's date, the import's effective date): the year
//!   before, or the date's own year on 31 December (an export `--year 2025`);
//! - after elimination (风险消除后…, required once the risk is eliminated, 1_11_004): the
//!   year of elimination, with 理赔收入 (lines of insurance pay-outs).
//!
//! 家庭纯收入, 人均纯收入 and the four 风险消除后是否… are the rules engine's, written and never
//! read. On import a column that agrees with the book (to the fen) leaves the book alone, so
//! a sheet we wrote changes nothing; one that does not replaces that part of the year's book
//! by one line of the sheet's amount named by its column. Lines kept but not counted
//! (one-off aid) and other years are never touched. When both snapshots fall in one year the
//! one after elimination is the year's book: its filled columns leave their counterparts at
//! identification unread (`apply_both`).

use super::columns::{self, Field, Snapshot};
use crate::codes::{IncomeCategory, RigidKind, Risk};
use crate::model::{Expense, Household, IncomeLine, RigidExpense};
// An amount to the fen, as the sheet shows it: the engine's rounding.
use crate::rules::round2 as fen;
use chrono::{Datelike, NaiveDate};

/// Whether the book's amount is the sheet's, both to the fen (as the sheet shows it).
fn same(book: f64, sheet: f64) -> bool {
    fen(book) == fen(sheet)
}

/// The year a snapshot's columns are of, the day it was taken (the day members are
/// counted on and a new 合规自付支出 bill is dated), and the sheet's date: the book the
/// sheet speaks for is the year's lines booked by then (an export as of a date in the
/// year does not see the later months; an import leaves them alone).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Taken {
    pub year: i32,
    pub on: NaiveDate,
    pub sheet: NaiveDate,
}

impl Taken {
    /// Whether a line of `year` and `month` (none: the whole year) is in the snapshot.
    pub(super) fn sees(&self, year: i32, month: Option<u8>) -> bool {
        year == self.year
            && (year < self.sheet.year()
                || month.is_none_or(|m| u32::from(m) <= self.sheet.month()))
    }

    fn sees_day(&self, date: NaiveDate) -> bool {
        date.year() == self.year && date <= self.sheet
    }
}

/// When a household's snapshot was taken, on the sheet's date `on`; `None` for the
/// snapshot after elimination of a household whose risk is not eliminated.
pub(super) fn taken(h: &Household, snapshot: Snapshot, on: NaiveDate) -> Option<Taken> {
    let at = |d: NaiveDate| Taken {
        year: d.year(),
        on: d,
        sheet: on,
    };
    let monitoring = h.monitoring.as_ref();
    match snapshot {
        Snapshot::Identified => Some(match monitoring {
            Some(m) => at(m.identified),
            None => {
                let year = if (on.month(), on.day()) == (12, 31) {
                    on.year()
                } else {
                    on.year() - 1
                };
                Taken {
                    year,
                    on: NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(on),
                    sheet: on,
                }
            }
        }),
        Snapshot::Eliminated => monitoring.and_then(|m| m.eliminated).map(at),
    }
}

/// A snapshot's cells as read (`None`: empty, or no such column).
#[derive(Default)]
pub(super) struct IncomeCells {
    /// In `IncomeCategory::ALL` order.
    pub by_category: [Option<f64>; 4],
    pub cost: Option<f64>,
    pub out_of_pocket: Option<f64>,
    pub claims: Option<f64>,
}

impl IncomeCells {
    /// These cells less those `other` gives (an amount there, 0 included).
    fn not_given_by(&self, other: &IncomeCells) -> IncomeCells {
        let keep = |mine: Option<f64>, theirs: Option<f64>| mine.filter(|_| theirs.is_none());
        IncomeCells {
            by_category: std::array::from_fn(|i| keep(self.by_category[i], other.by_category[i])),
            cost: keep(self.cost, other.cost),
            out_of_pocket: keep(self.out_of_pocket, other.out_of_pocket),
            claims: keep(self.claims, other.claims),
        }
    }

    /// Takes the value of an amount column of this snapshot.
    pub fn set(&mut self, f: Field, amount: Option<f64>) {
        match f {
            Field::Income(_, c) => self.by_category[slot(c)] = amount,
            Field::ProductionCost(_) => self.cost = amount,
            Field::OutOfPocket(_) => self.out_of_pocket = amount,
            Field::Claims => self.claims = amount,
            _ => {}
        }
    }
}

pub(super) fn slot(category: IncomeCategory) -> usize {
    IncomeCategory::ALL
        .iter()
        .position(|c| *c == category)
        .unwrap_or(0)
}

pub(super) fn header(f: Field) -> String {
    columns::of(f).header.to_string()
}

/// The counted income of a category booked for `year`.
pub(super) fn booked(h: &Household, at: Taken, category: IncomeCategory) -> f64 {
    h.income
        .iter()
        .filter(|l| at.sees(l.year, l.month) && l.counted && l.category == category)
        .map(|l| l.amount)
        .sum()
}

/// An insurance pay-out (理赔收入): a line kept in the book but not counted (the sheet's
/// 转移性收入 does not hold it), called 理赔 or 赔付.
fn is_claim(line: &IncomeLine) -> bool {
    !line.counted && ["理赔", "赔付"].iter().any(|w| line.item.contains(w))
}

fn claims(h: &Household, at: Taken) -> f64 {
    h.income
        .iter()
        .filter(|l| at.sees(l.year, l.month) && is_claim(l))
        .map(|l| l.amount)
        .sum()
}

fn costs(h: &Household, at: Taken) -> f64 {
    h.expenses
        .iter()
        .filter(|e| at.sees(e.year, e.month))
        .map(|e| e.amount)
        .sum()
}

fn out_of_pocket(h: &Household, at: Taken) -> f64 {
    h.rigid_expenses
        .iter()
        .filter(|r| at.sees_day(r.date))
        .map(RigidExpense::out_of_pocket)
        .sum()
}

/// Lays both snapshots' cells over the household's book, on the sheet's date `on`: at
/// identification, then after elimination (of a household whose risk is eliminated).
/// When both fall in one year the one after elimination is the year's book: a column it
/// gives stands for its part of the book alone, the column of identification is not read,
/// so the same sheet read again finds the book as it left it (and a new 合规自付支出 bill is
/// dated the day of elimination, as the export writes it back).
pub(super) fn apply_both(h: &mut Household, cells: &[IncomeCells; 2], on: NaiveDate) {
    let [identified, eliminated] =
        [Snapshot::Identified, Snapshot::Eliminated].map(|s| taken(h, s, on));
    if let Some(at) = identified {
        match eliminated {
            Some(after) if after.year == at.year => {
                let left = cells[0].not_given_by(&cells[1]);
                apply(h, Snapshot::Identified, &left, at);
            }
            _ => apply(h, Snapshot::Identified, &cells[0], at),
        }
    }
    if let Some(after) = eliminated {
        apply(h, Snapshot::Eliminated, &cells[1], after);
    }
}

/// Lays a snapshot's cells over the household's book of its year (see module doc).
fn apply(h: &mut Household, snapshot: Snapshot, cells: &IncomeCells, at: Taken) {
    let year = at.year;
    let unbooked = !h.income.iter().any(|l| at.sees(l.year, l.month))
        && !h.expenses.iter().any(|e| at.sees(e.year, e.month));
    let (mut given, mut changed) = (None, false);
    for (i, category) in IncomeCategory::ALL.iter().copied().enumerate() {
        let Some(amount) = cells.by_category[i] else {
            continue;
        };
        given = given.or(Some(category));
        if same(booked(h, at, category), amount) {
            continue;
        }
        changed = true;
        h.income
            .retain(|l| !(at.sees(l.year, l.month) && l.counted && l.category == category));
        if amount != 0.0 {
            h.income.push(line(year, snapshot, category, amount, true));
        }
    }
    // A year the sheet says had no income is booked as such: unbooked is unknown, not 0.
    // (A year booked with costs alone, which our export writes as 0, stays as it is.)
    if let Some(category) = given.filter(|_| changed || unbooked) {
        if !h.income.iter().any(|l| at.sees(l.year, l.month)) {
            h.income.push(line(year, snapshot, category, 0.0, true));
        }
    }
    if let Some(amount) = cells.claims {
        if !same(claims(h, at), amount) {
            h.income
                .retain(|l| !(at.sees(l.year, l.month) && is_claim(l)));
            if amount != 0.0 {
                // Kept in the book, not counted: the sheet's 转移性收入 does not hold it.
                let mut claim = line(year, snapshot, IncomeCategory::Transfer, amount, false);
                claim.item = header(Field::Claims).replace("风险消除后", "");
                h.income.push(claim);
            }
        }
    }
    if let Some(amount) = cells.cost {
        if !same(costs(h, at), amount) {
            h.expenses.retain(|e| !at.sees(e.year, e.month));
            if amount != 0.0 {
                h.expenses.push(Expense {
                    id: None,
                    year,
                    month: None,
                    category: IncomeCategory::Business,
                    item: header(Field::ProductionCost(Snapshot::Identified)),
                    amount,
                });
            }
        }
    }
    if let Some(amount) = cells.out_of_pocket {
        if !same(out_of_pocket(h, at), amount) {
            h.rigid_expenses.retain(|r| !at.sees_day(r.date));
            if amount != 0.0 {
                let bill = rigid_bill(h, at, amount);
                h.rigid_expenses.push(bill);
            }
        }
    }
}

/// A line of the sheet's amount, named by its column (without 风险消除后).
pub(super) fn line(
    year: i32,
    snapshot: Snapshot,
    category: IncomeCategory,
    amount: f64,
    counted: bool,
) -> IncomeLine {
    IncomeLine {
        id: None,
        year,
        month: None,
        category,
        item: header(Field::Income(snapshot, category)).replace("风险消除后", ""),
        amount,
        counted,
    }
}

/// The sheet's 合规自付支出 as one bill of the year, dated the day the snapshot was taken;
/// an education bill when the household's risk is 因学 and not 因病, else a medical one.
fn rigid_bill(h: &Household, at: Taken, amount: f64) -> RigidExpense {
    let risks = h
        .monitoring
        .as_ref()
        .map(|m| m.risks.as_slice())
        .unwrap_or_default();
    let kind = if risks.contains(&Risk::Schooling) && !risks.contains(&Risk::Illness) {
        RigidKind::Education
    } else {
        RigidKind::Medical
    };
    RigidExpense {
        id: None,
        date: at.on,
        kind,
        item: header(Field::OutOfPocket(Snapshot::Identified)),
        amount,
        reimbursed: 0.0,
    }
}

/// The rules engine's figures of a snapshot: 家庭纯收入, 人均纯收入, and for the one
/// after elimination whether each guarantee was met (`Guarantee` order; `None` unknown).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct EngineFigures {
    pub net: f64,
    pub per_capita: Option<f64>,
    pub guarantees: [Option<bool>; 4],
}

/// The rules engine's figures of one household for the sheet: its two snapshots
/// (`Snapshot` order), and whether compulsory education and basic medical insurance are
/// met on the sheet's date (the household indicators).
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct HouseholdFigures {
    pub snapshots: [Option<EngineFigures>; 2],
    pub now: [Option<bool>; 2],
}

/// What a snapshot's columns show: the book of its year and the engine's figures.
pub(super) struct IncomeRow {
    /// Any income or expense line booked for the year (else the columns stay empty).
    booked: bool,
    by_category: [f64; 4],
    cost: f64,
    claims: f64,
    out_of_pocket: Option<f64>,
    engine: Option<EngineFigures>,
}

impl IncomeRow {
    /// The row of a snapshot taken `at` (`None`: not taken, every cell empty).
    pub fn of(h: &Household, at: Option<Taken>, engine: Option<EngineFigures>) -> IncomeRow {
        let Some(at) = at else {
            return IncomeRow {
                booked: false,
                by_category: [0.0; 4],
                cost: 0.0,
                claims: 0.0,
                out_of_pocket: None,
                engine: None,
            };
        };
        let any = h.income.iter().any(|l| at.sees(l.year, l.month))
            || h.expenses.iter().any(|e| at.sees(e.year, e.month));
        let mut by_category = [0.0; 4];
        for c in IncomeCategory::ALL {
            by_category[slot(*c)] = fen(booked(h, at, *c));
        }
        let bills = h.rigid_expenses.iter().any(|r| at.sees_day(r.date));
        IncomeRow {
            booked: any,
            by_category,
            cost: fen(costs(h, at)),
            claims: fen(claims(h, at)),
            out_of_pocket: (any || bills).then(|| fen(out_of_pocket(h, at))),
            engine,
        }
    }

    /// The cell of an amount column of this snapshot (`None`: empty).
    pub fn amount(&self, f: Field) -> Option<f64> {
        let booked = |x: f64| self.booked.then_some(x);
        match f {
            Field::Income(_, c) => booked(self.by_category[slot(c)]),
            Field::ProductionCost(_) => booked(self.cost),
            Field::Claims => booked(self.claims),
            Field::NetIncome(_) => self.engine.filter(|_| self.booked).map(|e| fen(e.net)),
            Field::PerCapitaIncome(_) => self.engine.and_then(|e| e.per_capita),
            Field::OutOfPocket(_) => self.out_of_pocket,
            _ => None,
        }
    }

    /// 风险消除后是否…: 是 when the guarantee was not met (the problem is there).
    pub fn problem(&self, g: columns::Guarantee) -> Option<bool> {
        let i = g as usize;
        self.engine.and_then(|e| e.guarantees[i]).map(|met| !met)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Monitoring;
    use Snapshot::{Eliminated, Identified};

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

    fn monitored(identified: NaiveDate, eliminated: Option<NaiveDate>) -> Monitoring {
        Monitoring {
            id: None,
            kind: crate::codes::MonitoringKind::SuddenHardship,
            identified,
            channel: None,
            risks: vec![Risk::Illness],
            eliminated,
            elimination_mode: None,
            disaster: None,
            risk_note: None,
            procedure: Vec::new(),
        }
    }

    #[test]
    fn a_column_that_agrees_with_the_book_leaves_it_and_one_that_does_not_replaces_it() {
        let on = d(2026, 1, 15);
        let mut h = book();
        let at = taken(&h, Identified, on);
        assert_eq!(at.map(|t| t.year), Some(2025), "the last year complete");
        assert_eq!(
            taken(&h, Identified, d(2025, 12, 31)).map(|t| t.year),
            Some(2025),
            "--year 2025"
        );
        assert_eq!(taken(&h, Eliminated, on), None, "no risk eliminated");
        let row = IncomeRow::of(&h, at, None);
        let wage = Field::Income(Identified, IncomeCategory::Wage);
        assert_eq!(row.amount(wage), Some(2500.0));
        assert_eq!(
            row.amount(Field::Income(Identified, IncomeCategory::Property)),
            Some(0.0)
        );
        let same = IncomeCells {
            by_category: [Some(2500.0), Some(0.0), Some(0.0), Some(0.0)],
            ..IncomeCells::default()
        };
        let at = at.unwrap();
        apply(&mut h, Identified, &same, at);
        assert_eq!(
            h.income,
            book().income,
            "the sheet we wrote changes nothing"
        );

        let other = IncomeCells {
            by_category: [Some(24000.0), None, None, Some(2400.0)],
            cost: Some(800.0),
            out_of_pocket: Some(1800.0),
            claims: None,
        };
        apply(&mut h, Identified, &other, at);
        let wage_lines: Vec<_> = h
            .income
            .iter()
            .filter(|l| l.category == IncomeCategory::Wage)
            .collect();
        assert_eq!(
            wage_lines.len(),
            1,
            "the month lines give way to the sheet's year"
        );
        assert_eq!(
            (wage_lines[0].amount, wage_lines[0].item.as_str()),
            (24000.0, "工资性收入")
        );
        assert!(
            h.income.iter().any(|l| l.id.as_deref() == Some("aid")),
            "a line not counted stays"
        );
        let engine = EngineFigures {
            net: 25600.0,
            per_capita: Some(8533.33),
            guarantees: [None; 4],
        };
        let row = IncomeRow::of(&h, Some(at), Some(engine));
        let transfer = Field::Income(Identified, IncomeCategory::Transfer);
        assert_eq!(row.amount(transfer), Some(2400.0));
        assert_eq!(row.amount(Field::ProductionCost(Identified)), Some(800.0));
        assert_eq!(row.amount(Field::OutOfPocket(Identified)), Some(1800.0));
        assert_eq!(
            row.amount(Field::PerCapitaIncome(Identified)),
            Some(8533.33)
        );
        assert_eq!(
            h.rigid_expenses[0].date,
            d(2025, 12, 31),
            "the year's last day"
        );
    }

    #[test]
    fn a_year_of_costs_alone_and_a_counted_payout_are_left_as_they_are() {
        let at = Taken {
            year: 2024,
            on: d(2024, 12, 31),
            sheet: d(2026, 1, 15),
        };
        let mut h = book();
        h.expenses.push(Expense {
            id: Some("e".into()),
            year: 2024,
            month: None,
            category: IncomeCategory::Business,
            item: "种子化肥".into(),
            amount: 600.0,
        });
        let row = IncomeRow::of(&h, Some(at), None);
        let mut cells = IncomeCells::default();
        for c in IncomeCategory::ALL {
            let f = Field::Income(Snapshot::Identified, *c);
            assert_eq!(
                row.amount(f),
                Some(0.0),
                "a year of costs is written with 0"
            );
            cells.set(f, row.amount(f));
        }
        cells.set(Field::Claims, row.amount(Field::Claims));
        cells.set(Field::ProductionCost(Snapshot::Identified), Some(600.0));
        let before = h.clone();
        apply(&mut h, Snapshot::Identified, &cells, at);
        assert_eq!(h, before, "our own columns change nothing");

        h.income.push(IncomeLine {
            id: Some("p".into()),
            year: 2024,
            month: None,
            category: IncomeCategory::Transfer,
            item: "养殖保险赔付".into(),
            amount: 900.0,
            counted: true,
        });
        assert_eq!(
            IncomeRow::of(&h, Some(at), None).amount(Field::Claims),
            Some(0.0),
            "a counted pay-out is income, not 理赔收入"
        );
        cells.claims = Some(300.0);
        cells.by_category = [None, None, None, Some(900.0)];
        apply(&mut h, Snapshot::Identified, &cells, at);
        assert!(
            h.income.iter().any(|l| l.id.as_deref() == Some("p")),
            "a new 理赔收入 leaves the counted line alone"
        );
    }

    #[test]
    fn a_sheet_dated_in_the_year_speaks_for_the_months_booked_by_then() {
        let mut h = book();
        h.monitoring = Some(monitored(d(2025, 1, 20), None));
        let at = taken(&h, Identified, d(2025, 1, 31)).unwrap();
        let row = IncomeRow::of(&h, Some(at), None);
        let wage = Field::Income(Identified, IncomeCategory::Wage);
        assert_eq!(row.amount(wage), Some(1000.0), "January's line only");
        let cells = IncomeCells {
            by_category: [Some(1000.0), None, None, None],
            ..IncomeCells::default()
        };
        let before = h.clone();
        apply(&mut h, Identified, &cells, at);
        assert_eq!(h, before, "February's line is not the sheet's to judge");
    }

    #[test]
    fn a_monitored_households_snapshots_are_of_identification_and_elimination() {
        let mut h = book();
        h.monitoring = Some(monitored(d(2023, 4, 15), Some(d(2025, 6, 20))));
        let on = d(2026, 1, 15);
        let at = taken(&h, Identified, on).unwrap();
        assert_eq!(
            at,
            Taken {
                year: 2023,
                on: d(2023, 4, 15),
                sheet: on
            }
        );
        assert!(
            !IncomeRow::of(&h, Some(at), None).booked,
            "2023 has no line"
        );
        let cells = IncomeCells {
            by_category: [Some(0.0), Some(0.0), None, None],
            out_of_pocket: Some(18000.0),
            ..IncomeCells::default()
        };
        apply(&mut h, Identified, &cells, at);
        let y2023: Vec<_> = h.income.iter().filter(|l| l.year == 2023).collect();
        assert_eq!(y2023.len(), 1, "a year of no income is booked as 0");
        assert_eq!(y2023[0].amount, 0.0);
        assert_eq!(h.rigid_expenses[0].date, d(2023, 4, 15));
        assert_eq!(h.rigid_expenses[0].kind, RigidKind::Medical);

        // After elimination: the book of 2025, with 理赔收入 kept but not counted.
        let after = taken(&h, Eliminated, on).unwrap();
        assert_eq!(after.year, 2025);
        let cells = IncomeCells {
            by_category: [Some(2500.0), None, None, None],
            claims: Some(5000.0),
            ..IncomeCells::default()
        };
        apply(&mut h, Eliminated, &cells, after);
        let claim = h.income.iter().find(|l| l.item == "理赔收入").unwrap();
        assert_eq!(
            (claim.year, claim.amount, claim.counted),
            (2025, 5000.0, false)
        );
        let row = IncomeRow::of(&h, Some(after), None);
        assert_eq!(row.amount(Field::Claims), Some(5000.0));
        assert_eq!(
            row.amount(Field::Income(Eliminated, IncomeCategory::Wage)),
            Some(2500.0),
            "the month lines that agree stay"
        );
        assert_eq!(
            h.income.iter().filter(|l| l.year == 2025).count(),
            4,
            "two month lines, the aid, the claim"
        );
    }
}
