//! The first worksheet of a workbook as rows of cell text under a header: the header is
//! the row that names 户编号 among the first rows (row 3 in the monitoring system's
//! exports, after its title rows). Cells become text the way the cadre sees them
//! (`cell_text.rs`), a row's text kept in one string.

use super::cell_text::append;
use super::columns::{self, Field};
use crate::validate::{Finding, Severity};
use crate::{Error, Result};
use calamine::{Data, Reader, Xlsx};
use std::sync::atomic::{AtomicU64, Ordering};

/// Where the header is looked for (the real exports have it on row 3).
const HEADER_SEARCH_ROWS: usize = 10;

/// A data row: its 1-based row number in the sheet and the text of each known column, in
/// the header's order (a county's sheet holds hundreds of thousands: kept compact, the
/// cells' text in one string, not a string each).
pub(super) struct Row {
    pub number: u32,
    /// The cells' text one after another; an unreadable cell's is why it cannot be read.
    text: Box<str>,
    /// Where each cell ends in `text` (it begins where the one before ends), and whether
    /// it is unreadable.
    ends: Box<[(u32, bool)]>,
    /// Where each known column's cell is in `ends` (one map for the whole sheet).
    slots: std::sync::Arc<foldhash::HashMap<Field, usize>>,
}

impl Row {
    /// The trimmed text of a column (`None`: empty or not in the sheet).
    pub fn text(&self, field: Field) -> Result<Option<&str>, String> {
        let Some(&i) = self.slots.get(&field) else {
            return Ok(None);
        };
        let start = i.checked_sub(1).map_or(0, |b| self.ends[b].0 as usize);
        let (end, unreadable) = self.ends[i];
        let t = &self.text[start..end as usize];
        match unreadable {
            true => Err(t.to_string()),
            false if t.is_empty() => Ok(None),
            false => Ok(Some(t)),
        }
    }
}

/// What the title rows and the header say of a sheet: the same for every village of it.
#[derive(Clone)]
pub(super) struct Head {
    pub header_row: u32,
    /// The date the title rows give (`人员截至2025-12-31`, as our exports write it).
    pub dated: Option<chrono::NaiveDate>,
    pub present: Vec<Field>,
    /// The same, to ask of every row (`has`).
    pub known: foldhash::HashSet<Field>,
}

/// The sheet (or one village's part of it): its head, and its data rows (empty rows left out).
pub(super) struct Sheet {
    pub head: Head,
    pub rows: Vec<Row>,
}

impl Sheet {
    pub fn has(&self, field: Field) -> bool {
        self.head.known.contains(&field)
    }
}

/// A finding at a cell: `第7行“在校生状况”：message`.
pub(super) fn at(row: u32, field: Field, message: String) -> Finding {
    Finding {
        severity: Severity::Error,
        household: String::new(),
        path: format!("第{row}行“{}”", columns::of(field).header),
        rule: "xlsx.cell".into(),
        message,
    }
}

/// What the reading thread hands on: a cell of a column kept (every column until the
/// header is known), or that a row holds something in a column not read.
enum Got {
    Cell(u32, u32, Data),
    Filled(u32),
}

/// Cells handed on at a time.
const BATCH: usize = 4096;

/// The columns the rows below the header keep, once the header is found: read (a set) and
/// the rows' running numbers.
type Kept = (ColumnSet, Vec<u32>);

/// A set of columns by their 0-based number, asked of every cell of a county's sheet: a
/// look-up by index, not a hash (a sheet has a few hundred columns at most).
#[derive(Clone, Default)]
struct ColumnSet(Vec<bool>);

impl ColumnSet {
    fn contains(&self, column: &u32) -> bool {
        self.0.get(*column as usize).copied().unwrap_or(false)
    }
}

impl FromIterator<u32> for ColumnSet {
    fn from_iter<I: IntoIterator<Item = u32>>(columns: I) -> Self {
        let mut set = Vec::new();
        for c in columns {
            let c = c as usize;
            if set.len() <= c {
                set.resize(c + 1, false);
            }
            set[c] = true;
        }
        ColumnSet(set)
    }
}

/// Reads the first worksheet of an .xlsx workbook, cell by cell as the file holds them (a
/// county's sheet is never held whole: only the known columns of each row are kept).
/// `read_so_far` is told, row by row, how many bytes of the file have been read.
pub(super) fn read(bytes: &[u8], read_so_far: &mut dyn FnMut(u64)) -> Result<Sheet> {
    let mut rows = Vec::new();
    let at = AtomicU64::new(0);
    let head = stream(bytes, &at, |_, row| {
        rows.push(row);
        read_so_far(at.load(Ordering::Relaxed));
        Ok(())
    })?;
    Ok(Sheet { head, rows })
}

