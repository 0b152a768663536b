//! The township's view: villages side by side with the counts the ledger holds, and the
//! plan targets (规划脱贫户数/人数) set per township or village, audited, refused when
//! impossible, against the exits recorded on each year's 31 December.

use crate::common::today;
use chrono::NaiveDate;
use yibentong::model::{households_on, Household};
use yibentong::store::{Ledger, PlanTarget};
use yibentong::township::{township_view, townships};

/// Three villages of one township (金龙镇, 360729101).
fn county() -> Ledger {
    let mut ledger = Ledger::open_in_memory().unwrap();
    yibentong::demo::build(&mut ledger, 700, 2014, today(), &mut |_, _| {}).unwrap();
    ledger.set_operator("乡镇统计员").unwrap();
    ledger
}

fn target(area: &str, year: i32, households: u32, persons: u32) -> PlanTarget {
    PlanTarget {
        area: area.into(),
        year,
        households,
        persons,
        doc: Some("某镇2014年扶贫工作方案".into()),
    }
}

/// A village's households read whole, as its own papers read them.
fn whole(ledger: &Ledger, village_code: &str) -> Vec<Household> {
    let id = ledger.village(village_code).unwrap().id;
    yibentong::assess::village_households(ledger, &id).unwrap()
}

fn monitored(households: &[Household]) -> usize {
    households
        .iter()
        .filter(|h| h.status == Some(yibentong::codes::Status::Monitored))
        .count()
}

#[test]
fn a_target_is_set_audited_and_replaced_and_impossible_ones_are_refused() {
    let mut ledger = county();
    let township = townships(&ledger).unwrap()[0].code.clone();
    ledger
        .set_plan_target(&target(&township, 2014, 507, 1968))
        .unwrap();
    ledger
        .set_plan_target(&target(&township, 2014, 500, 1960))
        .unwrap();
    let stored = ledger.plan_targets(&township).unwrap();
    assert_eq!(
        stored,
        vec![target(&township, 2014, 500, 1960)],
        "replaced, one row"
    );
    let audit = ledger
        .read_value(
            "SELECT count(*) FROM audit WHERE table_name = 'plan_targets'",
            &[],
        )
        .unwrap();
    assert_eq!(
        audit.as_deref(),
        Some("2"),
        "set and replaced: two audit rows"
    );
    for (bad, why) in [
        (target("36072910", 2014, 1, 1), "乡镇代码"),
        (target(&township, 2030, 1, 1), "2014至2020"),
        (target(&township, 2015, 10, 9), "人数应不少于户数"),
    ] {
        let err = ledger.set_plan_target(&bad).unwrap_err().to_string();
        assert!(err.contains(why), "{err}");
    }
    assert_eq!(
        ledger.plan_targets(&township).unwrap().len(),
        1,
        "nothing else stored"
    );
}

