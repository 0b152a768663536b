//! Policy-engine benchmark (`cargo bench --bench assess`): every household of a
//! county-scale village set (200,000 households, about 660,000 people, with their
//! histories) for one year, in memory: first on the year's facts (each household as it
//! stood at the end of the year, then judged), the path every paper and `assess` takes.
//! Under `cargo test` it runs small as a smoke test.

use std::time::Instant;

// The same allocator as the command line (see src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use yibentong::rules::{self, LocalPolicy, Outcome, Overrides, Rule};

fn main() {
    let benching = std::env::args().any(|a| a == "--bench");
    let households = if benching { 200_000 } else { 600 };
    let docs = yibentong::demo::generate(households, 2014);
    let owned: Vec<_> = docs.iter().flat_map(|d| d.households.clone()).collect();
    let with_history = owned.iter().filter(|h| !h.history.is_empty()).count();
    let people: usize = owned.iter().map(|h| h.members.len()).sum();
    let local = LocalPolicy {
        monitoring_line: Some(7000.0),
        dibao_line: Some(5000.0),
        ..Default::default()
    };
    println!(
        "{} households, {with_history} with a history of their facts",
        owned.len()
    );
    {
        let t = Instant::now();
        let policy = rules::resolve(
            2019,
            rules::year_end(2019).unwrap(),
            &local,
            &Overrides::default(),
        )
        .unwrap();
        let n = owned
            .iter()
            .filter(|h| {
                rules::assess_household(h, &policy).outcome(Rule::HouseholdExit) == Outcome::Yes
            })
            .count();
        println!(
            "for comparison, 2019 judged on today's facts (the old, wrong reading): {:.2} s ({n} can exit)",
            t.elapsed().as_secs_f64()
        );
    }
    for year in [2016, 2019, 2023] {
        // The ledger hands over households it loaded: the copy is not part of the timing.
        let copy = owned.clone();
        let t = Instant::now();
        let on = rules::year_end(year).unwrap();
        let projected = yibentong::model::into_households_on(copy, on);
        let as_of_secs = t.elapsed().as_secs_f64();
        let policy = rules::resolve(
            year,
            rules::year_end(year).unwrap(),
            &local,
            &Overrides::default(),
        )
        .unwrap();
        let exits = {
            use rayon::prelude::*;
            projected
                .par_iter()
                .filter(|h| {
                    rules::assess_household(h, &policy).outcome(Rule::HouseholdExit) == Outcome::Yes
                })
                .count()
        };
        let secs = t.elapsed().as_secs_f64();
        // A village report keeps every household's assessment with all its explanations.
        let t_report = Instant::now();
        let kept = rules::assess_all(&projected, &policy).len();
        let report_secs = t_report.elapsed().as_secs_f64();
        println!(
            "assess {year}: {} households registered then / {people} people in {:.2} s, of which {as_of_secs:.2} s reading the year's facts ({:.4} ms per household; {exits} can exit); keeping all {kept} assessments for a report: {report_secs:.2} s",
            projected.len(),
            secs,
            secs * 1000.0 / projected.len() as f64
        );
    }
}
