//! A county's workbook imported while it is read: each village's rows go to the import as
//! soon as the next village's begin, so that reading the sheet (most of a large
//! workbook's time) and writing the ledger overlap, and the rows of a village written are
//! freed. This holds for a sheet sorted by village (the monitoring system exports by
//! 县/乡/村) imported into a ledger without households (all it merges with is then read
//! before the write begins). Anything else stops it with nothing written — a village whose
//! rows come back after another's, a cell that cannot be read, any check that fails — and
//! the workbook is then read whole (`import_bytes_with`), which says what is wrong.

use super::read;
use super::sheet::{self, Head, Row, Sheet};
use super::villages::Split;
use super::work_sheet::Spells;
use crate::exchange::{ImportSummary, NewVillage};
use crate::model::VillageDocument;
use crate::store::Ledger;
use crate::Error;
use chrono::NaiveDate;
use std::collections::{HashMap, HashSet};
use std::sync::mpsc;

/// What the reading hands the import: a village's document; that the sheet has ended and
/// all is well; or that the workbook cannot be imported this way (the import then stops and
/// rolls back). A reading that ends without saying so (its thread panicked) is stopped too.
enum Handed {
    Village(Box<VillageDocument>),
    End,
    Stopped,
}

/// The reading stopped: the workbook is to be read whole.
#[derive(Debug)]
struct Stopped;

impl From<Error> for Stopped {
    fn from(_: Error) -> Stopped {
        Stopped
    }
}

/// Imports a workbook village by village as it is read, as `import_bytes_with` would;
/// `None` when it cannot (see above): nothing has been written.
/// `reported` follows how much of the file has been read as each village goes to the import
/// (the reading is at most two villages ahead of the writing).
pub(super) fn import(
    ledger: &mut Ledger,
    bytes: &[u8],
    source: &str,
    how: (NaiveDate, NaiveDate, NewVillage),
    reported: &mut super::Reported,
) -> Option<Vec<ImportSummary>> {
    let (today, effective, new_village) = how;
    if !ledger.has_no_households().ok()? {
        return None;
    }
    let known = ledger.villages().ok()?;
    let mut bases = HashMap::new();
    for v in &known {
        let code = &v.village.code;
        bases.insert(code.clone(), super::base(ledger, code).ok()?);
    }
    let spells = Spells::read(bytes).ok()?;
    // A village the ledger does not have stops the import unless confirmed (the whole
    // reading names them all).
    let ask = (new_village == NewVillage::AskFirst && !known.is_empty())
        .then(|| known.iter().map(|v| v.village.code.clone()).collect());
    let at = std::sync::atomic::AtomicU64::new(0);
    std::thread::scope(|scope| {
        let (send, receive) = mpsc::sync_channel::<Handed>(1);
        let at = &at;
        scope.spawn(move || {
            crate::exchange::give_way();
            let mut reading = Reading {
                bases,
                spells,
                ask,
                on: effective,
                send,
                split: None,
                current: None,
            };
            let said = match reading.read(bytes, at) {
                Ok(()) => Handed::End,
                Err(Stopped) => Handed::Stopped,
            };
            let _ = reading.send.send(said);
        });
        // The villages as handed on, then the end: `Err` for a stop, and for a reading
        // that ended without saying so.
        let mut ended = false;
        let mut handed = std::iter::from_fn(move || {
            if ended {
                return None;
            }
            match receive.recv() {
                Ok(Handed::Village(doc)) => Some(Ok(*doc)),
                Ok(Handed::End) => {
                    ended = true;
                    None
                }
                Ok(Handed::Stopped) | Err(_) => {
                    ended = true;
                    Some(Err(stopped()))
                }
            }
        });
        let first = handed.next()?.ok()?;
        // Whether the workbook has several villages (each then under its own name on the
        // audit rows) is known once a second is handed on or the sheet has ended.
        let second = handed.next().transpose().ok()?;
        let several = second.is_some();
        let documents = [Some(first), second]
            .into_iter()
            .flatten()
            .map(Ok)
            .chain(handed)
            .map(|doc| {
                let read = at.load(std::sync::atomic::Ordering::Relaxed);
                reported.at(1000 * read / bytes.len().max(1) as u64);
                doc.map(|doc| {
                    let name = super::audit_name(source, &doc.village, several);
                    (doc, name)
                })
            });
        crate::exchange::import_many_at(ledger, documents, today, effective, several).ok()
    })
}

/// The reading thread's side: what each village merges with, the 已外出务工 sheet's spells,
/// the villages the ledger knows (when a new one must be confirmed), the date the facts
/// hold on; the rows filed by village, and the village being read.
struct Reading {
    bases: HashMap<String, read::Base>,
    spells: Option<Spells>,
    ask: Option<HashSet<String>>,
    on: NaiveDate,
    send: mpsc::SyncSender<Handed>,
    split: Option<Split>,
    current: Option<usize>,
}

impl Reading {
    /// Reads the sheet, handing on each village as its rows end.
    fn read(
        &mut self,
        bytes: &[u8],
        at: &std::sync::atomic::AtomicU64,
    ) -> std::result::Result<(), Stopped> {
        let head = sheet::stream(bytes, at, |head, row| {
            self.row(head, row).map_err(|Stopped| stopped())
        })?;
        let (Some(split), Some(last)) = (&mut self.split, self.current) else {
            return Err(Stopped); // no rows: the whole reading says so
        };
        let rows = split.take(last);
        self.hand_on(&head, rows)?;
        match &self.spells {
            Some(s) if !s.all_given() => Err(Stopped),
            _ => Ok(()),
        }
    }

    /// Files a row; when it begins a village, the village before is handed on.
    fn row(&mut self, head: &Head, row: Row) -> std::result::Result<(), Stopped> {
        let split = self.split.get_or_insert_with(|| Split::new(head));
        let group = split.push(row);
        if !split.errors.is_empty() {
            return Err(Stopped);
        }
        match self.current {
            Some(c) if group == c => Ok(()),
            // A village's rows after another's: the sheet is not in village order.
            Some(c) if group < c => Err(Stopped),
            Some(c) => {
                let rows = split.take(c);
                self.current = Some(group);
                self.hand_on(head, rows)
            }
            None => {
                self.current = Some(group);
                Ok(())
            }
        }
    }

    /// One village's rows as its document, to the import.
    fn hand_on(&mut self, head: &Head, rows: Vec<Row>) -> std::result::Result<(), Stopped> {
        let sheet = Sheet {
            head: head.clone(),
            rows,
        };
        let (named, errors) = read::village(&sheet);
        let unknown = |code: &String| self.ask.as_ref().is_some_and(|k| !k.contains(code));
        if !errors.is_empty() || named.code.is_empty() || unknown(&named.code) {
            return Err(Stopped);
        }
        let base = self.bases.remove(&named.code).unwrap_or_default();
        let on = head.dated.unwrap_or(self.on);
        let (mut doc, _, cells) = read::document(&sheet, named, base, on);
        if !cells.is_empty() {
            return Err(Stopped);
        }
        if let Some(spells) = &mut self.spells {
            spells.give(&mut doc);
        }
        (self.send.send(Handed::Village(Box::new(doc)))).map_err(|_| Stopped)
    }
}

/// The error that stops the sheet's reading (never shown: the workbook is read again).
fn stopped() -> Error {
    Error::Invalid("工作簿未按村排列，改为整表读取".into())
}
