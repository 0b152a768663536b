//! Migration 0015's step in Rust: the record ids an earlier build derived for records that
//! came without one (`model/earlier_ids.rs`) become the ids this build derives for the
//! same records (`model/ids.rs`), together with the places that name them: the bases of
//! bundle merges and the merge conflicts. One audit row per household says so; the old
//! ids can always be derived again from household, kind and place.

use super::chain;
use crate::model::earlier_ids::{earlier_id, kind_of_table, looks_earlier, PLACES_BEYOND};
use crate::model::ids::RecordIds;
use crate::Result;
use rusqlite::{params, Connection};
use std::collections::{BTreeMap, HashSet};

/// The tables whose records take derived ids.
const TABLES: [&str; 8] = [
    "income_lines",
    "expenses",
    "rigid_expenses",
    "pairings",
    "visits",
    "measures",
    "monitoring",
    "member_events",
];

/// Re-derives every stored earlier id; how many records were renamed.
// The audit rows are stamped with the time of the migration, as every write is.
#[allow(clippy::disallowed_methods)]
pub(crate) fn stored_ids(conn: &Connection) -> Result<usize> {
    // Household → (old id, new id) of each renamed record.
    let mut renamed: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for table in TABLES {
        let kind = kind_of_table(table).expect("every table here names its kind");
        let mut rows: Vec<(String, String)> = conn
            .prepare(&format!("SELECT household_id, id FROM {table}"))?
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?
            .collect::<rusqlite::Result<_>>()?;
        rows.sort_unstable();
        let mut update = conn.prepare(&format!("UPDATE {table} SET id = ?1 WHERE id = ?2"))?;
        for household in rows.chunk_by(|a, b| a.0 == b.0) {
            let id = &household[0].0;
            let mut wanted: HashSet<&str> = (household.iter())
                .map(|(_, r)| r.as_str())
                .filter(|r| looks_earlier(r))
                .collect();
            let ids = RecordIds::of(id);
            for index in 0..household.len() + PLACES_BEYOND {
                if wanted.is_empty() {
                    break;
                }
                let old = earlier_id(id, kind, index);
                if wanted.remove(old.as_str()) {
                    let new = ids.id(kind, index);
                    update.execute(params![new, old])?;
                    renamed.entry(id.clone()).or_default().push((old, new));
                }
            }
        }
    }
    let at = chrono::Local::now()
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string();
    let mut total = 0;
    for (household, pairs) in &renamed {
        rename_in_merges(conn, household, pairs)?;
        audit(conn, &at, household, pairs.len())?;
        total += pairs.len();
    }
    Ok(total)
}

