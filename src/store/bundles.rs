//! Bookkeeping of exchange bundles (migration 0007, `docs/bundles.md`): the ledger's own
//! id, the bundles sent (numbered per receiver, each with the audit row it reached) and
//! merged (per sender and receiver), the last exchanged version of each record (the base
//! of a three-way merge), and what changed since a bundle. The bundle file and the merge
//! itself are in `exchange::bundle`; only SQL lives here.

use super::read::{self, StoredHousehold, StoredVillage};
use super::write::{AuditRow, Writer};
use super::Ledger;
use crate::model::Cadre;
use crate::Result;
use rusqlite::{params, OptionalExtension};

/// Record tables whose tombstones travel in a bundle: households and their child tables.
fn tombstone_table(table: &str) -> Option<&'static str> {
    std::iter::once("households")
        .chain(super::rows::CHILD_TABLES.iter().copied())
        .find(|t| *t == table)
}

/// A record deleted (kept as a tombstone) since a bundle.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Tombstone {
    pub table: String,
    pub id: String,
    pub household: String,
}

/// A bundle this ledger wrote, as recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct SentBundle<'a> {
    /// The ledger's id when it wrote the bundle.
    pub sender: &'a str,
    pub receiver: &'a str,
    pub sequence: i64,
    pub village_code: &'a str,
    pub full: bool,
    pub households: usize,
    pub tombstones: usize,
    pub checksum: &'a str,
}

/// A bundle merged into this ledger, as recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct ReceivedBundle<'a> {
    pub sender: &'a str,
    pub receiver: &'a str,
    pub sequence: i64,
    pub village_code: &'a str,
    pub checksum: &'a str,
    pub sent_at: &'a str,
    pub sent_by: &'a str,
    pub added: usize,
    pub updated: usize,
    pub deleted: usize,
    pub conflicts: usize,
    /// The numbers not merged here that this full bundle made unnecessary (a lost bundle
    /// replaced); kept in `bundles_replaced` by the caller.
    pub replaces: &'a [i64],
}

/// `（完整，取代未收到的第2号）` for a full bundle that replaced lost ones, else nothing.
fn replacing(numbers: &[i64]) -> String {
    if numbers.is_empty() {
        return String::new();
    }
    format!(
        "（完整，取代未收到的第{}号）",
        super::bundle_numbers::numbers_text(numbers)
    )
}

