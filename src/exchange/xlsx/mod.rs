//! The national monitoring system's person-level Excel sheet (监测对象信息), in and out:
//! a workbook is read into a `VillageDocument` and imported through the one exchange
//! path (`import_document_at`: validation, one transaction, audit), and a village is
//! written in the same layout. Columns and how they map: `columns.rs` and `docs/excel.md`.
//! The 已外出务工 sheet (spells of work) is written beside it and read when present
//! (`work_sheet.rs`); the income columns are snapshots of the income book (`income.rs`);
//! the 帮扶措施 columns are the measures of the year, and add measures when read
//! (`measures.rs`). Out of scope: the income and other sheets.

mod agree;
mod cell_text;
mod columns;
mod income;
mod measures;
mod place;
mod read;
mod several;
mod sheet;
mod streamed;
#[cfg(test)]
mod streamed_tests;
mod tekun;
#[cfg(test)]
mod tests;
mod values;
mod villages;
mod work_sheet;
mod write;

use super::ImportSummary;
use crate::model::VillageDocument;
use crate::store::Ledger;
use crate::validate::Finding;
use crate::{Error, Result};
use chrono::NaiveDate;
use columns::{Level, COLUMNS};
use read::{Base, Placed};
pub use several::import_files;

/// Whether a file is an Excel workbook: by its name (.xlsx, or .xls as Excel 97–2003 and
/// older copies of WPS save it), or by the signature it starts with (a zip; an OLE file).
pub fn is_workbook(name: &str, bytes: &[u8]) -> bool {
    let name = name.to_lowercase();
    name.ends_with(".xlsx")
        || name.ends_with(".xls")
        || bytes.starts_with(b"PK\x03\x04")
        || is_old_workbook(bytes)
}

/// Whether the bytes are an OLE compound file, the container of an Excel 97–2003 workbook.
fn is_old_workbook(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])
}

