//! Before a file is opened as a ledger: is it one of ours (never convert another
//! program's database or overwrite a stranger's file), is its place writable, and keep
//! what we create private to the user (0600: it holds ID numbers and health data).

use super::migrate;
use crate::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::io::Read;
use std::path::Path;

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// Refuses a file that is not a ledger of ours (or of a newer version), touching nothing.
pub(crate) fn check_is_ledger(path: &Path) -> Result<()> {
    let mut header = [0u8; 16];
    let len = std::fs::metadata(path)?.len();
    if len == 0 {
        return Ok(());
    }
    let read = std::fs::File::open(path)?.read(&mut header)?;
    if read < 16 || &header != SQLITE_HEADER {
        return Err(Error::Invalid(format!(
            "文件“{}”不是一本通台账（不是台账数据库文件），未作任何改动；请检查 --db 后的文件名",
            path.display()
        )));
    }
    let probe = Connection::open_with_flags(
        immutable_uri(path),
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
    )?;
    migrate::check_not_newer(&probe)?;
    let version = migrate::version(&probe)?;
    let tables: i64 = probe.query_row(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'",
        [],
        |r| r.get(0),
    )?;
    let ours: i64 = probe.query_row(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name IN ('households', 'audit')",
        [],
        |r| r.get(0),
    )?;
    if (version == 0 && tables > 0) || (version > 0 && ours < 2) {
        return Err(Error::Invalid(format!(
            "文件“{}”是其他软件的数据库，不是一本通台账；为免损坏它，未作任何改动",
            path.display()
        )));
    }
    Ok(())
}

/// Whether the ledger's file or its folder cannot be written (read-only media, or a
/// write-protected copy): then it is opened read-only.
pub(crate) fn is_read_only(path: &Path) -> bool {
    let file_ro = std::fs::metadata(path).is_ok_and(|m| m.permissions().readonly());
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let dir_ro = std::fs::metadata(dir).is_ok_and(|m| m.permissions().readonly());
    file_ro || dir_ro
}

/// A `file:` URI that opens the ledger without creating its journal or lock files.
pub(crate) fn immutable_uri(path: &Path) -> String {
    let mut out = String::from("file:");
    for c in path.to_string_lossy().chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3F"),
            '#' => out.push_str("%23"),
            c => out.push(c),
        }
    }
    out.push_str("?immutable=1");
    out
}

/// Makes the ledger and its journal files readable by their owner only (Unix).
pub(crate) fn restrict(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mut names = vec![path.to_path_buf()];
        for suffix in ["-wal", "-shm", "-journal"] {
            let mut p = path.as_os_str().to_owned();
            p.push(suffix);
            names.push(p.into());
        }
        for name in names {
            if name.exists() {
                let _ = std::fs::set_permissions(&name, std::fs::Permissions::from_mode(0o600));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}
