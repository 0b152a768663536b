//! Migration 0015's step in Rust: the record ids an earlier build derived for records that
//! came without one (`model/earlier_ids.rs`) become the ids this build derives for the
//! same records (`model/ids.rs`), together with the places that name them: the bases of
//! bundle merges and the merge conflicts. One audit row per household says so; the old
//! ids can always be derived again from household, kind and place.

use super::chain;
use crate::model::earlier_ids::{kind_of_table, rederived, PLACES_BEYOND};
use crate::Result;
use rusqlite::{params, Connection};
use std::collections::BTreeSet;

/// The tables whose records take derived ids, each with the kind its ids name (all the
/// household's child tables but members, whose ids come with them).
fn tables() -> impl Iterator<Item = (&'static str, &'static str)> {
    (super::rows::CHILD_TABLES.iter()).filter_map(|&t| kind_of_table(t).map(|kind| (t, kind)))
}

/// Re-derives every stored earlier id; how many records were renamed.
pub(crate) fn stored_ids(conn: &Connection) -> Result<usize> {
    // Households first, then one household at a time: a county's ledger is never held
    // in memory whole.
    let mut households = BTreeSet::new();
    for (table, _) in tables() {
        let mut stmt = conn.prepare(&format!(
            // Ids in the earlier layout (`looks_earlier`: version 4).
            "SELECT DISTINCT household_id FROM {table} WHERE substr(id, 15, 1) = '4'"
        ))?;
        for id in stmt.query_map([], |r| r.get::<_, String>(0))? {
            households.insert(id?);
        }
    }
    let at = super::stamp_now();
    let mut total = 0;
    for household in &households {
        let pairs = rename_records(conn, household)?;
        if !pairs.is_empty() {
            rename_in_merges(conn, household, &pairs)?;
            audit(conn, &at, household, pairs.len())?;
            total += pairs.len();
        }
    }
    Ok(total)
}

