//! Start-up and memory of the real app on the demo village (for docs/benchmarks.md):
//! time from launch to the first screen, to an interactive household list of 300 rows,
//! and the resident memory of the app with its WebKit processes. Run by
//! `scripts/e2e --bench` under Xvfb.

use std::path::Path;
use std::time::Instant;
use yibentong_e2e::{app_binary, demo_ledger, App, Step};

const RUNS: usize = 5;

/// A memory figure (kB) of a process from a /proc file, e.g. `VmRSS:` in `status`.
fn kb(pid: u32, file: &str, key: &str) -> u64 {
    let text = std::fs::read_to_string(format!("/proc/{pid}/{file}")).unwrap_or_default();
    text.lines()
        .find_map(|l| l.strip_prefix(key))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        .unwrap_or(0)
}

/// Resident memory (RSS, kB): counts shared libraries in full in every process.
fn rss_kb(pid: u32) -> u64 {
    kb(pid, "status", "VmRSS:")
}

/// Proportional memory (PSS, kB): shared pages divided among the processes sharing them,
/// so the sum over the app's processes is what the app really costs.
fn pss_kb(pid: u32) -> u64 {
    kb(pid, "smaps_rollup", "Pss:")
}

/// Every process id with its parent and command line.
fn processes() -> Vec<(u32, u32, String)> {
    let Ok(dir) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    dir.filter_map(|e| e.ok()?.file_name().to_str()?.parse::<u32>().ok())
        .filter_map(|pid| {
            let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
            let ppid = stat
                .rsplit(')')
                .next()?
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()?;
            let cmd = std::fs::read(format!("/proc/{pid}/cmdline")).ok()?;
            Some((pid, ppid, String::from_utf8_lossy(&cmd).replace('\0', " ")))
        })
        .collect()
}

/// Memory of the running app, kB: (RSS of the app process, RSS of it and its WebKit
/// processes, PSS of it and its WebKit processes).
fn memory(app: &Path) -> (u64, u64, u64) {
    let all = processes();
    let name = app.to_string_lossy();
    let Some(&(pid, _, _)) = all.iter().find(|(_, _, c)| c.starts_with(name.as_ref())) else {
        return (0, 0, 0);
    };
    let family: Vec<u32> = std::iter::once(pid)
        .chain(
            all.iter()
                .filter(|(_, ppid, _)| *ppid == pid)
                .map(|(p, _, _)| *p),
        )
        .collect();
    let rss = family.iter().map(|p| rss_kb(*p)).sum();
    let pss = family.iter().map(|p| pss_kb(*p)).sum();
    (rss_kb(pid), rss, pss)
}

async fn once(db: &Path, out: &Path) -> Step<(f64, f64, (u64, u64, u64))> {
    let started = Instant::now();
    let app = App::start(db, out).await?;
    let result = async {
        app.find("[data-test=nav-households]").await?;
        let first = started.elapsed().as_secs_f64();
        app.click("[data-test=nav-households]").await?;
        app.eventually("300户的列表", || async {
            let n = app.texts("[data-test=list-count]").await.ok()?;
            let rows = app
                .texts("[data-test=household-table] .el-table-v2__row")
                .await
                .ok();
            let rows = rows.map_or(0, |r| r.len());
            n.first().filter(|t| t.contains("300") && rows > 0).cloned()
        })
        .await?;
        let list = started.elapsed().as_secs_f64();
        tokio::time::sleep(std::time::Duration::from_secs(2)).await;
        Ok((first, list, memory(&app_binary())))
    }
    .await;
    app.stop().await;
    result
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let result: Step = async {
        let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
        let out = dir.path().join("out");
        std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
        let db = demo_ledger(dir.path())?;
        println!("{}", app_binary().display());
        println!("run  first-screen  household-list  rss-app  rss-all  pss-all");
        for run in 1..=RUNS {
            let (first, list, (own, rss, pss)) = once(&db, &out).await?;
            println!(
                "{run:>3}  {first:>10.2} s  {list:>12.2} s  {:>4} MB  {:>4} MB  {:>4} MB",
                own / 1024,
                rss / 1024,
                pss / 1024
            );
        }
        Ok(())
    }
    .await;
    if let Err(e) = result {
        eprintln!("测量失败：{e}");
        std::process::exit(1);
    }
}
