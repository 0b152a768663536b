//! What the county's export needs filled for every registered household (脱贫户 and
//! 监测户) and its members: the household phone, the living conditions, and each member's
//! ID number, 民族, 健康状况, 劳动技能, insurance and 文化程度/在校生状况 (county checks
//! 2_01_001–2_01_008, 2_12_001–2_12_012, 2_15_001, 3_01_002, 3_02_004–3_02_013,
//! 4_01_003, 4_02_001, 5_14_015–5_14_021, 5_15_001, 5_15_002, 5_19_001–5_19_006).
//!
//! Only registered households (the export carries no ordinary household), only members
//! registered on the date, and only facts the ledger knew then.

use super::{judged, registered, Out};
use crate::model::{Conditions, Household, Member};
use chrono::NaiveDate;

pub(super) fn check(h: &Household, on: NaiveDate, out: &mut Out) {
    if !registered(h) {
        return;
    }
    if h.recorded_from.is_none_or(|k| k <= on) {
        phone(h, out);
        conditions(&h.conditions, out);
    }
    for (j, m) in judged(h, on) {
        member(j, m, out);
    }
}

/// 户联系电话: filled, and 11 digits (4_02_001).
fn phone(h: &Household, out: &mut Out) {
    match h.phone.as_deref().map(str::trim).filter(|p| !p.is_empty()) {
        None => out.push(
            "phone",
            "phone.missing",
            "未填写户联系电话：请填写户主或家庭成员的11位手机号码".into(),
        ),
        Some(p) if p.len() != 11 || !p.bytes().all(|b| b.is_ascii_digit()) => out.push(
            "phone",
            "phone.invalid",
            format!("户联系电话“{p}”不是11位手机号码：请改为户主或家庭成员的手机号码"),
        ),
        Some(_) => {}
    }
}

/// The living conditions the export requires (3_02_004 …, 5_14_015 …, 5_19_002 …).
fn conditions(c: &Conditions, out: &mut Out) {
    let area = "没有的请填0";
    let yes_no = "请选择“是”或“否”";
    let fields: [(&str, &str, bool, &str); 11] = [
        ("farmland_mu", "耕地面积", c.farmland_mu.is_some(), area),
        ("forest_mu", "林地面积", c.forest_mu.is_some(), area),
        ("grassland_mu", "牧草地面积", c.grassland_mu.is_some(), area),
        (
            "water_surface_mu",
            "水面面积",
            c.water_surface_mu.is_some(),
            area,
        ),
        (
            "house_area_m2",
            "住房面积",
            c.house_area_m2.is_some(),
            "请按实际填写",
        ),
        (
            "house_grade",
            "住房安全等级（是否危房）",
            c.house_grade.is_some(),
            "请按鉴定结果选择A、B、C、D级",
        ),
        (
            "road_type",
            "入户路类型",
            c.road_type.is_some(),
            "请选择泥土路、砂石路、水泥路、沥青路或无路",
        ),
        (
            "road_distance_km",
            "与村主干路距离",
            c.road_distance_km.is_some(),
            "请填写公里数，就在路边的填0",
        ),
        (
            "electricity",
            "是否通生活用电",
            c.electricity.is_some(),
            yes_no,
        ),
        (
            "drinking_water_safe",
            "饮水是否安全",
            c.drinking_water_safe.is_some(),
            yes_no,
        ),
        (
            "sanitary_toilet",
            "是否有卫生厕所",
            c.sanitary_toilet.is_some(),
            yes_no,
        ),
    ];
    for (field, label, filled, how) in fields {
        if !filled {
            out.push(
                &format!("conditions.{field}"),
                "conditions.missing",
                format!("未填写{label}（县级核查要求脱贫户、监测户必填）：{how}"),
            );
        }
    }
}

fn member(j: usize, m: &Member, out: &mut Out) {
    let at = |f: &str| format!("members[{j}].{f}");
    let name = &m.name;
    if m.id_number.as_deref().is_none_or(|s| s.trim().is_empty()) {
        out.push(
            &at("id_number"),
            "id_number.missing",
            format!("成员“{name}”没有身份证号：请按户口簿或身份证补录18位身份证号"),
        );
    }
    if m.ethnicity.as_deref().is_none_or(|s| s.trim().is_empty()) {
        out.push(
            &at("ethnicity"),
            "ethnicity.missing",
            format!("成员“{name}”未填写民族：请按户口簿填写"),
        );
    }
    if m.health.is_none() {
        out.push(
            &at("health"),
            "health.missing",
            format!("成员“{name}”未填写健康状况：请选择健康、长期慢性病、患有大病或残疾"),
        );
    }
    if m.labor.is_none() {
        out.push(
            &at("labor"),
            "labor.missing",
            format!("成员“{name}”未填写劳动能力：未满16周岁或在校生请选择无劳动力"),
        );
    }
    if m.education.is_none() && m.schooling.is_none() {
        out.push(
            &at("education"),
            "education.missing",
            format!("成员“{name}”的文化程度和在校生状况都未填写：请至少填写其一"),
        );
    }
    // An employee insured (城镇职工) need not answer the resident insurance (2_01_008,
    // 2_12_012, 5_19_001: one of the two).
    let either = |employee: Option<bool>, resident: Option<bool>| {
        if employee == Some(true) {
            employee
        } else {
            resident
        }
    };
    let insurances = [
        (
            "medical_insurance",
            "是否参加城乡居民基本医疗保险",
            either(m.employee_medical_insurance, m.medical_insurance),
        ),
        (
            "serious_illness_insurance",
            "是否参加大病保险",
            m.serious_illness_insurance,
        ),
        (
            "pension_insurance",
            "是否参加城乡居民基本养老保险",
            either(m.employee_pension_insurance, m.pension_insurance),
        ),
    ];
    for (field, label, value) in insurances {
        if value.is_none() {
            out.push(
                &at(field),
                "insurance.missing",
                format!("成员“{name}”未填写{label}：请选择“是”或“否”（未参加的填“否”）"),
            );
        }
    }
}
