//! Merging a bundle in one transaction: the checksum and the file are checked first, then
//! its number (`sequence.rs`), then the village, its cadres and each household are merged
//! three ways against the last exchanged version; deleted households follow their
//! tombstones. Fields changed on both sides keep the receiver's value and become conflicts.

use super::three_way::{self, Clash};
use super::{file, label, sequence, Bundle};
use crate::exchange::{check_document, ids};
use crate::model::{new_id, Cadre, Effective, Household, Village};
use crate::store::{CheckedHousehold, Ledger, NewConflict, ReceivedBundle, WriteOptions, Writer};
use crate::{Error, Result};
use chrono::NaiveDate;
use serde_json::Value;
use std::collections::HashSet;

/// What merging a bundle did.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MergeSummary {
    pub village: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub sequence: i64,
    pub sender: String,
    /// The same bundle was merged before, or a later full bundle of the village replaced
    /// it: nothing changed (已合并过).
    pub already_merged: bool,
    /// The full bundle that replaced this one (it holds everything this one would bring).
    #[cfg_attr(feature = "ts", ts(type = "number | null"))]
    pub replaced_by: Option<i64>,
    /// The earlier numbers of the village, never merged here, that this full bundle
    /// replaces (they were lost on the way, or come later and are then not needed).
    #[cfg_attr(feature = "ts", ts(type = "Array<number>"))]
    pub replaces: Vec<i64>,
    /// The village was not in the ledger and was created from this (full) bundle.
    pub new_village: bool,
    pub added: usize,
    pub updated: usize,
    pub deleted: usize,
    pub unchanged: usize,
    pub conflicts: usize,
    /// The outcome in a word: 合并完成, 已合并过 or 无需合并.
    pub title: String,
    /// What the merge did, in words (村 …，第N号数据包：新增 …).
    pub said: String,
}

impl MergeSummary {
    /// Fills `title` and `said` from the rest.
    pub(super) fn in_words(mut self) -> MergeSummary {
        let (village, n) = (&self.village, self.sequence);
        let (title, said) = match (self.replaced_by, self.already_merged) {
            (Some(by), _) => (
                "无需合并",
                format!("村 {village} 的第{n}号数据包的内容已包含在此前合并的第{by}号完整数据包中，本次未作任何改动"),
            ),
            (None, true) => (
                "已合并过",
                format!("村 {village} 的第{n}号数据包此前已合并，本次未作任何改动"),
            ),
            (None, false) => (
                "合并完成",
                format!(
                    "村 {village}{}，第{n}号数据包{}：新增 {} 户，更新 {} 户，删除 {} 户，未变 {} 户，冲突 {} 处",
                    if self.new_village { "（新建）" } else { "" },
                    replacing(&self.replaces),
                    self.added,
                    self.updated,
                    self.deleted,
                    self.unchanged,
                    self.conflicts
                ),
            ),
        };
        self.title = title.to_string();
        self.said = said;
        self
    }
}

/// Why a household is listed as a whole when ours is the one that fails its checks (a check
/// of today's, say): deciding settles the conflict, correcting the household does not.
const OURS_UNSOUND: &str = "本台账的这户本身不合规（在户页更正后再决定保留哪一方）";

/// Why a household is listed as a whole: `what`, then the first error and where it is.
fn unsound(what: &str, h: &Household, errors: &[crate::validate::Finding]) -> Option<String> {
    let f = errors.first()?;
    let place = crate::model::describe_place(h, &f.path);
    Some(format!("{what}：{place}，{}", f.message))
}

/// `（完整，补齐未收到的第2、3号）` when a full bundle stood in for lost ones.
fn replacing(numbers: &[i64]) -> String {
    if numbers.is_empty() {
        return String::new();
    }
    format!(
        "（完整，补齐未收到的第{}号）",
        crate::store::numbers_text(numbers)
    )
}

fn to_value<T: serde::Serialize>(v: &T) -> Result<Value> {
    serde_json::to_value(v).map_err(|e| Error::Format(e.to_string()))
}

fn from_value<T: serde::de::DeserializeOwned>(v: Value, what: &str) -> Result<T> {
    serde_json::from_value(v).map_err(|e| Error::Format(format!("合并后的{what}无法读取：{e}")))
}

fn json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::Format(e.to_string()))
}

fn base(
    w: &Writer,
    village: &str,
    key: &str,
    sender: &[&str],
    seen: &[(String, i64)],
) -> Result<Option<Value>> {
    w.bundle_base(village, key, sender, seen)?
        .map(|text| serde_json::from_str(&text).map_err(|e| Error::Format(e.to_string())))
        .transpose()
}

