//! 收入明白卡: the year's income book by category (and month where recorded), counted and
//! not counted, production costs, out-of-pocket spending, and per-capita net income against
//! the year's line; signed by 户主, 帮扶责任人 and 村书记/第一书记.

use super::fonts::Fonts;
use super::layout::Layout;
use super::sections::{self as s, money, opt, pair_row};
use super::stamp::{self, Stamp};
use super::table::{columns, Cell, Composer};
use super::{CardContext, PrintedDocument};
use crate::codes::IncomeCategory;

/// Prints the income sheet.
pub fn income_sheet(ctx: &CardContext<'_>) -> crate::Result<PrintedDocument> {
    compose(ctx, Fonts::shared()?).render()
}

/// The cost's own name: a 支出 table never reads 生产经营性收入.
fn expense_label(category: IncomeCategory) -> &'static str {
    match category {
        IncomeCategory::Business => "生产经营性支出",
        IncomeCategory::Wage => "务工支出",
        IncomeCategory::Property => "财产性支出",
        IncomeCategory::Transfer => "其他支出",
    }
}

/// `40%`.
fn percent(ratio: f64) -> String {
    format!("{}%", s::number(ratio * 100.0))
}

fn month(m: Option<u8>) -> String {
    m.map(|m| format!("{m}月"))
        .unwrap_or_else(|| "全年".to_string())
}

