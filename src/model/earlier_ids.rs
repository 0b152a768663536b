//! Record ids derived by earlier builds (a SHA-256 of household id, kind and place, in the
//! UUIDv4 layout), recognised in a document such a build wrote (an export, a bundle) and
//! replaced by the id this build derives for the same record: one record keeps one id
//! whichever build derived it. The ledger's stored ids were re-derived once, by migration
//! 0015 (`store/rederive.rs`).

use super::ids::{record_lists, RecordIds};
use super::{derived_id, Household, VillageDocument};
use std::collections::{HashMap, HashSet};

/// How far past a list's end an earlier id is looked for: records deleted before the
/// document was written move the later ones up their list.
pub(crate) const PLACES_BEYOND: usize = 256;

/// Households whose ids in the earlier layout turned out to be none of the earlier derived
/// ones, after which a document that had none at all is taken for another tool's and the
/// rest of it is not searched (each such list costs a search of all its places).
const FOREIGN_HOUSEHOLDS: usize = 64;

/// The id an earlier build derived for the record of `kind` at `index`.
pub(crate) fn earlier_id(household: &str, kind: &str, index: usize) -> String {
    derived_id(&[household, kind, &index.to_string()])
}

/// Whether an id has the earlier layout (version 4); only such ids are looked up.
pub(crate) fn looks_earlier(id: &str) -> bool {
    id.len() == 36 && id.as_bytes()[14] == b'4'
}

/// The ids among `ids` that an earlier build derived for the household's records of `kind`
/// at one of their list's first `places` places, each with the id this build derives for
/// that place. The one search behind documents, tombstones and migration 0015.
pub(crate) fn rederived<'i>(
    household: &str,
    kind: &str,
    ids: impl IntoIterator<Item = &'i str>,
    places: usize,
) -> Vec<(&'i str, String)> {
    let mut wanted: HashSet<&str> = ids.into_iter().filter(|id| looks_earlier(id)).collect();
    let today = RecordIds::of(household);
    let mut found = Vec::new();
    for index in 0..places {
        if wanted.is_empty() {
            break;
        }
        if let Some(id) = wanted.take(earlier_id(household, kind, index).as_str()) {
            found.push((id, today.id(kind, index)));
        }
    }
    found
}

/// Re-derives one household's earlier ids: (ids that looked earlier, ids replaced).
fn rederive(h: &mut Household) -> (usize, usize) {
    let household = h.id.clone();
    let (mut looked, mut replaced) = (0, 0);
    for (kind, list) in record_lists(h) {
        let given: Vec<&str> = list.iter().filter_map(|id| id.as_deref()).collect();
        looked += given.iter().filter(|id| looks_earlier(id)).count();
        let places = list.len() + PLACES_BEYOND;
        let found: HashMap<String, String> = rederived(&household, kind, given, places)
            .into_iter()
            .map(|(old, new)| (old.to_string(), new))
            .collect();
        for id in list {
            if let Some(new) = id.as_ref().and_then(|old| found.get(old)) {
                *id = Some(new.clone());
                replaced += 1;
            }
        }
    }
    (looked, replaced)
}

/// The kind a table's derived ids name.
pub(crate) fn kind_of_table(table: &str) -> Option<&'static str> {
    Some(match table {
        "income_lines" => "income",
        "expenses" => "expense",
        "rigid_expenses" => "rigid",
        "pairings" => "pairing",
        "visits" => "visit",
        "measures" => "measure",
        "monitoring" => "monitoring",
        "member_events" => "event",
        _ => return None,
    })
}

/// The id this build derives for a deleted record that an earlier build named `id` (a
/// tombstone in that build's bundle or an audit row it wrote: its place is no longer known,
/// so the first places of its list are tried); `id` itself when it is not an earlier
/// derived one.
pub fn rederive_deleted_id(table: &str, household: &str, id: &str) -> String {
    kind_of_table(table)
        .and_then(|kind| rederived(household, kind, [id], 2 * PLACES_BEYOND).pop())
        .map_or_else(|| id.to_string(), |(_, today)| today)
}

