//! 设置: the app's settings, the dated local policy values, the cadre roster and the
//! village's own facts (every change audited in the ledger).

use crate::app::error::AppResult;
use crate::app::state::today;
use crate::app::Context;
use crate::model::{Cadre, Effective};
use crate::rules::{LocalValue, LocalValueChange};
use crate::settings::{self, AppSettings};
use crate::store::NewCadre;
use crate::village_facts::{self, VillageFacts};
use chrono::NaiveDate;

/// The current settings.
pub fn settings_get(cx: &Context<'_>) -> AppResult<AppSettings> {
    cx.state.with(|ledger| Ok(settings::load(ledger)?))
}

/// Saves the settings; each change leaves an audit row with `reason`.
pub fn settings_save(
    cx: &Context<'_>,
    settings: AppSettings,
    reason: Option<String>,
) -> AppResult<AppSettings> {
    cx.state
        .with(|ledger| Ok(settings::save(ledger, &settings, reason.as_deref())?))
}

/// Every dated local value (低保标准, 监测范围 … with start date, 文号, reason, who).
pub fn local_values_list(cx: &Context<'_>) -> AppResult<Vec<LocalValue>> {
    cx.state.with(|ledger| Ok(ledger.local_values()?))
}

/// Adds dated local values (all or none), each applying from its date on, audited with
/// `reason`.
pub fn local_value_add(
    cx: &Context<'_>,
    changes: Vec<LocalValueChange>,
    reason: String,
) -> AppResult<Vec<LocalValue>> {
    cx.state
        .with(|ledger| Ok(ledger.add_local_values(&changes, &reason)?))
}

/// A village's cadre roster (those who left included, with their terms).
pub fn cadre_list(cx: &Context<'_>, village: String) -> AppResult<Vec<Cadre>> {
    cx.state.with(|ledger| Ok(ledger.village_cadres(&village)?))
}

/// Adds a cadre to a village's roster (帮扶干部花名册).
pub fn cadre_add(cx: &Context<'_>, village: String, cadre: NewCadre) -> AppResult<Cadre> {
    cx.state
        .with(|ledger| Ok(ledger.add_cadre(&village, &cadre, today())?))
}

/// Ends a cadre's term in the village (their pairings and visits stay).
pub fn cadre_end(
    cx: &Context<'_>,
    village: String,
    cadre: String,
    end: NaiveDate,
    reason: String,
) -> AppResult<Cadre> {
    cx.state
        .with(|ledger| Ok(ledger.end_cadre(&village, &cadre, end, &reason, today())?))
}

/// Saves the village's own facts (村名, 村民小组, 农村户籍人口) as of the edit's date.
pub fn village_save(
    cx: &Context<'_>,
    village: String,
    facts: VillageFacts,
    reason: Option<String>,
    effective: Option<Effective>,
    doc: Option<String>,
) -> AppResult<()> {
    cx.state.with(|ledger| {
        let edit = crate::dossier::Edit {
            effective,
            reason: reason.as_deref(),
            doc: doc.as_deref(),
        };
        Ok(village_facts::save_village_facts(
            ledger,
            &village,
            facts,
            edit,
            today(),
        )?)
    })
}
