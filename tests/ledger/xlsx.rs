//! The monitoring system's person-level Excel sheet: a workbook laid out like the real
//! export (written by openpyxl, `tests/data/xlsx/generate.py`) imports field by field; bad
//! cells are reported by row and column in Chinese and nothing is written; export →
//! import gives the same village back; an import over a village keeps what the sheet does
//! not carry; and a reader we did not write (openpyxl) opens what we export.

use crate::common::{bin, data, json, openpyxl, read, today};
use serde_json::{json, Value};
use std::process::Command;
use yibentong::exchange::{
    export_json, export_village, import_bytes, import_file_at, import_file_with, xlsx, NewVillage,
};
use yibentong::store::Ledger;
use yibentong::Error;

const VILLAGE: &str = "522729100201";

fn import(l: &mut Ledger, name: &str) -> yibentong::Result<yibentong::exchange::ImportSummary> {
    import_file_at(l, &read(&format!("xlsx/{name}")), name, today(), today()).map(one_village)
}

/// The summary of a workbook of one village.
fn one_village(
    mut list: Vec<yibentong::exchange::ImportSummary>,
) -> yibentong::exchange::ImportSummary {
    assert_eq!(list.len(), 1, "one village: {list:?}");
    list.remove(0)
}

fn counts(l: &Ledger) -> (i64, i64, i64) {
    let q = |sql: &str| l.read_count(sql).unwrap();
    (
        q("SELECT COUNT(*) FROM households"),
        q("SELECT COUNT(*) FROM members"),
        q("SELECT COUNT(*) FROM audit"),
    )
}

/// The findings as the cadre reads them, checked to name each of `needles`.
fn naming(findings: &[yibentong::validate::Finding], needles: &[&str]) -> Vec<String> {
    let text: Vec<String> = findings.iter().map(|f| f.to_string()).collect();
    for needle in needles {
        assert!(
            text.iter().any(|t| t.contains(needle)),
            "expected “{needle}” among {text:#?}"
        );
    }
    text
}

/// Checks that the household of `want`'s code among `households` (exported) holds every
/// field `want` names, each member every field of its own, and nothing the sheet had no
/// value for.
fn imported_as(households: &[Value], w: &Value) {
    let code = &w["code"];
    let h = households
        .iter()
        .find(|h| &h["code"] == code)
        .unwrap_or_else(|| panic!("household {code} is imported"));
    for (key, value) in w.as_object().unwrap() {
        if key == "members" || key == "monitoring" {
            continue;
        }
        assert_eq!(&h[key], value, "household {code}: {key}");
    }
    let monitoring = h["monitoring"].as_object().map(|m| {
        let mut m = m.clone();
        assert!(m.remove("x_id").is_some(), "the record gets a stable id");
        Value::Object(m)
    });
    assert_eq!(
        monitoring.unwrap_or(Value::Null),
        w["monitoring"],
        "household {code}: monitoring"
    );
    let members = h["members"].as_array().unwrap();
    let wanted = w["members"].as_array().unwrap();
    assert_eq!(
        members.len(),
        wanted.len(),
        "household {code}: one member per row"
    );
    for (m, e) in members.iter().zip(wanted) {
        for (key, value) in e.as_object().unwrap() {
            assert_eq!(&m[key], value, "household {code}, {}: {key}", e["name"]);
        }
        // The day the ledger knows the member from is the ledger's own.
        for key in m
            .as_object()
            .unwrap()
            .keys()
            .filter(|k| *k != "x_recorded_from")
        {
            assert!(
                e.get(key).is_some(),
                "household {code}, {}: {key} is set although the sheet has no value for it",
                e["name"]
            );
        }
    }
}

#[test]
fn the_monitoring_export_imports_field_by_field() {
    let mut l = Ledger::open_in_memory().unwrap();
    let s = import(&mut l, "monitoring.xlsx").expect("the fixture workbook imports");
    assert_eq!((s.village.as_str(), s.inserted), (VILLAGE, 3), "{s:?}");
    let doc = serde_json::to_value(export_village(&l, VILLAGE).unwrap()).unwrap();
    let expected = json("xlsx/monitoring.expected.json");
    for key in ["code", "name", "township", "county"] {
        assert_eq!(
            doc["village"][key], expected["village"][key],
            "village.{key} comes from the 县/乡/村 columns and the 户编号 prefix"
        );
    }
    let households = doc["households"].as_array().unwrap();
    let want = expected["households"].as_array().unwrap();
    assert_eq!(households.len(), want.len(), "one household per 户编号");
    for w in want {
        imported_as(households, w);
    }
    // 工资性收入 12000 of a 脱贫户 not monitored, imported on 2026-01-15: the book of 2025,
    // the last year complete; the other households leave it empty.
    let income: Vec<Value> = households
        .iter()
        .flat_map(|h| h["income"].as_array().cloned().unwrap_or_default())
        .map(|mut line| {
            assert!(line["x_id"].is_string(), "the line gets a stable id");
            line.as_object_mut().unwrap().remove("x_id");
            line
        })
        .collect();
    assert_eq!(
        income,
        [
            serde_json::json!({"year": 2025, "month": null, "category": "wage",
            "item": "工资性收入", "amount": 12000.0, "counted": true})
        ],
        "one line of the year, named by its column"
    );
    assert_eq!(
        households[0]["members"][0]["work"]["place"], "out_of_province",
        "务工所在地 广东省深圳市宝安区 is out of 贵州"
    );
}

/// Checks that the ledger's 石洞村 holds the households of monitoring.expected.json.
fn holds_the_expected_households(l: &Ledger) {
    let doc = serde_json::to_value(export_village(l, VILLAGE).unwrap()).unwrap();
    let households = doc["households"].as_array().unwrap();
    for w in json("xlsx/monitoring.expected.json")["households"]
        .as_array()
        .unwrap()
    {
        imported_as(households, w);
    }
}

