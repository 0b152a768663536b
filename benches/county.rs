//! County-scale benchmark (`cargo bench --bench county [-- HOUSEHOLDS] [--encrypted]`):
//! the demo generated into a ledger, its villages written out as exchange files, and those
//! files imported into an empty ledger, each phase timed. Results are written up in
//! `docs/benchmarks.md`; this prints them. Peak memory: run the `yibentong` binary under
//! `/usr/bin/time -v` (the commands are in the same document).

use std::time::Instant;

// The allocator of the command line (src/main.rs), so the figures are the CLI's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use yibentong::exchange::{export_json, import_bytes, parse_document};
use yibentong::store::Ledger;

/// Wall time since `t`, and this process's CPU time in the same span (all threads, user
/// and system, from /proc/self/stat): the machine is shared, so wall time alone overstates.
struct Span(Instant, f64);

fn cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command's closing parenthesis; utime and stime are the 12th and 13th.
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let ticks: Vec<f64> = rest
        .split_whitespace()
        .skip(11)
        .take(2)
        .filter_map(|t| t.parse().ok())
        .collect();
    ticks.iter().sum::<f64>() / 100.0
}

fn start() -> Span {
    Span(Instant::now(), cpu())
}

fn secs(t: Span) -> String {
    format!(
        "{:.2} s (CPU {:.2} s)",
        t.0.elapsed().as_secs_f64(),
        cpu() - t.1
    )
}

fn open(path: &std::path::Path, encrypted: bool) -> Ledger {
    let key = encrypted.then_some("county-bench-Passphrase-2026");
    Ledger::open_with_key(path, key).unwrap()
}

fn main() {
    // `cargo bench` passes `--bench`; under `cargo test` the same code runs small, as a smoke test.
    let benching = std::env::args().any(|a| a == "--bench");
    let encrypted = std::env::args().any(|a| a == "--encrypted");
    let households: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(if benching { 20_000 } else { 300 });
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    let dir = tempfile::tempdir().unwrap();
    // COUNTY_BENCH_KEEP=DIR keeps the exchange files there (to time the command line).
    let keep = std::env::var_os("COUNTY_BENCH_KEEP").map(std::path::PathBuf::from);
    let mode = if encrypted { "encrypted" } else { "plain" };

    let t = start();
    let mut ledger = open(&dir.path().join("county.db"), encrypted);
    yibentong::demo::build(&mut ledger, households, 2014, today, &mut |_, _| {}).unwrap();
    let people = ledger.people_count().unwrap();
    println!(
        "demo {households} households / {people} people ({mode}): {}",
        secs(t)
    );

    // One exchange file per village, on disk (a county's files do not fit in memory).
    let t = start();
    let mut files = Vec::new();
    let mut bytes = 0;
    for (i, v) in ledger.villages().unwrap().iter().enumerate() {
        let text = export_json(&ledger, &v.village.code).unwrap();
        bytes += text.len();
        let path = keep
            .as_deref()
            .unwrap_or(dir.path())
            .join(format!("village-{i:04}.json"));
        std::fs::write(&path, text).unwrap();
        files.push(path);
    }
    drop(ledger);
    println!(
        "export {} villages ({:.0} MB JSON): {}",
        files.len(),
        bytes as f64 / 1e6,
        secs(t)
    );

    // Reading and parsing alone, to tell them from the writing.
    let t = start();
    for f in &files {
        let raw = std::fs::read(f).unwrap();
        parse_document(&raw, today).unwrap();
    }
    println!("read and parse the files: {}", secs(t));

    let t = start();
    let mut fresh = open(&dir.path().join("imported.db"), encrypted);
    let mut inserted = 0;
    for f in &files {
        let raw = std::fs::read(f).unwrap();
        inserted += import_bytes(&mut fresh, &raw, "county.json", today)
            .unwrap()
            .inserted;
    }
    let audit = fresh.read_count("SELECT COUNT(*) FROM audit").unwrap();
    println!(
        "import {inserted} households into an empty ledger ({mode}): {} ({audit} audit rows)",
        secs(t)
    );

    // The county path: every file in one transaction, parsed on a second thread (as
    // `yibentong import F1 F2 …`).
    let t = start();
    let mut county = open(&dir.path().join("county-one-tx.db"), encrypted);
    let summaries = std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel(2);
        let files = &files;
        scope.spawn(move || {
            yibentong::exchange::give_way(); // as the command line's reader does
            for f in files {
                let raw = std::fs::read(f).unwrap();
                let doc = parse_document(&raw, today).unwrap();
                if send.send(Ok((doc, "county.json".to_string()))).is_err() {
                    break;
                }
            }
        });
        yibentong::exchange::import_many_at(&mut county, receive, today, today, true).unwrap()
    });
    println!(
        "import {} households, all files in one transaction ({mode}): {}",
        summaries.iter().map(|s| s.inserted).sum::<usize>(),
        secs(t)
    );
    search_and_load(&county);
    drop(county);

    let t = start();
    let mut unchanged = 0;
    for f in files.iter().take(files.len().div_ceil(10)) {
        let raw = std::fs::read(f).unwrap();
        unchanged += import_bytes(&mut fresh, &raw, "county.json", today)
            .unwrap()
            .unchanged;
    }
    println!(
        "import a tenth of the files again ({unchanged} households unchanged): {}",
        secs(t)
    );

    let t = start();
    let report = fresh.audit_verify().unwrap();
    println!(
        "audit verify ({} rows, broken {}): {}",
        report.rows,
        report.broken,
        secs(t)
    );
}

/// Search by name prefix, initials and ID tail, and loading one household with all its
/// records, on the imported county (the figures `docs/benchmarks.md` tracks).
fn search_and_load(ledger: &Ledger) {
    let people = ledger.people_count().unwrap();
    let tail = ledger
        .read_value(
            "SELECT id_tail FROM members LIMIT 1 OFFSET ?1",
            &[&(people / 2)],
        )
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
            "search {query:>6}: {:.2} ms per query ({n} hits, {people} people)",
            t.elapsed().as_secs_f64() * 1000.0 / runs as f64
        );
    }
    let all: Vec<String> = ledger
        .villages()
        .unwrap()
        .iter()
        .flat_map(|v| ledger.household_ids(&v.id).unwrap())
        .collect();
    let ids: Vec<&String> = all
        .iter()
        .step_by((all.len() / 200).max(1))
        .take(200)
        .collect();
    let t = Instant::now();
    let mut records = 0;
    for id in &ids {
        let h = ledger.household(id).unwrap().household;
        records += h.members.len() + h.income.len() + h.visits.len();
    }
    println!(
        "load one household with all records: {:.3} ms ({} records on average)",
        t.elapsed().as_secs_f64() * 1000.0 / ids.len() as f64,
        records / ids.len()
    );
}
