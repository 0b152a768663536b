//! Backups that restore: a full copy of the ledger (audit trail, local policy, print log,
//! settings), encrypted like the ledger, written beside its target and renamed only once
//! `integrity_check` passes on the copy. Automatic ones go to `<ledger>.backups/` before
//! an import, a restore or a schema upgrade and once a day, and are thinned to the last
//! 7 days and 4 weeks. Restoring replaces a ledger only when asked (`force`), after
//! backing it up too.

use super::open::{self, restrict, with_journals};
use super::{migrate, Ledger, SCHEMA_VERSION};
use crate::{Error, Result};
use chrono::{Datelike, NaiveDate};
use rusqlite::Connection;
use std::path::{Path, PathBuf};

/// A backup written and checked.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BackupInfo {
    pub path: String,
    /// When it was taken (local time, `YYYY-MM-DD HH:MM:SS`).
    pub taken: String,
    /// Audit rows it holds (the trail travels with it).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub audit_rows: i64,
    pub encrypted: bool,
}

// Backups are named by the time they were taken: the clock is read at this edge.
#[allow(clippy::disallowed_methods)]
fn now() -> chrono::NaiveDateTime {
    chrono::Local::now().naive_local()
}

/// The folder of automatic backups of a ledger file.
pub fn backup_dir(ledger: &Path) -> PathBuf {
    let mut name = ledger.file_name().unwrap_or_default().to_os_string();
    name.push(".backups");
    ledger.with_file_name(name)
}

fn audit_rows(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("SELECT COUNT(*) FROM audit", [], |r| r.get(0))?)
}

/// Copies the open database `conn` into a new file `out` (encrypted with `key` when
/// given), checks the copy and returns its audit row count.
fn export(conn: &Connection, out: &Path, key: Option<&str>) -> Result<i64> {
    if out.exists() {
        return Err(Error::Invalid(format!(
            "文件“{}”已存在；备份不会覆盖已有文件，请换一个文件名",
            out.display()
        )));
    }
    let dir = out
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.part-{}",
        out.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    let _ = std::fs::remove_file(&tmp);
    let tmp_text = tmp.to_string_lossy().to_string();
    let version = migrate::version(conn)?;
    let result = (|| -> Result<i64> {
        match key {
            Some(k) => {
                conn.execute("ATTACH DATABASE ?1 AS backup KEY ?2", [&tmp_text, k])?;
                let done = (conn.execute_batch(&open::cipher_settings("backup.")))
                    .and_then(|()| {
                        conn.query_row("SELECT sqlcipher_export('backup')", [], |_| Ok(()))
                    })
                    .and_then(|_| {
                        conn.execute_batch(&format!("PRAGMA backup.user_version = {version}"))
                    });
                conn.execute_batch("DETACH DATABASE backup")?;
                done?;
            }
            None => {
                conn.execute("VACUUM INTO ?1", [&tmp_text])?;
            }
        }
        restrict(&tmp);
        let copy = open::connect(&tmp, rusqlite::OpenFlags::default(), key)?;
        let check: String = copy.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
        let rows = audit_rows(&copy)?;
        if check != "ok" || rows != audit_rows(conn)? {
            return Err(Error::Invalid(format!(
                "备份写入后校验未通过（{check}），未保留这份备份"
            )));
        }
        drop(copy);
        std::fs::rename(&tmp, out)?;
        Ok(rows)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result
}

impl Ledger {
    /// Writes a checked backup of the whole ledger to `out` (never over an existing file).
    pub fn backup_to(&self, out: &Path) -> Result<BackupInfo> {
        let rows = export(&self.conn, out, self.key.as_deref())?;
        Ok(BackupInfo {
            path: out.display().to_string(),
            taken: now().format("%Y-%m-%d %H:%M:%S").to_string(),
            audit_rows: rows,
            encrypted: self.key.is_some(),
        })
    }

    /// An automatic backup into `<ledger>.backups/` (`why`: import, daily, restore …),
    /// then thinning of old ones. A ledger in memory has none.
    pub fn auto_backup(&self, why: &str) -> Result<Option<BackupInfo>> {
        let Some(path) = &self.path else {
            return Ok(None);
        };
        let dir = backup_dir(path);
        std::fs::create_dir_all(&dir)?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o700));
        }
        let stem = path.file_stem().unwrap_or_default().to_string_lossy();
        let out = dir.join(format!("{stem}-{}-{why}.db", now().format("%Y%m%d-%H%M%S")));
        if out.exists() {
            return Ok(None);
        }
        let info = self.backup_to(&out)?;
        thin(&dir)?;
        Ok(Some(info))
    }

    /// The day's first write makes a backup (once a day).
    pub fn daily_backup(&self) -> Result<Option<BackupInfo>> {
        if self.read_only {
            return Ok(None);
        }
        let Some(path) = &self.path else {
            return Ok(None);
        };
        let today = now().format("%Y%m%d").to_string();
        let taken_today = list(&backup_dir(path))
            .iter()
            .any(|(day, _)| day.format("%Y%m%d").to_string() == today);
        if taken_today {
            return Ok(None);
        }
        self.auto_backup("daily")
    }

    /// The newest automatic backup, if any (for the app's 设置 screen).
    pub fn last_backup(&self) -> Option<String> {
        let path = self.path.as_ref()?;
        list(&backup_dir(path))
            .into_iter()
            .max_by_key(|(_, p)| p.file_name().map(|n| n.to_os_string()))
            .map(|(_, p)| p.display().to_string())
    }
}

