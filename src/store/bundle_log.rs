//! The bundles this ledger wrote and merged, newest first, as the 导入/导出 and 合并 screens
//! list them (docs/bundles.md).

use super::Ledger;
use crate::Result;
use serde::Serialize;

/// A bundle this ledger wrote (`bundles_sent`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SentBundleRow {
    pub receiver: String,
    pub sequence: i64,
    pub village_code: String,
    /// The first bundle for the receiver (everything), or only what changed since.
    pub full: bool,
    /// `full` in words: 完整 or 增量.
    pub kind: String,
    pub households: i64,
    pub tombstones: i64,
    /// The checksum's first 16 hex digits, as the command line prints it.
    pub checksum: String,
    /// `YYYY-MM-DD HH:MM`.
    pub created_at: String,
    pub operator: String,
    /// Written under the id the ledger had before it was restored from a backup (its
    /// numbers started again at 1 after the restore).
    pub before_restore: bool,
}

/// A bundle merged into this ledger (`bundles_received`).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ReceivedBundleRow {
    pub village_code: String,
    /// The village's name in this ledger (none if it was deleted since).
    pub village_name: Option<String>,
    pub sequence: i64,
    pub receiver: String,
    /// `YYYY-MM-DD HH:MM`, and who wrote it on the sending ledger.
    pub sent_at: String,
    pub sent_by: String,
    /// `YYYY-MM-DD HH:MM`, and who merged it here.
    pub merged_at: String,
    pub operator: String,
    pub added: i64,
    pub updated: i64,
    pub deleted: i64,
    pub conflicts: i64,
}

/// A bundle in words: 完整 (the first for its receiver: everything) or 增量 (what changed).
pub fn bundle_kind(full: bool) -> &'static str {
    if full {
        "完整"
    } else {
        "增量"
    }
}

/// `2026-12-01T11:11:31+08:00` as a cadre reads it: `2026-12-01 11:11`.
fn minute(at: String) -> String {
    at.replace('T', " ").chars().take(16).collect()
}

impl Ledger {
    /// The bundles written for `village_code`, newest first.
    pub fn bundles_sent(&self, village_code: &str) -> Result<Vec<SentBundleRow>> {
        let mut stmt = self.conn().prepare(
            "SELECT receiver, sequence, village_code, full, households, tombstones, checksum,
                    created_at, operator,
                    sender IS NOT (SELECT value FROM settings WHERE key = 'ledger_id')
             FROM bundles_sent WHERE village_code = ?1
             ORDER BY created_at DESC, sequence DESC",
        )?;
        let rows = stmt.query_map([village_code], |r| {
            let checksum: String = r.get(6)?;
            let full: bool = r.get(3)?;
            Ok(SentBundleRow {
                receiver: r.get(0)?,
                sequence: r.get(1)?,
                village_code: r.get(2)?,
                full,
                kind: bundle_kind(full).into(),
                households: r.get(4)?,
                tombstones: r.get(5)?,
                checksum: checksum.chars().take(16).collect(),
                created_at: minute(r.get(7)?),
                operator: r.get(8)?,
                before_restore: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The bundles merged here (of one village, or of all), newest first.
    pub fn bundles_received(&self, village_code: Option<&str>) -> Result<Vec<ReceivedBundleRow>> {
        let mut stmt = self.conn().prepare(
            "SELECT b.village_code, b.sequence, b.receiver, b.sent_at, b.sent_by, b.merged_at,
                    b.operator, b.added, b.updated, b.deleted, b.conflicts,
                    (SELECT name FROM villages v WHERE v.code = b.village_code AND v.deleted = 0)
             FROM bundles_received b WHERE ?1 IS NULL OR b.village_code = ?1
             ORDER BY b.merged_at DESC, b.village_code, b.sequence DESC",
        )?;
        let rows = stmt.query_map([village_code], |r| {
            Ok(ReceivedBundleRow {
                village_code: r.get(0)?,
                village_name: r.get(11)?,
                sequence: r.get(1)?,
                receiver: r.get(2)?,
                sent_at: minute(r.get(3)?),
                sent_by: r.get(4)?,
                merged_at: minute(r.get(5)?),
                operator: r.get(6)?,
                added: r.get(7)?,
                updated: r.get(8)?,
                deleted: r.get(9)?,
                conflicts: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
