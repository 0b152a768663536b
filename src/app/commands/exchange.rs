//! 导入/导出: exchange v1 JSON files (all of a file or nothing; errors with their paths).

use super::progress;
use crate::error::AppResult;
use crate::state::{today, AppState};
use std::path::Path;
use tauri::{AppHandle, Runtime, State};
use yibentong::exchange::{self, ImportSummary};

/// Imports an exchange file in one transaction; sends `progress` (read, then imported).
#[tauri::command(async)]
pub fn import_file<R: Runtime>(
    app: AppHandle<R>,
    state: State<'_, AppState>,
    path: String,
) -> AppResult<ImportSummary> {
    let mut report = progress(&app, "import_file");
    let bytes = std::fs::read(&path)?;
    report(1, 2);
    let source = Path::new(&path)
        .file_name()
        .map_or_else(|| path.clone(), |n| n.to_string_lossy().into_owned());
    let summary =
        state.with(|ledger| Ok(exchange::import_bytes(ledger, &bytes, &source, today())?))?;
    report(2, 2);
    Ok(summary)
}

/// Writes a village as an exchange file; returns the bytes written.
#[tauri::command(async)]
pub fn export_village(
    state: State<'_, AppState>,
    village: String,
    path: String,
) -> AppResult<usize> {
    state.with(|ledger| {
        let text = exchange::export_json(ledger, &village)?;
        yibentong::output::write_export(Path::new(&path), text.as_bytes(), ledger.path())?;
        Ok(text.len())
    })
}
