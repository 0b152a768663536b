//! Several files imported together, workbooks among them (`yibentong import a.xlsx b.json`,
//! a township's villages as each sent its own): every file is read whole first — a
//! workbook over what the ledger holds of its villages — then all their villages are
//! written in one transaction, or none. Each error names its file and, in a workbook, the
//! row and column at fault.

use super::read::Placed;
use super::{audit_name, is_workbook, locate, read_villages_whole, Reported};
use crate::exchange::county::one_line;
use crate::exchange::NewVillage;
use crate::exchange::{check_new_village, import_many_at, parse_document, ImportSummary};
use crate::model::VillageDocument;
use crate::store::Ledger;
use crate::validate::Finding;
use crate::{Error, Result};
use chrono::NaiveDate;

/// A village read from a workbook: the name it is written under (`audit_name`), its
/// file's name and where its rows are.
struct FromWorkbook {
    audit: String,
    file: String,
    placed: Placed,
}

/// Imports `files` (each its name and bytes, exchange files and workbooks in any mix) in
/// one transaction: all their villages or, on any error in any of them, nothing. `how`:
/// today, the date the facts hold from, and what to do about a village the ledger lacks.
pub fn import_files(
    ledger: &mut Ledger,
    files: &[(String, Vec<u8>)],
    how: (NaiveDate, NaiveDate, NewVillage),
) -> Result<Vec<ImportSummary>> {
    let (today, effective, new_village) = how;
    let mut errors = Vec::new();
    let mut documents: Vec<(VillageDocument, String)> = Vec::new();
    let mut from_workbooks = Vec::new();
    for (i, (name, bytes)) in files.iter().enumerate() {
        // Two files of one name (from two folders) are told apart by their place.
        let twice = files.iter().filter(|(n, _)| n == name).count() > 1;
        let shown = &match twice {
            true => format!("{name}（第{}个文件）", i + 1),
            false => name.clone(),
        };
        if !is_workbook(name, bytes) {
            match parse_document(bytes, today) {
                Ok(doc) => documents.push((doc, shown.clone())),
                Err(list) => errors.extend(list.into_iter().map(|f| in_file(f, shown))),
            }
            continue;
        }
        let quiet = &mut Reported::quiet();
        let read = match read_villages_whole(ledger, bytes, (today, effective), quiet)? {
            Ok(read) => read,
            Err(list) => {
                errors.extend(list.into_iter().map(|f| in_file(f, shown)));
                continue;
            }
        };
        // Each village under its own name where the workbook has several.
        let several = read.len() > 1;
        for r in read {
            let audit = audit_name(shown, &r.doc.village, several);
            from_workbooks.push(FromWorkbook {
                audit: audit.clone(),
                file: shown.clone(),
                placed: r.placed,
            });
            documents.push((r.doc, audit));
        }
    }
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let docs: Vec<&VillageDocument> = documents.iter().map(|(d, _)| d).collect();
    check_new_village(ledger, &docs, new_village)?;
    let done = import_many_at(
        ledger,
        documents.into_iter().map(Ok),
        today,
        effective,
        true,
    );
    done.map_err(|e| match e {
        Error::Validation(list) => Error::Validation(
            list.into_iter()
                .map(|f| at_row(f, &from_workbooks))
                .collect(),
        ),
        other => other,
    })
}

/// A finding under its file's name: `乡里.xlsx：第7行“性别”：…`.
fn in_file(mut f: Finding, file: &str) -> Finding {
    f.path = format!("{}：{}", one_line(file), f.path);
    f
}

/// A finding of the writing (named `audit name：households[2]…`) at its workbook's row and
/// column under the file's name (one about the village as a whole at the village's first
/// row: `第4行起`); an exchange file's as it is (already under its name).
fn at_row(mut f: Finding, from_workbooks: &[FromWorkbook]) -> Finding {
    for w in from_workbooks {
        let prefix = format!("{}：", one_line(&w.audit));
        let Some(rest) = f.path.strip_prefix(&prefix) else {
            continue;
        };
        f.path = match w.placed.household_rows.first() {
            Some(first) if rest.starts_with("village") => format!("第{first}行起"),
            _ => rest.to_string(),
        };
        return in_file(locate(f, &w.placed), &w.file);
    }
    f
}
