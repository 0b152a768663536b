//! The cadre's own settings ([`LocalPolicy`]), one run's [`Overrides`], and why a policy
//! cannot be resolved ([`PolicyError`]). Storage keeps `LocalPolicy` as JSON with an audit
//! row; resolution is in `policy.rs`.

use crate::codes::Region;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Why a policy cannot be resolved.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PolicyError {
    #[error("内置政策参数文件{file}有误：{message}")]
    Asset { file: &'static str, message: String },
    #[error("没有{year}年可用的{parameter}：请在本地政策中设置")]
    NoValue { parameter: &'static str, year: i32 },
    #[error("{parameter}应为正数，实际为{value}")]
    NotPositive { parameter: &'static str, value: f64 },
    #[error("评估日期{as_of}早于评估年度{year}年")]
    AsOfBeforeYear { year: i32, as_of: NaiveDate },
}

impl From<PolicyError> for crate::Error {
    fn from(e: PolicyError) -> Self {
        match e {
            PolicyError::Asset { .. } => crate::Error::Format(e.to_string()),
            _ => crate::Error::Invalid(e.to_string()),
        }
    }
}

/// The cadre's own settings (县级低保标准, 省定监测范围 …). Every field is optional: an
/// empty field falls back to the shipped value. Stored as JSON in the ledger's settings.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
#[serde(default, deny_unknown_fields)]
pub struct LocalPolicy {
    /// East/central/west: picks the village-exit threshold when the village has none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
    /// Province name, e.g. `云南省`; selects shipped provincial values.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub province: Option<String>,
    /// County name, e.g. `元谋县`; selects shipped county values inside the province.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub county: Option<String>,
    /// County 低保 standard, yuan/person/year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub dibao_line: Option<f64>,
    /// Province's 防返贫监测范围, yuan/person/year.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub monitoring_line: Option<f64>,
    /// 省定标准 for households identified under the provincial (or municipal) standard.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub provincial_standard: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub serious_illness_insurance_required: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub family_doctor_required: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pension_counts_as_income: Option<bool>,
    /// Estimate production costs from fixed ratios instead of recorded expenses.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub use_cost_ratios: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub school_age_min: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub school_age_max: Option<u8>,
}

/// Overrides for one run (`--poverty-line`, `--monitoring-line`, `--dibao-line`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Overrides {
    pub poverty_line: Option<f64>,
    pub monitoring_line: Option<f64>,
    pub dibao_line: Option<f64>,
}
