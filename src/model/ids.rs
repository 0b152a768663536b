//! Stable record ids: new ones are time-ordered UUIDs (v7); missing ones in an imported file are
//! derived from the household id and the record's place, so importing the same file
//! twice gives the same ids and never duplicates anything. A derived id starts with the
//! household's key, so a household's records sit side by side in every index
//! (docs/design/0015-household-record-ids.md); ids derived by earlier builds
//! are recognised in `earlier_ids.rs`.

use super::Household;
use sha2::{Digest, Sha256};
use std::collections::HashSet;

/// A new id, time-ordered (UUIDv7): ids made later sort later, so a new record's key
/// lands at the end of each index instead of on a random page.
pub fn new_id() -> String {
    uuid::Uuid::now_v7().to_string()
}

pub(crate) fn digest(parts: &[&str]) -> [u8; 32] {
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

/// The ids of one household's records that came without one (UUIDv8, RFC 9562's layout
/// for ids of one's own making): bytes 0–5 are the household's key, the first six bytes
/// of its id when that is a UUID (for the ledger's own v7 ids, the time the household was
/// made), else of a SHA-256 of it; the next 12 bits the record's place in its list; the
/// rest a SHA-256 of household id, kind and place. Deterministic as before; a household's
/// records share one place in each index instead of each taking a random one, and there
/// follow one another in their list's order (households in order append to it).
pub(crate) struct RecordIds<'a> {
    household: &'a str,
    key: [u8; 6],
}

impl<'a> RecordIds<'a> {
    pub(crate) fn of(household: &'a str) -> Self {
        let mut key = [0u8; 6];
        match uuid::Uuid::try_parse(household) {
            Ok(u) => key.copy_from_slice(&u.as_bytes()[..6]),
            Err(_) => key.copy_from_slice(&digest(&[household])[..6]),
        }
        RecordIds { household, key }
    }

    /// The id of the record of `kind` at `index` in its list.
    pub(crate) fn id(&self, kind: &str, index: usize) -> String {
        self.with_hash(index, &digest(&[self.household, kind, &index.to_string()]))
    }

    /// The `n`th other id for that place, when its own is taken (see `assign_missing_ids`).
    fn other_id(&self, kind: &str, index: usize, n: usize) -> String {
        self.with_hash(
            index,
            &digest(&[self.household, kind, &index.to_string(), &n.to_string()]),
        )
    }

    fn with_hash(&self, index: usize, digest: &[u8; 32]) -> String {
        let mut bytes = [0u8; 16];
        bytes[..6].copy_from_slice(&self.key);
        // The place, big-endian under the version nibble (places past 4095 share the last).
        let place = index.min(0xFFF) as u16;
        bytes[6..8].copy_from_slice(&place.to_be_bytes());
        bytes[8..].copy_from_slice(&digest[..8]);
        uuid::Builder::from_custom_bytes(bytes)
            .into_uuid()
            .to_string()
    }
}

/// One id a household's member or dated record holds: the record's table, the list's key
/// in the exchange file (`members`, `income` …) and the record's place in it.
pub(crate) struct HeldId<'h> {
    pub table: &'static str,
    pub list: &'static str,
    pub index: usize,
    pub id: &'h str,
}

impl HeldId<'_> {
    /// Where the id stands in the household's exchange shape (`income[3].x_id`).
    pub fn path(&self) -> String {
        match self.table {
            "members" => format!("members[{}].id", self.index),
            "monitoring" => "monitoring.x_id".into(),
            _ => format!("{}[{}].x_id", self.list, self.index),
        }
    }
}

/// Every id the household's members and dated records hold (records without one left out),
/// in the order of the exchange file.
pub(crate) fn held_ids(h: &Household) -> Vec<HeldId<'_>> {
    let members = h.members.iter().map(|m| Some(&m.id)).collect();
    let lists: [(&'static str, &'static str, Vec<Option<&String>>); 9] = [
        ("members", "members", members),
        (
            "income_lines",
            "income",
            h.income.iter().map(|r| r.id.as_ref()).collect(),
        ),
        (
            "expenses",
            "expenses",
            h.expenses.iter().map(|r| r.id.as_ref()).collect(),
        ),
        (
            "rigid_expenses",
            "rigid_expenses",
            h.rigid_expenses.iter().map(|r| r.id.as_ref()).collect(),
        ),
        (
            "pairings",
            "pairings",
            h.pairings.iter().map(|r| r.id.as_ref()).collect(),
        ),
        (
            "visits",
            "visits",
            h.visits.iter().map(|r| r.id.as_ref()).collect(),
        ),
        (
            "measures",
            "measures",
            h.measures.iter().map(|r| r.id.as_ref()).collect(),
        ),
        (
            "monitoring",
            "monitoring",
            h.monitoring.iter().map(|r| r.id.as_ref()).collect(),
        ),
        (
            "member_events",
            "events",
            h.events.iter().map(|r| r.id.as_ref()).collect(),
        ),
    ];
    let mut out = Vec::new();
    for (table, list, ids) in lists {
        for (index, id) in ids.into_iter().enumerate() {
            if let Some(id) = id {
                out.push(HeldId {
                    table,
                    list,
                    index,
                    id: id.as_str(),
                });
            }
        }
    }
    out
}

