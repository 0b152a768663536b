//! Dated local values: the cadre's 低保标准, 监测范围, 省定标准 and other local parameters,
//! each a list of values that apply from their date (`from`) on, never backwards, with the
//! document (文号) and reason they were set with.
//!
//! Pure: [`LocalPolicy::value_on`](super::LocalPolicy::value_on) picks the value in force
//! on a date; before the first value the shipped parameters apply. The ledger stores the
//! values (one row each, audited); the resolver cites the document and date.

use super::params::ParamValue;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A local parameter that varies with time (region, province and county do not).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum LocalParameter {
    DibaoLine,
    MonitoringLine,
    ProvincialStandard,
    SeriousIllnessInsuranceRequired,
    FamilyDoctorRequired,
    PensionCountsAsIncome,
    UseCostRatios,
    SchoolAgeMin,
    SchoolAgeMax,
}

impl LocalParameter {
    /// Every dated local parameter, lines first.
    pub const ALL: [LocalParameter; 9] = [
        LocalParameter::DibaoLine,
        LocalParameter::MonitoringLine,
        LocalParameter::ProvincialStandard,
        LocalParameter::SeriousIllnessInsuranceRequired,
        LocalParameter::FamilyDoctorRequired,
        LocalParameter::PensionCountsAsIncome,
        LocalParameter::UseCostRatios,
        LocalParameter::SchoolAgeMin,
        LocalParameter::SchoolAgeMax,
    ];

    /// The stored code, which is also the shipped parameter's name (`dibao_line`).
    pub fn code(self) -> &'static str {
        match self {
            LocalParameter::DibaoLine => "dibao_line",
            LocalParameter::MonitoringLine => "monitoring_line",
            LocalParameter::ProvincialStandard => "provincial_standard",
            LocalParameter::SeriousIllnessInsuranceRequired => "serious_illness_insurance_required",
            LocalParameter::FamilyDoctorRequired => "family_doctor_required",
            LocalParameter::PensionCountsAsIncome => "pension_counts_as_income",
            LocalParameter::UseCostRatios => "use_cost_ratios",
            LocalParameter::SchoolAgeMin => "school_age_min",
            LocalParameter::SchoolAgeMax => "school_age_max",
        }
    }

    pub fn from_code(code: &str) -> Option<LocalParameter> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }

    /// What the cadre reads, e.g. `低保标准`.
    pub fn label(self) -> &'static str {
        match self {
            LocalParameter::DibaoLine => "低保标准",
            LocalParameter::MonitoringLine => "监测范围",
            LocalParameter::ProvincialStandard => "省定标准",
            LocalParameter::SeriousIllnessInsuranceRequired => "须参加大病保险",
            LocalParameter::FamilyDoctorRequired => "须签约家庭医生",
            LocalParameter::PensionCountsAsIncome => "养老保险金计入收入",
            LocalParameter::UseCostRatios => "按固定比例核算生产成本",
            LocalParameter::SchoolAgeMin => "义务教育适龄下限",
            LocalParameter::SchoolAgeMax => "义务教育适龄上限",
        }
    }

    /// How a screen lists it: code, label, kind of value and unit.
    pub fn info(self) -> LocalParameterInfo {
        let (kind, unit) = if self.is_flag() {
            ("flag", "")
        } else if self.is_line() {
            ("line", "元/人·年")
        } else {
            ("age", "周岁")
        };
        LocalParameterInfo {
            code: self,
            label: self.label(),
            kind,
            unit,
        }
    }

    /// A yes/no parameter (the others are numbers).
    pub fn is_flag(self) -> bool {
        matches!(
            self,
            LocalParameter::SeriousIllnessInsuranceRequired
                | LocalParameter::FamilyDoctorRequired
                | LocalParameter::PensionCountsAsIncome
                | LocalParameter::UseCostRatios
        )
    }

    /// A line in yuan/person/year.
    pub fn is_line(self) -> bool {
        matches!(
            self,
            LocalParameter::DibaoLine
                | LocalParameter::MonitoringLine
                | LocalParameter::ProvincialStandard
        )
    }

    /// Checks a value for this parameter; the error is a Chinese sentence.
    pub fn check(self, value: ParamValue) -> Result<ParamValue, String> {
        let label = self.label();
        match (self.is_flag(), value) {
            (true, ParamValue::Flag(_)) => Ok(value),
            (true, ParamValue::Number(n)) => Err(format!("{label}应为“是”或“否”，填写的是{n}")),
            (false, ParamValue::Flag(b)) => Err(format!("{label}应为数字，填写的是{b}")),
            (false, ParamValue::Number(n)) if self.is_line() => {
                if n.is_finite() && n > 0.0 {
                    Ok(value)
                } else {
                    Err(format!("{label}应为正数（元/人·年），填写的是{n}"))
                }
            }
            (false, ParamValue::Number(n)) => {
                if n.fract() == 0.0 && (1.0..=30.0).contains(&n) {
                    Ok(value)
                } else {
                    Err(format!("{label}应为1到30之间的整数（周岁），填写的是{n}"))
                }
            }
        }
    }

    /// The value as the cadre reads it: `4800元`, `是`, `6周岁`.
    pub fn show(self, value: ParamValue) -> String {
        match value {
            ParamValue::Flag(b) => if b { "是" } else { "否" }.to_string(),
            ParamValue::Number(n) if self.is_line() => format!("{}元", super::wording::yuan(n)),
            ParamValue::Number(n) => format!("{}周岁", super::wording::yuan(n)),
        }
    }
}