/// The automatic backups in `dir`: (day taken, file), from their names.
fn list(dir: &Path) -> Vec<(NaiveDate, PathBuf)> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "db"))
        .filter_map(|p| {
            let name = p.file_stem()?.to_string_lossy().to_string();
            let day = name
                .split('-')
                .find_map(|part| NaiveDate::parse_from_str(part, "%Y%m%d").ok())?;
            Some((day, p))
        })
        .collect()
}

/// Keeps the newest backup of each of the last 7 days with backups, of each of the last
/// 4 weeks, and the 5 newest; removes the rest.
fn thin(dir: &Path) -> Result<()> {
    let mut all = list(dir);
    all.sort_by(|a, b| b.1.file_name().cmp(&a.1.file_name()));
    let mut keep = std::collections::HashSet::new();
    let (mut days, mut weeks) = (Vec::new(), Vec::new());
    for (i, (day, p)) in all.iter().enumerate() {
        let week = (day.iso_week().year(), day.iso_week().week());
        if i < 5 {
            keep.insert(p.clone());
        }
        if !days.contains(day) && days.len() < 7 {
            days.push(*day);
            keep.insert(p.clone());
        }
        if !weeks.contains(&week) && weeks.len() < 4 {
            weeks.push(week);
            keep.insert(p.clone());
        }
    }
    for (_, p) in all {
        if !keep.contains(&p) {
            std::fs::remove_file(&p)?;
        }
    }
    Ok(())
}

/// Before a schema upgrade of an existing ledger: a backup of it as it was.
pub(crate) fn before_upgrade(path: &Path, key: Option<&str>) -> Result<()> {
    if open::file_kind(path)? == open::FileKind::Empty {
        return Ok(());
    }
    let conn = open::connect(path, rusqlite::OpenFlags::default(), key)?;
    let version = migrate::version(&conn)?;
    if version == 0 || version >= SCHEMA_VERSION {
        return Ok(());
    }
    let ledger = Ledger {
        conn,
        operator: String::new(),
        read_only: false,
        damage: None,
        path: Some(path.to_path_buf()),
        key: key.map(str::to_string),
    };
    ledger.auto_backup(&format!("before-upgrade-v{version}"))?;
    Ok(())
}

