//! 防返贫监测信息采集表: the household's monitoring record on paper, signed by the head
//! (with a fingerprint), the information collector and the village committee (stamp).
//!
//! Sections: basic facts and the monitoring record, members (the fields the monitoring
//! system collects), the 12 months' income as the rules engine worked it out for
//! monitoring, the 两不愁三保障 and water verdicts, risks, measures since identification
//! and 风险消除, then the household's promise and authorisation with signature cells.
//! Every figure is the engine's (`IncomeFigures::window`, the verdict lines); nothing is
//! recomputed here. Out of scope: deciding whether the household is monitored (the caller
//! refuses a household without a monitoring record on the paper's date).

use super::checkbox::choices;
use super::fonts::Fonts;
use super::layout::{Align, Layout};
use super::monitoring_members::members;
use super::sections::{self as s, money, opt};
use super::stamp::{self, Stamp};
use super::table::{columns, Cell, Composer};
use super::{CardContext, CardKind, PrintedDocument};
use crate::codes::{EliminationMode, MonitoringChannel, MonitoringKind, Risk, Status};
use crate::rules::Rule;

/// The household's promise and authorisation, printed above the signatures.
const PROMISE: &str = "本户承诺：以上填报的家庭成员、收入、支出及其他情况真实、完整，如有隐瞒或虚报，愿意承担相应责任。本户授权有关部门和单位查询、核对本户家庭成员的收入、财产、社会保险等信息，仅用于防返贫监测和帮扶工作。";

/// Row height: a little tighter than the household card's so that a household of a few
/// members fits on one sheet.
const ROW: f32 = 16.0;

/// A row of two label/value pairs, as dense as the form needs.
fn pair(c: &mut Composer<'_>, a: (&str, String), b: (&str, String)) {
    s::pair_row_of(c, a, b, ROW);
}

/// A label with one value across the rest of the row.
fn wide(c: &mut Composer<'_>, label: &str, mut value: Cell) {
    let w = s::pair_columns(c);
    value.w = w[1] + w[2] + w[3];
    c.row(vec![Cell::label(w[0], label), value], ROW);
}

/// Prints the monitoring information form.
pub fn monitoring_card(ctx: &CardContext<'_>) -> crate::Result<PrintedDocument> {
    compose(ctx, Fonts::shared()?).render()
}

/// Lays out the monitoring information form.
pub(crate) fn compose(ctx: &CardContext<'_>, fonts: &Fonts) -> Layout {
    let h = ctx.household;
    let head = s::head_name(h);
    let title = CardKind::Monitoring.title();
    let mut c = Composer::household_paper(fonts, title, &head, &h.code);
    c.title(
        title,
        &format!("{}　{}年度", s::place(ctx.village), ctx.year),
    );

    basics(&mut c, ctx, &head);
    members(&mut c, ctx);
    income(&mut c, ctx, "三");
    guarantees(&mut c, ctx);
    risks(&mut c, ctx);
    // Kept with the promise (two lines) and both signature rows.
    c.section("六、农户承诺授权", 80.0);
    c.paragraph(PROMISE, Align::Left, 8.5);
    signatures(&mut c);

    let stamp = Stamp::household("monitoring", title, ctx);
    stamp::finish(format!("{title} {}", h.code), c.finish(), &stamp)
}

