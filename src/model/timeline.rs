//! A household's timeline: status transitions, changes and corrections of its facts and
//! its members', member changes, pairings, visits, measures and monitoring, in date
//! order, each as a Chinese line. One source for `household history` and the app's tab.

use super::history::FactPeriod;
use super::{Cadre, FactKind, Household};
use crate::codes::*;
use chrono::NaiveDate;
use serde::Serialize;
use serde_json::Value;

/// One line of the timeline.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct TimelineEntry {
    /// `None` for values as first recorded (no date known).
    pub date: Option<NaiveDate>,
    /// `status`, `fact`, `correction`, `member`, `pairing`, `visit`, `measure`, `monitoring`.
    pub kind: String,
    pub text: String,
    pub reason: Option<String>,
    pub doc: Option<String>,
}

/// Every kind of timeline entry with its Chinese name (the app's filter chips), in order.
pub const TIMELINE_KINDS: [(&str, &str); 8] = [
    ("status", "状态"),
    ("fact", "情况变化"),
    ("correction", "更正"),
    ("member", "人口变动"),
    ("pairing", "结对"),
    ("visit", "走访"),
    ("measure", "措施"),
    ("monitoring", "监测"),
];

/// The Chinese name of a fact (`conditions.house_grade` → 危房等级).
pub fn field_label(path: &str) -> &str {
    match path {
        "recorded_from" => "台账记录起始日期",
        "group" => "村民小组",
        "address" => "住址",
        "phone" => "联系电话",
        "identified_year" => "识别年度",
        "standard" => "识别标准",
        "attribute" => "贫困户属性",
        "status" => "户状态",
        "exit_year" => "脱贫年度",
        "main_cause" => "主要致贫原因",
        "other_causes" => "其他致贫原因",
        "food_clothing_secure" => "不愁吃不愁穿",
        "conditions.farmland_mu" => "耕地面积",
        "conditions.irrigated_mu" => "有效灌溉面积",
        "conditions.forest_mu" => "林地面积",
        "conditions.grassland_mu" => "牧草地面积",
        "conditions.water_surface_mu" => "水面面积",
        "conditions.house_area_m2" => "住房面积",
        "conditions.house_grade" => "危房等级",
        "conditions.relocation" => "易地扶贫搬迁",
        "conditions.drinking_water_safe" => "饮水安全",
        "conditions.electricity" => "通生活用电",
        "conditions.sanitary_toilet" => "卫生厕所",
        "conditions.road_distance_km" => "与村主干路距离",
        "conditions.road_type" => "入户路类型",
        "conditions.fuel" => "主要燃料",
        "conditions.cooperative_member" => "加入农民专业合作社",
        "monitoring.kind" => "监测对象类别",
        "monitoring.risks" => "风险类型",
        "monitoring.channel" => "发现方式",
        "name" => "姓名",
        "id_number" => "证件号码",
        "relation" => "与户主关系",
        "sex" => "性别",
        "ethnicity" => "民族",
        "education" => "文化程度",
        "schooling" => "在校生状况",
        "schooling_exempt" => "送教上门或免于入学",
        "health" => "健康状况",
        "disability_grade" => "残疾等级",
        "labor" => "劳动能力",
        "work" => "务工状况",
        "medical_insurance" => "城乡居民基本医疗保险",
        "serious_illness_insurance" => "大病保险",
        "pension_insurance" => "城乡居民基本养老保险",
        "family_doctor" => "家庭医生签约",
        "dibao" => "享受低保",
        "tekun" => "特困供养",
        "has_legal_supporter" => "有法定赡养（抚养、扶养）人",
        "x_phone" => "联系电话",
        "x_document" => "证件类型",
        "x_employee_medical_insurance" => "城镇职工基本医疗保险",
        "x_employee_pension_insurance" => "城镇职工基本养老保险",
        "x_medical_assistance" => "接受医疗救助",
        "x_out_of_school_reason" => "未上学原因",
        "x_relation_detail" => "具体关系",
        "x_education_detail" => "具体文化程度",
        "x_schooling_detail" => "具体在校生状况",
        "x_dibao_area" => "低保类别",
        "x_tekun_area" => "特困供养类别",
        "x_work_spells" | "work_spells" => "务工记录",
        "x_welfare_posts" | "welfare_posts" => "公益性岗位",
        "x_no_labor_guarantee" | "no_labor_guarantee" => "整户无劳动能力兜底保障",
        "x_low_income" | "low_income" => "低收入人口类别",
        "document" => "证件类型",
        "employee_medical_insurance" => "城镇职工基本医疗保险",
        "employee_pension_insurance" => "城镇职工基本养老保险",
        "medical_assistance" => "接受医疗救助",
        "out_of_school_reason" => "未上学原因",
        "relation_detail" => "具体关系",
        "education_detail" => "具体文化程度",
        "schooling_detail" => "具体在校生状况",
        "dibao_area" => "低保类别",
        "tekun_area" => "特困供养类别",
        "rural_population" => "农村户籍人口",
        "township" => "乡（镇）",
        "county" => "县",
        "province" => "省",
        "region" => "地区",
        "unit" => "帮扶单位",
        "unit_level" => "单位层级",
        "position" => "职务",
        other => other,
    }
}