/// Restores a backup into `target`: the backup is checked first (and must open with
/// `key`); an existing target is replaced only with `force`, and is backed up first.
pub fn restore(backup: &Path, target: &Path, key: Option<&str>, force: bool) -> Result<BackupInfo> {
    if !backup.is_file() {
        return Err(Error::NotFound(format!("备份文件“{}”", backup.display())));
    }
    let key = open::check_is_ledger(backup, key)?;
    let source = open::connect(
        open::immutable_uri(backup),
        rusqlite::OpenFlags::SQLITE_OPEN_READ_ONLY | rusqlite::OpenFlags::SQLITE_OPEN_URI,
        key,
    )?;
    let check: String = source.query_row("PRAGMA integrity_check", [], |r| r.get(0))?;
    if check != "ok" {
        return Err(Error::Invalid(format!(
            "备份文件“{}”已损坏（{check}），不能用于恢复",
            backup.display()
        )));
    }
    let rows = audit_rows(&source)?;
    let last = |c: &Connection| -> Result<String> {
        Ok(c.query_row("SELECT ifnull(max(at), '') FROM audit", [], |r| r.get(0))?)
    };
    let backup_last = last(&source)?;
    drop(source);
    // The id of the ledger being replaced: a backup from before its first bundle has none,
    // yet what it sent since may be lost by the restore just the same.
    let mut replaced_id = None;
    if target.exists() {
        let current = Ledger::open_with_key(target, key)?;
        replaced_id = current.setting(super::Setting::LedgerId)?;
        let current_last = last(&current.conn)?;
        if !force {
            let newer = if current_last > backup_last {
                "，而且它比备份新"
            } else {
                ""
            };
            return Err(Error::Invalid(format!(
                "台账“{}”已存在{newer}（最后修改 {current_last}，备份截至 {backup_last}）；为免覆盖，请恢复到新文件名，或确认后加 --force（覆盖前会先备份现有台账）",
                target.display()
            )));
        }
        current.auto_backup("before-restore")?;
        current
            .conn
            .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
    }
    let dir = target
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let tmp = dir.join(format!(
        ".{}.restoring-{}",
        target.file_name().unwrap_or_default().to_string_lossy(),
        std::process::id()
    ));
    std::fs::copy(backup, &tmp)?;
    restrict(&tmp);
    // Before it takes the ledger's place: a restore that cannot renew the id replaces
    // nothing (it would number bundles as the backup did).
    let renewed = renew_ledger_id(&tmp, key, &backup_last, replaced_id);
    // Opening a backup of an older schema backs it up first: a copy of the backup itself.
    let _ = std::fs::remove_dir_all(backup_dir(&tmp));
    if let Err(e) = renewed {
        for file in with_journals(&tmp) {
            let _ = std::fs::remove_file(file);
        }
        return Err(e);
    }
    for journal in with_journals(&tmp).into_iter().skip(1) {
        let _ = std::fs::remove_file(journal);
    }
    for journal in with_journals(target).into_iter().skip(1) {
        let _ = std::fs::remove_file(journal);
    }
    std::fs::rename(&tmp, target)?;
    restrict(target);
    Ok(BackupInfo {
        path: target.display().to_string(),
        taken: backup_last,
        audit_rows: rows,
        encrypted: key.is_some(),
    })
}

/// A restored ledger that has exchanged bundles takes a new id (audited): its log of
/// bundles ends where the backup was taken, so numbering on under the old id would repeat
/// numbers a receiver has merged since. The old id is kept (`RestoredFrom`): the next
/// bundle to each receiver names it and is reviewed there (docs/bundles.md).
fn renew_ledger_id(
    target: &Path,
    key: Option<&str>,
    taken: &str,
    replaced_id: Option<String>,
) -> Result<()> {
    let mut ledger = Ledger::open_with_key(target, key)?;
    let Some(old) = ledger.setting(super::Setting::LedgerId)?.or(replaced_id) else {
        return Ok(());
    };
    let reason = format!(
        "从备份恢复（备份截至 {taken}）：本台账今后的数据包改用新编号，从第1号（完整）起，以免与恢复前已发出的数据包重号"
    );
    ledger.with_tx(|w| {
        w.set_setting(super::Setting::RestoredFrom, &old, Some(&reason))?;
        // Versions sent under the old id's numbers: the new numbers start again at 1.
        w.tx.execute("DELETE FROM bundle_bases_sent", [])?;
        w.tx.execute("DELETE FROM bundle_bases_crossed", [])?;
        // …and what merged versions say of them.
        w.tx.execute(
            "UPDATE bundle_bases SET seen_receiver = NULL, seen_sequence = 0",
            [],
        )?;
        w.set_setting(
            super::Setting::LedgerId,
            &crate::model::new_id(),
            Some(&reason),
        )
    })?;
    // All in the file itself: it is moved into place without its journal.
    ledger
        .conn
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
    Ok(())
}

