//! 结对帮扶工作台账: one cadre's year with the households paired to them, as the county
//! asks it kept ("六清": 户情, 致贫原因, 帮扶计划, 帮扶措施, 工作动态, 帮扶成效): each
//! household with its facts, causes or risks, the year's measures and their results, the
//! engine's income per person and the visits; then every visit of the year in order. A4
//! landscape, signed by the cadre, the work team's leader and the village committee.

use super::fonts::Fonts;
use super::layout::{Layout, A4_LANDSCAPE};
use super::sections::{self as s, opt};
use super::stamp::{self, Stamp};
use super::table::{columns, Cell, Composer};
use super::{PrintedDocument, Reprint};
use crate::codes::{Status, VisitMode};
use crate::model::{Cadre, Village};
use chrono::NaiveDate;

/// A household paired with the cadre during the year, filled by the caller.
#[derive(Debug, Clone, PartialEq)]
pub struct PairedHousehold {
    pub code: String,
    pub head: String,
    pub persons: usize,
    pub status: Option<Status>,
    /// 帮扶责任人 / 帮扶联系人 / 第二帮扶人.
    pub role: String,
    pub since: NaiveDate,
    pub until: Option<NaiveDate>,
    /// 致贫原因 and, for a monitored household, its risks.
    pub causes: String,
    /// The year's measures, each `类别：内容（成效）`.
    pub measures: Vec<String>,
    /// 人均纯收入 of the year, from the rules engine.
    pub per_capita: Option<f64>,
    pub visits: usize,
}

/// A visit of the year by the cadre.
#[derive(Debug, Clone, PartialEq)]
pub struct BookVisit {
    pub date: NaiveDate,
    pub household: String,
    pub head: String,
    pub mode: VisitMode,
    pub found: String,
    pub done: String,
}

/// The book's input.
#[derive(Debug, Clone)]
pub struct PairingBookContext<'a> {
    pub village: &'a Village,
    pub cadre: &'a Cadre,
    pub year: i32,
    pub revision: i64,
    pub printed_on: NaiveDate,
    pub reprint: Option<Reprint>,
    pub households: Vec<PairedHousehold>,
    pub visits: Vec<BookVisit>,
}

/// Prints the book.
pub fn pairing_book(ctx: &PairingBookContext<'_>) -> crate::Result<PrintedDocument> {
    compose(ctx, Fonts::shared()?).render()
}

/// Lays out the book without rendering it.
pub fn compose_pairing_book(ctx: &PairingBookContext<'_>) -> crate::Result<Layout> {
    Ok(compose(ctx, Fonts::shared()?))
}

fn compose(ctx: &PairingBookContext<'_>, fonts: &Fonts) -> Layout {
    let cadre = ctx.cadre;
    let title = format!("{}年 结对帮扶工作台账", ctx.year);
    let cont = format!("{title}（续）　帮扶干部：{}", cadre.name);
    let mut c = Composer::new(fonts, A4_LANDSCAPE, cont);
    c.title(&title, &s::place(ctx.village));
    let w = columns(c.width(), &[0.9, 1.5, 0.9, 1.5, 0.9, 1.2, 0.9, 1.3]);
    let pairs = [
        ("帮扶干部", cadre.name.clone()),
        ("工作单位", opt(cadre.unit.as_ref())),
        ("职务", opt(cadre.position.as_ref())),
        ("联系电话", opt(cadre.phone.as_ref())),
    ];
    let mut cells = Vec::new();
    for (i, (label, value)) in pairs.into_iter().enumerate() {
        cells.push(Cell::label(w[2 * i], label));
        cells.push(Cell::center(w[2 * i + 1], value));
    }
    c.row(cells, 18.0);
    households(&mut c, ctx);
    visits(&mut c, ctx);
    s::signatures(&mut c, &["帮扶干部", "驻村工作队长", "村委会（盖章）"]);
    let stamp = Stamp {
        kind: "pairing_book",
        identity: format!("{}/{}", ctx.village.code, cadre.id),
        label: format!("结对帮扶工作台账　{}", cadre.name),
        year: ctx.year,
        revision: ctx.revision,
        printed_on: ctx.printed_on,
        reprint: ctx.reprint.map(|r| r.mark(ctx.year)),
    };
    stamp::finish(title, c.finish(), &stamp)
}

fn households(c: &mut Composer<'_>, ctx: &PairingBookContext<'_>) {
    c.section(
        &format!(
            "一、结对农户（{}户）：户情、致贫原因、帮扶措施及成效",
            ctx.households.len()
        ),
        60.0,
    );
    let w = columns(
        c.width(),
        &[0.35, 1.35, 0.4, 0.75, 1.2, 1.25, 3.3, 0.75, 0.5],
    );
    c.titles(
        &[
            "序号",
            "户主／户编号",
            "人口",
            "户类别",
            "结对身份及时间",
            "致贫原因／风险",
            "本年帮扶措施及成效",
            "人均纯收入（元）",
            "走访（次）",
        ],
        &w,
        24.0,
    );
    for (i, h) in ctx.households.iter().enumerate() {
        let since = match h.until {
            Some(u) => format!("{}\n{}至{}", h.role, s::date(h.since), s::date(u)),
            None => format!("{}\n{}起", h.role, s::date(h.since)),
        };
        let measures = if h.measures.is_empty() {
            "（本年无在落实的帮扶措施）".to_string()
        } else {
            h.measures.join("\n")
        };
        c.row(
            vec![
                Cell::center(w[0], (i + 1).to_string()),
                Cell::center(w[1], format!("{}\n{}", h.head, h.code)),
                Cell::center(w[2], h.persons.to_string()),
                Cell::center(w[3], opt(h.status)),
                Cell::center(w[4], since),
                Cell::value(w[5], h.causes.clone()),
                Cell::value(w[6], measures),
                Cell::right(w[7], h.per_capita.map(s::money).unwrap_or_default()),
                Cell::center(w[8], h.visits.to_string()),
            ],
            22.0,
        );
    }
    if ctx.households.is_empty() {
        c.row(
            vec![Cell::center(w.iter().sum(), "（本年没有结对农户）")],
            18.0,
        );
    }
    c.end_table();
}

fn visits(c: &mut Composer<'_>, ctx: &PairingBookContext<'_>) {
    c.section(
        &format!("二、工作动态（本年走访{}次）", ctx.visits.len()),
        60.0,
    );
    let w = columns(c.width(), &[0.35, 0.85, 1.3, 0.5, 3.2, 3.2]);
    c.titles(
        &["序号", "日期", "农户", "方式", "了解情况", "帮扶内容"],
        &w,
        18.0,
    );
    for (i, v) in ctx.visits.iter().enumerate() {
        c.row(
            vec![
                Cell::center(w[0], (i + 1).to_string()),
                Cell::center(w[1], s::date(v.date)),
                Cell::center(w[2], format!("{}（{}）", v.head, v.household)),
                Cell::center(w[3], v.mode.label()),
                Cell::value(w[4], v.found.clone()),
                Cell::value(w[5], v.done.clone()),
            ],
            18.0,
        );
    }
    if ctx.visits.is_empty() {
        c.row(
            vec![Cell::center(w.iter().sum(), "（本年没有走访记录）")],
            18.0,
        );
    }
    c.end_table();
}