/// One merge in progress: the bundle, the transaction and what it found.
struct Merge<'w, 'a> {
    w: &'w Writer<'a>,
    bundle: &'w Bundle,
    code: String,
    gone: HashSet<String>,
    /// The sender was restored from a backup and nothing of this village from it has been
    /// merged here since: its values are reviewed, not taken (`three_way::merge_reviewed`).
    reviewed: bool,
    /// This ledger's bundles the sender had merged (receiver name, newest number).
    seen: Vec<(String, i64)>,
    conflicts: usize,
}

/// One record merged, not yet settled: the merged record (`None`: absent), the base it
/// was merged against and where the two sides clash.
struct Merged {
    value: Option<Value>,
    base: Option<Value>,
    clashes: Vec<Clash>,
}

/// What the sender holds of a record once it merges this ledger's versions crossing its
/// bundle: the two merged, or its own (it keeps its household whole, as here).
#[derive(Clone, Copy, PartialEq)]
enum Crossed {
    Merged,
    Theirs,
}

impl Merge<'_, '_> {
    /// Merges one record three ways against its base; nothing written yet (`settle`).
    fn merge_one(&self, key: &str, mine: Option<&Value>, theirs: Option<&Value>) -> Result<Merged> {
        let sender: Vec<&str> = std::iter::once(self.bundle.sender.as_str())
            .chain(self.bundle.restored_from.as_deref())
            .collect();
        let base = base(self.w, &self.code, key, &sender, &self.seen)?;
        // A record deleted by the sender without a common base: theirs deleted mine.
        let b = match (&base, theirs) {
            (None, None) => mine.cloned(),
            _ => base.clone(),
        };
        // A sender restored from a backup may lack what it sent before: nothing of it that
        // differs from ours is taken, every difference is reviewed.
        let merge = match self.reviewed {
            true => three_way::merge_reviewed,
            false => three_way::merge,
        };
        let (value, clashes) = merge(b.as_ref(), mine, theirs, &self.gone);
        Ok(Merged {
            value,
            base,
            clashes,
        })
    }

    /// Lists a merged record's clashes as conflicts and keeps what the sender will hold of
    /// the versions this ledger sent that its bundle crossed.
    fn settle(
        &mut self,
        key: &str,
        merged: &Merged,
        (mine, theirs): (Option<&Value>, Option<&Value>),
        household: Option<(&str, &str)>,
    ) -> Result<()> {
        let mine_change = match household {
            Some((id, _)) if !merged.clashes.is_empty() => self.w.household_last_change(id)?,
            _ => None,
        };
        for c in &merged.clashes {
            self.conflict(key, c, (mine, theirs), household, &mine_change, None)?;
        }
        self.cross_sent(key, merged.base.as_ref(), theirs, Crossed::Merged)
    }

    /// Merges one record, lists its clashes as conflicts; returns the merged record.
    fn record(
        &mut self,
        key: &str,
        mine: Option<Value>,
        theirs: Option<Value>,
        household: Option<(&str, &str)>,
    ) -> Result<Option<Value>> {
        let merged = self.merge_one(key, mine.as_ref(), theirs.as_ref())?;
        self.settle(key, &merged, (mine.as_ref(), theirs.as_ref()), household)?;
        Ok(merged.value)
    }

    /// A conflict on the whole household: the receiver's version stays as it is and the
    /// sender's is kept beside it (`why`: what made the merged one unsound); the sender
    /// keeps its own too, so that is what it will hold of the versions sent it crossed.
    fn whole(
        &mut self,
        key: &str,
        merged: &Merged,
        (mine, theirs): (Option<&Value>, &Value),
        household: (&str, &str),
        why: Option<String>,
    ) -> Result<()> {
        let c = Clash {
            path: Vec::new(),
            mine: mine.cloned(),
            theirs: Some(theirs.clone()),
            theirs_history: None,
        };
        let mine_change = self.w.household_last_change(household.0)?;
        let records = (mine, Some(theirs));
        let why = why.as_deref();
        self.conflict(key, &c, records, Some(household), &mine_change, why)?;
        self.cross_sent(key, merged.base.as_ref(), Some(theirs), Crossed::Theirs)
    }

