//! Opening a ledger file. Before anything is written: is it one of ours (never convert
//! another program's database or a stray file), is it encrypted and is the passphrase
//! right, is its place writable (read-only media open read-only), is it newer than this
//! program. What we create is private to the user (0600): it holds ID numbers and health
//! data. Encryption at rest is SQLCipher (`PRAGMA key` before any other statement).

use super::{migrate, settings, Ledger, SCHEMA_VERSION};
use crate::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::io::Read;
use std::path::Path;

const SQLITE_HEADER: &[u8; 16] = b"SQLite format 3\0";

/// What a ledger file is, judged from its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    Empty,
    Plain,
    /// Not a plain SQLite file: an encrypted ledger, or something else entirely.
    Opaque,
}

pub(crate) fn file_kind(path: &Path) -> Result<FileKind> {
    if std::fs::metadata(path)?.len() == 0 {
        return Ok(FileKind::Empty);
    }
    let mut header = [0u8; 16];
    let read = std::fs::File::open(path)?.read(&mut header)?;
    Ok(if read == 16 && &header == SQLITE_HEADER {
        FileKind::Plain
    } else {
        FileKind::Opaque
    })
}

/// How this build encrypts a new ledger: SQLCipher 4 with 16 KB pages and HMAC-SHA256
/// (the key derivation is SQLCipher's own). A county's import took 4.7 s with SQLCipher
/// 4's defaults and 3.45 s with these (docs/benchmarks.md). `schema` is `""` for the
/// connection's own database, or an attached one's name and a dot.
pub(crate) fn cipher_settings(schema: &str) -> String {
    format!(
        "PRAGMA {schema}cipher_page_size = {PAGE_SIZE}; PRAGMA {schema}cipher_hmac_algorithm = HMAC_SHA256;"
    )
}

/// How earlier builds encrypted: SQLCipher 4's defaults (4 KB pages, HMAC-SHA512).
const EARLIER_CIPHER: &str = "PRAGMA cipher_compatibility = 4;";

/// Sets the key and the cipher of a fresh connection (its first statements).
fn unlock_with(conn: &Connection, key: &str, cipher: &str) -> Result<()> {
    // A wrong passphrase is reported in Chinese by us; SQLCipher's own log lines on
    // stderr would only confuse.
    let _ = conn.execute_batch("PRAGMA cipher_log_level = NONE");
    conn.pragma_update(None, "key", key)?;
    conn.execute_batch(cipher)?;
    Ok(())
}

fn readable(conn: &Connection) -> bool {
    conn.query_row("SELECT COUNT(*) FROM sqlite_master", [], |_| Ok(()))
        .is_ok()
}

/// Opens `target` with `flags`, and with a key unlocks it. An encrypted file's settings
/// cannot be read from it, so they are tried: this build's first (a new or empty file
/// takes them), then earlier builds', on a connection of its own (SQLCipher cannot try
/// again on one that failed). Should neither read it (a wrong passphrase, another
/// program's file) the first connection is returned, and the caller's first statement
/// meets the error as it always has.
pub(crate) fn connect(
    target: impl AsRef<Path>,
    flags: OpenFlags,
    key: Option<&str>,
) -> Result<Connection> {
    let conn = Connection::open_with_flags(target.as_ref(), flags)?;
    let Some(key) = key else {
        return Ok(conn);
    };
    unlock_with(&conn, key, &cipher_settings(""))?;
    if readable(&conn) {
        return Ok(conn);
    }
    let earlier = Connection::open_with_flags(target.as_ref(), flags)?;
    unlock_with(&earlier, key, EARLIER_CIPHER)?;
    Ok(if readable(&earlier) { earlier } else { conn })
}

/// A read-only look at the file that writes nothing, not even a journal.
fn probe(path: &Path, key: Option<&str>) -> Result<Connection> {
    connect(
        immutable_uri(path),
        OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI,
        key,
    )
}

