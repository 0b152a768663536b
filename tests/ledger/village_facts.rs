//! A village's own facts (村名, 村民小组, 农村户籍人口) kept by the cadre: a workbook's
//! village has no population, which the check names (countryside/1_03_002) until it is
//! entered; a wrong value is refused at its field with nothing changed; an entry is dated
//! and audited; the command line does the same.

use crate::common::{cli_ok, data, read, today};
use yibentong::dossier::Edit;
use yibentong::model::Effective;
use yibentong::rules::Overrides;
use yibentong::store::Ledger;
use yibentong::village_facts::{save_village_facts, VillageFacts};
use yibentong::Error;

const VILLAGE: &str = "522729100201";

fn population_findings(ledger: &Ledger) -> Vec<yibentong::check::CheckFinding> {
    yibentong::assess::village_check(
        ledger,
        Some(VILLAGE),
        Some(2026),
        &Overrides::default(),
        today(),
    )
    .unwrap()
    .into_iter()
    .filter(|f| f.rule == "village.population")
    .collect()
}

fn facts(people: Option<u32>, groups: &[&str]) -> VillageFacts {
    VillageFacts {
        name: "石洞村".into(),
        groups: groups.iter().map(|g| g.to_string()).collect(),
        rural_population: people,
    }
}

fn change_from(day: chrono::NaiveDate) -> Edit<'static> {
    Edit {
        effective: Some(Effective::Change { from: day }),
        reason: Some("乡镇统计站2026年数"),
        doc: None,
    }
}

#[test]
fn a_workbooks_village_is_told_to_enter_its_population_and_keeps_it_dated() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    yibentong::exchange::import_file_at(
        &mut ledger,
        &read("xlsx/monitoring.xlsx"),
        "monitoring.xlsx",
        today(),
        today(),
    )
    .unwrap();
    let found = population_findings(&ledger);
    assert!(
        found.len() == 1
            && found[0].household.is_empty()
            && found[0].path == "village.rural_population"
            && found[0].message.contains("农村户籍人口未填写"),
        "{found:?}"
    );
    // 0 is refused at its field; nothing is written.
    let audit = ledger.audit_since("2000-01-01").unwrap().len();
    let refused = save_village_facts(
        &mut ledger,
        VILLAGE,
        facts(Some(0), &[]),
        change_from(today()),
        today(),
    )
    .unwrap_err();
    let Error::Validation(findings) = refused else {
        panic!("a validation error: {refused:?}")
    };
    assert_eq!(findings[0].path, "village.rural_population");
    assert_eq!(ledger.audit_since("2000-01-01").unwrap().len(), audit);
    assert_eq!(
        ledger.village(VILLAGE).unwrap().village.rural_population,
        None
    );
    // Entered as a change from today, with its reason on the fact's period.
    save_village_facts(
        &mut ledger,
        VILLAGE,
        facts(Some(1260), &[]),
        change_from(today()),
        today(),
    )
    .unwrap();
    let stored = ledger.village(VILLAGE).unwrap().village;
    assert_eq!(stored.rural_population, Some(1260));
    assert_eq!(stored.as_of(today()).rural_population, Some(1260));
    assert!(
        stored.history.iter().any(|p| p.field == "rural_population"
            && p.from == Some(today())
            && p.reason.as_deref() == Some("乡镇统计站2026年数")),
        "{:?}",
        stored.history
    );
    let trail = ledger.audit_since("2000-01-01").unwrap();
    assert!(
        trail.len() > audit
            && trail
                .iter()
                .any(|e| format!("{e:?}").contains("乡镇统计站2026年数")),
        "the change is audited with its reason"
    );
    assert!(population_findings(&ledger).is_empty());
}

#[test]
fn a_group_that_still_holds_households_cannot_be_dropped() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    yibentong::exchange::import_bytes(&mut ledger, &read("village.json"), "village.json", today())
        .unwrap();
    let code = "360729101099";
    let before = ledger.village(code).unwrap().village;
    let only_second = VillageFacts {
        name: before.name.clone(),
        groups: vec!["二组".into()],
        rural_population: before.rural_population,
    };
    let refused = save_village_facts(
        &mut ledger,
        code,
        only_second,
        change_from(today()),
        today(),
    )
    .unwrap_err();
    assert!(
        refused.to_string().contains("村民小组“一组”还有"),
        "{refused}"
    );
    assert_eq!(
        ledger.village(code).unwrap().village,
        before,
        "nothing changed"
    );
    // Renaming the village and adding a group is fine.
    let renamed = VillageFacts {
        name: "青石村".into(),
        groups: vec!["一组".into(), "二组".into(), "三组".into()],
        rural_population: before.rural_population,
    };
    save_village_facts(&mut ledger, code, renamed, change_from(today()), today()).unwrap();
    let after = ledger.village(code).unwrap().village;
    assert_eq!(after.name, "青石村");
    assert_eq!(after.groups, ["一组", "二组", "三组"]);
}

#[test]
fn the_command_line_sets_the_population_and_refuses_zero_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    cli_ok(
        &db,
        &["import", data("xlsx/monitoring.xlsx").to_str().unwrap()],
    );
    let out = std::process::Command::new(crate::common::bin())
        .args([
            "--db",
            db.to_str().unwrap(),
            "village",
            "set",
            "--village",
            VILLAGE,
        ])
        .args(["--rural-population", "0"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("农村户籍人口不能为0"));
    let said = cli_ok(
        &db,
        &[
            "village",
            "set",
            "--village",
            VILLAGE,
            "--rural-population",
            "1260",
            "--correction",
        ],
    );
    assert!(said.contains("1260 人"), "{said}");
    let checked = cli_ok(&db, &["check", "--village", VILLAGE, "--json"]);
    assert!(!checked.contains("village.population"), "{checked}");
}
