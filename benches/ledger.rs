//! Ledger benchmarks (`cargo bench --bench ledger [-- HOUSEHOLDS]`): county-scale demo
//! generation, exchange import, search and loading one household. Results are written up
//! in `docs/benchmarks.md`; this prints them.

use std::time::Instant;
use yibentong::exchange::{export_json, import_bytes};
use yibentong::store::Ledger;

fn ms(d: std::time::Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn main() {
    // `cargo bench` passes `--bench`; under `cargo test` the same code runs small, as a smoke test.
    let benching = std::env::args().any(|a| a == "--bench");
    let households: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(if benching { 200_000 } else { 600 });
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    let dir = tempfile::tempdir().unwrap();

    let db = dir.path().join("county.db");
    let t = Instant::now();
    let mut ledger = Ledger::open(&db).unwrap();
    yibentong::demo::build(&mut ledger, households, 2014, today, &mut |_, _| {}).unwrap();
    let people = ledger.people_count().unwrap();
    println!(
        "generate {households} households / {people} people: {:.2} s",
        t.elapsed().as_secs_f64()
    );

    let t = Instant::now();
    let files: Vec<String> = ledger
        .villages()
        .unwrap()
        .iter()
        .map(|v| export_json(&ledger, &v.village.code).unwrap())
        .collect();
    let bytes: usize = files.iter().map(|f| f.len()).sum();
    println!(
        "export {} villages ({:.0} MB JSON): {:.2} s",
        files.len(),
        bytes as f64 / 1e6,
        t.elapsed().as_secs_f64()
    );

    let t = Instant::now();
    let mut fresh = Ledger::open(&dir.path().join("imported.db")).unwrap();
    for f in &files {
        import_bytes(&mut fresh, f.as_bytes(), "bench.json", today).unwrap();
    }
    println!(
        "import the exchange files into an empty ledger: {:.2} s",
        t.elapsed().as_secs_f64()
    );

    let offset = people / 2;
    let tail = ledger
        .read_value("SELECT id_tail FROM members LIMIT 1 OFFSET ?1", &[&offset])
        .unwrap()
        .unwrap_or_default();
    for query in ["钟", "zs", "lxy", tail.as_str()] {
        let runs = 50;
        let t = Instant::now();
        let mut n = 0;
        for _ in 0..runs {
            n = ledger.search(query, 50).unwrap().len();
        }
        println!(
            "search {query:>6}: {:.2} ms per query ({n} hits)",
            ms(t.elapsed()) / runs as f64
        );
    }

    // 200 households spread over the county (every n-th in code order).
    let all: Vec<String> = ledger
        .villages()
        .unwrap()
        .iter()
        .flat_map(|v| ledger.household_ids(&v.id).unwrap())
        .collect();
    let ids: Vec<String> = all
        .iter()
        .step_by((all.len() / 200).max(1))
        .take(200)
        .cloned()
        .collect();
    let t = Instant::now();
    let mut records = 0;
    for id in &ids {
        let h = ledger.household(id).unwrap().household;
        records += h.members.len() + h.income.len() + h.visits.len();
    }
    println!(
        "load one household with all records: {:.3} ms ({} records on average)",
        ms(t.elapsed()) / ids.len() as f64,
        records / ids.len()
    );
}
