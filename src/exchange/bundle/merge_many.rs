//! Several bundles at once (a township's USB stick with every village's): each merged in
//! its own transaction, as if one after the other, so one altered or out-of-turn file does
//! not hold back the rest; the files are taken by sender and number, so a stick holding
//! a village's 2nd and 3rd bundles merges them in order whatever the files are called.

use super::{file, merge_bundle, MergeSummary};
use crate::store::Ledger;
use chrono::NaiveDate;

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

/// A bundle's place in its sender's series: sender, receiver, number.
type Turn = (String, String, i64);

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
                .map(|(b, _)| (b.sender, b.receiver, b.sequence));
            (key, name, bytes)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed
        .into_iter()
        .map(|(_, name, bytes)| {
            let (summary, error) = match merge_bundle(ledger, &bytes, &name, today) {
                Ok(s) => (Some(s), None),
                Err(e) => (None, Some(e)),
            };
            MergeOutcome {
                file: name,
                summary,
                error_code: error.as_ref().map(|e| e.code().to_string()),
                error: error.map(|e| e.to_string()),
            }
        })
        .collect()
}
