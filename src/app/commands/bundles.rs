//! 合并: a village's exchange bundle merged in one transaction, the conflicts it left
//! (fields changed on both sides) and settling one (docs/bundles.md).

use crate::error::AppResult;
use crate::state::{today, AppState};
use std::path::Path;
use tauri::State;
use yibentong::exchange::bundle::{self, ConflictView, MergeSummary};
use yibentong::store::{Conflict, Keep};

/// Merges the bundle file at `path` (checked byte for byte first; the same bundle again
/// changes nothing and answers `already_merged`).
#[tauri::command(async)]
pub fn bundle_merge(state: State<'_, AppState>, path: String) -> AppResult<MergeSummary> {
    let bytes = std::fs::read(&path)?;
    let source = Path::new(&path)
        .file_name()
        .map_or_else(|| path.clone(), |n| n.to_string_lossy().into_owned());
    state.with(|ledger| Ok(bundle::merge_bundle(ledger, &bytes, &source, today())?))
}

/// The conflicts waiting for a decision (of one village, or all), oldest first, with both
/// values in words.
#[tauri::command(async)]
pub fn conflict_list(
    state: State<'_, AppState>,
    village: Option<String>,
) -> AppResult<Vec<ConflictView>> {
    state.with(|ledger| Ok(bundle::conflicts(ledger, village.as_deref(), false)?))
}

/// Settles conflict `id` keeping `keep`'s value (audited); answers the conflict as it was.
#[tauri::command(async)]
pub fn conflict_resolve(
    state: State<'_, AppState>,
    id: i64,
    keep: Keep,
    reason: Option<String>,
) -> AppResult<Conflict> {
    state.with(|ledger| {
        Ok(bundle::resolve(
            ledger,
            id,
            keep,
            reason.as_deref(),
            today(),
        )?)
    })
}