/// The monitoring sheet as Excel or WPS may save it imports as monitoring.xlsx does:
/// - east_asian_dates.xlsx: months typed as dates in a Chinese copy, stored as day numbers
///   shown through a built-in East Asian format (ids 57, 31: no format string in the file),
///   read as their months, not as 45017;
/// - mixed_forms.xlsx: one value written in different forms on the rows of one household
///   (202304, 2023年04月 and a date cell; 120.5 and 120.50), rows that agree.
#[test]
fn a_sheet_as_excel_or_wps_saves_it_reads_as_its_plain_copy() {
    for name in ["east_asian_dates.xlsx", "mixed_forms.xlsx"] {
        let mut l = Ledger::open_in_memory().unwrap();
        let s = import(&mut l, name).unwrap_or_else(|e| panic!("{name} imports: {e}"));
        assert_eq!(s.inserted, 3, "{name}: {s:?}");
        holds_the_expected_households(&l);
    }
}

/// A later row's month that is no month is refused as unreadable, at its own row, not
/// as disagreeing with the household's first row; nothing is written.
#[test]
fn an_unreadable_month_on_a_later_row_says_so() {
    let mut l = Ledger::open_in_memory().unwrap();
    let errors = match import(&mut l, "bad_month.xlsx") {
        Err(Error::Validation(f)) => f.iter().map(|f| f.to_string()).collect::<Vec<_>>(),
        other => panic!("refused, got {other:?}"),
    };
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("第9行“识别监测时间”") && errors[0].contains("无法识别的日期“2023-13”"),
        "{errors:?}"
    );
    assert_eq!(counts(&l), (0, 0, 0), "nothing written");
}

/// The same sheets saved as Excel 97–2003 workbooks (.xls, as older copies of Excel and
/// WPS save them): the good one imports as its .xlsx does, the bad one is refused with the
/// same errors at the same rows.
#[test]
fn an_excel_97_2003_workbook_reads_as_its_xlsx_does() {
    let mut l = Ledger::open_in_memory().unwrap();
    let s = import(&mut l, "monitoring.xls").expect("the .xls imports");
    assert_eq!((s.village.as_str(), s.inserted), (VILLAGE, 3), "{s:?}");
    holds_the_expected_households(&l);
    let refused = |name: &str| {
        let mut fresh = Ledger::open_in_memory().unwrap();
        match import(&mut fresh, name) {
            Err(Error::Validation(f)) => f.iter().map(|f| f.to_string()).collect::<Vec<_>>(),
            other => panic!("{name} is refused, got {other:?}"),
        }
    };
    let old = refused("bad.xls");
    assert!(!old.is_empty());
    assert_eq!(old, refused("bad.xlsx"), "the same errors at the same rows");
}

