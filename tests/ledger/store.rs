//! Storage: a failed write changes nothing, status changes need a reason, every change
//! is audited, search finds people by every form, newer databases are refused.

use crate::common::{json, read, today, UNDO_MEMBER_DETAILS};
use yibentong::exchange::import_bytes;
use yibentong::store::Ledger;
use yibentong::Error;

fn ledger() -> Ledger {
    let mut l = Ledger::open_in_memory().unwrap();
    l.set_operator("测试员").unwrap();
    import_bytes(&mut l, &read("village.json"), "village.json", today())
        .expect("the valid fixture imports");
    l
}

fn count(l: &Ledger, sql: &str) -> i64 {
    l.read_count(sql).unwrap()
}

#[test]
fn a_write_that_fails_validation_changes_nothing() {
    let mut l = ledger();
    let before = yibentong::exchange::export_json(&l, "360729101099").unwrap();
    let audit_before = count(&l, "SELECT COUNT(*) FROM audit");
    let mut h = l.household_by_code("3607291010990001").unwrap();
    h.household.members[0].id_number = Some("360729197003121310".into());
    h.household.income[0].amount = 99999.0;
    let vid = h.village_id.clone();
    let err = l
        .with_tx(|w| w.save_household(&vid, &h.household, Some("测试"), today()))
        .unwrap_err();
    assert_eq!(err.code(), "validation");
    assert!(
        err.to_string().contains("members[0].id_number"),
        "the message names the field: {err}"
    );
    assert_eq!(
        yibentong::exchange::export_json(&l, "360729101099").unwrap(),
        before,
        "nothing saved changed"
    );
    assert_eq!(
        count(&l, "SELECT COUNT(*) FROM audit"),
        audit_before,
        "no audit row for a refused write"
    );
}

#[test]
fn a_status_change_needs_a_reason_and_is_audited_field_by_field() {
    let mut l = ledger();
    let mut h = l.household_by_code("3607291010990001").unwrap();
    let vid = h.village_id.clone();
    h.household.status = Some(yibentong::codes::Status::Monitored);
    let err = l
        .with_tx(|w| w.save_household(&vid, &h.household, None, today()))
        .unwrap_err();
    assert!(
        matches!(err, Error::Invalid(_)),
        "no reason, no status change"
    );
    assert!(err.to_string().contains("必须填写变更原因"), "{err}");
    let saved = l
        .with_tx(|w| w.save_household(&vid, &h.household, Some("突发大病，纳入监测"), today()))
        .unwrap();
    assert_eq!(
        saved.revision,
        h.revision + 1,
        "a change bumps the revision"
    );
    let trail = l.audit_for(&h.household.id).unwrap();
    let last = trail
        .iter()
        .rev()
        .find(|a| a.field.as_deref() == Some("status"))
        .expect("an audit row for the status field");
    assert_eq!(last.old_value.as_deref(), Some("exited"));
    assert_eq!(last.new_value.as_deref(), Some("monitored"));
    assert_eq!(last.reason.as_deref(), Some("突发大病，纳入监测"));
    assert_eq!(last.operator, "测试员");
}

#[test]
fn removed_records_are_kept_as_tombstones_with_an_audit_row() {
    let mut l = ledger();
    let mut h = l.household_by_code("3607291010990001").unwrap();
    let vid = h.village_id.clone();
    let visit_id = h.household.visits[0].id.clone().unwrap();
    h.household.visits.clear();
    l.with_tx(|w| w.save_household(&vid, &h.household, Some("录入错误"), today()))
        .unwrap();
    let deleted = l
        .read_value("SELECT deleted FROM visits WHERE id = ?1", &[&visit_id])
        .unwrap()
        .and_then(|v| v.parse::<i64>().ok())
        .unwrap();
    assert_eq!(deleted, 1, "the visit row stays as a tombstone");
    assert!(
        l.household(&h.household.id)
            .unwrap()
            .household
            .visits
            .is_empty(),
        "and is no longer read"
    );
    let trail = l.audit_for(&h.household.id).unwrap();
    assert!(
        trail
            .iter()
            .any(|e| e.action == "delete" && e.record_id == visit_id),
        "the delete is audited"
    );
}

#[test]
fn search_finds_by_name_initials_id_and_tail() {
    let l = ledger();
    let id = json("village.json")["households"][0]["members"][0]["id_number"]
        .as_str()
        .unwrap()
        .to_string();
    for (query, expect) in [
        ("张", "张三"),
        ("zs", "张三"),
        ("ZS", "张三"),
        (&id[..], "张三"),
        (&id[14..], "张三"),
        ("zx", "张小明"),
        ("3607291010990002", "钟老汉"),
    ] {
        let hits = l.search(query, 10).unwrap();
        assert!(
            hits.iter().any(|h| h.name == expect),
            "search “{query}” should find {expect}, got {hits:?}"
        );
    }
    assert!(
        l.search("王", 10).unwrap().is_empty(),
        "no 王 in the fixture"
    );
}

