//! What the ledger holds at a glance (the app's start and 设置): its villages with their
//! household counts, counted in SQL rather than by loading every household.

use super::Ledger;
use crate::codes::Region;
use crate::Result;
use serde::Serialize;

/// The open ledger: where it is, who works on it, what it holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct LedgerInfo {
    pub path: String,
    pub operator: String,
    pub villages: Vec<VillageInfo>,
    /// Households in the whole ledger.
    pub households: usize,
    /// The day the app takes as today.
    pub today: chrono::NaiveDate,
    /// The years the ledger can be read in, newest first, each with the date it is read on.
    pub years: Vec<crate::model::LedgerYear>,
}

/// One village of the ledger.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VillageInfo {
    pub code: String,
    pub name: String,
    pub township: Option<String>,
    pub county: Option<String>,
    pub region: Option<Region>,
    /// Registered rural population (the denominator of 贫困发生率).
    pub rural_population: Option<u32>,
    /// 村民小组, in order.
    pub groups: Vec<String>,
    pub households: usize,
}

impl Ledger {
    /// The ledger's path, operator and villages with their household counts.
    pub fn info(&self, today: chrono::NaiveDate) -> Result<LedgerInfo> {
        let mut counts = self
            .conn
            .prepare_cached(
                "SELECT village_id, COUNT(*) FROM households WHERE deleted = 0 GROUP BY village_id",
            )?
            .query_map([], |r| Ok((r.get::<_, String>(0)?, r.get::<_, i64>(1)?)))?
            .collect::<rusqlite::Result<std::collections::HashMap<_, _>>>()?;
        let villages: Vec<VillageInfo> = self
            .villages()?
            .into_iter()
            .map(|v| VillageInfo {
                households: counts.remove(&v.id).unwrap_or(0) as usize,
                code: v.village.code,
                name: v.village.name,
                township: v.village.township,
                county: v.village.county,
                region: v.village.region,
                rural_population: v.village.rural_population,
                groups: v.village.groups,
            })
            .collect();
        Ok(LedgerInfo {
            path: self
                .path()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            operator: self.operator().to_string(),
            households: villages.iter().map(|v| v.households).sum(),
            villages,
            today,
            years: crate::model::ledger_years(today),
        })
    }

    /// The cadres of the village with this code.
    pub fn village_cadres(&self, village_code: &str) -> Result<Vec<crate::model::Cadre>> {
        let village = self.village(village_code)?;
        self.cadres(&village.id)
    }
}
