//! `bundle`, `merge`, `conflicts`, `resolve`: carrying a village's changes between ledgers
//! (docs/bundles.md).

use super::{open, today, Cli};

use std::path::Path;
use yibentong::exchange::bundle;
use yibentong::store::Keep;
use yibentong::{Error, Result};

/// `--keep mine|theirs`.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum KeepArg {
    /// Keep this ledger's value.
    Mine,
    /// Take the sender's value.
    Theirs,
}

pub fn write(cli: &Cli, village: &str, out: &Path, to: Option<&str>, full: bool) -> Result<()> {
    let mut ledger = open(cli)?;
    let s = bundle::write_bundle(
        &mut ledger,
        village,
        to.unwrap_or(bundle::DEFAULT_RECEIVER),
        if full {
            bundle::BundleScope::Full
        } else {
            bundle::BundleScope::Changes
        },
        out,
        Some(&cli.db),
    )?;
    say!(
        "已生成数据包 {}：村 {}，{}",
        out.display(),
        s.village,
        s.said
    );
    Ok(())
}

/// `merge FILE…`: one bundle in one transaction; several (a township's USB stick), each
/// in its own, by sender and number, every outcome said; a failure is a non-zero exit.
/// A ledger the merge created is removed again when nothing was merged into it (as an
/// import's is), so that a refused bundle leaves no empty ledger behind.
pub fn merge(cli: &Cli, files: &[std::path::PathBuf]) -> Result<()> {
    let existed = cli.db.exists();
    let mut merged_any = false;
    let result = merge_files(cli, files, &mut merged_any);
    if result.is_err() && !existed && !merged_any {
        yibentong::store::remove_ledger_files(&cli.db);
    }
    result
}

/// `merge`, saying in `merged_any` whether any bundle was merged.
fn merge_files(cli: &Cli, files: &[std::path::PathBuf], merged_any: &mut bool) -> Result<()> {
    let [file] = files else {
        return merge_many(cli, files, merged_any);
    };
    let bytes = std::fs::read(file)?;
    // A damaged or altered file is refused before the ledger is opened (or created).
    if let Err(e) = bundle::open(&bytes) {
        note!("合并失败，未合并任何数据，台账保持不变。");
        return Err(e);
    }
    let mut ledger = ledger_for_merge(cli)?;
    match bundle::merge_bundle(&mut ledger, &bytes, &file_name(file), today()) {
        Ok(s) => {
            *merged_any = true;
            say!("{}", merged(&s));
            if s.conflicts > 0 {
                say!("{CONFLICTS_HINT}");
            }
            Ok(())
        }
        Err(e) => {
            note!("合并失败，未合并任何数据，台账保持不变。");
            Err(e)
        }
    }
}

const CONFLICTS_HINT: &str = "双方都改过的字段保留了本台账的值；用 yibentong conflicts 查看，yibentong resolve 编号 --keep mine|theirs 处理";

/// The ledger a merge writes to (created if new), backed up first if it existed.
fn ledger_for_merge(cli: &Cli) -> Result<yibentong::store::Ledger> {
    let existed = cli.db.is_file();
    let ledger = super::open_or_create(cli)?;
    if existed {
        ledger.auto_backup("before-merge")?;
    }
    Ok(ledger)
}

fn file_name(file: &Path) -> String {
    file.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default()
}

/// What a merged bundle did, in one line.
fn merged(s: &bundle::MergeSummary) -> String {
    format!("{}：{}", s.title, s.said)
}

