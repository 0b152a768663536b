//! The last exchanged version of each record, per direction (migrations 0007, 0018, 0019,
//! 0020; `docs/bundles.md`, "Design"): what was last merged from each peer, what this ledger
//! sent in each bundle, and the base of a three-way merge chosen from them by what the peer says it
//! had merged. Only SQL lives here; the merge is in `exchange::bundle`.

use super::write::Writer;
use crate::Result;
use rusqlite::{params, OptionalExtension};

/// The versions of a record this ledger sent (village ?1, record ?2), each as a bundle of
/// the sender ?3 crossing it made it, if one did: receiver, number, document, audit row.
const SENT: &str = "SELECT s.receiver, s.sequence, IFNULL(c.document, s.document), s.audit_seq
     FROM bundle_bases_sent s LEFT JOIN bundle_bases_crossed c
       ON c.village_code = s.village_code AND c.record_key = s.record_key
       AND c.receiver = s.receiver AND c.sequence = s.sequence AND c.sender = ?3
     WHERE s.village_code = ?1 AND s.record_key = ?2";

/// A version of a record this ledger sent that the peer had not merged when it wrote the
/// bundle being merged (its `seen` stops below it).
pub struct Outstanding {
    pub receiver: String,
    pub sequence: i64,
    pub document: String,
}

