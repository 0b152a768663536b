//! What a screen shows beside its bundle buttons: the bundles written for a village, the
//! bundles merged here, and whom the next bundle of the village goes to.

use super::send::DEFAULT_RECEIVER;
use crate::store::{Ledger, ReceivedBundleRow, SentBundleRow};
use crate::Result;
use serde::Serialize;

/// The bundles of a village (written) and of this ledger (merged), newest first.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BundleLog {
    pub sent: Vec<SentBundleRow>,
    pub received: Vec<ReceivedBundleRow>,
    /// Whom the village's next bundle goes to unless the cadre names another: the receiver
    /// of its last bundle (so numbering and "what changed since" carry on), else 乡镇.
    pub receiver: String,
}

/// The log of `village` (its bundles written; merged ones of that village), or with no
/// village the bundles merged here of every village.
pub fn bundle_log(ledger: &Ledger, village: Option<&str>) -> Result<BundleLog> {
    let sent = match village {
        Some(code) => ledger.bundles_sent(code)?,
        None => Vec::new(),
    };
    let receiver = match village {
        Some(code) => next_receiver(ledger, code)?,
        None => DEFAULT_RECEIVER.to_string(),
    };
    Ok(BundleLog {
        received: ledger.bundles_received(village)?,
        sent,
        receiver,
    })
}

/// Whom the next bundle of `village` goes to when the cadre names no one: the receiver of
/// its last bundle, else 乡镇.
pub fn next_receiver(ledger: &Ledger, village: &str) -> Result<String> {
    Ok(ledger
        .bundles_sent(village)?
        .into_iter()
        .next()
        .map_or_else(|| DEFAULT_RECEIVER.to_string(), |b| b.receiver))
}