fn basics(c: &mut Composer<'_>, ctx: &CardContext<'_>, head: &str) {
    let h = ctx.household;
    let m = h.monitoring.as_ref();
    c.section("一、基本情况", 60.0);
    let w = columns(c.width(), &[0.8, 1.5, 0.8, 1.2, 0.9, 1.3]);
    c.row(
        vec![
            Cell::label(w[0], "户编号"),
            Cell::value(w[1], h.code.clone()),
            Cell::label(w[2], "户主姓名"),
            Cell::value(w[3], head.to_string()),
            Cell::label(w[4], "户联系电话"),
            Cell::value(w[5], opt(h.phone.as_ref())),
        ],
        ROW,
    );
    wide(c, "家庭住址", Cell::value(0.0, s::full_address(ctx)));
    let kind: Vec<MonitoringKind> = m.map(|m| m.kind).into_iter().collect();
    wide(
        c,
        "监测对象类别",
        Cell::choices(0.0, choices(MonitoringKind::ALL, |v| v.label(), &kind)),
    );
    let channel: Vec<MonitoringChannel> = m.and_then(|m| m.channel).into_iter().collect();
    wide(
        c,
        "发现方式",
        Cell::choices(
            0.0,
            choices(MonitoringChannel::ALL, |v| v.label(), &channel),
        ),
    );
    // 户类型 as the monitoring system reads it: 脱贫户 (registered, 建档立卡) or not.
    let exited = h.identified_year.is_some()
        || h.exit_year.is_some()
        || matches!(
            h.status,
            Some(Status::Exited | Status::Relapsed | Status::Poor)
        );
    let persons = s::figures(ctx)
        .map(|f| f.persons)
        .unwrap_or_else(|| h.members_on(ctx.reference_date()).len());
    let w = columns(c.width(), &[1.1, 1.0, 0.75, 0.8, 0.75, 0.8, 0.85, 0.75]);
    let pairs = [
        (
            "识别监测时间",
            m.map(|m| s::date(m.identified)).unwrap_or_default(),
        ),
        (
            "户类型",
            if exited { "脱贫户" } else { "非脱贫户" }.to_string(),
        ),
        ("户状态", opt(h.status)),
        ("家庭人口", format!("{persons} 人")),
    ];
    let mut cells = Vec::new();
    for (i, (label, value)) in pairs.into_iter().enumerate() {
        cells.push(Cell::label(w[2 * i], label));
        cells.push(Cell::center(w[2 * i + 1], value));
    }
    c.row(cells, ROW);
}

/// The 12 months' income as the engine worked it out, against the monitoring line, under
/// the section numbered `number`.
pub(super) fn income(c: &mut Composer<'_>, ctx: &CardContext<'_>, number: &str) {
    let on = ctx.reference_date();
    let w = s::figures(ctx).map(|f| &f.window);
    let booked = w
        .map(|w| format!("，已记账{}／{}个月", w.booked_months, w.months))
        .unwrap_or_default();
    c.section(
        &format!(
            "{number}、收入情况（截至{}的近12个月{booked}，单位：元）",
            s::date_cn(on)
        ),
        100.0,
    );
    let amount = |v: Option<f64>| v.map(money).unwrap_or_default();
    let unknown = |v: Option<f64>| match (v, w) {
        (Some(v), _) => money(v),
        (None, Some(w)) => format!(
            "收入记录不全（{}／{}个月），无法计算",
            w.booked_months, w.months
        ),
        (None, None) => String::new(),
    };
    pair(
        c,
        ("家庭纯收入", amount(w.map(|w| w.net))),
        ("人均纯收入", unknown(w.and_then(|w| w.per_capita))),
    );
    pair(
        c,
        ("合规自付支出", amount(w.map(|w| w.out_of_pocket))),
        (
            "扣除自付后人均",
            unknown(w.and_then(|w| w.after_rigid_per_capita)),
        ),
    );
    let against = s::against_line(w.and_then(|w| w.per_capita), ctx.monitoring_line.as_ref());
    let line = ctx
        .monitoring_line
        .as_ref()
        .map(|(l, label)| {
            let against = if against.is_empty() {
                String::new()
            } else {
                format!("；人均纯收入{against}")
            };
            format!("{}／人·年（{label}）{against}", s::yuan(*l))
        })
        .unwrap_or_else(|| "未设置（由省级每年确定），收入无法与之比较".to_string());
    wide(c, "防返贫监测范围", Cell::value(0.0, line));
    // The monitoring verdict itself is the comparison above; 风险消除 says what remains.
    for rule in [Rule::RiskElimination] {
        if let Some(v) = ctx.verdicts.iter().find(|v| v.rule_label == rule.label()) {
            wide(
                c,
                rule.label(),
                Cell::value(0.0, format!("{}：{}", v.outcome_label, v.reason)),
            );
        }
    }
}