    /// Bundles crossing: versions of the record this ledger sent that the sender had not
    /// merged when it wrote theirs. When it merges them, it will hold both: so each becomes
    /// that version with theirs merged in (against the same base; where the two clash, the
    /// sender keeps its own, as a merge does), the common ground once the sender says it
    /// merged it — kept for that sender only. Else a list line the two crossing versions
    /// hold on different sides would look, in the sender's next bundle, as added or
    /// deleted again.
    fn cross_sent(
        &self,
        key: &str,
        b: Option<&Value>,
        theirs: Option<&Value>,
        how: Crossed,
    ) -> Result<()> {
        let (Some(b), Some(theirs), false) = (b, theirs, self.reviewed) else {
            return Ok(());
        };
        let sender = &self.bundle.sender;
        for mut sent in (self.w).outstanding_sent(&self.code, key, sender, &self.seen)? {
            let ours: Value =
                serde_json::from_str(&sent.document).map_err(|e| Error::Format(e.to_string()))?;
            let both = match how {
                Crossed::Theirs => Some(theirs.clone()),
                Crossed::Merged => {
                    three_way::merge(Some(b), Some(theirs), Some(&ours), &HashSet::new()).0
                }
            };
            if let Some(both) = both.filter(|v| *v != ours) {
                sent.document = json(&both)?;
                self.w.set_crossed_base(&self.code, key, sender, &sent)?;
            }
        }
        Ok(())
    }

    /// Lists clash `c` of record `key` (`records`: the record as mine and as theirs, to
    /// name the field; `why`: a note after the field's name).
    fn conflict(
        &mut self,
        key: &str,
        c: &Clash,
        (mine, theirs): (Option<&Value>, Option<&Value>),
        household: Option<(&str, &str)>,
        mine_change: &Option<(String, String)>,
        why: Option<&str>,
    ) -> Result<()> {
        let text = |v: &Option<Value>| v.as_ref().map(Value::to_string);
        let field = label::field(key, &c.path, mine, theirs);
        let theirs_change = household.and_then(|(id, _)| self.bundle.changed.get(id));
        self.w.add_conflict(&NewConflict {
            village: self.code.clone(),
            household_id: household.map(|(id, _)| id.to_string()),
            household: household.map(|(_, code)| code.to_string()),
            record_key: key.to_string(),
            path: serde_json::to_string(&c.path).map_err(|e| Error::Format(e.to_string()))?,
            field: match why {
                Some(why) => format!("{field}（{why}）"),
                None => field,
            },
            mine: text(&c.mine),
            theirs: text(&c.theirs),
            theirs_history: text(&c.theirs_history),
            mine_by: mine_change.as_ref().map(|m| m.1.clone()),
            mine_at: mine_change.as_ref().map(|m| m.0.clone()),
            theirs_by: theirs_change
                .map(|t| t.operator.clone())
                .unwrap_or_else(|| self.bundle.operator.clone()),
            theirs_at: theirs_change
                .map(|t| t.at.clone())
                .unwrap_or_else(|| self.bundle.created_at.clone()),
            sender: self.bundle.sender.clone(),
            sequence: self.bundle.sequence,
            summary: format!(
                "本方 {} / 对方 {}",
                label::value(&c.path, c.mine.as_ref()),
                label::value(&c.path, c.theirs.as_ref())
            ),
        })?;
        self.conflicts += 1;
        Ok(())
    }
}

