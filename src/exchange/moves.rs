//! Moving a household to another village (`household move`): explicit, with a reason,
//! in one transaction and audited — the only way a household changes village.
//!
//! A household's pairings and visits name cadres, and cadres belong to a village: a cadre
//! of the old village named by the household is entered in the new village's roster as
//! well (same name, unit and term; an id derived from the cadre's and the village code, so
//! moving a second household reuses it), and the household's records point to that entry.

use crate::model::{derived_id, Effective};
use crate::store::{Ledger, WriteOptions};
use crate::{Error, Result};
use chrono::NaiveDate;

/// What a move did.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct MoveSummary {
    pub household: String,
    pub from: String,
    pub to: String,
    /// Cadres of the old village entered in the new village's roster.
    pub cadres_entered: Vec<String>,
}

/// Moves the household `household` (its id or 户编号) to the village `to_code`.
pub fn move_household(
    ledger: &mut Ledger,
    household: &str,
    to_code: &str,
    reason: &str,
    today: NaiveDate,
) -> Result<MoveSummary> {
    if reason.trim().is_empty() {
        return Err(Error::Invalid("迁移农户必须填写原因（--reason）".into()));
    }
    let stored = match ledger.household(household) {
        Ok(s) => s,
        Err(Error::NotFound(_)) => ledger.household_by_code(household)?,
        Err(e) => return Err(e),
    };
    let from = ledger.village_by_id(&stored.village_id)?;
    let to = ledger.village(to_code)?;
    if from.id == to.id {
        return Err(Error::Invalid(format!(
            "户{}已在{}（村代码{to_code}），无需迁移",
            stored.household.code, to.village.name
        )));
    }
    if ledger
        .household_list(Some(to_code))?
        .iter()
        .any(|x| x.code == stored.household.code)
    {
        return Err(Error::Invalid(format!(
            "{}（村代码{to_code}）已有户编号为{}的农户，不能迁入同编号的户；请先核对户编号",
            to.village.name, stored.household.code
        )));
    }
    let label =
        |v: &crate::store::StoredVillage| format!("{}（{}）", v.village.name, v.village.code);
    let why = format!("迁移农户：{reason}");
    let opts = WriteOptions {
        effective: Effective::Change { from: today },
        reason: Some(&why),
        doc: None,
        today,
    };
    ledger.with_tx(|w| {
        let old_cadres = w.cadres_of(&from.id)?;
        let mut h = stored.household.clone();
        let mut entered = Vec::new();
        let mut copy_of = |cadre: &str| -> Result<String> {
            let Some(c) = old_cadres.iter().find(|c| c.id == cadre) else {
                return Ok(cadre.to_string());
            };
            let id = derived_id(&[&c.id, &to.village.code]);
            if !w.cadres_of(&to.id)?.iter().any(|x| x.id == id) {
                let copy = crate::model::Cadre {
                    id: id.clone(),
                    history: Vec::new(),
                    ..c.clone()
                };
                w.save_cadre_at(&to.id, &copy, &opts)?;
                entered.push(c.name.clone());
            }
            Ok(id)
        };
        for p in &mut h.pairings {
            p.cadre = copy_of(&p.cadre)?;
        }
        for v in &mut h.visits {
            v.cadre = copy_of(&v.cadre)?;
        }
        w.move_household_row(&h.id, &to.id, &label(&from), &label(&to), reason)?;
        let cadres = w.cadres_of(&to.id)?;
        w.save_household_at(&to.id, &h, &cadres, &opts)?;
        Ok(MoveSummary {
            household: h.code.clone(),
            from: label(&from),
            to: label(&to),
            cadres_entered: entered,
        })
    })
}
