//! Loading many households into a ledger that has none yet (a new county or township
//! ledger, the demo): the one transaction of every write, made cheaper in ways only an
//! empty ledger allows. The indexes that a load fills at random places (names, initials,
//! ID numbers, codes, cadres) are dropped when the transaction starts and built again,
//! from their own stored SQL, before it commits (one sort per index instead of an insert
//! at a random place for every row); so are those led by the household id once the
//! households turn out to come in no order (`Bulk` watches). While the load runs the
//! ledger uses a rollback journal instead of its WAL, so every page is written once into
//! the file instead of into a WAL as large as the ledger and copied over at the
//! checkpoint. A load that fails rolls back to the empty ledger, indexes included.
//! Into a plain (unencrypted) ledger file, a large table's indexes are sorted in runs in
//! temporary files on a helper thread (`Load::rebuild`); an encrypted ledger's sorts stay
//! in memory.
//!
//! The load's page cache is 64 MB instead of 256: the load's pages are new, written
//! once, and are better spilled to the file as the load goes than kept to the commit
//! (less memory to fault in and sort; measured in docs/benchmarks.md), and a thread
//! has the OS write them to the disk as they come (`flush_behind.rs`), so that the
//! commit does not wait for all of them at the end.
//!
//! Foreign keys are checked once, before the commit, instead of on every row: SQLite
//! checks an immediate key by looking the parent up for each row, and must keep a
//! statement journal (a copy of every page a many-row INSERT touches) to undo the
//! statement should the check fail at its end. Together that was an eighth of a county
//! import. Every household-owned row of the bulk path takes its household's id from the
//! household it has just inserted (`multi_row.rs` binds it as `?1`); the references that
//! come from the file (a pairing's or visit's cadre, a household's or cadre's village)
//! are checked with `PRAGMA foreign_key_check` before the commit, and a dangling one
//! rolls the whole load back.

use super::rows::CHILD_TABLES;
use super::{Ledger, Writer};
use crate::Result;
use rusqlite::OptionalExtension;

/// The tables a load fills, whose non-unique indexes are built after it.
fn loaded_tables() -> impl Iterator<Item = &'static str> {
    ["households"]
        .into_iter()
        .chain(CHILD_TABLES.iter().copied())
        .chain(["fact_periods", "findings", "audit"])
}

/// An index a load has dropped.
struct Dropped {
    name: String,
    table: &'static str,
    /// The SQL that made it.
    sql: String,
}

/// The indexes a load has dropped, to be built again before it commits.
pub(crate) struct Load {
    dropped: Vec<Dropped>,
    /// Whether those led by the household or record id are among them.
    household_led: bool,
    /// Whether SQLite may sort in temporary files (see `rebuild`).
    sort_in_files: bool,
}