impl Writer<'_> {
    /// The last exchanged version of a record (JSON) as the peer had it when it wrote its
    /// bundle: what was last merged from it (`sender`: its ledger ids, the current one
    /// first, then the one it had before a restore), or what this ledger sent it in a
    /// bundle the peer says it had merged (`seen`: receiver and number, as this ledger
    /// named and numbered them) when that number is above the one the merged version's
    /// bundle said.
    pub fn bundle_base(
        &self,
        village_code: &str,
        key: &str,
        sender: &[&str],
        seen: &[(String, i64)],
    ) -> Result<Option<String>> {
        let mut merged: Option<(String, Option<String>, i64)> = None;
        let mut of_sender = self.tx.prepare_cached(
            "SELECT document, seen_receiver, seen_sequence FROM bundle_bases
             WHERE village_code = ?1 AND record_key = ?2 AND sender = ?3",
        )?;
        // Versions kept before 0020 whose sender was not known are under ''.
        for id in sender.iter().chain(std::iter::once(&"")) {
            merged = of_sender
                .query_row([village_code, key, id], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })
                .optional()?;
            if merged.is_some() {
                break;
            }
        }
        let mut stmt = self.tx.prepare_cached(&format!(
            "{SENT} AND s.receiver = ?4 AND s.sequence <= ?5 ORDER BY s.sequence DESC LIMIT 1"
        ))?;
        let from = sender.first().copied().unwrap_or_default();
        let mut newer_sent: Option<(i64, String)> = None;
        for (receiver, upto) in seen {
            let sent: Option<(i64, String, i64)> = stmt
                .query_row(params![village_code, key, from, receiver, upto], |r| {
                    Ok((r.get(3)?, r.get(2)?, r.get(1)?))
                })
                .optional()?;
            let Some((at, doc, number)) = sent else {
                continue;
            };
            // The merged version's bundle had seen up to this number of ours.
            let had_seen = match &merged {
                Some((_, Some(r), n)) if r == receiver => *n,
                _ => 0,
            };
            if number > had_seen && newer_sent.as_ref().is_none_or(|(a, _)| at > *a) {
                newer_sent = Some((at, doc));
            }
        }
        Ok(newer_sent.map(|(_, doc)| doc).or(merged.map(|m| m.0)))
    }

    /// The audit row this transaction has reached (orders the versions sent).
    fn reached(&self) -> Result<i64> {
        if let Some((seq, _)) = self.head.borrow().as_ref() {
            return Ok(*seq);
        }
        Ok(super::chain::tail(&self.tx)?.0)
    }

    /// Keeps `document` as the version of a record last merged from the peer `sender`
    /// (its ledger id), with the newest of this ledger's bundles the peer had merged when
    /// it wrote it (`seen`: receiver and number). Bookkeeping of the bundle, covered by its
    /// audit row.
    pub fn set_bundle_base(
        &self,
        village_code: &str,
        key: &str,
        sender: &str,
        document: &str,
        seen: Option<&(String, i64)>,
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT INTO bundle_bases (village_code, record_key, document, updated_at, audit_seq, seen_receiver, seen_sequence, sender)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
                 ON CONFLICT(village_code, record_key, sender) DO UPDATE SET document = excluded.document,
                   updated_at = excluded.updated_at, audit_seq = excluded.audit_seq,
                   seen_receiver = excluded.seen_receiver, seen_sequence = excluded.seen_sequence",
            )?
            .execute(params![
                village_code,
                key,
                document,
                self.at,
                self.reached()?,
                seen.map(|s| &s.0),
                seen.map_or(0, |s| s.1),
                sender
            ])?;
        Ok(())
    }

    /// Keeps `document` as the version of a record this ledger sent in its bundle
    /// `sequence` for `receiver`: common ground once the peer says it merged it.
    pub fn set_sent_base(
        &self,
        village_code: &str,
        key: &str,
        receiver: &str,
        sequence: i64,
        document: &str,
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO bundle_bases_sent (village_code, record_key, receiver, sequence, document, audit_seq)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![village_code, key, receiver, sequence, document, self.reached()?])?;
        Ok(())
    }

    /// Forgets the versions sent to `receiver` before bundle `upto`, which the peer has
    /// merged (a later one it merged is the common ground from now on).
    pub fn forget_sent_bases(&self, village_code: &str, receiver: &str, upto: i64) -> Result<()> {
        self.tx
            .prepare_cached(
                "DELETE FROM bundle_bases_sent WHERE village_code = ?1 AND receiver = ?2 AND sequence < ?3",
            )?
            .execute(params![village_code, receiver, upto])?;
        self.tx
            .prepare_cached(
                "DELETE FROM bundle_bases_crossed WHERE village_code = ?1 AND receiver = ?2 AND sequence < ?3",
            )?
            .execute(params![village_code, receiver, upto])?;
        Ok(())
    }

    /// The versions of a record this ledger sent that the peer `sender` had not merged
    /// when it wrote its bundle, each as a bundle of that sender crossing it made it (if
    /// one did): to each receiver named in `seen`, those numbered above what it says; when
    /// it says nothing (it has merged none of ours, so which receiver it is is not known),
    /// the newest to each receiver. What is made of them is kept for that sender only
    /// (`set_crossed_base`), so a receiver that is another peer is never misled.
    pub fn outstanding_sent(
        &self,
        village_code: &str,
        key: &str,
        sender: &str,
        seen: &[(String, i64)],
    ) -> Result<Vec<Outstanding>> {
        let row = |r: &rusqlite::Row<'_>| -> rusqlite::Result<Outstanding> {
            Ok(Outstanding {
                receiver: r.get(0)?,
                sequence: r.get(1)?,
                document: r.get(2)?,
            })
        };
        let mut out = Vec::new();
        if seen.is_empty() {
            let mut stmt = self.tx.prepare_cached(&format!(
                "{SENT} AND s.sequence = (SELECT MAX(t.sequence) FROM bundle_bases_sent t
                   WHERE t.village_code = s.village_code AND t.record_key = s.record_key
                   AND t.receiver = s.receiver)"
            ))?;
            for o in stmt.query_map(params![village_code, key, sender], row)? {
                out.push(o?);
            }
            return Ok(out);
        }
        let mut stmt = self.tx.prepare_cached(&format!(
            "{SENT} AND s.receiver = ?4 AND s.sequence > ?5 ORDER BY s.sequence"
        ))?;
        for (receiver, upto) in seen {
            for o in stmt.query_map(params![village_code, key, sender, receiver, upto], row)? {
                out.push(o?);
            }
        }
        Ok(out)
    }

    /// Keeps what a version sent (`outstanding_sent`) becomes for the peer `sender`, whose
    /// bundle crossed it: once that peer merges it, it holds both.
    pub fn set_crossed_base(
        &self,
        village_code: &str,
        key: &str,
        sender: &str,
        sent: &Outstanding,
    ) -> Result<()> {
        self.tx
            .prepare_cached(
                "INSERT OR REPLACE INTO bundle_bases_crossed (village_code, record_key, receiver, sequence, sender, document)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )?
            .execute(params![village_code, key, sent.receiver, sent.sequence, sender, sent.document])?;
        Ok(())
    }
}
