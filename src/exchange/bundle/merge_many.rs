//! Several bundles at once (a township's USB stick with every village's): each merged in
//! its own transaction, as if one after the other, so one altered or out-of-turn file does
//! not hold back the rest; the files are taken by sender and number, so a stick holding
//! a village's 2nd and 3rd bundles merges them in order whatever the files are called.

use super::{file, merge_bundle, MergeSummary};
use crate::store::Ledger;
use crate::Error;
use chrono::NaiveDate;
use std::path::Path;

/// What became of one file: its summary, or why it was not merged (nothing of it was).
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MergeOutcome {
    /// The file's name.
    pub file: String,
    pub summary: Option<MergeSummary>,
    /// The refusal, as `{code, message}` would say it (`code` as the app's errors).
    pub error_code: Option<String>,
    pub error: Option<String>,
}

impl MergeOutcome {
    fn refused(file: String, e: &Error) -> MergeOutcome {
        MergeOutcome {
            file,
            summary: None,
            error_code: Some(e.code().to_string()),
            error: Some(e.to_string()),
        }
    }
}

/// Reads and merges the bundle files at `paths` (`merge_bundles`); a file that cannot be
/// read is one more refusal, listed first.
pub fn merge_bundle_files(
    ledger: &mut Ledger,
    paths: &[impl AsRef<Path>],
    today: NaiveDate,
) -> Vec<MergeOutcome> {
    let mut files = Vec::new();
    let mut out = Vec::new();
    for path in paths {
        let path = path.as_ref();
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |n| n.to_string_lossy().into_owned(),
        );
        match std::fs::read(path) {
            Ok(bytes) => files.push((name, bytes)),
            Err(e) => out.push(MergeOutcome::refused(name, &Error::from(e))),
        }
    }
    out.extend(merge_bundles(ledger, files, today));
    out
}

/// A bundle's place in its sender's series: sender, receiver, whether it is an ordinary
/// one (a full bundle replacing lost ones goes first: the bundles it replaces are then
/// not needed, and the next ones no longer wait for them), number.
type Turn = (String, String, bool, i64);

/// Merges `files` (name, bytes) each in its own transaction, ordered by sender and number
/// (files that cannot be read go first, to be refused); one outcome per file, in that
/// order.
pub fn merge_bundles(
    ledger: &mut Ledger,
    files: Vec<(String, Vec<u8>)>,
    today: NaiveDate,
) -> Vec<MergeOutcome> {
    let mut keyed: Vec<(Option<Turn>, String, Vec<u8>)> = files
        .into_iter()
        .map(|(name, bytes)| {
            let key = file::open(&bytes)
                .ok()
                .map(|(b, _)| (b.sender, b.receiver, b.replaces.is_empty(), b.sequence));
            (key, name, bytes)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed
        .into_iter()
        .map(
            |(_, name, bytes)| match merge_bundle(ledger, &bytes, &name, today) {
                Ok(s) => MergeOutcome {
                    file: name,
                    summary: Some(s),
                    error_code: None,
                    error: None,
                },
                Err(e) => MergeOutcome::refused(name, &e),
            },
        )
        .collect()
}
