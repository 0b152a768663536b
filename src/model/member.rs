//! 家庭成员: a member of a household, with insurance and benefits.

use crate::codes::{
    BenefitArea, DocumentKind, Education, EducationDetail, Health, Labor, OutOfSchoolReason,
    Relation, RelationDetail, Schooling, SchoolingDetail, Sex, Tekun, WorkPlace,
};
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
    /// 家庭成员联系电话 (exchange extension).
    #[serde(default, rename = "x_phone", skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// 证件类型; with a 残疾人证 the number is the ID plus 2 or 4 characters (extension).
    #[serde(
        default,
        rename = "x_document",
        skip_serializing_if = "Option::is_none"
    )]
    pub document: Option<DocumentKind>,
    /// 城镇职工基本医疗保险 (exchange extension).
    #[serde(
        default,
        rename = "x_employee_medical_insurance",
        skip_serializing_if = "Option::is_none"
    )]
    pub employee_medical_insurance: Option<bool>,
    /// 城镇职工基本养老保险 (exchange extension).
    #[serde(
        default,
        rename = "x_employee_pension_insurance",
        skip_serializing_if = "Option::is_none"
    )]
    pub employee_pension_insurance: Option<bool>,
    /// 接受医疗救助 (exchange extension).
    #[serde(
        default,
        rename = "x_medical_assistance",
        skip_serializing_if = "Option::is_none"
    )]
    pub medical_assistance: Option<bool>,
    /// 义务教育阶段未上学原因 (exchange extension).
    #[serde(
        default,
        rename = "x_out_of_school_reason",
        skip_serializing_if = "Option::is_none"
    )]
    pub out_of_school_reason: Option<OutOfSchoolReason>,
    /// 与户主关系 as the monitoring system writes it beyond the national list (之侄女 …),
    /// with `relation` 其他 (exchange extension; design note 0018).
    #[serde(
        default,
        rename = "x_relation_detail",
        skip_serializing_if = "Option::is_none"
    )]
    pub relation_detail: Option<RelationDetail>,
    /// 文化程度 as the monitoring system writes it where the national list is coarser
    /// (本科及以上, 技师 …), with `education` the value it belongs to (exchange extension).
    #[serde(
        default,
        rename = "x_education_detail",
        skip_serializing_if = "Option::is_none"
    )]
    pub education_detail: Option<EducationDetail>,
    /// 在校生状况 as the monitoring system writes it where the national list is coarser
    /// (硕士生及以上), with `schooling` the value it belongs to (exchange extension).
    #[serde(
        default,
        rename = "x_schooling_detail",
        skip_serializing_if = "Option::is_none"
    )]
    pub schooling_detail: Option<SchoolingDetail>,
    /// Whether the member's 低保 is the rural or the urban scheme (城市低保; exchange
    /// extension, design note 0018); not recorded is rural.
    #[serde(
        default,
        rename = "x_dibao_area",
        skip_serializing_if = "Option::is_none"
    )]
    pub dibao_area: Option<BenefitArea>,
    /// Whether the member's 特困供养 is the rural or the urban scheme (城市特困; exchange
    /// extension); not recorded is rural.
    #[serde(
        default,
        rename = "x_tekun_area",
        skip_serializing_if = "Option::is_none"
    )]
    pub tekun_area: Option<BenefitArea>,
    /// 务工月监测: spells of work with county, wage and channel (exchange extension;
    /// design note 0013). Not a dated fact: each spell carries its months.
    #[serde(
        default,
        rename = "x_work_spells",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub work_spells: Vec<super::WorkSpell>,
    /// 公益性岗位 held, with their months (exchange extension).
    #[serde(
        default,
        rename = "x_welfare_posts",
        skip_serializing_if = "Vec::is_empty"
    )]
    pub welfare_posts: Vec<super::WelfarePost>,
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
    /// 与户主关系 in words: the finer relation (之侄女) where the member has one.
    pub fn relation_label(&self) -> Option<&'static str> {
        match (self.relation, self.relation_detail) {
            (Some(Relation::Other), Some(d)) => Some(d.label()),
            (r, _) => r.map(Relation::label),
        }
    }

    /// 在校生状况 in words: the finer value (硕士生及以上) where the member has one.
    pub fn schooling_label(&self) -> Option<&'static str> {
        match (self.schooling, self.schooling_detail) {
            (Some(s), Some(d)) if d.schooling() == s => Some(d.label()),
            (s, _) => s.map(Schooling::label),
        }
    }

    /// 文化程度 in words: the finer value (本科及以上) where the member has one.
    pub fn education_label(&self) -> Option<&'static str> {
        match (self.education, self.education_detail) {
            (Some(e), Some(d)) if d.education() == e => Some(d.label()),
            (e, _) => e.map(Education::label),
        }
    }

    /// The parsed ID number, if it is a valid 18-character citizen ID (of a 残疾人证
    /// number, its first 18 characters).
    pub fn id(&self) -> Option<IdNumber> {
        self.citizen_id().and_then(|s| IdNumber::parse(s).ok())
    }

    /// The citizen ID part of the number: all of it, or the first 18 characters of a
    /// 20- or 22-character 残疾人证 number.
    pub fn citizen_id(&self) -> Option<&str> {
        let n = self.id_number.as_deref()?;
        match (self.document, n.len()) {
            (Some(DocumentKind::DisabilityCertificate), 20 | 22) if n.is_ascii() => Some(&n[..18]),
            _ => Some(n),
        }
    }

    /// The 等级 digit of a 残疾人证 number (its 20th character, 1–4), if it has one.
    pub fn certificate_grade(&self) -> Option<u8> {
        if self.document != Some(DocumentKind::DisabilityCertificate) {
            return None;
        }
        let n = self.id_number.as_deref()?.trim().as_bytes();
        if !matches!(n.len(), 20 | 22) {
            return None;
        }
        Some(n[19])
            .filter(|b| (b'1'..=b'4').contains(b))
            .map(|b| b - b'0')
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
