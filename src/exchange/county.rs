//! Many villages in one transaction: a county's exchange files (`import F1 F2 …`), the
//! demo's villages, and one file alone (`import_document_at` is this with one document).
//! All of them or nothing: every file is checked (validation, ids used twice, ids of
//! another village's records — including a village imported earlier in the same run)
//! and a file with errors stops any writing, but the rest are still checked so every
//! error is reported at once. What needs no ledger is checked on a second thread while
//! the file before is written. New households take the bulk path (`store::Bulk`); into a
//! ledger without households the whole load is cheaper (`Ledger::with_load_tx`).

use super::{check, ids, ImportSummary};
use crate::model::{new_id, Effective, VillageDocument};
use crate::store::{Bulk, CheckedHousehold, Ledger, WriteOptions, Writer};
use crate::validate::Finding;
use crate::{Error, Result};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::HashSet;
use std::sync::mpsc;

/// Lowers the calling thread's priority: a thread that reads, checks or frees for the
/// writer gives way to it. The writer is the one thread a load waits for, and a laptop
/// has fewer cores than a load has busy threads. Lowered a little, not to the lowest: the
/// writer waits for these threads in turn, and at the lowest (nice 19, Windows' idle
/// class) any busy program on the laptop would starve them and stall the import. Here:
/// nice 9 on Linux (against it the writer gets nine parts in ten of a contended core, as
/// fast as nice 19 here), "below normal" on Windows. Best effort: where the system
/// refuses, the thread keeps its priority.
pub fn give_way() {
    use thread_priority::{ThreadPriority, ThreadPriorityValue};
    if let Ok(value) = ThreadPriorityValue::try_from(24u8) {
        let _ = thread_priority::set_current_thread_priority(ThreadPriority::Crossplatform(value));
    }
}

/// A document to import and the name of the file it came from (for errors and audit).
pub type Named = (VillageDocument, String);

/// Imports documents in one transaction, in the order given; `documents` may parse them
/// lazily (on another thread), a bad file as `Err(Error::Validation)`. With `name_files`
/// each error's path starts with its file's name. What needs no ledger (validation, ids
/// used twice; into a ledger without households also the merge of each household's
/// history) is done on a second thread, a file ahead of the one being written.
pub fn import_many_at(
    ledger: &mut Ledger,
    documents: impl IntoIterator<Item = Result<Named>>,
    today: NaiveDate,
    effective: NaiveDate,
    name_files: bool,
) -> Result<Vec<ImportSummary>> {
    // Into a ledger without households every household is new: worth merging ahead.
    let ahead = ledger.has_no_households()?;
    ledger.with_load_tx(|w| {
        std::thread::scope(|scope| {
            // At most two files in flight, as many as each channel holds: neither side
            // can wait on the other.
            let (to_check, checking) = mpsc::sync_channel::<Result<Named>>(2);
            let (to_write, prepared) = mpsc::sync_channel::<Result<Prepared>>(2);
            scope.spawn(move || {
                give_way();
                // Its own workers, giving way as well (the global pool's do not).
                let pool = rayon::ThreadPoolBuilder::new()
                    .start_handler(|_| give_way())
                    .build()
                    .ok();
                for item in checking {
                    let done = item.map(|(doc, name)| {
                        let work = || {
                            let mut p = prepare(doc, name, today);
                            if ahead {
                                p.merge_ahead(today, effective);
                            }
                            p
                        };
                        match &pool {
                            Some(pool) => pool.install(work),
                            None => work(),
                        }
                    });
                    if to_write.send(done).is_err() {
                        break; // the writer stopped on an error
                    }
                }
            });
            // The households written are freed on a thread of their own, off the writer's.
            let (to_free, freeing) = mpsc::channel::<Vec<crate::model::Household>>();
            scope.spawn(move || {
                give_way();
                freeing.into_iter().for_each(drop)
            });
            let mut documents = documents.into_iter().fuse();
            let mut in_flight = 0;
            let mut writing = Writing {
                bulk: w.bulk()?,
                errors: Vec::new(),
                villages: HashSet::new(),
                out: Vec::new(),
            };
            loop {
                while in_flight < 2 {
                    let Some(item) = documents.next() else { break };
                    if to_check.send(item).is_err() {
                        break;
                    }
                    in_flight += 1;
                }
                if in_flight == 0 {
                    break;
                }
                let Ok(item) = prepared.recv() else { break };
                in_flight -= 1;
                match item {
                    Ok(p) => {
                        writing.one(w, p, today, effective, name_files)?;
                        let spent = writing.bulk.take_spent();
                        if !spent.is_empty() {
                            // Should the thread be gone, the send hands them back to free here.
                            let _ = to_free.send(spent);
                        }
                    }
                    Err(Error::Validation(list)) => writing.errors.extend(list),
                    Err(e) => return Err(e),
                }
            }
            if !writing.errors.is_empty() {
                return Err(Error::Validation(writing.errors));
            }
            Ok(writing.out)
        })
    })
}