/// Encrypts a plain ledger in place with `key`: the encrypted copy is written and checked
/// beside it, the plain file is kept until the encrypted one opens and holds the same
/// records, then removed (it would defeat the encryption).
pub fn encrypt_file(path: &Path, key: &str) -> Result<()> {
    open::check_passphrase(key)?;
    if open::file_kind(path)? != open::FileKind::Plain {
        return Err(Error::Invalid(format!(
            "台账“{}”已经加密，或不是一本通台账",
            path.display()
        )));
    }
    let plain = Ledger::open(path)?;
    plain
        .conn
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")?;
    let mut enc = path.as_os_str().to_owned();
    enc.push(".encrypting");
    let enc = PathBuf::from(enc);
    let _ = std::fs::remove_file(&enc);
    let rows = export(&plain.conn, &enc, Some(key))?;
    drop(plain);
    let mut kept = path.as_os_str().to_owned();
    kept.push(".unencrypted-old");
    let kept = PathBuf::from(kept);
    std::fs::rename(path, &kept)?;
    for journal in with_journals(path).into_iter().skip(1) {
        let _ = std::fs::remove_file(journal);
    }
    std::fs::rename(&enc, path)?;
    let check = Ledger::open_with_key(path, Some(key)).and_then(|l| audit_rows(&l.conn));
    match check {
        Ok(n) if n == rows => {
            std::fs::remove_file(&kept)?;
            Ok(())
        }
        other => {
            // Put the plain ledger back: nothing is lost.
            let _ = std::fs::rename(&kept, path);
            Err(Error::Invalid(format!(
                "加密后的台账校验未通过（{other:?}），已恢复为原来的未加密台账"
            )))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thinning_keeps_seven_days_four_weeks_and_the_newest() {
        let dir = tempfile::tempdir().unwrap();
        let start = NaiveDate::from_ymd_opt(2026, 10, 1).unwrap();
        // Two backups a day (morning import, evening daily) for 60 days.
        for i in 0..60 {
            let day = (start + chrono::Days::new(i)).format("%Y%m%d");
            for (time, why) in [("083000", "before-import"), ("200000", "daily")] {
                std::fs::write(dir.path().join(format!("l-{day}-{time}-{why}.db")), b"x").unwrap();
            }
        }
        thin(dir.path()).unwrap();
        let mut kept: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        kept.sort();
        let last = start + chrono::Days::new(59);
        let newest = format!("l-{}-200000-daily.db", last.format("%Y%m%d"));
        assert!(kept.contains(&newest), "the newest stays: {kept:?}");
        let days: std::collections::BTreeSet<&str> = kept.iter().map(|k| &k[2..10]).collect();
        assert!(days.len() >= 7, "one a day for the last week: {kept:?}");
        assert!(
            kept.len() <= 7 + 4 + 5,
            "old ones are removed: {}",
            kept.len()
        );
        let oldest_kept = NaiveDate::parse_from_str(days.iter().next().unwrap(), "%Y%m%d").unwrap();
        assert!(
            (last - oldest_kept).num_days() >= 21,
            "weekly ones reach back about four weeks (oldest {oldest_kept})"
        );
    }
}
