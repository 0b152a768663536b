//! 人员花名册: one line per person of the households on the monitoring system's books
//! (脱贫户, 未脱贫户, 返贫户, 监测对象 and those whose risk was eliminated) as they stood on
//! the paper's date, A4 landscape, grouped by household, for the village to check against the
//! national system and sign. Facts are the members' as of that date; nothing is judged here.

use super::fonts::Fonts;
use super::layout::{Layout, A4_LANDSCAPE};
use super::sections::{self as s, opt};
use super::stamp::{self, Stamp};
use super::table::{columns, Cell, Composer};
use super::{PrintedDocument, Reprint};
use crate::codes::{BenefitArea, Health, Status, Tekun};
use crate::model::{Member, Village};
use chrono::NaiveDate;

/// One person on the roster, filled by the caller.
#[derive(Debug, Clone, PartialEq)]
pub struct PersonRow {
    pub household: String,
    pub group: Option<String>,
    pub status: Option<Status>,
    /// The member as of the paper's date.
    pub member: Member,
    pub age: Option<i32>,
}

/// The roster's input.
#[derive(Debug, Clone)]
pub struct PersonRosterContext<'a> {
    pub village: &'a Village,
    pub year: i32,
    pub revision: i64,
    pub printed_on: NaiveDate,
    pub reprint: Option<Reprint>,
    pub mask_ids: bool,
    /// Households in code order, each head first.
    pub rows: Vec<PersonRow>,
}

/// Prints the roster.
pub fn person_roster(ctx: &PersonRosterContext<'_>) -> crate::Result<PrintedDocument> {
    compose(ctx, Fonts::shared()?).render()
}

/// Lays out the roster without rendering it.
pub fn compose_person_roster(ctx: &PersonRosterContext<'_>) -> crate::Result<Layout> {
    Ok(compose(ctx, Fonts::shared()?))
}

const TITLES: [&str; 14] = [
    "序号",
    "户编号",
    "村民小组",
    "姓名",
    "与户主关系",
    "性别",
    "年龄",
    "身份证号码",
    "文化程度／在校情况",
    "健康状况",
    "劳动技能",
    "务工情况",
    "医保／低保／特困",
    "户类别",
];

fn compose(ctx: &PersonRosterContext<'_>, fonts: &Fonts) -> Layout {
    let title = format!("{}{}年 人员花名册", ctx.village.name, ctx.year);
    let mut c = Composer::new(fonts, A4_LANDSCAPE, format!("{title}（续）"));
    let households = {
        let mut codes: Vec<&str> = ctx.rows.iter().map(|r| r.household.as_str()).collect();
        codes.dedup();
        codes.len()
    };
    c.title(
        &title,
        &format!(
            "{}　共{}户{}人（脱贫户、监测对象等在系统中的农户）",
            s::place(ctx.village),
            households,
            ctx.rows.len()
        ),
    );
    let w = columns(
        c.width(),
        &[
            0.4, 1.35, 0.6, 0.75, 0.65, 0.4, 0.4, 1.45, 1.0, 0.8, 0.75, 0.9, 1.0, 0.75,
        ],
    );
    c.titles(&TITLES, &w, 20.0);
    for (i, r) in ctx.rows.iter().enumerate() {
        let texts = cells(ctx, i, r);
        let cells = texts
            .into_iter()
            .zip(&w)
            .map(|(t, w)| Cell::center(*w, t))
            .collect();
        c.row(cells, 16.0);
    }
    c.end_table();
    s::signatures(&mut c, &["制表人", "审核人", "村委会（盖章）"]);
    let stamp = Stamp {
        kind: "person_roster",
        identity: ctx.village.code.clone(),
        label: format!("人员花名册　{}", ctx.village.name),
        year: ctx.year,
        revision: ctx.revision,
        printed_on: ctx.printed_on,
        reprint: ctx.reprint.map(|r| r.mark(ctx.year)),
    };
    stamp::finish(title, c.finish(), &stamp)
}

fn cells(ctx: &PersonRosterContext<'_>, i: usize, r: &PersonRow) -> Vec<String> {
    let m = &r.member;
    let id = m
        .id_number
        .as_deref()
        .map(|id| {
            if ctx.mask_ids {
                crate::idcard::mask(id)
            } else {
                id.to_string()
            }
        })
        .unwrap_or_default();
    let study = match m.schooling {
        Some(sc) if sc != crate::codes::Schooling::NotStudent => opt(m.schooling_label()),
        _ => opt(m.education_label()),
    };
    let health = match (m.health, m.disability_grade) {
        (Some(Health::Disabled), Some(g)) => format!("残疾{g}级"),
        (h, _) => opt(h),
    };
    let work = m
        .work
        .as_ref()
        .and_then(|w| {
            w.place.map(|p| match w.months {
                Some(n) => format!("{}{n}个月", p.label()),
                None => p.label().to_string(),
            })
        })
        .unwrap_or_default();
    let yes = |v: Option<bool>, word: &str| match v {
        Some(true) => Some(word.to_string()),
        _ => None,
    };
    let mut support: Vec<String> = Vec::new();
    support.extend(yes(m.medical_insurance, "医保"));
    support.extend(yes(m.employee_medical_insurance, "职工医保"));
    let urban = |area| area == Some(BenefitArea::Urban);
    let dibao = if urban(m.dibao_area) {
        "城市低保"
    } else {
        "低保"
    };
    support.extend(yes(m.dibao, dibao));
    if let Some(t) = m.tekun.filter(|t| *t != Tekun::No) {
        support.push(if urban(m.tekun_area) {
            format!("城市特困（{}）", t.label())
        } else {
            t.label().to_string()
        });
    }
    vec![
        (i + 1).to_string(),
        r.household.clone(),
        opt(r.group.as_ref()),
        m.name.clone(),
        opt(m.relation_label()),
        opt(m.sex),
        r.age.map(|a| a.to_string()).unwrap_or_default(),
        id,
        study,
        health,
        opt(m.labor),
        work,
        support.join("、"),
        opt(r.status),
    ]
}
