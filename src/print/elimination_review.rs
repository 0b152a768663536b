//! 防止返贫监测对象风险消除审核表: what the village, the township and the county sign when
//! a household's risk is marked eliminated. The conditions are the rules engine's 风险消除
//! verdict on the day of 风险消除 (or on the paper's date while it is still being
//! prepared), the 12 months' income its figures; the steps are the procedure as recorded.
//! Nothing is judged here.

use super::checkbox::choices;
use super::fonts::Fonts;
use super::layout::Layout;
use super::monitoring_card::{income, measures};
use super::sections::{self as s, opt};
use super::stamp::{self, Stamp};
use super::table::{columns, Cell, Composer};
use super::{CardContext, CardKind, PrintedDocument};
use crate::codes::{EliminationMode, ProcedureStage, ProcedureStep, Risk};

const ROW: f32 = 16.0;

/// Prints the review.
pub fn elimination_review(ctx: &CardContext<'_>) -> crate::Result<PrintedDocument> {
    compose(ctx, Fonts::shared()?).render()
}

/// Lays out the review.
pub(crate) fn compose(ctx: &CardContext<'_>, fonts: &Fonts) -> Layout {
    let h = ctx.household;
    let head = s::head_name(h);
    let title = CardKind::EliminationReview.title();
    let mut c = Composer::household_paper(fonts, title, &head, &h.code);
    c.title(
        title,
        &format!("{}　{}年度", s::place(ctx.village), ctx.year),
    );
    basics(&mut c, ctx, &head);
    c.section("二、帮扶措施", 60.0);
    measures(&mut c, ctx);
    income(&mut c, ctx, "三");
    conditions(&mut c, ctx);
    steps(&mut c, ctx);
    opinions(&mut c);
    let stamp = Stamp::household("elimination_review", title, ctx);
    stamp::finish(format!("{title} {}", h.code), c.finish(), &stamp)
}

fn basics(c: &mut Composer<'_>, ctx: &CardContext<'_>, head: &str) {
    let h = ctx.household;
    let m = h.monitoring.as_ref();
    c.section("一、基本情况", 60.0);
    let persons = s::figures(ctx)
        .map(|f| f.persons)
        .unwrap_or_else(|| h.members_on(ctx.reference_date()).len());
    s::pair_row_of(
        c,
        ("户编号", h.code.clone()),
        ("户主姓名", head.to_string()),
        ROW,
    );
    s::pair_row_of(
        c,
        ("家庭人口", format!("{persons} 人")),
        ("监测对象类别", opt(m.map(|m| m.kind))),
        ROW,
    );
    s::pair_row_of(
        c,
        (
            "识别监测时间",
            m.map(|m| s::date(m.identified)).unwrap_or_default(),
        ),
        (
            "风险消除时间",
            m.and_then(|m| m.eliminated)
                .map(s::date)
                .unwrap_or_else(|| "（拟消除）".to_string()),
        ),
        ROW,
    );
    let chosen: Vec<Risk> = m.map(|m| m.risks.clone()).unwrap_or_default();
    let w = s::pair_columns(c);
    c.row(
        vec![
            Cell::label(w[0], "致贫／返贫风险"),
            Cell::choices(
                w[1] + w[2] + w[3],
                choices(Risk::ALL, |v| v.label(), &chosen),
            ),
        ],
        ROW,
    );
    let mode: Vec<EliminationMode> = m.and_then(|m| m.elimination_mode).into_iter().collect();
    c.row(
        vec![
            Cell::label(w[0], "风险消除方式"),
            Cell::choices(
                w[1] + w[2] + w[3],
                choices(EliminationMode::ALL, |v| v.label(), &mode),
            ),
        ],
        ROW,
    );
}

/// The engine's conditions of 风险消除, each with its outcome.
fn conditions(c: &mut Composer<'_>, ctx: &CardContext<'_>) {
    c.section(
        &format!(
            "四、风险消除条件（按{}的台账核算）",
            s::date_cn(ctx.reference_date())
        ),
        80.0,
    );
    let w = columns(c.width(), &[0.4, 4.6, 0.8]);
    c.titles(&["序号", "情况", "结论"], &w, ROW);
    for (i, line) in ctx.elimination.iter().enumerate() {
        let outcome = match line.met {
            Some(true) => "符合",
            Some(false) => "不符合",
            None => "无法判断",
        };
        c.row(
            vec![
                Cell::center(w[0], (i + 1).to_string()),
                Cell::value(w[1], line.text.clone()),
                Cell::center(w[2], outcome),
            ],
            ROW,
        );
    }
    if ctx.elimination.is_empty() {
        c.row(
            vec![Cell::center(w.iter().sum(), "（无监测记录，未核算）")],
            ROW,
        );
    }
    c.end_table();
}

/// The 风险消除 procedure's steps as recorded, blank where not yet done.
fn steps(c: &mut Composer<'_>, ctx: &CardContext<'_>) {
    let m = ctx.household.monitoring.as_ref();
    c.section("五、风险消除程序", 80.0);
    let w = columns(c.width(), &[1.2, 1.8, 2.8]);
    c.titles(&["步骤", "日期", "经办人员／说明"], &w, ROW);
    for step in ProcedureStage::Elimination.steps() {
        let r = m.and_then(|m| m.step(ProcedureStage::Elimination, *step));
        let date = r
            .map(|r| match (r.step, r.until) {
                (ProcedureStep::Publicity, Some(u)) => {
                    format!("{}至{}", s::date(r.date), s::date(u))
                }
                _ => s::date(r.date),
            })
            .unwrap_or_default();
        let who = r
            .map(|r| {
                [r.people.as_deref(), r.note.as_deref()]
                    .into_iter()
                    .flatten()
                    .collect::<Vec<_>>()
                    .join("；")
            })
            .unwrap_or_default();
        c.row(
            vec![
                Cell::center(w[0], step.label()),
                Cell::center(w[1], date),
                Cell::value(w[2], who),
            ],
            ROW,
        );
    }
    c.end_table();
}

/// Who agrees: the household, the village (after 民主评议 and 公示), the township, the
/// county, two to a row.
fn opinions(c: &mut Composer<'_>) {
    c.section("六、审核意见", 100.0);
    let w = columns(c.width(), &[1.0, 1.9, 1.0, 1.9]);
    let signers = [
        "户主确认\n（签字／手印）",
        "村级意见\n（村委会盖章）",
        "乡镇审核意见\n（盖章）",
        "县级审定意见\n（盖章）",
    ];
    for pair in signers.chunks(2) {
        let mut cells = Vec::new();
        for (i, who) in pair.iter().enumerate() {
            cells.push(Cell::label(w[2 * i], who));
            cells.push(Cell::right(w[2 * i + 1], "\n\n\n年　　月　　日"));
        }
        c.row(cells, 48.0);
    }
}
