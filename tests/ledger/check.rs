//! 数据核查 (`check`): households that each break one county check are named at the
//! field at fault with the rule's key, clean ones are not; the demo village passes its
//! own check in every year; the CLI prints the same list as JSON.

use crate::common::{bin, json, read, today};
use std::collections::BTreeMap;
use yibentong::check::{CheckFinding, Level};
use yibentong::exchange::import_bytes;
use yibentong::rules::Overrides;
use yibentong::store::Ledger;

/// The fixture as two documents: the household that registers a person already in another
/// household (…0011, the break `person.in_two_households`) on its own, since one file
/// holding both is refused at import.
fn in_two(doc: &serde_json::Value) -> [serde_json::Value; 2] {
    let mut first = doc.clone();
    let list = first["households"].as_array_mut().unwrap();
    let at = list
        .iter()
        .position(|h| h["code"] == "3607291010990011")
        .unwrap();
    let second = list.remove(at);
    let mut rest = doc.clone();
    rest["households"] = serde_json::json!([second]);
    [first, rest]
}

/// Imports the fixture (edited as `doc`) in its two documents.
fn import_fixture(ledger: &mut Ledger, doc: &serde_json::Value) {
    for part in in_two(doc) {
        import_bytes(
            ledger,
            &serde_json::to_vec(&part).unwrap(),
            "breaks.json",
            today(),
        )
        .unwrap();
    }
}

fn check(ledger: &Ledger, year: i32) -> Vec<CheckFinding> {
    yibentong::assess::village_check(ledger, None, Some(year), &Overrides::default(), today())
        .unwrap()
}

#[test]
fn each_break_is_named_at_its_field_and_clean_households_have_none() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    import_fixture(&mut ledger, &json("check/breaks.json"));
    let findings = check(&ledger, 2026);
    let mut found: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for f in &findings {
        // households[i].<path below the household>
        let (head, below) = f.path.split_once('.').expect("a path below the household");
        assert!(
            head.starts_with("households["),
            "path {} starts at the file",
            f.path
        );
        assert!(
            !f.message.is_empty() && !f.message.is_ascii(),
            "Chinese message: {f:?}"
        );
        found
            .entry(f.household.clone())
            .or_default()
            .push((below.to_string(), f.rule.clone()));
    }
    let expected = json("check/expected.json");
    let mut want: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    for (code, list) in expected.as_object().unwrap() {
        if code == "_" {
            continue;
        }
        let mut v: Vec<(String, String)> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|p| (p[0].as_str().unwrap().into(), p[1].as_str().unwrap().into()))
            .collect();
        v.sort();
        want.insert(code.clone(), v);
    }
    for v in found.values_mut() {
        v.sort();
    }
    assert_eq!(found, want, "every break found where it is, nothing else");
    assert!(
        ["3607291010990001", "3607291010990002", "3607291010990058"]
            .iter()
            .all(|c| !found.contains_key(*c)),
        "the clean households have no finding"
    );
    let people = findings
        .iter()
        .find(|f| f.rule == "person.in_two_households")
        .unwrap();
    assert_eq!(
        people.level,
        Level::Error,
        "one person in two households is an error"
    );
    assert!(
        people.message.contains("3607291010990011"),
        "{}",
        people.message
    );
}

#[test]
fn the_demo_village_passes_its_own_check_in_every_year() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    yibentong::demo::build(&mut ledger, 300, 2014, today(), &mut |_, _| {}).unwrap();
    let mut all = Vec::new();
    for year in 2014..=2026 {
        all.extend(check(&ledger, year).into_iter().map(|f| (year, f)));
    }
    assert!(
        all.is_empty(),
        "the demo should show nothing it did not mean to ({} findings): {:#?}",
        all.len(),
        &all[..all.len().min(12)]
    );
}

