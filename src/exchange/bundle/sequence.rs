//! Where a bundle stands in its sender's numbers, checked before anything is merged: the
//! same bundle again (已合并过), a number a full bundle replaced (无需合并, if it is the
//! very one), and a gap before it (refused, naming what is missing; a full bundle needs
//! nothing before it, and a bundle that names its village's previous one waits for that
//! one only).

use super::{Bundle, MergeSummary};
use crate::store::{gaps_text, Writer};
use crate::{Error, Result};

/// The sequence checks; `Some(summary)` when this very bundle was merged before, or a
/// later full bundle of its village made it unnecessary.
pub(super) fn check(w: &Writer, b: &Bundle, checksum: &str) -> Result<Option<MergeSummary>> {
    let done = |replaced_by| {
        MergeSummary {
            village: b.document.village.code.clone(),
            sequence: b.sequence,
            sender: b.sender.clone(),
            already_merged: true,
            replaced_by,
            ..Default::default()
        }
        .in_words()
    };
    if let Some(merged) = w.received_checksum(&b.sender, &b.receiver, b.sequence)? {
        if merged == checksum {
            return Ok(Some(done(None)));
        }
        return Err(Error::Invalid(format!(
            "第{}号数据包已合并过，但这份文件的内容与已合并的不同（校验码不同）；未合并任何数据。同一编号只能合并一次，请向发送方核实",
            b.sequence
        )));
    }
    if let Some(by) = w.replaced_by(&b.sender, &b.receiver, b.sequence)? {
        // The very bundle the full one replaced: of its village, written before it.
        let full = w.received_village_at(&b.sender, &b.receiver, by)?;
        if let Some((village, at)) = full
            .filter(|(v, at)| *v != b.document.village.code || b.created_at.as_str() > at.as_str())
        {
            return Err(Error::Invalid(format!(
                "第{}号数据包已由此前合并的第{by}号完整数据包（村{village}，生成于{}）代替，但这份文件是村{}的、生成于{}，不是被代替的那一份；未合并任何数据。请向发送方核实（发送方可能用了台账的旧副本）",
                b.sequence,
                at.replace('T', " ").chars().take(16).collect::<String>(),
                b.document.village.code,
                b.created_at.replace('T', " ").chars().take(16).collect::<String>()
            )));
        }
        return Ok(Some(done(Some(by))));
    }
    // A full bundle carries the whole village: nothing before it is needed (bundles of
    // other villages touch none of its records).
    if b.full {
        return Ok(None);
    }
    let missing = match b.previous {
        // The village's previous bundle only (the sender's numbers are shared by villages).
        Some(p) if p > 0 => {
            if w.has_number(&b.sender, &b.receiver, p)? {
                Vec::new()
            } else {
                vec![(p, p)]
            }
        }
        Some(_) => Vec::new(),
        None => w.missing_before(&b.sender, &b.receiver, b.sequence)?,
    };
    if !missing.is_empty() {
        return Err(Error::Invalid(format!(
            "数据包编号不连续：这是发给“{}”的第{}号，本台账还缺少{}{}数据包。请先合并缺少的数据包；若已丢失（如U盘遗失），请发送方为丢失的那一号所属的村重新生成完整数据包（数据包页勾选“完整数据包”，命令行 bundle --full），合并它即可补齐。未合并任何数据",
            b.receiver,
            b.sequence,
            if b.previous.is_some() { "本村的" } else { "" },
            gaps_text(&missing)
        )));
    }
    Ok(None)
}