/// Drops the non-unique indexes of the loaded tables: those led by the household or record
/// id when `household_led`, else the others (on names, initials, ID numbers, codes). Unique
/// ones stay: they are constraints, and `ON CONFLICT` clauses name them.
fn drop_indexes(w: &Writer, household_led: bool) -> Result<Vec<Dropped>> {
    let conn = w.conn();
    let mut list = Vec::new();
    let mut stmt = conn.prepare(
        "SELECT m.name, m.sql FROM sqlite_master m, pragma_index_info(m.name) i
         WHERE m.type = 'index' AND m.tbl_name = ?1 AND m.sql IS NOT NULL
         AND m.sql NOT LIKE 'CREATE UNIQUE%' AND i.seqno = 0
         AND (i.name IN ('household_id', 'record_id')) = ?2 ORDER BY m.name",
    )?;
    for table in loaded_tables() {
        let found = stmt
            .query_map(rusqlite::params![table, household_led], |r| {
                Ok(Dropped {
                    name: r.get(0)?,
                    table,
                    sql: r.get(1)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<Dropped>>>()?;
        list.extend(found);
    }
    for index in &list {
        conn.execute_batch(&format!("DROP INDEX \"{}\"", index.name))?;
    }
    Ok(list)
}

impl Load {
    /// Builds the dropped indexes again, each from its own SQL. An index over a large
    /// table, where SQLite may sort in temporary files, is sorted in runs of
    /// `SORT_RUN_KIB` on a helper thread while the writer reads on, and the runs merged:
    /// a county's four indexes on 664,000 members took 2.8 s sorted whole in memory,
    /// 1.3 s so (docs/benchmarks.md, ninth round). A smaller table sorts faster whole.
    fn rebuild(self, w: &Writer) -> Result<()> {
        let conn = w.conn();
        for index in &self.dropped {
            let rows: i64 = conn.query_row(
                &format!("SELECT ifnull(max(rowid), 0) FROM \"{}\"", index.table),
                [],
                |r| r.get(0),
            )?;
            let in_runs = self.sort_in_files && rows >= SORT_IN_RUNS_FROM;
            let (threads, cache) = if in_runs {
                (SORT_THREADS, SORT_RUN_KIB)
            } else {
                (0, LOAD_PAGE_CACHE_KIB)
            };
            conn.pragma_update(None, "threads", threads)?;
            conn.pragma_update(None, "cache_size", -cache)?;
            conn.execute_batch(&index.sql)?;
        }
        conn.pragma_update(None, "threads", 0)?;
        conn.pragma_update(None, "cache_size", -LOAD_PAGE_CACHE_KIB)?;
        Ok(())
    }
}

impl Writer<'_> {
    /// In a load, drops the indexes led by the household id too (to be built again with the
    /// others), for households that come in no order: each would add its rows at a random
    /// place in every one of them. Households whose ids come in order (the ledger's own,
    /// time-ordered) append to them, which costs less than sorting them again. Once per
    /// load; outside a load nothing is dropped.
    pub(crate) fn defer_household_indexes(&self) -> Result<()> {
        let mut load = self.load.borrow_mut();
        let Some(load) = load.as_mut().filter(|l| !l.household_led) else {
            return Ok(());
        };
        load.household_led = true;
        let more = drop_indexes(self, true)?;
        load.dropped.extend(more);
        Ok(())
    }
}

/// The page cache of a load, in KiB (see the module's opening).
const LOAD_PAGE_CACHE_KIB: i64 = 65_536;

/// While the indexes are built again: the page cache, which is also the size of the runs
/// SQLite sorts before merging them (its floor is 250 pages), and its helper threads.
const SORT_RUN_KIB: i64 = 4_096;
const SORT_THREADS: i64 = 1;
/// The rows from which a table's indexes are sorted in runs. The unit tests take that
/// way for every index (the settings made and undone around each, the schema and
/// `PRAGMA integrity_check` compared after the load).
#[cfg(not(test))]
const SORT_IN_RUNS_FROM: i64 = 100_000;
#[cfg(test)]
const SORT_IN_RUNS_FROM: i64 = 1;

/// The tables of a load whose references come from the file rather than from the
/// household the bulk path has just inserted.
const REFERENCING_FROM_FILE: [&str; 4] = ["households", "cadres", "pairings", "visits"];

/// Refuses a load that left a reference without its record (see the module's opening).
fn check_references(w: &Writer) -> Result<()> {
    for table in REFERENCING_FROM_FILE {
        let dangling: Option<(String, String)> = w
            .conn()
            .query_row(
                &format!(
                    "SELECT \"table\", parent FROM pragma_foreign_key_check('{table}') LIMIT 1"
                ),
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        if let Some((table, parent)) = dangling {
            return Err(crate::Error::Invalid(format!(
                "导入中断：有{}记录指向不存在的{}（{table} → {parent}；程序错误，请报告），台账未改动",
                super::table_label(&table),
                super::table_label(&parent),
            )));
        }
    }
    Ok(())
}

impl Ledger {
    /// Runs `f` in one write transaction, as `with_tx` does, for a load of many
    /// households (an import of many files, the demo). Into a ledger without households
    /// the load takes the cheaper way described above; into any other it is `with_tx`.
    pub fn with_load_tx<T>(&mut self, f: impl FnOnce(&Writer) -> Result<T>) -> Result<T> {
        if self.read_only || self.damage.is_some() || !self.has_no_households()? {
            return self.with_tx(f);
        }
        let file = self.path.is_some();
        // Leaving WAL needs the ledger to itself; if another connection has it open the
        // load simply runs in WAL.
        let journal = file && self.journal_mode("delete");
        // Outside the transaction: SQLite ignores the pragma inside one. Whatever happens
        // below, both are set back before returning.
        let set = (self.conn.pragma_update(None, "foreign_keys", false)).and_then(|()| {
            self.conn
                .pragma_update(None, "cache_size", -LOAD_PAGE_CACHE_KIB)
        });
        // An encrypted ledger's temporary storage stays in memory: SQLCipher does not
        // encrypt temporary files. An unencrypted one's file holds the same records in
        // clear, so its sorts may use them (SQLite deletes them as it closes them), where
        // a temporary file can be made at all (a locked-down computer may allow none).
        let sort_in_files = file
            && self.key.is_none()
            && set.is_ok()
            && tempfile::tempfile().is_ok()
            && self.conn.pragma_update(None, "temp_store", "FILE").is_ok();
        let flush = (self.path.as_deref())
            .filter(|_| journal && set.is_ok())
            .map(super::flush_behind::FlushBehind::start);
        let out = set.map_err(crate::Error::from).and_then(|()| {
            self.with_tx(|w| {
                *w.load.borrow_mut() = Some(Load {
                    dropped: drop_indexes(w, false)?,
                    household_led: false,
                    sort_in_files,
                });
                let out = f(w)?;
                let load = w.load.borrow_mut().take();
                if let Some(load) = load {
                    load.rebuild(w)?;
                }
                check_references(w)?;
                Ok(out)
            })
        });
        // Closed after the transaction has ended (see flush_behind.rs on locks).
        drop(flush);
        let keys = self
            .conn
            .pragma_update(None, "foreign_keys", true)
            .and_then(|()| {
                self.conn
                    .pragma_update(None, "cache_size", -super::open::PAGE_CACHE_KIB)
            })
            .and_then(|()| self.conn.pragma_update(None, "temp_store", "MEMORY"))
            .and_then(|()| self.conn.pragma_update(None, "threads", 0));
        if journal {
            // Back to WAL as every ledger opens; should that fail, the ledger stays in
            // rollback-journal mode until it is next opened, which is as safe.
            self.journal_mode("wal");
        }
        let out = out?;
        keys?;
        Ok(out)
    }

    /// Whether the ledger has no household at all (not even a deleted one).
    pub(crate) fn has_no_households(&self) -> Result<bool> {
        let any: Option<i64> = self
            .conn
            .query_row("SELECT 1 FROM households LIMIT 1", [], |r| r.get(0))
            .optional()?;
        Ok(any.is_none())
    }

    /// Switches the journal mode (outside any transaction); whether it took.
    fn journal_mode(&self, mode: &str) -> bool {
        self.conn
            .pragma_update_and_check(None, "journal_mode", mode, |r| r.get::<_, String>(0))
            .is_ok_and(|now| now.eq_ignore_ascii_case(mode))
    }
}

#[cfg(test)]
mod tests {
    use crate::store::Ledger;

    fn schema(l: &Ledger) -> Vec<String> {
        let mut stmt = l
            .conn()
            .prepare("SELECT type || ' ' || name || ': ' || ifnull(sql, '') FROM sqlite_master ORDER BY name")
            .unwrap();
        stmt.query_map([], |r| r.get(0))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap()
    }

    fn journal(l: &Ledger) -> String {
        l.conn()
            .query_row("PRAGMA journal_mode", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn households_in_no_order_have_their_indexes_built_after_the_load() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        let mut docs = crate::demo::generate_on(240, 11, today);
        // Ids as another tool writes them: random, so each sorts anywhere.
        for (v, doc) in docs.iter_mut().enumerate() {
            for (i, h) in doc.households.iter_mut().enumerate() {
                h.id = crate::model::derived_id(&["another tool", &v.to_string(), &i.to_string()]);
            }
        }
        let dir = tempfile::tempdir().unwrap();
        let mut ledger = Ledger::open(&dir.path().join("county.db")).unwrap();
        let before = schema(&ledger);
        let named = docs
            .iter()
            .enumerate()
            .map(|(i, d)| Ok((d.clone(), format!("v{i}.json"))));
        crate::exchange::import_many_at(&mut ledger, named, today, today, true).unwrap();
        assert_eq!(
            schema(&ledger),
            before,
            "every index back, from its own SQL"
        );
        let check: String = ledger
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        let last = docs.last().unwrap().households.last().unwrap();
        let stored = ledger.household(&last.id).unwrap();
        assert_eq!(stored.household.income.len(), last.income.len());
        assert_eq!(stored.household.visits.len(), last.visits.len());
        assert_eq!(ledger.audit_verify().unwrap().first_break, None);
    }

    #[test]
    fn a_load_into_an_empty_ledger_leaves_the_same_schema_and_wal() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        let docs = crate::demo::generate_on(40, 5, today);
        let dir = tempfile::tempdir().unwrap();
        let mut ledger = Ledger::open(&dir.path().join("county.db")).unwrap();
        let before = schema(&ledger);
        let named = |i: usize| Ok((docs[i].clone(), format!("v{i}.json")));

        // The same village twice: the second file is refused and the first rolls back.
        let refused =
            crate::exchange::import_many_at(&mut ledger, [named(0), named(0)], today, today, true);
        assert!(refused.is_err());
        assert_eq!(
            ledger
                .read_count("SELECT COUNT(*) FROM households")
                .unwrap(),
            0
        );
        assert_eq!(schema(&ledger), before, "the dropped indexes come back");
        assert_eq!(journal(&ledger), "wal");

        crate::exchange::import_many_at(&mut ledger, [named(0)], today, today, true).unwrap();
        assert_eq!(
            schema(&ledger),
            before,
            "indexes rebuilt from their own SQL"
        );
        assert_eq!(journal(&ledger), "wal", "back in WAL after the load");
        let pragma = |name: &str| -> i64 {
            ledger
                .conn()
                .query_row(&format!("PRAGMA {name}"), [], |r| r.get(0))
                .unwrap()
        };
        assert_eq!(pragma("temp_store"), 2, "temporary storage in memory again");
        assert_eq!(pragma("threads"), 0);
        assert_eq!(
            ledger
                .read_count("SELECT COUNT(*) FROM households")
                .unwrap(),
            docs[0].households.len() as i64
        );
        let check: String = ledger
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok");
        assert_eq!(ledger.audit_verify().unwrap().first_break, None);
    }

    fn foreign_keys(l: &Ledger) -> bool {
        l.conn()
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .unwrap()
    }

    #[test]
    fn a_load_that_leaves_a_visit_without_its_cadre_rolls_back_whole() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        let doc = crate::demo::generate_on(20, 3, today).remove(0);
        let dir = tempfile::tempdir().unwrap();
        let mut ledger = Ledger::open(&dir.path().join("county.db")).unwrap();
        // Keys are checked before the commit, not row by row: the load below writes a
        // whole village, then a visit by a cadre the ledger does not have.
        let refused = ledger.with_load_tx(|w| {
            let mut bulk = w.bulk()?;
            let opts = crate::store::WriteOptions::today(today, None);
            let village = w.save_village_at("v-1", &doc.village, &opts)?;
            for c in &doc.cadres {
                w.save_cadre_at(&village, c, &opts)?;
            }
            for h in &doc.households {
                let checked = crate::store::CheckedHousehold::check(h.clone(), &doc.cadres, today)
                    .expect("the demo's households are valid");
                bulk.save(&village, checked, &doc.cadres, &opts, "t.json")?;
            }
            let household = &doc.households[0].id;
            w.conn().execute(
                "INSERT INTO visits (id, household_id, seq, date, cadre_id, mode, found, done,
                 follow_up, updated_at) VALUES ('x-1', ?1, 99, '2026-01-10', 'no-such-cadre',
                 'home', '', '', '', '2026-01-15')",
                [household],
            )?;
            Ok(())
        });
        let message = refused.unwrap_err().to_string();
        assert!(
            message.contains("有走访记录指向不存在的帮扶干部")
                && message.contains("visits → cadres"),
            "{message}"
        );
        assert_eq!(
            ledger
                .read_count("SELECT COUNT(*) FROM households")
                .unwrap(),
            0
        );
        assert_eq!(
            ledger.read_count("SELECT COUNT(*) FROM villages").unwrap(),
            0
        );
        assert!(
            foreign_keys(&ledger),
            "keys are checked row by row again after the load"
        );
        assert_eq!(journal(&ledger), "wal");

        // The same load without the stray visit commits, and keys are on after it too.
        ledger
            .with_load_tx(|w| {
                let opts = crate::store::WriteOptions::today(today, None);
                w.save_village_at("v-1", &doc.village, &opts)?;
                Ok(())
            })
            .unwrap();
        assert_eq!(
            ledger.read_count("SELECT COUNT(*) FROM villages").unwrap(),
            1
        );
        assert!(foreign_keys(&ledger));
        let cache: i64 = ledger
            .conn()
            .query_row("PRAGMA cache_size", [], |r| r.get(0))
            .unwrap();
        assert_eq!(
            cache,
            -crate::store::open::PAGE_CACHE_KIB,
            "the page cache is back"
        );
    }

    #[test]
    fn an_encrypted_ledger_loads_the_same_way_and_reopens() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
        let doc = crate::demo::generate_on(30, 7, today).remove(0);
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("sealed.db");
        let key = Some("load-test-Passphrase-2026");
        let mut ledger = Ledger::open_with_key(&path, key).unwrap();
        let before = schema(&ledger);
        crate::exchange::import_many_at(
            &mut ledger,
            [Ok((doc.clone(), "v.json".to_string()))],
            today,
            today,
            true,
        )
        .unwrap();
        assert_eq!(journal(&ledger), "wal");
        drop(ledger);
        assert!(crate::store::is_encrypted_file(&path), "still encrypted");
        let ledger = Ledger::open_with_key(&path, key).unwrap();
        assert_eq!(schema(&ledger), before);
        assert_eq!(
            ledger
                .read_count("SELECT COUNT(*) FROM households")
                .unwrap(),
            doc.households.len() as i64
        );
        assert_eq!(ledger.audit_verify().unwrap().first_break, None);
    }
}
