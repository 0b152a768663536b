//! Recording 风险消除 from a form: refused while a condition is not met (saying which, and
//! nothing is saved), let through with a warning while one cannot be judged; an import of
//! history is not judged again.

use crate::common::{read, today};
use chrono::NaiveDate;
use yibentong::codes::{MonitoringKind, Status};
use yibentong::dossier::{save, Edit};
use yibentong::exchange::{export_json, import_bytes};
use yibentong::model::Monitoring;
use yibentong::store::Ledger;
use yibentong::Error;

const VILLAGE: &str = "360729101099";

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn ledger() -> Ledger {
    let mut l = Ledger::open_in_memory().unwrap();
    l.set_operator("第一书记").unwrap();
    import_bytes(&mut l, &read("village.json"), "village.json", today()).unwrap();
    l
}

fn edit() -> Edit<'static> {
    Edit {
        effective: None,
        reason: Some("风险消除"),
        doc: None,
    }
}

#[test]
fn an_elimination_that_fails_its_conditions_is_refused_and_nothing_is_saved() {
    let mut l = ledger();
    let before = export_json(&l, VILLAGE).unwrap();
    // 钟老汉 lives alone and has lost his labour; monitored since 2022-04-01.
    let mut h = l.household_by_code("3607291010990002").unwrap().household;
    h.status = Some(Status::RiskEliminated);
    h.monitoring.as_mut().unwrap().eliminated = Some(d("2022-06-01"));
    let err = save(&mut l, VILLAGE, h, edit(), today()).unwrap_err();
    let Error::Validation(findings) = err else {
        panic!("a validation error, with the field at fault")
    };
    let f = &findings[0];
    assert_eq!(f.path, "monitoring.eliminated");
    assert_eq!(f.rule, "monitoring.elimination_conditions");
    assert!(
        f.message.contains("监测未满6个月"),
        "two months of monitoring are not enough: {}",
        f.message
    );
    assert!(
        f.message.contains("劳动"),
        "nobody able to work stays under 兜底 instead: {}",
        f.message
    );
    assert_eq!(
        export_json(&l, VILLAGE).unwrap(),
        before,
        "nothing is saved"
    );
}

#[test]
fn an_elimination_that_cannot_be_judged_is_saved_with_a_warning() {
    let mut l = ledger();
    // The four-member household, monitored from 2023 with a measure running since 2018;
    // no monitoring line is set, so the income condition cannot be judged.
    let mut h = l.household_by_code("3607291010990001").unwrap().household;
    h.status = Some(Status::RiskEliminated);
    h.monitoring = Some(Monitoring {
        id: None,
        kind: MonitoringKind::UnstableExited,
        identified: d("2023-01-10"),
        channel: None,
        risks: vec![yibentong::codes::Risk::Other],
        eliminated: Some(d("2024-03-01")),
        elimination_mode: None,
        disaster: None,
        risk_note: None,
        procedure: Vec::new(),
    });
    let saved = save(&mut l, VILLAGE, h, edit(), today()).expect("saved, with a warning");
    let w = saved
        .warnings
        .iter()
        .find(|w| w.rule == "monitoring.elimination_conditions")
        .expect("the conditions it could not judge are named");
    assert!(w.message.contains("无法判断"), "{}", w.message);
    let stored = l.household_by_code("3607291010990001").unwrap().household;
    assert_eq!(
        stored.monitoring.and_then(|m| m.eliminated),
        Some(d("2024-03-01"))
    );
}

#[test]
fn an_unchanged_elimination_date_is_not_judged_again() {
    let mut l = ledger();
    let mut h = l.household_by_code("3607291010990002").unwrap().household;
    // Recorded by an import (history is not judged again), then edited elsewhere.
    h.monitoring.as_mut().unwrap().eliminated = Some(d("2022-06-01"));
    h.status = Some(Status::RiskEliminated);
    let mut doc: serde_json::Value = serde_json::from_slice(&read("village.json")).unwrap();
    doc["households"][1] = serde_json::to_value(&h).unwrap();
    import_bytes(
        &mut l,
        &serde_json::to_vec(&doc).unwrap(),
        "history.json",
        today(),
    )
    .unwrap();
    let mut h = l.household_by_code("3607291010990002").unwrap().household;
    h.address = Some("二组12号".into());
    save(&mut l, VILLAGE, h, edit(), today())
        .expect("another field of a household eliminated earlier saves");
}
