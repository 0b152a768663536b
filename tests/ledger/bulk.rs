//! The bulk import path (county scale): one audit row per new household naming the file
//! and what it held, a chain that still verifies, all or nothing on a bad record deep in a
//! large file, re-imports that write only real changes (field by field), and the village
//! exported after a bulk import equal to the file.

use crate::common::today;
use serde_json::Value;
use yibentong::exchange::{export_json, import_bytes};
use yibentong::store::Ledger;
use yibentong::Error;

/// A 300-household demo village as an exchange file (with history), and its code.
fn village_file() -> (String, String) {
    let mut l = Ledger::open_in_memory().unwrap();
    yibentong::demo::build(&mut l, 300, 21, today(), &mut |_, _| {}).unwrap();
    let code = l.villages().unwrap()[0].village.code.clone();
    (export_json(&l, &code).unwrap(), code)
}

fn counts(l: &Ledger) -> Vec<i64> {
    [
        "households",
        "members",
        "income_lines",
        "visits",
        "fact_periods",
        "findings",
        "audit",
    ]
    .iter()
    .map(|t| l.read_count(&format!("SELECT COUNT(*) FROM {t}")).unwrap())
    .collect()
}

#[test]
fn a_bulk_import_writes_one_audit_row_per_household_with_counts_and_the_file() {
    let (file, _) = village_file();
    let mut l = Ledger::open_in_memory().unwrap();
    l.set_operator("乡镇录入员").unwrap();
    let s = import_bytes(&mut l, file.as_bytes(), "石洞村.json", today()).unwrap();
    assert_eq!(s.inserted, 300, "{s:?}");
    let rows = l
        .read_count("SELECT COUNT(*) FROM audit WHERE household_id IS NOT NULL")
        .unwrap();
    assert_eq!(rows, 300, "one audit row per household, not one per record");
    let doc: Value = serde_json::from_str(&file).unwrap();
    let h = l
        .household(doc["households"][0]["id"].as_str().unwrap())
        .unwrap();
    let trail = l.audit_for(&h.household.id).unwrap();
    assert_eq!(trail.len(), 1, "{trail:#?}");
    let row = &trail[0];
    assert_eq!(row.action, "import");
    assert_eq!(row.operator, "乡镇录入员");
    assert_eq!(row.reason.as_deref(), Some("导入文件 石洞村.json"));
    let new = row.new_value.as_deref().unwrap();
    let members = h.household.members.len();
    let income = h.household.income.len();
    assert!(
        new.contains("石洞村.json")
            && new.contains(&format!("成员{members}人"))
            && new.contains(&format!("收入一本账{income}条")),
        "the row names the file and counts the records: {new}"
    );
    assert!(
        row.line().contains("导入 农户"),
        "reads as an import: {}",
        row.line()
    );
    let report = l.audit_verify().unwrap();
    assert_eq!(report.first_break, None, "audit verify passes: {report:?}");
}

#[test]
fn a_bad_record_deep_in_a_large_file_writes_nothing() {
    let (file, _) = village_file();
    let mut doc: Value = serde_json::from_str(&file).unwrap();
    doc["households"][250]["members"][0]["id_number"] = "360729199001011234".into();
    let mut l = Ledger::open_in_memory().unwrap();
    let before = counts(&l);
    let err = import_bytes(&mut l, doc.to_string().as_bytes(), "bad.json", today()).unwrap_err();
    let Error::Validation(findings) = err else {
        panic!("a bad record is a validation error: {err}")
    };
    assert!(
        findings
            .iter()
            .any(|f| f.path == "households[250].members[0].id_number"
                && f.message.contains("校验位")),
        "the error names its path in Chinese: {findings:#?}"
    );
    assert_eq!(counts(&l), before, "nothing is written");

    // A refusal met while writing (the ledger already has another household under the
    // code of the file's 250th) also leaves nothing: the 249 written before it roll back.
    let doc: Value = serde_json::from_str(&file).unwrap();
    let mut l = Ledger::open_in_memory().unwrap();
    let mut other = doc.clone();
    let mut h = doc["households"][249].clone();
    h["id"] = "another-household".into();
    other["households"] = Value::Array(vec![h]);
    import_bytes(&mut l, other.to_string().as_bytes(), "one.json", today()).unwrap();
    let before = counts(&l);
    let err = import_bytes(&mut l, file.as_bytes(), "clash.json", today()).unwrap_err();
    assert!(
        err.to_string().contains("已被本村另一户使用"),
        "the clash is named: {err}"
    );
    assert_eq!(counts(&l), before, "nothing of the file is written");
}

