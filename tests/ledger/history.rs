//! The time axis: one village imported as seven yearly snapshots (2014–2025, each with
//! `--effective`), read back year by year as an inspector would — counts, statuses,
//! member facts, the roster — and the rules of writing dated facts (a change against a
//! correction, back-filling, re-importing, export with history).

use crate::common::{bin, data, pdftotext, read, today};
use chrono::NaiveDate;
use serde_json::Value;
use std::path::Path;
use std::process::Command;
use yibentong::codes::{HouseGrade, Schooling, Status};
use yibentong::exchange::{export_json, import_bytes, import_bytes_at};
use yibentong::model::{Effective, FactKind, Registration};
use yibentong::store::{Ledger, WriteOptions};

/// The snapshots and the dates their facts hold from (see tests/data/history/generate.py).
const SNAPSHOTS: &[(&str, &str)] = &[
    ("2014", "2014-10-01"),
    ("2016", "2016-09-05"),
    ("2018", "2018-12-15"),
    ("2019", "2019-11-01"),
    ("2020", "2020-12-20"),
    ("2021", "2021-06-01"),
    ("2023", "2023-03-01"),
    ("2025", "2025-09-10"),
];
const VILLAGE: &str = "360729101088";
const H1: &str = "3607291010880001";
const H2: &str = "3607291010880002";
const H3: &str = "3607291010880003";

fn d(s: &str) -> NaiveDate {
    s.parse().expect("test dates are valid")
}

fn snapshot(year: &str) -> String {
    format!("history/{year}.json")
}

fn cli(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(bin())
        .arg("--db")
        .arg(db)
        .args(["--operator", "测试员"])
        .args(args)
        .output()
        .expect("the binary runs")
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = cli(db, args);
    assert!(
        out.status.success(),
        "{args:?} should succeed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// A ledger file with every snapshot imported through the command line, oldest first.
fn imported() -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    for (year, effective) in SNAPSHOTS {
        let file = data(&snapshot(year));
        ok(
            &db,
            &["import", file.to_str().unwrap(), "--effective", effective],
        );
    }
    (dir, db)
}

fn poor_persons(db: &Path, year: i32) -> (u64, f64) {
    let text = ok(
        db,
        &["assess", "--village", "--year", &year.to_string(), "--json"],
    );
    let v: Value = serde_json::from_str(&text).expect("assess prints JSON");
    (
        v["poor_persons"].as_u64().expect("poor_persons"),
        v["incidence"].as_f64().unwrap_or(f64::NAN),
    )
}

fn show(db: &Path, code: &str, as_of: &str) -> Value {
    let text = ok(db, &["household", "show", code, "--as-of", as_of, "--json"]);
    serde_json::from_str(&text).expect("show --json prints JSON")
}

#[test]
fn each_past_year_counts_its_own_poor() {
    let (_dir, db) = imported();
    // H1 (3 people) is poor until its exit on 2018-12-15, falls back (返贫) on 2019-11-01 and
    // exits again on 2020-12-20, with H2 (2 people); H3 is an ordinary household monitored
    // from 2022 and never counted as poor.
    for (year, expected) in [
        (2014, 5),
        (2015, 5),
        (2016, 5),
        (2017, 5),
        (2018, 2),
        (2019, 5),
        (2020, 0),
        (2022, 0),
        (2024, 0),
    ] {
        let (poor, _) = poor_persons(&db, year);
        assert_eq!(poor, expected, "poor persons at the end of {year}");
    }
    let (_, incidence) = poor_persons(&db, 2016);
    assert!(
        (incidence - 5.0 / 30.0).abs() < 1e-3,
        "2016 incidence uses 2016's rural population (30): {incidence}"
    );
    let (_, incidence) = poor_persons(&db, 2018);
    assert!(
        (incidence - 2.0 / 28.0).abs() < 1e-3,
        "2018 incidence uses the population recorded from 2018-12-15 (28): {incidence}"
    );
}

#[test]
fn a_household_shows_each_years_status_and_member_facts() {
    let (_dir, db) = imported();
    let h = show(&db, H1, "2016-12-31");
    assert_eq!(h["status"], "poor", "2016: not yet exited");
    assert_eq!(h["conditions"]["house_grade"], "D", "2016: the old house");
    let son = &h["members"][2];
    assert_eq!(son["name"], "张小明");
    assert_eq!(son["schooling"], "primary", "the son was in primary school");
    assert!(h.get("monitoring").is_none(), "no monitoring in 2016");

    let h = show(&db, H1, "2019-06-30");
    assert_eq!(h["status"], "exited");
    assert_eq!(h["conditions"]["house_grade"], "A", "rebuilt in 2017");
    assert_eq!(h["members"][2]["schooling"], "grade7");
    let h = show(&db, H1, "2019-12-31");
    assert_eq!(h["status"], "relapsed", "返贫 from 2019-11-01");
    assert_eq!(h["members"][2]["schooling"], "grade8");

    let h = show(&db, H1, "2022-06-30");
    assert_eq!(h["status"], "monitored", "monitored from 2021");
    assert!(
        h["monitoring"]["eliminated"].is_null(),
        "the 2022-12 elimination had not happened by mid-2022"
    );
    let h = show(&db, H1, "2025-12-31");
    assert_eq!(h["status"], "risk_eliminated");
    assert_eq!(
        h["members"][2]["schooling"], "not_student",
        "left school in 2025"
    );
    assert_eq!(h["members"][2]["labor"], "ordinary");

    let out = cli(&db, &["household", "show", H3, "--as-of", "2016-12-31"]);
    assert!(!out.status.success(), "H3 was not registered in 2016");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("尚未建档"), "says so in Chinese: {err}");
}

