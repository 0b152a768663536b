//! Shared fixtures: the files under `tests/data/` and a fixed "today".

use chrono::NaiveDate;
use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

/// Tests never read the clock: this is "today" for every check.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()
}

pub fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(name)
}

pub fn read(name: &str) -> Vec<u8> {
    std::fs::read(data(name)).unwrap_or_else(|e| panic!("fixture {name} should exist: {e}"))
}

pub fn json(name: &str) -> Value {
    serde_json::from_slice(&read(name)).expect("fixtures are valid JSON")
}

/// The `yibentong` binary built for these tests.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_yibentong"))
}

/// Takes out what migrations 0022 to 0024 added, for a ledger set back to an earlier version.
pub const UNDO_MEMBER_DETAILS: &str = "ALTER TABLE members DROP COLUMN relation_detail;
    ALTER TABLE members DROP COLUMN education_detail;
    ALTER TABLE members DROP COLUMN dibao_area;
    ALTER TABLE members DROP COLUMN tekun_area;
    ALTER TABLE members DROP COLUMN schooling_detail;";

/// Takes out what migrations 0009 to 0013 and 0022 to 0024 added, so a test can make a ledger look older than it
/// (`PRAGMA user_version` rolled back) and watch the migrations run again.
pub const UNDO_0009: &str = "ALTER TABLE members DROP COLUMN relation_detail;
    ALTER TABLE members DROP COLUMN education_detail;
    ALTER TABLE members DROP COLUMN dibao_area;
    ALTER TABLE members DROP COLUMN tekun_area;
    ALTER TABLE members DROP COLUMN schooling_detail;
    ALTER TABLE members DROP COLUMN work_spells;
    ALTER TABLE members DROP COLUMN welfare_posts;
    ALTER TABLE monitoring DROP COLUMN procedure;
    ALTER TABLE households DROP COLUMN low_income;
    ALTER TABLE pairings DROP COLUMN kind;
    ALTER TABLE members DROP COLUMN phone;
    ALTER TABLE members DROP COLUMN document;
    ALTER TABLE members DROP COLUMN employee_medical_insurance;
    ALTER TABLE members DROP COLUMN employee_pension_insurance;
    ALTER TABLE members DROP COLUMN medical_assistance;
    ALTER TABLE members DROP COLUMN out_of_school_reason;
    ALTER TABLE households DROP COLUMN no_labor_guarantee;
    ALTER TABLE monitoring DROP COLUMN elimination_mode;
    ALTER TABLE monitoring DROP COLUMN disaster;
    ALTER TABLE monitoring DROP COLUMN risk_note;
    ALTER TABLE measures DROP COLUMN item;";

/// A Python that has openpyxl (Debian's python3-openpyxl, installed by scripts/setup).
fn python_with_openpyxl() -> String {
    for python in ["python3", "/usr/bin/python3"] {
        let ok = Command::new(python)
            .args(["-c", "import openpyxl"])
            .output()
            .is_ok_and(|o| o.status.success());
        if ok {
            return python.to_string();
        }
    }
    panic!(
        "the openpyxl check needs python3 with openpyxl: run scripts/setup (apt python3-openpyxl)"
    );
}

/// Runs a Python script with openpyxl on `file`; its output.
pub fn openpyxl(script: &str, file: &std::path::Path) -> Vec<u8> {
    let py = Command::new(python_with_openpyxl())
        .args(["-c", script, file.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        py.status.success(),
        "openpyxl runs on {}: {}",
        file.display(),
        String::from_utf8_lossy(&py.stderr)
    );
    py.stdout
}

/// The text of a PDF as `pdftotext -layout` reads it (a reader we did not write).
pub fn pdftotext(pdf: &std::path::Path) -> String {
    let out = Command::new("pdftotext")
        .args(["-layout", pdf.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext (poppler-utils) is installed by scripts/setup");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Runs the command line on the ledger `db`; its standard output, once it has succeeded.
pub fn cli_ok(db: &std::path::Path, args: &[&str]) -> String {
    let out = Command::new(bin())
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}
