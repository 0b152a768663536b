//! SQLite storage of the ledger: opening (WAL, foreign keys, migrations), the write
//! transaction, reads, audit trail, settings and search.
//!
//! Invariants: every write goes through `Ledger::with_tx` (one transaction, one
//! timestamp, one operator); every change leaves an audit row; nothing is physically
//! deleted. Nothing here would stop the same schema running under SQLCipher.

mod audit;
mod backup;
mod bulk;
mod bulk_load;
mod bulk_rows;
mod bundle_bases;
mod bundle_log;
mod bundle_numbers;
mod bundles;
mod cadres;
mod chain;
mod conflicts;
mod decisions;
mod facts;
mod flush_behind;
mod held_elsewhere;
pub(crate) mod local_values;
mod migrate;
mod moves;
mod multi_row;
mod open;
mod plan_targets;
mod print_log;
pub mod read;
mod rederive;
mod rows;
mod rows_view;
mod save;
mod search;
mod session;
mod settings;
mod summary;
mod write;

pub use audit::{table_label, AuditEntry};
pub use backup::{backup_dir, encrypt_file, restore, BackupInfo};
pub use bulk::{Bulk, CheckedHousehold};
pub use bundle_bases::Outstanding;
pub use bundle_log::{bundle_kind, ReceivedBundleRow, SentBundleRow};
pub use bundle_numbers::{gaps_text, numbers_text, Gap};
pub use bundles::{ReceivedBundle, SentBundle, Tombstone};
pub use cadres::NewCadre;
pub use chain::ChainReport;
pub use conflicts::{Conflict, Keep, NewConflict};
pub use decisions::{Decision, DecisionKind};
pub use migrate::SCHEMA_VERSION;
pub use open::{check_passphrase, is_encrypted_file, passphrase_strength, remove_ledger_files};
pub use plan_targets::{PlanTarget, PLAN_YEARS};
pub use print_log::PrintRecord;
pub use read::{Records, StoredHousehold, StoredVillage};
pub use rows::initials;
pub use rows_view::HouseholdRow;
pub(crate) use save::village_code_refused;
pub use save::{Saved, WriteOptions};
pub use search::SearchHit;
pub use session::{encrypt_and_reopen, unlock, FileState};
pub use settings::Setting;
pub use summary::{LedgerInfo, VillageInfo};
pub use write::{Change, Writer};

use crate::{Error, Result};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior};

/// An open ledger with the operator of this session.
pub struct Ledger {
    conn: Connection,
    operator: String,
    /// Opened read-only (read-only media): writes are refused with a message.
    read_only: bool,
    /// What `quick_check` found wrong, for a damaged ledger (then also read-only).
    damage: Option<String>,
    /// The ledger's file (`None` in memory): backups go beside it.
    path: Option<std::path::PathBuf>,
    /// The passphrase of an encrypted ledger (SQLCipher), for its backups.
    key: Option<String>,
}

/// An operator's name as written on audit rows: trimmed, one line, 1–30 characters.
pub fn check_operator(name: &str) -> Result<String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(Error::Invalid("操作员姓名不能为空".into()));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::Invalid("操作员姓名不能含换行或控制字符".into()));
    }
    if name.chars().count() > 30 {
        return Err(Error::Invalid("操作员姓名过长（最多30个字）".into()));
    }
    Ok(name.to_string())
}

/// A reason written on audit rows: one line, at most 200 characters.
pub fn check_reason(reason: Option<&str>) -> Result<()> {
    let Some(reason) = reason else {
        return Ok(());
    };
    if reason.chars().any(char::is_control) {
        return Err(Error::Invalid(
            "修改原因只能写一行，不能含换行或控制字符".into(),
        ));
    }
    if reason.chars().count() > 200 {
        return Err(Error::Invalid("修改原因过长（最多200个字）".into()));
    }
    Ok(())
}

