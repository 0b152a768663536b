//! 帮扶记录卡: the year's visits, one row each with 户主 and 帮扶责任人 signature cells,
//! then blank rows to the foot of the page for the visits still to come.

use super::fonts::Fonts;
use super::layout::Layout;
use super::sections::{self as s, opt, pair_row};
use super::stamp::{self, Stamp};
use super::table::{columns, Cell, Composer};
use super::{CardContext, PrintedDocument};

/// Height of a visit row (room for two signatures).
const ROW: f32 = 36.0;

/// Prints the visit record card.
pub fn visit_card(ctx: &CardContext<'_>) -> crate::Result<PrintedDocument> {
    compose(ctx, Fonts::shared()?).render()
}

/// Lays out the visit record card.
pub(crate) fn compose(ctx: &CardContext<'_>, fonts: &Fonts) -> Layout {
    let h = ctx.household;
    let head = s::head_name(h);
    let mut c = Composer::household_paper(fonts, "帮扶记录卡", &head, &h.code);
    c.title(
        "帮扶记录卡",
        &format!("{}　{}年度", s::place(ctx.village), ctx.year),
    );

    let on = ctx.reference_date();
    let active: Vec<_> = h
        .pairings
        .iter()
        .filter(|p| p.active_on(on))
        .filter_map(|p| ctx.cadre(&p.cadre))
        .collect();
    let names: Vec<String> = active.iter().map(|k| k.name.clone()).collect();
    let mut units: Vec<String> = active.iter().filter_map(|k| k.unit.clone()).collect();
    units.dedup();
    pair_row(
        &mut c,
        ("户主姓名", head.clone()),
        ("户编号", h.code.clone()),
    );
    pair_row(
        &mut c,
        ("村民小组", opt(h.group.as_ref())),
        ("联系电话", opt(h.phone.as_ref())),
    );
    pair_row(
        &mut c,
        ("帮扶责任人", names.join("、")),
        ("帮扶单位", units.join("、")),
    );
    c.gap(8.0);

    let w = columns(c.width(), &[0.95, 0.5, 0.8, 1.8, 1.8, 1.3, 0.8, 0.85]);
    let titles = [
        "走访日期",
        "方式",
        "帮扶责任人",
        "了解到的情况",
        "帮扶措施及所做工作",
        "后续跟进",
        "户主签字",
        "帮扶人签字",
    ];
    c.titles(&titles, &w, ROW);
    let mut visits: Vec<_> = h
        .visits
        .iter()
        .filter(|v| chrono::Datelike::year(&v.date) == ctx.year)
        .collect();
    visits.sort_by_key(|v| v.date);
    for v in visits {
        let cadre = ctx
            .cadre(&v.cadre)
            .map(|k| k.name.clone())
            .unwrap_or_default();
        c.row(
            vec![
                Cell::center(w[0], s::date(v.date)),
                Cell::center(w[1], v.mode.label()),
                Cell::center(w[2], cadre),
                Cell::value(w[3], v.found.clone()),
                Cell::value(w[4], v.done.clone()),
                Cell::value(w[5], v.follow_up.clone()),
                Cell::blank(w[6]),
                Cell::blank(w[7]),
            ],
            ROW,
        );
    }
    // Blank rows for the next visits, down to the foot of the page.
    while c.fits(ROW) {
        c.row(w.iter().map(|w| Cell::blank(*w)).collect(), ROW);
    }
    c.end_table();

    let stamp = Stamp::household("visits", super::CardKind::Visits.title(), ctx);
    stamp::finish(format!("帮扶记录卡 {}", h.code), c.finish(), &stamp)
}