/// Reads the first worksheet as `read` does, handing each data row to `each` as soon as it
/// is read (an error from `each` stops the reading), and returns the sheet's head; `at`
/// follows how many bytes of the file have been read. The file is decoded on a thread of
/// its own while this one makes the rows. That thread keeps its priority, unlike the other
/// helpers of an import (`exchange::give_way`): beside the import of a county's workbook
/// it is the longest thread, the one the run waits for (docs/benchmarks.md, twelfth round).
pub(super) fn stream(
    bytes: &[u8],
    at: &AtomicU64,
    each: impl FnMut(&Head, Row) -> Result<()>,
) -> Result<Head> {
    if super::is_old_workbook(bytes) {
        return stream_old(bytes, at, each);
    }
    let file = Counted {
        file: std::io::Cursor::new(bytes),
        at,
    };
    let mut book: Xlsx<_> = Xlsx::new(file).map_err(|e| not_readable(".xlsx", &e))?;
    let name = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| Error::Format("工作簿中没有工作表".into()))?;
    let kept: std::sync::OnceLock<Kept> = std::sync::OnceLock::new();
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel::<Result<Vec<Got>>>(16);
        let kept = &kept;
        scope.spawn(move || {
            let sent = decode(&mut book, &name, kept, &send);
            if let Err(e) = sent {
                let _ = send.send(Err(e));
            }
        });
        rows(receive, kept, each)
    })
}

/// Why a workbook cannot be opened, in the cadre's words first (the reader's own after).
pub(super) fn not_readable(kind: &str, e: &dyn std::fmt::Display) -> Error {
    Error::Format(format!(
        "无法打开这个Excel工作簿（{kind}）：文件可能已损坏，或并不是Excel文件。\
         请用Excel或WPS打开它，另存为“Excel工作簿（.xlsx）”后再导入（详情：{e}）"
    ))
}

/// `stream` of an Excel 97–2003 workbook (.xls, as older copies of Excel and WPS save it):
/// its first sheet read whole (such a sheet holds at most 65,536 rows), then its cells made
/// into rows as a workbook's are.
fn stream_old(
    bytes: &[u8],
    at: &AtomicU64,
    each: impl FnMut(&Head, Row) -> Result<()>,
) -> Result<Head> {
    let unreadable = |e: calamine::XlsError| not_readable(".xls", &e);
    let mut book = calamine::Xls::new(std::io::Cursor::new(bytes)).map_err(unreadable)?;
    let name = book
        .sheet_names()
        .first()
        .cloned()
        .ok_or_else(|| Error::Format("工作簿中没有工作表".into()))?;
    let range = book.worksheet_range(&name).map_err(unreadable)?;
    at.store(bytes.len() as u64, Ordering::Relaxed);
    let (top, left) = range.start().unwrap_or_default();
    let (send, receive) = std::sync::mpsc::channel::<Result<Vec<Got>>>();
    let cells = range
        .used_cells()
        .map(|(r, c, data)| Got::Cell(top + r as u32, left + c as u32, data.clone()))
        .collect();
    let _ = send.send(Ok(cells));
    drop(send);
    rows(receive, &std::sync::OnceLock::new(), each)
}

/// The workbook's bytes as the reader takes them, keeping `at` at how far it has read (the
/// sheet is most of the file, read from its start to its end).
struct Counted<'a> {
    file: std::io::Cursor<&'a [u8]>,
    at: &'a AtomicU64,
}

impl std::io::Read for Counted<'_> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = std::io::Read::read(&mut self.file, buf)?;
        self.at.store(self.file.position(), Ordering::Relaxed);
        Ok(n)
    }
}

impl std::io::Seek for Counted<'_> {
    fn seek(&mut self, to: std::io::SeekFrom) -> std::io::Result<u64> {
        std::io::Seek::seek(&mut self.file, to)
    }
}

