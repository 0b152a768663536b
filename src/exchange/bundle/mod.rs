//! Exchange bundles (`docs/bundles.md`): what a village's ledger changed since its last
//! bundle for a receiver, carried to the township and merged there with review.
//!
//! A bundle is an exchange v1 document (the village, its cadres, the households changed
//! since the last bundle for the same receiver — all of them in the first) with the
//! sender's ledger id, the receiver, a number per sender and receiver, the records deleted
//! since (tombstones) and who changed each household last; the file is sealed by a
//! checksum (`file.rs`). Merging is one transaction of three-way merges (`three_way.rs`)
//! against the last exchanged version of each record; fields changed on both sides are
//! kept as conflicts (`resolve.rs` settles them).

mod file;
mod label;
mod log;
mod merge;
mod merge_many;
mod resolve;
mod review;
mod send;
mod sequence;
pub mod three_way;

pub use file::{looks_like_bundle, open, BUNDLE_FORMAT};
pub use log::{bundle_log, next_receiver, BundleLog};
pub use merge::{merge_bundle, MergeSummary};
pub use merge_many::{merge_bundle_files, merge_bundles, MergeOutcome};
pub use resolve::resolve;
pub use review::{conflicts, value_text, ConflictView};
pub use send::{write_bundle, BundleScope, BundleSummary, DEFAULT_RECEIVER};

use crate::model::VillageDocument;
use crate::store::Tombstone;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Who changed a household last on the sending ledger, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LastChange {
    pub at: String,
    pub operator: String,
    /// In a full bundle: the sender's earlier bundle (for the same receiver) that already
    /// carried the household as it is now, if one did. A receiver that merged that one (or
    /// a full bundle replacing it) has the household as the sender has it and does not
    /// merge it again (it would undo what the receiver changed since and sent back).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sent_in: Option<i64>,
}

/// A peer's bundle merged on the sender: the peer's ledger id, the receiver name the peer
/// gave the sender, and the number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Seen {
    pub sender: String,
    pub receiver: String,
    pub sequence: i64,
}

/// The content of a bundle file (inside the checksum).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    /// The sending ledger's stable id.
    pub sender: String,
    /// Whom it is for (as named by the sender with `--to`).
    pub receiver: String,
    /// 1, 2, … per sender and receiver.
    pub sequence: i64,
    /// Every household of the village: the first bundle for this receiver, or one written
    /// to replace bundles lost on the way (`--full`).
    pub full: bool,
    /// A full bundle's earlier numbers of the same village for the same receiver: the
    /// receiver merges it across a gap of those and never merges them after it. Written
    /// only when there are some, so a bundle without it reads as before.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub replaces: Vec<i64>,
    /// The number of the village's previous bundle for this receiver (0: none), written
    /// when the sender's numbers for the receiver are shared with other villages: the
    /// receiver then needs that one only, not every number before (bundles of other
    /// villages touch none of this one's records). Without it, every number before.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub previous: Option<i64>,
    /// The sender's id before it was restored from a backup, on its first bundle of the
    /// village for this receiver since: the receiver merges it without the last exchanged
    /// versions (every difference a conflict, its own values kept), because the restored
    /// ledger may lack changes it had already sent. Written only then.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub restored_from: Option<String>,
    /// The newest bundle of the village from each peer merged on the sender when it wrote
    /// this one: a version the receiver sent in one of those (or before) is common ground,
    /// one it sent after is not (bundles crossing on the way). Written only when there are
    /// some.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub seen: Vec<Seen>,
    pub created_at: String,
    pub operator: String,
    /// The village as exchange v1 (only the changed households after the first).
    pub document: VillageDocument,
    /// Records deleted since the last bundle.
    #[serde(default)]
    pub tombstones: Vec<Tombstone>,
    /// Household id → who changed it last and when.
    #[serde(default)]
    pub changed: BTreeMap<String, LastChange>,
}
