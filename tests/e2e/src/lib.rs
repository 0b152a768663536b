//! Drives the real, built desktop app: starts `tauri-driver` (which starts
//! WebKitWebDriver and the app) with the app's environment, opens a WebDriver session with
//! fantoccini and offers the few waits and gestures the Element Plus screens need.
//! In the browser mode ([`use_browser`]) the same scenario runs in headless Chromium
//! (`chromedriver`) against `yibentong serve --no-browser` on the same ledger.
//!
//! Needs an X display (run under `xvfb-run`), `tauri-driver` on PATH (or in
//! `~/.cargo/bin`) and the app built by `bash scripts/app build`; for the browser mode
//! `chromium` and `chromedriver` (apt `chromium chromium-driver`) and the `yibentong`
//! binary (`target/debug/yibentong`, or `YIBENTONG_CLI`).

use fantoccini::elements::Element;
use fantoccini::{Client, ClientBuilder, Locator};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};
use tokio::process::{Child, Command};

/// What went wrong, in a sentence for the log.
pub type Failure = String;
/// A step's result.
pub type Step<T = ()> = Result<T, Failure>;

/// How long a wait lasts before the step fails.
pub const PATIENCE: Duration = Duration::from_secs(20);

/// The running app with a WebDriver session on it.
pub struct App {
    pub client: Client,
    driver: Driver,
    /// `yibentong serve`, in the browser mode.
    server: Option<Driver>,
}

/// Whether the scenario runs in the browser (set once by the runner's `--browser`).
static BROWSER: AtomicBool = AtomicBool::new(false);

/// Runs every later [`App::start`] in headless Chromium against `yibentong serve`.
pub fn use_browser() {
    BROWSER.store(true, Ordering::SeqCst);
}

/// Whether [`use_browser`] was called.
pub fn in_browser() -> bool {
    BROWSER.load(Ordering::SeqCst)
}

