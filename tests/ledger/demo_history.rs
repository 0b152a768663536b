//! The demo village read in past years: statuses move on the real calendar (no 未脱贫
//! after 2020), children were in school, rebuilt houses were 危房 before, the village's
//! population changes by year, risk elimination follows monitoring by six months, and
//! export → import keeps every period.

use crate::common::today;
use chrono::{Datelike, Months, NaiveDate};
use yibentong::codes::{HouseGrade, MeasureClass, Relation, Schooling, Status};
use yibentong::exchange::{export_json, export_village, import_bytes};
use yibentong::model::{periods_of, Household, Registration, VillageDocument};
use yibentong::store::Ledger;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

/// The 300-household demo as the ledger exports it (with history).
fn demo() -> (Ledger, VillageDocument) {
    let mut ledger = Ledger::open_in_memory().unwrap();
    yibentong::demo::build(&mut ledger, 300, 2014, today(), &mut |_, _| {}).unwrap();
    let code = ledger.villages().unwrap()[0].village.code.clone();
    let doc = export_village(&ledger, &code).unwrap();
    (ledger, doc)
}

fn status_on(h: &Household, date: NaiveDate) -> Option<Status> {
    h.as_of(date).status
}

#[test]
fn a_household_exited_in_2018_was_poor_before_and_exited_after() {
    let (_, doc) = demo();
    let exited_2018: Vec<&Household> = doc
        .households
        .iter()
        .filter(|h| h.exit_year == Some(2018) && h.identified_year.is_some_and(|y| y <= 2016))
        .collect();
    assert!(!exited_2018.is_empty(), "the demo has exits of 2018");
    for h in &exited_2018 {
        assert_eq!(
            status_on(h, d(2016, 12, 31)),
            Some(Status::Poor),
            "{}",
            h.code
        );
        assert_eq!(
            status_on(h, d(2018, 12, 31)),
            Some(Status::Exited),
            "{}",
            h.code
        );
        let later = status_on(h, d(2019, 12, 31));
        if h.monitoring.is_none() {
            assert_eq!(later, Some(Status::Exited), "{}", h.code);
        }
        let exit = periods_of(&h.history, "status")
            .into_iter()
            .find(|p| p.value == "exited")
            .expect("an exit period");
        let doc_no = exit.doc.as_deref().unwrap_or_default();
        assert!(
            doc_no.starts_with("全南县扶贫") && doc_no.contains("〔2018〕"),
            "exit under a 2018 county poverty-office document: {doc_no}"
        );
        assert_eq!(h.recorded_from, periods_of(&h.history, "status")[0].from);
    }
}

#[test]
fn no_household_is_poor_after_2020() {
    let (_, doc) = demo();
    for date in [d(2020, 12, 31), d(2021, 12, 31), d(2023, 6, 30), today()] {
        for h in &doc.households {
            let s = status_on(h, date);
            assert_ne!(s, Some(Status::Poor), "{} on {date}", h.code);
            if date.year() >= 2021 {
                assert_ne!(s, Some(Status::Relapsed), "{} on {date}", h.code);
            }
        }
    }
    let poor_2016 = doc
        .households
        .iter()
        .filter(|h| status_on(h, d(2016, 12, 31)) == Some(Status::Poor))
        .count();
    assert!(
        poor_2016 > 30,
        "many households were poor in 2016: {poor_2016}"
    );
    for h in &doc.households {
        if let Some(y) = h.identified_year {
            assert!(
                matches!(
                    h.registration_on(d(y - 1, 12, 31)),
                    Registration::NotYet { .. }
                ),
                "{} not registered before {y}",
                h.code
            );
        }
    }
}

#[test]
fn a_grown_child_was_in_school_at_twelve() {
    let (_, doc) = demo();
    let mut seen = 0;
    for h in &doc.households {
        for m in &h.members {
            let Some(birth) = m.birth_date() else {
                continue;
            };
            let twelve = d(birth.year() + 12, 12, 31);
            let adult = m.age_on(today()).is_some_and(|a| a >= 18);
            if !adult || h.recorded_from.is_none_or(|r| r > twelve) {
                continue;
            }
            let then = h.as_of(twelve);
            let was = then
                .members
                .iter()
                .find(|x| x.id == m.id)
                .expect("born by then");
            assert!(
                matches!(
                    was.schooling,
                    Some(Schooling::Primary | Schooling::Grade7 | Schooling::Grade8)
                ),
                "{} at twelve ({twelve}): {:?}",
                m.name,
                was.schooling
            );
            assert_eq!(
                was.labor,
                Some(yibentong::codes::Labor::NoLabor),
                "a pupil has no labour"
            );
            seen += 1;
        }
    }
    assert!(
        seen > 5,
        "some grown children were pupils in the ledger: {seen}"
    );
}

