//! 户档案卡: the household's record on paper (一本通), signed by the head, the paired cadre
//! and the village committee (or the resident first secretary).
//!
//! Sections: basic facts, living conditions (☐/☑), members, causes (☐/☑), pairing history,
//! measures with a 户主签名 column, the year's income, the year's verdicts, signatures.

use super::fonts::Fonts;
use super::household_facts::{basics, causes, conditions, members};
use super::layout::Layout;
use super::sections::{self as s, money, opt, pair_row};
use super::stamp::{self, Stamp};
use super::table::{columns, Cell, Composer};
use super::{CardContext, PrintedDocument};

/// Prints the household record card.
pub fn household_card(ctx: &CardContext<'_>) -> crate::Result<PrintedDocument> {
    compose(ctx, Fonts::shared()?).render()
}

/// Lays out the household record card.
pub(crate) fn compose(ctx: &CardContext<'_>, fonts: &Fonts) -> Layout {
    let h = ctx.household;
    let head = s::head_name(h);
    let mut c = Composer::household_paper(fonts, "户档案卡", &head, &h.code);
    c.title(
        "户档案卡",
        &format!("{}　{}年度", s::place(ctx.village), ctx.year),
    );

    basics(&mut c, ctx, &head);
    conditions(&mut c, ctx);
    members(&mut c, ctx);
    causes(&mut c, ctx);
    pairings(&mut c, ctx);
    measures(&mut c, ctx);
    income(&mut c, ctx);
    verdicts(&mut c, ctx);
    c.section("九、签字确认", 80.0);
    s::signatures(&mut c, &["户主", "帮扶责任人", "村委会或\n驻村第一书记"]);

    let stamp = Stamp::household("household", super::CardKind::Household.title(), ctx);
    stamp::finish(format!("户档案卡 {}", h.code), c.finish(), &stamp)
}

fn pairings(c: &mut Composer<'_>, ctx: &CardContext<'_>) {
    let w = columns(c.width(), &[0.8, 1.9, 0.6, 1.0, 1.15, 0.85, 0.95, 0.95]);
    let titles = [
        "姓名",
        "帮扶单位",
        "单位级别",
        "职务",
        "联系电话",
        "结对角色",
        "起始日期",
        "结束日期",
    ];
    c.section("五、帮扶责任人（结对记录）", 70.0);
    c.titles(&titles, &w, 22.0);
    let mut list: Vec<_> = ctx.household.pairings.iter().collect();
    list.sort_by_key(|p| (p.start, p.end));
    for p in &list {
        let cadre = ctx.cadre(&p.cadre);
        let name = cadre
            .map(|k| k.name.clone())
            .unwrap_or_else(|| format!("（未登记：{}）", p.cadre));
        let texts = [
            name,
            opt(cadre.and_then(|k| k.unit.clone())),
            opt(cadre.and_then(|k| k.unit_level)),
            opt(cadre.and_then(|k| k.position.clone())),
            opt(cadre.and_then(|k| k.phone.clone())),
            p.kind_label().to_string(),
            s::date(p.start),
            p.end.map(s::date).unwrap_or_else(|| "至今".to_string()),
        ];
        c.centered(texts, &w, 20.0);
    }
    if list.is_empty() {
        c.row(w.iter().map(|w| Cell::blank(*w)).collect(), 20.0);
    }
    c.end_table();
}