/// Decodes the sheet's cells in order and hands them on in batches; below the header only
/// the columns read, the others as whether they fill their row.
fn decode<RS: std::io::Read + std::io::Seek>(
    book: &mut Xlsx<RS>,
    name: &str,
    kept: &std::sync::OnceLock<Kept>,
    send: &std::sync::mpsc::SyncSender<Result<Vec<Got>>>,
) -> Result<()> {
    let unreadable = |e: calamine::XlsxError| Error::Format(format!("无法读取第一个工作表：{e}"));
    let mut cells = book.worksheet_cells_reader(name).map_err(unreadable)?;
    let mut batch = Vec::with_capacity(BATCH);
    while let Some(cell) = cells.next_cell().map_err(unreadable)? {
        let (r, c) = cell.get_position();
        match kept.get() {
            Some((read, _)) if read.contains(&c) => {
                batch.push(Got::Cell(r, c, Data::from(cell.get_value().clone())))
            }
            Some((_, numbering)) => {
                if !numbering.contains(&c) && !is_blank_ref(cell.get_value()) {
                    batch.push(Got::Filled(r));
                }
            }
            None => batch.push(Got::Cell(r, c, Data::from(cell.get_value().clone()))),
        }
        if batch.len() >= BATCH && send.send(Ok(std::mem::take(&mut batch))).is_err() {
            return Ok(()); // the rows stopped on an error of their own
        }
    }
    if !batch.is_empty() {
        let _ = send.send(Ok(batch));
    }
    Ok(())
}

/// The sheet's rows from the cells handed on, each to `each`; the sheet's head.
fn rows(
    receive: std::sync::mpsc::Receiver<Result<Vec<Got>>>,
    kept: &std::sync::OnceLock<Kept>,
    mut each: impl FnMut(&Head, Row) -> Result<()>,
) -> Result<Head> {
    let mut built = Built::default();
    let mut row: Vec<(u32, Data)> = Vec::new();
    // Whether a cell of a column not read fills the row (see `Built::row`).
    let mut filled = false;
    let mut at: Option<u32> = None;
    for batch in receive {
        for got in batch? {
            let r = match &got {
                Got::Cell(r, _, _) | Got::Filled(r) => *r,
            };
            if at != Some(r) {
                if let Some(done) = at {
                    built.row(done, std::mem::take(&mut row), filled, &mut each)?;
                    // The header found: the decoder keeps only its columns from now on.
                    if let (None, Some(h)) = (kept.get(), &built.header) {
                        let _ = kept.set((h.read.clone(), h.numbering.clone()));
                    }
                }
                at = Some(r);
                filled = false;
            }
            match got {
                Got::Filled(_) => filled = true,
                // Below the header only the columns read are kept (an export has ~180).
                Got::Cell(_, c, data) => match &built.header {
                    Some(h) if !h.read.contains(&c) => {
                        filled |= !h.numbering.contains(&c) && !is_blank(&data);
                    }
                    _ => row.push((c, data)),
                },
            }
        }
    }
    if let Some(done) = at {
        built.row(done, row, filled, &mut each)?;
    }
    built.finish()
}

/// The sheet as far as it has been read: the title rows' text until the header is found,
/// then the header and the head.
#[derive(Default)]
struct Built {
    /// The first row with a cell (0-based): the header is looked for in the ten from it.
    first: Option<u32>,
    titles: Vec<String>,
    header: Option<Header>,
    head: Option<Head>,
    /// The length of the last data row's text.
    row_text: usize,
}

/// The header row: its 1-based number, the known columns (field, 0-based column) and the
/// columns of the rows' running number.
struct Header {
    row: u32,
    index: Vec<(Field, u32)>,
    /// The columns of `index`.
    read: ColumnSet,
    slots: std::sync::Arc<foldhash::HashMap<Field, usize>>,
    numbering: Vec<u32>,
}

/// Why a sheet without its header is refused.
fn no_header() -> Error {
    Error::Format(format!(
        "第{}行应为表头（含“户编号”“姓名”等列），在前{HEADER_SEARCH_ROWS}行中未找到“户编号”",
        columns::HEADER_ROW
    ))
}

