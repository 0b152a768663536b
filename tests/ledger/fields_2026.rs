//! The fields of migration 0009 (the county checks' fields): they survive the ledger and
//! the exchange file, a member's phone is a dated fact, a measure's sub-kind must belong to
//! its class, a 残疾人证 number is read by its first 18 characters, and an older ledger
//! gains the columns empty.

use crate::common::{read, today, UNDO_0009};
use chrono::NaiveDate;
use yibentong::codes::{DocumentKind, MeasureClass, MeasureItem, PairingKind};
use yibentong::exchange::{export_json, import_bytes};
use yibentong::model::{Effective, VillageDocument};
use yibentong::store::{Ledger, WriteOptions};
use yibentong::validate::{check_household, Severity};

const VILLAGE: &str = "360729101099";
const H2: &str = "3607291010990002";

fn fixture() -> VillageDocument {
    serde_json::from_slice(&read("village.json")).unwrap()
}

fn ledger() -> Ledger {
    let mut l = Ledger::open_in_memory().unwrap();
    import_bytes(&mut l, &read("village.json"), "village.json", today()).unwrap();
    l
}

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

#[test]
fn the_new_fields_are_stored_and_exported() {
    let l = ledger();
    let h = l.household_by_code(H2).unwrap().household;
    let m = &h.members[0];
    assert_eq!(m.phone.as_deref(), Some("13907970002"));
    assert_eq!(
        (
            m.employee_medical_insurance,
            m.employee_pension_insurance,
            m.medical_assistance
        ),
        (Some(false), Some(false), Some(true))
    );
    assert_eq!(h.no_labor_guarantee, Some(true));
    let mon = h.monitoring.as_ref().unwrap();
    assert_eq!(mon.risk_note.as_deref(), Some("慢性病长期用药，医疗支出大"));
    assert_eq!(h.measures[0].item, Some(MeasureItem::MedicalAssistance));
    assert_eq!(h.pairings[0].kind, Some(PairingKind::Responsible));
    let mut contact = h.pairings[0].clone();
    contact.kind = Some(PairingKind::Contact);
    assert_eq!(
        (h.pairings[0].kind_label(), contact.kind_label()),
        ("第一帮扶人", "帮扶联系人"),
        "a paper names a 帮扶联系人 as such, a 帮扶责任人 by role"
    );
    let json = export_json(&l, VILLAGE).unwrap();
    for key in [
        "\"x_phone\"",
        "\"x_medical_assistance\"",
        "\"x_no_labor_guarantee\"",
        "\"x_risk_note\"",
        "\"x_item\"",
        "\"x_kind\"",
    ] {
        assert!(json.contains(key), "the export carries {key}");
    }
}

#[test]
fn a_members_phone_is_a_dated_fact() {
    let mut l = ledger();
    let stored = l.household_by_code(H2).unwrap();
    let mut h = stored.household.clone();
    h.members[0].phone = Some("13907979999".into());
    let cadres = fixture().cadres;
    let opts = WriteOptions {
        effective: Effective::Change {
            from: d("2026-03-01"),
        },
        reason: Some("换了手机号"),
        doc: None,
        today: d("2026-06-01"),
    };
    l.with_tx(|w| w.save_household_at(&stored.village_id, &h, &cadres, &opts))
        .unwrap();
    let now = l.household_by_code(H2).unwrap().household;
    assert_eq!(now.members[0].phone.as_deref(), Some("13907979999"));
    assert_eq!(
        now.as_of(d("2026-02-28")).members[0].phone.as_deref(),
        Some("13907970002"),
        "a paper of February shows February's phone"
    );
}

#[test]
fn a_measures_sub_kind_must_belong_to_its_class() {
    let mut h = fixture().households.remove(1);
    h.measures[0].class = MeasureClass::Education;
    let findings = check_household(&h, &fixture().cadres, today(), "");
    let f = findings
        .iter()
        .find(|f| f.rule == "measure.item_class")
        .expect("a 医疗救助 item under 教育 is refused");
    assert_eq!(f.severity, Severity::Error);
    assert_eq!(f.path, "measures[0].x_item");
    assert!(
        f.message.contains("医疗救助") && f.message.contains("健康") && f.message.contains("教育"),
        "names the item, its class and the class chosen: {}",
        f.message
    );
}

#[test]
fn a_disability_certificate_number_is_read_by_its_id() {
    let mut h = fixture().households.remove(1);
    let id = h.members[0].id_number.clone().unwrap();
    h.members[0].id_number = Some(format!("{id}42"));
    let errors = |h: &yibentong::model::Household| -> Vec<String> {
        check_household(h, &fixture().cadres, today(), "")
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .map(|f| f.message)
            .collect()
    };
    let refused = errors(&h);
    assert!(
        refused.iter().any(|m| m.contains("残疾人证")),
        "without the kind, the 20-character number is refused with a hint: {refused:?}"
    );
    h.members[0].document = Some(DocumentKind::DisabilityCertificate);
    assert_eq!(
        errors(&h),
        Vec::<String>::new(),
        "with the kind it is accepted"
    );
    assert_eq!(h.members[0].birth_date(), Some(d("1955-01-01")));
}