impl Writer<'_> {
    /// This ledger's stable id; made (and audited) the first time it is asked for.
    pub fn ledger_id(&self) -> Result<String> {
        if let Some(id) = super::settings::get(&self.tx, super::Setting::LedgerId.key())? {
            return Ok(id);
        }
        let id = crate::model::new_id();
        self.set_setting(
            super::Setting::LedgerId,
            &id,
            Some("首次生成数据包：为本台账生成编号"),
        )?;
        Ok(id)
    }

    /// The number the next bundle of `sender` (this ledger's id) for `receiver` takes (1
    /// for the first).
    pub fn next_sent_sequence(&self, sender: &str, receiver: &str) -> Result<i64> {
        Ok(self.tx.query_row(
            "SELECT IFNULL(MAX(sequence), 0) + 1 FROM bundles_sent WHERE sender = ?1 AND receiver = ?2",
            [sender, receiver],
            |r| r.get(0),
        )?)
    }

    /// The audit row the last bundle of `sender` of this village for `receiver` reached
    /// (`None`: no bundle yet, the next one is full).
    pub fn sent_watermark(
        &self,
        sender: &str,
        receiver: &str,
        village_code: &str,
    ) -> Result<Option<i64>> {
        Ok(self
            .tx
            .query_row(
                "SELECT MAX(audit_seq) FROM bundles_sent WHERE sender = ?1 AND receiver = ?2 AND village_code = ?3",
                [sender, receiver, village_code],
                |r| r.get(0),
            )
            .optional()?
            .flatten())
    }

    /// The live households of a village with an audit row after `since` (all if `None`),
    /// by household code.
    pub fn households_changed_since(
        &self,
        village_id: &str,
        since: Option<i64>,
    ) -> Result<Vec<String>> {
        let Some(since) = since else {
            return read::household_ids(&self.tx, village_id);
        };
        let mut stmt = self.tx.prepare_cached(
            "SELECT h.id FROM households h WHERE h.village_id = ?1 AND h.deleted = 0
               AND EXISTS (SELECT 1 FROM audit a WHERE a.household_id = h.id AND a.seq > ?2)
             ORDER BY h.code",
        )?;
        let rows = stmt.query_map(params![village_id, since], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Records of a village deleted after audit row `since` (all if `None`) and still deleted.
    pub fn tombstones_since(&self, village_id: &str, since: Option<i64>) -> Result<Vec<Tombstone>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT DISTINCT a.table_name, a.record_id, a.household_id FROM audit a
               JOIN households h ON h.id = a.household_id
             WHERE a.action = 'delete' AND a.seq > ?2 AND h.village_id = ?1 ORDER BY a.seq",
        )?;
        let rows: Vec<(String, String, String)> = stmt
            .query_map(params![village_id, since.unwrap_or(0)], |r| {
                Ok((r.get(0)?, r.get(1)?, r.get(2)?))
            })?
            .collect::<rusqlite::Result<_>>()?;
        let mut out = Vec::new();
        for (table, id, household) in rows {
            let Some(table) = tombstone_table(&table) else {
                continue;
            };
            let deleted_as = |id: &str| -> Result<Option<bool>> {
                let sql = format!("SELECT deleted FROM {table} WHERE id = ?1");
                let found = self.tx.query_row(&sql, [id], |r| r.get(0)).optional()?;
                Ok(found)
            };
            let (id, deleted) = match deleted_as(&id)? {
                Some(deleted) => (id, Some(deleted)),
                // Deleted before migration 0015, which renamed the record but cannot touch
                // the audit trail: the row names its earlier id.
                None => {
                    let today = crate::model::rederive_deleted_id(table, &household, &id);
                    let deleted = deleted_as(&today)?;
                    (today, deleted)
                }
            };
            if deleted == Some(true) {
                out.push(Tombstone {
                    table: table.to_string(),
                    id,
                    household,
                });
            }
        }
        Ok(out)
    }

    /// Who changed a household last and when (its newest audit row).
    pub fn household_last_change(&self, household_id: &str) -> Result<Option<(String, String)>> {
        Ok(self
            .tx
            .query_row(
                "SELECT at, operator FROM audit WHERE household_id = ?1 ORDER BY seq DESC LIMIT 1",
                [household_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// A live village by code, read inside the write.
    pub fn village_by_code(&self, code: &str) -> Result<Option<StoredVillage>> {
        read::village_where(&self.tx, "code = ?1", code)
    }

    /// The number of live villages, read inside the write.
    pub fn village_count(&self) -> Result<i64> {
        Ok(self
            .tx
            .query_row("SELECT COUNT(*) FROM villages WHERE deleted = 0", [], |r| {
                r.get(0)
            })?)
    }

    /// The cadres of a village, read inside the write.
    pub fn cadres_of(&self, village_id: &str) -> Result<Vec<Cadre>> {
        read::cadres(&self.tx, village_id)
    }

    /// The live households of a village by code, read inside the write.
    pub fn household_ids_of(&self, village_id: &str) -> Result<Vec<String>> {
        read::household_ids(&self.tx, village_id)
    }

    /// A live household, read inside the write (`None` if unknown or deleted).
    pub fn household_if_live(&self, id: &str) -> Result<Option<StoredHousehold>> {
        let live: Option<bool> = self
            .tx
            .query_row(
                "SELECT deleted = 0 FROM households WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        match live {
            Some(true) => Ok(Some(read::household(&self.tx, id)?)),
            _ => Ok(None),
        }
    }

    /// Records a written bundle (with its audit row); returns the audit row it reached.
    pub fn record_sent(&self, b: &SentBundle) -> Result<i64> {
        let label = format!(
            "第{}号数据包（{}）→ {}",
            b.sequence, b.village_code, b.receiver
        );
        self.audit(AuditRow {
            table: "bundles_sent",
            record_id: &format!("{}#{}", b.receiver, b.sequence),
            household_id: None,
            action: "insert",
            field: None,
            old: None,
            new: Some(format!(
                "{label}：{}户，删除{}条，校验码{}",
                b.households,
                b.tombstones,
                &b.checksum[..16.min(b.checksum.len())]
            )),
            reason: Some("生成数据包"),
        })?;
        let seq = self.head.borrow().as_ref().map(|h| h.0).unwrap_or(0);
        self.tx.execute(
            "INSERT INTO bundles_sent (sender, receiver, sequence, village_code, full, audit_seq, households, tombstones, checksum, created_at, operator)
             VALUES (?11, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            params![b.receiver, b.sequence, b.village_code, b.full, seq, b.households as i64, b.tombstones as i64, b.checksum, self.at, self.operator, b.sender],
        )?;
        Ok(seq)
    }

    /// The checksum of a merged bundle, if that number was merged.
    pub fn received_checksum(
        &self,
        sender: &str,
        receiver: &str,
        sequence: i64,
    ) -> Result<Option<String>> {
        Ok(self
            .tx
            .query_row(
                "SELECT checksum FROM bundles_received WHERE sender = ?1 AND receiver = ?2 AND sequence = ?3",
                params![sender, receiver, sequence],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Records a merged bundle with its audit row.
    pub fn record_received(&self, b: &ReceivedBundle) -> Result<()> {
        self.tx.execute(
            "INSERT INTO bundles_received (sender, receiver, sequence, village_code, checksum, sent_at, sent_by, merged_at, operator, added, updated, deleted, conflicts)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            params![b.sender, b.receiver, b.sequence, b.village_code, b.checksum, b.sent_at, b.sent_by, self.at, self.operator,
                    b.added as i64, b.updated as i64, b.deleted as i64, b.conflicts as i64],
        )?;
        self.audit(AuditRow {
            table: "bundles_received",
            record_id: &format!("{}#{}#{}", b.sender, b.receiver, b.sequence),
            household_id: None,
            action: "insert",
            field: None,
            old: None,
            new: Some(format!(
                "合并第{}号数据包{}（村{}，{} {}）：新增{}户，更新{}户，删除{}户，冲突{}处",
                b.sequence,
                replacing(b.replaces),
                b.village_code,
                b.sent_by,
                b.sent_at,
                b.added,
                b.updated,
                b.deleted,
                b.conflicts
            )),
            reason: Some("合并数据包"),
        })
    }

    /// The bundles of each peer (sender id, and the receiver name it gave this ledger) of
    /// `village_code` merged here: the newest number of each (a bundle's `seen`).
    pub fn merged_numbers(&self, village_code: &str) -> Result<Vec<(String, String, i64)>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT sender, receiver, MAX(sequence) FROM bundles_received WHERE village_code = ?1
             GROUP BY sender, receiver ORDER BY sender, receiver",
        )?;
        let rows = stmt.query_map([village_code], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Ledger {
    /// This ledger's id if one was made (by its first bundle).
    pub fn ledger_id(&self) -> Result<Option<String>> {
        super::settings::get(self.conn(), super::Setting::LedgerId.key())
    }

    /// When the last bundle of a village was merged here (`YYYY-MM-DD HH:MM`), if ever.
    pub fn last_bundle_merged(&self, village_code: &str) -> Result<Option<String>> {
        let at: Option<String> = self.conn().query_row(
            "SELECT MAX(merged_at) FROM bundles_received WHERE village_code = ?1",
            [village_code],
            |r| r.get(0),
        )?;
        Ok(at.map(|t| t.replace('T', " ").chars().take(16).collect()))
    }
}