/// A damaged workbook (or another file under a workbook's name) is refused in words a
/// cadre can act on, and the ledger keeps what it had.
#[test]
fn a_damaged_workbook_is_refused_with_what_to_do() {
    let mut l = Ledger::open_in_memory().unwrap();
    import(&mut l, "monitoring.xlsx").unwrap();
    let before = counts(&l);
    let mut ole = vec![0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
    ole.resize(512, 0);
    for (name, bytes) in [
        ("石洞村.xls", ole),
        ("石洞村.xlsx", b"PK\x03\x04cut".to_vec()),
    ] {
        let Err(Error::Format(said)) = import_file_at(&mut l, &bytes, name, today(), today())
        else {
            panic!("{name}: a damaged workbook is refused as such");
        };
        assert!(
            said.starts_with("无法打开这个Excel工作簿") && said.contains("另存为"),
            "{name}: {said}"
        );
    }
    assert_eq!(counts(&l), before, "nothing changed");
}

#[test]
fn bad_cells_are_reported_by_row_and_column_and_nothing_is_written() {
    let mut l = Ledger::open_in_memory().unwrap();
    import_bytes(&mut l, &read("village.json"), "village.json", today()).unwrap();
    let before = (counts(&l), export_json(&l, "360729101099").unwrap());
    let Err(Error::Validation(findings)) = import(&mut l, "bad.xlsx") else {
        panic!("a workbook with unreadable cells is refused as a validation error");
    };
    let text = naming(
        &findings,
        &[
            "第7行“在校生状况”：无法识别的值“初三”",
            "第8行“性别”：无法识别的值“3”",
            "第12行“识别监测时间”：“2022年07月”与第11行同户的值“2022年06月”不一致",
        ],
    );
    assert_eq!(text.len(), 3, "exactly the three bad cells: {text:#?}");
    assert_eq!(
        (counts(&l), export_json(&l, "360729101099").unwrap()),
        before,
        "the ledger is unchanged"
    );
    assert!(
        l.village(VILLAGE).is_err(),
        "the workbook's village was not created"
    );
}

#[test]
fn a_validation_error_points_at_the_cell() {
    let mut l = Ledger::open_in_memory().unwrap();
    let Err(Error::Validation(findings)) = import(&mut l, "bad_id.xlsx") else {
        panic!("an ID number with a wrong check digit is refused");
    };
    assert!(
        findings
            .iter()
            .any(|f| f.path == "第5行“证件号码”" && f.message.contains("校验位")),
        "the checksum error names row 5, column 证件号码: {findings:#?}"
    );
    assert_eq!(counts(&l), (0, 0, 0), "nothing is written");
}

#[test]
fn export_then_import_gives_the_same_village_back() {
    let mut a = Ledger::open_in_memory().unwrap();
    import(&mut a, "monitoring.xlsx").unwrap();
    let bytes = xlsx::write_village(&a, &export_village(&a, VILLAGE).unwrap(), today()).unwrap();
    let mut b = Ledger::open_in_memory().unwrap();
    import_file_at(&mut b, &bytes, "export.xlsx", today(), today()).unwrap();
    assert_eq!(
        export_json(&b, VILLAGE).unwrap(),
        export_json(&a, VILLAGE).unwrap(),
        "what the layout carries survives export → import"
    );
    let before = counts(&a);
    let again =
        one_village(import_file_at(&mut a, &bytes, "export.xlsx", today(), today()).unwrap());
    assert_eq!(
        (again.inserted, again.updated, again.unchanged),
        (0, 0, 3),
        "importing our own export into its ledger changes nothing"
    );
    assert_eq!(counts(&a), before, "no new rows, no audit rows");
}

#[test]
fn an_import_over_a_village_keeps_what_the_sheet_does_not_carry() {
    let mut l = Ledger::open_in_memory().unwrap();
    import_bytes(&mut l, &read("village.json"), "village.json", today()).unwrap();
    let before: Value = serde_json::from_str(&export_json(&l, "360729101099").unwrap()).unwrap();
    let mut doc = export_village(&l, "360729101099").unwrap();
    doc.households[0].conditions.house_area_m2 = Some(140.0);
    let bytes = xlsx::write_village(&l, &doc, today()).unwrap();
    import_file_at(&mut l, &bytes, "v.xlsx", today(), today()).unwrap();
    let after: Value = serde_json::from_str(&export_json(&l, "360729101099").unwrap()).unwrap();
    assert_eq!(
        after["households"][0]["conditions"]["house_area_m2"], 140.0,
        "the changed cell is imported"
    );
    for key in [
        "visits", "events", "pairings", "income", "expenses", "measures",
    ] {
        for i in 0..2 {
            assert_eq!(
                after["households"][i][key], before["households"][i][key],
                "household {i}: {key} is kept (the sheet does not carry it)"
            );
        }
    }
    for key in ["region", "rural_population", "groups", "province"] {
        assert_eq!(
            after["village"][key], before["village"][key],
            "village.{key} is kept"
        );
    }
    assert_eq!(after["cadres"], before["cadres"], "the cadres are kept");
    assert_eq!(
        after["households"][1]["monitoring"]["channel"],
        before["households"][1]["monitoring"]["channel"],
        "the monitoring channel (no column) is kept"
    );
}

#[test]
fn the_demo_village_exported_and_imported_back_is_unchanged() {
    let mut l = Ledger::open_in_memory().unwrap();
    yibentong::demo::build(&mut l, 40, 11, today(), &mut |_, _| {}).unwrap();
    let code = l.villages().unwrap()[0].village.code.clone();
    let before = (counts(&l), export_json(&l, &code).unwrap());
    let bytes = xlsx::write_village(&l, &export_village(&l, &code).unwrap(), today()).unwrap();
    let s = one_village(import_file_at(&mut l, &bytes, "demo.xlsx", today(), today()).unwrap());
    assert_eq!(
        (s.inserted, s.updated),
        (0, 0),
        "every household is unchanged (departed members, visits, income … stay): {s:?}"
    );
    assert_eq!(
        (counts(&l), export_json(&l, &code).unwrap()),
        before,
        "no row and no audit row is written"
    );
}

/// A 特困 member's 特困人员救助供养金 survives export → import into another ledger →
/// export: the import books the members' allowances as the household's 特困供养金 (inside
/// its 转移性收入), which the export shares out again. It used to come back as 0.
#[test]
fn the_tekun_allowance_survives_a_round_trip_through_another_ledger() {
    let mut a = Ledger::open_in_memory().unwrap();
    yibentong::demo::build(&mut a, 120, 11, today(), &mut |_, _| {}).unwrap();
    let code = a.villages().unwrap()[0].village.code.clone();
    let first = xlsx::write_village(&a, &export_village(&a, &code).unwrap(), today()).unwrap();
    let mut b = Ledger::open_in_memory().unwrap();
    import_file_at(&mut b, &first, "demo.xlsx", today(), today()).unwrap();
    let second = xlsx::write_village(&b, &export_village(&b, &code).unwrap(), today()).unwrap();
    let allowances = |bytes: &[u8]| -> Vec<(String, String)> {
        use calamine::Reader;
        let mut book: calamine::Xlsx<_> =
            calamine::open_workbook_from_rs(std::io::Cursor::new(bytes.to_vec())).unwrap();
        let range = book.worksheet_range_at(0).unwrap().unwrap();
        let rows: Vec<Vec<String>> = range
            .rows()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect();
        let col = |name: &str| rows[2].iter().position(|h| h == name).unwrap();
        let (person, allowance) = (col("人编号"), col("特困人员救助供养金"));
        rows[3..]
            .iter()
            .map(|r| (r[person].clone(), r[allowance].clone()))
            .collect()
    };
    let (before, after) = (allowances(&first), allowances(&second));
    assert!(
        before.iter().any(|(_, a)| !a.is_empty() && a != "0"),
        "the demo has 特困 members with an allowance: {before:?}"
    );
    assert_eq!(after, before, "each member's allowance comes back");
}

/// The income columns as the county's checks read them: 人均纯收入 is the rules engine's
/// (`assess --json`) for a household not monitored, and a household whose risk is
/// eliminated has every one of the 13 风险消除后 columns filled (1_11_004).
#[test]
fn the_income_columns_are_the_engines_and_the_snapshot_after_elimination_is_complete() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.db");
    let run = |args: &[&str]| {
        let out = cli(&db, args);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).to_string()
    };
    let made = Command::new(bin())
        .args(["demo", "--out", db.to_str().unwrap(), "--households", "120"])
        .output()
        .unwrap();
    assert!(made.status.success());
    let l = Ledger::open(&db).unwrap();
    let code = l.villages().unwrap()[0].village.code.clone();
    drop(l);
    let file = dir.path().join("v.xlsx");
    run(&[
        "export",
        "--village",
        &code,
        "--format",
        "xlsx",
        "--out",
        file.to_str().unwrap(),
        "--year",
        "2025",
    ]);
    let assessed: Value = serde_json::from_str(&run(&[
        "assess",
        "--village",
        &code,
        "--year",
        "2025",
        "--json",
    ]))
    .unwrap();
    let script = r#"
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = [[c.value for c in r] for r in ws.iter_rows()]
print(json.dumps([dict(zip(rows[2], r)) for r in rows[3:]], ensure_ascii=False))
"#;
    let rows: Vec<Value> = serde_json::from_slice(&openpyxl(script, &file)).unwrap();
    let (mut compared, mut eliminated) = (0, 0);
    for h in assessed["households"].as_array().unwrap() {
        let row = rows
            .iter()
            .find(|r| r["户编号"] == h["household"])
            .expect("every household has a row");
        if row["监测对象类别"].is_null() {
            let sheet = row["人均纯收入（元）"].as_f64();
            let engine = h["per_capita_net_income"].as_f64();
            assert_eq!(sheet, engine, "{}: 人均纯收入", h["household"]);
            let net = row["家庭纯收入"].as_f64().unwrap();
            let parts: f64 = ["工资性收入", "生产经营性收入", "财产性收入", "转移性收入"]
                .iter()
                .map(|c| row[*c].as_f64().unwrap())
                .sum::<f64>()
                - row["生产经营性支出"].as_f64().unwrap();
            assert!(
                (net - parts).abs() < 0.01,
                "{}: 家庭纯收入 adds up",
                h["household"]
            );
            compared += 1;
        }
        if !row["消除监测时间"].is_null() {
            let after: Vec<_> = row
                .as_object()
                .unwrap()
                .iter()
                .filter(|(k, _)| k.starts_with("风险消除后"))
                .collect();
            assert_eq!(after.len(), 13, "the 13 风险消除后 columns");
            for (k, v) in after {
                assert!(!v.is_null(), "{}: {k} is filled", h["household"]);
            }
            eliminated += 1;
        }
    }
    assert!(compared > 90 && eliminated > 0, "{compared} / {eliminated}");

    // What the county's checks read (monitoring-export.md part 2): a student's stage is
    // 在校生状况 and 文化程度 stays empty (3_12_004); 出生日期 as YYYYMMDD; the measures
    // under the system's columns; 公益性岗位(月数) spelled as the system spells it.
    for row in &rows {
        if row["在校生状况"].as_str().is_some_and(|s| !s.is_empty()) {
            assert!(row["文化程度"].is_null(), "not both: {row}");
        }
        if let (Some(id), Some(birth)) = (row["证件号码"].as_str(), row["出生日期"].as_str())
        {
            assert_eq!(&id[6..14], birth, "出生日期 from the ID number");
        }
    }
    let header: Vec<&str> = rows[0]
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    assert!(header.contains(&"公益性岗位(月数)"), "{header:?}");
    // Columns the checks stop on when missing, though the ledger keeps no field for them.
    for column in [
        "信息采集人",
        "就业渠道（易地搬迁后扶使用）",
        "退耕还林面积（亩）",
        "林果面积（亩）",
    ] {
        assert!(header.contains(&column), "{column} is written");
    }
    let allowance = |r: &Value| {
        r["特困人员救助供养金"]
            .as_f64()
            .expect("a number on every row")
    };
    assert!(
        rows.iter()
            .filter(|r| r["享受特困供养政策情况"] != "农村特困")
            .all(|r| allowance(r) == 0.0),
        "0 for members not under 特困供养"
    );
    assert!(
        rows.iter()
            .any(|r| r["享受特困供养政策情况"] == "农村特困" && allowance(r) > 0.0),
        "a 特困 member's share of the year's 特困供养金"
    );
    for column in ["产业帮扶", "综合保障"] {
        assert!(
            rows.iter()
                .any(|r| r[column].as_str().is_some_and(|s| !s.is_empty())),
            "the demo's measures are written under {column}"
        );
    }
    // 实施开发式帮扶措施情况 (5_11_030, 5_12_007): 是 where a developmental measure is written.
    let filled = |r: &Value, c: &str| r[c].as_str().is_some_and(|s| !s.is_empty());
    for r in &rows {
        let developmental = ["产业帮扶", "就业帮扶", "金融帮扶", "公益岗位帮扶"]
            .iter()
            .any(|c| filled(r, c));
        assert_eq!(
            r["实施开发式帮扶措施情况"] == "是",
            developmental,
            "{}",
            r["户编号"]
        );
    }
}

