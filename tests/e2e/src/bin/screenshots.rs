//! Screenshots of every screen of the real app on the demo village, at 1366×768 in Xvfb,
//! into `docs/images/app-*.png` (the README shows them). Run by `scripts/screenshots`.

use std::path::{Path, PathBuf};
use std::time::Duration;
use yibentong_e2e::{demo_ledger, App, Step};

/// Where the pictures go.
fn images() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/images")
}

/// Captures the whole virtual screen (the app's window fills it).
async fn shoot(app: &App, name: &str) -> Step {
    // Let charts, tables and transitions settle.
    tokio::time::sleep(Duration::from_millis(900)).await;
    let _ = app
        .js("document.activeElement && document.activeElement.blur()")
        .await;
    let file = images().join(format!("app-{name}.png"));
    let status = std::process::Command::new("import")
        .args(["-window", "root"])
        .arg(&file)
        .status()
        .map_err(|e| format!("ImageMagick import 无法运行：{e}"))?;
    if !status.success() {
        return Err(format!("截图失败：{}", file.display()));
    }
    println!("  {}", file.display());
    Ok(())
}

async fn go(app: &App, hash: &str, marker: &str) -> Step {
    app.js(&format!("location.hash = '{hash}'")).await?;
    app.find(marker).await.map(drop)
}

/// The household with the most members (the richest detail screens).
fn largest_household(db: &Path) -> Step<String> {
    let ledger = yibentong::store::Ledger::open(db).map_err(|e| e.to_string())?;
    let rows = ledger.household_rows(None).map_err(|e| e.to_string())?;
    rows.into_iter()
        .max_by_key(|r| (r.size, r.warnings == 0, r.last_visit.clone()))
        .map(|r| r.id)
        .ok_or_else(|| "演示台账里没有农户".to_string())
}

async fn screens(app: &App, household: &str) -> Step {
    app.window(1366, 768).await?;
    app.find("[data-test=stat-households]").await?;
    shoot(app, "home").await?;

    go(app, "#/households", "[data-test=household-table]").await?;
    app.eventually("户列表", || async {
        let n = app.texts("[data-test=list-count]").await.ok()?;
        n.first().filter(|t| t.contains("300")).cloned()
    })
    .await?;
    shoot(app, "households").await?;

    for (tab, name) in [
        ("info", "household-info"),
        ("members", "household-members"),
        ("income", "household-income"),
        ("pairings", "household-pairings"),
        ("visits", "household-visits"),
        ("measures", "household-measures"),
        ("verdicts", "household-verdicts"),
    ] {
        go(
            app,
            &format!("#/households/{household}?tab={tab}"),
            "[data-test=household-title]",
        )
        .await?;
        if tab == "verdicts" {
            app.find("[data-test=verdict-household_exit]").await?;
        }
        shoot(app, name).await?;
    }

    // A form with an inline Chinese message: a member with a wrong check digit.
    go(
        app,
        &format!("#/households/{household}?tab=members"),
        "[data-test=member-add]",
    )
    .await?;
    app.click("[data-test=member-add]").await?;
    app.fill("[data-test=member-name]", "赵小军").await?;
    app.choose("[data-test=member-relation]", "之子").await?;
    // A wrong check digit (the right one is 5).
    app.fill("[data-test=member-id-number]", "360729201503071236")
        .await?;
    app.click("[data-test=form-save]").await?;
    app.find("[data-test=field-error]").await?;
    shoot(app, "form-error").await?;
    app.click("[data-test=form-cancel]").await?;

    go(app, "#/print", "[data-test=print-preview]").await?;
    // The whole village's household cards in one PDF (written to the temp directory).
    app.click("[data-test=print-preview]").await?;
    app.find("[data-test=printed-path]").await?;
    shoot(app, "print").await?;
    go(app, "#/settings", "[data-test=settings-save]").await?;
    shoot(app, "settings").await?;
    go(app, "#/exchange", "[data-test=import-file]").await?;
    shoot(app, "exchange").await
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    if let Err(e) = run().await {
        eprintln!("截图失败：{e}");
        std::process::exit(1);
    }
}

async fn run() -> Step {
    std::fs::create_dir_all(images()).map_err(|e| e.to_string())?;
    let dir = tempfile::tempdir().map_err(|e| e.to_string())?;
    let out = dir.path().join("out");
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    let db = demo_ledger(dir.path())?;
    let household = largest_household(&db)?;
    let app = App::start(&db, &out).await?;
    let result = screens(&app, &household).await;
    app.stop().await;
    result
}