impl Built {
    /// One row of the sheet (0-based `r`), its cells by column in order (below the header,
    /// of the columns read; `filled`: a cell of another column holds something); a data
    /// row goes to `each`.
    fn row(
        &mut self,
        r: u32,
        cells: Vec<(u32, Data)>,
        filled: bool,
        each: &mut impl FnMut(&Head, Row) -> Result<()>,
    ) -> Result<()> {
        let first = *self.first.get_or_insert(r);
        let (Some(header), Some(head)) = (&self.header, &self.head) else {
            if r >= first + HEADER_SEARCH_ROWS as u32 {
                return Err(no_header());
            }
            let names_household_code = cells.iter().any(|(_, c)| {
                columns::by_header(&c.to_string()).map(|c| c.field) == Some(Field::HouseholdCode)
            });
            if names_household_code {
                let header = header_of(r + 1, &cells)?;
                self.head = Some(Head {
                    header_row: header.row,
                    dated: self.titles.iter().find_map(|t| dated(t)),
                    present: header.index.iter().map(|(f, _)| *f).collect(),
                    known: header.index.iter().map(|(f, _)| *f).collect(),
                });
                self.header = Some(header);
            } else {
                self.titles.extend(cells.iter().map(|(_, c)| c.to_string()));
            }
            return Ok(());
        };
        // A row that only looks filled (spaces, or a 序号 and nothing else) is a blank row.
        let filled = filled
            || cells
                .iter()
                .any(|(c, d)| !header.numbering.contains(c) && !is_blank(d));
        if !filled {
            return Ok(());
        }
        let at = |col: u32| {
            cells
                .binary_search_by_key(&col, |(c, _)| *c)
                .map_or(&Data::Empty, |i| &cells[i].1)
        };
        // As long as the row before (a sheet's rows are alike): grown once at most.
        let mut text = String::with_capacity(self.row_text + 16);
        let mut ends = Vec::with_capacity(header.index.len());
        for (_, col) in &header.index {
            let unreadable = match append(at(*col), &mut text) {
                Ok(()) => false,
                Err(why) => {
                    text.push_str(&why);
                    true
                }
            };
            let end = u32::try_from(text.len())
                .map_err(|_| Error::Format(format!("第{}行的内容过长，无法读取", r + 1)))?;
            ends.push((end, unreadable));
        }
        self.row_text = text.len();
        let row = Row {
            number: r + 1,
            text: text.into_boxed_str(),
            ends: ends.into_boxed_slice(),
            slots: header.slots.clone(),
        };
        each(head, row)
    }

    fn finish(self) -> Result<Head> {
        self.head.ok_or_else(no_header)
    }
}

/// The header row (1-based `number`): which known column is where. A repeated header (风险是否已
/// 消除 appears twice in some exports) counts the first time; a column we only write is
/// not read at all. 村, 户编号 and 姓名 are required.
fn header_of(number: u32, cells: &[(u32, Data)]) -> Result<Header> {
    let mut index: Vec<(Field, u32)> = Vec::new();
    for (col, cell) in cells {
        if let Some(c) = columns::by_header(&cell.to_string()) {
            if !columns::written_only(c.field) && !index.iter().any(|(f, _)| *f == c.field) {
                index.push((c.field, *col));
            }
        }
    }
    let mut missing = Vec::new();
    for need in [Field::Village, Field::HouseholdCode, Field::Name] {
        if !index.iter().any(|(f, _)| *f == need) {
            missing.push(format!("“{}”", columns::of(need).header));
        }
    }
    if !missing.is_empty() {
        return Err(Error::Format(format!(
            "第{number}行（表头）缺少{}列",
            missing.join("、")
        )));
    }
    let numbering = cells
        .iter()
        .filter(|(_, c)| is_numbering(&c.to_string()))
        .map(|(col, _)| *col)
        .collect();
    let slots = index
        .iter()
        .enumerate()
        .map(|(i, (f, _))| (*f, i))
        .collect();
    Ok(Header {
        row: number,
        read: index.iter().map(|(_, c)| *c).collect(),
        index,
        slots: std::sync::Arc::new(slots),
        numbering,
    })
}

/// Whether a header is the rows' running number (序号), which alone does not make a row.
fn is_numbering(header: &str) -> bool {
    header
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect::<String>()
        == "序号"
}