#[test]
fn the_roster_of_a_past_year_prints_that_years_status() {
    let (dir, db) = imported();
    let pdf = dir.path().join("roster2016.pdf");
    ok(
        &db,
        &[
            "roster",
            "--village",
            VILLAGE,
            "--year",
            "2016",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    let text = pdftotext(&pdf);
    assert!(text.contains("未脱贫"), "2016 roster shows 未脱贫: {text}");
    assert!(!text.contains("已脱贫"), "no exit printed for 2016: {text}");
    assert!(
        !text.contains("王大明"),
        "the household monitored from 2022 is not on the 2016 roster"
    );
    let pdf = dir.path().join("roster2018.pdf");
    ok(
        &db,
        &[
            "roster",
            "--village",
            VILLAGE,
            "--year",
            "2018",
            "--out",
            pdf.to_str().unwrap(),
        ],
    );
    let text = pdftotext(&pdf);
    assert!(
        text.contains("已脱贫") && text.contains("未脱贫"),
        "2018: H1 exited, H2 not yet: {text}"
    );
}

#[test]
fn the_timeline_lists_every_transition_with_its_date() {
    let (_dir, db) = imported();
    let text = ok(&db, &["household", "history", H1]);
    for expected in [
        "2018-12-15\t户状态：已脱贫",
        "2019-11-01\t户状态：返贫",
        "2020-12-20\t户状态：已脱贫",
        "2021-06-01\t户状态：监测对象",
        "2023-03-01\t户状态：风险消除",
        "张小明：在校生状况变为：高一",
        "危房等级变为：A级",
    ] {
        assert!(
            text.contains(expected),
            "history shows “{expected}”:\n{text}"
        );
    }
}

/// The ledger after importing some snapshots in memory, at the given dates.
fn ledger_with(files: &[(&str, &str)]) -> Ledger {
    let mut l = Ledger::open_in_memory().unwrap();
    l.set_operator("测试员").unwrap();
    for (year, effective) in files {
        import_bytes_at(
            &mut l,
            &read(&snapshot(year)),
            year,
            d("2026-01-15"),
            d(effective),
        )
        .unwrap();
    }
    l
}

#[test]
fn a_snapshot_imported_later_for_an_earlier_date_fills_in_the_past() {
    // The 2018 file first, then the 2014 one: the past is filled in, the present stays.
    let l = ledger_with(&[("2018", "2018-12-15"), ("2014", "2014-10-01")]);
    let h = l.household_by_code(H1).unwrap().household;
    assert_eq!(h.status, Some(Status::Exited), "the current status stays");
    assert_eq!(h.as_of(d("2016-12-31")).status, Some(Status::Poor));
    assert_eq!(
        h.as_of(d("2016-12-31")).conditions.house_grade,
        Some(HouseGrade::D)
    );
    assert_eq!(
        h.as_of(d("2019-06-30")).conditions.house_grade,
        Some(HouseGrade::A),
        "the 2018 facts hold from 2018-12-15 on"
    );
}

#[test]
fn importing_a_snapshot_again_changes_nothing() {
    let mut l = ledger_with(&[("2014", "2014-10-01"), ("2018", "2018-12-15")]);
    let periods = |l: &Ledger| l.read_count("SELECT COUNT(*) FROM fact_periods").unwrap();
    let before = periods(&l);
    let s = import_bytes_at(
        &mut l,
        &read(&snapshot("2018")),
        "2018",
        d("2026-01-15"),
        d("2018-12-15"),
    )
    .unwrap();
    assert_eq!(s.inserted + s.updated, 0, "the same file again: {s:?}");
    assert_eq!(periods(&l), before, "no new periods");
}

#[test]
fn a_v1_file_without_history_reads_its_years_from_its_dates() {
    // tests/data/village.json: h-1 identified 2014, exited 2018, imported today.
    let mut l = Ledger::open_in_memory().unwrap();
    import_bytes(&mut l, &read("village.json"), "v.json", today()).unwrap();
    let h = l.household_by_code("3607291010990001").unwrap().household;
    assert_eq!(h.as_of(d("2016-12-31")).status, Some(Status::Poor));
    assert_eq!(
        h.as_of(d("2016-12-31")).exit_year,
        None,
        "a 2016 paper shows no exit year of 2018"
    );
    assert_eq!(h.as_of(d("2019-12-31")).status, Some(Status::Exited));
    assert_eq!(h.as_of(d("2019-12-31")).exit_year, Some(2018));
    assert_eq!(
        h.registration_on(d("2013-12-31")),
        Registration::NotYet {
            from: d("2014-01-01")
        }
    );
    assert!(h.history.is_empty(), "a v1 import adds no history");
}

#[test]
fn a_correction_replaces_a_value_a_change_starts_a_period() {
    let mut l = ledger_with(&[("2014", "2014-10-01")]);
    let stored = l.household_by_code(H1).unwrap();
    let vid = stored.village_id.clone();
    let cadres = l.cadres(&vid).unwrap();
    let mut h = stored.household.clone();
    h.members[2].schooling = Some(Schooling::Grade7);
    let change = WriteOptions {
        effective: Effective::Change {
            from: d("2018-09-01"),
        },
        reason: Some("升入初中"),
        doc: None,
        today: d("2026-01-15"),
    };
    l.with_tx(|w| w.save_household_at(&vid, &h, &cadres, &change))
        .unwrap();
    let after = l.household_by_code(H1).unwrap().household;
    let son = |h: &yibentong::model::Household| h.members[2].schooling;
    assert_eq!(son(&after.as_of(d("2017-12-31"))), Some(Schooling::Primary));
    assert_eq!(son(&after.as_of(d("2018-12-31"))), Some(Schooling::Grade7));

    // A correction of the 2016 value (it was wrong) keeps the periods and changes 2016 only.
    let mut h = after.clone();
    h.members[2].schooling = Some(Schooling::Preschool);
    let correction = WriteOptions {
        effective: Effective::Correction {
            on: Some(d("2016-06-01")),
        },
        reason: Some("录入错误"),
        doc: None,
        today: d("2026-01-15"),
    };
    l.with_tx(|w| w.save_household_at(&vid, &h, &cadres, &correction))
        .unwrap();
    let fixed = l.household_by_code(H1).unwrap().household;
    assert_eq!(
        son(&fixed.as_of(d("2016-12-31"))),
        Some(Schooling::Preschool)
    );
    assert_eq!(
        son(&fixed.as_of(d("2019-12-31"))),
        Some(Schooling::Grade7),
        "the later period is untouched"
    );
    assert_eq!(
        son(&fixed),
        Some(Schooling::Grade7),
        "the current value stays"
    );
    let kinds: Vec<FactKind> = fixed.members[2]
        .history
        .iter()
        .filter(|p| p.field == "schooling")
        .map(|p| p.kind)
        .collect();
    assert_eq!(kinds, vec![FactKind::Correction, FactKind::Change]);
    let trail = l.audit_for(&fixed.id).unwrap();
    assert!(
        trail
            .iter()
            .any(|a| a.table == "fact_periods" && a.reason.as_deref() == Some("录入错误")),
        "the correction is audited"
    );
}

#[test]
fn export_with_history_imports_into_a_new_ledger_unchanged() {
    let l = ledger_with(SNAPSHOTS);
    let first = export_json(&l, VILLAGE).unwrap();
    assert!(
        first.contains("x_history"),
        "the export carries the history"
    );
    let mut fresh = Ledger::open_in_memory().unwrap();
    import_bytes(&mut fresh, first.as_bytes(), "export.json", today()).unwrap();
    let second = export_json(&fresh, VILLAGE).unwrap();
    assert_eq!(first, second, "nothing lost or added on the way");
    let h = fresh.household_by_code(H2).unwrap().household;
    assert_eq!(h.as_of(d("2019-12-31")).status, Some(Status::Poor));
    assert_eq!(h.as_of(d("2020-12-31")).status, Some(Status::Exited));
}
