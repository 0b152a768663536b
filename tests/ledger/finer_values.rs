//! The monitoring system's finer values (design note 0018): a workbook's 之侄女, 技师 or
//! 硕士生及以上 is kept beside the national value it belongs to (其他, 高中, 大专及以上), and its
//! 城市低保 or 城市特困 as the urban scheme, so the workbook we write says what the one we read
//! said, as another reader (openpyxl) sees it; exchange files carry them as `x_` keys; a
//! detail that contradicts its value is refused, naming the member.

use crate::common::{cli_ok, data, openpyxl, pdftotext, read, today};
use serde_json::{json, Value};
use yibentong::exchange::{export_json, export_village, import_bytes, import_file_at, xlsx};
use yibentong::store::Ledger;
use yibentong::Error;

const VILLAGE: &str = "522729100201";

fn from_workbook() -> Ledger {
    let mut l = Ledger::open_in_memory().unwrap();
    import_file_at(
        &mut l,
        &read("xlsx/spec_only.xlsx"),
        "spec_only.xlsx",
        today(),
        today(),
    )
    .expect("the workbook imports");
    l
}

/// 姓名 → [与户主关系, 文化程度, 享受低保政策情况, 享受特困供养政策情况, 在校生状况] of every
/// person in a workbook, as openpyxl reads it.
fn finer_cells(file: &std::path::Path) -> Value {
    let script = r#"
import json, sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1]).active
rows = [[c.value for c in r] for r in ws.iter_rows()]
h = rows[2]
cols = ["与户主关系", "文化程度", "享受低保政策情况", "享受特困供养政策情况", "在校生状况"]
print(json.dumps({r[h.index("姓名")]: [r[h.index(c)] for c in cols] for r in rows[3:]},
                 ensure_ascii=False))
"#;
    serde_json::from_slice(&openpyxl(script, file)).unwrap()
}

#[test]
fn a_workbooks_finer_values_come_back_as_they_were_written() {
    let dir = tempfile::tempdir().unwrap();
    let original = dir.path().join("in.xlsx");
    std::fs::write(&original, read("xlsx/spec_only.xlsx")).unwrap();
    let read_in = finer_cells(&original);
    assert_eq!(
        read_in["王小雪"][0], "之侄女",
        "the fixture has the system's values"
    );
    assert_eq!(read_in["王大山"][1], "技师");
    assert_eq!(read_in["陈光明"][2], "城市低保");
    assert_eq!(read_in["陈母"][3], "城市特困");
    assert_eq!(read_in["陈小峰"][4], "硕士生及以上");

    let a = from_workbook();
    let bytes = xlsx::write_village(&a, &export_village(&a, VILLAGE).unwrap(), today()).unwrap();
    let written = dir.path().join("out.xlsx");
    std::fs::write(&written, &bytes).unwrap();
    let written_out = finer_cells(&written);
    assert_eq!(written_out["王小雪"][0], "之侄女", "as read, not 其他");
    assert_eq!(written_out["王大山"][1], "技师", "as read, not 高中");
    assert_eq!(
        written_out["陈光明"][2], "城市低保",
        "as read, not 农村低保"
    );
    assert_eq!(written_out["陈母"][3], "城市特困", "as read, not 农村特困");
    assert_eq!(
        written_out["陈小峰"][4], "硕士生及以上",
        "as read, not 大专及以上"
    );
    assert_eq!(written_out["刘桂花"][2], "未享受");
    assert_eq!(
        written_out.as_object().unwrap().len(),
        read_in.as_object().unwrap().len(),
        "every person"
    );

    let mut b = Ledger::open_in_memory().unwrap();
    import_file_at(&mut b, &bytes, "out.xlsx", today(), today()).unwrap();
    assert_eq!(
        export_json(&b, VILLAGE).unwrap(),
        export_json(&a, VILLAGE).unwrap(),
        "our workbook read back gives the same village"
    );
    let mut c = Ledger::open_in_memory().unwrap();
    let file = export_json(&a, VILLAGE).unwrap();
    assert!(
        file.contains("\"x_relation_detail\": \"niece\""),
        "an x_ key of the exchange file"
    );
    assert!(file.contains("\"x_tekun_area\": \"urban\""), "and another");
    import_bytes(&mut c, file.as_bytes(), "a.json", today()).unwrap();
    assert_eq!(
        export_json(&c, VILLAGE).unwrap(),
        file,
        "the exchange file carries them"
    );
}

#[test]
fn a_detail_that_contradicts_its_value_is_refused_by_name() {
    let a = from_workbook();
    let mut doc: Value = serde_json::from_str(&export_json(&a, VILLAGE).unwrap()).unwrap();
    let mut set = |name: &str, field: &str, value: Value| -> String {
        for (h, household) in doc["households"]
            .as_array_mut()
            .unwrap()
            .iter_mut()
            .enumerate()
        {
            let members = household["members"].as_array_mut().unwrap();
            if let Some(i) = members.iter().position(|m| m["name"] == name) {
                members[i][field] = value;
                return format!("households[{h}].members[{i}]");
            }
        }
        panic!("{name} is in the workbook")
    };
    let niece = set("王小雪", "relation", json!("daughter"));
    let technician = set("王大山", "education", json!("college_plus"));
    let urban = set("陈光明", "dibao", json!(false));
    let mut l = Ledger::open_in_memory().unwrap();
    let bytes = serde_json::to_vec(&doc).unwrap();
    let Err(Error::Validation(findings)) = import_bytes(&mut l, &bytes, "bad.json", today()) else {
        panic!("a daughter who is a niece is refused");
    };
    let said: Vec<(&str, &str)> = findings
        .iter()
        .map(|f| (f.path.as_str(), f.message.as_str()))
        .collect();
    assert!(
        said.iter()
            .any(|(p, m)| *p == format!("{niece}.x_relation_detail")
                && m.contains("王小雪")
                && m.contains("之侄女")
                && m.contains("之女")),
        "{said:?}"
    );
    assert!(
        said.iter()
            .any(|(p, m)| *p == format!("{technician}.x_education_detail")
                && m.contains("王大山")
                && m.contains("技师")
                && m.contains("大专及以上")),
        "{said:?}"
    );
    assert!(
        said.iter()
            .any(|(p, m)| *p == format!("{urban}.x_dibao_area")
                && m.contains("陈光明")
                && m.contains("城市")),
        "{said:?}"
    );
}

#[test]
fn the_person_roster_prints_the_finer_values() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let pdf = dir.path().join("人员花名册.pdf");
    let run = |args: &[&str]| cli_ok(&db, args);
    run(&["import", data("xlsx/spec_only.xlsx").to_str().unwrap()]);
    run(&[
        "person-roster",
        "--village",
        VILLAGE,
        "--year",
        "2025",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    let text = pdftotext(&pdf);
    for word in ["之侄女", "技师", "硕士生及以上", "城市低保", "城市特困"] {
        assert!(text.contains(word), "{word} is printed: {text}");
    }
}