/// The command line on a ledger.
fn cli(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    Command::new(bin())
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .unwrap()
}

/// A county's workbook of hundreds of villages must not bury the import's result under a
/// line per village with warnings: the totals and one pointer to `check` say it.
#[test]
fn a_county_workbook_points_to_its_warnings_in_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let out = cli(&db, &["import", data("xlsx/county.xlsx").to_str().unwrap()]);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{stdout}{stderr}");
    assert_eq!(
        stdout.matches("导入完成：村 5227291003").count(),
        4,
        "{stdout}"
    );
    assert!(
        stderr.contains("合计：4 个村，新增 4 户，更新 0 户，未变 0 户，提示 4 条"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "4 个村的提示不影响导入；逐村查看：yibentong check --village 村代码（如 522729100300）"
        ),
        "{stderr}"
    );
    assert!(!stderr.contains("逐条查看"), "no line a village: {stderr}");
    // A village's own file still points to its village.
    let one = cli(
        &db,
        &[
            "import",
            "--new-village",
            data("xlsx/monitoring.xlsx").to_str().unwrap(),
        ],
    );
    let said = String::from_utf8_lossy(&one.stderr);
    assert!(
        said.contains("条提示不影响导入；逐条查看：yibentong check --village 522729100201"),
        "{said}"
    );
    assert!(!said.contains("合计"), "{said}");
}

#[test]
fn the_cli_exports_a_workbook_that_openpyxl_reads() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let run = |args: &[&str]| {
        let out = cli(&db, args);
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).to_string(),
            String::from_utf8_lossy(&out.stderr).to_string(),
        )
    };
    let fixture = data("xlsx/monitoring.xlsx");
    let (code, stdout, stderr) = run(&["import", fixture.to_str().unwrap()]);
    assert_eq!(code, Some(0), "import succeeds: {stdout}{stderr}");
    assert!(stdout.contains("新增 3 户"), "{stdout}");
    let (code, _, stderr) = run(&["import", data("xlsx/bad.xlsx").to_str().unwrap()]);
    assert_eq!(code, Some(2), "a refused workbook exits 2");
    assert!(
        stderr.contains("第7行“在校生状况”：无法识别的值“初三”")
            // Every value read is offered, 学龄前儿童 (read beside the list) among them.
            && stderr.contains("学龄前儿童填“学龄前儿童”")
            && stderr.contains("未导入任何数据"),
        "{stderr}"
    );
    let out = dir.path().join("石洞村.xlsx");
    let (code, stdout, stderr) = run(&[
        "export",
        "--village",
        VILLAGE,
        "--format",
        "xlsx",
        "--out",
        out.to_str().unwrap(),
        "--year",
        "2025",
    ]);
    assert_eq!(code, Some(0), "export succeeds: {stdout}{stderr}");
    let (code, _, stderr) = run(&["export", "--village", VILLAGE, "--format", "xlsx"]);
    assert_ne!(code, Some(0), "xlsx without --out is refused");
    assert!(stderr.contains("--out"), "{stderr}");
    let (code, stdout, _) = run(&["export", "--village", VILLAGE]);
    assert_eq!(code, Some(0));
    let exported: Value =
        serde_json::from_str(&stdout).expect("the default export is JSON on stdout");
    assert_eq!(exported["format"], "yibentong.village/1");

    let script = r#"
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = [[c.value for c in r] for r in ws.iter_rows()]
print(json.dumps({"title": rows[0][0], "header": rows[2],
                  "types": [[type(v).__name__ for v in r] for r in rows[3:]],
                  "rows": rows[3:]}, ensure_ascii=False))