#[test]
fn a_bad_phone_is_a_warning_naming_the_member() {
    let mut h = fixture().households.remove(1);
    h.members[0].phone = Some("0797-8123456".into());
    let findings = check_household(&h, &fixture().cadres, today(), "");
    let f = findings
        .iter()
        .find(|f| f.rule == "member.phone")
        .expect("a landline is not a member's mobile");
    assert_eq!(
        (f.severity, f.path.as_str()),
        (Severity::Warning, "members[0].x_phone")
    );
    assert!(f.message.contains("钟老汉"), "{}", f.message);
}

#[test]
fn an_older_ledger_gains_the_columns_empty() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    {
        let mut l = Ledger::open(&path).unwrap();
        let mut doc = read("village.json");
        // The same village without the new fields, as an older version wrote it.
        let mut v: serde_json::Value = serde_json::from_slice(&doc).unwrap();
        strip_new_fields(&mut v);
        doc = serde_json::to_vec(&v).unwrap();
        import_bytes(&mut l, &doc, "old.json", today()).unwrap();
    }
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(&format!("{UNDO_0009} PRAGMA user_version = 8;"))
        .unwrap();
    drop(conn);
    let l = Ledger::open(&path).unwrap();
    let h = l.household_by_code(H2).unwrap().household;
    assert_eq!(h.members[0].phone, None, "not recorded, not “no”");
    assert_eq!(h.no_labor_guarantee, None);
    assert_eq!(h.measures, vec![], "the old file had no measure here");
    assert_eq!(l.audit_verify().unwrap().first_break, None);
}

fn strip_new_fields(v: &mut serde_json::Value) {
    match v {
        serde_json::Value::Object(map) => {
            map.retain(|k, _| {
                !matches!(
                    k.as_str(),
                    "x_phone"
                        | "x_employee_medical_insurance"
                        | "x_employee_pension_insurance"
                        | "x_medical_assistance"
                        | "x_no_labor_guarantee"
                        | "x_risk_note"
                        | "x_item"
                        | "x_kind"
                )
            });
            if let Some(serde_json::Value::Array(list)) = map.get_mut("measures") {
                list.retain(|m| m["class"] != "health");
            }
            map.values_mut().for_each(strip_new_fields);
        }
        serde_json::Value::Array(items) => items.iter_mut().for_each(strip_new_fields),
        _ => {}
    }
}

#[test]
fn the_low_income_categories_follow_the_members_the_monitoring_and_the_record() {
    let l = ledger();
    let mut h = l.household_by_code(H2).unwrap().household;
    assert_eq!(
        h.low_income_categories(d("2026-01-15")),
        vec!["特困人员", "防止返贫监测对象"],
        "特困 from the member, monitored since 2022-04-01"
    );
    assert_eq!(
        h.low_income_categories(d("2021-12-31")),
        vec!["特困人员"],
        "not yet monitored in 2021"
    );
    h.low_income = Some(yibentong::codes::LowIncomeKind::RigidExpense);
    assert_eq!(
        h.low_income_categories(d("2026-01-15")).last(),
        Some(&"刚性支出困难家庭"),
        "the category 民政 recorded"
    );
    h.low_income = Some(yibentong::codes::LowIncomeKind::DibaoEdge);
    h.members[0].dibao = Some(true);
    let findings = check_household(&h, &fixture().cadres, today(), "");
    assert!(
        findings
            .iter()
            .any(|f| f.rule == "low_income.edge_with_dibao" && f.path == "x_low_income"),
        "低保边缘 and 低保 at once is questioned: {findings:?}"
    );
}

/// Our extensions survive a file that also carries another tool's `x_` key, and a bad code
/// in one of them is named at its field; nothing already saved is lost.
#[test]
fn a_foreign_extension_is_dropped_and_ours_are_kept_and_checked() {
    let mut l = ledger();
    let before = export_json(&l, VILLAGE).unwrap();
    let mut doc: serde_json::Value = serde_json::from_slice(&read("village.json")).unwrap();
    doc["households"][1]["x_other_tool"] = serde_json::json!("kept elsewhere");
    doc["households"][1]["members"][0]["x_document"] = serde_json::json!("passport");
    let err = import_bytes(
        &mut l,
        &serde_json::to_vec(&doc).unwrap(),
        "bad.json",
        today(),
    )
    .unwrap_err();
    let text = err.to_string();
    assert!(
        text.contains("members[0].x_document") && text.contains("passport"),
        "the bad document kind is named at its field: {text}"
    );
    assert_eq!(
        export_json(&l, VILLAGE).unwrap(),
        before,
        "nothing saved is lost"
    );

    doc["households"][1]["members"][0]["x_document"] = serde_json::json!("id_card");
    import_bytes(
        &mut l,
        &serde_json::to_vec(&doc).unwrap(),
        "ok.json",
        today(),
    )
    .unwrap();
    let h = l.household_by_code(H2).unwrap().household;
    assert_eq!(h.members[0].document, Some(DocumentKind::IdCard));
    assert_eq!(
        h.members[0].phone.as_deref(),
        Some("13907970002"),
        "our extensions are kept when another tool's is dropped"
    );
    assert_eq!(h.measures[0].item, Some(MeasureItem::MedicalAssistance));
}
