//! Papers as Excel workbooks (.xlsx, rust_xlsxwriter): the roster and the inspector's list
//! with the same figures as their PDFs, in cells a township can sort and add up. Title on
//! row 1 (ending in `（一本通导出）`, how an export recognises a workbook it may replace),
//! the village and date on row 2, the header on row 3, data from row 4. Codes are text
//! cells (every digit kept), counts and money numbers. The workbook's metadata carries the
//! paper's date, never the clock.

use crate::{Error, Result};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, Worksheet, XlsxError};

/// The mark that ends the title of every workbook this program writes.
pub const EXPORT_MARK: &str = "（一本通导出）";

/// The header's row (0-based 2 = the third row, as in the monitoring system's sheets).
pub(crate) const HEADER: u32 = 2;

pub(crate) fn xlsx_error(e: XlsxError) -> Error {
    Error::Document(format!("生成Excel工作簿失败：{e}"))
}

/// A workbook dated `on` (its creation date in the metadata).
pub(crate) fn book(title: &str, on: NaiveDate) -> Result<Workbook> {
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(on.year() as u16, on.month() as u8, on.day() as u8)
        .map_err(xlsx_error)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(title)
            .set_author("一本通")
            .set_creation_datetime(&created),
    );
    Ok(book)
}

/// Cell formats of a paper.
pub(crate) struct Formats {
    pub bold: Format,
    pub text: Format,
    pub money: Format,
    pub percent: Format,
}

impl Formats {
    pub fn new() -> Formats {
        Formats {
            bold: Format::new().set_bold(),
            text: Format::new().set_num_format("@"),
            money: Format::new().set_num_format("#,##0.00"),
            percent: Format::new().set_num_format("0.00%"),
        }
    }
}

/// Names a sheet and writes its title (row 1), subtitle (row 2) and header (row 3) with
/// column widths; the header stays in view when scrolling.
pub(crate) fn heading(
    sheet: &mut Worksheet,
    name: &str,
    title: &str,
    subtitle: &str,
    columns: &[(&str, f64)],
    f: &Formats,
) -> Result<()> {
    sheet.set_name(name).map_err(xlsx_error)?;
    let last = columns.len().saturating_sub(1) as u16;
    sheet
        .merge_range(0, 0, 0, last, &format!("{title}{EXPORT_MARK}"), &f.bold)
        .map_err(xlsx_error)?;
    sheet
        .merge_range(1, 0, 1, last, subtitle, &Format::new())
        .map_err(xlsx_error)?;
    for (i, (name, width)) in columns.iter().enumerate() {
        sheet
            .write_string_with_format(HEADER, i as u16, *name, &f.bold)
            .map_err(xlsx_error)?;
        sheet
            .set_column_width(i as u16, *width)
            .map_err(xlsx_error)?;
    }
    sheet.set_freeze_panes(HEADER + 1, 0).map_err(xlsx_error)?;
    Ok(())
}

/// Writes text (an empty text leaves the cell empty).
pub(crate) fn text(sheet: &mut Worksheet, row: u32, col: u16, t: &str, f: &Formats) -> Result<()> {
    if !t.is_empty() {
        sheet
            .write_string_with_format(row, col, t, &f.text)
            .map_err(xlsx_error)?;
    }
    Ok(())
}

/// Writes a number with a format (none leaves the cell empty).
pub(crate) fn number(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    n: Option<f64>,
    format: Option<&Format>,
) -> Result<()> {
    match (n, format) {
        (Some(n), Some(fmt)) => sheet.write_number_with_format(row, col, n, fmt),
        (Some(n), None) => sheet.write_number(row, col, n),
        (None, _) => return Ok(()),
    }
    .map_err(xlsx_error)?;
    Ok(())
}
