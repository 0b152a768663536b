//! Many villages in one transaction: a county's exchange files (`import F1 F2 …`), the
//! demo's villages, and one file alone (`import_document_at` is this with one document).
//! All of them or nothing: every file is checked (validation, ids used twice, ids of
//! another village's records — including a village imported earlier in the same run)
//! and a file with errors stops any writing, but the rest are still checked so every
//! error is reported at once. New households take the bulk path (`store::Bulk`).

use super::{check, ids, ImportSummary};
use crate::model::{new_id, Effective, VillageDocument};
use crate::store::{Bulk, CheckedHousehold, Ledger, WriteOptions, Writer};
use crate::validate::Finding;
use crate::{Error, Result};
use chrono::NaiveDate;
use std::collections::HashSet;

/// A document to import and the name of the file it came from (for errors and audit).
pub type Named = (VillageDocument, String);

/// Imports documents in one transaction, in the order given; `documents` may parse them
/// lazily (on another thread), a bad file as `Err(Error::Validation)`. With `name_files`
/// each error's path starts with its file's name.
pub fn import_many_at(
    ledger: &mut Ledger,
    documents: impl IntoIterator<Item = Result<Named>>,
    today: NaiveDate,
    effective: NaiveDate,
    name_files: bool,
) -> Result<Vec<ImportSummary>> {
    ledger.with_tx(|w| {
        let mut bulk = w.bulk()?;
        let mut errors: Vec<Finding> = Vec::new();
        let mut villages = HashSet::new();
        let mut out = Vec::new();
        for item in documents {
            let (doc, name) = match item {
                Ok(named) => named,
                Err(Error::Validation(list)) => {
                    errors.extend(list);
                    continue;
                }
                Err(e) => return Err(e),
            };
            let source = one_line(&name);
            let named = |list: Vec<Finding>| -> Vec<Finding> {
                if !name_files {
                    return list;
                }
                list.into_iter()
                    .map(|mut f| {
                        f.path = format!("{source}：{}", f.path);
                        f
                    })
                    .collect()
            };
            let (doc, checked, found) = checks(w, doc, today)?;
            let mut found = found;
            if !villages.insert(doc.village.code.clone()) {
                found.push(Finding {
                    severity: crate::validate::Severity::Error,
                    household: String::new(),
                    path: "village.code".into(),
                    rule: "village.repeated".into(),
                    message: format!(
                        "村代码{}在本次导入的另一个文件中已出现；一个村只能有一个文件",
                        doc.village.code
                    ),
                });
            }
            errors.extend(named(found));
            if !errors.is_empty() {
                continue; // checking the rest, writing nothing
            }
            out.push(write(
                w, &mut bulk, doc, checked, &source, today, effective,
            )?);
        }
        if !errors.is_empty() {
            return Err(Error::Validation(errors));
        }
        Ok(out)
    })
}

/// The file's name as written on audit rows: one line, bounded.
fn one_line(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .take(100)
        .collect()
}

/// Every error of one document; the households that pass, checked once.
fn checks(
    w: &Writer,
    mut doc: VillageDocument,
    today: NaiveDate,
) -> Result<(VillageDocument, Vec<CheckedHousehold>, Vec<Finding>)> {
    for h in &mut doc.households {
        h.assign_missing_ids();
    }
    let mut id_errors = ids::duplicates(&doc);
    id_errors.extend(ids::taken_elsewhere(
        |table, list| w.villages_of_records(table, list),
        &doc,
    )?);
    let households = std::mem::take(&mut doc.households);
    let (checked, mut errors) = check::households(&doc.format, households, &doc.cadres, today);
    errors.extend(id_errors);
    Ok((doc, checked, errors))
}

/// Writes one checked document: the village, its cadres, then its households.
fn write(
    w: &Writer,
    bulk: &mut Bulk,
    doc: VillageDocument,
    checked: Vec<CheckedHousehold>,
    source: &str,
    today: NaiveDate,
    effective: NaiveDate,
) -> Result<ImportSummary> {
    let reason = if effective == today {
        format!("导入文件 {source}")
    } else {
        format!("导入文件 {source}（所载情况自{effective}起）")
    };
    let opts = WriteOptions {
        effective: Effective::Change { from: effective },
        reason: Some(&reason),
        doc: None,
        today,
    };
    let village_id = w.save_village_at(&new_id(), &doc.village, &opts)?;
    for c in &doc.cadres {
        w.save_cadre_at(&village_id, c, &opts)?;
    }
    let mut summary = ImportSummary {
        village: doc.village.code.clone(),
        ..Default::default()
    };
    for (i, h) in checked.into_iter().enumerate() {
        let saved = bulk
            .save(&village_id, h, &doc.cadres, &opts, source)
            .map_err(|e| super::prefix_paths(e, i))?;
        match saved.change {
            crate::store::Change::Inserted => summary.inserted += 1,
            crate::store::Change::Updated => summary.updated += 1,
            crate::store::Change::Unchanged => summary.unchanged += 1,
        }
        summary.warnings += saved.warnings.len();
    }
    Ok(summary)
}