/// A helper process: tauri-driver or chromedriver (stopped with SIGTERM, so that
/// tauri-driver stops its WebKitWebDriver too: a killed one leaves that running on its
/// port), or `yibentong serve` (SIGINT, like Ctrl+C: it removes its session folder).
struct Driver(Child, &'static str);

impl Driver {
    async fn stop(&mut self) {
        if let Some(pid) = self.0.id() {
            let _ = Command::new("kill")
                .args([self.1, &pid.to_string()])
                .status()
                .await;
            if tokio::time::timeout(Duration::from_secs(5), self.0.wait())
                .await
                .is_ok()
            {
                return;
            }
        }
        let _ = self.0.kill().await;
    }
}

/// A TCP port nobody listens on now.
fn free_port() -> Step<u16> {
    std::net::TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .map_err(|e| format!("没有空闲端口：{e}"))
}

/// The built app (`scripts/app build` leaves it in `target/app/`).
pub fn app_binary() -> PathBuf {
    let path = match std::env::var_os("YIBENTONG_APP") {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/app/yibentong-app"),
    };
    std::fs::canonicalize(&path).unwrap_or(path)
}

fn tauri_driver() -> PathBuf {
    let home = std::env::var_os("HOME")
        .map(PathBuf::from)
        .unwrap_or_default();
    let installed = home.join(".cargo/bin/tauri-driver");
    if installed.exists() {
        installed
    } else {
        PathBuf::from("tauri-driver")
    }
}

/// The `yibentong` command line (`target/debug/yibentong`, or `YIBENTONG_CLI`).
pub fn cli_binary() -> PathBuf {
    let path = match std::env::var_os("YIBENTONG_CLI") {
        Some(p) => PathBuf::from(p),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../../target/debug/yibentong"),
    };
    std::fs::canonicalize(&path).unwrap_or(path)
}

/// What the runner names as the thing under test.
pub fn under_test() -> PathBuf {
    if in_browser() {
        cli_binary()
    } else {
        app_binary()
    }
}

/// Connects a WebDriver session to the server at `url`, retrying while it starts.
async fn connect(url: &str, caps: serde_json::Map<String, serde_json::Value>) -> Option<Client> {
    let started = Instant::now();
    loop {
        let mut builder = ClientBuilder::native();
        builder.capabilities(caps.clone());
        match tokio::time::timeout(PATIENCE, builder.connect(url)).await {
            Ok(Ok(c)) => return Some(c),
            _ if started.elapsed() > PATIENCE => return None,
            _ => tokio::time::sleep(Duration::from_millis(200)).await,
        }
    }
}

impl App {
    /// Starts the app on the ledger `db`; files it saves go to `out`.
    pub async fn start(db: &Path, out: &Path) -> Step<App> {
        App::start_with(db, out, None).await
    }

    /// Starts the app on `db`, unlocking it with `passphrase` at start when one is given
    /// (`YIBENTONG_PASSPHRASE`); without one an encrypted ledger shows the unlock screen.
    pub async fn start_with(db: &Path, out: &Path, passphrase: Option<&str>) -> Step<App> {
        if in_browser() {
            return App::start_in_browser(db, out, passphrase).await;
        }
        let port = free_port()?;
        let app = app_binary();
        if !app.exists() {
            return Err(format!(
                "找不到 {}：先运行 bash scripts/app build",
                app.display()
            ));
        }
        let native_port = free_port()?;
        let mut command = Command::new(tauri_driver());
        match passphrase {
            Some(p) => command.env("YIBENTONG_PASSPHRASE", p),
            None => command.env_remove("YIBENTONG_PASSPHRASE"),
        };
        let driver = command
            .args(["--port", &port.to_string()])
            .args(["--native-port", &native_port.to_string()])
            .env("YIBENTONG_DB", db)
            .env("YIBENTONG_E2E_OUT", out)
            // The print preview writes into the temp directory: keep it with the test.
            .env("TMPDIR", out)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| format!("tauri-driver 无法启动（bash scripts/setup 会安装它）：{e}"))?;
        let mut caps = serde_json::Map::new();
        caps.insert(
            "tauri:options".into(),
            serde_json::json!({ "application": app }),
        );
        let mut driver = Driver(driver, "-TERM");
        let Some(client) = connect(&format!("http://127.0.0.1:{port}"), caps).await else {
            driver.stop().await;
            return Err("无法连接 tauri-driver（WebKitWebDriver 未启动？）".into());
        };
        Ok(App {
            client,
            driver,
            server: None,
        })
    }

    /// `yibentong serve --no-browser` on `db` (its files in `out`), and headless Chromium
    /// through chromedriver opened at the address it prints.
    async fn start_in_browser(db: &Path, out: &Path, passphrase: Option<&str>) -> Step<App> {
        let cli = cli_binary();
        if !cli.exists() {
            return Err(format!("找不到 {}：先运行 cargo build", cli.display()));
        }
        let mut command = Command::new(&cli);
        match passphrase {
            Some(p) => command.env("YIBENTONG_PASSPHRASE", p),
            None => command.env_remove("YIBENTONG_PASSPHRASE"),
        };
        // Its first line is the address; it goes to a file the test reads back.
        let n = free_port()?;
        let printed = out.join(format!("serve-{n}.txt"));
        let stdout =
            std::fs::File::create(&printed).map_err(|e| format!("{}：{e}", printed.display()))?;
        let said = out.join(format!("serve-{n}.log"));
        let stderr =
            std::fs::File::create(&said).map_err(|e| format!("{}：{e}", said.display()))?;
        let serve = command
            .arg("--db")
            .arg(db)
            .args(["serve", "--no-browser"])
            // Printed and exported files live in the server's session folder in TMPDIR.
            .env("TMPDIR", out)
            .stdout(stdout)
            .stderr(stderr)
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| format!("yibentong serve 无法启动：{e}"))?;
        let mut server = Driver(serve, "-INT");
        let started = Instant::now();
        let url = loop {
            let text = std::fs::read_to_string(&printed).unwrap_or_default();
            if let Some((line, _)) = text.split_once('\n') {
                break line.trim().to_string();
            }
            if started.elapsed() > PATIENCE {
                server.stop().await;
                return Err("yibentong serve 没有打印地址".into());
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        };

        let port = free_port()?;
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .kill_on_drop(true)
            .spawn()
            .map_err(|e| format!("chromedriver 无法启动（apt 安装 chromium-driver）：{e}"))?;
        let mut driver = Driver(driver, "-TERM");
        let mut caps = serde_json::Map::new();
        // The scenario waits for what it needs: navigation does not wait for every file.
        caps.insert("pageLoadStrategy".into(), "eager".into());
        caps.insert(
            "goog:chromeOptions".into(),
            serde_json::json!({
                "binary": "/usr/bin/chromium",
                "args": ["--headless=new", "--no-sandbox", "--disable-gpu",
                         "--disable-dev-shm-usage", "--window-size=1366,768"],
            }),
        );
        let Some(client) = connect(&format!("http://127.0.0.1:{port}"), caps).await else {
            driver.stop().await;
            server.stop().await;
            return Err("无法连接 chromedriver（chromium 未安装？）".into());
        };
        if let Err(e) = client.goto(&url).await {
            let _ = client.close().await;
            driver.stop().await;
            server.stop().await;
            return Err(format!("浏览器打不开 {url}：{e}"));
        }
        Ok(App {
            client,
            driver,
            server: Some(server),
        })
    }

    /// Closes the session (the app quits) and stops tauri-driver (or chromedriver and the
    /// server).
    pub async fn stop(mut self) {
        // A session left mid-step (a failed wait) may never answer: do not wait for ever.
        let _ = tokio::time::timeout(Duration::from_secs(10), self.client.close()).await;
        self.driver.stop().await;
        if let Some(server) = &mut self.server {
            server.stop().await;
        }
    }

    /// Puts the window at the top left at `w`×`h` (the screen of an old laptop).
    pub async fn window(&self, w: u32, h: u32) -> Step {
        self.client
            .set_window_rect(0, 0, w, h)
            .await
            .map_err(|e| format!("窗口大小：{e}"))
    }

    /// Waits for an element by CSS selector.
    pub async fn find(&self, css: &str) -> Step<Element> {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .map_err(|e| format!("等不到 {css}：{e}"))
    }

    /// Waits for an element and clicks it.
    pub async fn click(&self, css: &str) -> Step {
        let started = Instant::now();
        loop {
            let el = self.find(css).await?;
            match el.click().await {
                Ok(()) => return Ok(()),
                // Dialogs animate in: an element may be covered for a moment.
                Err(e) if started.elapsed() > PATIENCE => return Err(format!("点不到 {css}：{e}")),
                Err(_) => tokio::time::sleep(Duration::from_millis(200)).await,
            }
        }
    }

    /// Types into whatever has the focus, as a person at the keyboard would
    /// (WebDriver key codes: `\u{E004}` Tab, `\u{E007}` Enter, `\u{E00C}` Esc).
    pub async fn keys(&self, text: &str) -> Step {
        let el = self
            .client
            .active_element()
            .await
            .map_err(|e| format!("找不到有焦点的元素：{e}"))?;
        el.send_keys(text)
            .await
            .map_err(|e| format!("键盘输入：{e}"))
    }

    /// The `data-test` of the element with the focus (empty when it has none).
    pub async fn focused(&self) -> String {
        self.js("const a = document.activeElement; const t = a && a.closest('[data-test]'); return t ? t.getAttribute('data-test') : ''")
            .await
            .ok()
            .and_then(|v| v.as_str().map(str::to_string))
            .unwrap_or_default()
    }

    /// Replaces the text of an input (select all, delete, type).
    pub async fn fill(&self, css: &str, text: &str) -> Step {
        let el = self.find(css).await?;
        el.send_keys("\u{E009}a\u{E009}\u{E003}")
            .await
            .map_err(|e| format!("清空 {css}：{e}"))?;
        el.send_keys(text)
            .await
            .map_err(|e| format!("输入 {css}：{e}"))
    }

    /// Opens an Element Plus select and picks the visible option with `label`
    /// (the first visible option when `label` is empty).
    pub async fn choose(&self, css: &str, label: &str) -> Step {
        self.click(css).await?;
        let xpath = if label.is_empty() {
            "//li[contains(@class,'el-select-dropdown__item')]".to_string()
        } else {
            format!(
                "//li[contains(@class,'el-select-dropdown__item')][normalize-space()='{label}']"
            )
        };
        // The option is clicked as an element, not at screen coordinates: the dropdown
        // scrolls to the selected value while it opens, and a click at the coordinates
        // read a moment earlier can land on the neighbouring option (2017 for 2016).
        let script = format!(
            "const r = document.evaluate(\"{xpath}\", document, null, \
             XPathResult.ORDERED_NODE_SNAPSHOT_TYPE, null); \
             for (let i = 0; i < r.snapshotLength; i++) {{ const li = r.snapshotItem(i); \
             if (li.offsetParent !== null) {{ li.scrollIntoView({{block: 'nearest'}}); li.click(); return true; }} }} \
             return false;"
        );
        self.eventually(&format!("{css} 的选项“{label}”"), || async {
            let clicked = self.js(&script).await.ok()?;
            clicked.as_bool().filter(|c| *c).map(drop)
        })
        .await
    }

    /// Runs a script in the page and returns its value.
    pub async fn js(&self, script: &str) -> Step<serde_json::Value> {
        self.client
            .execute(script, Vec::new())
            .await
            .map_err(|e| format!("脚本失败：{e}"))
    }

    /// The text of every element matching `css`.
    pub async fn texts(&self, css: &str) -> Step<Vec<String>> {
        let value = self
            .js(&format!(
                "return [...document.querySelectorAll('{css}')].map(e => e.textContent.trim())"
            ))
            .await?;
        Ok(value
            .as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|v| v.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default())
    }

    /// An attribute of the first element matching `css`, if both exist.
    pub async fn attr(&self, css: &str, name: &str) -> Option<String> {
        let el = self.client.find(Locator::Css(css)).await.ok()?;
        el.attr(name).await.ok()?
    }

    /// Polls `check` until it yields a value, or fails after `PATIENCE` naming `what`.
    pub async fn eventually<T, F, Fut>(&self, what: &str, mut check: F) -> Step<T>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Option<T>>,
    {
        let started = Instant::now();
        loop {
            if let Some(v) = check().await {
                return Ok(v);
            }
            if started.elapsed() > PATIENCE {
                return Err(format!("等待超时：{what}"));
            }
            tokio::time::sleep(Duration::from_millis(150)).await;
        }
    }
}

