//! 合并: a village's exchange bundle merged in one transaction, the conflicts it left
//! (fields changed on both sides) and settling one (docs/bundles.md).

use crate::app::error::AppResult;
use crate::app::state::today;
use crate::app::Context;
use crate::exchange::bundle::{self, ConflictView, MergeSummary};
use crate::store::{Conflict, Keep};
use std::path::Path;

/// Merges the bundle file at `path` (checked byte for byte first; the same bundle again
/// changes nothing and answers `already_merged`).
pub fn bundle_merge(cx: &Context<'_>, path: String) -> AppResult<MergeSummary> {
    let bytes = std::fs::read(&path)?;
    let source = Path::new(&path)
        .file_name()
        .map_or_else(|| path.clone(), |n| n.to_string_lossy().into_owned());
    cx.state
        .with(|ledger| Ok(bundle::merge_bundle(ledger, &bytes, &source, today())?))
}

/// The conflicts waiting for a decision (of one village, or all), oldest first, with both
/// values in words.
pub fn conflict_list(cx: &Context<'_>, village: Option<String>) -> AppResult<Vec<ConflictView>> {
    cx.state
        .with(|ledger| Ok(bundle::conflicts(ledger, village.as_deref(), false)?))
}

/// Settles conflict `id` keeping `keep`'s value (audited); answers the conflict as it was.
pub fn conflict_resolve(
    cx: &Context<'_>,
    id: i64,
    keep: Keep,
    reason: Option<String>,
) -> AppResult<Conflict> {
    cx.state.with(|ledger| {
        Ok(bundle::resolve(
            ledger,
            id,
            keep,
            reason.as_deref(),
            today(),
        )?)
    })
}
