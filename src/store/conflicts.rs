//! Merge conflicts (migration 0007): a field changed on both sides since the last
//! exchange. The receiver's value stays in the record; the sender's waits here until the
//! cadre settles it (`resolve`). One open conflict per record field: a later bundle that
//! changes the same field again updates the sender's value. Every write is audited.

use super::write::{AuditRow, Writer};
use super::Ledger;
use crate::{Error, Result};
use rusqlite::{params, OptionalExtension};
use serde::{Deserialize, Serialize};

/// Which value a settled conflict keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum Keep {
    /// The receiver's own value (already in the record).
    Mine,
    /// The sender's value (written to the record).
    Theirs,
}

impl Keep {
    /// The stored code.
    pub fn code(self) -> &'static str {
        match self {
            Keep::Mine => "mine",
            Keep::Theirs => "theirs",
        }
    }

    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            Keep::Mine => "保留本方的值",
            Keep::Theirs => "采用对方的值",
        }
    }
}

/// One conflict as listed (values are JSON text; `None`: the record is absent there).
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Conflict {
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub id: i64,
    pub village: String,
    pub household_id: Option<String>,
    pub household: Option<String>,
    pub record_key: String,
    /// The field inside the record: a JSON list of keys and record ids.
    pub path: String,
    /// The field in words (成员张三 · 健康状况).
    pub field: String,
    pub mine: Option<String>,
    pub theirs: Option<String>,
    #[serde(skip)]
    pub theirs_history: Option<String>,
    pub mine_by: Option<String>,
    pub mine_at: Option<String>,
    pub theirs_by: String,
    pub theirs_at: String,
    pub sender: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub sequence: i64,
    pub created_at: String,
    pub resolved_at: Option<String>,
    pub resolution: Option<String>,
    pub resolved_by: Option<String>,
    pub reason: Option<String>,
}

/// A conflict found by a merge (see `Conflict` for the fields).
#[derive(Debug, Clone, PartialEq)]
pub struct NewConflict {
    pub village: String,
    pub household_id: Option<String>,
    pub household: Option<String>,
    pub record_key: String,
    pub path: String,
    pub field: String,
    pub mine: Option<String>,
    pub theirs: Option<String>,
    pub theirs_history: Option<String>,
    pub mine_by: Option<String>,
    pub mine_at: Option<String>,
    pub theirs_by: String,
    pub theirs_at: String,
    pub sender: String,
    pub sequence: i64,
    /// Both values in words, for the audit row (本方 … / 对方 …).
    pub summary: String,
}

const COLUMNS: &str = "id, village_code, household_id, household_code, record_key, path, field, mine, theirs,
    theirs_history, mine_by, mine_at, theirs_by, theirs_at, sender, sequence, created_at, resolved_at,
    resolution, resolved_by, reason";

fn conflict(r: &rusqlite::Row) -> rusqlite::Result<Conflict> {
    Ok(Conflict {
        id: r.get(0)?,
        village: r.get(1)?,
        household_id: r.get(2)?,
        household: r.get(3)?,
        record_key: r.get(4)?,
        path: r.get(5)?,
        field: r.get(6)?,
        mine: r.get(7)?,
        theirs: r.get(8)?,
        theirs_history: r.get(9)?,
        mine_by: r.get(10)?,
        mine_at: r.get(11)?,
        theirs_by: r.get(12)?,
        theirs_at: r.get(13)?,
        sender: r.get(14)?,
        sequence: r.get(15)?,
        created_at: r.get(16)?,
        resolved_at: r.get(17)?,
        resolution: r.get(18)?,
        resolved_by: r.get(19)?,
        reason: r.get(20)?,
    })
}

