//! Personal data at rest: a ledger created with a passphrase shows no ID number or name
//! in its files; a wrong passphrase changes nothing; backups restore everything (audit
//! trail, local policy); a plain ledger can be encrypted in place; automatic backups
//! come before imports and schema upgrades.

use crate::common::{bin, data, UNDO_0009};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const PASS: &str = "村里的老槐树2014";

fn run(db: &Path, pass: Option<&str>, args: &[&str]) -> Output {
    let mut c = Command::new(bin());
    c.arg("--db")
        .arg(db)
        .args(["--operator", "测试员"])
        .args(args);
    c.env_remove("YIBENTONG_PASSPHRASE");
    if let Some(p) = pass {
        c.env("YIBENTONG_PASSPHRASE", p);
    }
    c.output().expect("the binary runs")
}

fn ok(db: &Path, pass: Option<&str>, args: &[&str]) -> String {
    let out = run(db, pass, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn files_of(db: &Path) -> Vec<PathBuf> {
    ["", "-wal", "-shm"]
        .iter()
        .map(|s| {
            let mut p = db.as_os_str().to_owned();
            p.push(s);
            PathBuf::from(p)
        })
        .filter(|p| p.exists())
        .collect()
}

fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

fn encrypted_ledger(dir: &Path) -> PathBuf {
    let db = dir.join("enc.db");
    ok(
        &db,
        Some(PASS),
        &["import", data("village.json").to_str().unwrap()],
    );
    db
}

#[test]
fn an_encrypted_ledger_shows_no_id_number_or_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = encrypted_ledger(dir.path());
    for file in files_of(&db) {
        let bytes = std::fs::read(&file).unwrap();
        for secret in [
            "360729197003121313",
            "张三",
            "13800000001",
            "SQLite format 3",
        ] {
            assert!(
                !contains(&bytes, secret),
                "{secret} not readable in {file:?}"
            );
        }
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&file).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{file:?} is private");
        }
    }
    assert!(ok(&db, Some(PASS), &["household", "list"]).contains("张三"));
}

#[test]
fn a_wrong_or_missing_passphrase_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = encrypted_ledger(dir.path());
    ok(&db, Some(PASS), &["household", "list"]);
    let before: Vec<Vec<u8>> = files_of(&db)
        .iter()
        .map(|f| std::fs::read(f).unwrap())
        .collect();
    let wrong = run(&db, Some("不是这个口令123"), &["household", "list"]);
    assert!(!wrong.status.success());
    let err = String::from_utf8_lossy(&wrong.stderr);
    assert!(
        err.contains("口令不正确") && err.contains("未作任何改动"),
        "{err}"
    );
    assert!(!err.contains("ERROR CORE"), "no SQLCipher log lines: {err}");
    let none = run(
        &db,
        None,
        &["import", data("village.json").to_str().unwrap()],
    );
    assert!(!none.status.success());
    assert!(String::from_utf8_lossy(&none.stderr).contains("YIBENTONG_PASSPHRASE"));
    let after: Vec<Vec<u8>> = files_of(&db)
        .iter()
        .map(|f| std::fs::read(f).unwrap())
        .collect();
    assert_eq!(before, after, "the files are byte for byte the same");
}

/// A change to the local policy: something written to the ledger and its backups.
fn set_dibao_line(db: &Path) {
    let args = [
        "--dibao-line",
        "4800",
        "--from",
        "2023-01-01",
        "--reason",
        "县文件",
    ];
    ok(db, Some(PASS), &[&["policy", "set"][..], &args].concat());
}

/// Whether `db` reads with `PASS` under the given cipher settings.
fn reads_with(db: &Path, cipher: &str) -> bool {
    let c = rusqlite::Connection::open(db).unwrap();
    c.execute_batch("PRAGMA cipher_log_level = NONE").unwrap();
    c.pragma_update(None, "key", PASS).unwrap();
    c.execute_batch(cipher).unwrap();
    c.query_row("SELECT COUNT(*) FROM households", [], |r| {
        r.get::<_, i64>(0)
    })
    .is_ok()
}

const SQLCIPHER_4: &str = "PRAGMA cipher_compatibility = 4;";
const SETTINGS_NOW: &str =
    "PRAGMA cipher_page_size = 16384; PRAGMA cipher_hmac_algorithm = HMAC_SHA256;";

#[test]
fn a_ledger_encrypted_by_an_earlier_build_opens_and_new_ones_take_larger_pages() {
    let dir = tempfile::tempdir().unwrap();
    let new = encrypted_ledger(dir.path());
    assert!(reads_with(&new, SETTINGS_NOW) && !reads_with(&new, SQLCIPHER_4));
    assert_eq!(std::fs::metadata(&new).unwrap().len() % 16384, 0);

    // The same village encrypted as earlier builds did: SQLCipher 4's defaults.
    let plain = dir.path().join("plain.db");
    ok(
        &plain,
        None,
        &["import", data("village.json").to_str().unwrap()],
    );
    let earlier = dir.path().join("earlier.db");
    {
        let c = rusqlite::Connection::open(&plain).unwrap();
        let version: i64 = c
            .query_row("PRAGMA user_version", [], |r| r.get(0))
            .unwrap();
        c.execute(
            "ATTACH DATABASE ?1 AS old KEY ?2",
            [earlier.to_str().unwrap(), PASS],
        )
        .unwrap();
        c.execute_batch("PRAGMA old.cipher_compatibility = 4;")
            .unwrap();
        c.query_row("SELECT sqlcipher_export('old')", [], |_| Ok(()))
            .unwrap();
        c.execute_batch(&format!(
            "PRAGMA old.user_version = {version}; DETACH DATABASE old"
        ))
        .unwrap();
    }
    assert!(reads_with(&earlier, SQLCIPHER_4) && !reads_with(&earlier, SETTINGS_NOW));
    let listed = ok(&earlier, Some(PASS), &["household", "list"]);
    assert_eq!(listed, ok(&plain, None, &["household", "list"]));
    let wrong = run(&earlier, Some("不是这个口令123"), &["household", "list"]);
    let err = String::from_utf8_lossy(&wrong.stderr);
    assert!(
        !wrong.status.success() && err.contains("口令不正确"),
        "{err}"
    );
    assert!(!err.contains("ERROR CORE"), "no SQLCipher log lines: {err}");
    // It stays as it is when written to, and its backup takes today's settings.
    set_dibao_line(&earlier);
    assert!(reads_with(&earlier, SQLCIPHER_4));
    let copy = dir.path().join("copy.db");
    ok(
        &earlier,
        Some(PASS),
        &["backup", "--out", copy.to_str().unwrap()],
    );
    assert!(reads_with(&copy, SETTINGS_NOW));
    assert_eq!(ok(&copy, Some(PASS), &["household", "list"]), listed);
}

