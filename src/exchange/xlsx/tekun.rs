//! 特困人员救助供养金 (a member's 特困供养金 of the year) ⇄ the household's income book: the
//! book holds the household's 特困供养金 as counted 转移性收入 lines named 特困…; the export
//! shares them out among the members under 特困供养, and an import books the members' sum as
//! one such line, out of the year's other 转移性收入 when the sheet gives that too.

use super::columns::{Field, Snapshot};
use super::income::{booked, header, line, slot, taken, IncomeCells, Taken};
use crate::codes::IncomeCategory;
use crate::model::{Household, IncomeLine};
use chrono::NaiveDate;

/// Whether a line is of 特困供养金 (特困人员救助供养金 on the sheet): a counted 转移性收入 line
/// named 特困….
fn is_tekun(line: &IncomeLine) -> bool {
    line.counted && line.category == IncomeCategory::Transfer && line.item.contains("特困")
}

/// The 特困供养金 booked in a snapshot's year: what the sheet's 特困人员救助供养金 column
/// shares out among the members under 特困供养 (`write.rs`).
pub(super) fn paid(h: &Household, at: Taken) -> f64 {
    h.income
        .iter()
        .filter(|l| at.sees(l.year, l.month) && is_tekun(l))
        .map(|l| l.amount)
        .sum()
}

