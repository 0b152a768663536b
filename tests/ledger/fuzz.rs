//! A mutation fuzzer for the exchange importer: real files from `tests/data/` with bytes
//! flipped, cut or repeated and JSON values swapped for extremes (huge numbers, control
//! characters, long strings, wrong types, unknown keys). Every input must be refused in
//! Chinese or imported whole — never a panic, never a partial write.
//!
//! Under `cargo test` it runs for a few seconds (CI); for longer:
//! `YIBENTONG_FUZZ_SECS=600 cargo test --release -p yibentong --test ledger fuzz`.
//! A failing input is written to `target/fuzz-failure.json`.

use crate::common::{read, today};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;
use std::time::{Duration, Instant};
use yibentong::exchange::{export_json, import_bytes};
use yibentong::store::Ledger;

const SEEDS: &[&str] = &[
    "village.json",
    "three_bad_households.json",
    "history/2016.json",
    "history/2023.json",
];

fn budget() -> Duration {
    let secs = std::env::var("YIBENTONG_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(4);
    Duration::from_secs(secs)
}

fn extreme(rng: &mut ChaCha8Rng) -> Value {
    match rng.random_range(0..12) {
        0 => Value::from(9.2e18),
        1 => Value::from(-1),
        2 => Value::from(i64::MAX),
        3 => Value::from("张三\n伪造的一行\u{0007}"),
        4 => Value::from("村".repeat(rng.random_range(100..5000))),
        5 => Value::Null,
        6 => Value::from(true),
        7 => Value::Array(vec![]),
        8 => serde_json::json!({"x_unknown": 1}),
        9 => Value::from("2019-02-30"),
        10 => Value::from(99999),
        _ => Value::from(""),
    }
}

/// Replaces, removes or adds one value somewhere in the document.
fn mutate_json(v: &mut Value, rng: &mut ChaCha8Rng, depth: u32) {
    match v {
        Value::Object(map) if !map.is_empty() => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let key = &keys[rng.random_range(0..keys.len())];
            match rng.random_range(0..10) {
                0 => {
                    map.remove(key);
                }
                1 => {
                    map.insert(format!("unknown_{}", rng.random_range(0..9)), extreme(rng));
                }
                2 | 3 => {
                    map.insert(key.clone(), extreme(rng));
                }
                _ if depth < 8 => mutate_json(map.get_mut(key).unwrap(), rng, depth + 1),
                _ => {
                    map.insert(key.clone(), extreme(rng));
                }
            }
        }
        Value::Array(list) if !list.is_empty() => {
            let i = rng.random_range(0..list.len());
            match rng.random_range(0..6) {
                0 => {
                    let copy = list[i].clone();
                    list.push(copy);
                }
                1 => {
                    list.remove(i);
                }
                _ => mutate_json(&mut list[i], rng, depth + 1),
            }
        }
        other => *other = extreme(rng),
    }
}

fn mutate_bytes(bytes: &mut Vec<u8>, rng: &mut ChaCha8Rng) {
    if bytes.is_empty() {
        return;
    }
    let at = rng.random_range(0..bytes.len());
    match rng.random_range(0..4) {
        0 => bytes[at] ^= 1 << rng.random_range(0..8),
        1 => bytes.insert(at, rng.random()),
        2 => {
            let end = (at + rng.random_range(1..64)).min(bytes.len());
            bytes.drain(at..end);
        }
        _ => {
            let end = (at + rng.random_range(1..64)).min(bytes.len());
            let copy = bytes[at..end].to_vec();
            bytes.splice(at..at, copy);
        }
    }
}

#[test]
fn fuzzed_imports_are_refused_or_taken_whole_and_never_panic() {
    let seeds: Vec<Vec<u8>> = SEEDS.iter().map(|s| read(s)).collect();
    let mut ledger = Ledger::open_in_memory().unwrap();
    import_bytes(&mut ledger, &read("village.json"), "seed", today()).unwrap();
    let mut rng = ChaCha8Rng::seed_from_u64(20261129);
    let started = Instant::now();
    let (mut runs, mut taken) = (0u64, 0u64);
    while started.elapsed() < budget() {
        let seed = &seeds[rng.random_range(0..seeds.len())];
        let input = if rng.random_bool(0.6) {
            let mut v: Value = serde_json::from_slice(seed).unwrap();
            for _ in 0..rng.random_range(1..4) {
                mutate_json(&mut v, &mut rng, 0);
            }
            serde_json::to_vec(&v).unwrap()
        } else {
            let mut b = seed.clone();
            for _ in 0..rng.random_range(1..6) {
                mutate_bytes(&mut b, &mut rng);
            }
            b
        };
        let before = export_json(&ledger, "360729101099").ok();
        let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
            import_bytes(&mut ledger, &input, "fuzz.json", today())
        }));
        match outcome {
            Err(_) => {
                let path = concat!(env!("CARGO_MANIFEST_DIR"), "/target/fuzz-failure.json");
                let _ = std::fs::write(path, &input);
                panic!("the importer panicked; input saved to {path}");
            }
            Ok(Ok(_)) => taken += 1,
            Ok(Err(e)) => {
                let text = e.to_string();
                assert!(
                    text.chars().any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
                    "errors are explained in Chinese: {text}"
                );
                assert_eq!(
                    export_json(&ledger, "360729101099").ok(),
                    before,
                    "a refused file changes nothing"
                );
            }
        }
        runs += 1;
    }
    assert!(runs > 20, "the fuzzer ran ({runs} inputs, {taken} taken)");
}
