//! 数据包 and 合并: a village's exchange bundle written for the township or merged in one
//! transaction, the bundles written and merged so far, the conflicts a merge left (fields
//! changed on both sides) and settling one (docs/bundles.md).

use crate::app::error::AppResult;
use crate::app::state::today;
use crate::app::Context;
use crate::exchange::bundle::{
    self, BundleLog, BundleSummary, ConflictView, MergeOutcome, MergeSummary,
};
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

/// Merges several bundle files (a township's USB stick): each in its own transaction, by
/// sender and number; one outcome per file (a file that cannot be read is refused as
/// such), so one bad file holds back none of the others.
pub fn bundle_merge_many(cx: &Context<'_>, paths: Vec<String>) -> AppResult<Vec<MergeOutcome>> {
    cx.state
        .with(|ledger| Ok(bundle::merge_bundle_files(ledger, &paths, today())))
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

/// Writes the bundle of `village` for `receiver` (none named: the receiver of its last
/// bundle, else 乡镇) to `path`: what changed
/// since the last bundle for that receiver, everything the first time or when `full`
/// (replacing a lost bundle; never over the ledger itself or a file that is not a bundle).
pub fn bundle_write(
    cx: &Context<'_>,
    village: String,
    receiver: Option<String>,
    path: String,
    full: Option<bool>,
) -> AppResult<BundleSummary> {
    cx.state.with(|ledger| {
        let db = ledger.path().map(Path::to_path_buf);
        let receiver = match receiver.filter(|r| !r.trim().is_empty()) {
            Some(r) => r,
            None => bundle::next_receiver(ledger, &village)?,
        };
        Ok(bundle::write_bundle(
            ledger,
            &village,
            &receiver,
            match full {
                Some(true) => bundle::BundleScope::Full,
                _ => bundle::BundleScope::Changes,
            },
            Path::new(&path),
            db.as_deref(),
        )?)
    })
}

/// The bundles written for `village` and merged here (of `village`, or all with none), and
/// whom the village's next bundle goes to.
pub fn bundle_log(cx: &Context<'_>, village: Option<String>) -> AppResult<BundleLog> {
    cx.state
        .with(|ledger| Ok(bundle::bundle_log(ledger, village.as_deref())?))
}
