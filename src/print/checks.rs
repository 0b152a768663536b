//! Geometry checks over every document kind: each text run stays inside its cell and the
//! page's body area, and no two runs or check boxes overlap. These are what a person would
//! look for on the printed page ("nothing cut, overflowing or overlapping").

use super::fonts::Fonts;
use super::layout::{Item, Layout, ASCENT};
use super::table::{MARGIN_X, STAMP_BAND};
use super::*;
use crate::model::VillageDocument;

const FIXTURE: &str = include_str!("../../tests/data/print/village.json");

fn fixture() -> VillageDocument {
    serde_json::from_str(FIXTURE).expect("the print fixture is exchange v1")
}

/// A box: left, top, right, bottom.
type Bounds = (f32, f32, f32, f32);

fn text_bounds(fonts: &Fonts, item: &Item) -> Option<(Bounds, String)> {
    match item {
        Item::Text {
            x,
            y,
            size,
            bold,
            text,
        } => {
            let w = fonts.width(text, *size, *bold);
            Some((
                (*x, y - size * ASCENT, x + w, y + size * 0.12),
                text.clone(),
            ))
        }
        Item::Check { x, y, size, .. } => {
            let side = size * checkbox::BOX;
            Some((
                (*x, y + size * 0.1 - side, x + side, y + size * 0.1),
                "☐".to_string(),
            ))
        }
        _ => None,
    }
}

/// Panics with a description of the first run out of place.
fn assert_fits(layout: &Layout, what: &str) {
    let fonts = Fonts::shared().expect("font");
    for (p, page) in layout.pages.iter().enumerate() {
        let cells: Vec<Bounds> = page
            .items
            .iter()
            .filter_map(|it| match it {
                Item::Rect {
                    x,
                    y,
                    w,
                    h,
                    stroke: Some(_),
                    ..
                } => Some((*x, *y, x + w, y + h)),
                _ => None,
            })
            .collect();
        let runs: Vec<(Bounds, String)> = page
            .items
            .iter()
            .filter_map(|it| text_bounds(fonts, it))
            .collect();
        for ((l, t, r, b), text) in &runs {
            let at = format!("{what} page {}: “{text}”", p + 1);
            assert!(
                *l >= MARGIN_X - 0.5 && *r <= page.width - MARGIN_X + 0.5,
                "{at} leaves the side margins"
            );
            assert!(
                *t >= 20.0 && *b <= page.height - STAMP_BAND,
                "{at} leaves the body area"
            );
            // The innermost cell that holds the run's start must hold all of it.
            let home = cells
                .iter()
                .filter(|(cl, ct, cr, cb)| {
                    *cl <= l + 0.1 && l + 0.1 <= *cr && *ct <= t + 0.5 && b - 0.5 <= *cb
                })
                .min_by(|a, b| ((a.2 - a.0) * (a.3 - a.1)).total_cmp(&((b.2 - b.0) * (b.3 - b.1))));
            if let Some((_, ct, cr, cb)) = home {
                assert!(
                    *r <= cr - 0.5,
                    "{at} overflows its cell on the right ({r} > {cr})"
                );
                assert!(
                    *t >= *ct && *b <= *cb,
                    "{at} is cut at the top or bottom of its cell"
                );
            }
        }
        for (i, (a, ta)) in runs.iter().enumerate() {
            for (b, tb) in &runs[i + 1..] {
                let overlap =
                    a.0 < b.2 - 0.3 && b.0 < a.2 - 0.3 && a.1 < b.3 - 0.3 && b.1 < a.3 - 0.3;
                assert!(!overlap, "{what} page {}: “{ta}” overlaps “{tb}”", p + 1);
            }
        }
    }
}

fn context(doc: &VillageDocument, index: usize) -> CardContext<'_> {
    CardContext {
        village: &doc.village,
        cadres: &doc.cadres,
        household: &doc.households[index],
        year: 2024,
        revision: 1,
        printed_on: chrono::NaiveDate::from_ymd_opt(2025, 1, 10).expect("date"),
        mask_ids: false,
        verdicts: vec![VerdictLine {
            rule_label: "基本医疗有保障".into(),
            outcome_label: "未达标".into(),
            reason:
                "阿依古丽·买买提江未参加大病保险，需在2025年3月31日前完成参保缴费并上传缴费凭证"
                    .into(),
        }],
        income: figures(&doc.households[index], 2024),
        line: Some((7300.0, "2024年防返贫监测标准（江西省）".into())),
        monitoring_line: Some((
            7300.0,
            "2024年防返贫监测范围（江西省；省乡村振兴局关于确定2024年防止返贫监测范围的通知）"
                .into(),
        )),
        reprint: None,
        decided_on: None,
        elimination: Vec::new(),
    }
}

