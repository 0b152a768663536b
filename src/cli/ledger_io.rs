//! `demo`, `import`, `export`: getting whole villages in and out.

use super::{open, today, Cli};
use std::io::{Read, Write};
use std::path::Path;
use yibentong::store::Ledger;
use yibentong::{demo as demo_village, exchange, Error, Result};

pub fn demo(cli: &Cli, out: &Path, households: usize, seed: u64) -> Result<()> {
    if out.exists() {
        return Err(Error::Invalid(format!(
            "文件{}已存在；为免覆盖已有台账，请换一个文件名或先删除它",
            out.display()
        )));
    }
    let key = std::env::var("YIBENTONG_PASSPHRASE").ok();
    let mut ledger = Ledger::open_with_key(out, key.as_deref())?;
    ledger.set_operator(cli.operator.as_deref().unwrap_or("演示数据"))?;
    let started = std::time::Instant::now();
    let mut last = 0;
    let summaries = demo_village::build(
        &mut ledger,
        households,
        seed,
        today(),
        &mut |done, total| {
            if total > 1 && (done * 20 / total != last || done == total) {
                last = done * 20 / total;
                note!(part: "\r生成中 {done}/{total} 个村");
            }
        },
    )?;
    if summaries.len() > 1 {
        note!();
    }
    let count: usize = summaries.iter().map(|s| s.inserted).sum();
    let people = ledger.people_count()?;
    say!(
        "已生成演示台账 {}：{} 个村，{} 户，{} 人（用时 {:.1} 秒）",
        out.display(),
        summaries.len(),
        count,
        people,
        started.elapsed().as_secs_f64()
    );
    Ok(())
}

fn file_name(file: &Path) -> String {
    file.file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default()
}

pub fn import(
    cli: &Cli,
    files: &[std::path::PathBuf],
    effective: Option<chrono::NaiveDate>,
    new_village: bool,
) -> Result<()> {
    let today = today();
    let effective = effective.unwrap_or(today);
    let one = match files {
        [file] => Some(std::fs::read(file)?),
        _ => None,
    };
    let existed = cli.db.is_file();
    let mut ledger = super::open_or_create(cli)?;
    if existed {
        // Always a way back from an import.
        ledger.auto_backup("before-import")?;
    }
    let new_village = if new_village {
        exchange::NewVillage::Create
    } else {
        exchange::NewVillage::AskFirst
    };
    let result = match one {
        Some(bytes) => exchange::import_file_with(
            &mut ledger,
            &bytes,
            &file_name(&files[0]),
            today,
            effective,
            new_village,
        ),
        None if files.iter().any(|f| is_workbook_file(f)) => {
            let read = files
                .iter()
                .map(|f| Ok((file_name(f), std::fs::read(f)?)))
                .collect::<Result<Vec<_>>>()?;
            let how = (today, effective, new_village);
            exchange::xlsx::import_files(&mut ledger, &read, how)
        }
        None => import_county(&mut ledger, files, today, effective, new_village),
    };
    match result {
        Ok(list) => {
            for s in &list {
                say!(
                    "导入完成：村 {}，新增 {} 户，更新 {} 户，未变 {} 户，提示 {} 条",
                    s.village,
                    s.inserted,
                    s.updated,
                    s.unchanged,
                    s.warnings
                );
            }
            say_warnings(&list);
            Ok(())
        }
        Err(Error::Validation(findings)) => {
            note!(
                "导入失败：文件中有 {} 处错误，未导入任何数据，台账保持不变。",
                findings.len()
            );
            Err(Error::Validation(findings))
        }
        Err(e) => Err(e),
    }
}

/// Where the import's warnings can be read: village by village for a few villages, in one
/// line for a county's hundreds (with the import's totals).
fn say_warnings(list: &[exchange::ImportSummary]) {
    let warned: Vec<_> = list.iter().filter(|s| s.warnings > 0).collect();
    if warned.len() <= WARNED_VILLAGES_NAMED {
        for s in &warned {
            note!(
                "这 {} 条提示不影响导入；逐条查看：yibentong check --village {}",
                s.warnings,
                s.village
            );
        }
    }
    if list.len() > 1 {
        let sum =
            |count: fn(&exchange::ImportSummary) -> usize| list.iter().map(count).sum::<usize>();
        note!(
            "合计：{} 个村，新增 {} 户，更新 {} 户，未变 {} 户，提示 {} 条",
            list.len(),
            sum(|s| s.inserted),
            sum(|s| s.updated),
            sum(|s| s.unchanged),
            sum(|s| s.warnings)
        );
    }
    if let [first, ..] = warned[..] {
        if warned.len() > WARNED_VILLAGES_NAMED {
            note!(
                "{} 个村的提示不影响导入；逐村查看：yibentong check --village 村代码（如 {}）",
                warned.len(),
                first.village
            );
        }
    }
}

