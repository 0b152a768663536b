//! The member table of the 防返贫监测信息采集表: the person fields the monitoring system
//! collects (ID, health, labour, schooling, work, resident or employee insurance, 低保 and
//! 特困, phone), one row per member registered on the paper's date; IDs masked on request.
//! Phones print as recorded, like the household phone on the other cards.

use super::sections::opt;
use super::table::{columns, Cell, Composer};
use super::CardContext;
use crate::codes::{Health, Tekun};
use crate::model::Member;
use chrono::NaiveDate;

/// The member table (section 二).
pub(crate) fn members(c: &mut Composer<'_>, ctx: &CardContext<'_>) {
    let on = ctx.reference_date();
    let list = ctx.household.members_on(on);
    let w = columns(
        c.width(),
        &[
            0.8, 0.6, 1.5, 0.75, 0.85, 1.0, 0.75, 0.85, 0.6, 0.6, 0.55, 0.9,
        ],
    );
    let titles = [
        "姓名",
        "与户主\n关系",
        "证件号码",
        "性别年龄",
        "健康状况",
        "劳动能力",
        "在校状况",
        "务工情况",
        "医疗保险",
        "养老保险",
        "低保\n特困",
        "联系电话",
    ];
    c.section("二、家庭成员", 80.0);
    c.titles(&titles, &w, 22.0);
    for m in &list {
        let cells = member_cells(ctx, m, on);
        c.centered(cells, &w, 20.0);
    }
    if list.is_empty() {
        c.row(w.iter().map(|w| Cell::blank(*w)).collect(), 20.0);
    }
    c.end_table();
}

/// Resident and employee schemes in one cell: `居民`, `职工`, `未参保`, or blank.
fn insurance(resident: Option<bool>, employee: Option<bool>) -> String {
    match (resident, employee) {
        (Some(true), Some(true)) => "居民、职工".to_string(),
        (Some(true), _) => "城乡居民".to_string(),
        (_, Some(true)) => "城镇职工".to_string(),
        (None, None) => String::new(),
        _ => "未参保".to_string(),
    }
}

fn member_cells(ctx: &CardContext<'_>, m: &Member, on: NaiveDate) -> Vec<String> {
    let id = m.id_number.as_deref().map(|id| ctx.id_shown(id));
    let id = match (id, m.document) {
        (Some(id), Some(d @ crate::codes::DocumentKind::DisabilityCertificate)) => {
            format!("{id}\n（{}）", d.label())
        }
        (id, _) => opt(id),
    };
    let mut health = match (m.health, m.disability_grade) {
        (Some(Health::Disabled), Some(g)) => format!("残疾（{g}级）"),
        (h, _) => opt(h),
    };
    if m.medical_assistance == Some(true) {
        health.push_str("\n医疗救助");
    }
    let sex_age = [
        opt(m.effective_sex()),
        m.age_on(on).map(|a| format!("{a}岁")).unwrap_or_default(),
    ]
    .into_iter()
    .filter(|t| !t.is_empty())
    .collect::<Vec<_>>()
    .join(" ");
    let mut school = opt(m.schooling_label());
    if let Some(r) = m.out_of_school_reason {
        school = format!("未上学（{}）", r.label());
    }
    let work = m
        .work
        .as_ref()
        .map(|w| {
            let months = w.months.map(|n| format!("\n{n}个月")).unwrap_or_default();
            format!("{}{months}", opt(w.place.map(|p| p.label())))
        })
        .unwrap_or_default();
    let mut benefits: Vec<&str> = Vec::new();
    match m.dibao {
        Some(true) => benefits.push("低保"),
        Some(false) if m.tekun.is_none_or(|t| t == Tekun::No) => benefits.push("否"),
        _ => {}
    }
    if let Some(t @ (Tekun::Dispersed | Tekun::Centralized)) = m.tekun {
        benefits.push(match t {
            Tekun::Centralized => "特困集中",
            _ => "特困分散",
        });
    }
    vec![
        m.name.clone(),
        opt(m.relation_label()),
        id,
        sex_age,
        health,
        opt(m.labor),
        school,
        work,
        insurance(m.medical_insurance, m.employee_medical_insurance),
        insurance(m.pension_insurance, m.employee_pension_insurance),
        benefits.join("\n"),
        opt(m.phone.as_ref()),
    ]
}