/// The 特困供养金 the sheet gives a household — `total`, the sum of its members'
/// 特困人员救助供养金, over `shares` members with an amount — laid over the book of the
/// identification snapshot's year, after the income columns (`apply_both`): the same to
/// the yuan each member's share is written in leaves the book alone; else the year's
/// 特困供养金 becomes one counted 转移性收入 line of the total, taken out of the year's other
/// 转移性收入 when the sheet gives that too (the allowance is part of it), so that neither
/// column's figure changes. An allowance over the sheet's 转移性收入 (beyond the shares'
/// rounding) — the system's own figures disagreeing — stays out of the book: the sheet's
/// 转移性收入 is what the engine reads, and the household's income is not changed. 0 on
/// every row says nothing and changes nothing.
pub(super) fn apply(
    h: &mut Household,
    total: f64,
    shares: usize,
    cells: &[IncomeCells; 2],
    on: NaiveDate,
) {
    let Some(at) = taken(h, Snapshot::Identified, on) else {
        return;
    };
    // 0 on every row says nothing: it is what the export writes for members not under
    // 特困供养, and where the book has no such line.
    if total == 0.0 {
        return;
    }
    // Each share is written in whole yuan: half a yuan each way is the same figure.
    let slack = 0.5 * shares.max(1) as f64;
    if (paid(h, at) - total).abs() <= slack {
        return;
    }
    let transfer = slot(IncomeCategory::Transfer);
    let given = match taken(h, Snapshot::Eliminated, on) {
        Some(after) if after.year == at.year && cells[1].by_category[transfer].is_some() => {
            cells[1].by_category[transfer]
        }
        _ => cells[0].by_category[transfer],
    };
    if given.is_some_and(|t| total > t + slack) {
        return;
    }
    // Shares rounded up may sum a little over the 转移性收入 that holds them.
    let total = given.map_or(total, |t| total.min(t));
    h.income
        .retain(|l| !(at.sees(l.year, l.month) && is_tekun(l)));
    let mut tekun = line(
        at.year,
        Snapshot::Identified,
        IncomeCategory::Transfer,
        total,
        true,
    );
    tekun.item = "特困供养金".into();
    h.income.push(tekun);
    let Some(given) = given else {
        return;
    };
    // The other 转移性收入 lines make up the rest of the sheet's figure: the one the import
    // wrote (named by its column) first, then the others in order.
    let generic = header(Field::Income(
        Snapshot::Identified,
        IncomeCategory::Transfer,
    ));
    let mut others: Vec<usize> = (0..h.income.len())
        .filter(|&i| {
            let l = &h.income[i];
            at.sees(l.year, l.month)
                && l.counted
                && l.category == IncomeCategory::Transfer
                && !is_tekun(l)
        })
        .collect();
    others.sort_by_key(|&i| h.income[i].item != generic);
    let mut excess = booked(h, at, IncomeCategory::Transfer) - given;
    if excess < -0.005 {
        match others.first() {
            Some(&i) => h.income[i].amount -= excess,
            None => h.income.push(line(
                at.year,
                Snapshot::Identified,
                IncomeCategory::Transfer,
                -excess,
                true,
            )),
        }
        return;
    }
    // The allowance fits (checked above): the other lines hold at least the excess.
    for i in others {
        let off = h.income[i].amount.min(excess.max(0.0));
        h.income[i].amount -= off;
        excess -= off;
    }
    h.income.retain(|l| {
        !(at.sees(l.year, l.month)
            && l.counted
            && l.category == IncomeCategory::Transfer
            && !is_tekun(l)
            && l.amount == 0.0)
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    /// A household not monitored: on a sheet of January 2025 its snapshot is the book of 2024.
    fn household() -> Household {
        Household {
            id: "h".into(),
            ..Household::default()
        }
    }

    fn transfer(amount: Option<f64>) -> [IncomeCells; 2] {
        let mut cells = [IncomeCells::default(), IncomeCells::default()];
        cells[0].set(
            Field::Income(Snapshot::Identified, IncomeCategory::Transfer),
            amount,
        );
        cells
    }

    /// (item, amount) of the counted lines of 2024, sorted.
    fn lines(h: &Household) -> Vec<(&str, f64)> {
        let mut out: Vec<_> = h
            .income
            .iter()
            .filter(|l| l.year == 2024 && l.counted)
            .map(|l| (l.item.as_str(), l.amount))
            .collect();
        out.sort_by(|a, b| a.0.cmp(b.0));
        out
    }

    /// A household whose sheet gives 转移性收入 `transfer` on `on`, its income columns read.
    fn read_with(transfer_given: f64, on: NaiveDate) -> (Household, [IncomeCells; 2]) {
        let mut h = household();
        let cells = transfer(Some(transfer_given));
        super::super::income::apply_both(&mut h, &cells, on);
        (h, cells)
    }

    #[test]
    fn the_allowance_is_booked_inside_the_transfer_income_and_read_again_changes_nothing() {
        let on = d(2025, 1, 15);
        let (mut h, cells) = read_with(10000.0, on);
        apply(&mut h, 7800.0, 1, &cells, on);
        assert_eq!(
            lines(&h),
            [("特困供养金", 7800.0), ("转移性收入", 2200.0)],
            "the sheet's 转移性收入 stays 10,000, of which 7,800 特困供养金"
        );
        let at = taken(&h, Snapshot::Identified, on).unwrap();
        assert_eq!(paid(&h, at), 7800.0);
        let before = h.clone();
        super::super::income::apply_both(&mut h, &cells, on);
        apply(&mut h, 7800.0, 1, &cells, on);
        assert_eq!(h, before, "the same sheet again changes nothing");
        // Two members sharing 7,801: each written 3,901 (whole yuan), read back as 7,802.
        apply(&mut h, 7801.0, 1, &cells, on);
        let shared = h.clone();
        apply(&mut h, 7802.0, 2, &cells, on);
        assert_eq!(h, shared, "the shares' rounding is no change");
        apply(&mut h, 7900.0, 2, &cells, on);
        assert_eq!(
            lines(&h),
            [("特困供养金", 7900.0), ("转移性收入", 2100.0)],
            "a new figure is one: the rest of the 转移性收入 makes up 10,000"
        );
    }

    #[test]
    fn without_the_transfer_column_the_allowance_alone_is_booked() {
        let on = d(2025, 1, 15);
        let mut h = household();
        apply(&mut h, 6000.0, 1, &transfer(None), on);
        assert_eq!(lines(&h), [("特困供养金", 6000.0)]);
        apply(&mut h, 0.0, 0, &transfer(None), on);
        assert_eq!(
            lines(&h),
            [("特困供养金", 6000.0)],
            "0 on every row (as written for members not under 特困供养) says nothing"
        );
    }

    #[test]
    fn an_allowance_over_the_transfer_income_stays_out_of_the_book() {
        let on = d(2025, 1, 15);
        let (mut h, cells) = read_with(3460.0, on);
        let before = h.clone();
        apply(&mut h, 7800.0, 1, &cells, on);
        assert_eq!(h, before, "the sheet's 转移性收入 stays the household's");
        // 3,461 shared by two is written 1,731 each: 3,462 over 3,461 is the rounding.
        let (mut h, cells) = read_with(3461.0, on);
        apply(&mut h, 3462.0, 2, &cells, on);
        assert_eq!(
            lines(&h),
            [("特困供养金", 3461.0)],
            "all of the 转移性收入, not over it"
        );
    }
}