/// Refuses a file that is not a ledger of ours, an encrypted one without the right
/// passphrase, or one of a newer version, touching nothing. Returns the key to use
/// (`None` for a plain ledger, whatever was offered).
pub(crate) fn check_is_ledger<'k>(path: &Path, key: Option<&'k str>) -> Result<Option<&'k str>> {
    let key = match file_kind(path)? {
        FileKind::Empty => return Ok(key),
        FileKind::Plain => None,
        FileKind::Opaque => match key {
            Some(k) => Some(k),
            None => {
                return Err(Error::Invalid(format!(
                    "文件“{}”是加密的台账，或者不是一本通台账：打开加密台账请设置环境变量 YIBENTONG_PASSPHRASE 为口令（桌面程序会询问口令）；未作任何改动",
                    path.display()
                )))
            }
        },
    };
    let conn = probe(path, key)?;
    let tables: i64 = match conn.query_row(
        "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'",
        [],
        |r| r.get(0),
    ) {
        Ok(n) => n,
        Err(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::NotADatabase) => {
            return Err(Error::Invalid(format!(
                "口令不正确，或文件“{}”不是一本通台账；未作任何改动",
                path.display()
            )))
        }
        Err(e) => return Err(e.into()),
    };
    migrate::check_not_newer(&conn)?;
    let version = migrate::version(&conn)?;
    let ours: i64 = conn.query_row(
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
    Ok(key)
}

/// The page size of a new ledger, in bytes (an encrypted one takes it from
/// `cipher_settings`, a plain one from `PRAGMA page_size`). A county's load writes its pages
/// as it goes (a 64 MB cache, `bulk_load.rs`); 16 KB pages take a quarter of the writes
/// and splits of 4 KB ones: 20,000 households 2.9–3.0 s → 2.6–2.7 s (docs/benchmarks.md).
const PAGE_SIZE: i64 = 16_384;

/// The page cache, in KiB. Random UUID keys touch pages all over each index; 256 MB
/// keeps a county-scale import into a ledger that has households in memory instead of
/// re-reading pages (see docs/benchmarks.md; a load into an empty one uses less).
pub(super) const PAGE_CACHE_KIB: i64 = 262_144;

/// Ledgers up to this size are checked (`PRAGMA quick_check`) when opened for writing;
/// larger ones (county scale, where the check takes seconds) are checked by `backup`.
const CHECK_ON_OPEN_BYTES: u64 = 64 << 20;

/// What `quick_check` finds wrong with the file, if anything.
fn damage(path: &Path, key: Option<&str>) -> Result<Option<String>> {
    if std::fs::metadata(path)?.len() > CHECK_ON_OPEN_BYTES {
        return Ok(None);
    }
    let conn = probe(path, key)?;
    match conn.query_row("PRAGMA quick_check(1)", [], |r| r.get::<_, String>(0)) {
        Ok(ok) if ok == "ok" => Ok(None),
        Ok(problem) => Ok(Some(problem)),
        Err(e) => Ok(Some(e.to_string())),
    }
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

/// The files of a ledger: the database and its journal files.
pub(crate) fn with_journals(path: &Path) -> Vec<std::path::PathBuf> {
    let mut names = vec![path.to_path_buf()];
    for suffix in ["-wal", "-shm", "-journal"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        names.push(p.into());
    }
    names
}

/// Removes a ledger's database and journal files: a ledger an import created and left
/// empty when it was refused (the command line's `--db`, mistyped or not).
pub fn remove_ledger_files(path: &Path) {
    for file in with_journals(path) {
        let _ = std::fs::remove_file(file);
    }
}

/// Makes a file (and its journal files) readable by its owner only (Unix).
pub(crate) fn restrict(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        for name in with_journals(path) {
            if name.exists() {
                let _ = std::fs::set_permissions(&name, std::fs::Permissions::from_mode(0o600));
            }
        }
    }
    #[cfg(not(unix))]
    let _ = path;
}

/// A passphrase for a new encrypted ledger: at least 8 characters, one line.
pub fn check_passphrase(passphrase: &str) -> Result<()> {
    if passphrase.chars().any(char::is_control) {
        return Err(Error::Invalid("口令不能含换行或控制字符".into()));
    }
    if passphrase.chars().count() < 8 {
        return Err(Error::Invalid(
            "口令至少8位（建议用一句好记的话，夹杂数字）".into(),
        ));
    }
    Ok(())
}

/// How strong a passphrase looks, for the hint beside the field: 弱, 中 or 强.
pub fn passphrase_strength(passphrase: &str) -> &'static str {
    let n = passphrase.chars().count();
    let kinds = [
        passphrase.chars().any(|c| c.is_ascii_digit()),
        passphrase.chars().any(|c| c.is_ascii_lowercase()),
        passphrase.chars().any(|c| c.is_ascii_uppercase()),
        passphrase.chars().any(|c| !c.is_ascii_alphanumeric()),
    ]
    .iter()
    .filter(|k| **k)
    .count();
    match (n, kinds) {
        (0..=7, _) => "弱",
        (8..=11, 0..=2) => "中",
        _ if kinds >= 3 || n >= 16 => "强",
        _ => "中",
    }
}