impl Writer<'_> {
    /// Records a conflict (or updates the open one of the same field), audited.
    pub fn add_conflict(&self, c: &NewConflict) -> Result<i64> {
        let open: Option<i64> = self
            .tx
            .query_row(
                "SELECT id FROM conflicts WHERE record_key = ?1 AND path = ?2 AND village_code = ?3
                   AND sender = ?4 AND resolved_at IS NULL",
                params![c.record_key, c.path, c.village, c.sender],
                |r| r.get(0),
            )
            .optional()?;
        let id = match open {
            Some(id) => {
                self.tx.execute(
                    "UPDATE conflicts SET theirs = ?1, theirs_history = ?2, theirs_by = ?3, theirs_at = ?4, sender = ?5, sequence = ?6,
                       mine = ?7, mine_by = ?8, mine_at = ?9, field = ?10 WHERE id = ?11",
                    params![c.theirs, c.theirs_history, c.theirs_by, c.theirs_at, c.sender, c.sequence, c.mine, c.mine_by, c.mine_at, c.field, id],
                )?;
                id
            }
            None => {
                self.tx.execute(
                    &format!(
                        "INSERT INTO conflicts ({}) VALUES (NULL, ?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, NULL, NULL, NULL, NULL)",
                        COLUMNS.replace('\n', " ")
                    ),
                    params![c.village, c.household_id, c.household, c.record_key, c.path, c.field, c.mine, c.theirs,
                            c.theirs_history, c.mine_by, c.mine_at, c.theirs_by, c.theirs_at, c.sender, c.sequence, self.at],
                )?;
                self.tx.last_insert_rowid()
            }
        };
        self.audit(AuditRow {
            table: "conflicts",
            record_id: &id.to_string(),
            household_id: c.household_id.as_deref(),
            action: if open.is_some() { "update" } else { "insert" },
            field: Some(&c.field),
            old: None,
            new: Some(format!("{}：{}", c.field, c.summary)),
            reason: Some("合并数据包：双方都改过，保留本方的值，待处理"),
        })?;
        Ok(id)
    }

    /// Whether household `household_id` of village `village_code` waits on an open
    /// conflict about the whole household with `sender` (its path is empty and both
    /// sides hold the household: not a deletion on one side).
    pub fn open_whole_conflict(
        &self,
        village_code: &str,
        household_id: &str,
        sender: &str,
    ) -> Result<bool> {
        Ok(self
            .tx
            .prepare_cached(
                "SELECT EXISTS (SELECT 1 FROM conflicts WHERE household_id = ?1 AND village_code = ?2
                   AND sender = ?3 AND path = '[]' AND mine IS NOT NULL AND theirs IS NOT NULL
                   AND resolved_at IS NULL)",
            )?
            .query_row([household_id, village_code, sender], |r| r.get(0))?)
    }

    /// An open conflict by id, read inside the write.
    pub fn open_conflict(&self, id: i64) -> Result<Conflict> {
        let c = self
            .tx
            .query_row(
                &format!("SELECT {COLUMNS} FROM conflicts WHERE id = ?1"),
                [id],
                conflict,
            )
            .optional()?
            .ok_or_else(|| Error::NotFound(format!("编号为{id}的合并冲突")))?;
        if let Some(at) = &c.resolved_at {
            return Err(Error::Invalid(format!(
                "冲突{id}已于{at}处理过（{}）",
                if c.resolution.as_deref() == Some("theirs") {
                    Keep::Theirs.label()
                } else {
                    Keep::Mine.label()
                }
            )));
        }
        Ok(c)
    }

    /// Marks a conflict settled, audited with the choice and reason.
    pub fn settle_conflict(&self, c: &Conflict, keep: Keep, reason: Option<&str>) -> Result<()> {
        super::check_reason(reason)?;
        self.tx.execute(
            "UPDATE conflicts SET resolved_at = ?1, resolution = ?2, resolved_by = ?3, reason = ?4 WHERE id = ?5",
            params![self.at, keep.code(), self.operator, reason, c.id],
        )?;
        let why = match reason {
            Some(r) => format!("处理合并冲突：{}（{r}）", keep.label()),
            None => format!("处理合并冲突：{}", keep.label()),
        };
        self.audit(AuditRow {
            table: "conflicts",
            record_id: &c.id.to_string(),
            household_id: c.household_id.as_deref(),
            action: "update",
            field: Some("resolution"),
            old: None,
            new: Some(keep.code().to_string()),
            reason: Some(&why),
        })
    }
}

impl Ledger {
    /// Conflicts of one village (or all), open ones only unless `all`, oldest first.
    pub fn conflicts(&self, village: Option<&str>, all: bool) -> Result<Vec<Conflict>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS} FROM conflicts WHERE (?1 IS NULL OR village_code = ?1)
               AND (?2 OR resolved_at IS NULL) ORDER BY id"
        ))?;
        let rows = stmt.query_map(params![village, all], conflict)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
