//! The bulk path of imports (and of a township's merge): many households in one
//! transaction at county scale.
//!
//! A household the ledger has never seen is written whole through statements prepared
//! once (`bulk_rows.rs`), and leaves ONE audit row: the household, the source file, the
//! record counts (the operator and time are on every row). A household the ledger already
//! has goes through `save_household_at`, which audits every changed field, so re-importing
//! a file writes nothing, and a real change reads field by field. Validation comes first
//! and only once: the writer takes `CheckedHousehold`s, which only `check` makes. The
//! merge of a new household's history can be done ahead, off the writer's thread
//! (`merge_ahead`); the writer uses it only for the same options.

use super::bulk_rows::{Inserts, RowTexts, Stamp};
use super::save::{Saved, WriteOptions};
use super::write::{AuditRow, Change, Writer};
use crate::model::{self, Cadre, Effective, Household};
use crate::validate::{self, Finding, Severity};
use crate::{Error, Result};
use rusqlite::{params, OptionalExtension, Statement};

/// A household that passed validation (ids assigned), with its warnings.
#[derive(Debug, Clone)]
pub struct CheckedHousehold {
    household: Household,
    warnings: Vec<Finding>,
    /// Set once `household` has been merged as new to the ledger: the options it was
    /// merged under, and how the merge went (merged, the texts of its rows).
    ahead: Option<(MergeKey, std::result::Result<RowTexts, model::BadHistory>)>,
}

/// What a merge depends on besides the household.
#[derive(Debug, Clone, PartialEq)]
struct MergeKey {
    effective: Effective,
    reason: Option<String>,
    doc: Option<String>,
    today: chrono::NaiveDate,
}

impl MergeKey {
    fn of(opts: &WriteOptions) -> MergeKey {
        MergeKey {
            effective: opts.effective,
            reason: opts.reason.map(str::to_string),
            doc: opts.doc.map(str::to_string),
            today: opts.today,
        }
    }
}

impl CheckedHousehold {
    /// Assigns missing record ids and validates; every error comes back (paths within the
    /// household, e.g. `members[0].id_number`).
    pub fn check(
        household: Household,
        cadres: &[Cadre],
        today: chrono::NaiveDate,
    ) -> std::result::Result<CheckedHousehold, Vec<Finding>> {
        Self::check_or_back(household, cadres, today).map_err(|(_, errors)| errors)
    }

    /// As `check`, giving the household back with its errors (to say where they are).
    pub fn check_or_back(
        mut household: Household,
        cadres: &[Cadre],
        today: chrono::NaiveDate,
    ) -> std::result::Result<CheckedHousehold, (Box<Household>, Vec<Finding>)> {
        household.assign_missing_ids();
        let findings = validate::check_household(&household, cadres, today, "");
        let (errors, warnings): (Vec<Finding>, Vec<Finding>) = findings
            .into_iter()
            .partition(|f| f.severity == Severity::Error);
        if errors.is_empty() {
            Ok(CheckedHousehold {
                household,
                warnings,
                ahead: None,
            })
        } else {
            Err((Box::new(household), errors))
        }
    }

    /// The household (ids assigned).
    pub fn household(&self) -> &Household {
        &self.household
    }

    /// Merges the household as new to the ledger under `opts` (its history into
    /// periods), so that the bulk path, finding it new, need not: work for the thread
    /// that checks, while the writer writes. Only for a ledger without households (every
    /// household new): the writer refuses a merged household the ledger already has.
    pub fn merge_ahead(&mut self, opts: &WriteOptions) {
        let merged = model::merge_household(
            &mut self.household,
            None,
            opts.effective,
            &opts.provenance(),
            opts.today,
        );
        let merged = merged.map(|()| RowTexts::of(&self.household));
        self.ahead = Some((MergeKey::of(opts), merged));
    }
}

/// Writes the households of one import or merge inside a write transaction.
pub struct Bulk<'w, 'a> {
    w: &'w Writer<'a>,
    inserts: Inserts<'w>,
    exists: Statement<'w>,
    code_taken: Statement<'w>,
    /// Households written, to be freed off the writer's thread (`take_spent`).
    spent: Vec<Household>,
    arrival: Arrival,
    /// The action on a new household's audit row: `import`, or `merge` for a bundle.
    action: &'static str,
}

/// How many new households a load sees before it judges their order.
const ARRIVALS_JUDGED: usize = 64;

/// The order in which new households' ids arrive. When a quarter or more sort before the
/// one written just before them (random ids, as other tools write), the load's household
/// indexes are better built after it (`Writer::defer_household_indexes`).
#[derive(Default)]
struct Arrival {
    last: String,
    seen: usize,
    earlier: usize,
    told: bool,
}

impl Arrival {
    /// Notes the id of the next new household; true once, when they come in no order.
    fn in_no_order(&mut self, id: &str) -> bool {
        if self.seen > 0 && id < self.last.as_str() {
            self.earlier += 1;
        }
        self.seen += 1;
        self.last.clear();
        self.last.push_str(id);
        let told = !self.told && self.seen > ARRIVALS_JUDGED && self.earlier * 4 >= self.seen;
        self.told |= told;
        told
    }
}

