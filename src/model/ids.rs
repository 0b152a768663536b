//! Stable record ids: new ones are random UUIDs; missing ones in an imported file are
//! derived from the household id and the record's place, so importing the same file
//! twice gives the same ids and never duplicates anything.

use super::Household;
use sha2::{Digest, Sha256};

/// A new random id.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// A deterministic id from parts (UUID-shaped, from a SHA-256 of the parts).
pub fn derived_id(parts: &[&str]) -> String {
    let mut hash = Sha256::new();
    for p in parts {
        hash.update(p.as_bytes());
        hash.update([0u8]);
    }
    let digest = hash.finalize();
    let mut bytes = [0u8; 16];
    bytes.copy_from_slice(&digest[..16]);
    uuid::Builder::from_random_bytes(bytes)
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