/// A document checked apart from the ledger: its households validated (those that pass
/// kept for the writer), the errors found so far, the ids to look up in the ledger.
struct Prepared {
    doc: VillageDocument,
    name: String,
    checked: Vec<CheckedHousehold>,
    errors: Vec<Finding>,
    lookups: ids::Lookups,
}

/// Everything of a document that needs no ledger; the households leave `doc`, checked.
fn prepare(mut doc: VillageDocument, name: String, today: NaiveDate) -> Prepared {
    for h in &mut doc.households {
        h.assign_missing_ids();
    }
    let duplicates = ids::duplicates(&doc);
    let lookups = ids::lookups(&doc);
    let households = std::mem::take(&mut doc.households);
    let whole = super::whole_document(&doc.village.code, &households, today);
    let (checked, mut errors) = check::households(&doc.format, households, &doc.cadres, today);
    errors.extend(whole);
    errors.extend(duplicates);
    Prepared {
        doc,
        name,
        checked,
        errors,
        lookups,
    }
}

impl Prepared {
    /// Merges each household's history as new to the ledger, under the options the
    /// writer will use (`CheckedHousehold::merge_ahead`).
    fn merge_ahead(&mut self, today: NaiveDate, effective: NaiveDate) {
        let reason = reason(&one_line(&self.name), today, effective);
        let opts = options(&reason, today, effective);
        self.checked
            .par_iter_mut()
            .for_each(|c| c.merge_ahead(&opts));
    }
}

/// The writer's side of an import: the errors of every file so far (once there is one,
/// nothing more is written but every file is still checked), the villages seen, the
/// summaries of the files written.
struct Writing<'w, 'a> {
    bulk: Bulk<'w, 'a>,
    errors: Vec<Finding>,
    villages: HashSet<String>,
    out: Vec<ImportSummary>,
}

impl Writing<'_, '_> {
    /// The ledger's checks of one prepared document, then its writing if all is well.
    fn one(
        &mut self,
        w: &Writer,
        p: Prepared,
        today: NaiveDate,
        effective: NaiveDate,
        name_files: bool,
    ) -> Result<()> {
        let Prepared {
            doc,
            name,
            checked,
            errors: mut found,
            lookups,
        } = p;
        let source = one_line(&name);
        found.extend(ids::taken_elsewhere(
            |table, list| w.villages_of_records(table, list),
            &lookups,
            ids::Arriving::File,
        )?);
        if !self.villages.insert(doc.village.code.clone()) {
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
        if name_files {
            for f in &mut found {
                f.path = format!("{source}：{}", f.path);
            }
        }
        self.errors.extend(found);
        if !self.errors.is_empty() {
            return Ok(()); // checking the rest, writing nothing
        }
        let summary = write(w, &mut self.bulk, doc, checked, &source, today, effective)?;
        self.out.push(summary);
        Ok(())
    }
}

/// The file's name as written on audit rows: one line, bounded.
pub(crate) fn one_line(name: &str) -> String {
    name.chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .take(100)
        .collect()
}

/// The reason on the audit rows and periods of an import.
fn reason(source: &str, today: NaiveDate, effective: NaiveDate) -> String {
    if effective == today {
        format!("导入文件 {source}")
    } else {
        format!("导入文件 {source}（所载情况自{effective}起）")
    }
}

/// How an import writes: its facts hold from `effective`.
fn options(reason: &str, today: NaiveDate, effective: NaiveDate) -> WriteOptions<'_> {
    WriteOptions {
        effective: Effective::Change { from: effective },
        reason: Some(reason),
        doc: None,
        today,
    }
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
    let reason = reason(source, today, effective);
    let opts = options(&reason, today, effective);
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