/// Renames one household's records whose ids an earlier build derived; (old, new) of each.
fn rename_records(conn: &Connection, household: &str) -> Result<Vec<(String, String)>> {
    let mut pairs = Vec::new();
    for (table, kind) in tables() {
        let stored: Vec<String> = conn
            .prepare_cached(&format!("SELECT id FROM {table} WHERE household_id = ?1"))?
            .query_map([household], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        // `OR IGNORE`: an earlier build that read a file this build wrote holds the record
        // under both ids (today's row kept, its own deleted); its own then stays as it is.
        let mut update = conn.prepare_cached(&format!(
            "UPDATE OR IGNORE {table} SET id = ?1 WHERE id = ?2"
        ))?;
        let places = stored.len() + PLACES_BEYOND;
        for (old, new) in rederived(household, kind, stored.iter().map(String::as_str), places) {
            if update.execute(params![new, old])? == 1 {
                pairs.push((old.to_string(), new));
            }
        }
    }
    Ok(pairs)
}

/// Renames the ids in the household's merge base and in its conflicts' paths and values.
fn rename_in_merges(conn: &Connection, household: &str, pairs: &[(String, String)]) -> Result<()> {
    let rename =
        |text: String| (pairs.iter()).fold(text, |t, (old, new)| t.replace(old.as_str(), new));
    let key = format!("household:{household}");
    // By row: a ledger past 0020 keeps a version per sender of the same record.
    let bases: Vec<(i64, String)> = conn
        .prepare_cached("SELECT rowid, document FROM bundle_bases WHERE record_key = ?1")?
        .query_map([&key], |r| Ok((r.get(0)?, r.get(1)?)))?
        .collect::<rusqlite::Result<_>>()?;
    for (row, document) in bases {
        conn.execute(
            "UPDATE bundle_bases SET document = ?1 WHERE rowid = ?2",
            params![rename(document), row],
        )?;
    }
    type Named = (i64, String, Option<String>, Option<String>);
    let conflicts: Vec<Named> = conn
        .prepare_cached("SELECT id, path, mine, theirs FROM conflicts WHERE household_id = ?1")?
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
    let new = format!("按户归组的编号（{count}条记录）");
    append(
        conn,
        chain::Link {
            seq: 0,
            at,
            operator: "系统升级",
            table: "households",
            record_id: household,
            household_id: Some(household),
            action: "update",
            field: Some("记录编号"),
            old: Some("按位置散列的编号"),
            new: Some(&new),
            reason: Some(
                "软件升级：收入、走访等记录的派生编号改为按户归组（迁移0015），记录内容不变",
            ),
        },
    )
}

/// Appends `link` to the audit trail as its next row (its `seq` is set here).
fn append(conn: &Connection, link: chain::Link) -> Result<()> {
    let (last, previous) = chain::tail(conn)?;
    chain::append(
        conn,
        &previous,
        &chain::Link {
            seq: last + 1,
            ..link
        },
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::earlier_ids::earlier_id;
    use crate::model::ids::record_lists;
    use crate::model::ids::RecordIds;
    use crate::model::VillageDocument;
    use crate::store::Ledger;

    /// Takes out what migrations 0022 to 0024 added, for a ledger set back to an earlier version.
    const UNDO_MEMBER_DETAILS: &str = "ALTER TABLE members DROP COLUMN relation_detail;
        ALTER TABLE members DROP COLUMN education_detail;
        ALTER TABLE members DROP COLUMN dibao_area;
        ALTER TABLE members DROP COLUMN tekun_area;
        ALTER TABLE members DROP COLUMN schooling_detail;";

    fn import(path: &std::path::Path, doc: &VillageDocument, today: chrono::NaiveDate) -> Ledger {
        let mut ledger = Ledger::open(path).unwrap();
        let named = [Ok((doc.clone(), "v.json".to_string()))];
        crate::exchange::import_many_at(&mut ledger, named, today, today, true).unwrap();
        ledger
    }

    /// Gives every derived record the id an earlier build derived for it.
    fn set_back(conn: &Connection, doc: &VillageDocument) {
        for h in &doc.households {
            let ids = RecordIds::of(&h.id);
            for (table, kind) in tables() {
                for index in 0..60 {
                    conn.execute(
                        &format!("UPDATE {table} SET id = ?1 WHERE id = ?2"),
                        params![earlier_id(&h.id, kind, index), ids.id(kind, index)],
                    )
                    .unwrap();
                }
            }
        }
    }

    fn without_ids(today: chrono::NaiveDate) -> VillageDocument {
        let mut doc = crate::demo::generate_on(8, 3, today).remove(0);
        // As from another tool: records without ids, which the ledger derives.
        for h in &mut doc.households {
            for (_, list) in record_lists(h) {
                list.into_iter().for_each(|id| *id = None);
            }
        }
        doc
    }

    #[test]
    fn a_ledger_from_an_earlier_build_gets_todays_ids_for_the_same_records() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        let doc = without_ids(today);
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
            set_back(conn, &doc);
            let base = format!(r#"{{"id":"{first}","visits":[{{"x_id":"{old_visit}"}}]}}"#);
            conn.execute(
                "INSERT INTO bundle_bases (village_code, record_key, document, updated_at) VALUES ('v', ?1, ?2, '2026-01-01')",
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
            conn.execute_batch(UNDO_MEMBER_DETAILS).unwrap();
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

    #[test]
    fn a_line_deleted_before_the_upgrade_still_travels_and_one_held_twice_does_not_stop_it() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        let doc = without_ids(today);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("earlier.db");
        let h = &(doc.households.iter())
            .find(|h| h.income.len() >= 2)
            .expect("the demo keeps an income book")
            .id;
        let (old0, old1) = (earlier_id(h, "income", 0), earlier_id(h, "income", 1));
        let ids = RecordIds::of(h);
        let (new0, new1) = (ids.id("income", 0), ids.id("income", 1));
        {
            let ledger = import(&path, &doc, today);
            let conn = ledger.conn();
            set_back(conn, &doc);
            // The earlier build deleted the second line (its audit row names its id) …
            conn.execute("UPDATE income_lines SET deleted = 1 WHERE id = ?1", [&old1])
                .unwrap();
            append(
                conn,
                chain::Link {
                    seq: 0,
                    at: "2026-01-20T10:00:00+08:00",
                    operator: "张书记",
                    table: "income_lines",
                    record_id: &old1,
                    household_id: Some(h),
                    action: "delete",
                    field: None,
                    old: None,
                    new: None,
                    reason: Some("重复录入"),
                },
            )
            .unwrap();
            // … and read a file of this build: the first line under both ids, its own deleted.
            conn.execute_batch(&format!(
                "CREATE TEMP TABLE copy AS SELECT * FROM income_lines WHERE id = '{old0}';
                 UPDATE copy SET id = '{new0}';
                 INSERT INTO income_lines SELECT * FROM copy;
                 UPDATE income_lines SET deleted = 1 WHERE id = '{old0}';"
            ))
            .unwrap();
            conn.execute_batch(UNDO_MEMBER_DETAILS).unwrap();
            conn.pragma_update(None, "user_version", 14).unwrap();
        }
        let mut upgraded = Ledger::open(&path).expect("the upgrade goes through");
        let live = |id: &str| {
            upgraded
                .read_count(&format!(
                    "SELECT COUNT(*) FROM income_lines WHERE id = '{id}' AND deleted = 0"
                ))
                .unwrap()
        };
        assert_eq!(
            (live(&new0), live(&old0)),
            (1, 0),
            "one live line, today's id"
        );
        let village: String = upgraded
            .conn()
            .query_row(
                "SELECT village_id FROM households WHERE id = ?1",
                [h],
                |r| r.get(0),
            )
            .unwrap();
        let gone = upgraded
            .with_tx(|w| w.tombstones_since(&village, None))
            .unwrap();
        assert!(
            gone.iter()
                .any(|t| t.table == "income_lines" && t.id == new1 && &t.household == h),
            "the deletion travels under the line's id of today: {gone:?}"
        );
        assert_eq!(upgraded.audit_verify().unwrap().first_break, None);
    }
}