/// One line of `household list`.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct HouseholdSummary {
    pub id: String,
    pub village: String,
    pub code: String,
    pub head: Option<String>,
    pub group: Option<String>,
    pub size: i64,
    pub status: Option<crate::codes::Status>,
    pub attribute: Option<crate::codes::Attribute>,
    pub main_cause: Option<crate::codes::Cause>,
    pub revision: i64,
}

/// When a write happens, as its audit rows record it (local time with its offset).
// The audit trail records when a change happened: the one clock read of the store.
#[allow(clippy::disallowed_methods)]
pub(crate) fn stamp_now() -> String {
    chrono::Local::now()
        .format("%Y-%m-%dT%H:%M:%S%:z")
        .to_string()
}

impl Ledger {
    /// Sets the operator whose name goes on every audit row of this session: one line,
    /// at most 30 characters (a newline would forge audit lines).
    pub fn set_operator(&mut self, name: &str) -> Result<()> {
        self.operator = check_operator(name)?;
        Ok(())
    }

    /// Until an operator is named (for the ledger or this run), audit rows name the system
    /// user who runs the program ("root（系统用户）") — never "未设置".
    pub fn use_system_user_until_named(&mut self) -> Result<()> {
        if self.setting(Setting::Operator)?.is_none() {
            let user = ["USER", "USERNAME", "LOGNAME"]
                .iter()
                .find_map(|k| std::env::var(k).ok().filter(|u| !u.trim().is_empty()))
                .unwrap_or_else(|| "本机用户".into());
            self.set_operator(&format!("{user}（系统用户）"))?;
        }
        Ok(())
    }

    /// The operator of this session.
    pub fn operator(&self) -> &str {
        &self.operator
    }

