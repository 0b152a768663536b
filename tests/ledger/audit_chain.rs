//! The audit trail cannot lie: every row chains to the one before, so an edit or a
//! deletion made with another SQLite tool is found by `audit verify`; rows from before
//! the chain are sealed once by the migration; policy changes and everything since a
//! date can be listed.

use crate::common::{bin, data, UNDO_0009};
use std::path::Path;
use std::process::{Command, Output};
use yibentong::store::Ledger;

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .arg("--db")
        .arg(db)
        .args(["--operator", "测试员"])
        .args(args)
        .output()
        .expect("the binary runs")
}

fn ledger_file(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("l.db");
    assert!(
        run(&db, &["import", data("village.json").to_str().unwrap()])
            .status
            .success()
    );
    db
}

fn tamper(db: &Path, sql: &str) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch(sql).unwrap();
}

#[test]
fn an_untouched_trail_verifies() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger_file(dir.path());
    let out = run(&db, &["audit", "verify"]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).contains("链条未断"));
}

#[test]
fn an_edit_outside_the_program_is_found_at_its_row() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger_file(dir.path());
    // The fixture's import leaves 5 rows: the village, 2 cadres, 2 households (one each).
    tamper(&db, "UPDATE audit SET operator = '别人' WHERE seq = 3");
    let report = Ledger::open(&db).unwrap().audit_verify().unwrap();
    assert_eq!(report.first_break, Some(3), "{report:?}");
    let out = run(&db, &["audit", "verify"]);
    assert!(!out.status.success(), "verify fails on a broken chain");
    assert!(String::from_utf8_lossy(&out.stdout).contains("第3条"));
}

#[test]
fn a_deleted_row_is_found() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger_file(dir.path());
    tamper(&db, "DELETE FROM audit WHERE seq = 4");
    let report = Ledger::open(&db).unwrap().audit_verify().unwrap();
    assert_eq!(
        report.first_break,
        Some(5),
        "the row after the gap: {report:?}"
    );
}

#[test]
fn rows_from_before_the_chain_are_sealed_by_the_migration() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger_file(dir.path());
    // A ledger of schema 4: no hashes yet.
    tamper(
        &db,
        &format!(
            "DROP TABLE decisions; ALTER TABLE audit DROP COLUMN hash; {UNDO_0009} PRAGMA user_version = 4;"
        ),
    );
    let l = Ledger::open(&db).unwrap();
    let report = l.audit_verify().unwrap();
    assert_eq!(report.first_break, None, "sealed in order: {report:?}");
    assert!(report.rows >= 5);
}

#[test]
fn policy_changes_and_everything_since_a_date_are_listed() {
    let dir = tempfile::tempdir().unwrap();
    let db = ledger_file(dir.path());
    let out = run(
        &db,
        &[
            "policy",
            "set",
            "--dibao-line",
            "4800",
            "--from",
            "2023-01-01",
            "--doc",
            "全民发〔2023〕12号",
            "--reason",
            "县民政局通知",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let policy = String::from_utf8(run(&db, &["audit", "--policy"]).stdout).unwrap();
    assert!(policy.contains("县民政局通知"), "{policy}");
    assert!(!policy.contains("农户"), "only policy rows: {policy}");
    let since = String::from_utf8(run(&db, &["audit", "--since", "2000-01-01"]).stdout).unwrap();
    assert!(
        since.contains("县民政局通知") && since.contains("导入文件"),
        "everything: {since}"
    );
    let verify = run(&db, &["audit", "verify"]);
    assert!(verify.status.success(), "policy rows chain too");
}
