//! The audit trail as a hash chain: every row carries SHA-256 over the previous row's
//! hash and its own fields, so a row edited or deleted with another SQLite tool breaks
//! the chain from there on. `verify` walks the whole trail and names the first break.
//!
//! What this cannot see: the newest rows removed together with nothing after them, or
//! a chain recomputed by someone who knows this scheme; `docs/security.md` says so, and
//! encryption at rest keeps others from opening the file at all.

use crate::Result;
use rusqlite::{params, Connection, OptionalExtension, Row};
use serde::Serialize;
use sha2::{Digest, Sha256};

/// The fields of one audit row that the chain covers, in order.
pub(crate) struct Link<'a> {
    pub seq: i64,
    pub at: &'a str,
    pub operator: &'a str,
    pub table: &'a str,
    pub record_id: &'a str,
    pub household_id: Option<&'a str>,
    pub action: &'a str,
    pub field: Option<&'a str>,
    pub old: Option<&'a str>,
    pub new: Option<&'a str>,
    pub reason: Option<&'a str>,
}

/// The hash of a row given the previous row's hash ("" for the first row).
pub(crate) fn hash(previous: &str, l: &Link) -> String {
    let mut h = Sha256::new();
    h.update(previous.as_bytes());
    h.update(l.seq.to_string().as_bytes());
    for part in [
        Some(l.at),
        Some(l.operator),
        Some(l.table),
        Some(l.record_id),
        l.household_id,
        Some(l.action),
        l.field,
        l.old,
        l.new,
        l.reason,
    ] {
        // A separator that cannot occur in the text, and a distinct mark for "empty".
        h.update([0x1f]);
        match part {
            Some(text) => h.update(text.as_bytes()),
            None => h.update([0x00]),
        }
    }
    format!("{:x}", h.finalize())
}

/// The last row's sequence number and hash, if any.
pub(crate) fn head(conn: &Connection) -> Result<Option<(i64, Option<String>)>> {
    Ok(conn
        .query_row(
            "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?)
}

/// Where the next row goes: the last row's sequence number and hash, or (0, "") for an
/// empty trail.
pub(crate) fn tail(conn: &Connection) -> Result<(i64, String)> {
    Ok(match head(conn)? {
        Some((seq, hash)) => (seq, hash.unwrap_or_default()),
        None => (0, String::new()),
    })
}

/// Writes `l` as the row after the one whose hash is `previous`; returns its hash.
pub(crate) fn append(conn: &Connection, previous: &str, l: &Link) -> Result<String> {
    let hash = hash(previous, l);
    conn.prepare_cached(
        "INSERT INTO audit (seq, at, operator, table_name, record_id, household_id, action,
         field, old_value, new_value, reason, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
    )?
    .execute(params![l.seq, l.at, l.operator, l.table, l.record_id, l.household_id, l.action,
        l.field, l.old, l.new, l.reason, hash])?;
    Ok(hash)
}

const COLUMNS: &str =
    "seq, at, operator, table_name, record_id, household_id, action, field, old_value, new_value, reason, hash";

type Stored = (
    i64,
    String,
    String,
    String,
    String,
    Option<String>,
    String,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
    Option<String>,
);

fn stored(r: &Row) -> rusqlite::Result<Stored> {
    Ok((
        r.get(0)?,
        r.get(1)?,
        r.get(2)?,
        r.get(3)?,
        r.get(4)?,
        r.get(5)?,
        r.get(6)?,
        r.get(7)?,
        r.get(8)?,
        r.get(9)?,
        r.get(10)?,
        r.get(11)?,
    ))
}

fn link(s: &Stored) -> Link<'_> {
    Link {
        seq: s.0,
        at: &s.1,
        operator: &s.2,
        table: &s.3,
        record_id: &s.4,
        household_id: s.5.as_deref(),
        action: &s.6,
        field: s.7.as_deref(),
        old: s.8.as_deref(),
        new: s.9.as_deref(),
        reason: s.10.as_deref(),
    }
}

/// Seals the rows written before the chain existed (migration 0005), in order.
pub(crate) fn seal(conn: &Connection) -> Result<()> {
    let rows: Vec<Stored> = conn
        .prepare(&format!("SELECT {COLUMNS} FROM audit ORDER BY seq"))?
        .query_map([], stored)?
        .collect::<rusqlite::Result<_>>()?;
    let mut previous = String::new();
    let mut update = conn.prepare("UPDATE audit SET hash = ?1 WHERE seq = ?2")?;
    for row in &rows {
        let h = hash(&previous, &link(row));
        update.execute(params![h, row.0])?;
        previous = h;
    }
    Ok(())
}

/// What `audit verify` found.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ChainReport {
    /// Rows checked.
    pub rows: u64,
    /// The last row's sequence number and hash (write it down to notice lost rows later).
    pub head: Option<(i64, String)>,
    /// The first row whose hash does not follow (edited, deleted before it, or inserted).
    pub first_break: Option<i64>,
    /// How many rows do not follow.
    pub broken: u64,
}

impl ChainReport {
    /// The report in Chinese.
    pub fn text(&self) -> String {
        match self.first_break {
            None => format!(
                "变更记录完整：共{}条，链条未断。最后一条：第{}条，校验码 {}",
                self.rows,
                self.head.as_ref().map(|h| h.0).unwrap_or(0),
                self.head.as_ref().map(|h| &h.1[..16]).unwrap_or("-")
            ),
            Some(seq) => format!(
                "变更记录被改动过：共{}条，其中{}条对不上，最早从第{seq}条起（该条或其前一条在本程序之外被修改、删除或插入）。请从备份恢复并查明原因",
                self.rows, self.broken
            ),
        }
    }
}

/// Walks the whole trail and checks every link.
pub(crate) fn verify(conn: &Connection) -> Result<ChainReport> {
    let mut stmt = conn.prepare(&format!("SELECT {COLUMNS} FROM audit ORDER BY seq"))?;
    let mut rows = stmt.query([])?;
    let mut report = ChainReport {
        rows: 0,
        head: None,
        first_break: None,
        broken: 0,
    };
    let mut previous = String::new();
    let mut last_seq = 0;
    while let Some(r) = rows.next()? {
        let s = stored(r)?;
        let expected = hash(&previous, &link(&s));
        let ok = s.11.as_deref() == Some(expected.as_str()) && s.0 == last_seq + 1;
        if !ok {
            report.broken += 1;
            report.first_break.get_or_insert(s.0);
        }
        report.rows += 1;
        last_seq = s.0;
        previous = s.11.clone().unwrap_or_default();
        report.head = Some((s.0, previous.clone()));
    }
    Ok(report)
}