#[test]
fn villages_side_by_side_and_the_plan_against_the_exits_of_each_year() {
    let mut ledger = county();
    let t = townships(&ledger).unwrap().remove(0);
    assert_eq!(t.villages, 3, "{t:?}");
    let first_village = ledger.villages().unwrap()[0].village.code.clone();
    ledger
        .set_plan_target(&target(&t.code, 2016, 60, 200))
        .unwrap();
    ledger
        .set_plan_target(&target(&first_village, 2016, 20, 70))
        .unwrap();

    let view = township_view(&ledger, Some(&t.code), 2016, today()).unwrap();
    assert_eq!(view.villages.len(), 3);
    let end_2016 = NaiveDate::from_ymd_opt(2016, 12, 31).unwrap();
    for v in &view.villages {
        let all = whole(&ledger, &v.code);
        let then = households_on(&all, end_2016);
        assert_eq!(v.households as usize, then.len(), "{}", v.name);
        let people: usize = then.iter().map(|h| h.members_on(end_2016).len()).sum();
        assert_eq!(v.people as usize, people, "{}", v.name);
        assert_eq!(v.monitored as usize, monitored(&then), "{}", v.name);
        let cycles = yibentong::settings::load(&ledger).unwrap().visit_cycles();
        let overdue = households_on(&all, today())
            .iter()
            .filter(|h| yibentong::attention::visited(h))
            .filter(|h| yibentong::attention::visit_overdue(h, today(), cycles.of(h)).is_some())
            .count();
        assert_eq!(v.overdue_visits as usize, overdue, "{}", v.name);
    }
    assert!(
        view.villages.iter().any(|v| v.overdue_visits > 0),
        "the demo has overdue visits: {:?}",
        view.villages
    );
    // Today (monitoring since 2020): the monitored households as the whole households say.
    use chrono::Datelike;
    let now_view = township_view(&ledger, Some(&t.code), today().year(), today()).unwrap();
    for v in &now_view.villages {
        let now = households_on(&whole(&ledger, &v.code), today());
        assert_eq!(v.monitored as usize, monitored(&now), "{}", v.name);
    }
    assert!(
        now_view.villages.iter().any(|v| v.monitored > 0),
        "the demo monitors households: {:?}",
        now_view.villages
    );
    for year in 2014..=2020 {
        let rows: Vec<_> = view.plan.iter().filter(|r| r.year == year).collect();
        assert_eq!(
            rows.len(),
            4,
            "the township and its three villages in {year}"
        );
        assert_eq!(rows[0].area, t.code, "the township first");
        let (h, p) = rows[1..].iter().fold((0, 0), |(h, p), r| {
            (h + r.exited_households, p + r.exited_persons)
        });
        assert_eq!(
            (rows[0].exited_households, rows[0].exited_persons),
            (h, p),
            "{year}: sums"
        );
        for r in &rows[1..] {
            let all = whole(&ledger, &r.area);
            let end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap();
            let exited = households_on(&all, end)
                .into_iter()
                .filter(|h| h.exit_year == Some(year))
                .count();
            assert_eq!(r.exited_households as usize, exited, "{} {year}", r.name);
        }
    }
    let t2016 = view
        .plan
        .iter()
        .find(|r| r.year == 2016 && r.area == t.code)
        .unwrap();
    assert_eq!(
        (t2016.planned_households, t2016.planned_persons),
        (Some(60), Some(200))
    );
    let v2016 = view
        .plan
        .iter()
        .find(|r| r.year == 2016 && r.area == first_village)
        .unwrap();
    assert_eq!(v2016.planned_households, Some(20));
    assert!(
        view.plan.iter().any(|r| r.exited_households > 0),
        "the demo has exits"
    );
}

#[test]
fn an_unknown_township_is_named() {
    let ledger = county();
    let err = township_view(&ledger, Some("999999999"), 2016, today()).unwrap_err();
    assert!(err.to_string().contains("999999999"), "{err}");
}

/// The township's counts read households without their books (`Records::Standing`): the
/// same households, facts, members, history and visits as a whole read, and no income,
/// costs, pairings or measures.
#[test]
fn a_standing_read_is_a_whole_read_without_its_books() {
    use yibentong::store::Records;
    let ledger = county();
    for v in ledger.villages().unwrap() {
        let whole = ledger.village_households(&v.id, Records::All).unwrap();
        let standing = ledger.village_households(&v.id, Records::Standing).unwrap();
        assert_eq!(whole.len(), standing.len());
        assert!(whole.iter().any(|s| !s.household.income.is_empty()));
        for (w, s) in whole.into_iter().zip(standing) {
            let mut expected = w.household;
            expected.income.clear();
            expected.expenses.clear();
            expected.rigid_expenses.clear();
            expected.pairings.clear();
            expected.measures.clear();
            assert_eq!(s.household, expected);
            assert_eq!((s.village_id, s.revision), (w.village_id, w.revision));
        }
    }
}
