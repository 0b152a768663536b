//! 导入/导出: exchange v1 JSON files and the monitoring system's workbooks (all of a file
//! or nothing; errors with their paths or cells).

use crate::app::error::AppResult;
use crate::app::state::today;
use crate::app::Context;
use crate::exchange::{self, ImportSummary};
use std::path::Path;

/// Imports an exchange file or a workbook (of one village or several) in one transaction;
/// sends `progress` in thousandths (a workbook's as it is read and written, village by
/// village). One summary per village. A village the ledger
/// does not hold, while it holds others, is refused as `new_village` (the UI asks the
/// cadre, then imports again with `new_village`).
pub fn import_file(
    cx: &Context<'_>,
    path: String,
    new_village: Option<bool>,
) -> AppResult<Vec<ImportSummary>> {
    let mut report = cx.progress("import_file");
    let bytes = std::fs::read(&path)?;
    report(0, 1000);
    let source = file_name(&path);
    let summary = cx.state.with(|ledger| {
        // By its kind: an exchange file, or the monitoring system's workbook.
        let today = today();
        let how = (today, today, new_village_of(new_village));
        Ok(exchange::import_file_reporting(
            ledger,
            &bytes,
            &source,
            how,
            &mut report,
        )?)
    })?;
    report(1000, 1000);
    Ok(summary)
}

/// Imports several files at once (a township's villages as each sent its own: exchange
/// files and workbooks in any mix) in one transaction: every village of every file, or on
/// any error in any of them nothing, each error under its file's name (and in a workbook
/// at its row and column). A village the ledger lacks is refused as in `import_file`.
pub fn import_files(
    cx: &Context<'_>,
    paths: Vec<String>,
    new_village: Option<bool>,
) -> AppResult<Vec<ImportSummary>> {
    let mut files = Vec::with_capacity(paths.len());
    for path in &paths {
        files.push((file_name(path), std::fs::read(path)?));
    }
    cx.state.with(|ledger| {
        let today = today();
        let how = (today, today, new_village_of(new_village));
        Ok(exchange::xlsx::import_files(ledger, &files, how)?)
    })
}

/// A file's name as errors and audit rows give it.
fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map_or_else(|| path.to_string(), |n| n.to_string_lossy().into_owned())
}

/// What the cadre said of a village the ledger lacks: confirmed (create it) or not yet.
fn new_village_of(confirmed: Option<bool>) -> exchange::NewVillage {
    if confirmed == Some(true) {
        exchange::NewVillage::Create
    } else {
        exchange::NewVillage::AskFirst
    }
}

/// Writes a village as an exchange file, or as the monitoring system's workbook when the
/// path names an .xlsx file; returns the bytes written.
pub fn export_village(cx: &Context<'_>, village: String, path: String) -> AppResult<usize> {
    cx.state.with(|ledger| {
        if exchange::xlsx::is_workbook(&path, b"") {
            let bytes = exchange::xlsx::village_workbook(ledger, &village, today())?;
            crate::output::write_workbook(Path::new(&path), &bytes, ledger.path())?;
            return Ok(bytes.len());
        }
        let text = exchange::export_json(ledger, &village)?;
        crate::output::write_export(Path::new(&path), text.as_bytes(), ledger.path())?;
        Ok(text.len())
    })
}

/// Whether a file is already at `path`: the save dialog completed a name typed without its
/// extension, and GTK's overwrite question was about the name as typed, so the UI asks.
pub fn file_exists(_cx: &Context<'_>, path: String) -> AppResult<bool> {
    Ok(crate::output::is_taken(Path::new(&path)))
}
