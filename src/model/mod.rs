//! The domain model: a village document as in `exchange-v1` (village, cadres, households).
//!
//! These types are both the in-memory model and the exchange format: field names and
//! codes follow `shared/spec/exchange-v1.md` exactly, so import and export are plain serde.
//! Optional fields are `Option`: a missing key means "not recorded", never "no".
//! Storage keeps the same shapes in normalised tables (see `store`).

mod as_of;
pub(crate) mod earlier_ids;
mod facts_merge;
mod history;
mod household;
pub(crate) mod ids;
mod member;
mod place;
mod records;
mod timeline;
mod work;

pub use as_of::{
    households_on, into_households_on, ledger_years, LedgerYear, Registration, FIRST_YEAR,
};
pub use earlier_ids::rederive_deleted_id;
pub use facts_merge::{merge_cadre, merge_household, merge_village, starts_on, BadHistory};
pub use history::{periods_of, value_on};
pub use history::{Effective, FactKind, FactPeriod, Provenance};
pub use household::*;
pub use ids::{derived_id, new_id, ordered_id};
pub use member::*;
pub use place::{describe as describe_place, field_name, local_path, FieldPlace};
pub use records::*;
pub use timeline::{field_label, timeline, value_label, TimelineEntry, TIMELINE_KINDS};
pub use work::{list_from_json, list_json, Month, WelfarePost, WorkSpell};

use crate::codes::{Region, UnitLevel};
use serde::{Deserialize, Serialize};

/// The format tag of an exchange document.
pub const FORMAT_V1: &str = "yibentong.village/1";

/// One exchange document: a village with its cadres and households.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VillageDocument {
    pub format: String,
    pub village: Village,
    #[serde(default)]
    pub cadres: Vec<Cadre>,
    #[serde(default)]
    pub households: Vec<Household>,
}

/// 行政村.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Village {
    pub code: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub township: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
    /// Registered rural population: the denominator of 贫困发生率.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rural_population: Option<u32>,
    /// 村民小组, in order.
    #[serde(default)]
    pub groups: Vec<String>,
    /// The date the ledger first knew the village's facts (exchange extension).
    #[serde(
        default,
        rename = "x_recorded_from",
        skip_serializing_if = "Option::is_none"
    )]
    pub recorded_from: Option<chrono::NaiveDate>,
    /// Earlier values (rural population by year …; exchange extension).
    #[serde(default, rename = "x_history", skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<FactPeriod>,
}

/// 帮扶责任人 (a cadre of a 帮扶单位).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Cadre {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit_level: Option<UnitLevel>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    /// First day in the village's cadre roster (exchange extension).
    #[serde(default, rename = "x_start", skip_serializing_if = "Option::is_none")]
    pub start: Option<chrono::NaiveDate>,
    /// Last day, once the cadre has left (exchange extension).
    #[serde(default, rename = "x_end", skip_serializing_if = "Option::is_none")]
    pub end: Option<chrono::NaiveDate>,
    /// The date the ledger first knew the cadre's facts (exchange extension).
    #[serde(
        default,
        rename = "x_recorded_from",
        skip_serializing_if = "Option::is_none"
    )]
    pub recorded_from: Option<chrono::NaiveDate>,
    /// Earlier units and positions (exchange extension).
    #[serde(default, rename = "x_history", skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<FactPeriod>,
}
