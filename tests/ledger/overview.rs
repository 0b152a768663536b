//! The 首页's figures follow the era: 贫困发生率 and the village-exit verdict to 2020, the
//! monitored and risk-eliminated households from 2020 (防返贫监测), never a 2026 incidence.

use crate::common::today;
use yibentong::codes::Status;
use yibentong::overview::village_overview;
use yibentong::store::Ledger;

#[test]
fn incidence_to_2020_and_monitoring_from_2020() {
    let mut ledger = Ledger::open_in_memory().unwrap();
    yibentong::demo::build(&mut ledger, 300, 2014, today(), &mut |_, _| {}).unwrap();
    let code = ledger.villages().unwrap()[0].village.code.clone();

    let y2019 = village_overview(&ledger, &code, 2019, today()).unwrap();
    assert!(
        y2019.incidence.is_some() && y2019.village_exit.is_some(),
        "2019 measures incidence"
    );
    assert!(y2019.monitoring.is_none(), "no monitoring before 2020");

    let y2020 = village_overview(&ledger, &code, 2020, today()).unwrap();
    assert!(
        y2020.incidence.is_some(),
        "2020 is the last year of incidence"
    );
    assert!(y2020.monitoring.is_some(), "monitoring begins in 2020");

    let now = village_overview(&ledger, &code, 2026, today()).unwrap();
    assert_eq!(now.incidence, None, "no 贫困发生率 after 2020");
    assert_eq!(now.village_exit, None);
    let m = now.monitoring.expect("monitoring figures");
    let of = |s: Status| {
        now.by_status
            .iter()
            .find(|c| c.status == Some(s))
            .map_or((0, 0), |c| (c.households, c.people))
    };
    assert_eq!((m.households, m.people), of(Status::Monitored));
    assert_eq!(
        (m.eliminated_households, m.eliminated_people),
        of(Status::RiskEliminated)
    );
    assert!(m.households > 0, "the demo has monitored households");
    // The income chart: the 2020 line is not carried on after 2020 (no monitoring line set).
    let line = |y: i32| {
        now.income_by_year
            .iter()
            .find(|p| p.year == y)
            .and_then(|p| p.line)
    };
    assert!(line(2020).is_some());
    assert_eq!(
        line(2024),
        None,
        "no line after 2020 without a local monitoring line"
    );
}
