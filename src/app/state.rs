//! The app's state: the one open ledger behind a mutex, opened at startup (by the desktop
//! shell or `yibentong serve`).
//!
//! The ledger lives in the user's app data directory (`yibentong.db`); `YIBENTONG_DB`
//! overrides the path (tests, screenshots, the demo script). An encrypted ledger waits
//! for its passphrase (`YIBENTONG_PASSPHRASE`, or the unlock screen): until then every
//! command answers `locked`. If the file cannot be opened (e.g. it was written by a newer
//! version) the app still starts and every command returns that error, so the UI can say
//! why.

use super::error::{AppError, AppResult, ErrorCode};
use crate::store::Ledger;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// Environment variable naming the ledger file to open instead of the default.
pub const DB_ENV: &str = "YIBENTONG_DB";
/// Environment variable with the passphrase of an encrypted ledger (tests, scripts).
pub const PASSPHRASE_ENV: &str = "YIBENTONG_PASSPHRASE";

/// The open ledger (or why it could not be opened) and where it is.
pub struct AppState {
    path: PathBuf,
    ledger: Mutex<Result<Ledger, AppError>>,
}

impl AppState {
    /// Opens (or creates) the ledger at `path`; a failure is kept and reported by commands.
    pub fn open(path: &Path) -> AppState {
        let key = std::env::var(PASSPHRASE_ENV).ok();
        let ledger = (|| {
            if let Some(dir) = path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            if key.is_none() && crate::store::is_encrypted_file(path) {
                return Err(locked());
            }
            let mut ledger = Ledger::open_with_key(path, key.as_deref())?;
            ledger.daily_backup()?;
            ledger.use_system_user_until_named()?;
            Ok(ledger)
        })();
        AppState {
            path: path.to_path_buf(),
            ledger: Mutex::new(ledger),
        }
    }

    /// State over an already open ledger (tests).
    pub fn with_ledger(path: &Path, ledger: Ledger) -> AppState {
        AppState {
            path: path.to_path_buf(),
            ledger: Mutex::new(Ok(ledger)),
        }
    }

    /// The ledger file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Replaces the open ledger (or the reason there is none) by what `f` makes of it: `f`
    /// gets the old ledger if one is open (unlocking, encrypting, restoring).
    pub fn reopen(&self, f: impl FnOnce(Option<Ledger>) -> AppResult<Ledger>) -> AppResult<()> {
        let mut guard = self.ledger.lock().map_err(|_| {
            AppError::new(
                ErrorCode::Storage,
                "台账在一次失败的操作后被锁定，请重新启动一本通",
            )
        })?;
        let old = std::mem::replace(&mut *guard, Err(locked()));
        match f(old.ok()) {
            Ok(ledger) => {
                *guard = Ok(ledger);
                Ok(())
            }
            Err(e) => {
                // Whatever failed, the file is still there: reopen what can be reopened.
                *guard = Ledger::open_existing(&self.path, None).map_err(|_| locked());
                Err(e)
            }
        }
    }

    /// Whether the ledger is waiting for its passphrase.
    pub fn is_locked(&self) -> bool {
        self.ledger
            .lock()
            .is_ok_and(|g| matches!(&*g, Err(e) if e.code == ErrorCode::Locked))
    }

    /// Runs `f` with the ledger locked; commands run one at a time against it.
    pub fn with<T>(&self, f: impl FnOnce(&mut Ledger) -> AppResult<T>) -> AppResult<T> {
        let mut guard = self.ledger.lock().map_err(|_| {
            AppError::new(
                ErrorCode::Storage,
                "台账在一次失败的操作后被锁定，请重新启动一本通",
            )
        })?;
        match guard.as_mut() {
            Ok(ledger) => f(ledger),
            Err(e) => Err(e.clone()),
        }
    }
}

/// The answer of every command while an encrypted ledger waits for its passphrase.
pub fn locked() -> AppError {
    AppError::new(ErrorCode::Locked, "台账已加密，请先输入口令解锁")
}

/// The ledger path: `YIBENTONG_DB` if set, else `yibentong.db` in the app data directory.
pub fn ledger_path(app_data_dir: Option<PathBuf>) -> PathBuf {
    match std::env::var_os(DB_ENV) {
        Some(p) if !p.is_empty() => PathBuf::from(p),
        _ => app_data_dir
            .unwrap_or_else(|| PathBuf::from("."))
            .join("yibentong.db"),
    }
}

/// A date taken as today instead of the clock (tests that record answers).
static FIXED_TODAY: std::sync::OnceLock<chrono::NaiveDate> = std::sync::OnceLock::new();

/// Takes `date` as today from now on (once per process; tests whose answers must not
/// change with the calendar).
pub fn fix_today(date: chrono::NaiveDate) {
    let _ = FIXED_TODAY.set(date);
}

/// Today's date on this computer: the only clock read of the app (the core takes it as input).
#[allow(clippy::disallowed_methods)]
pub fn today() -> chrono::NaiveDate {
    FIXED_TODAY
        .get()
        .copied()
        .unwrap_or_else(|| chrono::Local::now().date_naive())
}