/// The rules engine's income figures of a household for a year (national defaults).
pub(crate) fn figures(
    h: &crate::model::Household,
    year: i32,
) -> Option<crate::rules::IncomeFigures> {
    use crate::rules::{self, LocalPolicy, Overrides};
    let on = rules::year_end(year)?;
    let policy = rules::resolve(year, on, &LocalPolicy::default(), &Overrides::default()).ok()?;
    Some(rules::assess_household(h, &policy).income)
}

/// The fixture's big household grown to 30 members with very long texts.
fn stressed() -> VillageDocument {
    let mut doc = fixture();
    let h = &mut doc.households[0];
    let base = h.members.clone();
    for round in 1..=2 {
        for m in &base {
            let mut m = m.clone();
            m.id = format!("{}-{round}", m.id);
            m.name = format!(
                "{}{}",
                m.name,
                ["·𠮷䶮赟昇阿卜杜热合曼", "·买买提依明"][round - 1]
            );
            h.members.push(m);
        }
    }
    h.address = Some("江西省赣州市于都县𠮷村镇䶮赟村".repeat(5));
    h.measures[0].content =
        "发展脐橙种植并配套建设滴灌设施、修建生产便道、统一采购有机肥，".repeat(6);
    h.visits[0].found = "家中情况详见附页，".repeat(12);
    doc
}

#[test]
fn every_kind_keeps_text_inside_cells_without_overlap() {
    for doc in [fixture(), stressed()] {
        for index in 0..doc.households.len() {
            let ctx = context(&doc, index);
            for kind in CardKind::ALL {
                let layout = compose_card(kind, &ctx).expect("lays out");
                assert_fits(&layout, &format!("{kind:?} #{index}"));
            }
        }
    }
}

#[test]
fn large_household_runs_onto_pages_with_repeated_headers() {
    let doc = stressed();
    let layout = compose_card(CardKind::Household, &context(&doc, 0)).expect("lays out");
    assert!(
        layout.page_count() >= 3,
        "a 27-member household takes several pages"
    );
    let text = layout.text();
    let pages: Vec<&str> = text.split("=== 第").skip(1).collect();
    let with_member_header = pages.iter().filter(|p| p.contains("身份证号码")).count();
    assert!(
        with_member_header >= 2,
        "the member table's header repeats on the next page"
    );
    assert!(
        pages[1].contains("户档案卡（续）"),
        "continuation pages say whose card they are"
    );
}

#[test]
fn roster_and_notice_fit_too() {
    let doc = stressed();
    let rows: Vec<RosterRow> = (0..60)
        .map(|i| RosterRow {
            code: format!("360731-104-{i:04}"),
            head: if i % 7 == 0 {
                "阿卜杜热合曼·买买提依明𠮷".into()
            } else {
                "欧阳赟".into()
            },
            group: Some("上坪村民小组（老屋场自然村）".into()),
            size: 9,
            attribute: Some(crate::codes::Attribute::Tekun),
            status: Some(crate::codes::Status::RiskEliminated),
            main_cause: Some(crate::codes::Cause::LackMotivation),
            income_per_person: Some(123456.78),
            cadres: "慕容赟（于都县农业农村局）、王𠮷（𠮷村镇人民政府）".into(),
        })
        .collect();
    let date = chrono::NaiveDate::from_ymd_opt(2025, 1, 10).expect("date");
    let ctx = RosterContext {
        village: &doc.village,
        year: 2024,
        revision: 1,
        printed_on: date,
        reprint: None,
        poor_persons: poor_of(&rows),
        incidence: doc
            .village
            .rural_population
            .map(|p| f64::from(poor_of(&rows)) / f64::from(p)),
        rows,
    };
    let layout = compose_roster(&ctx).expect("roster");
    assert!(
        layout.page_count() >= 2,
        "60 households take more than one landscape page"
    );
    assert_fits(&layout, "roster");
    let pages = layout.text();
    assert_eq!(
        pages.matches("人均纯收入").count(),
        layout.page_count(),
        "the header repeats on each page"
    );

    let rows = (0..40)
        .map(|i| NoticeRow {
            group: Some("上坪村民小组（老屋场自然村）".into()),
            head: if i % 5 == 0 {
                "阿卜杜热合曼·买买提依明𠮷".into()
            } else {
                "刘桂英".into()
            },
            size: 3,
            decision: "拟退出（脱贫退出，继续享受帮扶政策）".into(),
        })
        .collect();
    let ctx = NoticeContext {
        village: &doc.village,
        year: 2024,
        kind: NoticeKind::Exit,
        period: (date, date + chrono::Days::new(6)),
        revision: 1,
        printed_on: date,
        reprint: None,
        rows,
    };
    assert_fits(&compose_notice(&ctx).expect("notice"), "notice");
}

/// What the rules engine counts for a roster: the persons of 未脱贫 and 返贫 households.
fn poor_of(rows: &[super::RosterRow]) -> u32 {
    rows.iter()
        .filter(|r| {
            matches!(
                r.status,
                Some(crate::codes::Status::Poor | crate::codes::Status::Relapsed)
            )
        })
        .map(|r| r.size)
        .sum()
}