/// A fresh ledger holding the core's test village (two households, cadres), for forms
/// that need a village to save into; no operator is named yet (the app asks first).
pub fn test_ledger(dir: &Path) -> Step<PathBuf> {
    let db = dir.join("ledger.db");
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/village.json");
    let bytes = std::fs::read(&file).map_err(|e| format!("{}：{e}", file.display()))?;
    let mut ledger = yibentong::store::Ledger::open(&db).map_err(|e| e.to_string())?;
    let today = yibentong::demo::history_end();
    yibentong::exchange::import_bytes(&mut ledger, &bytes, "village.json", today)
        .map_err(|e| e.to_string())?;
    Ok(db)
}

/// The test village in a fresh ledger encrypted with `passphrase` (the unlock screen's test).
pub fn encrypted_test_ledger(dir: &Path, passphrase: &str) -> Step<PathBuf> {
    let db = dir.join("encrypted.db");
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../data/village.json");
    let bytes = std::fs::read(&file).map_err(|e| format!("{}：{e}", file.display()))?;
    let mut ledger = yibentong::store::Ledger::open_with_key(&db, Some(passphrase))
        .map_err(|e| e.to_string())?;
    let today = yibentong::demo::history_end();
    yibentong::exchange::import_bytes(&mut ledger, &bytes, "village.json", today)
        .map_err(|e| e.to_string())?;
    ledger
        .set_setting(yibentong::store::Setting::Operator, "李明", Some("测试"))
        .map_err(|e| e.to_string())?;
    Ok(db)
}