#[test]
fn importing_again_writes_field_rows_only_for_real_changes() {
    let (file, code) = village_file();
    let mut l = Ledger::open_in_memory().unwrap();
    import_bytes(&mut l, file.as_bytes(), "v.json", today()).unwrap();
    let after_first = (counts(&l), export_json(&l, &code).unwrap());
    let again = import_bytes(&mut l, file.as_bytes(), "v.json", today()).unwrap();
    assert_eq!(
        (again.inserted, again.updated, again.unchanged),
        (0, 0, 300),
        "the same file changes nothing"
    );
    assert_eq!(
        (counts(&l), export_json(&l, &code).unwrap()),
        after_first,
        "no row and no audit row"
    );

    let mut doc: Value = serde_json::from_str(&file).unwrap();
    doc["households"][7]["phone"] = "13900001111".into();
    let changed = import_bytes(&mut l, doc.to_string().as_bytes(), "v2.json", today()).unwrap();
    assert_eq!(
        (changed.updated, changed.unchanged),
        (1, 299),
        "{changed:?}"
    );
    let id = doc["households"][7]["id"].as_str().unwrap();
    let trail = l.audit_for(id).unwrap();
    let new_rows = &trail[1..];
    assert!(
        !new_rows.is_empty()
            && new_rows.len() <= 3
            && new_rows
                .iter()
                .all(|r| r.action != "import" && r.field.is_some()),
        "a change to a stored household is audited field by field (the column and its \
         dated fact): {new_rows:#?}"
    );
    assert!(
        new_rows.iter().any(|r| r.field.as_deref() == Some("phone")
            && r.new_value.as_deref() == Some("13900001111")
            && r.reason.as_deref() == Some("导入文件 v2.json")),
        "the phone's own row: {new_rows:#?}"
    );
    assert_eq!(l.audit_verify().unwrap().first_break, None);
}

#[test]
fn the_village_exported_after_a_bulk_import_equals_the_file() {
    let (file, code) = village_file();
    let mut l = Ledger::open_in_memory().unwrap();
    import_bytes(&mut l, file.as_bytes(), "v.json", today()).unwrap();
    let exported: Value = serde_json::from_str(&export_json(&l, &code).unwrap()).unwrap();
    let original: Value = serde_json::from_str(&file).unwrap();
    assert!(
        exported == original,
        "every household, record and fact period comes back as the file has it"
    );
}

/// Two villages of a county as exchange files.
fn county_files() -> Vec<(String, String)> {
    let mut l = Ledger::open_in_memory().unwrap();
    yibentong::demo::build(&mut l, 400, 8, today(), &mut |_, _| {}).unwrap();
    l.villages()
        .unwrap()
        .iter()
        .map(|v| {
            (
                export_json(&l, &v.village.code).unwrap(),
                format!("{}.json", v.village.name),
            )
        })
        .collect()
}

fn documents(files: &[(String, String)]) -> Vec<yibentong::Result<yibentong::exchange::Named>> {
    files
        .iter()
        .map(|(text, name)| {
            Ok((
                yibentong::exchange::parse_document(text.as_bytes(), today()).unwrap(),
                name.clone(),
            ))
        })
        .collect()
}

#[test]
fn a_countys_files_import_in_one_transaction_all_or_nothing() {
    use yibentong::exchange::import_many_at;
    let files = county_files();
    assert_eq!(files.len(), 2);
    let mut l = Ledger::open_in_memory().unwrap();
    let done = import_many_at(&mut l, documents(&files), today(), today(), true).unwrap();
    assert_eq!(
        done.iter().map(|s| s.inserted).sum::<usize>(),
        400,
        "{done:?}"
    );
    assert_eq!(l.audit_verify().unwrap().first_break, None);
    for (text, _) in &files {
        let code = serde_json::from_str::<Value>(text).unwrap()["village"]["code"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(
            export_json(&l, &code).unwrap() == *text,
            "{code} round trips"
        );
    }

    // The second file is bad: the first is not written either, and its error names the file.
    let mut bad = files.clone();
    let mut doc: Value = serde_json::from_str(&bad[1].0).unwrap();
    doc["households"][50]["members"][0]["id_number"] = "360729199001011234".into();
    bad[1].0 = doc.to_string();
    let mut l = Ledger::open_in_memory().unwrap();
    let before = counts(&l);
    let err = import_many_at(&mut l, documents(&bad), today(), today(), true).unwrap_err();
    let Error::Validation(findings) = err else {
        panic!("a validation error: {err}")
    };
    assert!(
        findings
            .iter()
            .any(|f| f.path == format!("{}：households[50].members[0].id_number", bad[1].1)),
        "the path starts with the file: {findings:#?}"
    );
    assert_eq!(counts(&l), before, "nothing of either file is written");

    // A household of the first village reused by the second is refused, not moved.
    let mut moved = files.clone();
    let first: Value = serde_json::from_str(&moved[0].0).unwrap();
    let mut doc: Value = serde_json::from_str(&moved[1].0).unwrap();
    doc["households"][3]["id"] = first["households"][3]["id"].clone();
    moved[1].0 = doc.to_string();
    let mut l = Ledger::open_in_memory().unwrap();
    let err = import_many_at(&mut l, documents(&moved), today(), today(), true).unwrap_err();
    assert!(
        err.to_string().contains("不会把它移过来"),
        "another village's id is refused: {err}"
    );
    assert_eq!(counts(&l), before, "nothing is written");
}