/// One dated local value, as recorded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
#[serde(deny_unknown_fields)]
pub struct LocalValue {
    pub parameter: LocalParameter,
    #[cfg_attr(feature = "ts", ts(type = "number | boolean"))]
    pub value: ParamValue,
    /// The day the value applies from (it never applies before).
    pub from: NaiveDate,
    /// The document it was set by (文号), e.g. `全民发〔2023〕12号`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    #[serde(default)]
    pub reason: String,
    /// When it was entered (the audit timestamp); empty in test data.
    #[serde(default)]
    pub recorded_at: String,
    #[serde(default)]
    pub operator: String,
}

impl LocalValue {
    /// The citation of the value: `本地设置：全民发〔2023〕12号（2023-01-01起）`.
    pub fn source(&self) -> String {
        match self.doc.as_deref().map(str::trim).filter(|d| !d.is_empty()) {
            Some(doc) => format!("本地设置：{doc}（{}起）", self.from),
            None => format!("本地设置（{}起）", self.from),
        }
    }

    /// One line for lists and audit rows: `低保标准 4800元（2023-01-01起，全民发〔2023〕12号）`.
    pub fn describe(&self) -> String {
        let mut s = format!(
            "{} {}（{}起",
            self.parameter.label(),
            self.parameter.show(self.value),
            self.from
        );
        if let Some(doc) = &self.doc {
            s.push('，');
            s.push_str(doc);
        }
        s.push('）');
        s
    }
}

/// A new dated value as the cadre enters it (the ledger adds who, when and why).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
#[serde(deny_unknown_fields)]
pub struct LocalValueChange {
    pub parameter: LocalParameter,
    #[cfg_attr(feature = "ts", ts(type = "number | boolean"))]
    pub value: ParamValue,
    pub from: NaiveDate,
    #[serde(default)]
    pub doc: Option<String>,
}

/// The value in force on `date`: the latest `from` on or before it; of two values with the
/// same date the one recorded later (later in the list) wins, so a mistaken entry is
/// corrected by entering the value again with the same date.
pub(crate) fn value_on(
    values: &[LocalValue],
    parameter: LocalParameter,
    date: NaiveDate,
) -> Option<&LocalValue> {
    values
        .iter()
        .enumerate()
        .filter(|(_, v)| v.parameter == parameter && v.from <= date)
        .max_by_key(|(i, v)| (v.from, *i))
        .map(|(_, v)| v)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn value(n: f64, y: i32, doc: &str) -> LocalValue {
        LocalValue {
            parameter: LocalParameter::DibaoLine,
            value: ParamValue::Number(n),
            from: NaiveDate::from_ymd_opt(y, 1, 1).unwrap(),
            doc: Some(doc.to_string()),
            reason: String::new(),
            recorded_at: String::new(),
            operator: String::new(),
        }
    }

    #[test]
    fn a_value_applies_from_its_date_and_never_before() {
        let values = [value(4800.0, 2023, "甲"), value(4200.0, 2020, "乙")];
        let on = |y, m, d| {
            value_on(
                &values,
                LocalParameter::DibaoLine,
                NaiveDate::from_ymd_opt(y, m, d).unwrap(),
            )
            .map(|v| v.value)
        };
        assert_eq!(on(2019, 12, 31), None, "before the first value: none");
        assert_eq!(on(2022, 12, 31), Some(ParamValue::Number(4200.0)));
        assert_eq!(
            on(2023, 1, 1),
            Some(ParamValue::Number(4800.0)),
            "from its day"
        );
        let none = value_on(
            &values,
            LocalParameter::MonitoringLine,
            NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
        );
        assert!(none.is_none(), "other parameters are not affected");
    }

    #[test]
    fn a_later_entry_with_the_same_date_corrects_the_earlier_one() {
        let values = [value(4800.0, 2023, "错"), value(4900.0, 2023, "正")];
        let v = value_on(
            &values,
            LocalParameter::DibaoLine,
            NaiveDate::from_ymd_opt(2023, 6, 1).unwrap(),
        );
        assert_eq!(v.and_then(|v| v.doc.as_deref()), Some("正"));
    }

    #[test]
    fn values_are_checked_in_chinese() {
        let p = LocalParameter::DibaoLine;
        assert!(p
            .check(ParamValue::Number(-1.0))
            .unwrap_err()
            .contains("低保标准应为正数"));
        let age = LocalParameter::SchoolAgeMin;
        assert!(age
            .check(ParamValue::Number(6.5))
            .unwrap_err()
            .contains("整数"));
        let flag = LocalParameter::UseCostRatios;
        assert!(
            flag.check(ParamValue::Number(1.0)).is_err(),
            "a flag is yes/no"
        );
        for p in LocalParameter::ALL {
            assert_eq!(
                LocalParameter::from_code(p.code()),
                Some(p),
                "codes round-trip"
            );
        }
    }

    #[test]
    fn the_citation_names_document_and_date() {
        let v = value(4800.0, 2023, "全民发〔2023〕12号");
        assert_eq!(v.source(), "本地设置：全民发〔2023〕12号（2023-01-01起）");
        let bare = LocalValue { doc: None, ..v };
        assert_eq!(bare.source(), "本地设置（2023-01-01起）");
    }
}

/// A dated local parameter as the app lists it; generated into the UI
/// (`ui/src/bindings/localParameters.json`) so no label lives in TypeScript.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LocalParameterInfo {
    pub code: LocalParameter,
    pub label: &'static str,
    /// `line` (yuan/person/year), `flag` (yes/no) or `age` (years).
    pub kind: &'static str,
    pub unit: &'static str,
}

/// Every dated local parameter, in the order of the form.
pub fn local_parameters() -> Vec<LocalParameterInfo> {
    LocalParameter::ALL.iter().map(|p| p.info()).collect()
}
