//! 花名册: the village roster on A4 landscape, one line per household, with totals and the
//! poverty incidence (贫困发生率 = persons in 未脱贫 or 返贫 households ÷ rural population), as
//! the rules engine counts them.

use super::fonts::Fonts;
use super::layout::{Align, Layout, A4_LANDSCAPE};
use super::sections::{self as s, money, opt};
use super::stamp::{self, Stamp};
use super::table::{columns, Cell, Composer, TEXT};
use super::PrintedDocument;
use crate::codes::{Attribute, Cause, Status};
use crate::model::Village;
use chrono::NaiveDate;

/// One household on the roster, filled by the caller.
#[derive(Debug, Clone, PartialEq)]
pub struct RosterRow {
    pub code: String,
    pub head: String,
    pub group: Option<String>,
    /// Registered persons in the year.
    pub size: u32,
    pub attribute: Option<Attribute>,
    pub status: Option<Status>,
    pub main_cause: Option<Cause>,
    pub income_per_person: Option<f64>,
    /// The paired cadre(s), e.g. `张三（县农业局）`.
    pub cadres: String,
}

/// The roster's input.
#[derive(Debug, Clone)]
pub struct RosterContext<'a> {
    pub village: &'a Village,
    pub year: i32,
    /// A revision of the village's data (e.g. the ledger's change counter).
    pub revision: i64,
    pub printed_on: NaiveDate,
    /// Set when a past year's paper is printed (补打).
    pub reprint: Option<super::Reprint>,
    pub rows: Vec<RosterRow>,
    /// 未脱贫 and 返贫 persons, from the rules engine (`VillageAssessment::poor_persons`).
    pub poor_persons: u32,
    /// 贫困发生率 from the rules engine (`VillageAssessment::incidence`); `None` without a
    /// registered rural population.
    pub incidence: Option<f64>,
}

/// Prints the roster.
pub fn roster(ctx: &RosterContext<'_>) -> crate::Result<PrintedDocument> {
    compose(ctx, Fonts::shared()?).render()
}

/// Lays out the roster.
pub fn compose_roster(ctx: &RosterContext<'_>) -> crate::Result<Layout> {
    Ok(compose(ctx, Fonts::shared()?))
}

pub(crate) fn compose(ctx: &RosterContext<'_>, fonts: &Fonts) -> Layout {
    let title = format!("{}{}年 农户花名册", ctx.village.name, ctx.year);
    let mut c = Composer::new(fonts, A4_LANDSCAPE, format!("{title}（续）"));
    c.title(
        &title,
        &format!("{}　（单位：户、人、元）", s::place(ctx.village)),
    );
    let w = columns(
        c.width(),
        &[0.45, 1.15, 0.95, 0.85, 0.45, 1.15, 0.8, 1.15, 0.95, 2.1],
    );
    let titles = [
        "序号",
        "户编号",
        "户主",
        "村民小组",
        "人口",
        "贫困户属性",
        "户状态",
        "主要致贫原因",
        "人均纯收入",
        "帮扶责任人",
    ];
    c.titles(&titles, &w, 20.0);
    for (i, r) in ctx.rows.iter().enumerate() {
        let texts = [
            (i + 1).to_string(),
            r.code.clone(),
            r.head.clone(),
            opt(r.group.as_ref()),
            r.size.to_string(),
            s::attribute_text(r.attribute, r.status),
            opt(r.status),
            opt(r.main_cause),
        ];
        let mut cells: Vec<Cell> = texts
            .into_iter()
            .zip(&w)
            .map(|(t, w)| Cell::center(*w, t))
            .collect();
        cells.push(Cell::right(
            w[8],
            r.income_per_person.map(money).unwrap_or_default(),
        ));
        cells.push(Cell::value(w[9], r.cadres.clone()));
        c.row(cells, 18.0);
    }
    let households = ctx.rows.len();
    let persons: u32 = ctx.rows.iter().map(|r| r.size).sum();
    c.row(
        vec![
            Cell::label(w[0] + w[1], "合计"),
            Cell::center(w[2] + w[3], format!("{households} 户")).bold(),
            Cell::center(w[4], persons.to_string()).bold(),
            Cell::blank(w[5..].iter().sum()),
        ],
        18.0,
    );
    c.end_table();
    c.gap(6.0);
    for line in summary(ctx) {
        c.paragraph(&line, Align::Left, TEXT);
    }
    c.gap(10.0);
    c.paragraph("制表人：　　　　　　　　审核人：　　　　　　　　村委会（盖章）　　　　　　　　日期：　　　　年　　月　　日", Align::Left, TEXT);

    let stamp = Stamp {
        kind: "roster",
        identity: ctx.village.code.clone(),
        label: format!("花名册　村代码：{}", ctx.village.code),
        year: ctx.year,
        revision: ctx.revision,
        printed_on: ctx.printed_on,
        reprint: ctx.reprint.map(|r| r.mark(ctx.year)),
    };
    stamp::finish(title, c.finish(), &stamp)
}

/// Households and persons per status, and the incidence (to 2020).
pub(crate) fn summary(ctx: &RosterContext<'_>) -> Vec<String> {
    let mut parts = Vec::new();
    for st in Status::ALL {
        let rows: Vec<_> = ctx.rows.iter().filter(|r| r.status == Some(*st)).collect();
        if !rows.is_empty() {
            let p: u32 = rows.iter().map(|r| r.size).sum();
            parts.push(format!("{} {} 户 {} 人", st.label(), rows.len(), p));
        }
    }
    let poor = ctx.poor_persons;
    // 贫困发生率 measured the 建档立卡 years; after 2020 there are no poor households to
    // count and the roster prints none (monitoring is counted by status above).
    if ctx.year > crate::rules::LAST_INCIDENCE_YEAR {
        return vec![format!("其中：{}。", parts.join("；"))];
    }
    let incidence = match (ctx.village.rural_population, ctx.incidence) {
        (Some(pop), Some(rate)) => format!(
            "贫困发生率：未脱贫及返贫人口 {poor} 人 ÷ 农村户籍人口 {pop} 人 = {:.2}%",
            rate * 100.0
        ),
        _ => format!("贫困发生率：未脱贫及返贫人口 {poor} 人；农村户籍人口未登记，无法计算"),
    };
    vec![format!("其中：{}。", parts.join("；")), incidence]
}
