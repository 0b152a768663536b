//! The conflicts as the cadre reviews them: each stored conflict with both values in
//! words (codes as labels, a whole record by its name, a deleted one as （已删除）), so the
//! command line and the app show the same text and the app decides nothing.

use super::label;
use super::three_way::Seg;
use crate::store::{Conflict, Ledger};
use crate::Result;
use serde::Serialize;

/// A conflict with its two values in words.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ConflictView {
    #[serde(flatten)]
    pub conflict: Conflict,
    /// This ledger's value (kept in the record until settled).
    pub mine_text: String,
    /// The sender's value.
    pub theirs_text: String,
    /// The name of the household's head in this ledger, so the cadre knows the household
    /// without its code (none for a village's or cadre's field).
    pub head: Option<String>,
    /// The village's name in this ledger (a township's ledger lists the conflicts of all
    /// its villages together).
    pub village_name: Option<String>,
}

/// A stored value (JSON text; `None`: the record is absent) in words.
pub fn value_text(path: &str, value: Option<&str>) -> String {
    let path: Vec<Seg> = serde_json::from_str(path).unwrap_or_default();
    let value: Option<serde_json::Value> = value.and_then(|t| serde_json::from_str(t).ok());
    label::value(&path, value.as_ref())
}

/// The conflicts of one village (or all), open ones only unless `all`, oldest first.
pub fn conflicts(ledger: &Ledger, village: Option<&str>, all: bool) -> Result<Vec<ConflictView>> {
    let found = ledger.conflicts(village, all)?;
    if let (Some(code), true) = (village, found.is_empty()) {
        // A mistyped village code is said so, not answered with "no conflicts".
        ledger.village(code)?;
    }
    let names: std::collections::HashMap<String, String> = match found.is_empty() {
        true => Default::default(),
        false => (ledger.villages()?.into_iter())
            .map(|v| (v.village.code, v.village.name))
            .collect(),
    };
    found
        .into_iter()
        .map(|c| {
            let head = match &c.household_id {
                Some(id) => ledger.head_name(id)?,
                None => None,
            };
            Ok(ConflictView {
                mine_text: value_text(&c.path, c.mine.as_deref()),
                theirs_text: value_text(&c.path, c.theirs.as_deref()),
                head,
                village_name: names.get(&c.village).cloned(),
                conflict: c,
            })
        })
        .collect()
}
