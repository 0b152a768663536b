//! 走访计划: the week's visits on A4 landscape, one line per household grouped by the
//! paired cadre, with why it is due, the last visit and what was promised then, and blank
//! columns for the planned day and the visitor's signature.

use super::fonts::Fonts;
use super::layout::{Align, Layout, A4_LANDSCAPE};
use super::sections::{self as s, opt};
use super::stamp::{self, Stamp};
use super::table::{columns, Cell, Composer, TEXT};
use super::PrintedDocument;
use crate::model::Village;
use chrono::NaiveDate;

/// One household to visit, filled by the caller.
#[derive(Debug, Clone, PartialEq)]
pub struct PlanRow {
    pub code: String,
    pub head: String,
    pub group: Option<String>,
    pub phone: Option<String>,
    /// The paired cadre(s) who visit, e.g. `李明`; empty when nobody is paired.
    pub cadres: String,
    pub last_visit: Option<NaiveDate>,
    /// Why the visit is due (`已41天未走访（上次…）`, `纳入监测已满6个月…`).
    pub reasons: Vec<String>,
    /// The last visit's 下一步打算.
    pub promised: String,
}

/// The plan's input.
#[derive(Debug, Clone)]
pub struct VisitPlanContext<'a> {
    pub village: &'a Village,
    /// Monday and Sunday of the week.
    pub week: (NaiveDate, NaiveDate),
    /// The 走访周期 in days (设置): households in general, monitored households.
    pub cycle_days: (i64, i64),
    pub revision: i64,
    pub printed_on: NaiveDate,
    /// Rows in print order (by cadre, then group and household code).
    pub rows: Vec<PlanRow>,
}

/// Prints the plan.
pub fn visit_plan(ctx: &VisitPlanContext<'_>) -> crate::Result<PrintedDocument> {
    compose(ctx, Fonts::shared()?).render()
}

/// Lays out the plan.
pub fn compose_visit_plan(ctx: &VisitPlanContext<'_>) -> crate::Result<Layout> {
    Ok(compose(ctx, Fonts::shared()?))
}

fn compose(ctx: &VisitPlanContext<'_>, fonts: &Fonts) -> Layout {
    let (monday, sunday) = ctx.week;
    let title = format!(
        "{}走访计划（{}至{}）",
        ctx.village.name,
        s::date_cn(monday),
        s::date_cn(sunday)
    );
    let mut c = Composer::new(fonts, A4_LANDSCAPE, format!("{title}（续）"));
    c.title(
        &title,
        &format!(
            "{}　走访周期：一般{}天、监测户{}天　共{}户",
            s::place(ctx.village),
            ctx.cycle_days.0,
            ctx.cycle_days.1,
            ctx.rows.len()
        ),
    );
    let w = columns(
        c.width(),
        &[0.4, 0.75, 1.25, 0.7, 1.0, 0.8, 0.85, 2.2, 1.7, 0.8, 0.85],
    );
    let titles = [
        "序号",
        "户主",
        "户编号",
        "村民小组",
        "联系电话",
        "帮扶责任人",
        "上次走访",
        "走访事由",
        "上次约定事项",
        "计划日期",
        "走访人签字",
    ];
    c.titles(&titles, &w, 20.0);
    if ctx.rows.is_empty() {
        c.row(
            vec![Cell::center(
                w.iter().sum(),
                "本周没有到期的走访（全部农户都在走访周期之内）",
            )],
            22.0,
        );
    }
    for (i, r) in ctx.rows.iter().enumerate() {
        let cadres = if r.cadres.is_empty() {
            "（未结对）".to_string()
        } else {
            r.cadres.clone()
        };
        c.row(
            vec![
                Cell::center(w[0], (i + 1).to_string()),
                Cell::center(w[1], r.head.clone()),
                Cell::center(w[2], r.code.clone()),
                Cell::center(w[3], opt(r.group.as_ref())),
                Cell::center(w[4], opt(r.phone.as_ref())),
                Cell::center(w[5], cadres),
                Cell::center(
                    w[6],
                    r.last_visit.map(s::date).unwrap_or_else(|| "无".into()),
                ),
                Cell::value(w[7], r.reasons.join("；")),
                Cell::value(w[8], r.promised.clone()),
                Cell::blank(w[9]),
                Cell::blank(w[10]),
            ],
            22.0,
        );
    }
    c.end_table();
    c.gap(8.0);
    c.paragraph(
        "说明：走访后请在“走访记录”中登记了解的情况、帮扶内容和下一步打算；监测户同时核实风险是否消除。",
        Align::Left,
        TEXT,
    );
    c.gap(10.0);
    c.paragraph(
        "制表人：　　　　　　　　驻村工作队长：　　　　　　　　日期：　　　　年　　月　　日",
        Align::Left,
        TEXT,
    );
    let stamp = Stamp {
        kind: "visit_plan",
        identity: format!("{}/{}", ctx.village.code, monday),
        label: format!("走访计划　村代码：{}", ctx.village.code),
        year: chrono::Datelike::year(&monday),
        revision: ctx.revision,
        printed_on: ctx.printed_on,
        reprint: None,
    };
    stamp::finish(title, c.finish(), &stamp)
}