impl Ledger {
    /// Opens (or creates) a plain ledger file and brings its schema up to date.
    pub fn open(path: &Path) -> Result<Ledger> {
        Self::open_with_key(path, None)
    }

    /// Opens (or creates) a ledger; with `key`, a new ledger is created encrypted and an
    /// encrypted one is unlocked. A wrong key, another program's file or a newer ledger
    /// is refused untouched. Before a schema upgrade the ledger is backed up.
    pub fn open_with_key(path: &Path, key: Option<&str>) -> Result<Ledger> {
        let exists = path.exists();
        let key = if exists {
            let key = check_is_ledger(path, key)?;
            if is_read_only(path) {
                return Self::open_read_only(path, key);
            }
            if let Some(damage) = damage(path, key)? {
                // Never write to a damaged ledger: it opens read-only, saying how to restore.
                let mut ledger = Self::open_read_only(path, key)?;
                ledger.damage = Some(damage);
                return Ok(ledger);
            }
            key
        } else {
            if let Some(k) = key {
                check_passphrase(k)?;
            }
            key
        };
        if exists {
            super::backup::before_upgrade(path, key)?;
        }
        let conn = connect(path, OpenFlags::default(), key)?;
        if !exists && key.is_none() {
            // Before the first write fixes it for good. An encrypted file takes the same
            // page size from its cipher settings (`cipher_settings`).
            conn.pragma_update(None, "page_size", PAGE_SIZE)?;
        }
        restrict(path);
        let mut ledger = Self::setup(conn)?;
        restrict(path);
        ledger.path = Some(path.to_path_buf());
        ledger.key = key.map(str::to_string);
        Ok(ledger)
    }

    /// Opens an existing ledger; a missing file is an error (a mistyped `--db` must not
    /// create an empty ledger). On read-only media the ledger opens read-only.
    pub fn open_existing(path: &Path, key: Option<&str>) -> Result<Ledger> {
        if !path.is_file() {
            return Err(Error::NotFound(format!(
                "台账文件“{}”（请检查 --db 后的路径；新建台账请用 import 或 demo）",
                path.display()
            )));
        }
        Self::open_with_key(path, key)
    }

    /// Opens a ledger read-only without writing anything (not even its journal): for
    /// read-only media. Writes are refused; a ledger needing an upgrade cannot open.
    pub fn open_read_only(path: &Path, key: Option<&str>) -> Result<Ledger> {
        let key = check_is_ledger(path, key)?;
        let conn = probe(path, key)?;
        if migrate::version(&conn)? < SCHEMA_VERSION {
            return Err(Error::Invalid(format!(
                "台账“{}”需要升级结构才能打开，但它所在的位置只读；请先复制到可写的位置",
                path.display()
            )));
        }
        let operator = settings::get(&conn, "operator")?.unwrap_or_else(|| "未设置".to_string());
        Ok(Ledger {
            conn,
            operator,
            read_only: true,
            damage: None,
            path: Some(path.to_path_buf()),
            key: key.map(str::to_string),
        })
    }

    /// An empty ledger in memory (tests, scratch work).
    pub fn open_in_memory() -> Result<Ledger> {
        Self::setup(Connection::open_in_memory()?)
    }

    fn setup(mut conn: Connection) -> Result<Ledger> {
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "foreign_keys", true)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "cache_size", -PAGE_CACHE_KIB)?;
        conn.pragma_update(None, "temp_store", "MEMORY")?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        // The writer uses a few dozen distinct statements; the default cache of 16 would
        // re-prepare them on every row.
        conn.set_prepared_statement_cache_capacity(128);
        migrate::migrate(&mut conn)?;
        let operator = settings::get(&conn, "operator")?.unwrap_or_else(|| "未设置".to_string());
        Ok(Ledger {
            conn,
            operator,
            read_only: false,
            damage: None,
            path: None,
            key: None,
        })
    }

    /// Whether the ledger was opened read-only.
    pub fn is_read_only(&self) -> bool {
        self.read_only
    }

    /// What is wrong with a damaged ledger (it is then open read-only).
    pub fn damage(&self) -> Option<&str> {
        self.damage.as_deref()
    }

    /// Whether the ledger is encrypted at rest.
    pub fn is_encrypted(&self) -> bool {
        self.key.is_some()
    }

    /// The ledger's file, if it has one.
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }
}

/// Whether `path` is a ledger file that needs a passphrase (not a plain SQLite file).
pub fn is_encrypted_file(path: &Path) -> bool {
    path.is_file() && matches!(file_kind(path), Ok(FileKind::Opaque))
}