fn guarantees(c: &mut Composer<'_>, ctx: &CardContext<'_>) {
    let w = columns(c.width(), &[1.5, 0.8, 3.7]);
    c.section("四、两不愁三保障及饮水安全", 140.0);
    c.header(
        vec![
            Cell::head(w[0], "项目"),
            Cell::head(w[1], "结论"),
            Cell::head(w[2], "情况说明"),
        ],
        ROW,
    );
    let rules = [
        Rule::FoodClothing,
        Rule::CompulsoryEducation,
        Rule::BasicMedical,
        Rule::HousingSafety,
        Rule::DrinkingWater,
    ];
    for rule in rules {
        let v = ctx.verdicts.iter().find(|v| v.rule_label == rule.label());
        c.row(
            vec![
                Cell::value(w[0], rule.label()),
                Cell::center(w[1], v.map(|v| v.outcome_label.clone()).unwrap_or_default()),
                Cell::value(w[2], v.map(|v| v.reason.clone()).unwrap_or_default()),
            ],
            ROW,
        );
    }
    c.end_table();
}

fn risks(c: &mut Composer<'_>, ctx: &CardContext<'_>) {
    let h = ctx.household;
    let m = h.monitoring.as_ref();
    c.section("五、致贫返贫风险及帮扶措施", 90.0);
    let chosen: Vec<Risk> = m.map(|m| m.risks.clone()).unwrap_or_default();
    wide(
        c,
        "致贫／返贫风险",
        Cell::choices(0.0, choices(Risk::ALL, |v| v.label(), &chosen)),
    );
    pair(
        c,
        ("因自然灾害子项", opt(m.and_then(|m| m.disaster.as_ref()))),
        ("风险备注", opt(m.and_then(|m| m.risk_note.as_ref()))),
    );

    measures(c, ctx);

    let eliminated = m.and_then(|m| m.eliminated);
    let mode: Vec<EliminationMode> = m.and_then(|m| m.elimination_mode).into_iter().collect();
    let pw = s::pair_columns(c);
    c.row(
        vec![
            Cell::label(pw[0], "风险消除时间"),
            Cell::value(
                pw[1],
                eliminated
                    .map(s::date)
                    .unwrap_or_else(|| "未消除".to_string()),
            ),
            Cell::label(pw[2], "风险消除方式"),
            Cell::choices(pw[3], choices(EliminationMode::ALL, |v| v.label(), &mode)),
        ],
        ROW,
    );
}

/// The measures since identification: started then or later, or still running then.
pub(super) fn measures(c: &mut Composer<'_>, ctx: &CardContext<'_>) {
    let h = ctx.household;
    let m = h.monitoring.as_ref();
    let w = columns(c.width(), &[0.9, 1.1, 3.0, 1.0]);
    c.header(
        vec![
            Cell::head(w[0], "措施类别"),
            Cell::head(w[1], "措施子项"),
            Cell::head(w[2], "帮扶措施内容"),
            Cell::head(w[3], "开始时间"),
        ],
        ROW,
    );
    let identified = m.map(|m| m.identified);
    let mut list: Vec<_> = h
        .measures
        .iter()
        .filter(|x| identified.is_some_and(|d| x.start >= d || x.end.is_none_or(|e| e >= d)))
        .collect();
    list.sort_by_key(|x| (x.start, x.end));
    for x in &list {
        c.row(
            vec![
                Cell::center(w[0], x.class.label()),
                Cell::center(w[1], x.item.map(|i| i.label()).unwrap_or_default()),
                Cell::value(w[2], x.content.clone()),
                Cell::center(w[3], s::date(x.start)),
            ],
            ROW,
        );
    }
    if list.is_empty() {
        c.row(
            vec![Cell::center(w.iter().sum(), "（尚未落实帮扶措施）")],
            ROW,
        );
    }
    c.end_table();
}

/// The three signers side by side in one row, each with a date line under the signature.
fn signatures(c: &mut Composer<'_>) {
    let w = columns(c.width(), &[1.0, 1.35, 1.0, 1.35, 1.0, 1.35]);
    let signers = [
        "户主\n（签字／手印）",
        "信息采集人\n（签字）",
        "村委会\n（盖章）",
    ];
    let mut cells = Vec::new();
    for (i, who) in signers.into_iter().enumerate() {
        cells.push(Cell::label(w[2 * i], who));
        cells.push(Cell::right(w[2 * i + 1], "\n\n年　　月　　日"));
    }
    c.row(cells, 44.0);
}
