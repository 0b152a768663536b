//! Printed documents: the text of each kind (snapshots), the checksum's stability, masking,
//! the notice's privacy, batch printing and the PDF basics (A4, subset fonts, size).

use chrono::NaiveDate;
use yibentong::model::VillageDocument;
use yibentong::print::{
    self, CardContext, CardKind, NoticeContext, NoticeKind, NoticeRow, RosterContext, RosterRow,
    VerdictLine,
};

fn fixture() -> VillageDocument {
    let text = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/data/print/village.json"
    ))
    .expect("the print fixture is readable");
    serde_json::from_str(&text).expect("the print fixture is exchange v1")
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

fn verdicts() -> Vec<VerdictLine> {
    let v = |r: &str, o: &str, why: &str| VerdictLine {
        rule_label: r.to_string(),
        outcome_label: o.to_string(),
        reason: why.to_string(),
    };
    vec![
        v(
            "收入稳定超过标准",
            "达标",
            "人均纯收入高于2024年防返贫监测标准",
        ),
        v("义务教育有保障", "达标", "义务教育阶段适龄子女2人均在校"),
        v(
            "基本医疗有保障",
            "未达标",
            "阿依古丽·买买提江未参加大病保险",
        ),
        v("住房安全有保障", "达标", "住房B级（基本安全）"),
        v("饮水安全有保障", "达标", "饮水安全"),
    ]
}

/// The card context for household `index` of the fixture.
fn context(doc: &VillageDocument, index: usize) -> CardContext<'_> {
    CardContext {
        village: &doc.village,
        cadres: &doc.cadres,
        household: &doc.households[index],
        year: 2024,
        revision: 7,
        printed_on: date(2025, 1, 10),
        mask_ids: true,
        verdicts: verdicts(),
        income: Some(figures(&doc.households[index], 2024)),
        line: Some((7300.0, "2024年防返贫监测标准".to_string())),
        monitoring_line: Some((7300.0, "2024年防返贫监测范围（江西省）".to_string())),
        reprint: None,
        decided_on: None,
        elimination: Vec::new(),
    }
}

/// The rules engine's income figures for the year (national defaults): what the ledger passes.
fn figures(h: &yibentong::model::Household, year: i32) -> yibentong::rules::IncomeFigures {
    use yibentong::rules::{self, LocalPolicy, Overrides};
    let on = rules::year_end(year).expect("year");
    let policy = rules::resolve(year, on, &LocalPolicy::default(), &Overrides::default())
        .expect("national policy");
    rules::assess_household(h, &policy).income
}

fn roster_context(doc: &VillageDocument) -> RosterContext<'_> {
    let rows: Vec<RosterRow> = doc
        .households
        .iter()
        .map(|h| RosterRow {
            code: h.code.clone(),
            head: h.head().map(|m| m.name.clone()).unwrap_or_default(),
            group: h.group.clone(),
            size: h.members.len() as u32,
            attribute: h.attribute,
            status: h.status,
            main_cause: h.main_cause,
            income_per_person: Some(4321.5),
            cadres: "慕容赟（于都县农业农村局）、王𠮷（𠮷村镇人民政府）".to_string(),
        })
        .collect();
    RosterContext {
        village: &doc.village,
        year: 2024,
        revision: 3,
        printed_on: date(2025, 1, 10),
        reprint: None,
        poor_persons: poor_of(&rows),
        incidence: doc
            .village
            .rural_population
            .map(|p| f64::from(poor_of(&rows)) / f64::from(p)),
        rows,
    }
}

fn notice_context(doc: &VillageDocument) -> NoticeContext<'_> {
    let rows = doc
        .households
        .iter()
        .map(|h| NoticeRow {
            group: h.group.clone(),
            head: h.head().map(|m| m.name.clone()).unwrap_or_default(),
            size: h.members.len() as u32,
            decision: "拟纳入防返贫监测对象（脱贫不稳定户）".to_string(),
        })
        .collect();
    NoticeContext {
        village: &doc.village,
        year: 2024,
        kind: NoticeKind::Monitoring,
        period: (date(2024, 5, 10), date(2024, 5, 14)),
        revision: 3,
        printed_on: date(2025, 1, 10),
        reprint: None,
        rows,
    }
}

#[test]
fn household_card_text() {
    let doc = fixture();
    let layout =
        print::compose_card(CardKind::Household, &context(&doc, 0)).expect("card lays out");
    insta::assert_snapshot!("household_card", layout.text());
}

#[test]
fn visit_card_text() {
    let doc = fixture();
    let layout = print::compose_card(CardKind::Visits, &context(&doc, 0)).expect("card lays out");
    insta::assert_snapshot!("visit_card", layout.text());
}

#[test]
fn income_sheet_text() {
    let doc = fixture();
    let layout = print::compose_card(CardKind::Income, &context(&doc, 0)).expect("sheet lays out");
    insta::assert_snapshot!("income_sheet", layout.text());
}