fn label_of<C: Copy>(
    v: &Value,
    from: fn(&str) -> Option<C>,
    label: fn(C) -> &'static str,
) -> Option<String> {
    v.as_str().and_then(from).map(|c| label(c).to_string())
}

/// A fact's value in Chinese (codes as their labels, yes/no, units).
pub fn value_label(path: &str, v: &Value) -> String {
    if v.is_null() {
        return "未填写".into();
    }
    let field = path.rsplit('.').next().unwrap_or(path);
    let coded = match field {
        "status" => label_of(v, Status::from_code, Status::label),
        "attribute" => label_of(v, Attribute::from_code, Attribute::label),
        "standard" => label_of(v, Standard::from_code, Standard::label),
        "main_cause" => label_of(v, Cause::from_code, Cause::label),
        "house_grade" => label_of(v, HouseGrade::from_code, HouseGrade::label),
        "road_type" => label_of(v, RoadType::from_code, RoadType::label),
        "fuel" => label_of(v, Fuel::from_code, Fuel::label),
        "kind" => label_of(v, MonitoringKind::from_code, MonitoringKind::label),
        "channel" => label_of(v, MonitoringChannel::from_code, MonitoringChannel::label),
        "relation" => label_of(v, Relation::from_code, Relation::label),
        "sex" => label_of(v, Sex::from_code, Sex::label),
        "education" => label_of(v, Education::from_code, Education::label),
        "schooling" => label_of(v, Schooling::from_code, Schooling::label),
        "health" => label_of(v, Health::from_code, Health::label),
        "labor" => label_of(v, Labor::from_code, Labor::label),
        "tekun" => label_of(v, Tekun::from_code, Tekun::label),
        "x_document" => label_of(v, DocumentKind::from_code, DocumentKind::label),
        "x_low_income" => label_of(v, LowIncomeKind::from_code, LowIncomeKind::label),
        "x_out_of_school_reason" => {
            label_of(v, OutOfSchoolReason::from_code, OutOfSchoolReason::label)
        }
        "x_relation_detail" => label_of(v, RelationDetail::from_code, RelationDetail::label),
        "x_education_detail" => label_of(v, EducationDetail::from_code, EducationDetail::label),
        "x_schooling_detail" => label_of(v, SchoolingDetail::from_code, SchoolingDetail::label),
        "x_dibao_area" | "x_tekun_area" => label_of(v, BenefitArea::from_code, BenefitArea::label),
        "region" => label_of(v, Region::from_code, Region::label),
        "unit_level" => label_of(v, UnitLevel::from_code, UnitLevel::label),
        "other_causes" => v.as_array().map(|a| {
            let list: Vec<String> = a
                .iter()
                .filter_map(|x| label_of(x, Cause::from_code, Cause::label))
                .collect();
            if list.is_empty() {
                "无".into()
            } else {
                list.join("、")
            }
        }),
        "risks" => v.as_array().map(|a| {
            let list: Vec<String> = a
                .iter()
                .filter_map(|x| label_of(x, Risk::from_code, Risk::label))
                .collect();
            if list.is_empty() {
                "无".into()
            } else {
                list.join("、")
            }
        }),
        "work" => Some(
            match v
                .get("place")
                .and_then(|p| p.as_str())
                .and_then(WorkPlace::from_code)
            {
                Some(p) => match v.get("months").and_then(|m| m.as_u64()) {
                    Some(m) => format!("{}，{m}个月", p.label()),
                    None => p.label().to_string(),
                },
                None => "未务工".into(),
            },
        ),
        "relocation" => Some(
            match v
                .get("mode")
                .and_then(|p| p.as_str())
                .and_then(RelocationMode::from_code)
            {
                Some(m) => m.label().to_string(),
                None => "搬迁户".into(),
            },
        ),
        _ => None,
    };
    if let Some(text) = coded {
        return text;
    }
    match v {
        Value::Bool(true) => "是".into(),
        Value::Bool(false) => "否".into(),
        Value::String(s) => s.clone(),
        Value::Number(n) => {
            let unit = match field {
                "house_area_m2" => "平方米",
                "road_distance_km" => "公里",
                f if f.ends_with("_mu") => "亩",
                "rural_population" => "人",
                "disability_grade" => "级",
                _ => "",
            };
            format!("{n}{unit}")
        }
        other => other.to_string(),
    }
}