#[test]
fn a_backup_restores_everything_and_never_overwrites_silently() {
    let dir = tempfile::tempdir().unwrap();
    let db = encrypted_ledger(dir.path());
    set_dibao_line(&db);
    let backup = dir.path().join("backup.db");
    ok(
        &db,
        Some(PASS),
        &["backup", "--out", backup.to_str().unwrap()],
    );
    let refused = run(
        &db,
        Some(PASS),
        &["backup", "--out", backup.to_str().unwrap()],
    );
    assert!(
        !refused.status.success(),
        "a backup never overwrites a file"
    );

    let restored = dir.path().join("restored.db");
    ok(
        &restored,
        Some(PASS),
        &["restore", backup.to_str().unwrap()],
    );
    let export = |p: &Path| ok(p, Some(PASS), &["export", "--village", "360729101099"]);
    assert_eq!(export(&db), export(&restored), "the same village");
    let trail = |p: &Path| ok(p, Some(PASS), &["audit", "--since", "2000-01-01"]);
    assert_eq!(trail(&db), trail(&restored), "the same audit trail");
    assert!(ok(&restored, Some(PASS), &["audit", "verify"]).contains("链条未断"));
    assert!(ok(&restored, Some(PASS), &["policy", "list"]).contains("4800"));

    let over = run(&db, Some(PASS), &["restore", backup.to_str().unwrap()]);
    assert!(!over.status.success(), "an existing ledger is not replaced");
    assert!(String::from_utf8_lossy(&over.stderr).contains("--force"));
    ok(
        &db,
        Some(PASS),
        &["restore", backup.to_str().unwrap(), "--force"],
    );
    let kept = std::fs::read_dir(yibentong::store::backup_dir(&db))
        .unwrap()
        .filter_map(|e| e.ok())
        .any(|e| e.file_name().to_string_lossy().contains("before-restore"));
    assert!(kept, "the replaced ledger was backed up first");
}

#[test]
fn a_plain_ledger_is_encrypted_in_place_and_keeps_its_records() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("plain.db");
    ok(
        &db,
        None,
        &["import", data("village.json").to_str().unwrap()],
    );
    let before = ok(&db, None, &["export", "--village", "360729101099"]);
    let plain = std::fs::read(&db).unwrap();
    assert!(contains(&plain, "SQLite format 3"));
    assert_eq!(
        u16::from_be_bytes([plain[16], plain[17]]),
        16_384,
        "a new plain ledger has 16 KB pages; encrypted, it takes SQLCipher's"
    );
    ok(&db, Some(PASS), &["ledger", "encrypt"]);
    for file in files_of(&db) {
        assert!(!contains(
            &std::fs::read(&file).unwrap(),
            "360729197003121313"
        ));
    }
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("unencrypted") || n.contains("encrypting"))
        .collect();
    assert!(
        leftovers.is_empty(),
        "no plain copy left behind: {leftovers:?}"
    );
    assert_eq!(
        ok(&db, Some(PASS), &["export", "--village", "360729101099"]),
        before
    );
    let short = run(&db, Some("short"), &["ledger", "encrypt"]);
    assert!(!short.status.success(), "already encrypted");
}

#[test]
fn imports_and_upgrades_are_preceded_by_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    ok(
        &db,
        None,
        &["import", data("village.json").to_str().unwrap()],
    );
    ok(
        &db,
        None,
        &["import", data("village.json").to_str().unwrap()],
    );
    let names = || -> Vec<String> {
        std::fs::read_dir(yibentong::store::backup_dir(&db))
            .map(|d| {
                d.filter_map(|e| e.ok())
                    .map(|e| e.file_name().to_string_lossy().to_string())
                    .collect()
            })
            .unwrap_or_default()
    };
    assert!(
        names().iter().any(|n| n.contains("before-import")),
        "{:?}",
        names()
    );
    // Pretend the ledger is of schema 4 (before the audit chain): opening upgrades it,
    // after a backup.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(&format!(
        "DROP TABLE decisions; ALTER TABLE audit DROP COLUMN hash; {UNDO_0009} PRAGMA user_version = 4;"
    ))
    .unwrap();
    drop(conn);
    ok(&db, None, &["household", "list"]);
    assert!(
        names().iter().any(|n| n.contains("before-upgrade-v4")),
        "{:?}",
        names()
    );
}
