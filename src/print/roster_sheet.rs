//! 花名册 as a workbook: the PDF roster's rows (same `RosterContext`, the engine's
//! figures), a 合计 row, and the roster's summary lines (households and persons per
//! status, 贫困发生率 to 2020) below.

use super::roster::{summary, RosterContext};
use super::sections::{self as s, opt};
use super::workbook::{self as wb, xlsx_error, Formats, HEADER};
use crate::Result;

const COLUMNS: &[(&str, f64)] = &[
    ("序号", 6.0),
    ("户编号", 20.0),
    ("户主", 10.0),
    ("村民小组", 10.0),
    ("人口", 6.0),
    ("贫困户属性", 14.0),
    ("户状态", 10.0),
    ("主要致贫原因", 12.0),
    ("人均纯收入（元）", 16.0),
    ("帮扶责任人", 30.0),
];

/// The roster as .xlsx bytes.
pub fn roster_workbook(ctx: &RosterContext<'_>) -> Result<Vec<u8>> {
    let title = format!("{}{}年农户花名册", ctx.village.name, ctx.year);
    let mut book = wb::book(&title, ctx.printed_on)?;
    let f = Formats::new();
    let sheet = book.add_worksheet();
    wb::heading(
        sheet,
        "花名册",
        &title,
        &format!(
            "{}（村代码{}）　{}年　单位：户、人、元",
            s::place(ctx.village),
            ctx.village.code,
            ctx.year
        ),
        COLUMNS,
        &f,
    )?;
    let mut row = HEADER + 1;
    for (i, r) in ctx.rows.iter().enumerate() {
        wb::number(sheet, row, 0, Some((i + 1) as f64), None)?;
        wb::text(sheet, row, 1, &r.code, &f)?;
        wb::text(sheet, row, 2, &r.head, &f)?;
        wb::text(sheet, row, 3, &opt(r.group.as_ref()), &f)?;
        wb::number(sheet, row, 4, Some(f64::from(r.size)), None)?;
        wb::text(sheet, row, 5, &s::attribute_text(r.attribute, r.status), &f)?;
        wb::text(sheet, row, 6, &opt(r.status), &f)?;
        wb::text(sheet, row, 7, &opt(r.main_cause), &f)?;
        wb::number(sheet, row, 8, r.income_per_person, Some(&f.money))?;
        wb::text(sheet, row, 9, &r.cadres, &f)?;
        row += 1;
    }
    let persons: u32 = ctx.rows.iter().map(|r| r.size).sum();
    sheet
        .write_string_with_format(row, 0, "合计", &f.bold)
        .map_err(xlsx_error)?;
    sheet
        .write_string_with_format(row, 2, format!("{} 户", ctx.rows.len()), &f.bold)
        .map_err(xlsx_error)?;
    sheet
        .write_number_with_format(row, 4, f64::from(persons), &f.bold)
        .map_err(xlsx_error)?;
    row += 2;
    for line in summary(ctx) {
        sheet.write_string(row, 0, line).map_err(xlsx_error)?;
        row += 1;
    }
    book.save_to_buffer().map_err(xlsx_error)
}
