//! Writing a bundle: the village's records changed since the last bundle for the same
//! receiver (all of them the first time), numbered, recorded and sealed in one
//! transaction; the file is written inside it, so a failed write leaves no number used.

use super::{file, Bundle, LastChange};
use crate::model::{VillageDocument, FORMAT_V1};
use crate::store::{Ledger, SentBundle};
use crate::{Error, Result};
use std::collections::BTreeMap;
use std::path::Path;

/// The receiver named when `--to` is not given.
pub const DEFAULT_RECEIVER: &str = "乡镇";

/// What writing a bundle did.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct BundleSummary {
    pub village: String,
    pub receiver: String,
    pub sequence: i64,
    pub full: bool,
    /// The village's earlier numbers for this receiver that this full bundle replaces.
    #[cfg_attr(feature = "ts", ts(type = "Array<number>"))]
    pub replaces: Vec<i64>,
    pub households: usize,
    pub tombstones: usize,
    pub checksum: String,
    /// What was written, in words: `发给“乡镇”的第2号（增量），3 户，删除记录 0 条，校验码 …`.
    pub said: String,
}

fn check_receiver(receiver: &str) -> Result<String> {
    let r = receiver.trim();
    if r.is_empty() || r.chars().any(char::is_control) || r.chars().count() > 50 {
        return Err(Error::Invalid(
            "接收方应为一行文字，1至50个字，例如“城关镇”（命令行用 --to 指定）".into(),
        ));
    }
    Ok(r.to_string())
}

fn json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string(v).map_err(|e| Error::Format(e.to_string()))
}

/// Refuses to write over another bundle of this ledger for the same receiver: were it not
/// yet delivered, the receiver could never merge what follows it (a gap is refused). The
/// same bundle written again, or a bundle of another sender, may be replaced.
fn keep_an_earlier_bundle(out: &Path, new: &Bundle, restored_from: Option<&str>) -> Result<()> {
    let Ok(existing) = std::fs::read(out) else {
        return Ok(());
    };
    let Ok((old, _)) = super::file::open(&existing) else {
        return Ok(());
    };
    // This ledger's bundles include those written before it was restored from a backup
    // (under its old id): perhaps the only copy of work the restore lost.
    let ours = old.sender == new.sender || Some(old.sender.as_str()) == restored_from;
    if !ours
        || old.receiver != new.receiver
        || (old.sequence == new.sequence && old.sender == new.sender)
    {
        return Ok(());
    }
    Err(Error::Invalid(format!(
        "文件“{}”是发给“{}”的第{}号数据包；写上第{}号会把它盖掉，若它还没送到，对方今后会因缺少第{}号而无法合并。请换一个文件名（例如加上“第{}号”）；若第{}号已送到并合并，可先删除该文件再保存。本次未生成数据包",
        out.display(),
        old.receiver,
        old.sequence,
        new.sequence,
        old.sequence,
        new.sequence,
        old.sequence
    )))
}

/// Which bundle to write: what changed since the last one for the receiver (everything
/// the first time), or the whole village again.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum BundleScope {
    #[default]
    Changes,
    /// Every household and every deletion of the village, standing in for all its
    /// earlier bundles for the receiver: what the cadre writes when one was lost on the
    /// way and the receiver answers 缺少第N号.
    Full,
}

/// The first of the earlier bundles (number, audit row reached, in order) written after
/// audit row `last`: it carried the record as it is now.
fn sent_in(marks: &[(i64, i64)], last: Option<i64>) -> Option<i64> {
    let last = last?;
    marks.iter().find(|(_, seq)| *seq >= last).map(|(n, _)| *n)
}

