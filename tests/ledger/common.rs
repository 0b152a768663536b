//! Shared fixtures: the files under `tests/data/` and a fixed "today".

use chrono::NaiveDate;
use serde_json::Value;
use std::path::PathBuf;

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