/// Renames the ids in the household's merge base and in its conflicts' paths and values.
fn rename_in_merges(conn: &Connection, household: &str, pairs: &[(String, String)]) -> Result<()> {
    let rename =
        |text: String| (pairs.iter()).fold(text, |t, (old, new)| t.replace(old.as_str(), new));
    let key = format!("household:{household}");
    let bases: Vec<(String, String)> = conn
        .prepare("SELECT village_code, document FROM bundle_bases WHERE record_key = ?1")?
        .query_map([&key], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (village, document) in bases {
        conn.execute(
            "UPDATE bundle_bases SET document = ?1 WHERE village_code = ?2 AND record_key = ?3",
            params![rename(document), village, key],
        )?;
    }
    type Named = (i64, String, Option<String>, Option<String>);
    let conflicts: Vec<Named> = conn
        .prepare("SELECT id, path, mine, theirs FROM conflicts WHERE household_id = ?1")?
        .query_map([household], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?
        .collect::<rusqlite::Result<_>>()?;
    for (id, path, mine, theirs) in conflicts {
        conn.execute(
            "UPDATE conflicts SET path = ?1, mine = ?2, theirs = ?3 WHERE id = ?4",
            params![rename(path), mine.map(rename), theirs.map(rename), id],
        )?;
    }
    Ok(())
}

/// The household's audit row for the renaming, chained like every other.
fn audit(conn: &Connection, at: &str, household: &str, count: usize) -> Result<()> {
    let (last, previous) = match chain::head(conn)? {
        Some((seq, hash)) => (seq, hash.unwrap_or_default()),
        None => (0, String::new()),
    };
    let new = format!("按户归组的编号（{count}条记录）");
    let reason = "软件升级：收入、走访等记录的派生编号改为按户归组（迁移0015），记录内容不变";
    let link = chain::Link {
        seq: last + 1,
        at,
        operator: "系统升级",
        table: "households",
        record_id: household,
        household_id: Some(household),
        action: "update",
        field: Some("记录编号"),
        old: Some("按位置散列的编号"),
        new: Some(&new),
        reason: Some(reason),
    };
    let hash = chain::hash(&previous, &link);
    conn.execute(
        "INSERT INTO audit (seq, at, operator, table_name, record_id, household_id, action,
         field, old_value, new_value, reason, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
        params![link.seq, at, link.operator, link.table, household, household, link.action,
            link.field, link.old, new, reason, hash],
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ids::record_lists;
    use crate::model::VillageDocument;
    use crate::store::Ledger;

    fn import(path: &std::path::Path, doc: &VillageDocument, today: chrono::NaiveDate) -> Ledger {
        let mut ledger = Ledger::open(path).unwrap();
        let named = [Ok((doc.clone(), "v.json".to_string()))];
        crate::exchange::import_many_at(&mut ledger, named, today, today, true).unwrap();
        ledger
    }

    #[test]
    fn a_ledger_from_an_earlier_build_gets_todays_ids_for_the_same_records() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        let mut doc = crate::demo::generate_on(8, 3, today).remove(0);
        // As from another tool: records without ids, which the ledger derives.
        for h in &mut doc.households {
            for (_, list) in record_lists(h) {
                list.into_iter().for_each(|id| *id = None);
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("earlier.db");
        let first = &(doc.households.iter())
            .find(|h| !h.visits.is_empty())
            .expect("the demo visits")
            .id;
        let old_visit = earlier_id(first, "visit", 0);
        let new_visit = RecordIds::of(first).id("visit", 0);
        {
            // The ledger as an earlier build left it: its ids, a merge base and a
            // conflict naming one of them, schema 14.
            let ledger = import(&path, &doc, today);
            let conn = ledger.conn();
            for h in &doc.households {
                let ids = RecordIds::of(&h.id);
                for table in TABLES {
                    let kind = kind_of_table(table).unwrap();
                    for index in 0..60 {
                        conn.execute(
                            &format!("UPDATE {table} SET id = ?1 WHERE id = ?2"),
                            params![earlier_id(&h.id, kind, index), ids.id(kind, index)],
                        )
                        .unwrap();
                    }
                }
            }
            let base = format!(r#"{{"id":"{first}","visits":[{{"x_id":"{old_visit}"}}]}}"#);
            conn.execute(
                "INSERT INTO bundle_bases VALUES ('v', ?1, ?2, '2026-01-01')",
                params![format!("household:{first}"), base],
            )
            .unwrap();
            conn.execute(
                "INSERT INTO conflicts (village_code, household_id, record_key, path, field,
                 mine, theirs, theirs_by, theirs_at, sender, sequence, created_at)
                 VALUES ('v', ?1, ?2, ?3, 'found', '\"a\"', '\"b\"', 'x', 'y', 's', 1, 'z')",
                params![
                    first,
                    format!("household:{first}"),
                    format!(r#"["visits","{old_visit}","found"]"#)
                ],
            )
            .unwrap();
            conn.pragma_update(None, "user_version", 14).unwrap();
        }
        let visits: i64 = Ledger::open(&path)
            .unwrap()
            .read_count(&format!(
                "SELECT COUNT(*) FROM visits WHERE id = '{old_visit}'"
            ))
            .unwrap();
        assert_eq!(visits, 0, "the earlier id is gone");

        let upgraded = Ledger::open(&path).unwrap();
        let fresh = import(&dir.path().join("fresh.db"), &doc, today);
        for h in &doc.households {
            // Recorded at a second apart, the two ledgers agree in every record's id.
            let ids = |l: &Ledger| {
                let mut stored = l.household(&h.id).unwrap().household;
                record_lists(&mut stored).map(|(kind, list)| {
                    (
                        kind,
                        list.into_iter().map(|id| id.clone()).collect::<Vec<_>>(),
                    )
                })
            };
            assert_eq!(
                ids(&upgraded),
                ids(&fresh),
                "one record, one id, whichever build derived it"
            );
        }
        let (base, path): (String, String) = upgraded
            .conn()
            .query_row(
                "SELECT b.document, c.path FROM bundle_bases b, conflicts c",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert!(
            base.contains(&new_visit) && !base.contains(&old_visit),
            "{base}"
        );
        assert!(path.contains(&new_visit), "{path}");
        let trail = upgraded.audit_for(first).unwrap();
        assert!(
            trail.iter().any(|e| e.operator == "系统升级"
                && e.reason.as_deref().is_some_and(|r| r.contains("迁移0015"))),
            "the renaming is in the household's audit trail"
        );
        assert_eq!(upgraded.audit_verify().unwrap().first_break, None);
    }
}
