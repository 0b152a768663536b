//! Exchange v1: a bad file is rejected whole with every error; importing twice changes
//! nothing; export → import → export gives the same data (over the demo village).

use crate::common::{bin, data, read, today};
use yibentong::exchange::{export_json, import_bytes};
use yibentong::store::Ledger;
use yibentong::Error;

fn snapshot(l: &Ledger) -> (i64, i64, Vec<String>) {
    let q = |sql: &str| l.read_count(sql).unwrap();
    let exports = l
        .villages()
        .unwrap()
        .iter()
        .map(|v| export_json(l, &v.village.code).unwrap())
        .collect();
    (
        q("SELECT COUNT(*) FROM households"),
        q("SELECT COUNT(*) FROM audit"),
        exports,
    )
}

#[test]
fn three_bad_households_are_rejected_whole_with_every_error() {
    let mut l = Ledger::open_in_memory().unwrap();
    import_bytes(&mut l, &read("village.json"), "village.json", today()).unwrap();
    let before = snapshot(&l);
    let err = import_bytes(
        &mut l,
        &read("three_bad_households.json"),
        "bad.json",
        today(),
    )
    .unwrap_err();
    let Error::Validation(findings) = err else {
        panic!("a bad file is a validation error")
    };
    let expect = [
        (
            "3607291010990101",
            "households[0].members[0].id_number",
            "校验位错误",
        ),
        ("3607291010990102", "households[1].members", "有2名户主"),
        (
            "3607291010990103",
            "households[2].main_cause",
            "未知代码“bad_luck”",
        ),
    ];
    for (code, path, message) in expect {
        assert!(
            findings
                .iter()
                .any(|f| f.household == code && f.path == path && f.message.contains(message)),
            "expected “{message}” at {path} for household {code}; got {findings:#?}"
        );
    }
    assert_eq!(
        snapshot(&l),
        before,
        "the ledger is unchanged after a rejected import"
    );
}

#[test]
fn the_cli_prints_all_three_errors_and_exits_non_zero() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let out = std::process::Command::new(bin())
        .arg("--db")
        .arg(&db)
        .arg("import")
        .arg(data("three_bad_households.json"))
        .output()
        .unwrap();
    assert!(!out.status.success(), "a rejected import exits non-zero");
    let err = String::from_utf8_lossy(&out.stderr);
    for needle in [
        "未导入任何数据",
        "3607291010990101",
        "households[0].members[0].id_number",
        "3607291010990102",
        "有2名户主",
        "3607291010990103",
        "households[2].main_cause",
    ] {
        assert!(
            err.contains(needle),
            "stderr should contain “{needle}”:\n{err}"
        );
    }
}

#[test]
fn importing_the_same_file_twice_duplicates_nothing() {
    let mut l = Ledger::open_in_memory().unwrap();
    let first = import_bytes(&mut l, &read("village.json"), "v.json", today()).unwrap();
    assert_eq!(first.inserted, 2);
    let after_first = snapshot(&l);
    let second = import_bytes(&mut l, &read("village.json"), "v.json", today()).unwrap();
    assert_eq!(
        (second.inserted, second.updated, second.unchanged),
        (0, 0, 2),
        "the second import finds everything unchanged"
    );
    assert_eq!(snapshot(&l), after_first, "no new rows, no new audit rows");
}

#[test]
fn an_export_by_an_earlier_build_imports_without_doubling_a_record() {
    let mut l = Ledger::open_in_memory().unwrap();
    import_bytes(&mut l, &read("village.json"), "v.json", today()).unwrap();
    let before = snapshot(&l);
    // As an earlier build exported the village: the ids it derived for the records the
    // file gave none (a SHA-256 of household, kind and place), not today's.
    let mut doc: yibentong::model::VillageDocument =
        serde_json::from_str(&export_json(&l, "360729101099").unwrap()).unwrap();
    let earlier = |h: &str, kind: &str, i: usize| {
        Some(yibentong::model::derived_id(&[h, kind, &i.to_string()]))
    };
    for h in &mut doc.households {
        for (i, r) in h.income.iter_mut().enumerate() {
            r.id = earlier(&h.id, "income", i);
        }
        for (i, r) in h.visits.iter_mut().enumerate() {
            r.id = earlier(&h.id, "visit", i);
        }
    }
    let bytes = serde_json::to_vec(&doc).unwrap();
    let again = import_bytes(&mut l, &bytes, "earlier.json", today()).unwrap();
    assert_eq!(
        (again.inserted, again.updated, again.unchanged),
        (0, 0, 2),
        "the same records, known by their earlier ids"
    );
    assert_eq!(snapshot(&l), before, "no record twice, no audit row");
}