#[test]
fn the_cli_prints_the_findings_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("b.db");
    let run = |args: &[&str]| {
        std::process::Command::new(bin())
            .arg("--db")
            .arg(&db)
            .args(args)
            .env_remove("YIBENTONG_PASSPHRASE")
            .output()
            .unwrap()
    };
    for (i, part) in in_two(&json("check/breaks.json")).iter().enumerate() {
        let file = dir.path().join(format!("breaks-{i}.json"));
        std::fs::write(&file, serde_json::to_vec(part).unwrap()).unwrap();
        let out = run(&[
            "import",
            file.to_str().unwrap(),
            "--effective",
            "2019-01-01",
        ]);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let out = run(&["check", "--year", "2026", "--json"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let list: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let list = list.as_array().expect("a JSON list of findings");
    assert_eq!(list.len(), 87, "the 87 breaks of the file");
    for f in list {
        for key in ["household", "path", "rule", "level", "message"] {
            assert!(f.get(key).is_some(), "finding has {key}: {f}");
        }
        assert!(["error", "warning", "info"].contains(&f["level"].as_str().unwrap()));
    }
    assert!(
        list.iter()
            .any(|f| f["path"] == "households[2].members[2].schooling"
                && f["rule"] == "schooling.age")
    );
    let out = run(&["check", "--year", "2026"]);
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("共") && text.contains("错误2条"), "{text}");
}

/// A province's limits apply to its villages only: the same file checked as a village of
/// 贵州省 names a road of 6.5 km and 120 亩 of farmland at their fields, and 缺劳动力 in a
/// household where half are full labour, and a household identified in 2025 with 40,000 a
/// person in the 12 months before; as a village of
/// 江西省 (no such limits shipped) nothing.
#[test]
fn a_provinces_limits_apply_to_its_villages_only() {
    let limits = |province: &str| {
        let mut doc: serde_json::Value =
            serde_json::from_slice(&read("check/breaks.json")).unwrap();
        doc["village"]["province"] = province.into();
        let c = &mut doc["households"][0]["conditions"];
        c["road_distance_km"] = 6.5.into();
        c["farmland_mu"] = 120.0.into();
        // Monitored for 缺劳动力 with both parents of four able (普通劳动力).
        doc["households"][1]["status"] = "monitored".into();
        doc["households"][1]["monitoring"] = serde_json::json!({
            "kind": "marginal", "identified": "2025-03-01", "risks": ["lack_labor"]
        });
        // Monitored from March 2025 with 40,000 a year in wages for each of four people.
        doc["households"][2]["status"] = "monitored".into();
        doc["households"][2]["monitoring"] = serde_json::json!({
            "kind": "marginal", "identified": "2025-03-01", "risks": ["illness"]
        });
        doc["households"][2]["income"] = serde_json::json!([
            {"year": 2024, "category": "wage", "item": "务工", "amount": 160000.0, "counted": true},
            {"year": 2025, "category": "wage", "item": "务工", "amount": 160000.0, "counted": true}
        ]);
        let mut ledger = Ledger::open_in_memory().unwrap();
        import_fixture(&mut ledger, &doc);
        let found: Vec<(String, String, String)> = check(&ledger, 2026)
            .into_iter()
            .filter(|f| f.rule.starts_with("limit.") && f.rule != "limit.income_floor")
            .map(|f| (f.household, f.path, f.rule))
            .collect();
        found
    };
    let code = "3607291010990001".to_string();
    assert_eq!(
        limits("贵州省"),
        vec![
            (
                code.clone(),
                "households[0].conditions.farmland_mu".into(),
                "limit.land_area".into()
            ),
            (
                code,
                "households[0].conditions.road_distance_km".into(),
                "limit.road_distance".into()
            ),
            (
                "3607291010990002".into(),
                "households[1].monitoring.risks[0]".into(),
                "limit.lack_labor_full".into()
            ),
            (
                "3607291010990003".into(),
                "households[2].monitoring.identified".into(),
                "limit.identified_income".into()
            ),
        ]
    );
    assert!(limits("江西省").is_empty());
}

/// The findings of a person in two villages in `code`'s check of 2026.
fn in_two_villages(ledger: &Ledger, code: &str) -> Vec<CheckFinding> {
    yibentong::assess::village_check(
        ledger,
        Some(code),
        Some(2026),
        &Overrides::default(),
        today(),
    )
    .unwrap()
    .into_iter()
    .filter(|f| f.rule == "person.in_two_villages")
    .collect()
}

/// A township's ledger: a person registered in a household of each of two villages is
/// named in each village's check, with the other village and household (the county's
/// check 1_01_001 runs over its whole export, not village by village).
#[test]
fn one_person_in_two_villages_is_named_in_each_villages_check() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    let workbook = read("xlsx/township.xlsx");
    yibentong::exchange::import_file_at(&mut ledger, &workbook, "township.xlsx", today(), today())
        .unwrap();
    let (shidong, xinzhai) = ("522729100201", "522729100202");
    assert!(
        in_two_villages(&ledger, shidong).is_empty()
            && in_two_villages(&ledger, xinzhai).is_empty(),
        "no one twice yet"
    );

    // 新寨村 registers 石洞村's 王大山 in a household of its own.
    let mut doc =
        serde_json::to_value(yibentong::exchange::export_village(&ledger, xinzhai).unwrap())
            .unwrap();
    let shidong_doc =
        serde_json::to_value(yibentong::exchange::export_village(&ledger, shidong).unwrap())
            .unwrap();
    let wang = shidong_doc["households"][0]["members"][0].clone();
    assert_eq!(wang["name"], "王大山");
    let mut second = doc["households"][0].clone();
    second["code"] = "5227291002020002".into();
    second["id"] = "h-xinzhai-2".into();
    let mut member = wang.clone();
    member["id"] = "52272910020200020101".into();
    second["members"] = serde_json::json!([member]);
    for key in [
        "income",
        "expenses",
        "events",
        "monitoring",
        "measures",
        "pairings",
        "visits",
    ] {
        second.as_object_mut().unwrap().remove(key);
    }
    second["status"] = "exited".into();
    doc["households"].as_array_mut().unwrap().push(second);
    import_bytes(
        &mut ledger,
        &serde_json::to_vec(&doc).unwrap(),
        "xinzhai.json",
        today(),
    )
    .unwrap();

    let here = in_two_villages(&ledger, shidong);
    assert_eq!(here.len(), 1, "{here:#?}");
    assert_eq!(here[0].household, "5227291002010001");
    assert_eq!(here[0].path, "households[0].members[0].id_number");
    assert_eq!(here[0].level, Level::Error);
    assert!(
        here[0].message.contains("王大山")
            && here[0]
                .message
                .contains("新寨村（522729100202）户5227291002020002"),
        "{}",
        here[0].message
    );
    let there = in_two_villages(&ledger, xinzhai);
    assert_eq!(there.len(), 1, "{there:#?}");
    assert_eq!(there[0].household, "5227291002020002");
    assert!(
        there[0]
            .message
            .contains("石洞村（522729100201）户5227291002010001"),
        "{}",
        there[0].message
    );
}
