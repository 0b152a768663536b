//! Stable record ids: new ones are time-ordered UUIDs (v7); missing ones in an imported file are
//! derived from the household id and the record's place, so importing the same file
//! twice gives the same ids and never duplicates anything.

use super::Household;
use sha2::{Digest, Sha256};

/// A new id, time-ordered (UUIDv7): ids made later sort later, so a new record's key
/// lands at the end of each index instead of on a random page.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

fn digest(parts: &[&str]) -> [u8; 32] {
    let mut hash = Sha256::new();
    for p in parts {
        hash.update(p.as_bytes());
        hash.update([0u8]);
    }
    hash.finalize().into()
}

/// A deterministic id from parts (UUID-shaped, from a SHA-256 of the parts).
pub fn derived_id(parts: &[&str]) -> String {
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest(parts)[..16]);
    uuid::Builder::from_random_bytes(bytes)
        .into_uuid()
        .to_string()
}

/// A deterministic time-ordered id (UUIDv7 layout): `millis` in the time field, the rest
/// derived from `parts`. Ids sort by `millis`; a generator that counts up (the demo) gets
/// ids that append to every index, and the same ids on every run.
pub fn ordered_id(millis: u64, parts: &[&str]) -> String {
    let mut rest = [0u8; 10];
    rest.copy_from_slice(&digest(parts)[..10]);
    uuid::Builder::from_unix_timestamp_millis(millis, &rest)
        .into_uuid()
        .to_string()
}

fn fill(id: &mut Option<String>, household: &str, kind: &str, index: usize) {
    if id.is_none() {
        *id = Some(derived_id(&[household, kind, &index.to_string()]));
    }
}

impl Household {
    /// Gives every dated record without an id a derived one (see module doc).
    pub fn assign_missing_ids(&mut self) {
        let h = self.id.clone();
        for (i, r) in self.income.iter_mut().enumerate() {
            fill(&mut r.id, &h, "income", i);
        }
        for (i, r) in self.expenses.iter_mut().enumerate() {
            fill(&mut r.id, &h, "expense", i);
        }
        for (i, r) in self.rigid_expenses.iter_mut().enumerate() {
            fill(&mut r.id, &h, "rigid", i);
        }
        for (i, r) in self.pairings.iter_mut().enumerate() {
            fill(&mut r.id, &h, "pairing", i);
        }
        for (i, r) in self.visits.iter_mut().enumerate() {
            fill(&mut r.id, &h, "visit", i);
        }
        for (i, r) in self.measures.iter_mut().enumerate() {
            fill(&mut r.id, &h, "measure", i);
        }
        if let Some(m) = &mut self.monitoring {
            fill(&mut m.id, &h, "monitoring", 0);
        }
        for (i, r) in self.events.iter_mut().enumerate() {
            fill(&mut r.id, &h, "event", i);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordered_ids_sort_by_their_sequence_and_repeat() {
        let a = ordered_id(1_388_534_400_000, &["v", "1"]);
        let b = ordered_id(1_388_534_400_001, &["v", "0"]);
        assert!(a < b, "a later sequence sorts later: {a} {b}");
        assert_eq!(
            a,
            ordered_id(1_388_534_400_000, &["v", "1"]),
            "deterministic"
        );
        assert_eq!(&a[14..15], "7", "UUIDv7 layout: {a}");
    }
}
