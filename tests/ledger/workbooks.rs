//! Papers as Excel workbooks: `roster --format xlsx` and `assess --village … --format
//! xlsx` write the roster and the inspector's list with the engine's figures (the same as
//! `assess --json` reports), and a reader we did not write (openpyxl) opens them.

use crate::common::{bin, openpyxl};
use serde_json::Value;
use std::path::Path;
use std::process::Command;

fn run(db: &Path, args: &[&str]) -> String {
    let out = Command::new(bin())
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "yibentong {args:?} succeeds: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).to_string()
}

/// Every sheet of a workbook as {name: rows of cell values}, read by openpyxl.
fn sheets(path: &Path) -> Value {
    let script = r#"
import json, sys, openpyxl
book = openpyxl.load_workbook(sys.argv[1])
print(json.dumps({"names": book.sheetnames,
                  "sheets": {ws.title: [[c.value for c in r] for r in ws.iter_rows()] for ws in book}},
                 ensure_ascii=False))
"#;
    serde_json::from_slice(&openpyxl(script, path)).unwrap()
}

fn outcome(code: &Value) -> &'static str {
    match code.as_str() {
        Some("yes") => "是",
        Some("no") => "否",
        _ => "无法判断",
    }
}

#[test]
fn the_roster_and_the_inspectors_list_are_workbooks_with_the_engines_figures() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    run(
        &dir.path().join("d.db"),
        &[
            "demo",
            "--out",
            db.to_str().unwrap(),
            "--households",
            "60",
            "--seed",
            "5",
        ],
    );
    let village = yibentong::store::Ledger::open(&db)
        .unwrap()
        .villages()
        .unwrap()[0]
        .village
        .code
        .clone();
    let assessed: Value = serde_json::from_str(&run(
        &db,
        &["assess", "--village", &village, "--year", "2019", "--json"],
    ))
    .unwrap();
    let households = assessed["households"].as_array().unwrap();

    // 花名册
    let roster = dir.path().join("花名册.xlsx");
    let args = [
        "roster",
        "--village",
        &village,
        "--year",
        "2019",
        "--format",
        "xlsx",
        "--out",
        roster.to_str().unwrap(),
    ];
    run(&db, &args);
    run(&db, &args); // a workbook this program wrote may be replaced
    let book = sheets(&roster);
    let rows = book["sheets"]["花名册"].as_array().unwrap();
    let title = rows[0][0].as_str().unwrap();
    assert!(
        title.ends_with("2019年农户花名册（一本通导出）"),
        "row 1 is the title: {title}"
    );
    let header: Vec<&str> = rows[2]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    assert_eq!(
        header,
        [
            "序号",
            "户编号",
            "户主",
            "村民小组",
            "人口",
            "贫困户属性",
            "户状态",
            "主要致贫原因",
            "人均纯收入（元）",
            "帮扶责任人"
        ],
        "row 3 is the PDF roster's header"
    );
    let data = &rows[3..3 + households.len()];
    for a in households {
        let code = a["household"].as_str().unwrap();
        let row = data
            .iter()
            .find(|r| r[1] == code)
            .unwrap_or_else(|| panic!("household {code} has a row (codes are text)"));
        match (a["per_capita_net_income"].as_f64(), row[8].as_f64()) {
            (Some(engine), Some(cell)) => assert!(
                (engine - cell).abs() < 1e-6,
                "{code}: the roster's income is the engine's ({engine} vs {cell})"
            ),
            (engine, cell) => assert_eq!(engine, cell, "{code}: no income on either side"),
        }
    }
    let total = &rows[3 + households.len()];
    assert_eq!(total[0], "合计");
    let persons: f64 = data.iter().map(|r| r[4].as_f64().unwrap()).sum();
    assert_eq!(
        total[4].as_f64(),
        Some(persons),
        "the total adds up the persons"
    );
    assert!(
        rows.iter()
            .any(|r| r[0].as_str().is_some_and(|t| t.starts_with("贫困发生率"))),
        "the incidence line of the PDF roster is there for 2019"
    );

    // 检查清单
    let list = dir.path().join("检查清单.xlsx");
    run(
        &db,
        &[
            "assess",
            "--village",
            &village,
            "--year",
            "2019",
            "--format",
            "xlsx",
            "--out",
            list.to_str().unwrap(),
        ],
    );
    let book = sheets(&list);
    assert_eq!(
        book["names"],
        serde_json::json!(["检查清单", "汇总", "各户判定"])
    );
    let rows = book["sheets"]["检查清单"].as_array().unwrap();
    assert!(rows[0][0]
        .as_str()
        .unwrap()
        .ends_with("2019年度检查清单（一本通导出）"));
    let disagreements = assessed["inspector"]["disagreements"].as_array().unwrap();
    let listed: Vec<&Vec<Value>> = rows[3..]
        .iter()
        .map(|r| r.as_array().unwrap())
        .filter(|r| r[1].is_string())
        .collect();
    assert_eq!(
        listed.len(),
        disagreements.len(),
        "one row per household whose status disagrees"
    );
    for (row, d) in listed.iter().zip(disagreements) {
        assert_eq!(row[1], d["household"], "in the engine's order");
        assert_eq!(row[7], d["reason"], "with the engine's reason");
        assert_eq!(row[5], outcome(&d["outcome"]));
    }
    let summary = book["sheets"]["汇总"].as_array().unwrap();
    let value = |label: &str| {
        summary
            .iter()
            .find(|r| r[0] == label)
            .unwrap_or_else(|| panic!("汇总 has {label}"))[1]
            .clone()
    };
    assert_eq!(
        value("村退出"),
        outcome(&assessed["inspector"]["village_exit"])
    );
    assert_eq!(
        value("未脱贫及返贫人口（人）").as_f64(),
        assessed["poor_persons"].as_f64()
    );
    let each = book["sheets"]["各户判定"].as_array().unwrap();
    assert_eq!(
        each.len() - 3,
        households.len(),
        "one row per household assessed"
    );
}
