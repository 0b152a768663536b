//! Pieces shared by the household documents: formatting, the year's income sums, the
//! household's identity rows and the signature rows.

use super::table::{columns, Cell, Composer};
use super::CardContext;
use crate::codes::{Attribute, Status};
use crate::model::Household;
use crate::rules::IncomeFigures;
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
    // `+ 0.0` turns an empty sum's -0.0 into 0.
    let s = format!("{:.2}", value + 0.0);
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

/// The household's address with its township and village: the village's full name and
/// group before the recorded address, unless the address already names the village.
pub(crate) fn full_address(ctx: &CardContext<'_>) -> String {
    let h = ctx.household;
    let address = h.address.as_deref().unwrap_or("").trim();
    if !address.is_empty() && address.contains(ctx.village.name.as_str()) {
        return address.to_string();
    }
    // An address that names the county but not the village ("江西省赣州市全南县一组老屋"):
    // keep what follows the county (or township) and put the full place before it.
    let v = ctx.village;
    let address = [v.township.as_deref(), v.county.as_deref()]
        .into_iter()
        .flatten()
        .find_map(|name| address.rfind(name).map(|i| &address[i + name.len()..]))
        .unwrap_or(address);
    let group = h
        .group
        .as_deref()
        .filter(|g| !address.contains(*g))
        .unwrap_or("");
    format!("{}{group}{address}", place(ctx.village))
}

/// 贫困户属性 as printed: after exit the labels read 一般脱贫户, 低保脱贫户, 特困供养脱贫户.
pub fn attribute_text(attribute: Option<Attribute>, status: Option<Status>) -> String {
    let Some(a) = attribute else {
        return String::new();
    };
    let exited = matches!(
        status,
        Some(Status::Exited | Status::Monitored | Status::RiskEliminated)
    );
    match (a, exited) {
        (Attribute::General, true) => "一般脱贫户",
        (Attribute::Dibao, true) => "低保脱贫户",
        (Attribute::Tekun, true) => "特困供养脱贫户",
        (a, false) => a.label(),
    }
    .to_string()
}

/// The household head's name (empty when none is recorded).
pub(crate) fn head_name(h: &Household) -> String {
    h.head().map(|m| m.name.clone()).unwrap_or_default()
}

/// The year's income figures from the rules engine, if the caller assessed the year.
pub(crate) fn figures<'c>(ctx: &'c CardContext<'_>) -> Option<&'c IncomeFigures> {
    ctx.income.as_ref()
}

/// An amount with its unit, `1,234.00 元` (line breaking keeps the two together).
pub(crate) fn yuan(amount: f64) -> String {
    format!("{} 元", money(amount))
}

/// `高于标准 1,234.00 元` / `低于标准 …`: the engine's per-capita income against the line.
pub(crate) fn against_line(per_capita: Option<f64>, line: Option<&(f64, String)>) -> String {
    match (per_capita, line) {
        (Some(pc), Some((l, _))) if pc >= *l => format!("高于标准 {}", yuan(pc - l)),
        (Some(pc), Some((l, _))) => format!("低于标准 {}", yuan(l - pc)),
        _ => String::new(),
    }
}

/// Two label/value pairs per row: widths of label, value, label, value.
pub(crate) fn pair_columns(c: &Composer<'_>) -> Vec<f32> {
    columns(c.width(), &[1.15, 2.0, 1.15, 2.0])
}

/// A row of two label/value pairs.
pub(crate) fn pair_row(c: &mut Composer<'_>, a: (&str, String), b: (&str, String)) {
    pair_row_of(c, a, b, 20.0);
}

/// A row of two label/value pairs at least `min_h` high.
pub(crate) fn pair_row_of(c: &mut Composer<'_>, a: (&str, String), b: (&str, String), min_h: f32) {
    let w = pair_columns(c);
    c.row(
        vec![
            Cell::label(w[0], a.0),
            Cell::value(w[1], a.1),
            Cell::label(w[2], b.0),
            Cell::value(w[3], b.1),
        ],
        min_h,
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