/// Checks and merges a bundle file (`source` names it on audit rows) in one transaction.
pub fn merge_bundle(
    ledger: &mut Ledger,
    bytes: &[u8],
    source: &str,
    today: NaiveDate,
) -> Result<MergeSummary> {
    let (bundle, checksum) = file::open(bytes)?;
    let restored_from = ledger.setting(crate::store::Setting::RestoredFrom)?;
    let own_id = ledger.ledger_id()?;
    let seen: Vec<(String, i64)> = (bundle.seen.iter())
        .filter(|s| Some(&s.sender) == own_id.as_ref())
        .map(|s| (s.receiver.clone(), s.sequence))
        .collect();
    if own_id.as_deref() == Some(bundle.sender.as_str())
        || restored_from.as_deref() == Some(bundle.sender.as_str())
    {
        return Err(Error::Invalid(
            "这是本台账自己生成的数据包，不能合并回本台账".into(),
        ));
    }
    let mut doc = bundle.document.clone();
    // A bundle from an earlier build names its derived records by that build's ids.
    doc.rederive_earlier_ids();
    for h in &mut doc.households {
        h.assign_missing_ids();
    }
    let mut errors = check_document(&doc, today);
    errors.extend(ids::duplicates(&doc));
    errors.extend(ids::taken_elsewhere(
        |table, list| ledger.villages_of_records(table, list),
        &ids::lookups(&doc),
        ids::Arriving::Bundle,
    )?);
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let source: String = source
        .chars()
        .map(|c| if c.is_control() { '?' } else { c })
        .take(100)
        .collect();
    let reason = format!("合并数据包 {source}（第{}号）", bundle.sequence);
    let opts = WriteOptions {
        // The sender's values as they stand: its dated changes come with their periods;
        // a value that changed without one replaces ours as a correction (as it did there).
        effective: Effective::Correction { on: None },
        reason: Some(&reason),
        doc: None,
        today,
    };
    ledger.with_tx(|w| {
        if let Some(done) = sequence::check(w, &bundle, &checksum)? {
            return Ok(done);
        }
        let code = doc.village.code.clone();
        let stored = w.village_by_code(&code)?;
        if stored.is_none() && !bundle.full {
            return Err(Error::Invalid(format!(
                "台账中没有村{code}（{}），这个增量数据包无法合并；请先合并该村的第一个（完整）数据包",
                doc.village.name
            )));
        }
        let mut m = Merge {
            w,
            bundle: &bundle,
            code: code.clone(),
            gone: (bundle.tombstones.iter())
                .map(|t| crate::model::rederive_deleted_id(&t.table, &t.household, &t.id))
                .collect(),
            reviewed: bundle.restored_from.is_some()
                && !w.merged_from(&bundle.sender, &bundle.receiver, &code)?,
            seen: seen.clone(),
            conflicts: 0,
        };
        let mut summary = MergeSummary {
            village: code.clone(),
            sequence: bundle.sequence,
            sender: bundle.sender.clone(),
            new_village: stored.is_none(),
            ..Default::default()
        };

        // The village.
        let mine = stored
            .as_ref()
            .map(|s| to_value(&s.village))
            .transpose()?;
        let theirs = to_value(&doc.village)?;
        let merged = m.record("village", mine.clone(), Some(theirs.clone()), None)?;
        let village_id = match (&stored, merged) {
            (Some(s), Some(v)) if Some(&v) == mine.as_ref() => s.id.clone(),
            (_, merged) => {
                let v: Village = from_value(merged.unwrap_or(theirs), "村信息")?;
                w.save_village_at(&new_id(), &v, &opts)?
            }
        };

        // Its cadres.
        let cadres = w.cadres_of(&village_id)?;
        for c in &doc.cadres {
            let key = format!("cadre:{}", c.id);
            let mine = cadres.iter().find(|s| s.id == c.id).map(to_value).transpose()?;
            let merged = m.record(&key, mine.clone(), Some(to_value(c)?), None)?;
            if let Some(v) = merged.filter(|v| Some(v) != mine.as_ref()) {
                let cadre: Cadre = from_value(v, "帮扶责任人")?;
                w.save_cadre_at(&village_id, &cadre, &opts)?;
            }
        }
        let cadres = w.cadres_of(&village_id)?;

        // A full bundle after earlier ones of the village merged here: a household one of
        // them carried as the sender has it now is here already. Merged again it would undo
        // what this ledger changed since and sent back in a bundle the sender has not
        // merged yet (bundles crossing on the way).
        let mut settled = HashSet::new();
        if bundle.full && !m.reviewed {
            for (id, c) in &bundle.changed {
                let Some(n) = c.sent_in else { continue };
                if w.has_number(&bundle.sender, &bundle.receiver, n)? {
                    settled.insert(id.as_str());
                }
            }
        }
        // Its households, through the bulk path as an import's: one new to the ledger is
        // inserted whole (one audit row naming the bundle and what the household holds), one
        // the ledger has is saved field by field, each change audited.
        let mut bulk = w.bulk()?.for_merge();
        for (i, h) in doc.households.iter().enumerate() {
            if settled.contains(h.id.as_str()) {
                summary.unchanged += 1;
                continue;
            }
            let key = format!("household:{}", h.id);
            let at = (h.id.as_str(), h.code.as_str());
            let mine = w
                .household_if_live(&h.id)?
                .map(|s| to_value(&s.household))
                .transpose()?;
            let theirs = to_value(h)?;
            let merged = m.merge_one(&key, mine.as_ref(), Some(&theirs))?;
            let Some(mine) = mine else {
                // New here: the sender's household as it is (checked like an import's).
                m.settle(&key, &merged, (None, Some(&theirs)), Some(at))?;
                let Some(v) = merged.value else {
                    summary.unchanged += 1;
                    continue;
                };
                let checked = CheckedHousehold::check(from_value(v, "农户")?, &cadres, today)
                    .map_err(|e| crate::exchange::prefix_paths(Error::Validation(e), i))?;
                bulk.save(&village_id, checked, &cadres, &opts, &source)
                    .map_err(|e| crate::exchange::prefix_paths(e, i))?;
                bulk.take_spent();
                summary.added += 1;
                continue;
            };
            // A household under review as a whole (with this sender) stays so: the sender's
            // newer version takes the place of the one listed, ours stays until decided.
            let under_review = w.open_whole_conflict(&code, &h.id, &bundle.sender)?;
            let changed = merged.value.as_ref().filter(|v| **v != mine).cloned();
            let checked = match changed {
                None if !under_review => {
                    m.settle(&key, &merged, (Some(&mine), Some(&theirs)), Some(at))?;
                    summary.unchanged += 1;
                    continue;
                }
                None => None,
                Some(v) => Some(CheckedHousehold::check_or_back(from_value(v, "农户")?, &cadres, today)),
            };
            match checked {
                Some(Ok(checked)) if !under_review => {
                    m.settle(&key, &merged, (Some(&mine), Some(&theirs)), Some(at))?;
                    bulk.save(&village_id, checked, &cadres, &opts, &source)
                        .map_err(|e| crate::exchange::prefix_paths(e, i))?;
                    bulk.take_spent();
                    summary.updated += 1;
                }
                // Each side's version is sound, the two merged are not (the same person
                // added on both sides), or the household is under review: ours stays
                // whole, the choice is listed.
                other => {
                    let ours: Household = from_value(mine.clone(), "农户")?;
                    let why = match (CheckedHousehold::check(ours.clone(), &cadres, today), other) {
                        (Err(own), _) => unsound(OURS_UNSOUND, &ours, &own),
                        (Ok(_), Some(Err((together, errors)))) => {
                            unsound("两边的修改合在一起不合规", &together, &errors)
                        }
                        _ => Some("双方都改过这户，待决定保留哪一方".to_string()),
                    };
                    m.whole(&key, &merged, (Some(&mine), &theirs), at, why)?;
                    summary.unchanged += 1;
                }
            }
        }

        // Households the sender deleted.
        for t in bundle.tombstones.iter().filter(|t| t.table == "households") {
            let Some(s) = w.household_if_live(&t.id)? else {
                continue;
            };
            if s.village_id != village_id {
                continue;
            }
            let code = s.household.code.clone();
            let h = s.household;
            let merged = m.record(
                &format!("household:{}", t.id),
                Some(to_value(&h)?),
                None,
                Some((t.id.as_str(), code.as_str())),
            )?;
            if merged.is_none() {
                w.delete_household(&t.id, &format!("{reason}：发送方已删除该户"))?;
                summary.deleted += 1;
            }
        }

        // What was merged is the last exchanged version.
        // The newest of ours the sender had merged: a version we sent after it is newer
        // common ground than what is kept here (`bundle_base`).
        let had_seen = seen.iter().max_by_key(|s| s.1);
        let from = bundle.sender.as_str();
        w.set_bundle_base(&code, "village", from, &json(&doc.village)?, had_seen)?;
        for c in &doc.cadres {
            let key = format!("cadre:{}", c.id);
            w.set_bundle_base(&code, &key, from, &json(c)?, had_seen)?;
        }
        for h in doc.households.iter().filter(|h| !settled.contains(h.id.as_str())) {
            let key = format!("household:{}", h.id);
            w.set_bundle_base(&code, &key, from, &json(h)?, had_seen)?;
        }
        for (receiver, upto) in &seen {
            w.forget_sent_bases(&code, receiver, *upto)?;
        }
        summary.conflicts = m.conflicts;
        for &n in bundle.replaces.iter().filter(|&&n| (1..bundle.sequence).contains(&n)) {
            if !w.has_number(&bundle.sender, &bundle.receiver, n)? {
                summary.replaces.push(n);
            }
        }
        w.record_replaced(
            &bundle.sender,
            &bundle.receiver,
            &summary.replaces,
            bundle.sequence,
        )?;
        w.record_received(&ReceivedBundle {
            sender: &bundle.sender,
            receiver: &bundle.receiver,
            sequence: bundle.sequence,
            village_code: &code,
            checksum: &checksum,
            sent_at: &bundle.created_at,
            sent_by: &bundle.operator,
            added: summary.added,
            updated: summary.updated,
            deleted: summary.deleted,
            conflicts: summary.conflicts,
            replaces: &summary.replaces,
        })?;
        Ok(summary.in_words())
    })
}