impl<'a> Writer<'a> {
    /// The bulk path for this transaction (its statements prepared once).
    pub fn bulk(&self) -> Result<Bulk<'_, 'a>> {
        let conn = self.conn();
        Ok(Bulk {
            w: self,
            inserts: Inserts::prepare(
                conn,
                &Stamp {
                    at: self.at(),
                    operator: self.operator,
                },
            )?,
            exists: conn.prepare("SELECT deleted FROM households WHERE id = ?1")?,
            code_taken: conn.prepare(
                "SELECT 1 FROM households WHERE village_id = ?1 AND code = ?2 AND deleted = 0",
            )?,
            spent: Vec::new(),
            arrival: Arrival::default(),
            action: "import",
        })
    }
}

impl Bulk<'_, '_> {
    /// The bulk path of a township's merge: a new household's audit row says 合并.
    pub fn for_merge(mut self) -> Self {
        self.action = "merge";
        self
    }

    /// Saves one household of an import: new to the ledger, it is inserted whole with one
    /// audit row naming `source` (the file) and what it holds; known to the ledger (live
    /// or deleted), it is saved field by field as the app's forms save it.
    pub fn save(
        &mut self,
        village_id: &str,
        checked: CheckedHousehold,
        cadres: &[Cadre],
        opts: &WriteOptions,
        source: &str,
    ) -> Result<Saved> {
        let CheckedHousehold {
            household: mut h,
            warnings,
            ahead,
        } = checked;
        let known: Option<bool> = self.exists.query_row([&h.id], |r| r.get(0)).optional()?;
        if known.is_some() && ahead.is_some() {
            return Err(Error::Invalid(format!(
                "户编号{}：按新户预先合并的户已在账中，未写入（程序错误，请报告）",
                h.code
            )));
        }
        if known.is_some() {
            return self.w.save_household_at(village_id, &h, cadres, opts);
        }
        if self.arrival.in_no_order(&h.id) {
            self.w.defer_household_indexes()?;
        }
        super::check_reason(opts.reason)?;
        super::check_reason(opts.doc)?;
        if self.code_taken.exists(params![village_id, h.code])? {
            return Err(Error::Invalid(format!(
                "户编号{}已被本村另一户使用",
                h.code
            )));
        }
        let texts = match ahead {
            Some((key, merged)) if key == MergeKey::of(opts) => {
                Some(merged.map_err(|e| super::save::bad_history(e, &h.code))?)
            }
            Some(_) => {
                return Err(Error::Invalid(format!(
                    "户编号{}：预先合并所用的导入选项与写入时不同，未写入（程序错误，请报告）",
                    h.code
                )))
            }
            None => {
                model::merge_household(
                    &mut h,
                    None,
                    opts.effective,
                    &opts.provenance(),
                    opts.today,
                )
                .map_err(|e| super::save::bad_history(e, &h.code))?;
                None
            }
        };
        let stamp = Stamp {
            at: self.w.at(),
            operator: self.w.operator,
        };
        let counts = match self
            .inserts
            .household(village_id, &h, &stamp, texts.as_ref())
        {
            Ok(counts) => counts,
            Err(e) => return Err(self.w.explain_id_clash(e.into(), village_id, &h)),
        };
        self.inserts.findings(&h.id, &warnings)?;
        let source: String = source
            .chars()
            .map(|c| if c.is_control() { '?' } else { c })
            .take(100)
            .collect();
        self.w.audit(AuditRow {
            table: "households",
            record_id: &h.id,
            household_id: Some(&h.id),
            action: self.action,
            field: None,
            old: None,
            new: Some(format!(
                "户编号{}（来自{source}）：{}",
                h.code,
                counts.text()
            )),
            reason: opts.reason,
        })?;
        let household_id = h.id.clone();
        self.spent.push(h);
        Ok(Saved {
            household_id,
            revision: 1,
            change: Change::Inserted,
            warnings,
        })
    }

    /// The households written so far, for the caller to free where it costs the writer
    /// nothing (a county's households take a tenth of a second to free).
    pub fn take_spent(&mut self) -> Vec<Household> {
        std::mem::take(&mut self.spent)
    }
}

#[cfg(test)]
mod arrival_tests {
    use super::*;

    #[test]
    fn ids_in_order_never_defer_and_random_ones_defer_once() {
        let mut ordered = Arrival::default();
        assert!((0..1000).all(|i| !ordered.in_no_order(&format!("h-{i:05}"))));
        let mut random = Arrival::default();
        let told = (0..1000)
            .filter(|i| random.in_no_order(&crate::model::derived_id(&[&i.to_string()])))
            .count();
        assert_eq!(told, 1, "told once, when enough have come");
    }
}

#[cfg(test)]
#[path = "bulk_tests.rs"]
mod tests;