#[test]
fn monitoring_card_text() {
    let doc = fixture();
    let layout =
        print::compose_card(CardKind::Monitoring, &context(&doc, 0)).expect("form lays out");
    insta::assert_snapshot!("monitoring_card", layout.text());
    let text = layout.text();
    for expected in [
        "防返贫监测信息采集表",
        "近12个月",
        "监测对象类别",
        "（签字／手印）",
        "信息采集人",
        "（盖章）",
    ] {
        assert!(text.contains(expected), "the form shows {expected}");
    }
    let small = print::compose_card(CardKind::Monitoring, &context(&doc, 1)).expect("lays out");
    assert_eq!(
        small.page_count(),
        1,
        "a small household's form is one A4 sheet, signatures included"
    );
}

#[test]
fn roster_text() {
    let doc = fixture();
    let layout = print::compose_roster(&roster_context(&doc)).expect("roster lays out");
    insta::assert_snapshot!("roster", layout.text());
}

#[test]
fn the_roster_prints_poverty_incidence_only_to_2020() {
    let doc = fixture();
    let text = |year| {
        let ctx = RosterContext {
            year,
            ..roster_context(&doc)
        };
        print::compose_roster(&ctx).expect("roster lays out").text()
    };
    assert!(text(2019).contains("贫困发生率"), "2019 counts the poor");
    assert!(
        !text(2024).contains("贫困发生率"),
        "after 2020 there is none to print"
    );
}

#[test]
fn notice_text() {
    let doc = fixture();
    let layout = print::compose_notice(&notice_context(&doc)).expect("notice lays out");
    insta::assert_snapshot!("notice", layout.text());
}

#[test]
fn checksum_is_stable_for_an_unchanged_record_and_ignores_the_print_date() {
    let doc = fixture();
    let ctx = context(&doc, 0);
    let a = print::household_card(&ctx).expect("prints");
    let b = print::household_card(&ctx).expect("prints again");
    assert_eq!(
        a.checksum, b.checksum,
        "an unchanged record prints the same checksum"
    );
    assert_eq!(
        a.bytes, b.bytes,
        "an unchanged record prints byte-identical PDFs (no random ids)"
    );
    assert_eq!(a.checksum.len(), 12, "the checksum is 12 hex digits");

    let later = CardContext {
        printed_on: date(2025, 3, 1),
        ..context(&doc, 0)
    };
    let c = print::compose_card(CardKind::Household, &later).expect("lays out");
    assert_eq!(
        c.checksum(),
        a.checksum,
        "the print date is not part of the checksum"
    );
    assert!(
        c.text().contains("打印日期：2025-03-01"),
        "the print date is printed"
    );
}

#[test]
fn checksum_changes_when_a_printed_field_changes() {
    let doc = fixture();
    let base = print::compose_card(CardKind::Household, &context(&doc, 0)).expect("lays out");
    let mut changed = doc.clone();
    changed.households[0].members[2].name = "欧阳升".to_string();
    let renamed =
        print::compose_card(CardKind::Household, &context(&changed, 0)).expect("lays out");
    assert_ne!(
        base.checksum(),
        renamed.checksum(),
        "a changed member name changes the checksum"
    );

    let mut changed = doc.clone();
    changed.households[0].conditions.sanitary_toilet = Some(false);
    let ticked = print::compose_card(CardKind::Household, &context(&changed, 0)).expect("lays out");
    assert_ne!(
        base.checksum(),
        ticked.checksum(),
        "a different tick changes the checksum"
    );

    let newer = CardContext {
        revision: 8,
        ..context(&doc, 0)
    };
    let newer = print::compose_card(CardKind::Household, &newer).expect("lays out");
    assert_ne!(
        base.checksum(),
        newer.checksum(),
        "a new revision changes the checksum"
    );

    for kind in [CardKind::Visits, CardKind::Income] {
        let a = print::compose_card(kind, &context(&doc, 0)).expect("lays out");
        let mut changed = doc.clone();
        changed.households[0].visits[0].done.push('。');
        changed.households[0].income[0].amount += 1.0;
        let b = print::compose_card(kind, &context(&changed, 0)).expect("lays out");
        assert_ne!(
            a.checksum(),
            b.checksum(),
            "{kind:?}: a changed record changes the checksum"
        );
    }
}

#[test]
fn id_numbers_are_masked_when_asked() {
    let doc = fixture();
    let full = doc.households[0].members[0]
        .id_number
        .clone()
        .expect("fixture has ids");
    let masked = print::compose_card(CardKind::Household, &context(&doc, 0))
        .expect("lays out")
        .text();
    assert!(
        !masked.contains(&full),
        "a masked card shows no full ID number"
    );
    assert!(
        masked.contains(&yibentong::idcard::mask(&full)),
        "a masked card shows 3607**********1234"
    );
    let open = CardContext {
        mask_ids: false,
        ..context(&doc, 0)
    };
    let open = print::compose_card(CardKind::Household, &open)
        .expect("lays out")
        .text();
    assert!(open.contains(&full), "an unmasked card shows the ID number");
}