/// Several bundles: each file's outcome on a line of its own, then the counts.
fn merge_many(cli: &Cli, files: &[std::path::PathBuf], merged_any: &mut bool) -> Result<()> {
    // None can be read as a bundle: refused before the ledger is opened (or created).
    let readable = |f: &std::path::PathBuf| {
        std::fs::read(f)
            .map_err(Error::from)
            .and_then(|b| bundle::open(&b).map(drop))
    };
    if !files.iter().any(|f| readable(f).is_ok()) {
        for f in files {
            if let Err(e) = readable(f) {
                note!("{}：{e}", file_name(f));
            }
        }
        return Err(Error::Invalid(format!(
            "{}个文件都不是可合并的数据包，未合并任何数据，台账保持不变",
            files.len()
        )));
    }
    let mut ledger = ledger_for_merge(cli)?;
    let outcomes = bundle::merge_bundle_files(&mut ledger, files, today());
    *merged_any = outcomes.iter().any(|o| o.summary.is_some());
    let mut failed = 0;
    let mut conflicts = 0;
    for o in &outcomes {
        match (&o.summary, &o.error) {
            (Some(s), _) => {
                conflicts += s.conflicts;
                say!("{}：{}", o.file, merged(s));
            }
            (None, error) => {
                failed += 1;
                note!(
                    "{}：合并失败，此包未合并任何数据：{}",
                    o.file,
                    error.as_deref().unwrap_or("")
                );
            }
        }
    }
    if conflicts > 0 {
        say!("{CONFLICTS_HINT}");
    }
    let count = |f: fn(&bundle::MergeSummary) -> bool| {
        (outcomes.iter())
            .filter(|o| o.summary.as_ref().is_some_and(f))
            .count()
    };
    let before = count(|s| s.already_merged && s.replaced_by.is_none());
    let replaced = count(|s| s.replaced_by.is_some());
    let counts = format!(
        "共{}个数据包：合并{}个，此前已合并{before}个，{}未合并{failed}个",
        outcomes.len(),
        outcomes.len() - failed - before - replaced,
        if replaced > 0 {
            format!("已被完整数据包代替{replaced}个，")
        } else {
            String::new()
        }
    );
    if failed > 0 {
        return Err(Error::Invalid(format!("{counts}（原因见上）")));
    }
    say!("{counts}");
    Ok(())
}

fn value(path: &str, v: Option<&str>) -> String {
    bundle::value_text(path, v)
}

fn line(v: &bundle::ConflictView) -> String {
    let c = &v.conflict;
    format!(
        "#{}\t村{}\t户{}\t{}\t本方：{}（{} {}）\t对方：{}（{} {}）",
        c.id,
        c.village,
        c.household.as_deref().unwrap_or("-"),
        c.field,
        v.mine_text,
        c.mine_by.as_deref().unwrap_or("-"),
        c.mine_at.as_deref().unwrap_or("-"),
        v.theirs_text,
        c.theirs_by,
        c.theirs_at,
    )
}

pub fn list(cli: &Cli, village: Option<&str>, all: bool, json: bool) -> Result<()> {
    let ledger = open(cli)?;
    let list = bundle::conflicts(&ledger, village, all)?;
    if json {
        say!(
            "{}",
            serde_json::to_string_pretty(&list).map_err(|e| Error::Format(e.to_string()))?
        );
        return Ok(());
    }
    if list.is_empty() {
        say!("没有待处理的合并冲突");
    }
    for v in &list {
        let c = &v.conflict;
        let mut text = line(v);
        if let Some(at) = &c.resolved_at {
            text += &format!(
                "\t已处理：{}（{} {}）",
                if c.resolution.as_deref() == Some("theirs") {
                    "采用对方的值"
                } else {
                    "保留本方的值"
                },
                c.resolved_by.as_deref().unwrap_or("-"),
                at
            );
        }
        say!("{text}");
    }
    Ok(())
}

pub fn resolve(cli: &Cli, id: i64, keep: KeepArg, reason: Option<&str>) -> Result<()> {
    let mut ledger = open(cli)?;
    let keep = match keep {
        KeepArg::Mine => Keep::Mine,
        KeepArg::Theirs => Keep::Theirs,
    };
    let c = bundle::resolve(&mut ledger, id, keep, reason, today())?;
    say!(
        "冲突{}已处理：{} {}，{}（{}）",
        c.id,
        c.household
            .as_deref()
            .map(|h| format!("户{h}"))
            .unwrap_or_else(|| format!("村{}", c.village)),
        c.field,
        keep.label(),
        value(
            &c.path,
            if keep == Keep::Theirs {
                c.theirs.as_deref()
            } else {
                c.mine.as_deref()
            }
        )
    );
    Ok(())
}
