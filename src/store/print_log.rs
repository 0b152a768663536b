//! The print log: every paper written, with its revision and checksum, so a reprint can
//! be marked 补打 and a signed paper traced to the record it came from.

use super::Ledger;
use crate::Result;

/// One printed paper.
#[derive(Debug, Clone)]
pub struct PrintRecord<'a> {
    pub household_id: Option<&'a str>,
    pub village_id: &'a str,
    /// `household`, `visits`, `income`, `roster`, `notice` …
    pub kind: &'a str,
    pub year: i32,
    pub revision: i64,
    pub checksum: &'a str,
}

impl Ledger {
    /// Logs a paper once its file is written, with this session's operator.
    pub fn log_print(&mut self, p: &PrintRecord) -> Result<()> {
        self.with_tx(|w| {
            w.conn().execute(
                "INSERT INTO print_log (at, operator, household_id, village_id, kind, year, revision, checksum)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                rusqlite::params![
                    w.at(),
                    w.operator,
                    p.household_id,
                    p.village_id,
                    p.kind,
                    p.year,
                    p.revision,
                    p.checksum
                ],
            )?;
            Ok(())
        })
    }

    /// The live household ids of a village, ordered by household code.
    pub fn household_ids(&self, village_id: &str) -> Result<Vec<String>> {
        super::read::household_ids(self.conn(), village_id)
    }

    /// How many people the ledger holds (every village).
    pub fn people_count(&self) -> Result<i64> {
        Ok(self
            .conn()
            .query_row("SELECT COUNT(*) FROM members", [], |r| r.get(0))?)
    }
}

impl Ledger {
    /// One value of a read-only query, for storage diagnostics and tests (row counts,
    /// `PRAGMA integrity_check`). A statement that would write is refused: every write
    /// goes through the store's audited methods.
    pub fn read_value(&self, sql: &str, params: &[&dyn rusqlite::ToSql]) -> Result<Option<String>> {
        let mut stmt = self.conn().prepare(sql)?;
        if !stmt.readonly() {
            return Err(crate::Error::Invalid(format!("只允许只读查询：{sql}")));
        }
        let mut rows = stmt.query(params)?;
        let Some(row) = rows.next()? else {
            return Ok(None);
        };
        use rusqlite::types::ValueRef;
        Ok(match row.get_ref(0)? {
            ValueRef::Null => None,
            ValueRef::Integer(i) => Some(i.to_string()),
            ValueRef::Real(f) => Some(f.to_string()),
            ValueRef::Text(t) | ValueRef::Blob(t) => Some(String::from_utf8_lossy(t).into_owned()),
        })
    }

    /// `read_value` as a number (a count).
    pub fn read_count(&self, sql: &str) -> Result<i64> {
        let v = self.read_value(sql, &[])?;
        v.as_deref()
            .unwrap_or("0")
            .parse()
            .map_err(|_| crate::Error::Format(format!("“{sql}”的结果不是整数")))
    }
}
