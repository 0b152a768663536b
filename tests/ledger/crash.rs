//! `kill -9` during a large import leaves a ledger that opens, passes
//! `PRAGMA integrity_check`, and holds all of the import or none of it; the kill is
//! proven to land inside the import's transaction (its write lock was seen held). And
//! two programs on one ledger: a writer waits for the other, then says so in Chinese.

use crate::common::{bin, data};
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};
use yibentong::store::{Ledger, SCHEMA_VERSION};

/// Whether another program holds the ledger's write lock right now (a write transaction
/// is open): `BEGIN IMMEDIATE` from here is refused at once.
fn write_locked(db: &Path) -> bool {
    let Ok(c) = rusqlite::Connection::open(db) else {
        return false;
    };
    let _ = c.busy_timeout(Duration::ZERO);
    let ready = c
        .query_row("PRAGMA user_version", [], |r| r.get::<_, i64>(0))
        .is_ok_and(|v| v == SCHEMA_VERSION);
    if !ready {
        return false;
    }
    match c.execute_batch("BEGIN IMMEDIATE; ROLLBACK;") {
        Err(e) => e.sqlite_error_code() == Some(rusqlite::ErrorCode::DatabaseBusy),
        Ok(()) => false,
    }
}

#[test]
fn a_kill_inside_the_import_transaction_lands_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.json");
    let mut big = yibentong::demo::generate(2000, 7)
        .into_iter()
        .next()
        .unwrap();
    for v in yibentong::demo::generate(2000, 7).into_iter().skip(1) {
        big.cadres.extend(v.cadres);
        big.households.extend(v.households);
    }
    std::fs::write(&file, serde_json::to_vec(&big).unwrap()).unwrap();
    let db = dir.path().join("l.db");
    let mut child = Command::new(bin())
        .arg("--db")
        .arg(&db)
        .args(["--operator", "测试员", "import"])
        .arg(&file)
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut proven = false;
    while started.elapsed() < Duration::from_secs(60) {
        if write_locked(&db) {
            proven = true;
            break;
        }
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let _ = child.kill(); // SIGKILL, right after the lock was seen held
    let _ = child.wait();
    assert!(
        proven,
        "the import's write transaction was seen open before the kill"
    );
    let ledger = Ledger::open(&db).expect("the ledger opens after a kill");
    let n: i64 = ledger
        .read_count("SELECT COUNT(*) FROM households")
        .unwrap();
    assert_eq!(
        n, 0,
        "killed inside its transaction, the import left nothing"
    );
    let check: String = ledger
        .read_value("PRAGMA integrity_check", &[])
        .unwrap()
        .unwrap_or_default();
    assert_eq!(check, "ok");
}

#[test]
fn a_second_writer_waits_then_says_the_ledger_is_in_use() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let import = |args: &[&str]| {
        Command::new(bin())
            .arg("--db")
            .arg(&db)
            .args(["--operator", "测试员"])
            .args(args)
            .output()
            .unwrap()
    };
    assert!(import(&["import", data("village.json").to_str().unwrap()])
        .status
        .success());
    // Another program (the desktop app, say) holds a write transaction.
    let other = rusqlite::Connection::open(&db).unwrap();
    other.execute_batch("BEGIN IMMEDIATE").unwrap();
    let reader = import(&["household", "list"]);
    assert!(reader.status.success(), "reading goes on meanwhile");
    let t = Instant::now();
    let writer = import(&[
        "cadre",
        "add",
        "--village",
        "360729101099",
        "--name",
        "等待者",
    ]);
    assert!(!writer.status.success());
    assert!(
        t.elapsed() >= Duration::from_secs(4),
        "it waited for the other program (busy timeout)"
    );
    let err = String::from_utf8_lossy(&writer.stderr);
    assert!(err.contains("正被另一个程序"), "{err}");
    other.execute_batch("ROLLBACK").unwrap();
    assert!(
        import(&[
            "cadre",
            "add",
            "--village",
            "360729101099",
            "--name",
            "等待者",
        ])
        .status
        .success(),
        "once the other program is done, the write goes through"
    );
}

#[test]
fn kill_during_import_leaves_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("big.json");
    // A large village: enough work that the import is still running when it is killed.
    let doc = yibentong::demo::generate(3000, 11);
    let mut big = doc.into_iter().next().unwrap();
    for v in yibentong::demo::generate(3000, 11).into_iter().skip(1) {
        big.cadres.extend(v.cadres);
        big.households.extend(v.households);
    }
    let total = big.households.len() as i64;
    std::fs::write(&file, serde_json::to_vec(&big).unwrap()).unwrap();
    let mut outcomes = Vec::new();
    for (round, delay_ms) in [150u64, 400, 800, 1500].into_iter().enumerate() {
        let db = dir.path().join(format!("l{round}.db"));
        let mut child = Command::new(bin())
            .arg("--db")
            .arg(&db)
            .arg("import")
            .arg(&file)
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        let _ = child.wait();
        let ledger = Ledger::open(&db).expect("the ledger opens after a kill");
        let check: String = ledger
            .read_value("PRAGMA integrity_check", &[])
            .unwrap()
            .unwrap_or_default();
        assert_eq!(check, "ok", "integrity_check after kill at {delay_ms} ms");
        let n: i64 = ledger
            .read_count("SELECT COUNT(*) FROM households")
            .unwrap();
        let audit = ledger.read_count("SELECT COUNT(*) FROM audit").unwrap();
        assert!(
            n == 0 || n == total,
            "all ({total}) or nothing, found {n} households after kill at {delay_ms} ms"
        );
        assert_eq!(
            audit == 0,
            n == 0,
            "audit rows exist exactly when the import landed"
        );
        outcomes.push(n);
    }
    assert!(outcomes.contains(&0), "at least one kill landed mid-import (outcomes {outcomes:?}); otherwise the test proves nothing");
}
