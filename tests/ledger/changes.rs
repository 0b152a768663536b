//! The ledger's 变更记录: every change by anyone, newest first, in words, with the
//! household it touched; page by page without loss or overlap; by operator and from a day.

use crate::common::today;
use yibentong::changes::{ledger_changes, ChangeQuery, PAGE};
use yibentong::dossier::{self, Edit};
use yibentong::store::Ledger;

fn demo(households: usize) -> (Ledger, String) {
    let mut ledger = Ledger::open_in_memory().unwrap();
    yibentong::demo::build(&mut ledger, households, 2014, today(), &mut |_, _| {}).unwrap();
    let code = ledger.villages().unwrap()[0].village.code.clone();
    (ledger, code)
}

#[test]
fn a_change_shows_first_with_its_household_and_operator() {
    let (mut ledger, village) = demo(20);
    let vid = ledger.village(&village).unwrap().id;
    let id = ledger.household_ids(&vid).unwrap()[0].clone();
    let mut h = ledger.household(&id).unwrap().household;
    h.phone = Some("13900001111".into());
    ledger.set_operator("王书记").unwrap();
    let edit = Edit {
        effective: None,
        reason: Some("电话换号"),
        doc: None,
    };
    dossier::save(&mut ledger, &village, h.clone(), edit, today()).unwrap();

    let page = ledger_changes(&ledger, &ChangeQuery::default()).unwrap();
    let first = &page.changes[0];
    assert_eq!(first.household_id.as_deref(), Some(id.as_str()));
    let head = h.head().unwrap().name.clone();
    assert_eq!(
        first.household.as_deref(),
        Some(format!("{head}户（{}）", h.code).as_str())
    );
    assert_eq!(first.change.operator, "王书记");
    assert_eq!(first.change.action, "修改");
    assert_eq!(first.change.what, "农户 · 联系电话");
    assert_eq!(first.change.new.as_deref(), Some("13900001111"));
    assert_eq!(first.change.reason.as_deref(), Some("电话换号"));
    assert!(
        page.operators.contains(&"王书记".to_string()),
        "{:?}",
        page.operators
    );

    let mine = ChangeQuery {
        operator: Some("王书记".into()),
        ..Default::default()
    };
    let only = ledger_changes(&ledger, &mine).unwrap();
    assert!(!only.changes.is_empty());
    assert!(only.changes.iter().all(|c| c.change.operator == "王书记"));
    let later = ChangeQuery {
        since: Some(chrono::NaiveDate::from_ymd_opt(2100, 1, 1).unwrap()),
        ..Default::default()
    };
    assert!(ledger_changes(&ledger, &later).unwrap().changes.is_empty());
}

#[test]
fn pages_follow_each_other_without_loss_or_overlap() {
    // One audit row per imported household: more than a page.
    let (ledger, _) = demo(320);
    let total: i64 = ledger
        .read_value(
            "SELECT count(*) FROM audit WHERE table_name <> 'fact_periods'",
            &[],
        )
        .unwrap()
        .unwrap()
        .parse()
        .unwrap();
    assert!(
        total > i64::from(PAGE),
        "the demo has more than a page ({total})"
    );
    let mut seen = 0;
    let mut q = ChangeQuery::default();
    let mut last_at = String::from("9999");
    loop {
        let page = ledger_changes(&ledger, &q).unwrap();
        for c in &page.changes {
            assert!(c.change.at <= last_at, "newest first");
            last_at = c.change.at.clone();
        }
        seen += page.changes.len() as i64;
        match page.more {
            Some(before) => q.before = Some(before),
            None => break,
        }
    }
    assert_eq!(seen, total);
}