"#;
    let sheet: Value = serde_json::from_slice(&openpyxl(script, &out)).unwrap();
    assert_eq!(
        sheet["title"], "监测对象信息（一本通导出）",
        "row 1 is the title"
    );
    let header: Vec<&str> = sheet["header"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap())
        .collect();
    let col = |name: &str| {
        header
            .iter()
            .position(|h| *h == name)
            .unwrap_or_else(|| panic!("row 3 has {name}: {header:?}"))
    };
    let rows = sheet["rows"].as_array().unwrap();
    assert_eq!(rows.len(), 9, "one row per person");
    let row = |name: &str| {
        rows.iter()
            .find(|r| r[col("姓名")] == name)
            .unwrap_or_else(|| panic!("{name} has a row"))
    };
    assert_eq!(row("王小军")[col("在校生状况")], "八年级");
    assert_eq!(
        row("王大山")[col("在校生状况")],
        Value::Null,
        "not a student: empty"
    );
    assert_eq!(
        row("陈小雨")[col("户编号")],
        "5227291002010002",
        "household columns are repeated"
    );
    assert_eq!(
        row("陈小雨")[col("识别监测时间")],
        "202304",
        "months as YYYYMM"
    );
    assert_eq!(row("陈光明")[col("户类型")], "一般农户");
    assert_eq!(row("杨浩")[col("与户主关系")], "之孙子");
    assert_eq!(row("陈母")[col("住房面积")], 120.5, "areas are numbers");
    let types = sheet["types"].as_array().unwrap();
    for name in ["户编号", "人编号", "证件号码"] {
        assert!(
            types.iter().all(|t| t[col(name)] == "str"),
            "{name} is text, so no digit is lost: {types:?}"
        );
    }
}

/// The spells of work travel in the 已外出务工 sheet: openpyxl reads one row per spell; a
/// village whose spells changed in the sheet gets them back; a row without its 开始时间 is
/// refused at its sheet, row and column, and nothing is written.
#[test]
fn spells_of_work_travel_in_their_own_sheet() {
    let mut l = Ledger::open_in_memory().unwrap();
    yibentong::demo::build(&mut l, 40, 11, today(), &mut |_, _| {}).unwrap();
    let code = l.villages().unwrap()[0].village.code.clone();
    let doc = export_village(&l, &code).unwrap();
    let on = today();
    let now = yibentong::model::Month::of(on);
    let spells: usize = doc
        .households
        .iter()
        .flat_map(|h| h.members_on(on))
        .map(|m| m.work_spells.iter().filter(|s| s.from <= now).count())
        .sum();
    assert!(spells > 10, "the demo records spells of work");
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("v.xlsx");
    std::fs::write(&file, xlsx::write_village(&l, &doc, on).unwrap()).unwrap();
    let script = r#"
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["已外出务工"]
rows = [[c.value for c in r] for r in ws.iter_rows()]
print(json.dumps({"header": rows[2], "rows": rows[3:]}, ensure_ascii=False))
"#;
    let sheet: Value = serde_json::from_slice(&openpyxl(script, &file)).unwrap();
    assert_eq!(sheet["header"][8], "开始时间");
    assert_eq!(
        sheet["rows"].as_array().unwrap().len(),
        spells,
        "one row per spell"
    );

    // The cadre corrects a wage in the sheet (openpyxl) and imports it.
    let edit = r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb["已外出务工"]
ws.cell(row=4, column=12).value = 4321
wb.save(sys.argv[1])
"#;
    openpyxl(edit, &file);
    import_file_at(&mut l, &std::fs::read(&file).unwrap(), "v.xlsx", on, on).unwrap();
    let after = export_village(&l, &code).unwrap();
    let wages: Vec<f64> = after
        .households
        .iter()
        .flat_map(|h| h.members.iter())
        .flat_map(|m| m.work_spells.iter())
        .filter_map(|s| s.wage)
        .collect();
    assert!(wages.contains(&4321.0), "the corrected wage is imported");

    // A spell without its start month.
    let blank = r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb["已外出务工"]
ws.cell(row=5, column=9).value = None
wb.save(sys.argv[1])
"#;
    openpyxl(blank, &file);
    let before = (counts(&l), export_json(&l, &code).unwrap());
    let err = import_file_at(&mut l, &std::fs::read(&file).unwrap(), "v.xlsx", on, on).unwrap_err();
    let Error::Validation(found) = err else {
        panic!("refused with findings")
    };
    assert!(
        found
            .iter()
            .any(|f| f.path == "“已外出务工”表第5行“开始时间”" && f.message == "开始时间为空"),
        "{found:?}"
    );
    assert_eq!(
        (counts(&l), export_json(&l, &code).unwrap()),
        before,
        "nothing written"
    );
}

