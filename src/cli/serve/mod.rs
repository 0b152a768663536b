//! `yibentong serve`: the desktop app's screens in the system browser (browser mode), for a
//! machine where the desktop app cannot run (no webview) or a cadre who prefers a browser.
//!
//! Listens on 127.0.0.1 only, on a port the system picks, and answers only requests that
//! carry this launch's random token (in the address it prints, a header, or the cookie the
//! first page sets): everything else is refused with 403. The screens are the built UI
//! (`ui/dist`, embedded in release builds) and talk to the same command table as the
//! desktop shell (`yibentong::app`). The first line on stdout is the address with its
//! token; the rest goes to stderr. It stops on Ctrl+C, or when no page has been open for
//! [`IDLE`] (the page sends a heartbeat; `YIBENTONG_SERVE_IDLE` overrides, in seconds).
//! Out of scope: serving other machines, several ledgers, TLS.

mod assets;
mod files;
mod listen;
mod progress;
mod routes;

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use yibentong::app::AppState;
use yibentong::{Error, Result};

/// How long the server waits without a request from any page before it stops.
pub const IDLE: Duration = Duration::from_secs(180);
/// Environment variable overriding [`IDLE`], in seconds (tests).
pub const IDLE_ENV: &str = "YIBENTONG_SERVE_IDLE";

/// What every request handler shares: the ledger, the token, the session's files.
pub struct Served {
    pub state: AppState,
    pub token: String,
    pub port: u16,
    pub files: files::Files,
    pub progress: progress::Reports,
    /// When an authorized request last came in.
    seen: Mutex<Instant>,
}

impl Served {
    /// Notes that a page is still there.
    fn touch(&self) {
        if let Ok(mut seen) = self.seen.lock() {
            *seen = Instant::now();
        }
    }

    fn idle_for(&self) -> Duration {
        self.seen.lock().map_or(Duration::ZERO, |s| s.elapsed())
    }
}

/// Serves the ledger at `db` until Ctrl+C or [`IDLE`] without a page.
pub fn run(db: &Path, open_browser: bool) -> Result<()> {
    let idle = idle_limit()?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .thread_name("serve")
        .enable_io()
        .enable_time()
        .build()?;
    let listener = runtime
        .block_on(tokio::net::TcpListener::bind(("127.0.0.1", 0)))
        .map_err(|e| Error::Io(std::io::Error::other(format!("无法在本机地址上监听：{e}"))))?;
    let port = listener.local_addr()?.port();
    let served = Arc::new(Served {
        state: AppState::open(db),
        token: uuid::Uuid::new_v4().simple().to_string(),
        port,
        files: files::Files::new()?,
        progress: progress::Reports::default(),
        seen: Mutex::new(Instant::now()),
    });
    let url = format!("http://127.0.0.1:{port}/?token={}", served.token);
    say!("{url}");
    note!(
        "一本通浏览器模式：台账 {}；只有本机能访问上面的地址（含一次性令牌）。按 Ctrl+C 停止；页面关闭{}后自动停止。",
        db.display(),
        spoken(idle)
    );
    if assets::missing() {
        note!("注意：界面尚未构建（ui/dist），浏览器只会显示说明页。");
    }
    if open_browser {
        if let Err(e) = opener::open_browser(&url) {
            note!("无法打开浏览器（{e}），请手动打开上面的地址。");
        }
    }

    let stop = Arc::new(AtomicBool::new(false));
    let on_signal = Arc::clone(&stop);
    // Without a handler Ctrl+C would end the process before the session's files are removed.
    if let Err(e) = ctrlc::set_handler(move || on_signal.store(true, Ordering::SeqCst)) {
        note!("无法接管 Ctrl+C（{e}）：停止时临时文件可能留下。");
    }
    runtime.spawn(listen::accept(listener, Arc::clone(&served)));
    let why = loop {
        if stop.load(Ordering::SeqCst) {
            break "已按 Ctrl+C";
        }
        if served.idle_for() > idle {
            break "没有打开的页面";
        }
        std::thread::sleep(Duration::from_millis(250));
    };
    // A command still running is not waited for: the ledger commits whole transactions only.
    runtime.shutdown_background();
    // The requests' threads may still hold the folder: remove its files now.
    served.files.clear();
    note!("一本通浏览器模式已停止（{why}）。");
    Ok(())
}

/// A duration as the cadre reads it: 3分钟, or 20秒 below a minute.
fn spoken(d: Duration) -> String {
    match d.as_secs() {
        s if s >= 60 => format!("{}分钟", s.div_ceil(60)),
        s => format!("{s}秒"),
    }
}

/// [`IDLE`], or the seconds `YIBENTONG_SERVE_IDLE` gives.
fn idle_limit() -> Result<Duration> {
    match std::env::var(IDLE_ENV) {
        Ok(s) => s
            .trim()
            .parse::<u64>()
            .map(Duration::from_secs)
            .map_err(|_| Error::Invalid(format!("{IDLE_ENV} 应为秒数：{s}"))),
        Err(_) => Ok(IDLE),
    }
}