/// Villages whose warnings are pointed to one by one; more are pointed to in one line.
const WARNED_VILLAGES_NAMED: usize = 3;

/// Whether a file is an Excel workbook, by its name or by the signature it starts with
/// (a zip's four bytes, an OLE file's eight).
fn is_workbook_file(file: &Path) -> bool {
    let mut start = Vec::with_capacity(8);
    // Unreadable here: judged by its name (reading it again will say why).
    let _ = std::fs::File::open(file).and_then(|f| f.take(8).read_to_end(&mut start));
    exchange::xlsx::is_workbook(&file_name(file), &start)
}

/// Several exchange files in one transaction, each read and parsed on a second thread
/// while the first writes the one before (a county's hundreds of villages are never held
/// at once). Files with workbooks among them are read whole first (`xlsx::import_files`).
fn import_county(
    ledger: &mut Ledger,
    files: &[std::path::PathBuf],
    today: chrono::NaiveDate,
    effective: chrono::NaiveDate,
    new_village: exchange::NewVillage,
) -> Result<Vec<exchange::ImportSummary>> {
    // Villages the ledger has before the import: a file of another village needs
    // --new-village (as for one file).
    let known = match new_village {
        exchange::NewVillage::Create => Vec::new(),
        exchange::NewVillage::AskFirst => ledger.villages()?,
    };
    std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel(2);
        scope.spawn(move || {
            exchange::give_way();
            for file in files {
                let name = file_name(file);
                let parsed = std::fs::read(file).map_err(Error::from).and_then(|bytes| {
                    exchange::parse_document(&bytes, today)
                        .map_err(|list| {
                            Error::Validation(
                                list.into_iter()
                                    .map(|mut f| {
                                        f.path = format!("{name}：{}", f.path);
                                        f
                                    })
                                    .collect(),
                            )
                        })
                        .and_then(|doc| {
                            exchange::unknown_village(&known, &doc)
                                .map_err(|e| Error::NewVillage(format!("{name}：{e}")))?;
                            Ok((doc, name.clone()))
                        })
                });
                if send.send(parsed).is_err() {
                    break;
                }
            }
        });
        exchange::import_many_at(ledger, receive, today, effective, true)
    })
}

/// The forms `export` writes.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum ExportFormat {
    /// Exchange v1 JSON (with the facts' history unless --year / --as-of).
    #[default]
    Json,
    /// The monitoring system's person-level sheet (Excel .xlsx); needs --out.
    Xlsx,
}

pub fn export(
    cli: &Cli,
    village: &str,
    on: Option<chrono::NaiveDate>,
    format: ExportFormat,
    out: Option<&Path>,
) -> Result<()> {
    let ledger = open(cli)?;
    let doc = match on {
        Some(date) => exchange::export_village_on(&ledger, village, date)?,
        None => exchange::export_village(&ledger, village)?,
    };
    match (format, out) {
        (ExportFormat::Json, out) => {
            let mut text =
                serde_json::to_string_pretty(&doc).map_err(|e| Error::Format(e.to_string()))?;
            text.push('\n');
            match out {
                Some(path) => {
                    yibentong::output::write_export(path, text.as_bytes(), Some(&cli.db))?;
                    say!("已导出 {}", path.display());
                }
                None => std::io::stdout().lock().write_all(text.as_bytes())?,
            }
        }
        (ExportFormat::Xlsx, Some(path)) => {
            let bytes = exchange::xlsx::write_village(&ledger, &doc, on.unwrap_or_else(today))?;
            yibentong::output::write_workbook(path, &bytes, Some(&cli.db))?;
            say!(
                "已导出 {}：{} 户（监测对象信息表，第3行为表头）",
                path.display(),
                doc.households.len()
            );
        }
        (ExportFormat::Xlsx, None) => {
            return Err(Error::Invalid(
                "导出Excel须用 --out 指定文件，例如 --out 村名单.xlsx".into(),
            ))
        }
    }
    Ok(())
}

/// `export --township CODE --format xlsx --out F`: the township's villages in one workbook.
pub fn export_township(
    cli: &Cli,
    township: &str,
    on: Option<chrono::NaiveDate>,
    format: ExportFormat,
    out: Option<&Path>,
) -> Result<()> {
    let (ExportFormat::Xlsx, Some(path)) = (format, out) else {
        return Err(Error::Invalid(
            "乡镇的各村只能一并导出为Excel表：请用 --format xlsx --out 文件.xlsx（交换文件请逐村导出：--village 村代码）".into(),
        ));
    };
    let ledger = open(cli)?;
    let (bytes, villages, households) =
        exchange::xlsx::township_workbook(&ledger, township, on.unwrap_or_else(today))?;
    yibentong::output::write_workbook(path, &bytes, Some(&cli.db))?;
    say!(
        "已导出 {}：{villages} 个行政村，{households} 户（监测对象信息表，第3行为表头）",
        path.display()
    );
    Ok(())
}