/// `is_blank` of a cell as the reader gives it.
fn is_blank_ref(cell: &calamine::DataRef<'_>) -> bool {
    use calamine::DataRef as D;
    match cell {
        D::Empty => true,
        D::String(s) => s.trim().is_empty(),
        D::SharedString(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// Whether a cell is empty, or holds nothing but spaces.
fn is_blank(cell: &Data) -> bool {
    match cell {
        Data::Empty => true,
        Data::String(s) => s.trim().is_empty(),
        _ => false,
    }
}

/// The date a title row names after `人员截至` (`…  人员截至2025-12-31`).
fn dated(title: &str) -> Option<chrono::NaiveDate> {
    let (_, rest) = title.split_once(DATED)?;
    let date: String = rest.chars().take(10).collect();
    chrono::NaiveDate::parse_from_str(&date, "%Y-%m-%d").ok()
}

/// What our exports write before the date of the members they list (row 2).
pub(super) const DATED: &str = "人员截至";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rows_cells_keep_their_own_text_empty_or_error() {
        let s = |t: &str| Data::String(t.into());
        let header = [s("户编号"), s("村"), s("姓名"), s("证件号码"), s("性别")];
        let mut built = Built::default();
        let mut rows = Vec::new();
        let mut each = |_: &Head, row: Row| {
            rows.push(row);
            Ok(())
        };
        built
            .row(
                2,
                header
                    .into_iter()
                    .enumerate()
                    .map(|(c, d)| (c as u32, d))
                    .collect(),
                false,
                &mut each,
            )
            .unwrap();
        let cells = vec![
            (0, s(" 522729100201000１ ")),
            (1, s("石洞村")),
            // 姓名 left empty; 证件号码 a number Excel has cut; 性别 as 1.
            (3, Data::Float(522729196804051300.0)),
            (4, Data::Float(1.0)),
        ];
        built.row(3, cells, false, &mut each).unwrap();
        let row = &rows[0];
        assert_eq!(row.number, 4);
        assert_eq!(row.text(Field::HouseholdCode), Ok(Some("5227291002010001")));
        assert_eq!(row.text(Field::Village), Ok(Some("石洞村")));
        assert_eq!(row.text(Field::Name), Ok(None));
        assert!(row.text(Field::IdNumber).unwrap_err().contains("超过15位"));
        assert_eq!(row.text(Field::Sex), Ok(Some("1")));
        assert_eq!(
            row.text(Field::County),
            Ok(None),
            "a column the sheet lacks"
        );
    }

    #[test]
    fn a_long_sheets_rows_read_once_the_header_is_known_keep_their_cells_and_errors() {
        // More cells than the decoding thread may hand on before the header is known (16
        // batches of 4,096): the later ones it hands on of the columns read only.
        let mut book = rust_xlsxwriter::Workbook::new();
        let sheet = book.add_worksheet();
        for (c, h) in ["户编号", "村", "姓名", "证件号码", "性别"]
            .iter()
            .enumerate()
        {
            sheet.write_string(2, c as u16, *h).unwrap();
        }
        const ROWS: u32 = 30_000;
        for i in 0..ROWS {
            let r = 3 + i;
            sheet
                .write_string(r, 0, format!("522729100201{:04}", i / 3))
                .unwrap();
            sheet.write_string(r, 1, " 石洞村 ").unwrap();
            if i % 7 != 0 {
                sheet.write_string(r, 2, format!("人{i}")).unwrap();
            }
            sheet.write_number(r, 4, f64::from(1 + i % 2)).unwrap();
        }
        sheet
            .write_number(3 + ROWS - 1, 3, 522729196804051300.0)
            .unwrap();
        let bytes = book.save_to_buffer().unwrap();
        let read = read(&bytes, &mut |_| {}).unwrap();
        assert_eq!(read.rows.len(), ROWS as usize);
        for (i, row) in (0..).zip(&read.rows) {
            assert_eq!(row.number, 4 + i);
            let code = format!("522729100201{:04}", i / 3);
            assert_eq!(row.text(Field::HouseholdCode), Ok(Some(code.as_str())));
            assert_eq!(row.text(Field::Village), Ok(Some("石洞村")));
            let name = (i % 7 != 0).then(|| format!("人{i}"));
            assert_eq!(row.text(Field::Name), Ok(name.as_deref()));
            let sex = (1 + i % 2).to_string();
            assert_eq!(row.text(Field::Sex), Ok(Some(sex.as_str())));
        }
        let last = read.rows.last().unwrap();
        assert!(last.text(Field::IdNumber).unwrap_err().contains("超过15位"));
        assert_eq!(read.rows[0].text(Field::IdNumber), Ok(None));
    }

    #[test]
    fn the_title_rows_date_is_read() {
        let d = chrono::NaiveDate::from_ymd_opt(2025, 12, 30);
        assert_eq!(
            dated("长顺县广顺镇石洞村（村代码522729100201）  人员截至2025-12-30"),
            d
        );
        assert_eq!(dated("监测对象信息"), None);
        assert_eq!(dated("人员截至2025年"), None);
    }
}
