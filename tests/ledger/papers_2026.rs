//! The year's papers about people (issue #12 item 4): a cadre's 结对帮扶工作台账 lists the
//! households paired with them in the year, their visits and the engine's incomes; the
//! 人员花名册 lists every person of the households on the books, head first, and no one
//! else. Both print from the command line.

use crate::common::{bin, cli_ok, today};
use chrono::{Datelike, NaiveDate};
use std::collections::BTreeMap;
use yibentong::assess::{paper_date, paper_policy, village_households_on};
use yibentong::cards::{pairing_book_parts, person_roster_rows};
use yibentong::codes::{Relation, Status};
use yibentong::store::Ledger;

const YEAR: i32 = 2025;

fn demo() -> (Ledger, String) {
    let mut l = Ledger::open_in_memory().unwrap();
    yibentong::demo::build(&mut l, 120, 2014, today(), &mut |_, _| {}).unwrap();
    let code = l.villages().unwrap()[0].village.code.clone();
    (l, code)
}

#[test]
fn the_pairing_book_is_the_cadres_year() {
    let (l, village) = demo();
    let v = l.village(&village).unwrap();
    let on = paper_date(YEAR, today()).unwrap();
    let households = village_households_on(&l, &v.id, on).unwrap();
    // The cadre paired with the most households during the year.
    let first = NaiveDate::from_ymd_opt(YEAR, 1, 1).unwrap();
    let mut count: BTreeMap<&str, usize> = BTreeMap::new();
    for h in &households {
        for p in &h.pairings {
            if p.start <= on && p.end.is_none_or(|e| e >= first) {
                *count.entry(p.cadre.as_str()).or_default() += 1;
            }
        }
    }
    let (cadre, _) = count.iter().max_by_key(|(_, n)| **n).unwrap();
    let (_, c, paired, visits) = pairing_book_parts(&l, &village, cadre, YEAR, today()).unwrap();
    assert_eq!(c.id, *cadre);
    assert!(!paired.is_empty());
    let policy = paper_policy(&l, &v.village, YEAR, on).unwrap();
    for p in &paired {
        let h = households.iter().find(|h| h.code == p.code).unwrap();
        assert!(
            h.pairings.iter().any(|x| x.cadre == *cadre),
            "{} is the cadre's",
            p.code
        );
        let engine = yibentong::rules::assess_household(h, &policy).income;
        assert_eq!(p.per_capita, engine.per_capita, "the engine's income");
        let theirs = h
            .visits
            .iter()
            .filter(|x| x.cadre == *cadre && x.date.year() == YEAR)
            .count();
        assert_eq!(p.visits, theirs, "{}'s visits by the cadre", p.code);
    }
    assert_eq!(
        visits.len(),
        paired.iter().map(|p| p.visits).sum::<usize>(),
        "every visit of the year, once"
    );
    assert!(
        visits.windows(2).all(|w| w[0].date <= w[1].date),
        "in order"
    );
    let err = pairing_book_parts(&l, &village, "无此人", YEAR, today()).unwrap_err();
    assert!(err.to_string().contains("干部名单中没有“无此人”"), "{err}");
}

#[test]
fn the_person_roster_lists_everyone_on_the_books_and_no_one_else() {
    let (l, village) = demo();
    let v = l.village(&village).unwrap();
    let on = paper_date(YEAR, today()).unwrap();
    let rows = person_roster_rows(&l, &v.id, YEAR, today()).unwrap();
    let households = village_households_on(&l, &v.id, on).unwrap();
    let on_books: Vec<_> = households
        .iter()
        .filter(|h| {
            matches!(
                h.status,
                Some(
                    Status::Poor
                        | Status::Exited
                        | Status::Relapsed
                        | Status::Monitored
                        | Status::RiskEliminated
                )
            )
        })
        .collect();
    let people: usize = on_books.iter().map(|h| h.members_on(on).len()).sum();
    assert_eq!(rows.len(), people);
    assert!(
        on_books.len() < households.len(),
        "ordinary households exist and are left out"
    );
    let mut seen = std::collections::HashSet::new();
    for r in &rows {
        if seen.insert(r.household.clone()) {
            assert_eq!(
                r.member.relation,
                Some(Relation::Head),
                "head first in {}",
                r.household
            );
        }
    }
}

#[test]
fn both_print_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("d.db");
    let run = |args: &[&str]| cli_ok(&db, args);
    let out = std::process::Command::new(bin())
        .args(["demo", "--households", "40", "--out"])
        .arg(&db)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let l = Ledger::open(&db).unwrap();
    let village = l.villages().unwrap()[0].village.code.clone();
    let cadre = l.cadres(&l.villages().unwrap()[0].id).unwrap()[0]
        .name
        .clone();
    drop(l);
    let book = dir.path().join("book.pdf");
    let roster = dir.path().join("people.pdf");
    let year = today().year().to_string();
    run(&[
        "pairing-book",
        "--village",
        &village,
        "--cadre",
        &cadre,
        "--year",
        &year,
        "--out",
        book.to_str().unwrap(),
    ]);
    run(&[
        "person-roster",
        "--village",
        &village,
        "--year",
        &year,
        "--out",
        roster.to_str().unwrap(),
    ]);
    for f in [book, roster] {
        assert!(std::fs::read(&f).unwrap().starts_with(b"%PDF"), "{f:?}");
    }
}
