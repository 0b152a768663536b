//! Opening the ledger as the app does: unlocking an encrypted one (then the daily backup),
//! encrypting a plain one in place and reopening it, and the file's state the app shows.

use super::{BackupInfo, Ledger};
use crate::{Error, Result};
use std::path::Path;

/// What the app shows about the open ledger's file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileState {
    pub encrypted: bool,
    pub read_only: bool,
    /// The newest automatic backup, if any.
    pub last_backup: Option<String>,
    /// Households in the ledger (0 for a new one).
    pub households: usize,
}

impl Ledger {
    /// The file's state: encrypted, read-only, last backup, households.
    pub fn file_state(&self) -> Result<FileState> {
        let households: i64 = self.conn().query_row(
            "SELECT COUNT(*) FROM households WHERE deleted = 0",
            [],
            |r| r.get(0),
        )?;
        Ok(FileState {
            encrypted: self.is_encrypted(),
            read_only: self.is_read_only(),
            last_backup: self.last_backup(),
            households: households as usize,
        })
    }
}

/// Opens an encrypted ledger with its passphrase (a wrong one is refused and changes
/// nothing), takes the day's backup, and names the system user until an operator is named.
pub fn unlock(path: &Path, passphrase: &str) -> Result<(Ledger, Option<BackupInfo>)> {
    let mut ledger = Ledger::open_existing(path, Some(passphrase))?;
    let backup = ledger.daily_backup()?;
    ledger.use_system_user_until_named()?;
    Ok((ledger, backup))
}

/// Encrypts the plain ledger at `path` in place with `passphrase` and opens it, keeping
/// `operator` (the one of the ledger it replaces). `open` is that ledger, closed here first.
pub fn encrypt_and_reopen(open: Option<Ledger>, path: &Path, passphrase: &str) -> Result<Ledger> {
    super::check_passphrase(passphrase)?;
    let operator = open.as_ref().map(|l| l.operator().to_string());
    if open.as_ref().is_some_and(Ledger::is_encrypted) {
        return Err(Error::Invalid("台账已经加密".into()));
    }
    drop(open);
    super::encrypt_file(path, passphrase)?;
    let mut ledger = Ledger::open_existing(path, Some(passphrase))?;
    match operator.filter(|o| o != "未设置") {
        Some(op) => ledger.set_operator(&op)?,
        None => ledger.use_system_user_until_named()?,
    }
    Ok(ledger)
}