/// A fresh ledger holding the demo village (300 households).
pub fn demo_ledger(dir: &Path) -> Step<PathBuf> {
    let db = dir.join("demo.db");
    let mut ledger = yibentong::store::Ledger::open(&db).map_err(|e| e.to_string())?;
    ledger.set_operator("演示数据").unwrap();
    ledger
        .set_setting(yibentong::store::Setting::Operator, "李明", Some("演示"))
        .map_err(|e| e.to_string())?;
    yibentong::demo::build(
        &mut ledger,
        yibentong::demo::VILLAGE_SIZE,
        2014,
        yibentong::demo::history_end(),
        &mut |_, _| {},
    )
    .map_err(|e| e.to_string())?;
    Ok(db)
}

/// A household of the demo village to look at in a past year: registered on `date`, with
/// a status then that differs from today's when there is one (the year picker's test).
pub struct PastHousehold {
    pub id: String,
    pub code: String,
    /// Its 户状态 on `date`, in Chinese (as the app shows it).
    pub status_then: String,
    /// Its 户状态 today, in Chinese.
    pub status_now: String,
    /// How many households were registered on `date`.
    pub registered: usize,
}

/// Picks the household of `past_household` from the ledger at `db`.
pub fn past_household(db: &Path, date: chrono::NaiveDate) -> Step<PastHousehold> {
    let ledger = yibentong::store::Ledger::open(db).map_err(|e| e.to_string())?;
    let now = ledger.household_rows(None).map_err(|e| e.to_string())?;
    let village = now
        .first()
        .map(|r| r.village.clone())
        .ok_or_else(|| "演示台账里没有农户".to_string())?;
    let then = ledger
        .household_rows_on(&village, date)
        .map_err(|e| e.to_string())?;
    let label =
        |s: Option<yibentong::codes::Status>| s.map(|s| s.label()).unwrap_or("未填写").to_string();
    let pick = then
        .iter()
        .filter(|r| r.status.is_some())
        .find(|r| now.iter().any(|n| n.id == r.id && n.status != r.status))
        .or_else(|| then.iter().find(|r| r.status.is_some()))
        .ok_or_else(|| format!("{date} 没有在册农户"))?;
    let current = now.iter().find(|n| n.id == pick.id).and_then(|n| n.status);
    Ok(PastHousehold {
        id: pick.id.clone(),
        code: pick.code.clone(),
        status_then: label(pick.status),
        status_now: label(current),
        registered: then.len(),
    })
}

