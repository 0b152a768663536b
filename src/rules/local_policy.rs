//! The cadre's own settings ([`LocalPolicy`]), one run's [`Overrides`], and why a policy
//! cannot be resolved ([`PolicyError`]). The ledger keeps the undated settings (region,
//! province, county) as JSON and the dated values (`local_values.rs`) one row each, both
//! audited; resolution is in `policy.rs`.

use super::local_values::{value_on, LocalParameter, LocalValue};
use crate::codes::Region;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Why a policy cannot be resolved.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum PolicyError {
    #[error("内置政策参数文件{file}有误：{message}")]
    Asset { file: &'static str, message: String },
    #[error("没有{year}年可用的{}：请在“设置 → 本地政策参数”中设置", parameter_label(.parameter))]
    NoValue { parameter: &'static str, year: i32 },
    #[error("{}应为正数，实际为{value}：请在“设置 → 本地政策参数”中改正", parameter_label(.parameter))]
    NotPositive { parameter: &'static str, value: f64 },
    #[error("评估日期{as_of}早于评估年度{year}年")]
    AsOfBeforeYear { year: i32, as_of: NaiveDate },
}

/// A parameter as the cadre reads it (`provincial_standard` → 省定标准).
pub fn parameter_label(code: &str) -> &str {
    if let Some(p) = super::local_values::LocalParameter::from_code(code) {
        return p.label();
    }
    match code {
        "poverty_line" => "国家扶贫标准（统计监测）",
        "exit_line" => "脱贫退出验收标准",
        "monitoring_line" => "防返贫监测范围",
        "village_exit_threshold" => "贫困村退出的贫困发生率标准",
        "identification_income_lag" => "识别所用收入的年度",
        "tekun_elderly_age" | "tekun_minor_age" => "特困人员认定年龄",
        "tekun_max_disability_grade" => "特困人员认定残疾等级",
        "monitoring_min_months" | "monitoring_window_months" => "监测期限",
        "monitoring_publicity_days" | "monitoring_procedure_days" => "监测程序时限",
        "work_wage_floor" => "务工月收入下限",
        "road_distance_max_km"
        | "farmland_max_mu"
        | "forest_max_mu"
        | "grassland_max_mu"
        | "water_surface_max_mu"
        | "income_floor" => "数据核查限值",
        "welfare_post_min_age" | "welfare_post_max_age" | "welfare_post_max_kinds" => {
            "公益性岗位条件"
        }
        "monitoring_start_year" | "monitoring_sudden_hardship_year" => "防返贫监测起始年度",
        "year" => "评估年度",
        other => other,
    }
}

impl From<PolicyError> for crate::Error {
    fn from(e: PolicyError) -> Self {
        match e {
            PolicyError::Asset { .. } => crate::Error::Format(e.to_string()),
            _ => crate::Error::Policy(e.to_string()),
        }
    }
}

/// The cadre's own settings (县级低保标准, 省定监测范围 …). Every field is optional: an
/// empty field falls back to the shipped value.
///
/// Region, province and county are undated. The parameters that change with time are
/// `values`, each applying from its date on (see [`LocalPolicy::value_on`]); this is what the
/// ledger keeps. The single-valued fields (`dibao_line` …) are *undated* values for one run
/// (tests, a file assessed without a ledger): they apply to every year, so the ledger never
/// stores them, and a dated value in force wins over them.
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
    /// Dated values, in the order they were recorded.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub values: Vec<LocalValue>,
}

impl LocalPolicy {
    /// The dated value of `parameter` in force on `date` (latest `from` on or before it).
    pub fn value_on(&self, parameter: LocalParameter, date: NaiveDate) -> Option<&LocalValue> {
        value_on(&self.values, parameter, date)
    }

    /// Whether any undated value (one applying to every year) is set.
    pub fn has_undated_values(&self) -> bool {
        self.dibao_line.is_some()
            || self.monitoring_line.is_some()
            || self.provincial_standard.is_some()
            || self.serious_illness_insurance_required.is_some()
            || self.family_doctor_required.is_some()
            || self.pension_counts_as_income.is_some()
            || self.use_cost_ratios.is_some()
            || self.school_age_min.is_some()
            || self.school_age_max.is_some()
    }

    /// The undated settings with the values in force on `date` in the single-valued
    /// fields, for display (`policy show`). Do not resolve a policy from it: its values
    /// would apply to every year.
    pub fn in_force(&self, date: NaiveDate) -> LocalPolicy {
        let number = |p, undated: Option<f64>| match self.value_on(p, date) {
            Some(v) => match v.value {
                super::ParamValue::Number(n) => Some(n),
                super::ParamValue::Flag(_) => None,
            },
            None => undated,
        };
        let flag = |p, undated: Option<bool>| match self.value_on(p, date) {
            Some(v) => match v.value {
                super::ParamValue::Flag(b) => Some(b),
                super::ParamValue::Number(_) => None,
            },
            None => undated,
        };
        let age = |p, undated: Option<u8>| number(p, undated.map(f64::from)).map(|n| n as u8);
        use LocalParameter as P;
        LocalPolicy {
            region: self.region,
            province: self.province.clone(),
            county: self.county.clone(),
            dibao_line: number(P::DibaoLine, self.dibao_line),
            monitoring_line: number(P::MonitoringLine, self.monitoring_line),
            provincial_standard: number(P::ProvincialStandard, self.provincial_standard),
            serious_illness_insurance_required: flag(
                P::SeriousIllnessInsuranceRequired,
                self.serious_illness_insurance_required,
            ),
            family_doctor_required: flag(P::FamilyDoctorRequired, self.family_doctor_required),
            pension_counts_as_income: flag(P::PensionCountsAsIncome, self.pension_counts_as_income),
            use_cost_ratios: flag(P::UseCostRatios, self.use_cost_ratios),
            school_age_min: age(P::SchoolAgeMin, self.school_age_min),
            school_age_max: age(P::SchoolAgeMax, self.school_age_max),
            values: Vec::new(),
        }
    }
}

/// Overrides for one run (`--poverty-line`, `--monitoring-line`, `--dibao-line`).
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Overrides {
    pub poverty_line: Option<f64>,
    pub monitoring_line: Option<f64>,
    pub dibao_line: Option<f64>,
}