/// Lays out the income sheet.
pub(crate) fn compose(ctx: &CardContext<'_>, fonts: &Fonts) -> Layout {
    let h = ctx.household;
    let head = s::head_name(h);
    let mut c = Composer::household_paper(fonts, "收入明白卡", &head, &h.code);
    c.title(
        &format!("{}年 收入明白卡", ctx.year),
        &s::place(ctx.village),
    );
    let f = s::figures(ctx);
    let persons = f.map(|f| format!("{} 人", f.persons)).unwrap_or_default();
    pair_row(
        &mut c,
        ("户主姓名", head.clone()),
        ("户编号", h.code.clone()),
    );
    pair_row(
        &mut c,
        ("村民小组", opt(h.group.as_ref())),
        ("家庭人口", persons.clone()),
    );

    // 一、收入明细
    let w = columns(c.width(), &[1.3, 2.3, 0.6, 1.0, 0.8]);
    c.section("一、收入明细（单位：元）", 70.0);
    let titles = ["收入类别", "收入项目", "月份", "金额", "计入纯收入"];
    c.titles(&titles, &w, 22.0);
    for (slot, cat) in IncomeCategory::ALL.iter().enumerate() {
        let mut lines: Vec<(usize, &crate::model::IncomeLine)> = h
            .income
            .iter()
            .enumerate()
            .filter(|(_, l)| l.year == ctx.year && l.category == *cat)
            .collect();
        lines.sort_by_key(|(_, l)| l.month);
        for (index, l) in &lines {
            let treatment = f
                .and_then(|f| f.lines.iter().find(|t| t.index == *index))
                .map(|t| t.treatment.label())
                .unwrap_or_default();
            c.row(
                vec![
                    Cell::center(w[0], cat.label()),
                    Cell::value(w[1], l.item.clone()),
                    Cell::center(w[2], month(l.month)),
                    Cell::right(w[3], money(l.amount)),
                    Cell::center(w[4], treatment),
                ],
                18.0,
            );
        }
        let counted = f
            .and_then(|f| f.by_category.get(slot))
            .map(|t| money(t.amount))
            .unwrap_or_default();
        c.row(
            vec![
                Cell::label(w[0], cat.label()),
                Cell::label(
                    w[1] + w[2],
                    if lines.is_empty() {
                        "小计（本年无此项收入）"
                    } else {
                        "小计（计入部分）"
                    },
                ),
                Cell::right(w[3], counted).bold(),
                Cell::blank(w[4]),
            ],
            18.0,
        );
    }
    c.end_table();

    // 二、生产经营性支出
    let w = columns(c.width(), &[1.3, 2.9, 0.6, 1.2]);
    c.section("二、生产经营性支出（单位：元）", 60.0);
    let titles = ["类别", "支出项目", "月份", "金额"];
    c.titles(&titles, &w, 22.0);
    let by_ratio = f.is_some_and(|f| f.costs_by_ratio);
    if by_ratio {
        // The engine works costs out by fixed ratios of business income: print its lines.
        for t in f.iter().flat_map(|f| &f.lines) {
            let (Some(ratio), Some(l)) = (t.cost_ratio, h.income.get(t.index)) else {
                continue;
            };
            c.row(
                vec![
                    Cell::center(w[0], "生产经营性支出"),
                    Cell::value(
                        w[1],
                        format!("{}（按收入的{}核算）", l.item, percent(ratio)),
                    ),
                    Cell::center(w[2], month(l.month)),
                    Cell::right(w[3], money(t.cost)),
                ],
                18.0,
            );
        }
    } else {
        let mut expenses: Vec<_> = h.expenses.iter().filter(|e| e.year == ctx.year).collect();
        expenses.sort_by_key(|e| (e.category, e.month));
        for e in &expenses {
            c.row(
                vec![
                    Cell::center(w[0], expense_label(e.category)),
                    Cell::value(w[1], e.item.clone()),
                    Cell::center(w[2], month(e.month)),
                    Cell::right(w[3], money(e.amount)),
                ],
                18.0,
            );
        }
    }
    c.row(
        vec![
            Cell::label(
                w[0] + w[1] + w[2],
                if by_ratio {
                    "支出合计（按本地规定的固定成本比例核算）"
                } else {
                    "支出合计"
                },
            ),
            Cell::right(w[3], f.map(|f| money(f.expenses)).unwrap_or_default()).bold(),
        ],
        18.0,
    );
    c.end_table();

    // 三、合规自付支出 (only when recorded this year)
    let mut rigid: Vec<_> = h
        .rigid_expenses
        .iter()
        .filter(|r| chrono::Datelike::year(&r.date) == ctx.year)
        .collect();
    if !rigid.is_empty() {
        rigid.sort_by_key(|r| r.date);
        let w = columns(c.width(), &[1.0, 0.6, 2.2, 0.9, 0.9, 0.9]);
        c.section(
            "三、医疗、教育合规自付支出（单位：元，不计入纯收入测算）",
            60.0,
        );
        let titles = ["日期", "类别", "项目", "费用", "已报销", "自付"];
        c.titles(&titles, &w, 22.0);
        for r in &rigid {
            c.row(
                vec![
                    Cell::center(w[0], s::date(r.date)),
                    Cell::center(w[1], r.kind.label()),
                    Cell::value(w[2], r.item.clone()),
                    Cell::right(w[3], money(r.amount)),
                    Cell::right(w[4], money(r.reimbursed)),
                    Cell::right(w[5], money(r.out_of_pocket())),
                ],
                18.0,
            );
        }
        c.end_table();
    }

    // 四、人均纯收入测算
    let n = if rigid.is_empty() { "三" } else { "四" };
    c.section(&format!("{n}、人均纯收入测算"), 90.0);
    let amount = |v: Option<f64>| v.map(s::yuan).unwrap_or_default();
    let mut not_counted = format!("{}（一次性补助等）", amount(f.map(|f| f.not_counted)));
    if let Some(f) = f.filter(|f| f.pension_excluded > 0.0) {
        not_counted = format!(
            "{}（一次性补助等；含养老金 {} 按本地规定不计入）",
            s::yuan(f.not_counted + f.pension_excluded),
            s::yuan(f.pension_excluded)
        );
    }
    pair_row(
        &mut c,
        ("计入纯收入的收入", amount(f.map(|f| f.counted))),
        ("不计入的收入", not_counted),
    );
    pair_row(
        &mut c,
        ("生产经营性支出", amount(f.map(|f| f.expenses))),
        ("家庭纯收入", amount(f.map(|f| f.net))),
    );
    pair_row(
        &mut c,
        ("家庭人口", persons),
        ("人均纯收入", amount(f.and_then(|f| f.per_capita))),
    );
    let line = ctx
        .line
        .as_ref()
        .map(|(l, label)| format!("{label} {}／人·年", s::yuan(*l)))
        .unwrap_or_default();
    pair_row(
        &mut c,
        ("当年标准", line),
        (
            "对比结果",
            s::against_line(f.and_then(|f| f.per_capita), ctx.line.as_ref()),
        ),
    );
    c.gap(4.0);
    c.paragraph(
        "人均纯收入 =（工资性收入 + 生产经营性收入 + 财产性收入 + 转移性收入 − 生产经营性支出）÷ 家庭人口；一次性补助、救助、报销等记入明细但不计入纯收入。",
        super::layout::Align::Left,
        8.5,
    );
    c.section("签字确认（以上收入经本户核对无误）", 80.0);
    s::signatures(&mut c, &["户主", "帮扶责任人", "村书记／第一书记"]);

    let stamp = Stamp::household("income", super::CardKind::Income.title(), ctx);
    stamp::finish(format!("收入明白卡 {}", h.code), c.finish(), &stamp)
}
