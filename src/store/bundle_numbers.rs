//! A sender's bundle numbers as the receiver keeps them (migrations 0007 and 0016,
//! `docs/bundles.md`): which numbers were merged or made unnecessary by a later full bundle
//! of their village (`bundles_replaced`), so a gap is named exactly and a lost bundle can be
//! replaced; and, on the sender, the numbers a village's bundles took.

use super::write::Writer;
use crate::Result;
use rusqlite::{params, OptionalExtension};

/// Numbers from `from` to `to`, both included: a stretch of missing bundles.
pub type Gap = (i64, i64);

impl Writer<'_> {
    /// The number of the full bundle that made bundle `sequence` of `sender` for `receiver`
    /// unnecessary, if one did.
    pub fn replaced_by(&self, sender: &str, receiver: &str, sequence: i64) -> Result<Option<i64>> {
        Ok(self
            .tx
            .query_row(
                "SELECT by_sequence FROM bundles_replaced WHERE sender = ?1 AND receiver = ?2 AND sequence = ?3",
                params![sender, receiver, sequence],
                |r| r.get(0),
            )
            .optional()?)
    }

    /// Whether bundle `sequence` of `sender` for `receiver` is here: merged, or replaced by
    /// a full bundle merged here.
    pub fn has_number(&self, sender: &str, receiver: &str, sequence: i64) -> Result<bool> {
        Ok(self
            .received_checksum(sender, receiver, sequence)?
            .is_some()
            || self.replaced_by(sender, receiver, sequence)?.is_some())
    }

    /// The stretches of numbers below `sequence` of `sender` for `receiver` neither merged
    /// here nor replaced, in order.
    pub fn missing_before(&self, sender: &str, receiver: &str, sequence: i64) -> Result<Vec<Gap>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT sequence FROM bundles_received WHERE sender = ?1 AND receiver = ?2 AND sequence < ?3
             UNION
             SELECT sequence FROM bundles_replaced WHERE sender = ?1 AND receiver = ?2 AND sequence < ?3
             ORDER BY 1",
        )?;
        let have = stmt
            .query_map(params![sender, receiver, sequence], |r| r.get::<_, i64>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(gaps(&have, sequence))
    }

    /// The village and the sender's date and time of bundle `sequence` of `sender` for
    /// `receiver`, if it was merged here.
    pub fn received_village_at(
        &self,
        sender: &str,
        receiver: &str,
        sequence: i64,
    ) -> Result<Option<(String, String)>> {
        Ok(self
            .tx
            .query_row(
                "SELECT village_code, sent_at FROM bundles_received WHERE sender = ?1 AND receiver = ?2 AND sequence = ?3",
                params![sender, receiver, sequence],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
    }

    /// Whether a bundle of `village_code` from `sender` for `receiver` was merged here.
    pub fn merged_from(&self, sender: &str, receiver: &str, village_code: &str) -> Result<bool> {
        Ok(self.tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM bundles_received WHERE sender = ?1 AND receiver = ?2 AND village_code = ?3)",
            [sender, receiver, village_code],
            |r| r.get(0),
        )?)
    }

    /// This ledger's bundles (as `sender`) of `village_code` for `receiver`: number and the
    /// audit row each reached, in order.
    pub fn sent_marks(
        &self,
        sender: &str,
        receiver: &str,
        village_code: &str,
    ) -> Result<Vec<(i64, i64)>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT sequence, audit_seq FROM bundles_sent WHERE sender = ?1 AND receiver = ?2 AND village_code = ?3 ORDER BY sequence",
        )?;
        let rows = stmt.query_map([sender, receiver, village_code], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The household's newest audit row.
    pub fn household_last_seq(&self, household_id: &str) -> Result<Option<i64>> {
        Ok(self.tx.query_row(
            "SELECT MAX(seq) FROM audit WHERE household_id = ?1",
            [household_id],
            |r| r.get(0),
        )?)
    }

    /// Whether this ledger, as `sender`, wrote bundles for `receiver` of another village
    /// than `village_code` (its numbers then interleave: each bundle names the previous
    /// one of its village).
    pub fn sent_other_villages(
        &self,
        sender: &str,
        receiver: &str,
        village_code: &str,
    ) -> Result<bool> {
        Ok(self.tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM bundles_sent WHERE sender = ?1 AND receiver = ?2 AND village_code <> ?3)",
            [sender, receiver, village_code],
            |r| r.get(0),
        )?)
    }

    /// Keeps `numbers` (below `by`) as replaced by the full bundle `by`; numbers merged
    /// before are left as they were.
    pub fn record_replaced(
        &self,
        sender: &str,
        receiver: &str,
        numbers: &[i64],
        by: i64,
    ) -> Result<()> {
        let mut stmt = self.tx.prepare_cached(
            "INSERT OR IGNORE INTO bundles_replaced (sender, receiver, sequence, by_sequence)
             SELECT ?1, ?2, ?3, ?4 WHERE NOT EXISTS (SELECT 1 FROM bundles_received
               WHERE sender = ?1 AND receiver = ?2 AND sequence = ?3)",
        )?;
        for n in numbers.iter().filter(|n| (1..by).contains(*n)) {
            stmt.execute(params![sender, receiver, n, by])?;
        }
        Ok(())
    }

    /// The numbers of the bundles of `village_code` for `receiver` that this ledger wrote
    /// as `sender`, in order.
    pub fn sent_numbers(
        &self,
        sender: &str,
        receiver: &str,
        village_code: &str,
    ) -> Result<Vec<i64>> {
        let mut stmt = self.tx.prepare_cached(
            "SELECT sequence FROM bundles_sent WHERE sender = ?1 AND receiver = ?2 AND village_code = ?3 ORDER BY sequence",
        )?;
        let rows = stmt.query_map([sender, receiver, village_code], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// The stretches of 1..`below` not in `have` (sorted, distinct).
fn gaps(have: &[i64], below: i64) -> Vec<Gap> {
    let mut out = Vec::new();
    let mut next = 1;
    for &n in have.iter().chain(std::iter::once(&below)) {
        if n > next {
            out.push((next, n - 1));
        }
        next = next.max(n + 1);
    }
    out
}

/// Bundle numbers in words: `1、2、3`.
pub fn numbers_text(numbers: &[i64]) -> String {
    let list: Vec<String> = numbers.iter().map(i64::to_string).collect();
    list.join("、")
}

/// Stretches in words: `第2号`, `第2至4号、第7号`.
pub fn gaps_text(gaps: &[Gap]) -> String {
    gaps.iter()
        .map(|&(a, b)| {
            if a == b {
                format!("第{a}号")
            } else {
                format!("第{a}至{b}号")
            }
        })
        .collect::<Vec<_>>()
        .join("、")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_name_every_stretch_below_the_number() {
        assert_eq!(gaps(&[], 1), vec![]);
        assert_eq!(gaps(&[], 2), vec![(1, 1)]);
        assert_eq!(gaps(&[1, 2], 3), vec![]);
        assert_eq!(gaps(&[1, 3], 6), vec![(2, 2), (4, 5)]);
        assert_eq!(gaps(&[2], 3), vec![(1, 1)]);
        // A crafted number far ahead is one stretch, not a billion entries.
        assert_eq!(gaps(&[1], 1_000_000_000), vec![(2, 999_999_999)]);
        assert_eq!(gaps_text(&[(2, 2), (4, 5)]), "第2号、第4至5号");
    }
}