/// The line of one period (the first, undated one is "登记").
fn fact_line(who: &str, p: &FactPeriod) -> Option<TimelineEntry> {
    let value = value_label(&p.field, &p.value);
    let label = field_label(&p.field);
    let (kind, text) = if p.field == "status" {
        ("status", format!("{who}户状态：{value}"))
    } else {
        match p.kind {
            FactKind::Recorded => ("fact", format!("{who}{label}登记为：{value}")),
            FactKind::Change => ("fact", format!("{who}{label}变为：{value}")),
            FactKind::Correction => ("correction", format!("{who}{label}更正为：{value}")),
        }
    };
    Some(TimelineEntry {
        date: p.from,
        kind: kind.into(),
        text,
        reason: p.reason.clone(),
        doc: p.doc.clone(),
    })
}

fn entry(date: NaiveDate, kind: &str, text: String) -> TimelineEntry {
    TimelineEntry {
        date: Some(date),
        kind: kind.into(),
        text,
        reason: None,
        doc: None,
    }
}

/// The household's timeline, oldest first (undated first records at the top).
pub fn timeline(h: &Household, cadres: &[Cadre]) -> Vec<TimelineEntry> {
    let mut out = Vec::new();
    if let Some(y) = h
        .identified_year
        .and_then(|y| NaiveDate::from_ymd_opt(y, 1, 1))
    {
        out.push(entry(
            y,
            "status",
            format!(
                "{}年识别为建档立卡贫困户",
                h.identified_year.unwrap_or_default()
            ),
        ));
    }
    if let Some(y) = h.exit_year.and_then(|y| NaiveDate::from_ymd_opt(y, 12, 31)) {
        out.push(entry(
            y,
            "status",
            format!("{}年脱贫（脱贫年度）", h.exit_year.unwrap_or_default()),
        ));
    }
    out.extend(h.history.iter().filter_map(|p| fact_line("", p)));
    let name_of = |id: &str| {
        h.members
            .iter()
            .find(|m| m.id == id)
            .map(|m| m.name.clone())
    };
    for m in &h.members {
        out.extend(
            m.history
                .iter()
                .filter_map(|p| fact_line(&format!("{}：", m.name), p)),
        );
    }
    for e in &h.events {
        let who = e.member.as_deref().and_then(name_of).unwrap_or_default();
        let note = e
            .note
            .as_deref()
            .map(|n| format!("（{n}）"))
            .unwrap_or_default();
        out.push(entry(
            e.date,
            "member",
            format!("人口变动：{who}{}{note}", e.kind.label()),
        ));
    }
    let cadre = |id: &str| {
        cadres
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    for p in &h.pairings {
        out.push(entry(
            p.start,
            "pairing",
            format!("结对帮扶开始：{}（{}）", cadre(&p.cadre), p.role.label()),
        ));
        if let Some(end) = p.end {
            out.push(entry(
                end,
                "pairing",
                format!("结对帮扶结束：{}", cadre(&p.cadre)),
            ));
        }
    }
    for v in &h.visits {
        out.push(entry(
            v.date,
            "visit",
            format!(
                "走访（{}，{}）：{}",
                cadre(&v.cadre),
                v.mode.label(),
                v.found
            ),
        ));
    }
    for m in &h.measures {
        out.push(entry(
            m.start,
            "measure",
            format!("帮扶措施（{}）：{}", m.class.label(), m.content),
        ));
    }
    if let Some(m) = &h.monitoring {
        out.push(entry(
            m.identified,
            "monitoring",
            format!("纳入防返贫监测：{}", m.kind.label()),
        ));
        if let Some(e) = m.eliminated {
            out.push(entry(e, "monitoring", "风险消除".into()));
        }
    }
    out.sort_by_key(|e| e.date);
    out
}