/// The bundle a village's laptop sends to the township: the test village in a ledger of
/// its own under `dir`, the first household's phone changed there, then `bundle` for
/// 金龙镇. Returns the bundle's path and the new phone.
pub fn laptop_bundle(dir: &Path) -> Step<(PathBuf, String)> {
    let laptop = dir.join("laptop");
    std::fs::create_dir_all(&laptop).map_err(|e| e.to_string())?;
    let db = test_ledger(&laptop)?;
    let mut ledger = yibentong::store::Ledger::open(&db).map_err(|e| e.to_string())?;
    ledger.set_operator("陈第一").map_err(|e| e.to_string())?;
    let stored = ledger
        .household_by_code("3607291010990001")
        .map_err(|e| e.to_string())?;
    let mut household = stored.household;
    let phone = "13907971234".to_string();
    household.phone = Some(phone.clone());
    let today = yibentong::demo::history_end();
    ledger
        .with_tx(|w| {
            w.save_household(
                &stored.village_id,
                &household,
                Some("户主换了手机号"),
                today,
            )
        })
        .map_err(|e| e.to_string())?;
    let out = dir.join("360729101099-1.bundle");
    yibentong::exchange::bundle::write_bundle(
        &mut ledger,
        "360729101099",
        "金龙镇",
        Default::default(),
        &out,
        Some(&db),
    )
    .map_err(|e| e.to_string())?;
    Ok((out, phone))
}