/// Reads a workbook of one village into a village document over what the ledger holds of
/// that village (see `read`), its facts as of `on`; every unreadable cell is an error
/// `第7行“在校生状况”：…`, and so is a workbook of several villages.
pub fn read_document(ledger: &Ledger, bytes: &[u8], on: NaiveDate) -> Result<VillageDocument> {
    let (mut read, mut errors) = read_villages(ledger, bytes, on, &mut Reported::quiet())?;
    for r in &read {
        errors.extend(r.errors.iter().cloned());
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    if read.len() != 1 {
        return Err(Error::Invalid(format!(
            "工作簿中有{}个村：请用“导入”，每个村一并导入",
            read.len()
        )));
    }
    Ok(read.remove(0).doc)
}

/// One village of a workbook: its document as far as the sheet could be read, where its
/// rows are, and every cell of it that could not be read.
struct Read {
    doc: VillageDocument,
    placed: Placed,
    errors: Vec<Finding>,
}

/// Every village of a workbook (one for a village's own export; a township's or county's
/// lists several, `villages.rs`), and the errors of the workbook as a whole (codes that
/// disagree with the names, the 已外出务工 sheet).
fn read_villages(
    ledger: &Ledger,
    bytes: &[u8],
    on: NaiveDate,
    reported: &mut Reported,
) -> Result<(Vec<Read>, Vec<Finding>)> {
    let mut read_so_far = |at| reported.at(Reported::READ * at / bytes.len().max(1) as u64);
    let (sheets, mut whole) = villages::split(sheet::read(bytes, &mut read_so_far)?);
    let mut out = Vec::new();
    for sheet in sheets {
        let (named, mut errors) = read::village(&sheet);
        let base = if named.code.is_empty() {
            Base::default()
        } else {
            base(ledger, &named.code)?
        };
        // The income columns are of the sheet's own date where its title rows give one
        // (our exports do), else of the date the import takes the facts from.
        let dated = sheet.head.dated.unwrap_or(on);
        let (doc, placed, cells) = read::document(&sheet, named, base, dated);
        errors.extend(cells);
        out.push(Read {
            doc,
            placed,
            errors,
        });
    }
    let mut docs: Vec<&mut VillageDocument> = out.iter_mut().map(|r| &mut r.doc).collect();
    whole.extend(work_sheet::apply(bytes, &mut docs)?);
    // A cell that could not be read leaves its field empty, which a later check of the
    // same cell would report again: the first says what is wrong.
    let mut named = std::collections::HashSet::new();
    for r in &mut out {
        r.errors.retain(|f| named.insert(f.path.clone()));
    }
    whole.retain(|f| named.insert(f.path.clone()));
    Ok((out, whole))
}

/// Every error of a workbook some of whose cells could not be read: those cells, and what
/// validating the rest finds in other cells (a cell already at fault is not named twice,
/// nor are the village's fields, which its cells already explain), in row order.
fn all_errors(
    mut doc: VillageDocument,
    placed: &Placed,
    cells: Vec<Finding>,
    today: NaiveDate,
) -> Vec<Finding> {
    for h in &mut doc.households {
        h.assign_missing_ids();
    }
    let mut found = super::check_document(&doc, today);
    found.extend(super::ids::duplicates(&doc));
    let more: Vec<Finding> = crate::validate::errors_only(&found)
        .into_iter()
        .filter(|f| f.path.starts_with("households["))
        .map(|f| locate(f, placed))
        .filter(|f| !cells.iter().any(|c| c.path == f.path))
        .collect();
    let mut all = cells;
    all.extend(more);
    all.sort_by_key(row_of);
    all
}

/// What the ledger holds of a village (nothing if it is new).
fn base(ledger: &Ledger, code: &str) -> Result<Base> {
    match super::export_village(ledger, code) {
        Ok(doc) => Ok(Base {
            village: Some(doc.village),
            cadres: doc.cadres,
            households: doc
                .households
                .into_iter()
                .map(|h| (h.code.clone(), h))
                .collect(),
        }),
        Err(Error::NotFound(_)) => Ok(Base::default()),
        Err(e) => Err(e),
    }
}

/// Reads and imports a workbook: all of it or nothing, like an exchange file. Validation
/// errors name the row and column of the cell at fault.
pub fn import_bytes_at(
    ledger: &mut Ledger,
    bytes: &[u8],
    source: &str,
    today: NaiveDate,
    effective: NaiveDate,
) -> Result<Vec<ImportSummary>> {
    import_bytes_with(
        ledger,
        bytes,
        source,
        today,
        effective,
        super::NewVillage::Create,
    )
}

/// `import_bytes_at` with what to do about a village the ledger does not have. A workbook
/// of several villages imports them all in one transaction, or none.
pub fn import_bytes_with(
    ledger: &mut Ledger,
    bytes: &[u8],
    source: &str,
    today: NaiveDate,
    effective: NaiveDate,
    new_village: super::NewVillage,
) -> Result<Vec<ImportSummary>> {
    let mut quiet = |_, _| {};
    let how = (today, effective, new_village);
    import_bytes_reporting(ledger, bytes, source, how, &mut quiet)
}

/// `import_bytes_with` (its dates and what to do about a new village as `how`), telling
/// `progress` how far it has come, in thousandths (done, 1000), as it goes.
pub fn import_bytes_reporting(
    ledger: &mut Ledger,
    bytes: &[u8],
    source: &str,
    how: (NaiveDate, NaiveDate, super::NewVillage),
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<ImportSummary>> {
    let mut reported = Reported::new(progress);
    // A county's workbook is imported as it is read when it can be; else read whole.
    let streamed = streamed::import(ledger, bytes, source, how, &mut reported);
    match streamed {
        Some(done) => Ok(done),
        None => import_whole(ledger, bytes, source, how, &mut reported),
    }
}

/// How far an import has come, in thousandths, told to a `progress` once each and only
/// forward (a workbook read as it comes that must then be read whole does not move the bar
/// back: it waits there until the reading whole has passed it).
pub(super) struct Reported<'p> {
    progress: Option<&'p mut dyn FnMut(usize, usize)>,
    last: Option<u64>,
}

impl<'p> Reported<'p> {
    /// The thousandths a workbook read whole reaches once read (its writing is the rest).
    pub const READ: u64 = 500;

    pub fn new(progress: &'p mut dyn FnMut(usize, usize)) -> Self {
        Reported {
            progress: Some(progress),
            last: None,
        }
    }

    /// Told to nobody.
    pub fn quiet() -> Self {
        Reported {
            progress: None,
            last: None,
        }
    }

    /// `at` thousandths done.
    pub fn at(&mut self, at: u64) {
        let at = at.min(1000);
        if self.last.is_none_or(|last| at > last) {
            self.last = Some(at);
            if let Some(p) = &mut self.progress {
                p(at as usize, 1000);
            }
        }
    }
}

/// Every village of a workbook read whole (its facts as of `on.1`), or, when any cell of
/// it cannot be read or checked, every error of it in row order (`all_errors`).
fn read_villages_whole(
    ledger: &Ledger,
    bytes: &[u8],
    (today, on): (NaiveDate, NaiveDate),
    reported: &mut Reported,
) -> Result<std::result::Result<Vec<Read>, Vec<Finding>>> {
    let (read, whole) = read_villages(ledger, bytes, on, reported)?;
    if whole.is_empty() && read.iter().all(|r| r.errors.is_empty()) {
        return Ok(Ok(read));
    }
    let mut all = whole;
    for r in read {
        all.extend(all_errors(r.doc, &r.placed, r.errors, today));
    }
    all.sort_by_key(row_of);
    Ok(Err(all))
}

/// `import_bytes_reporting` of a workbook read whole before anything is written.
fn import_whole(
    ledger: &mut Ledger,
    bytes: &[u8],
    source: &str,
    how: (NaiveDate, NaiveDate, super::NewVillage),
    reported: &mut Reported,
) -> Result<Vec<ImportSummary>> {
    let (today, effective, new_village) = how;
    let read = read_villages_whole(ledger, bytes, (today, effective), reported)?
        .map_err(Error::Validation)?;
    let docs: Vec<&VillageDocument> = read.iter().map(|r| &r.doc).collect();
    super::check_new_village(ledger, &docs, new_village)?;
    // Each village under its own name on the audit rows, and to find its rows again.
    let several = read.len() > 1;
    let mut placed = Vec::new();
    let mut documents = Vec::new();
    for r in read {
        let name = audit_name(source, &r.doc.village, several);
        placed.push((name.clone(), r.placed));
        documents.push(Ok((r.doc, name)));
    }
    // The writing is the rest of the way, village by village.
    let villages = documents.len().max(1) as u64;
    let documents = documents.into_iter().enumerate().map(|(i, d)| {
        reported.at(Reported::READ + (1000 - Reported::READ) * i as u64 / villages);
        d
    });
    let done = super::import_many_at(ledger, documents, today, effective, several);
    done.map_err(|e| match e {
        Error::Validation(list) => Error::Validation(
            list.into_iter()
                .map(|f| locate_in(f, &placed, several))
                .collect(),
        ),
        other => other,
    })
}

/// The name a village of a workbook is imported under (on its audit rows, and to find its
/// rows again): the file's, with the village's when the workbook has several.
fn audit_name(source: &str, v: &crate::model::Village, several: bool) -> String {
    if several {
        // Short enough to stay whole on the audit rows (and to be found again).
        let file: String = source.chars().take(50).collect();
        format!("{file}（{}，村代码{}）", v.name, v.code)
    } else {
        source.to_string()
    }
}

/// Points a finding of an import at its cell: in its village's rows (found by the name its
/// path starts with when the workbook has several villages).
fn locate_in(mut f: Finding, placed: &[(String, Placed)], several: bool) -> Finding {
    if !several {
        return match placed.first() {
            Some((_, p)) => locate(f, p),
            None => f,
        };
    }
    for (name, p) in placed {
        let prefix = format!("{}：", super::county::one_line(name));
        if let Some(rest) = f.path.strip_prefix(&prefix) {
            f.path = rest.to_string();
            return locate(f, p);
        }
    }
    f
}

/// The row a finding names (`第7行…`), 0 for none: errors are listed in row order.
fn row_of(f: &Finding) -> u32 {
    f.path
        .strip_prefix('第')
        .and_then(|p| p.split_once('行'))
        .and_then(|(n, _)| n.parse().ok())
        .unwrap_or(0)
}

/// Writes a village document as a workbook in the monitoring system's layout, with the
/// members registered on `on`. 家庭纯收入, 人均纯收入 and the 风险消除后是否… are the rules
/// engine's, under the ledger's local policy, for each snapshot's year and day (`income.rs`).
pub fn write_village(ledger: &Ledger, doc: &VillageDocument, on: NaiveDate) -> Result<Vec<u8>> {
    write_villages(ledger, &[doc], on)
}

/// `write_village` for several villages in one sheet (a township's), village by village.
pub fn write_villages(
    ledger: &Ledger,
    docs: &[&VillageDocument],
    on: NaiveDate,
) -> Result<Vec<u8>> {
    let mut engine = std::collections::HashMap::new();
    for doc in docs {
        engine.extend(engine_figures(ledger, doc, on));
    }
    write::workbook(docs, on, &engine)
}

/// A township's villages (the first nine digits of their codes) as one workbook in the
/// monitoring system's layout, as they stood on `on`; and how many villages and
/// households it lists.
pub fn township_workbook(
    ledger: &Ledger,
    township: &str,
    on: NaiveDate,
) -> Result<(Vec<u8>, usize, usize)> {
    let mut docs = Vec::new();
    for v in ledger.villages()? {
        if v.village.code.get(..9) == Some(township) {
            docs.push(super::export_village_on(ledger, &v.village.code, on)?);
        }
    }
    if docs.is_empty() {
        return Err(Error::NotFound(format!("乡镇代码为“{township}”的行政村")));
    }
    let households = docs.iter().map(|d| d.households.len()).sum();
    let refs: Vec<&VillageDocument> = docs.iter().collect();
    Ok((write_villages(ledger, &refs, on)?, docs.len(), households))
}

/// The engine's figures of each household of `doc` for its income columns (by id).
fn engine_figures<'d>(
    ledger: &Ledger,
    doc: &'d VillageDocument,
    on: NaiveDate,
) -> std::collections::HashMap<&'d str, income::HouseholdFigures> {
    use crate::rules::Rule;
    use chrono::Datelike;
    use columns::Snapshot;
    let mut policies = std::collections::HashMap::new();
    let mut engine = std::collections::HashMap::new();
    for h in &doc.households {
        let mut figures = [None; 2];
        for snapshot in [Snapshot::Identified, Snapshot::Eliminated] {
            let Some(taken) = income::taken(h, snapshot, on) else {
                continue;
            };
            // A year no policy covers (before the ledger's first) leaves the cells empty.
            let day = taken.on.min(on);
            let policy = policies.entry((taken.year, day)).or_insert_with(|| {
                crate::assess::paper_policy(ledger, &doc.village, taken.year, day).ok()
            });
            let Some(policy) = policy else { continue };
            let assessed = crate::rules::assess_household(h, policy);
            // The guarantees as the household stood that day; the income of the whole year.
            let then = h.as_of(day);
            let guarantees = crate::rules::assess_household(&then, policy);
            let met = |rule| guarantees.outcome(rule).met();
            figures[snapshot as usize] = Some(income::EngineFigures {
                net: assessed.income.net,
                per_capita: assessed.income.per_capita,
                // In `columns::Guarantee` order.
                guarantees: [
                    met(Rule::CompulsoryEducation),
                    met(Rule::HousingSafety),
                    met(Rule::BasicMedical),
                    met(Rule::DrinkingWater),
                ],
            });
        }
        // The household indicators on the sheet's date (the household as exported).
        let policy = policies.entry((on.year(), on)).or_insert_with(|| {
            crate::assess::paper_policy(ledger, &doc.village, on.year(), on).ok()
        });
        let now = policy.as_ref().map(|p| {
            let a = crate::rules::assess_household(h, p);
            [Rule::CompulsoryEducation, Rule::BasicMedical].map(|r| a.outcome(r).met())
        });
        let figures = income::HouseholdFigures {
            snapshots: figures,
            now: now.unwrap_or_default(),
        };
        engine.insert(h.id.as_str(), figures);
    }
    engine
}