    /// Read access (the store's own: everything outside `store` goes through its methods).
    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }

    /// Runs `f` in one write transaction; commits if it returns `Ok`, else changes nothing.
    pub fn with_tx<T>(&mut self, f: impl FnOnce(&Writer) -> Result<T>) -> Result<T> {
        if let Some(damage) = &self.damage {
            let name = self
                .path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default();
            return Err(Error::Invalid(format!(
                "台账“{name}”已损坏（{damage}），已以只读方式打开，不能修改。请从备份恢复：yibentong --db 新台账 restore 备份文件（自动备份在“{name}.backups”文件夹中）"
            )));
        }
        if self.read_only {
            return Err(Error::Invalid(
                "台账以只读方式打开（所在位置不可写），只能查看，不能修改；请复制到可写的位置后再修改"
                    .into(),
            ));
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let at = stamp_now();
        let writer = Writer {
            tx,
            operator: &self.operator,
            at,
            head: std::cell::RefCell::new(None),
            load: std::cell::RefCell::new(None),
        };
        let out = f(&writer)?;
        writer.tx.commit()?;
        Ok(out)
    }

    /// All villages.
    pub fn villages(&self) -> Result<Vec<StoredVillage>> {
        read::villages(&self.conn)
    }

    /// A village by code.
    pub fn village(&self, code: &str) -> Result<StoredVillage> {
        read::village_where(&self.conn, "code = ?1", code)?
            .ok_or_else(|| Error::NotFound(format!("村代码为{code}的行政村")))
    }

    /// A village by row id.
    pub fn village_by_id(&self, id: &str) -> Result<StoredVillage> {
        read::village_where(&self.conn, "id = ?1", id)?
            .ok_or_else(|| Error::NotFound(format!("记录编号为{id}的行政村")))
    }

    /// The cadres of a village.
    pub fn cadres(&self, village_id: &str) -> Result<Vec<crate::model::Cadre>> {
        read::cadres(&self.conn, village_id)
    }

    /// A household with all its records, by id.
    pub fn household(&self, id: &str) -> Result<StoredHousehold> {
        read::household(&self.conn, id)
    }

    /// Every live household of a village with the records asked for, by code, read in one
    /// transaction: one snapshot of the village, and the file's lock taken once instead of
    /// once a statement (a third of the time for a township's thousands of households).
    pub fn village_households(
        &self,
        village_id: &str,
        records: read::Records,
    ) -> Result<Vec<StoredHousehold>> {
        let _snapshot = match self.conn.is_autocommit() {
            true => Some(self.conn.unchecked_transaction()?),
            false => None, // inside a write: its own transaction is the snapshot
        };
        read::household_ids(&self.conn, village_id)?
            .iter()
            .map(|id| read::household_with(&self.conn, id, records))
            .collect()
    }

    /// The name of a household's head as stored now (none for a household without a head
    /// or not in this ledger).
    pub fn head_name(&self, household_id: &str) -> Result<Option<String>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT name FROM members WHERE household_id = ?1 AND deleted = 0
                   AND relation = 'head' ORDER BY seq LIMIT 1",
            )?
            .query_row([household_id], |r| r.get(0))
            .optional()?)
    }

    /// A household by its code (户编号). Codes are unique in a village; across villages the
    /// code must be unambiguous.
    pub fn household_by_code(&self, code: &str) -> Result<StoredHousehold> {
        let ids: Vec<String> = self
            .conn
            .prepare_cached("SELECT id FROM households WHERE code = ?1 AND deleted = 0")?
            .query_map([code], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        match ids.as_slice() {
            [id] => self.household(id),
            [] => Err(Error::NotFound(format!("户编号为{code}的农户"))),
            _ => Err(Error::Invalid(format!(
                "户编号{code}在{}个村都存在，请指定村",
                ids.len()
            ))),
        }
    }

    /// The households of one village (or all), ordered by code.
    pub fn household_list(&self, village_code: Option<&str>) -> Result<Vec<HouseholdSummary>> {
        let sql = "SELECT h.id, v.code, h.code,
                (SELECT m.name FROM members m WHERE m.household_id = h.id AND m.deleted = 0 AND m.relation = 'head' LIMIT 1),
                h.group_name,
                (SELECT COUNT(*) FROM members m WHERE m.household_id = h.id AND m.deleted = 0
                   AND NOT EXISTS (SELECT 1 FROM member_events e WHERE e.member_id = m.id AND e.deleted = 0
                                   AND e.kind IN ('death', 'marry_out', 'move_out'))),
                h.status, h.attribute, h.main_cause, h.revision
            FROM households h JOIN villages v ON v.id = h.village_id
            WHERE h.deleted = 0 AND (?1 IS NULL OR v.code = ?1)
            ORDER BY v.code, h.code";
        if let Some(code) = village_code {
            self.village(code)?;
        }
        let mut stmt = self.conn.prepare_cached(sql)?;
        let rows = stmt.query_map([village_code], |r| {
            Ok(HouseholdSummary {
                id: r.get(0)?,
                village: r.get(1)?,
                code: r.get(2)?,
                head: r.get(3)?,
                group: r.get(4)?,
                size: r.get(5)?,
                status: r.get(6)?,
                attribute: r.get(7)?,
                main_cause: r.get(8)?,
                revision: r.get(9)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The stored warnings of a household.
    pub fn warnings(&self, household_id: &str) -> Result<Vec<crate::validate::Finding>> {
        let code: Option<String> = self
            .conn
            .query_row(
                "SELECT code FROM households WHERE id = ?1",
                [household_id],
                |r| r.get(0),
            )
            .optional()?;
        let mut stmt = self
            .conn
            .prepare_cached("SELECT path, rule, message FROM findings WHERE household_id = ?1")?;
        let rows = stmt.query_map([household_id], |r| {
            Ok(crate::validate::Finding {
                severity: crate::validate::Severity::Warning,
                household: code.clone().unwrap_or_default(),
                path: r.get(0)?,
                rule: r.get(1)?,
                message: r.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}
