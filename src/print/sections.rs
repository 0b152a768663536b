//! Pieces shared by the household documents: formatting, the year's income sums, the
//! household's identity rows and the signature rows.

use super::table::{columns, Cell, Composer};
use super::CardContext;
use crate::codes::IncomeCategory;
use crate::model::Household;
use chrono::NaiveDate;

/// An amount in yuan with two decimals and thousands separators: `12,345.60`.
pub(crate) fn money(amount: f64) -> String {
    let cents = (amount * 100.0).round() as i64;
    let (sign, cents) = if cents < 0 {
        ("-", -cents)
    } else {
        ("", cents)
    };
    let yuan = (cents / 100).to_string();
    let mut grouped = String::new();
    for (i, c) in yuan.chars().enumerate() {
        if i > 0 && (yuan.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    format!("{sign}{grouped}.{:02}", cents % 100)
}

/// A number without needless decimals: `3`, `2.5`.
pub(crate) fn number(value: f64) -> String {
    let s = format!("{value:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// `2024-03-01`.
pub(crate) fn date(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// `2024年3月1日`.
pub(crate) fn date_cn(d: NaiveDate) -> String {
    d.format("%Y年%-m月%-d日").to_string()
}

/// An optional value as text; unrecorded prints empty (to fill by hand).
pub(crate) fn opt<T: ToString>(value: Option<T>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// The village's full name: province, county, township, village.
pub(crate) fn place(village: &crate::model::Village) -> String {
    [&village.province, &village.county, &village.township]
        .iter()
        .filter_map(|p| p.as_deref())
        .chain(std::iter::once(village.name.as_str()))
        .collect()
}

/// The household head's name (empty when none is recorded).
pub(crate) fn head_name(h: &Household) -> String {
    h.head().map(|m| m.name.clone()).unwrap_or_default()
}

/// The year's income book summed for the card.
pub(crate) struct IncomeSummary {
    /// Counted income per category, in `IncomeCategory::ALL` order.
    pub by_category: Vec<(IncomeCategory, f64)>,
    pub counted: f64,
    pub not_counted: f64,
    pub expenses: f64,
    pub net: f64,
    pub persons: usize,
    pub per_capita: Option<f64>,
}

impl IncomeSummary {
    /// Sums the household's book for the context's year; per capita from the context if given.
    pub fn of(ctx: &CardContext<'_>) -> IncomeSummary {
        let h = ctx.household;
        let year = ctx.year;
        let lines: Vec<_> = h.income.iter().filter(|l| l.year == year).collect();
        let by_category: Vec<(IncomeCategory, f64)> = IncomeCategory::ALL
            .iter()
            .map(|c| {
                (
                    *c,
                    lines
                        .iter()
                        .filter(|l| l.category == *c && l.counted)
                        .map(|l| l.amount)
                        .sum(),
                )
            })
            .collect();
        let counted: f64 = by_category.iter().map(|(_, a)| a).sum();
        let not_counted = lines.iter().filter(|l| !l.counted).map(|l| l.amount).sum();
        let expenses = h
            .expenses
            .iter()
            .filter(|e| e.year == year)
            .map(|e| e.amount)
            .sum();
        let net = counted - expenses;
        let persons = h.members_on(ctx.reference_date()).len();
        let per_capita = ctx
            .per_capita_income
            .or_else(|| (persons > 0).then(|| net / persons as f64));
        IncomeSummary {
            by_category,
            counted,
            not_counted,
            expenses,
            net,
            persons,
            per_capita,
        }
    }

    /// `高于标准 1,234.00 元` / `低于标准 …` against the year's line.
    pub fn against_line(&self, line: Option<&(f64, String)>) -> String {
        match (self.per_capita, line) {
            (Some(pc), Some((l, _))) if pc >= *l => format!("高于标准 {} 元", money(pc - l)),
            (Some(pc), Some((l, _))) => format!("低于标准 {} 元", money(l - pc)),
            _ => String::new(),
        }
    }
}

/// Two label/value pairs per row: widths of label, value, label, value.
pub(crate) fn pair_columns(c: &Composer<'_>) -> Vec<f32> {
    columns(c.width(), &[1.15, 2.0, 1.15, 2.0])
}

/// A row of two label/value pairs.
pub(crate) fn pair_row(c: &mut Composer<'_>, a: (&str, String), b: (&str, String)) {
    let w = pair_columns(c);
    c.row(
        vec![
            Cell::label(w[0], a.0),
            Cell::value(w[1], a.1),
            Cell::label(w[2], b.0),
            Cell::value(w[3], b.1),
        ],
        20.0,
    );
}

/// A label with one value across the rest of the row.
pub(crate) fn wide_row(c: &mut Composer<'_>, label: &str, value: Cell) {
    let w = pair_columns(c);
    let mut value = value;
    value.w = w[1] + w[2] + w[3];
    c.row(vec![Cell::label(w[0], label), value], 20.0);
}

/// Signature cells: pairs of (who signs, blank), two per row, the last pair being the date.
pub(crate) fn signatures(c: &mut Composer<'_>, signers: &[&str]) {
    let w = pair_columns(c);
    let mut cells: Vec<Cell> = Vec::new();
    let mut all: Vec<(String, Option<&str>)> = signers
        .iter()
        .map(|s| (format!("{s}\n（签字）"), None))
        .collect();
    all.push(("日期".to_string(), Some("　　　　年　　月　　日")));
    for (i, (who, fill)) in all.iter().enumerate() {
        let k = (i % 2) * 2;
        cells.push(Cell::label(w[k], who));
        cells.push(match fill {
            Some(text) => Cell::center(w[k + 1], *text),
            None => Cell::blank(w[k + 1]),
        });
        if cells.len() == 4 || i + 1 == all.len() {
            if cells.len() == 2 {
                cells[1].w = w[1] + w[2] + w[3];
            }
            c.row(std::mem::take(&mut cells), 38.0);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_groups_thousands() {
        assert_eq!(money(1234567.891), "1,234,567.89");
        assert_eq!(money(-5.5), "-5.50");
        assert_eq!(money(0.0), "0.00");
        assert_eq!(number(2.50), "2.5");
    }
}