#[test]
fn a_workbook_with_only_the_monitoring_systems_columns_imports() {
    // No 主要致贫原因 column (the person sheet has none): a 脱贫户 imports with a warning to
    // fill it in; 耕地面积(亩) in half-width brackets is the same column; 之侄女 and 技师 are
    // the system's own values.
    let mut l = Ledger::open_in_memory().unwrap();
    let s = import(&mut l, "spec_only.xlsx").expect("a workbook without a cause column imports");
    assert_eq!(s.inserted, 2, "{s:?}");
    assert!(s.warnings >= 1, "the missing cause is a warning: {s:?}");
    let doc = serde_json::to_value(export_village(&l, VILLAGE).unwrap()).unwrap();
    let h = &doc["households"][0];
    assert_eq!(h["status"], "exited");
    assert!(
        h.get("main_cause").is_none_or(Value::is_null),
        "not recorded: {h}"
    );
    assert_eq!(h["conditions"]["farmland_mu"], 3.2, "耕地面积(亩) is read");
    let member = |name: &str| {
        h["members"]
            .as_array()
            .unwrap()
            .iter()
            .find(|m| m["name"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(
        (
            &member("王小雪")["relation"],
            &member("王小雪")["x_relation_detail"]
        ),
        (&json!("other"), &json!("niece")),
        "之侄女 is 其他, kept as written"
    );
    assert_eq!(
        (
            &member("王大山")["education"],
            &member("王大山")["x_education_detail"]
        ),
        (&json!("senior_high"), &json!("technician")),
        "技师 is the senior stage, kept as written"
    );
    assert_eq!(
        doc["households"][1]["status"], "monitored",
        "户类型 非脱贫户 is not a 脱贫户: the monitoring columns give its status"
    );
}

#[test]
fn every_bad_cell_and_every_wrong_value_is_reported_at_once() {
    let mut l = Ledger::open_in_memory().unwrap();
    let Err(Error::Validation(findings)) = import(&mut l, "bad_mixed.xlsx") else {
        panic!("a workbook with a bad cell and wrong values is refused");
    };
    let text = naming(
        &findings,
        &[
            "第6行“证件号码”：成员“王小军”的身份证号同时登记在户5227291002010003",
            "第7行“在校生状况”：无法识别的值“初三”",
            "第8行“证件号码”：成员“陈光明”的身份证号校验位错误",
            "第12行“证件号码”：成员“杨浩”的身份证号同时登记在户5227291002010001",
        ],
    );
    assert_eq!(
        text.len(),
        4,
        "the four, each once, in row order: {text:#?}"
    );
    assert_eq!(counts(&l), (0, 0, 0), "nothing is written");
}

/// The columns we write for the system and never read (社会帮扶, 出生日期, the engine's
/// figures) cannot refuse a workbook: a household's rows that disagree in them, or a cell
/// there no one could read, leave the import as it would be without them.
#[test]
fn columns_written_only_are_not_read() {
    let mut l = Ledger::open_in_memory().unwrap();
    yibentong::demo::build(&mut l, 20, 5, today(), &mut |_, _| {}).unwrap();
    let code = l.villages().unwrap()[0].village.code.clone();
    let doc = export_village(&l, &code).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("v.xlsx");
    std::fs::write(&file, xlsx::write_village(&l, &doc, today()).unwrap()).unwrap();
    let script = r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
ws = wb.worksheets[0]
header = [c.value for c in ws[3]]
for name, value in [("社会帮扶", "乱写的措施"), ("出生日期", "不是日期"), ("人均纯收入（元）", "?")]:
    ws.cell(row=5, column=header.index(name) + 1, value=value)
wb.save(sys.argv[1])
"#;
    openpyxl(script, &file);
    let before = counts(&l);
    let s = import_file_at(
        &mut l,
        &std::fs::read(&file).unwrap(),
        "v.xlsx",
        today(),
        today(),
    )
    .map(one_village)
    .expect("cells we only write do not refuse the workbook");
    assert_eq!((s.inserted, s.updated), (0, 0), "{s:?}");
    assert_eq!(counts(&l), before, "nothing written");
}

/// A 脱贫户 monitored for sudden hardship (not an unstable exit) carries no year of its
/// registration in the sheet; imported into a new ledger its status is dated (已脱贫 as
/// first recorded, 监测对象 from the month identified, 风险消除 from the month eliminated),
/// and exported it is a 脱贫户 again, so a second ledger reads the same household.
#[test]
fn a_tuopin_household_monitored_for_sudden_hardship_stays_one_through_export_and_import() {
    let mut a = Ledger::open_in_memory().unwrap();
    import(&mut a, "sudden.xlsx").unwrap();
    let doc = export_village(&a, VILLAGE).unwrap();
    let h = &doc.households[0];
    assert_eq!(h.status, Some(yibentong::codes::Status::RiskEliminated));
    let status: Vec<(Option<String>, Value)> = h
        .history
        .iter()
        .filter(|p| p.field == "status")
        .map(|p| (p.from.map(|d| d.to_string()), p.value.clone()))
        .collect();
    assert_eq!(
        status,
        vec![
            (None, Value::from("exited")),
            (Some("2022-06-01".into()), Value::from("monitored")),
            (Some("2023-11-01".into()), Value::from("risk_eliminated")),
        ],
        "dated from the sheet's months"
    );
    let bytes = xlsx::write_village(&a, &doc, today()).unwrap();
    let mut b = Ledger::open_in_memory().unwrap();
    import_file_at(&mut b, &bytes, "export.xlsx", today(), today()).unwrap();
    // The periods' `recorded_at` is each ledger's own time of writing.
    let facts = |l: &Ledger| {
        let mut v: Value = serde_json::from_str(&export_json(l, VILLAGE).unwrap()).unwrap();
        for h in v["households"].as_array_mut().unwrap() {
            for p in h["x_history"].as_array_mut().into_iter().flatten() {
                p.as_object_mut().unwrap().remove("recorded_at");
            }
        }
        v
    };
    assert_eq!(
        facts(&b),
        facts(&a),
        "exported as a 脱贫户, the household reads the same in a second ledger"
    );
    let again =
        one_village(import_file_at(&mut a, &bytes, "export.xlsx", today(), today()).unwrap());
    assert_eq!(
        (again.inserted, again.updated, again.unchanged),
        (0, 0, 1),
        "its own export changes nothing"
    );
}

/// 户类型 says 监测户 but 监测对象类别 is empty: the monitoring system counts a household
/// as monitored by its 类别, so the row does not say what the household is monitored for.
/// It is refused at its row and column (not imported as 一般农户 without a word), and
/// nothing is written.
#[test]
fn a_monitored_household_type_without_a_monitoring_kind_is_refused_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("jiance.xlsx");
    std::fs::copy(data("xlsx/spec_only.xlsx"), &file).unwrap();
    openpyxl(
        "import sys, openpyxl\n\
         wb = openpyxl.load_workbook(sys.argv[1]); ws = wb.active\n\
         col = [c.value for c in ws[3]].index('户类型') + 1\n\
         for r in range(4, 8): ws.cell(row=r, column=col, value='监测户')\n\
         wb.save(sys.argv[1])",
        &file,
    );
    let mut l = Ledger::open_in_memory().unwrap();
    let bytes = std::fs::read(&file).unwrap();
    let Err(Error::Validation(findings)) =
        import_file_at(&mut l, &bytes, "jiance.xlsx", today(), today())
    else {
        panic!("a 监测户 without its kind is refused");
    };
    naming(
        &findings,
        &["第4行“户类型”：户类型为“监测户”，但“监测对象类别”为空：请填写脱贫不稳定户、"],
    );
    assert_eq!(counts(&l), (0, 0, 0), "nothing is written");
}

/// A township's export lists several villages (the system exports by area): each becomes
/// its own village, its code from its 户编号, all in one transaction; each exported and
/// imported back is unchanged.
#[test]
fn a_townships_workbook_imports_each_village_apart() {
    let mut l = Ledger::open_in_memory().unwrap();
    let bytes = read("xlsx/township.xlsx");
    let list = import_file_at(&mut l, &bytes, "township.xlsx", today(), today()).unwrap();
    let got: Vec<(&str, usize)> = list
        .iter()
        .map(|s| (s.village.as_str(), s.inserted))
        .collect();
    assert_eq!(
        got,
        [("522729100201", 2), ("522729100202", 1)],
        "two villages, in the order the sheet lists them"
    );
    let expected = json("xlsx/township.expected.json");
    let mut again = Ledger::open_in_memory().unwrap();
    for want in expected.as_array().unwrap() {
        let code = want["village"]["code"].as_str().unwrap();
        let doc = serde_json::to_value(export_village(&l, code).unwrap()).unwrap();
        for key in ["code", "name", "township", "county"] {
            assert_eq!(
                doc["village"][key], want["village"][key],
                "{code}: village.{key}"
            );
        }
        let households = doc["households"].as_array().unwrap();
        let wanted = want["households"].as_array().unwrap();
        let codes: Vec<&Value> = households.iter().map(|h| &h["code"]).collect();
        let wanted_codes: Vec<&Value> = wanted
            .iter()
            .map(|w| if w.is_string() { w } else { &w["code"] })
            .collect();
        assert_eq!(
            codes, wanted_codes,
            "{code}: its own households, no other's"
        );
        for w in wanted.iter().filter(|w| w.is_object()) {
            imported_as(households, w);
        }
        // Each village's own workbook, imported into another ledger, gives it back.
        let sheet = xlsx::village_workbook(&l, code, today()).unwrap();
        let s =
            one_village(import_file_at(&mut again, &sheet, "v.xlsx", today(), today()).unwrap());
        assert_eq!(s.village, code);
        assert_eq!(
            export_json(&again, code).unwrap(),
            export_json(&l, code).unwrap(),
            "{code}: export → import loses nothing"
        );
    }
    // The same workbook again changes nothing in either village.
    let before = counts(&l);
    let list = import_file_at(&mut l, &bytes, "township.xlsx", today(), today()).unwrap();
    assert!(
        list.iter().all(|s| s.inserted + s.updated == 0),
        "nothing new the second time: {list:?}"
    );
    assert_eq!(counts(&l).0, before.0);
}

/// A bad cell in one village's rows, a 户编号 whose code is mistyped while its rows name a
/// village of the sheet (not a third village), or one person in two villages refuses the
/// whole workbook: every
/// fault by row and column, nothing written, no village created. A ledger that holds
/// villages asks before the workbook adds one.
#[test]
fn a_townships_workbook_with_a_fault_writes_nothing() {
    let mut l = Ledger::open_in_memory().unwrap();
    import(&mut l, "monitoring.xlsx").unwrap();
    let before = (counts(&l), export_json(&l, VILLAGE).unwrap());
    let bad = read("xlsx/township_bad.xlsx");
    let Err(Error::Validation(findings)) =
        import_file_at(&mut l, &bad, "township_bad.xlsx", today(), today())
    else {
        panic!("the workbook is refused with its findings");
    };
    naming(
        &findings,
        &[
            "第8行“性别”：无法识别的值“3”",
            "第10行“户编号”：村代码“522729100209”与第4行的“522729100201”不同，而县、乡、村名相同（长顺县广顺镇石洞村）",
            "也在第5行（石洞村）：同一人不能登记在两个村",
        ],
    );
    assert!(
        findings
            .iter()
            .any(|f| f.path == "第9行“证件号码”" && f.message.contains("同一人")),
        "the person in two villages is named at the later row: {findings:#?}"
    );
    assert_eq!(
        (counts(&l), export_json(&l, VILLAGE).unwrap()),
        before,
        "the ledger is unchanged"
    );
    for code in ["522729100202", "522729100209"] {
        assert!(l.village(code).is_err(), "{code} was not created");
    }
    // Without --new-village, a ledger that holds 石洞村 asks before adding 新寨村.
    let good = read("xlsx/township.xlsx");
    let asked = import_file_with(
        &mut l,
        &good,
        "township.xlsx",
        today(),
        today(),
        NewVillage::AskFirst,
    )
    .unwrap_err();
    let said = asked.to_string();
    assert!(
        said.contains("新寨村") && said.contains("--new-village"),
        "{said}"
    );
    assert_eq!(counts(&l), before.0, "nothing written");
}

/// A township's villages in one workbook (`export --township`, as the county asks for
/// them): openpyxl reads each village's people under its own 村 and 村代码; imported into
/// another ledger, every village is as it was. JSON has no township form: refused.
#[test]
fn a_township_exports_its_villages_in_one_workbook_that_imports_back() {
    let dir = tempfile::tempdir().unwrap();
    let (db, other) = (dir.path().join("t.db"), dir.path().join("county.db"));
    let run = |db: &std::path::Path, args: &[&str]| {
        let out = cli(db, args);
        let said = format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
        (out.status.code(), said)
    };
    let fixture = data("xlsx/township.xlsx");
    let (code, said) = run(&db, &["import", fixture.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{said}");
    let out = dir.path().join("广顺镇.xlsx");
    let (code, said) = run(
        &db,
        &[
            "export",
            "--township",
            "522729100",
            "--format",
            "xlsx",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_eq!(code, Some(0), "{said}");
    assert!(said.contains("2 个行政村，3 户"), "{said}");
    let (code, said) = run(&db, &["export", "--township", "522729100"]);
    assert_ne!(code, Some(0), "a township as JSON is refused");
    assert!(said.contains("--format xlsx"), "{said}");

    let script = r#"
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = [[c.value for c in r] for r in ws.iter_rows()]
h = rows[2]
print(json.dumps({"area": rows[1][0], "people": [[r[h.index("村")], r[h.index("村代码")], r[h.index("户编号")]]
                                                  for r in rows[3:]]}, ensure_ascii=False))
"#;
    let sheet: Value = serde_json::from_slice(&openpyxl(script, &out)).unwrap();
    assert!(
        sheet["area"]
            .as_str()
            .unwrap()
            .starts_with("长顺县广顺镇（2个行政村）"),
        "row 2 names the area: {}",
        sheet["area"]
    );
    let people = sheet["people"].as_array().unwrap();
    assert_eq!(people.len(), 9, "one row per person of both villages");
    for p in people {
        let (village, code, household) = (&p[0], p[1].as_str().unwrap(), p[2].as_str().unwrap());
        assert!(household.starts_with(code), "{p}");
        let want = if code == "522729100202" {
            "新寨村"
        } else {
            "石洞村"
        };
        assert_eq!(village, want, "{p}");
    }

    let (code, said) = run(&other, &["import", out.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{said}");
    for village in ["522729100201", "522729100202"] {
        let here = run(&db, &["export", "--village", village]);
        let there = run(&other, &["export", "--village", village]);
        assert_eq!(here.0, Some(0));
        assert_eq!(here.1, there.1, "{village} comes back as it was");
    }
}

/// A township's workbook whose cells all read but whose second village holds an ID
/// number with a wrong check digit: the error found after reading still names its row
/// and column, whatever the file is called (a long name is cut on the audit rows).
#[test]
fn a_wrong_value_in_a_townships_second_village_is_named_at_its_cell() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("t.xlsx");
    std::fs::copy(data("xlsx/township.xlsx"), &file).unwrap();
    let script = r#"
import sys, openpyxl
wb = openpyxl.load_workbook(sys.argv[1]); ws = wb.active
c = [x.value for x in ws[3]].index("证件号码") + 1
v = ws.cell(row=9, column=c).value
ws.cell(row=9, column=c).value = v[:17] + ("1" if v[17] == "0" else "0")
wb.save(sys.argv[1])
"#;
    openpyxl(script, &file);
    let long = format!("{}.xlsx", "广顺镇各村监测对象信息".repeat(12));
    let mut l = Ledger::open_in_memory().unwrap();
    let Err(Error::Validation(found)) = import_file_at(
        &mut l,
        &std::fs::read(&file).unwrap(),
        &long,
        today(),
        today(),
    ) else {
        panic!("the wrong check digit is refused");
    };
    assert!(
        found
            .iter()
            .any(|f| f.path == "第9行“证件号码”" && f.message.contains("校验位")),
        "named at row 9, column 证件号码: {found:#?}"
    );
    assert_eq!(counts(&l), (0, 0, 0), "nothing written");
}

/// Files as `import_files` takes them: each its name and bytes.
fn files(names: &[&str]) -> Vec<(String, Vec<u8>)> {
    names
        .iter()
        .map(|n| (n.rsplit('/').next().unwrap().to_string(), read(n)))
        .collect()
}

/// Several files, workbooks among them (a township's villages as each sent its own), go in
/// in one transaction: every village of every file, or on any error in any of them nothing,
/// each error under its file's name and at its row.
#[test]
fn several_files_workbooks_among_them_import_together_or_not_at_all() {
    let how = (today(), today(), NewVillage::AskFirst);
    let mut l = Ledger::open_in_memory().unwrap();
    let done = xlsx::import_files(&mut l, &files(&["xlsx/township.xlsx", "village.json"]), how)
        .expect("a township's workbook and a village's exchange file import together");
    let villages: Vec<&str> = done.iter().map(|s| s.village.as_str()).collect();
    assert_eq!(villages, [VILLAGE, "522729100202", "360729101099"]);
    let written = counts(&l);

    // A workbook with a bad cell, one with a mistyped code and a good exchange file: all
    // the errors at once, each named by its file; nothing written, not even the good file.
    let mut fresh = Ledger::open_in_memory().unwrap();
    let Err(Error::Validation(findings)) = xlsx::import_files(
        &mut fresh,
        &files(&["village.json", "xlsx/township_bad.xlsx", "xlsx/bad.xlsx"]),
        how,
    ) else {
        panic!("a bad file among several refuses them all");
    };
    naming(
        &findings,
        &[
            "township_bad.xlsx：第8行“性别”：无法识别的值“3”",
            "township_bad.xlsx：第10行“户编号”：村代码“522729100209”",
            "bad.xlsx：第7行“在校生状况”：无法识别的值“初三”",
        ],
    );
    assert_eq!(counts(&fresh).0, 0, "nothing of the good file is written");

    // Found only while writing: one village in two files, named at the second's rows.
    let Err(Error::Validation(findings)) = xlsx::import_files(
        &mut l,
        &files(&["xlsx/monitoring.xlsx", "xlsx/sudden.xlsx"]),
        how,
    ) else {
        panic!("one village in two files is refused");
    };
    naming(
        &findings,
        &["sudden.xlsx：第4行起：村代码522729100201在本次导入的另一个文件中已出现"],
    );
    assert_eq!(counts(&l), written, "the ledger is as it was");

    // Two files of one name (from two folders) are told apart by their place.
    let twice = files(&["xlsx/monitoring.xlsx", "xlsx/monitoring.xlsx"]);
    let Err(Error::Validation(findings)) = xlsx::import_files(&mut l, &twice, how) else {
        panic!("one village in two files is refused");
    };
    naming(
        &findings,
        &["monitoring.xlsx（第2个文件）：第4行起：村代码"],
    );
    let Err(Error::Validation(findings)) =
        xlsx::import_files(&mut l, &files(&["xlsx/bad.xlsx", "xlsx/bad.xlsx"]), how)
    else {
        panic!("bad files are refused");
    };
    naming(
        &findings,
        &[
            "bad.xlsx（第1个文件）：第7行“在校生状况”",
            "bad.xlsx（第2个文件）：第7行“在校生状况”",
        ],
    );
    assert_eq!(counts(&l), written, "the ledger is as it was");
}

/// The command line takes several files, workbooks among them, in one import.
#[test]
fn the_cli_imports_several_files_workbooks_among_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let township = data("xlsx/township.xlsx");
    let village = data("village.json");
    let out = cli(
        &db,
        &[
            "import",
            township.to_str().unwrap(),
            village.to_str().unwrap(),
        ],
    );
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{said}{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for village in [VILLAGE, "522729100202", "360729101099"] {
        assert!(said.contains(&format!("导入完成：村 {village}")), "{said}");
    }
}
