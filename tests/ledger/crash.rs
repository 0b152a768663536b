//! `kill -9` during a large import leaves a ledger that opens, passes
//! `PRAGMA integrity_check`, and holds all of the import or none of it.

use crate::common::bin;
use std::process::Command;
use std::time::Duration;
use yibentong::store::Ledger;

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
            .conn()
            .query_row("PRAGMA integrity_check", [], |r| r.get(0))
            .unwrap();
        assert_eq!(check, "ok", "integrity_check after kill at {delay_ms} ms");
        let n: i64 = ledger
            .conn()
            .query_row("SELECT COUNT(*) FROM households", [], |r| r.get(0))
            .unwrap();
        let audit: i64 = ledger
            .conn()
            .query_row("SELECT COUNT(*) FROM audit", [], |r| r.get(0))
            .unwrap();
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