#[test]
fn a_database_from_a_newer_version_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("newer.db");
    {
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
        conn.execute_batch("CREATE TABLE future (x); INSERT INTO future VALUES (1);")
            .unwrap();
    }
    let before = std::fs::read(&path).unwrap();
    let err = Ledger::open(&path)
        .err()
        .expect("a newer schema is refused");
    assert_eq!(err.code(), "schema_too_new");
    assert!(err.to_string().contains("请升级软件"), "{err}");
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is not modified"
    );
}

#[test]
fn outside_the_store_sql_is_read_only() {
    let l = ledger();
    let before = count(&l, "SELECT COUNT(*) FROM audit");
    let err = l
        .read_value("DELETE FROM audit", &[])
        .expect_err("a statement that writes is refused");
    assert!(err.to_string().contains("只读"), "{err}");
    assert_eq!(
        count(&l, "SELECT COUNT(*) FROM audit"),
        before,
        "nothing deleted"
    );
}

/// Migration 0014 rebuilds `fact_periods` (its CHECKs, one index fewer): a ledger written
/// before it keeps every period, row for row, and reads the same households afterwards.
#[test]
fn fact_periods_keep_every_row_through_their_rebuild() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("v13.db");
    let rows = |conn: &rusqlite::Connection| -> Vec<Vec<String>> {
        let mut stmt = conn
            .prepare("SELECT * FROM fact_periods ORDER BY id")
            .unwrap();
        let n = stmt.column_count();
        stmt.query_map([], |r| {
            (0..n)
                .map(|i| {
                    r.get::<_, Option<String>>(i)
                        .or_else(|_| r.get::<_, i64>(i).map(|v| Some(v.to_string())))
                })
                .map(|v| v.map(Option::unwrap_or_default))
                .collect()
        })
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap()
    };
    let (before, household) = {
        let mut l = Ledger::open(&path).unwrap();
        l.set_operator("测试员").unwrap();
        // The demo's households carry their history since 2014.
        yibentong::demo::build(&mut l, 40, 2014, today(), &mut |_, _| {}).unwrap();
        let listed = l.household_list(None).unwrap();
        let household = l.household(&listed[0].id).unwrap().household;
        assert!(!household.history.is_empty());
        drop(l);
        // The table as migrations 0002–0013 left it.
        let conn = rusqlite::Connection::open(&path).unwrap();
        conn.execute_batch(&format!(
            "CREATE TABLE fp13 (
                id INTEGER PRIMARY KEY,
                scope TEXT NOT NULL CHECK (scope IN ('household', 'member', 'village', 'cadre')),
                record_id TEXT NOT NULL, household_id TEXT REFERENCES households(id),
                field TEXT NOT NULL, valid_from TEXT, value TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('recorded', 'change', 'correction')),
                reason TEXT, doc TEXT, recorded_at TEXT NOT NULL, operator TEXT NOT NULL);
             INSERT INTO fp13 SELECT * FROM fact_periods;
             DROP TABLE fact_periods;
             ALTER TABLE fp13 RENAME TO fact_periods;
             CREATE UNIQUE INDEX fact_periods_key ON fact_periods(scope, record_id, field, ifnull(valid_from, ''));
             CREATE INDEX fact_periods_household ON fact_periods(household_id);
             CREATE INDEX fact_periods_record ON fact_periods(record_id);
             {UNDO_MEMBER_DETAILS}
             PRAGMA user_version = 13;"
        ))
        .unwrap();
        let before = rows(&conn);
        assert!(
            before.len() > 10,
            "the fixture has periods: {}",
            before.len()
        );
        (before, household)
    };
    let l = Ledger::open(&path).unwrap();
    assert_eq!(l.household(&household.id).unwrap().household, household);
    drop(l);
    let conn = rusqlite::Connection::open(&path).unwrap();
    assert_eq!(rows(&conn), before, "every period, every column");
    let indexes: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'fact_periods' ORDER BY name")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(indexes, ["fact_periods_household", "fact_periods_key"]);
    let bad = conn.execute(
        "INSERT INTO fact_periods (scope, record_id, field, value, kind, recorded_at, operator)
         VALUES ('nobody', 'x', 'f', '1', 'recorded', 't', 'o')",
        [],
    );
    assert!(bad.is_err(), "the scope is still checked");
}