#[test]
fn a_rebuilt_house_was_dilapidated_before_and_grade_a_after() {
    let (_, doc) = demo();
    let rebuilt: Vec<&Household> = doc
        .households
        .iter()
        .filter(|h| h.measures.iter().any(|m| m.class == MeasureClass::Housing))
        .collect();
    assert!(!rebuilt.is_empty(), "the demo rebuilds houses");
    for h in rebuilt {
        let m = h
            .measures
            .iter()
            .find(|m| m.class == MeasureClass::Housing)
            .unwrap();
        let done = m.end.expect("the rebuilding was finished");
        assert!((2016..=2019).contains(&done.year()));
        assert!(h.exit_year.is_some_and(|e| e >= done.year()));
        let before = h.as_of(m.start).conditions.house_grade;
        assert!(
            matches!(before, Some(HouseGrade::C | HouseGrade::D)),
            "{}: {before:?}",
            h.code
        );
        assert_eq!(h.as_of(done).conditions.house_grade, Some(HouseGrade::A));
        assert_eq!(h.conditions.house_grade, Some(HouseGrade::A));
    }
}

#[test]
fn the_village_population_and_cadres_change_with_the_years() {
    let (_, doc) = demo();
    let v = &doc.village;
    let p2014 = v.as_of(d(2014, 12, 31)).rural_population;
    let p2024 = v.as_of(d(2024, 12, 31)).rural_population;
    assert!(p2014.is_some() && p2024.is_some());
    assert_ne!(p2014, p2024);
    assert_eq!(v.as_of(today()).rural_population, v.rural_population);
    let changed = doc
        .cadres
        .iter()
        .filter(|c| {
            c.as_of(d(2015, 1, 1)).unit != c.unit || c.as_of(d(2015, 1, 1)).position != c.position
        })
        .count();
    assert!(changed >= 1, "a cadre changed unit or post");
}

#[test]
fn risk_elimination_follows_monitoring_by_six_months() {
    let (_, doc) = demo();
    let monitored: Vec<&Household> = doc
        .households
        .iter()
        .filter(|h| h.monitoring.is_some())
        .collect();
    assert!(!monitored.is_empty());
    let mut eliminated = 0;
    for h in monitored {
        let m = h.monitoring.as_ref().unwrap();
        assert!(m.identified >= d(2020, 1, 1), "{}", h.code);
        let periods = periods_of(&h.history, "status");
        let from = |v: &str| periods.iter().find(|p| p.value == v).and_then(|p| p.from);
        assert_eq!(from("monitored"), Some(m.identified), "{}", h.code);
        assert_eq!(from("risk_eliminated"), m.eliminated, "{}", h.code);
        if let Some(e) = m.eliminated {
            assert!(e >= m.identified.checked_add_months(Months::new(6)).unwrap());
            assert_eq!(status_on(h, e), Some(Status::RiskEliminated));
            eliminated += 1;
        }
        assert_eq!(status_on(h, m.identified), Some(Status::Monitored));
        if h.identified_year.is_none() {
            assert_eq!(h.recorded_from, Some(m.identified), "{}", h.code);
            assert_ne!(
                m.kind,
                yibentong::codes::MonitoringKind::UnstableExited,
                "an ordinary household is not 脱贫不稳定户"
            );
        } else {
            assert_eq!(m.kind, yibentong::codes::MonitoringKind::UnstableExited);
        }
    }
    assert!(eliminated > 0);
}

#[test]
fn every_registered_year_is_booked_and_the_running_year_by_month() {
    let (_, doc) = demo();
    for h in &doc.households {
        let first = h.recorded_from.map_or(2021, |r| r.year());
        for year in first..today().year() {
            assert!(
                h.income.iter().any(|l| l.year == year && l.month.is_none()),
                "{} books {year}",
                h.code
            );
        }
        assert!(
            h.income
                .iter()
                .any(|l| l.year == today().year() && l.month == Some(today().month() as u8)),
            "{} books this month",
            h.code
        );
    }
}

fn history_counts(doc: &VillageDocument) -> (usize, usize, usize, usize) {
    (
        doc.village.history.len(),
        doc.cadres.iter().map(|c| c.history.len()).sum(),
        doc.households.iter().map(|h| h.history.len()).sum(),
        doc.households
            .iter()
            .flat_map(|h| &h.members)
            .map(|m| m.history.len())
            .sum(),
    )
}

#[test]
fn export_and_import_keep_every_period() {
    let generated = yibentong::demo::generate_on(300, 2014, today());
    let (ledger, first) = demo();
    let counts = history_counts(&first);
    assert_eq!(
        counts,
        history_counts(&generated[0]),
        "the import kept them"
    );
    assert!(counts.0 > 5 && counts.1 > 0 && counts.2 > 300 && counts.3 > 300);
    let text = export_json(&ledger, &first.village.code).unwrap();
    let mut again = Ledger::open_in_memory().unwrap();
    import_bytes(&mut again, text.as_bytes(), "demo.json", today()).unwrap();
    let second = export_village(&again, &first.village.code).unwrap();
    assert_eq!(history_counts(&second), counts);
    assert_eq!(
        export_json(&again, &first.village.code).unwrap(),
        text,
        "export → import → export gives the same document"
    );
}