impl VillageDocument {
    /// Gives the records whose ids an earlier build derived the ids this build derives;
    /// how many. Every household is searched (a document may mix ids of several origins),
    /// until `FOREIGN_HOUSEHOLDS` households with ids in the earlier layout have shown no
    /// earlier derived one and none has been found anywhere: the ids are then another
    /// tool's own, and the rest of the document is not searched.
    pub fn rederive_earlier_ids(&mut self) -> usize {
        let (mut total, mut foreign) = (0, 0);
        for h in &mut self.households {
            if total == 0 && foreign >= FOREIGN_HOUSEHOLDS {
                break;
            }
            let (looked, replaced) = rederive(h);
            if looked > 0 && replaced == 0 {
                foreign += 1;
            }
            total += replaced;
        }
        total
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::digest;

    fn household(id: &str) -> Household {
        serde_json::from_value(serde_json::json!({
            "id": id, "code": "1", "members": [],
            "income": [
                {"year": 2020, "category": "wage", "item": "务工", "amount": 1000.0, "counted": true},
                {"year": 2021, "category": "wage", "item": "务工", "amount": 1200.0, "counted": true}
            ],
            "visits": [{"date": "2021-03-01", "cadre": "c-1", "mode": "home"}]
        }))
        .unwrap()
    }

    #[test]
    fn ids_an_earlier_build_derived_become_todays_for_the_same_record() {
        let mut earlier = household("h-1");
        // As an earlier build exported it: ids derived the old way, one line deleted since.
        earlier.income[0].id = Some(earlier_id("h-1", "income", 0));
        earlier.income[1].id = Some(earlier_id("h-1", "income", 3));
        earlier.visits[0].id = Some(earlier_id("h-1", "visit", 0));
        let mut doc: VillageDocument = serde_json::from_value(serde_json::json!({
            "format": "yibentong.village/1",
            "village": {"code": "1", "name": "村"},
            "cadres": [],
            "households": [earlier]
        }))
        .unwrap();
        assert_eq!(doc.rederive_earlier_ids(), 3);
        let ids = RecordIds::of("h-1");
        let h = &doc.households[0];
        assert_eq!(h.income[0].id, Some(ids.id("income", 0)));
        assert_eq!(
            h.income[1].id,
            Some(ids.id("income", 3)),
            "its place then, not now"
        );
        assert_eq!(h.visits[0].id, Some(ids.id("visit", 0)));

        // Today's file, read again, keeps its ids; so does another tool's.
        let today = doc.clone();
        assert_eq!(doc.rederive_earlier_ids(), 0);
        assert_eq!(doc, today);
        let theirs = "6f1c2e0a-1b2c-4d3e-8f40-5a6b7c8d9e0f".to_string();
        doc.households[0].income[0].id = Some(theirs.clone());
        assert_eq!(doc.rederive_earlier_ids(), 0);
        assert_eq!(doc.households[0].income[0].id, Some(theirs.clone()));

        // A deleted line, named in an earlier build's bundle.
        let gone = earlier_id("h-1", "income", 7);
        assert_eq!(
            rederive_deleted_id("income_lines", "h-1", &gone),
            ids.id("income", 7)
        );
        assert_eq!(rederive_deleted_id("income_lines", "h-1", &theirs), theirs);
    }

    fn document(households: Vec<Household>) -> VillageDocument {
        serde_json::from_value(serde_json::json!({
            "format": "yibentong.village/1",
            "village": {"code": "1", "name": "村"},
            "cadres": [],
            "households": households
        }))
        .unwrap()
    }

    fn foreign(id: &str, n: usize) -> Option<String> {
        let bytes: [u8; 16] = digest(&[id, "foreign", &n.to_string()])[..16]
            .try_into()
            .unwrap();
        Some(
            uuid::Builder::from_random_bytes(bytes)
                .into_uuid()
                .to_string(),
        )
    }

    #[test]
    fn a_document_mixing_origins_is_searched_past_households_it_cannot_place() {
        // First households whose lines a cadre entered by hand in an earlier build (random
        // v4 ids), then one whose lines an earlier build derived.
        let mut households: Vec<Household> = (0..10)
            .map(|i| {
                let mut h = household(&format!("h-{i}"));
                h.income[0].id = foreign(&h.id, 0);
                h.income[1].id = foreign(&h.id, 1);
                h
            })
            .collect();
        let mut derived = household("h-99");
        derived.income[0].id = Some(earlier_id("h-99", "income", 0));
        derived.visits[0].id = foreign("h-99", 2);
        households.push(derived);
        let mut doc = document(households);
        assert_eq!(doc.rederive_earlier_ids(), 1);
        let h = doc.households.last().unwrap();
        assert_eq!(h.income[0].id, Some(RecordIds::of("h-99").id("income", 0)));
        assert_eq!(h.visits[0].id, foreign("h-99", 2), "a hand-made id is kept");
        assert_eq!(doc.households[0].income[0].id, foreign("h-0", 0));

        // Another tool's file with ids on everything: searched only so far.
        let mut many: Vec<Household> = (0..FOREIGN_HOUSEHOLDS + 20)
            .map(|i| {
                let mut h = household(&format!("t-{i}"));
                h.income[0].id = foreign(&h.id, 0);
                h
            })
            .collect();
        many.last_mut().unwrap().income[1].id = Some(earlier_id("t-83", "income", 1));
        let mut doc = document(many);
        assert_eq!(
            doc.rederive_earlier_ids(),
            0,
            "not searched past the first 64"
        );
    }
}
