//! Screenshots of every screen of the real app on the demo village, at 1366×768 in Xvfb,
//! into `docs/images/app-*.png` (the README shows them). Run by `scripts/screenshots`.
//! `YIBENTONG_SHOTS=year-2016,household-timeline` writes only the pictures named.

use std::path::{Path, PathBuf};
use std::time::Duration;
use yibentong_e2e::{
    demo_ledger, encrypted_test_ledger, laptop_bundle, past_household, App, PastHousehold, Step,
};

/// Where the pictures go.
fn images() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/images")
}

/// Whether `name` is to be written (all unless `YIBENTONG_SHOTS` lists some).
fn wanted(name: &str) -> bool {
    match std::env::var("YIBENTONG_SHOTS") {
        Ok(list) if !list.trim().is_empty() => list.split(',').any(|n| n.trim() == name),
        _ => true,
    }
}

/// Captures the whole virtual screen (the app's window fills it).
async fn shoot(app: &App, name: &str) -> Step {
    if !wanted(name) {
        return Ok(());
    }
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

/// A monitored household with its procedure, and a household with a member's spells of
/// work (its id and that member's row).
struct Monitored {
    id: String,
    worker: (String, usize),
}

fn monitored(db: &Path) -> Step<Monitored> {
    let ledger = yibentong::store::Ledger::open(db).map_err(|e| e.to_string())?;
    let rows = ledger.household_rows(None).map_err(|e| e.to_string())?;
    let id = rows
        .iter()
        .filter(|r| r.status == Some(yibentong::codes::Status::Monitored))
        .max_by_key(|r| r.size)
        .map(|r| r.id.clone())
        .ok_or("演示台账里没有监测户")?;
    for r in &rows {
        let h = ledger
            .household(&r.id)
            .map_err(|e| e.to_string())?
            .household;
        if let Some(k) = h.members.iter().position(|m| !m.work_spells.is_empty()) {
            return Ok(Monitored {
                id,
                worker: (r.id.clone(), k),
            });
        }
    }
    Err("演示台账里没有务工记录".into())
}

/// Scrolls the form's own scroller to `sel`, once the form has focused its first field
/// (which scrolls to the top).
async fn scroll_to(app: &App, sel: &str) -> Step {
    tokio::time::sleep(Duration::from_millis(800)).await;
    app.js(&format!(
        "const el = document.querySelector('{sel}'); let p = el.parentElement; \
         while (p && p.scrollHeight <= p.clientHeight + 2) p = p.parentElement; \
         if (p) p.scrollTop += el.getBoundingClientRect().top - p.getBoundingClientRect().top - 60;"
    ))
    .await
    .map(drop)
}

/// The 纳入监测程序 in the household form, and a member's 务工记录.
async fn monitoring_screens(app: &App, m: &Monitored) -> Step {
    if wanted("monitoring-procedure") {
        go(
            app,
            &format!("#/households/{}?tab=info", m.id),
            "[data-test=household-edit]",
        )
        .await?;
        app.click("[data-test=household-edit]").await?;
        app.find("[data-test=procedure-identification]").await?;
        scroll_to(app, ".form-dialog [data-test=procedure-identification]").await?;
        shoot(app, "monitoring-procedure").await?;
        app.click("[data-test=form-cancel]").await?;
    }
    if wanted("member-work") {
        let (id, k) = &m.worker;
        go(
            app,
            &format!("#/households/{id}?tab=members"),
            &format!("[data-test=member-edit-{k}]"),
        )
        .await?;
        app.click(&format!("[data-test=member-edit-{k}]")).await?;
        app.find("[data-test=member-work]").await?;
        scroll_to(app, ".form-dialog [data-test=member-work]").await?;
        shoot(app, "member-work").await?;
        app.click("[data-test=form-cancel]").await?;
    }
    Ok(())
}

async fn screens(app: &App, household: &str, past: &PastHousehold) -> Step {
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

    go(app, "#/check", "[data-test=check-view]").await?;
    app.find("[data-test=check-refresh]").await?;
    shoot(app, "check").await?;

    for (tab, name) in [
        ("info", "household-info"),
        ("members", "household-members"),
        ("income", "household-income"),
        ("pairings", "household-pairings"),
        ("visits", "household-visits"),
        ("measures", "household-measures"),
        ("verdicts", "household-verdicts"),
        ("changes", "household-changes"),
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
        if tab == "changes" {
            app.find("[data-test=changes-table] .el-table__row").await?;
        }
        shoot(app, name).await?;
    }

    // A new visit: 常用语 from the household's own facts under 了解情况.
    go(
        app,
        &format!("#/households/{household}?tab=visits"),
        "[data-test=visit-add]",
    )
    .await?;
    app.click("[data-test=visit-add]").await?;
    app.find("[data-test=visit-phrase]").await?;
    // Close the date picker that opened with the focus on the first field.
    app.click("[data-test=form-dialog] .el-dialog__title")
        .await?;
    tokio::time::sleep(Duration::from_millis(400)).await;
    shoot(app, "visit-phrases").await?;
    app.click("[data-test=form-cancel]").await?;

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
    // Let the dialog scroll the field into view and the message settle.
    tokio::time::sleep(Duration::from_millis(600)).await;
    shoot(app, "form-error").await?;
    app.click("[data-test=form-cancel]").await?;
    // The form was changed: 放弃修改 first.
    app.find(".el-message-box").await?;
    shoot(app, "discard-confirm").await?;
    app.click(".el-message-box .el-button--primary").await?;

    // The monitoring system's finer values beside the national ones (之侄女, 本科及以上,
    // 城市低保).
    if wanted("member-details") {
        app.click("[data-test=member-add]").await?;
        app.fill("[data-test=member-name]", "赵小娟").await?;
        app.choose("[data-test=member-relation]", "其他").await?;
        app.choose("[data-test=member-relation-detail]", "之侄女")
            .await?;
        app.choose("[data-test=member-education]", "大专及以上")
            .await?;
        app.choose("[data-test=member-education-detail]", "本科及以上")
            .await?;
        app.choose("[data-test=member-dibao]", "是").await?;
        app.choose("[data-test=member-dibao-area]", "城市").await?;
        tokio::time::sleep(Duration::from_millis(400)).await;
        shoot(app, "member-details").await?;
        app.click("[data-test=form-cancel]").await?;
        app.find(".el-message-box").await?;
        app.click(".el-message-box .el-button--primary").await?;
    }

    // The time axis: the timeline, the "change or correction" question, a past year.
    go(
        app,
        &format!("#/households/{household}?tab=timeline"),
        "[data-test=timeline-entry]",
    )
    .await?;
    shoot(app, "household-timeline").await?;
    go(
        app,
        &format!("#/households/{household}?tab=info"),
        "[data-test=household-edit]",
    )
    .await?;
    let status = app.texts("[data-test=household-status-tag]").await?;
    app.click("[data-test=household-edit]").await?;
    let next = if status.first().is_some_and(|s| s == "已脱贫") {
        "返贫"
    } else {
        "已脱贫"
    };
    app.choose("[data-test=household-status]", next).await?;
    app.click("[data-test=form-save]").await?;
    app.find("[data-test=effective-dialog]").await?;
    app.fill("[data-test=effective-reason]", "经民主评议、公示")
        .await?;
    app.fill("[data-test=effective-doc]", "某扶贫〔2025〕12号")
        .await?;
    shoot(app, "effective-dialog").await?;
    app.click("[data-test=effective-cancel]").await?;
    app.click("[data-test=form-cancel]").await?;
    app.click(".el-message-box .el-button--primary").await?;

    app.choose("[data-test=year-select]", "2016年").await?;
    go(
        app,
        &format!("#/households/{}?tab=info", past.id),
        "[data-test=readonly-banner]",
    )
    .await?;
    shoot(app, "year-2016").await?;
    app.click("[data-test=banner-current]").await?;

    if wanted("print") {
        go(app, "#/print", "[data-test=print-preview]").await?;
        // The whole village's household cards in one PDF (written to the temp directory).
        app.click("[data-test=print-preview]").await?;
        app.find("[data-test=printed-path]").await?;
        shoot(app, "print").await?;
    }
    // 花名册: as PDF or, beside it, as an Excel workbook.
    go(app, "#/print", "[data-test=print-preview]").await?;
    app.click("[data-test=print-doc-roster]").await?;
    app.find("[data-test=print-roster-xlsx]").await?;
    shoot(app, "print-roster").await?;
    go(app, "#/settings", "[data-test=settings-save]").await?;
    shoot(app, "settings").await?;
    // 设置 → 本村情况: the village's name, groups and registered rural population.
    go(app, "#/settings?tab=village", "[data-test=village-facts]").await?;
    shoot(app, "settings-village").await?;

    // 设置 → 本地政策参数: one dated value recorded, the add form below.
    go(app, "#/settings?tab=policy", "[data-test=local-value-form]").await?;
    app.fill("[data-test=local-value-from-input] input", "2025-01-01")
        .await?;
    app.fill("[data-test=local-value-value-input] input", "6000")
        .await?;
    app.fill("[data-test=local-value-doc]", "景民发〔2024〕88号")
        .await?;
    app.fill(
        "[data-test=local-value-reason]",
        "县民政局2025年农村低保标准调整",
    )
    .await?;
    app.click("[data-test=local-value-add]").await?;
    app.find("[data-test=local-value-parameter]").await?;
    // Let the toast (3 s) go.
    tokio::time::sleep(Duration::from_millis(3000)).await;
    shoot(app, "settings-policy").await?;

    // 设置 → 数据安全, after 立即备份.
    go(app, "#/settings?tab=security", "[data-test=backup-now]").await?;
    app.click("[data-test=backup-now]").await?;
    app.find("[data-test=backup-taken]").await?;
    // Let the toast (3 s) go.
    tokio::time::sleep(Duration::from_millis(3000)).await;
    shoot(app, "settings-security").await?;

    // The roster, with a cadre just added (their term starts today).
    go(app, "#/cadres", "[data-test=cadre-row-name]").await?;
    app.click("[data-test=cadre-new]").await?;
    app.fill("[data-test=cadre-name]", "欧阳晓峰").await?;
    app.fill("[data-test=cadre-unit]", "县乡村振兴局").await?;
    app.choose("[data-test=cadre-unit-level]", "县直").await?;
    app.fill("[data-test=cadre-position]", "驻村第一书记")
        .await?;
    app.fill("[data-test=cadre-phone]", "13900001234").await?;
    app.click("[data-test=cadre-save]").await?;
    app.eventually("花名册里有新干部", || async {
        let names = app.texts("[data-test=cadre-row-name]").await.ok()?;
        names.iter().any(|n| n == "欧阳晓峰").then_some(())
    })
    .await?;
    // Let the toast (3 s) go.
    tokio::time::sleep(Duration::from_millis(3000)).await;
    shoot(app, "cadres").await?;
    go(app, "#/exchange", "[data-test=import-file]").await?;
    // 完整数据包 ticked: what it is for is said beside it.
    app.click("[data-test=bundle-full]").await?;
    app.find("[data-test=bundle-full-hint]").await?;
    shoot(app, "exchange").await?;
    // The ledger's 变更记录 (the changes above among them).
    go(app, "#/changes", "[data-test=changes-household]").await?;
    shoot(app, "changes").await?;
    // 打印中心 opened from the 首页 for the week's 走访计划.
    go(app, "#/print?doc=visit_plan", "[data-test=print-week]").await?;
    shoot(app, "print-visit-plan").await?;
    // 首页's to-do list narrowing 户列表 (待办：超过…天未走访).
    go(app, "#/", "[data-test=attention-all-stale]").await?;
    app.click("[data-test=attention-all-stale]").await?;
    app.find("[data-test=filter-todo]").await?;
    shoot(app, "households-todo").await
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
    let date = chrono::NaiveDate::from_ymd_opt(2016, 12, 31).ok_or("日期")?;
    let past = past_household(&db, date)?;
    let watched = monitored(&db)?;
    let app = App::start(&db, &out).await?;
    let result = match screens(&app, &household, &past).await {
        Ok(()) => monitoring_screens(&app, &watched).await,
        e => e,
    };
    let result = match result {
        Ok(()) => township_screens(&app, dir.path(), &db).await,
        e => e,
    };
    app.stop().await;
    result?;
    protection(dir.path(), &out).await
}

/// 合并 and 乡镇概览 as the township sees them: a second village of 金龙镇 in the ledger,
/// then its laptop's bundle merged (written by the core while the app is open, as the
/// desktop's file dialog is out of WebDriver's reach), one field changed on both sides
/// waiting for the cadre's decision; the villages side by side.
async fn township_screens(app: &App, dir: &Path, db: &Path) -> Step {
    let today = yibentong::demo::history_end();
    let mut ledger = yibentong::store::Ledger::open(db).map_err(|e| e.to_string())?;
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/village.json");
    let bytes = std::fs::read(&file).map_err(|e| format!("{}：{e}", file.display()))?;
    yibentong::exchange::import_bytes(&mut ledger, &bytes, "village.json", today)
        .map_err(|e| e.to_string())?;
    let (bundle, _) = laptop_bundle(dir)?;
    let bytes = std::fs::read(&bundle).map_err(|e| e.to_string())?;
    let merged = yibentong::exchange::bundle::merge_bundle(
        &mut ledger,
        &bytes,
        "360729101099-1.bundle",
        today,
    )
    .map_err(|e| e.to_string())?;
    if merged.conflicts == 0 {
        return Err("数据包合并后应有一处冲突".into());
    }
    // The plan's targets of three years, for the township and the demo's village (made up
    // for the demo, as its village is).
    for (area, year, households, persons) in [
        ("360729101", 2015, 8, 26),
        ("360729101", 2016, 15, 50),
        ("360729101", 2017, 28, 85),
        ("360729101001", 2015, 8, 26),
        ("360729101001", 2016, 15, 50),
        ("360729101001", 2017, 27, 84),
    ] {
        ledger
            .set_plan_target(&yibentong::store::PlanTarget {
                area: area.into(),
                year,
                households,
                persons,
                doc: Some("金龙镇脱贫攻坚规划（演示）".into()),
            })
            .map_err(|e| e.to_string())?;
    }
    drop(ledger);
    go(app, "#/merge", "[data-test=conflicts-table]").await?;
    shoot(app, "merge").await?;
    go(app, "#/township", "[data-test=township-plan]").await?;
    app.eventually("乡镇概览列出两个村", || async {
        let names = app
            .texts("[data-test=township-villages] tbody tr")
            .await
            .ok()?;
        (names.len() >= 2).then_some(())
    })
    .await?;
    shoot(app, "township").await
}

/// The first-start passphrase step (a new ledger) and the unlock screen (an encrypted one).
async fn protection(dir: &Path, out: &Path) -> Step {
    if wanted("first-passphrase") {
        let fresh = dir.join("first").join("ledger.db");
        std::fs::create_dir_all(dir.join("first")).map_err(|e| e.to_string())?;
        let app = App::start(&fresh, out).await?;
        let result = async {
            app.window(1366, 768).await?;
            app.find("[data-test=first-start]").await?;
            app.fill("[data-test=passphrase-new]", "我家门前有条河2024")
                .await?;
            app.find("[data-test=passphrase-strength]").await?;
            app.fill("[data-test=passphrase-confirm]", "我家门前有条河2024")
                .await?;
            shoot(&app, "first-passphrase").await
        }
        .await;
        app.stop().await;
        result?;
    }
    if wanted("who-am-i") {
        let fresh = dir.join("plain").join("ledger.db");
        std::fs::create_dir_all(dir.join("plain")).map_err(|e| e.to_string())?;
        let app = App::start(&fresh, out).await?;
        let result = async {
            app.window(1366, 768).await?;
            app.click("[data-test=passphrase-skip]").await?;
            app.click(".el-message-box .el-button--primary").await?;
            app.find("[data-test=who-am-i]").await?;
            app.fill("[data-test=operator-name]", "李明").await?;
            shoot(&app, "who-am-i").await
        }
        .await;
        app.stop().await;
        result?;
    }
    if wanted("unlock") {
        let db = encrypted_test_ledger(dir, "我家门前有条河2024")?;
        let app = App::start(&db, out).await?;
        let result = async {
            app.window(1366, 768).await?;
            app.find("[data-test=unlock-screen]").await?;
            shoot(&app, "unlock").await
        }
        .await;
        app.stop().await;
        result?;
    }
    Ok(())
}