fn longest_digit_run(text: &str) -> usize {
    let (mut run, mut best) = (0, 0);
    for c in text.chars() {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        best = best.max(run);
    }
    best
}

#[test]
fn notice_shows_no_id_phone_or_health_status() {
    let doc = fixture();
    let layout = print::compose_notice(&notice_context(&doc)).expect("lays out");
    let text = layout.text();
    assert!(
        text.contains("欧阳𠮷赟"),
        "the notice names the household head"
    );
    // The stamp carries the 12-digit village code; the notice's own text has no long number.
    let body = layout.body_text();
    assert!(
        longest_digit_run(&body) < 11,
        "no ID (15+ digits) or phone (11 digits) number: {body}"
    );
    for word in [
        "大病",
        "残疾",
        "慢性病",
        "长期慢性病",
        "患有",
        "健康",
        "1390797",
    ] {
        assert!(
            !text.contains(word),
            "the notice holds no health word or phone: {word}"
        );
    }

    let mut bad = notice_context(&doc);
    bad.rows[0].decision = "因患有大病拟纳入监测".to_string();
    let err = print::compose_notice(&bad).expect_err("a health word in a notice is refused");
    assert_eq!(err.code(), "invalid", "refused as invalid input: {err}");
    bad.rows[0].decision = "联系电话13907970123".to_string();
    assert!(
        print::compose_notice(&bad).is_err(),
        "a phone number in a notice is refused"
    );
}

#[test]
fn batch_prints_one_household_per_sheet_and_reports_progress() {
    let doc = fixture();
    let cards = vec![context(&doc, 0), context(&doc, 1)];
    let single: usize = cards
        .iter()
        .map(|c| {
            print::compose_card(CardKind::Household, c)
                .expect("lays out")
                .page_count()
        })
        .sum();
    let mut seen = Vec::new();
    let batch = print::household_cards(CardKind::Household, &cards, &mut |d, t| seen.push((d, t)))
        .expect("batch prints");
    assert_eq!(batch.pages, single, "each household starts on its own page");
    assert_eq!(
        seen.last(),
        Some(&(2, 2)),
        "progress ends at done == total: {seen:?}"
    );
    assert!(
        seen.windows(2).all(|w| w[0].0 < w[1].0),
        "progress only moves forward: {seen:?}"
    );
}

#[test]
fn pdfs_are_a4_with_subset_fonts_and_small() {
    let doc = fixture();
    let out = std::env::var_os("YIBENTONG_PRINT_DIR").map(std::path::PathBuf::from);
    let small = context(&doc, 1);
    let card = print::household_card(&small).expect("prints");
    assert_eq!(
        card.pages, 2,
        "a small household's record card is one sheet, printed on both sides"
    );
    assert!(
        card.bytes.len() <= 150_000,
        "a small household card is at most 150 KB: {}",
        card.bytes.len()
    );
    let one_page = print::visit_card(&small).expect("prints");
    assert!(one_page.bytes.starts_with(b"%PDF-"), "a PDF file");
    assert_eq!(one_page.pages, 1, "a visit card is one page");
    assert!(
        one_page.bytes.len() <= 150_000,
        "a one-page card is at most 150 KB: {}",
        one_page.bytes.len()
    );
    let text = String::from_utf8_lossy(&one_page.bytes);
    assert!(text.contains("595.27"), "A4 width in points");
    assert!(text.contains("841.89"), "A4 height in points");

    let ctx = context(&doc, 0);
    let docs = [
        ("card-household", print::card(CardKind::Household, &ctx)),
        ("card-visits", print::card(CardKind::Visits, &ctx)),
        ("income-sheet", print::card(CardKind::Income, &ctx)),
        ("monitoring", print::card(CardKind::Monitoring, &ctx)),
        ("roster", print::roster(&roster_context(&doc))),
        ("notice", print::notice(&notice_context(&doc))),
    ];
    for (name, printed) in docs {
        let printed = printed.unwrap_or_else(|e| panic!("{name} prints: {e}"));
        assert!(printed.pages >= 1, "{name} has pages");
        assert!(
            printed.bytes.len() < 400_000,
            "{name} embeds subset fonts only: {}",
            printed.bytes.len()
        );
        if let Some(dir) = &out {
            std::fs::create_dir_all(dir).expect("output dir");
            std::fs::write(dir.join(format!("{name}.pdf")), &printed.bytes).expect("write pdf");
        }
    }
}

/// What the rules engine counts for a roster: the persons of 未脱贫 and 返贫 households.
fn poor_of(rows: &[print::RosterRow]) -> u32 {
    rows.iter()
        .filter(|r| {
            matches!(
                r.status,
                Some(yibentong::codes::Status::Poor | yibentong::codes::Status::Relapsed)
            )
        })
        .map(|r| r.size)
        .sum()
}