#[test]
fn the_demo_is_the_same_for_the_same_seed_and_day_and_builds_on_its_last_day() {
    let a = serde_json::to_string(&yibentong::demo::generate_on(300, 5, today())).unwrap();
    let b = serde_json::to_string(&yibentong::demo::generate_on(300, 5, today())).unwrap();
    assert!(a == b, "same seed and today, same documents");
    let end = yibentong::demo::history_end();
    let mut ledger = Ledger::open_in_memory().unwrap();
    let summaries = yibentong::demo::build(&mut ledger, 300, 5, end, &mut |_, _| {}).unwrap();
    assert_eq!(summaries[0].inserted, 300, "valid on {end}");
}

#[test]
fn families_visits_and_measures_are_believable() {
    let (_, doc) = demo();
    for h in &doc.households {
        let relations: Vec<_> = h.members.iter().filter_map(|m| m.relation).collect();
        for parent in [Relation::Father, Relation::Mother] {
            assert!(
                relations.iter().filter(|r| **r == parent).count() <= 1,
                "{}: one {parent:?} at most",
                h.code
            );
        }
        let mut births: Vec<NaiveDate> = h
            .members
            .iter()
            .filter(|m| matches!(m.relation, Some(Relation::Son | Relation::Daughter)))
            .filter_map(|m| m.birth_date())
            .collect();
        births.sort();
        for pair in births.windows(2) {
            assert!(
                (pair[1] - pair[0]).num_days() >= 300,
                "{}: children born {} and {}",
                h.code,
                pair[0],
                pair[1]
            );
        }
        // No two members of a household share a name (a son is not named after his father).
        let mut names: Vec<&str> = h.members.iter().map(|m| m.name.as_str()).collect();
        names.sort_unstable();
        assert!(
            names.windows(2).all(|w| w[0] != w[1]),
            "{}: two members named alike: {names:?}",
            h.code
        );
        // A note about a member's grade holds on the day of the visit.
        for v in &h.visits {
            for m in &h.members {
                let Some(rest) = v.found.strip_prefix(&format!("{}在读", m.name)) else {
                    continue;
                };
                let grade = m.as_of(v.date).schooling.map(|s| s.label()).unwrap_or("");
                assert!(
                    rest.starts_with(grade) && !grade.is_empty(),
                    "{} on {}: “{}” but the member is in {grade:?}",
                    h.code,
                    v.date,
                    v.found
                );
            }
        }
        // A result that states a gain states the recorded one.
        for m in &h.measures {
            if let (Some(gain), Some(result)) = (m.income_gain, &m.result) {
                if result.contains("增收") {
                    assert!(
                        result.contains(&format!("{gain}")),
                        "{}: “{result}” against a gain of {gain}",
                        h.code
                    );
                }
            }
            if let Some(funds) = m.funds {
                assert!(
                    funds <= 50_000.0,
                    "{}: {} funded {funds}",
                    h.code,
                    m.content
                );
            }
        }
    }
}

#[test]
fn allowances_follow_the_years_standard() {
    let (_, doc) = demo();
    // 低保金 per covered person rises with the county's standard, year by year.
    let mut per_year: std::collections::BTreeMap<i32, std::collections::BTreeSet<i64>> =
        Default::default();
    for h in &doc.households {
        // Whole years only (the running year is booked month by month).
        for l in h
            .income
            .iter()
            .filter(|l| l.item == "低保金" && l.month.is_none())
        {
            per_year.entry(l.year).or_default().insert(l.amount as i64);
        }
    }
    let years: Vec<_> = per_year.keys().copied().collect();
    assert!(years.len() >= 5, "低保金 over several years: {years:?}");
    let lowest = |y: i32| *per_year[&y].iter().next().expect("an amount");
    for pair in years.windows(2) {
        assert!(
            lowest(pair[1]) > lowest(pair[0]),
            "低保金 of {} ({}) above {} ({})",
            pair[1],
            lowest(pair[1]),
            pair[0],
            lowest(pair[0])
        );
    }
}

#[test]
fn a_households_helpers_are_different_people() {
    let (_, doc) = demo();
    for h in &doc.households {
        for (i, a) in h.pairings.iter().enumerate() {
            for b in &h.pairings[i + 1..] {
                let overlap =
                    a.start <= b.end.unwrap_or(today()) && b.start <= a.end.unwrap_or(today());
                assert!(
                    !(overlap && a.cadre == b.cadre),
                    "{}: cadre {} paired twice at once (the roster would name them twice)",
                    h.code,
                    a.cadre
                );
            }
        }
    }
}