/// Each list of a household's dated records by the kind its derived ids name, with each
/// record's id (the monitoring record is a list of at most one).
pub(crate) fn record_lists(h: &mut Household) -> [(&'static str, Vec<&mut Option<String>>); 8] {
    [
        ("income", h.income.iter_mut().map(|r| &mut r.id).collect()),
        (
            "expense",
            h.expenses.iter_mut().map(|r| &mut r.id).collect(),
        ),
        (
            "rigid",
            h.rigid_expenses.iter_mut().map(|r| &mut r.id).collect(),
        ),
        (
            "pairing",
            h.pairings.iter_mut().map(|r| &mut r.id).collect(),
        ),
        ("visit", h.visits.iter_mut().map(|r| &mut r.id).collect()),
        (
            "measure",
            h.measures.iter_mut().map(|r| &mut r.id).collect(),
        ),
        (
            "monitoring",
            h.monitoring.iter_mut().map(|r| &mut r.id).collect(),
        ),
        ("event", h.events.iter_mut().map(|r| &mut r.id).collect()),
    ]
}

impl Household {
    /// Gives every dated record without an id a derived one (see module doc). In a list
    /// that mixes both, a record that kept its id from an export may hold the very id a new
    /// record's place derives (records deleted above it moved it up): the new record then
    /// takes another id for its place, the same on every import of the file.
    pub fn assign_missing_ids(&mut self) {
        let household = self.id.clone();
        let ids = RecordIds::of(&household);
        for (kind, list) in record_lists(self) {
            let mixed = list.iter().any(|id| id.is_none()) && list.iter().any(|id| id.is_some());
            let given: HashSet<String> = match mixed {
                true => list.iter().filter_map(|id| (**id).clone()).collect(),
                false => HashSet::new(),
            };
            for (i, id) in list.into_iter().enumerate() {
                if id.is_none() {
                    let mut derived = ids.id(kind, i);
                    let mut n = 1;
                    while given.contains(&derived) {
                        derived = ids.other_id(kind, i, n);
                        n += 1;
                    }
                    *id = Some(derived);
                }
            }
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

    #[test]
    fn a_households_derived_ids_share_its_key_and_repeat() {
        let made = "01434b19-8401-7191-bf9f-08d6ecf2a924";
        let ids = RecordIds::of(made);
        let (a, b) = (ids.id("income", 0), ids.id("income", 1));
        assert_ne!(a, b);
        assert!(
            a.starts_with("01434b19-8401-") && b.starts_with("01434b19-8401-"),
            "{a} {b}"
        );
        assert_eq!(&a[14..15], "8", "UUIDv8 layout: {a}");
        assert_eq!(a, RecordIds::of(made).id("income", 0), "deterministic");
        assert_ne!(a, ids.id("visit", 0), "the kind counts");
        assert!(a < b && b < ids.id("income", 300), "in their list's order");

        // Any other id: its key is hashed, still shared by all its records.
        let (c, d) = (
            RecordIds::of("h-1").id("income", 0),
            RecordIds::of("h-1").id("visit", 3),
        );
        assert_eq!(c[..14], d[..14]);
        assert_ne!(c[..14], RecordIds::of("h-2").id("income", 0)[..14]);
    }

    #[test]
    fn a_new_record_never_takes_the_id_an_exported_one_kept() {
        let mut h: Household = serde_json::from_value(serde_json::json!({
            "id": "h-1", "code": "1", "members": [],
            "income": [
                {"year": 2024, "category": "wage", "item": "务工", "amount": 1.0, "counted": true},
                {"year": 2025, "category": "wage", "item": "务工", "amount": 2.0, "counted": true}
            ]
        }))
        .unwrap();
        h.assign_missing_ids();
        // Exported, then edited by hand: the first line deleted, a new one added at the end.
        h.income.remove(0);
        let mut added = h.income[0].clone();
        added.id = None;
        added.year = 2026;
        h.income.push(added);
        let kept = h.income[0].id.clone();
        assert_eq!(
            kept,
            Some(RecordIds::of("h-1").id("income", 1)),
            "the place it had"
        );
        let mut again = h.clone();
        h.assign_missing_ids();
        again.assign_missing_ids();
        assert_eq!(h.income[0].id, kept);
        assert_ne!(h.income[1].id, kept, "not the kept line's id");
        assert_eq!(
            h.income[1].id, again.income[1].id,
            "the same on every import"
        );
    }
}
