//! 家庭成员: a member of a household, with insurance and benefits.

use crate::codes::{Education, Health, Labor, Relation, Schooling, Sex, Tekun, WorkPlace};
use crate::idcard::IdNumber;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One member. Birth date and sex come from the ID number; a stated sex must agree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Member {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relation: Option<Relation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sex: Option<Sex>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ethnicity: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub education: Option<Education>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schooling: Option<Schooling>,
    /// 送教上门 or another recorded reason why a school-age child is not in school.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schooling_exempt: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub health: Option<Health>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub disability_grade: Option<u8>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub labor: Option<Labor>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub work: Option<Work>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub medical_insurance: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serious_illness_insurance: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pension_insurance: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub family_doctor: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dibao: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tekun: Option<Tekun>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub has_legal_supporter: Option<bool>,
    /// The date the ledger first knew this member's facts (exchange extension).
    #[serde(
        default,
        rename = "x_recorded_from",
        skip_serializing_if = "Option::is_none"
    )]
    pub recorded_from: Option<NaiveDate>,
    /// Earlier values of the member's facts (exchange extension; see `model::history`).
    #[serde(default, rename = "x_history", skip_serializing_if = "Vec::is_empty")]
    pub history: Vec<super::FactPeriod>,
}

impl Member {
    /// The parsed ID number, if it is a valid 18-character citizen ID.
    pub fn id(&self) -> Option<IdNumber> {
        self.id_number
            .as_deref()
            .and_then(|s| IdNumber::parse(s).ok())
    }

    /// Birth date from the ID number.
    pub fn birth_date(&self) -> Option<NaiveDate> {
        self.id().map(|id| id.birth_date())
    }

    /// Sex from the ID number, else the stated sex.
    pub fn effective_sex(&self) -> Option<Sex> {
        self.id().map(|id| id.sex()).or(self.sex)
    }

    /// Age in whole years on `date` (from the ID number).
    pub fn age_on(&self, date: NaiveDate) -> Option<i32> {
        self.birth_date().map(|b| crate::idcard::age_on(b, date))
    }
}

/// 务工状况 and 务工时间.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Work {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub place: Option<WorkPlace>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub months: Option<u8>,
}
