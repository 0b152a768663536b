//! 监测对象申请及承诺授权书: the household applies to be monitored, promises that what it
//! reports is true and authorises the checks of its income and assets (信息比对); the head
//! and every member signs beside their name, the village committee receives it.
//!
//! Dated the day of the application when the procedure records one (the paper's
//! `decided_on`), else left for the pen. Out of scope: whether the household qualifies
//! (that is the 采集表 and the engine's).

use super::fonts::Fonts;
use super::layout::{Align, Layout};
use super::sections::{self as s, opt};
use super::stamp::{self, Stamp};
use super::table::{columns, Cell, Composer};
use super::{CardContext, CardKind, PrintedDocument};

const ROW: f32 = 22.0;

const PROMISE: &str = "本户承诺：所申报的家庭人口、收入、财产、支出及困难情况真实、完整，没有隐瞒或虚报；家庭情况发生变化时及时向村委会报告。如有不实，自愿退出监测帮扶并承担相应责任。";

const AUTHORITY: &str = "本户全体家庭成员授权县、乡（镇）有关部门和单位查询、核对本户家庭成员的存款、有价证券、车辆、房产、工商登记、社会保险、住房公积金、纳税等收入和财产信息。所查询信息仅用于防止返贫监测对象认定和帮扶工作，不得用于其他用途。";

/// Prints the application and consent.
pub fn consent(ctx: &CardContext<'_>) -> crate::Result<PrintedDocument> {
    compose(ctx, Fonts::shared()?).render()
}

/// Lays out the application and consent.
pub(crate) fn compose(ctx: &CardContext<'_>, fonts: &Fonts) -> Layout {
    let h = ctx.household;
    let head = s::head_name(h);
    let title = CardKind::Consent.title();
    let mut c = Composer::household_paper(fonts, title, &head, &h.code);
    c.title(title, &s::place(ctx.village));
    let on = ctx.reference_date();
    let members = h.members_on(on);
    let risks: Vec<&str> = h
        .monitoring
        .iter()
        .flat_map(|m| m.risks.iter().map(|r| r.label()))
        .collect();
    let why = if risks.is_empty() {
        "＿＿＿＿＿＿＿＿".to_string()
    } else {
        risks.join("、")
    };
    c.section("一、申请", 60.0);
    c.paragraph(
        &format!(
            "本户户主{head}，户编号{}，家住{}，家庭人口{}人。因{why}，家庭生活出现困难，存在返贫致贫风险，现申请纳入防止返贫监测对象，请予审核。",
            h.code,
            s::full_address(ctx),
            members.len()
        ),
        Align::Left,
        10.0,
    );
    c.section("二、家庭成员（每人签字或按手印）", 80.0);
    let w = columns(c.width(), &[1.0, 0.9, 2.2, 1.0, 1.6]);
    c.titles(
        &[
            "姓名",
            "与户主关系",
            "身份证号码",
            "联系电话",
            "本人签字（手印）",
        ],
        &w,
        ROW,
    );
    for m in &members {
        c.row(
            vec![
                Cell::center(w[0], m.name.clone()),
                Cell::center(w[1], opt(m.relation_label())),
                Cell::center(
                    w[2],
                    m.id_number
                        .as_deref()
                        .map(|id| ctx.id_shown(id))
                        .unwrap_or_default(),
                ),
                Cell::center(w[3], opt(m.phone.as_ref())),
                Cell::blank(w[4]),
            ],
            ROW,
        );
    }
    c.end_table();
    c.section("三、承诺", 40.0);
    c.paragraph(PROMISE, Align::Left, 10.0);
    c.section("四、授权", 40.0);
    c.paragraph(AUTHORITY, Align::Left, 10.0);
    c.gap(6.0);
    let dated = ctx
        .decided_on
        .map(s::date_cn)
        .unwrap_or_else(|| "　　　　年　　月　　日".to_string());
    let w = s::pair_columns(&c);
    c.row(
        vec![
            Cell::label(w[0], "申请人（户主）\n签字（手印）"),
            Cell::blank(w[1]),
            Cell::label(w[2], "申请日期"),
            Cell::center(w[3], dated),
        ],
        40.0,
    );
    c.row(
        vec![
            Cell::label(w[0], "受理人\n（村委会）"),
            Cell::blank(w[1]),
            Cell::label(w[2], "受理日期"),
            Cell::center(w[3], "　　　　年　　月　　日"),
        ],
        40.0,
    );
    let stamp = Stamp::household("consent", title, ctx);
    stamp::finish(format!("{title} {}", h.code), c.finish(), &stamp)
}