/// A village as the monitoring system's workbook, as it stood on `on` (members
/// registered then, income columns of the year complete then).
pub fn village_workbook(ledger: &Ledger, village: &str, on: NaiveDate) -> Result<Vec<u8>> {
    let doc = super::export_village_on(ledger, village, on)?;
    write_village(ledger, &doc, on)
}

/// Whether a file is a workbook this program wrote (its first cell is our title, or a
/// paper's title ending in `（一本通导出）`), so an export may replace it.
pub fn is_ours(path: &std::path::Path) -> bool {
    use calamine::{Reader, Xlsx};
    let Ok(mut book) = calamine::open_workbook::<Xlsx<_>, _>(path) else {
        return false;
    };
    book.worksheet_range_at(0)
        .and_then(|r| r.ok())
        .and_then(|r| r.get_value((0, 0)).map(|c| c.to_string()))
        .is_some_and(|t| t == write::TITLE || t.ends_with(crate::print::EXPORT_MARK))
}

/// Points a validation finding (`households[2].members[1].id_number`) at its cell:
/// `第7行“证件号码”`; a field no column carries keeps its path after the row.
fn locate(mut f: Finding, placed: &Placed) -> Finding {
    let Some(rest) = f.path.strip_prefix("households[") else {
        return f;
    };
    let Some((index, rest)) = rest.split_once(']') else {
        return f;
    };
    let Ok(i) = index.parse::<usize>() else {
        return f;
    };
    let Some(&household_row) = placed.household_rows.get(i) else {
        return f;
    };
    let rest = rest.trim_start_matches('.');
    let (row, level, field) = match rest
        .strip_prefix("members[")
        .and_then(|r| r.split_once(']'))
    {
        Some((j, field)) => {
            let row = j
                .parse::<usize>()
                .ok()
                .and_then(|j| placed.member_rows[i].get(j).copied().flatten())
                .unwrap_or(household_row);
            (row, Level::Member, field.trim_start_matches('.'))
        }
        // The household's members as a whole (没有户主): their relations.
        None if rest == "members" => (household_row, Level::Member, "relation"),
        None => (household_row, Level::Household, rest),
    };
    let column = COLUMNS.iter().find(|c| {
        c.level == level
            && !c.json.is_empty()
            && (field == c.json
                || field.starts_with(&format!("{}.", c.json))
                || field.starts_with(&format!("{}[", c.json)))
    });
    f.path = match column {
        Some(c) => format!("第{row}行“{}”", c.header),
        None => format!("第{row}行（{}）", f.path),
    };
    f
}