fn measures(c: &mut Composer<'_>, ctx: &CardContext<'_>) {
    let w = columns(c.width(), &[0.95, 2.0, 1.15, 1.0, 1.75, 0.8]);
    let titles = [
        "措施类别",
        "帮扶措施内容",
        "规模及资金",
        "起止时间",
        "帮扶成效",
        "户主签名",
    ];
    c.section("六、帮扶措施及成效", 70.0);
    c.titles(&titles, &w, 22.0);
    let mut list: Vec<_> = ctx.household.measures.iter().collect();
    list.sort_by_key(|m| (m.start, m.end));
    for m in &list {
        let mut scale: Vec<String> = m.scale.iter().cloned().collect();
        if let Some(f) = m.funds {
            let funder = m
                .funder
                .as_ref()
                .map(|f| format!("（{f}）"))
                .unwrap_or_default();
            scale.push(format!("资金 {} 元{funder}", money(f)));
        }
        let period = match m.end {
            Some(end) => format!("{}\n至 {}", s::date(m.start), s::date(end)),
            None => format!("{}\n至今", s::date(m.start)),
        };
        let mut result = opt(m.result.as_ref());
        // The figure once: a result that already states the gain is not repeated.
        if let Some(g) = m.income_gain.filter(|_| !result.contains("增收")) {
            result = format!(
                "{result}{}增收 {} 元",
                if result.is_empty() { "" } else { "；" },
                money(g)
            );
        }
        c.row(
            vec![
                Cell::center(w[0], m.class.label()),
                Cell::value(w[1], m.content.clone()),
                Cell::value(w[2], scale.join("\n")),
                Cell::center(w[3], period),
                Cell::value(w[4], result),
                Cell::blank(w[5]),
            ],
            30.0,
        );
    }
    if list.is_empty() {
        c.row(w.iter().map(|w| Cell::blank(*w)).collect(), 30.0);
    }
    c.end_table();
}

fn income(c: &mut Composer<'_>, ctx: &CardContext<'_>) {
    let f = s::figures(ctx);
    let w = columns(c.width(), &[1.0; 8]);
    let titles = [
        "工资性收入",
        "生产经营性收入",
        "财产性收入",
        "转移性收入",
        "生产经营性支出",
        "家庭纯收入",
        "家庭人口",
        "人均纯收入",
    ];
    c.section(&format!("七、{}年收入情况（单位：元）", ctx.year), 80.0);
    c.titles(&titles, &w, 22.0);
    let values: Vec<String> = match f {
        Some(f) => {
            let mut v: Vec<String> = f.by_category.iter().map(|t| money(t.amount)).collect();
            v.push(money(f.expenses));
            v.push(money(f.net));
            v.push(format!("{} 人", f.persons));
            v.push(f.per_capita.map(money).unwrap_or_default());
            v
        }
        None => vec![String::new(); 8],
    };
    c.centered(values, &w, 20.0);
    c.end_table();
    let line = ctx
        .line
        .as_ref()
        .map(|(l, label)| format!("{label} {}／人·年", s::yuan(*l)))
        .unwrap_or_default();
    pair_row(
        c,
        ("当年标准", line),
        (
            "对比结果",
            s::against_line(f.and_then(|f| f.per_capita), ctx.line.as_ref()),
        ),
    );
    if let Some(f) = f {
        let mut not_counted = format!("{}（一次性补助等）", s::yuan(f.not_counted));
        if f.pension_excluded > 0.0 {
            not_counted = format!(
                "{}（一次性补助等；含养老金 {} 按本地规定不计入）",
                s::yuan(f.not_counted + f.pension_excluded),
                s::yuan(f.pension_excluded)
            );
        }
        pair_row(
            c,
            ("不计入纯收入", not_counted),
            ("计入收入合计", s::yuan(f.counted)),
        );
    }
}

fn verdicts(c: &mut Composer<'_>, ctx: &CardContext<'_>) {
    let w = columns(c.width(), &[1.5, 0.8, 3.7]);
    c.section(&format!("八、{}年度核验结论", ctx.year), 70.0);
    c.header(
        vec![
            Cell::head(w[0], "核验项目"),
            Cell::head(w[1], "结论"),
            Cell::head(w[2], "依据"),
        ],
        22.0,
    );
    for v in &ctx.verdicts {
        c.row(
            vec![
                Cell::value(w[0], v.rule_label.clone()),
                Cell::center(w[1], v.outcome_label.clone()),
                Cell::value(w[2], v.reason.clone()),
            ],
            20.0,
        );
    }
    if ctx.verdicts.is_empty() {
        c.row(
            vec![Cell::center(w[0] + w[1] + w[2], "（本年度尚未核验）")],
            20.0,
        );
    }
    c.end_table();
}
