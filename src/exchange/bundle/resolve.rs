//! Settling a conflict: `mine` keeps the receiver's value (already in the record) and
//! records the decision; `theirs` writes the sender's value (with its periods) through
//! the ordinary save, audited like any change. Either way one transaction.

use super::three_way::{self, Seg};
use crate::model::{new_id, Cadre, Effective, Household, Village};
use crate::store::{Conflict, Keep, Ledger, WriteOptions, Writer};
use crate::{Error, Result};
use chrono::NaiveDate;
use serde_json::Value;

fn parse(text: Option<&str>) -> Result<Option<Value>> {
    text.map(|t| serde_json::from_str(t).map_err(|e| Error::Format(e.to_string())))
        .transpose()
}

fn value<T: serde::Serialize>(v: &T) -> Result<Value> {
    serde_json::to_value(v).map_err(|e| Error::Format(e.to_string()))
}

fn bad(e: serde_json::Error) -> Error {
    Error::Format(format!("冲突中的值无法写回记录：{e}"))
}

/// The record with the sender's value at the conflict's path (`None`: absent).
fn with_theirs(c: &Conflict, mine: Option<Value>) -> Result<Option<Value>> {
    let path: Vec<Seg> = serde_json::from_str(&c.path).map_err(bad)?;
    let theirs = parse(c.theirs.as_deref())?;
    if path.is_empty() {
        return Ok(theirs);
    }
    let Some(mut record) = mine else {
        return Err(Error::Invalid(format!(
            "冲突{}所在的记录已不在台账中，无法采用对方的值",
            c.id
        )));
    };
    three_way::set(&mut record, &path, theirs);
    if let Some(Value::Array(periods)) = parse(c.theirs_history.as_deref())? {
        three_way::set_periods(&mut record, &path, &periods);
    }
    Ok(Some(record))
}

fn write_theirs(w: &Writer, c: &Conflict, opts: &WriteOptions) -> Result<()> {
    let village = w
        .village_by_code(&c.village)?
        .ok_or_else(|| Error::NotFound(format!("村代码为{}的行政村", c.village)))?;
    match c.record_key.split_once(':') {
        Some(("household", id)) => {
            let mine = match w.household_if_live(id)? {
                Some(s) => Some(value(&s.household)?),
                None => None,
            };
            match with_theirs(c, mine)? {
                None => w.delete_household(id, opts.reason.unwrap_or("处理合并冲突")),
                Some(v) => {
                    let h: Household = serde_json::from_value(v).map_err(bad)?;
                    let cadres = w.cadres_of(&village.id)?;
                    w.save_household_at(&village.id, &h, &cadres, opts)
                        .map(|_| ())
                }
            }
        }
        Some(("cadre", id)) => {
            let cadres = w.cadres_of(&village.id)?;
            let mine = cadres.iter().find(|x| x.id == id).map(value).transpose()?;
            if let Some(v) = with_theirs(c, mine)? {
                let cadre: Cadre = serde_json::from_value(v).map_err(bad)?;
                w.save_cadre_at(&village.id, &cadre, opts)?;
            }
            Ok(())
        }
        _ => {
            if let Some(v) = with_theirs(c, Some(value(&village.village)?))? {
                let v: Village = serde_json::from_value(v).map_err(bad)?;
                w.save_village_at(&new_id(), &v, opts)?;
            }
            Ok(())
        }
    }
}

/// Settles conflict `id` keeping `keep`'s value, with an optional reason; returns it as
/// it was before settling.
pub fn resolve(
    ledger: &mut Ledger,
    id: i64,
    keep: Keep,
    reason: Option<&str>,
    today: NaiveDate,
) -> Result<Conflict> {
    crate::store::check_reason(reason)?;
    let why = match reason {
        Some(r) => format!("处理合并冲突{id}：{}（{r}）", keep.label()),
        None => format!("处理合并冲突{id}：{}", keep.label()),
    };
    let opts = WriteOptions {
        // The sender's values as they stand: its dated changes come with their periods;
        // a value that changed without one replaces ours as a correction (as it did there).
        effective: Effective::Correction { on: None },
        reason: Some(&why),
        doc: None,
        today,
    };
    ledger.with_tx(|w| {
        let c = w.open_conflict(id)?;
        if keep == Keep::Theirs {
            write_theirs(w, &c, &opts)?;
        }
        w.settle_conflict(&c, keep, reason)?;
        Ok(c)
    })
}
