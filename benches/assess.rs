//! Policy-engine benchmark (`cargo bench --bench assess`): every household of a
//! county-scale village set (200,000 households, about 660,000 people) for one year,
//! in memory, and one household. Under `cargo test` it runs small as a smoke test.

use std::time::Instant;
use yibentong::rules::{self, LocalPolicy, Outcome, Overrides, Rule};

fn main() {
    let benching = std::env::args().any(|a| a == "--bench");
    let households = if benching { 200_000 } else { 600 };
    let docs = yibentong::demo::generate(households, 2014);
    let all: Vec<_> = docs.iter().flat_map(|d| &d.households).collect();
    let people: usize = all.iter().map(|h| h.members.len()).sum();
    let local = LocalPolicy {
        monitoring_line: Some(7000.0),
        dibao_line: Some(5000.0),
        ..Default::default()
    };
    for year in [2019, 2023] {
        let t = Instant::now();
        let policy = rules::resolve(
            year,
            rules::year_end(year).unwrap(),
            &local,
            &Overrides::default(),
        )
        .unwrap();
        let exits = all
            .iter()
            .filter(|h| {
                rules::assess_household(h, &policy).outcome(Rule::HouseholdExit) == Outcome::Yes
            })
            .count();
        let secs = t.elapsed().as_secs_f64();
        println!(
            "assess {year}: {} households / {people} people in {secs:.2} s ({:.4} ms per household; {exits} can exit)",
            all.len(),
            secs * 1000.0 / all.len() as f64
        );
    }
}
