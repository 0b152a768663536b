//! Keeping the ledger safe from the app: its state (open, locked, encrypted, last
//! backup), unlocking with the passphrase, encrypting a plain ledger (first start asks for
//! a passphrase before any data goes in), backing up now and restoring a backup.

use crate::app::error::{AppError, AppResult, ErrorCode};
use crate::app::state::locked;
use crate::app::Context;
use crate::store::{self, BackupInfo, Ledger};
use serde::Serialize;

/// What the app shows about the ledger file.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LedgerStatus {
    pub path: String,
    /// Waiting for its passphrase.
    pub locked: bool,
    pub encrypted: bool,
    pub read_only: bool,
    /// The newest automatic backup, if any.
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub last_backup: Option<String>,
    /// Households in the ledger (0 for a new one: the first start asks for a passphrase).
    pub households: usize,
}

/// How a passphrase the cadre is choosing looks.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PassphraseCheck {
    /// 弱, 中 or 强.
    pub strength: String,
    /// Why it cannot be used, if it cannot.
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub problem: Option<String>,
}

/// The ledger's state (works while locked).
pub fn ledger_status(cx: &Context<'_>) -> AppResult<LedgerStatus> {
    let path = cx.state.path().display().to_string();
    if cx.state.is_locked() {
        return Ok(LedgerStatus {
            path,
            locked: true,
            encrypted: true,
            read_only: false,
            last_backup: None,
            households: 0,
        });
    }
    cx.state.with(|ledger| {
        let file = ledger.file_state()?;
        Ok(LedgerStatus {
            path,
            locked: false,
            encrypted: file.encrypted,
            read_only: file.read_only,
            last_backup: file.last_backup,
            households: file.households,
        })
    })
}

/// Unlocks an encrypted ledger; a wrong passphrase is refused and changes nothing.
pub fn ledger_unlock(cx: &Context<'_>, passphrase: String) -> AppResult<()> {
    let path = cx.state.path().to_path_buf();
    cx.state
        .reopen(|_| Ok(store::unlock(&path, &passphrase)?.0))?;
    if cx.state.is_locked() {
        return Err(locked());
    }
    Ok(())
}

/// Strength and problems of a passphrase being chosen (the rule lives in the core).
pub fn passphrase_check(_cx: &Context<'_>, passphrase: String) -> AppResult<PassphraseCheck> {
    Ok(PassphraseCheck {
        strength: store::passphrase_strength(&passphrase).to_string(),
        problem: store::check_passphrase(&passphrase)
            .err()
            .map(|e| e.to_string()),
    })
}

/// Encrypts the open plain ledger with `passphrase` (first start, or 设置).
pub fn ledger_encrypt(cx: &Context<'_>, passphrase: String) -> AppResult<()> {
    store::check_passphrase(&passphrase)?;
    let path = cx.state.path().to_path_buf();
    cx.state
        .reopen(|old| Ok(store::encrypt_and_reopen(old, &path, &passphrase)?))
}

/// A checked backup into the ledger's backup folder now.
pub fn backup_now(cx: &Context<'_>) -> AppResult<BackupInfo> {
    cx.state.with(|ledger| {
        ledger
            .auto_backup("manual")?
            .ok_or_else(|| AppError::new(ErrorCode::Invalid, "刚刚已备份过，请稍后再试"))
    })
}

/// Restores a backup file over the open ledger (which is backed up first), then reopens.
pub fn backup_restore(
    cx: &Context<'_>,
    path: String,
    passphrase: Option<String>,
) -> AppResult<BackupInfo> {
    let target = cx.state.path().to_path_buf();
    let mut info = None;
    cx.state.reopen(|old| {
        let key = passphrase.clone().filter(|p| !p.is_empty());
        if let Some(l) = &old {
            l.auto_backup("before-restore")?;
        }
        drop(old);
        let restored = store::restore(std::path::Path::new(&path), &target, key.as_deref(), true)?;
        info = Some(restored);
        let mut ledger = Ledger::open_existing(&target, key.as_deref())?;
        ledger.use_system_user_until_named()?;
        Ok(ledger)
    })?;
    info.ok_or_else(|| AppError::new(ErrorCode::Io, "恢复未完成"))
}
