//! 走访计划: the week's plan holds exactly the households whose visit falls due that week
//! (by the 走访周期 of 设置 for the household's category: monitored households sooner) or whose monitoring is due for review, grouped by cadre; the
//! command line prints it, and it lands in the print log.

use crate::common::{bin, today};
use chrono::{Duration, NaiveDate};
use std::process::Command;
use yibentong::attention;
use yibentong::cards::{visit_plan_rows, week_of};
use yibentong::model::households_on;
use yibentong::store::Ledger;

fn demo() -> (Ledger, String) {
    let mut ledger = Ledger::open_in_memory().unwrap();
    yibentong::demo::build(&mut ledger, 120, 2014, today(), &mut |_, _| {}).unwrap();
    let code = ledger.villages().unwrap()[0].village.code.clone();
    (ledger, code)
}

#[test]
fn the_week_is_monday_to_sunday() {
    let d = |s: &str| s.parse::<NaiveDate>().unwrap();
    assert_eq!(week_of(d("2026-12-02")), (d("2026-11-30"), d("2026-12-06")));
    assert_eq!(week_of(d("2026-11-30")), (d("2026-11-30"), d("2026-12-06")));
    assert_eq!(week_of(d("2026-12-06")), (d("2026-11-30"), d("2026-12-06")));
}

#[test]
fn the_plan_holds_the_households_due_that_week_and_no_other() {
    let (ledger, code) = demo();
    let plan = visit_plan_rows(&ledger, &code, today()).unwrap();
    let (village, (monday, sunday), cycles, rows) =
        (plan.village, plan.week, plan.cycles, plan.rows);
    assert_eq!(
        (cycles.general, cycles.monitored),
        (90, 30),
        "the default 走访周期"
    );
    let all = yibentong::assess::village_households(&ledger, &village.id).unwrap();
    let households = households_on(&all, monday);
    let mut due = 0;
    for h in households.iter().filter(|h| attention::visited(h)) {
        let last = attention::last_visit(h, monday);
        let visit = last.is_none_or(|d| d + Duration::days(cycles.of(h)) <= sunday);
        let review = attention::review_due(h, sunday).is_some();
        let listed = rows.iter().find(|r| r.code == h.code);
        assert_eq!(
            listed.is_some(),
            visit || review,
            "{} (last visit {last:?})",
            h.code
        );
        if let Some(r) = listed {
            due += 1;
            assert_eq!(r.last_visit, last);
            assert!(!r.reasons.is_empty());
        }
    }
    assert!(due > 0, "the demo has visits due in its week");
    assert_eq!(due, rows.len());
    // Grouped by cadre: a cadre's households are together.
    let mut seen: Vec<&str> = Vec::new();
    for r in &rows {
        if seen.last() != Some(&r.cadres.as_str()) {
            assert!(
                !seen.contains(&r.cadres.as_str()),
                "{} appears in two blocks",
                r.cadres
            );
            seen.push(&r.cadres);
        }
    }
}

#[test]
fn a_shorter_cycle_puts_more_households_on_the_plan() {
    let (mut ledger, code) = demo();
    let at_90 = visit_plan_rows(&ledger, &code, today()).unwrap().rows;
    let mut settings = yibentong::settings::load(&ledger).unwrap();
    settings.stale_days = 30;
    settings.operator = "测试员".into();
    yibentong::settings::save(&mut ledger, &settings, None).unwrap();
    let plan = visit_plan_rows(&ledger, &code, today()).unwrap();
    let (cycles, at_30) = (plan.cycles, plan.rows);
    assert_eq!(cycles.general, 30);
    assert!(
        at_30.len() > at_90.len(),
        "{} > {}",
        at_30.len(),
        at_90.len()
    );
}

#[test]
fn the_command_line_prints_the_plan_and_logs_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("v.db");
    let out = dir.path().join("plan.pdf");
    let run = |args: &[&str]| {
        Command::new(bin())
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap()
    };
    let made = Command::new(bin())
        .args(["demo", "--households", "40", "--out", db.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(
        made.status.success(),
        "{}",
        String::from_utf8_lossy(&made.stderr)
    );
    let village = String::from_utf8_lossy(&run(&["household", "list"]).stdout)
        .lines()
        .next()
        .map(|l| l[..12].to_string())
        .unwrap();
    let printed = run(&[
        "visit-plan",
        "--village",
        &village,
        "--week",
        "2026-11-30",
        "--out",
        out.to_str().unwrap(),
    ]);
    assert!(
        printed.status.success(),
        "{}",
        String::from_utf8_lossy(&printed.stderr)
    );
    let bytes = std::fs::read(&out).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    let ledger = Ledger::open(&db).unwrap();
    let logged = ledger
        .read_value(
            "SELECT count(*) FROM print_log WHERE kind = 'visit_plan' AND year = 2026",
            &[],
        )
        .unwrap();
    assert_eq!(logged.as_deref(), Some("1"));
}

#[test]
fn a_monitored_household_is_due_on_its_own_shorter_cycle() {
    use yibentong::attention::VisitCycles;
    let cycles = VisitCycles {
        general: 90,
        monitored: 30,
    };
    let (ledger, code) = demo();
    let vid = ledger.village(&code).unwrap().id;
    let all = yibentong::assess::village_households(&ledger, &vid).unwrap();
    let monitored = all
        .iter()
        .find(|h| h.status == Some(yibentong::codes::Status::Monitored))
        .expect("the demo has monitored households");
    let other = all
        .iter()
        .find(|h| h.status == Some(yibentong::codes::Status::Exited))
        .expect("and exited ones");
    assert_eq!(cycles.of(monitored), 30);
    assert_eq!(cycles.of(other), 90);
}
