//! The cadre roster from the command line: a new 第一书记 adds themself, lists the roster,
//! appears in the village export, pairs with a household; bad input is refused in Chinese
//! and changes nothing.

use crate::common::{bin, data};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn run(db: &Path, args: &[&str]) -> std::process::Output {
    Command::new(bin())
        .arg("--db")
        .arg(db)
        .args(["--operator", "新书记"])
        .args(args)
        .output()
        .expect("the binary runs")
}

fn ok(db: &Path, args: &[&str]) -> String {
    let out = run(db, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_new_cadre_is_listed_exported_and_can_be_paired() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    ok(&db, &["import", data("village.json").to_str().unwrap()]);
    let said = ok(
        &db,
        &[
            "cadre",
            "add",
            "--village",
            "360729101099",
            "--name",
            "陈第一",
            "--unit",
            "县农业农村局",
            "--unit-level",
            "县直",
            "--position",
            "驻村第一书记",
            "--phone",
            "13912345678",
            "--start",
            "2026-03-01",
        ],
    );
    assert!(said.contains("陈第一"), "{said}");
    let list: Value = serde_json::from_str(&ok(
        &db,
        &["cadre", "list", "--village", "360729101099", "--json"],
    ))
    .unwrap();
    let me = list
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "陈第一")
        .expect("the new cadre is on the roster");
    assert_eq!(me["unit_level"], "county");
    assert_eq!(me["x_start"], "2026-03-01");
    let id = me["id"].as_str().unwrap().to_string();

    let export: Value =
        serde_json::from_str(&ok(&db, &["export", "--village", "360729101099"])).unwrap();
    assert!(
        export["cadres"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == id.as_str()),
        "the village export carries the new cadre"
    );

    // Pair them with a household by re-importing the export with a new pairing.
    let mut doc = export.clone();
    doc["households"][0]["pairings"]
        .as_array_mut()
        .unwrap()
        .push(serde_json::json!({"cadre": id, "role": "first", "start": "2026-03-02"}));
    let file = dir.path().join("paired.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    ok(&db, &["import", file.to_str().unwrap()]);
    let shown = ok(&db, &["household", "show", "3607291010990001"]);
    assert!(
        shown.contains("陈第一"),
        "the pairing shows the new cadre: {shown}"
    );
}

#[test]
fn bad_cadre_input_is_refused_in_chinese_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    ok(&db, &["import", data("village.json").to_str().unwrap()]);
    let before = ok(
        &db,
        &["cadre", "list", "--village", "360729101099", "--json"],
    );
    for (args, expected) in [
        (vec!["--name", ""], "请填写帮扶干部的姓名"),
        (vec!["--name", "王\n伪造"], "控制字符"),
        (vec!["--name", "李帮扶", "--unit", "县扶贫办"], "已有在岗"),
        (vec!["--name", "周", "--phone", "abc"], "联系电话"),
        (vec!["--name", "周", "--unit-level", "国家级"], "单位层级"),
    ] {
        let mut all = vec!["cadre", "add", "--village", "360729101099"];
        all.extend(args);
        let out = run(&db, &all);
        assert!(!out.status.success(), "{all:?} is refused");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(err.contains(expected), "{all:?}: “{expected}” in {err}");
    }
    let after = ok(
        &db,
        &["cadre", "list", "--village", "360729101099", "--json"],
    );
    assert_eq!(before, after, "nothing saved by a refused add");
}