#[test]
fn an_export_edited_by_hand_takes_a_new_line_in_place_of_a_deleted_one() {
    let mut l = Ledger::open_in_memory().unwrap();
    import_bytes(&mut l, &read("village.json"), "v.json", today()).unwrap();
    let mut doc: yibentong::model::VillageDocument =
        serde_json::from_str(&export_json(&l, "360729101099").unwrap()).unwrap();
    // The first income line deleted, a new one added at the end without an id: its place
    // would derive the id the second line kept from the export.
    let h = &mut doc.households[0];
    h.income.remove(0);
    let mut added = h.income.last().unwrap().clone();
    added.id = None;
    added.item = "新增的务工收入".into();
    h.income.push(added);
    let (id, lines) = (h.id.clone(), h.income.len());
    let bytes = serde_json::to_vec(&doc).unwrap();
    let summary = import_bytes(&mut l, &bytes, "edited.json", today()).unwrap();
    assert_eq!(summary.updated, 1, "the file is taken, not refused");
    let stored = l.household(&id).unwrap().household;
    assert_eq!(stored.income.len(), lines);
    assert!(stored.income.iter().any(|i| i.item == "新增的务工收入"));
}

#[test]
fn unknown_keys_are_errors_unless_prefixed_x() {
    let mut doc = crate::common::json("village.json");
    doc["households"][0]["x_local_note"] = "本地备注".into();
    doc["households"][0]["members"][0]["x_photo"] = "a.jpg".into();
    let mut l = Ledger::open_in_memory().unwrap();
    import_bytes(&mut l, doc.to_string().as_bytes(), "x.json", today())
        .expect("x_ keys are accepted");
    doc["households"][1]["nickname"] = "老钟".into();
    let err = import_bytes(
        &mut Ledger::open_in_memory().unwrap(),
        doc.to_string().as_bytes(),
        "y.json",
        today(),
    )
    .unwrap_err();
    assert!(
        err.to_string().contains("不认识的字段"),
        "an unknown key is named: {err}"
    );
    assert!(
        err.to_string().contains("households[1]"),
        "with its path: {err}"
    );
}

#[test]
fn export_import_export_round_trips_the_demo_village() {
    let mut a = Ledger::open_in_memory().unwrap();
    yibentong::demo::build(&mut a, 300, 7, today(), &mut |_, _| {}).unwrap();
    let code = a.villages().unwrap()[0].village.code.clone();
    let first = export_json(&a, &code).unwrap();
    let mut b = Ledger::open_in_memory().unwrap();
    import_bytes(&mut b, first.as_bytes(), "demo.json", today()).unwrap();
    let second = export_json(&b, &code).unwrap();
    assert!(
        first == second,
        "export → import → export must give the same document"
    );
    let doc: serde_json::Value = serde_json::from_str(&first).unwrap();
    assert_eq!(doc["households"].as_array().unwrap().len(), 300);
}

#[test]
fn the_fixture_round_trips_exactly() {
    let mut l = Ledger::open_in_memory().unwrap();
    import_bytes(&mut l, &read("village.json"), "v.json", today()).unwrap();
    let exported: yibentong::model::VillageDocument =
        serde_json::from_str(&export_json(&l, "360729101099").unwrap()).unwrap();
    let mut original: yibentong::model::VillageDocument =
        serde_json::from_slice(&read("village.json")).unwrap();
    // The file carries no record ids; the ledger derives stable ones, which the export adds.
    original
        .households
        .iter_mut()
        .for_each(|h| h.assign_missing_ids());
    // Nor the day from which the ledger knows its records (the import's): the export
    // carries it, so another ledger knows them from the same day.
    let known = Some(today());
    original.village.recorded_from = known;
    original
        .cadres
        .iter_mut()
        .for_each(|c| c.recorded_from = known);
    for h in &mut original.households {
        h.recorded_from = known;
        h.members.iter_mut().for_each(|m| m.recorded_from = known);
    }
    assert_eq!(
        exported, original,
        "every field of the fixture survives import and export"
    );
}