/// Writes the bundle of `village_code` for `receiver` to `out` (never over the ledger
/// `db` or a file that is not a bundle).
pub fn write_bundle(
    ledger: &mut Ledger,
    village_code: &str,
    receiver: &str,
    scope: BundleScope,
    out: &Path,
    db: Option<&Path>,
) -> Result<BundleSummary> {
    let receiver = check_receiver(receiver)?;
    ledger.village(village_code)?;
    let open = ledger.conflicts(Some(village_code), false)?;
    if !open.is_empty() {
        return Err(Error::Invalid(format!(
            "村{village_code}还有{}处合并冲突未处理；请先在“合并”页逐条处理（命令行：yibentong conflicts 查看、yibentong resolve 处理），再生成数据包（否则对方会收到未定的值）",
            open.len()
        )));
    }
    ledger.with_tx(|w| {
        let stored = w
            .village_by_code(village_code)?
            .ok_or_else(|| Error::NotFound(format!("村代码为{village_code}的行政村")))?;
        let sender = w.ledger_id()?;
        let sequence = w.next_sent_sequence(&sender, &receiver)?;
        let since = match scope {
            BundleScope::Changes => w.sent_watermark(&sender, &receiver, village_code)?,
            BundleScope::Full => None,
        };
        let earlier = w.sent_numbers(&sender, &receiver, village_code)?;
        let previous = match w.sent_other_villages(&sender, &receiver, village_code)? {
            true => Some(earlier.last().copied().unwrap_or(0)),
            false => None,
        };
        let replaces = match since {
            None => earlier,
            Some(_) => Vec::new(),
        };
        // A full bundle of a ledger restored from a backup says so: a receiver that has
        // merged nothing of the village from it since reviews every difference (its bases
        // are of what the old id sent, which may be newer than the backup).
        let restored_from = match since {
            None => w.setting(crate::store::Setting::RestoredFrom)?,
            Some(_) => None,
        };
        let marks = match since {
            None => w.sent_marks(&sender, &receiver, village_code)?,
            Some(_) => Vec::new(),
        };
        let village = stored.village.clone();
        let cadres = w.cadres_of(&stored.id)?;
        let mut households = Vec::new();
        let mut changed = BTreeMap::new();
        for id in w.households_changed_since(&stored.id, since)? {
            let Some(s) = w.household_if_live(&id)? else {
                continue;
            };
            let h = s.household;
            if let Some((at, operator)) = w.household_last_change(&id)? {
                let sent_in = match since {
                    None => sent_in(&marks, w.household_last_seq(&id)?),
                    Some(_) => None,
                };
                let last = LastChange {
                    at,
                    operator,
                    sent_in,
                };
                changed.insert(id, last);
            }
            households.push(h);
        }
        let tombstones = w.tombstones_since(&stored.id, since)?;
        let bundle = Bundle {
            sender,
            receiver: receiver.clone(),
            sequence,
            full: since.is_none(),
            replaces,
            previous,
            restored_from,
            seen: (w.merged_numbers(village_code)?.into_iter())
                .map(|(sender, receiver, sequence)| super::Seen {
                    sender,
                    receiver,
                    sequence,
                })
                .collect(),
            created_at: w.at().to_string(),
            operator: w.operator.to_string(),
            document: VillageDocument {
                format: FORMAT_V1.to_string(),
                village,
                cadres,
                households,
            },
            tombstones,
            changed,
        };
        let (bytes, checksum) = file::seal(&bundle)?;
        let doc = &bundle.document;
        w.record_sent(&SentBundle {
            sender: &bundle.sender,
            receiver: &receiver,
            sequence,
            village_code,
            full: bundle.full,
            households: doc.households.len(),
            tombstones: bundle.tombstones.len(),
            checksum: &checksum,
        })?;
        // What was sent is common ground once the receiver has merged it (the base of a
        // merge of its later bundles that say so).
        let sent = |key: &str, doc: String| {
            w.set_sent_base(village_code, key, &receiver, sequence, &doc)
        };
        sent("village", json(&doc.village)?)?;
        for c in &doc.cadres {
            sent(&format!("cadre:{}", c.id), json(c)?)?;
        }
        for h in &doc.households {
            sent(&format!("household:{}", h.id), json(h)?)?;
        }
        let restored = w.setting(crate::store::Setting::RestoredFrom)?;
        keep_an_earlier_bundle(out, &bundle, restored.as_deref())?;
        crate::output::write_bundle(out, &bytes, db)?;
        let (households, tombstones) = (doc.households.len(), bundle.tombstones.len());
        let replacing = match bundle.replaces.as_slice() {
            [] => String::new(),
            numbers => format!("，可代替此前的第{}号", crate::store::numbers_text(numbers)),
        };
        let said = format!(
            "发给“{receiver}”的第{sequence}号（{}{replacing}），{households} 户，删除记录 {tombstones} 条，校验码 {}",
            crate::store::bundle_kind(bundle.full),
            &checksum[..16.min(checksum.len())]
        );
        Ok(BundleSummary {
            village: village_code.to_string(),
            receiver: receiver.clone(),
            sequence,
            full: bundle.full,
            replaces: bundle.replaces.clone(),
            households,
            tombstones,
            checksum,
            said,
        })
    })
}
