//! Papers from a ledger stand up to inspection: every printed total is the rules engine's
//! (and adds up) under each setting that changes what counts, the verdict rows are those
//! of the year, notices carry their stored dates, and past years' papers say 补打.

use super::*;
use crate::model::VillageDocument;
use crate::print::NoticeKind;
use crate::rules::{LocalParameter, LocalValueChange, ParamValue};
use crate::store::{Decision, DecisionKind};

const BIG: &str = "360731-104-0087";
const DIBAO: &str = "360731-104-0012";

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid date")
}

/// The print fixture (nine members; pension, business lines, costs) in a fresh ledger.
fn ledger() -> Ledger {
    let text = include_str!("../../tests/data/print/village.json");
    let doc: VillageDocument = serde_json::from_str(text).expect("fixture is exchange v1");
    let mut ledger = Ledger::open_in_memory().expect("ledger");
    crate::exchange::import_document_at(
        &mut ledger,
        doc,
        "village.json",
        date(2025, 1, 10),
        date(2014, 1, 1),
    )
    .expect("fixture imports");
    ledger
}

fn set(ledger: &mut Ledger, parameter: LocalParameter, value: ParamValue) {
    let change = LocalValueChange {
        parameter,
        value,
        from: date(2014, 1, 1),
        doc: None,
    };
    ledger
        .add_local_values(&[change], "测试：本县收入核算口径")
        .expect("local value");
}

/// The engine's figures for the household and year, as `assess` gives them.
fn engine(ledger: &Ledger, code: &str, year: i32) -> rules::IncomeFigures {
    let stored = ledger.household_by_code(code).expect("household");
    let village = ledger.village_by_id(&stored.village_id).expect("village");
    let on = rules::year_end(year).expect("year");
    let policy = paper_policy(ledger, &village.village, year, on).expect("policy");
    rules::assess_household(&stored.household.as_of(on), &policy).income
}

fn money(v: f64) -> String {
    crate::print::money_text(v)
}

/// Every total on the income sheet and the card is the engine's, and they add up.
fn assert_reconciles(ledger: &Ledger, why: &str) {
    let f = engine(ledger, BIG, 2024);
    let sum: f64 = f.by_category.iter().map(|c| c.amount).sum();
    assert!(
        (sum - f.counted).abs() < 0.005,
        "{why}: categories add up to the counted income"
    );
    assert!(
        (f.counted - f.expenses - f.net).abs() < 0.005,
        "{why}: net = counted − costs"
    );
    let pc = f.per_capita.expect("2024 is booked");
    assert!(
        (f.net / f.persons as f64 - pc).abs() < 0.005,
        "{why}: {} ÷ {} = {pc}",
        f.net,
        f.persons
    );
    let sheet = compose_household_card(ledger, BIG, CardKind::Income, 2024, date(2025, 1, 10))
        .expect("income sheet")
        .text();
    for printed in [
        format!("家庭纯收入 {} 元", money(f.net)),
        format!("家庭人口 {} 人 人均纯收入 {} 元", f.persons, money(pc)),
        format!("生产经营性支出 {} 元", money(f.expenses)),
        format!("计入纯收入的收入 {} 元", money(f.counted)),
    ] {
        assert!(
            sheet.contains(&printed),
            "{why}: the income sheet prints “{printed}”:\n{sheet}"
        );
    }
    let card = compose_household_card(ledger, BIG, CardKind::Household, 2024, date(2025, 1, 10))
        .expect("card")
        .text();
    let mut row: Vec<String> = f.by_category.iter().map(|c| money(c.amount)).collect();
    row.extend([
        money(f.expenses),
        money(f.net),
        format!("{} 人", f.persons),
        money(pc),
    ]);
    assert!(
        card.contains(&row.join(" ")),
        "{why}: the card's income row is the engine's: {row:?}"
    );
    assert!(
        card.contains(&format!("家庭人口 {} 人", f.persons)),
        "{why}: card size"
    );
}

#[test]
fn printed_totals_reconcile_under_every_counting_setting() {
    let mut l = ledger();
    assert_reconciles(&l, "national defaults");

    set(
        &mut l,
        LocalParameter::PensionCountsAsIncome,
        ParamValue::Flag(false),
    );
    let f = engine(&l, BIG, 2024);
    assert!(
        f.pension_excluded > 0.0,
        "the fixture's 养老保险金 is left out"
    );
    assert_reconciles(&l, "pension not counted");
    let sheet = compose_household_card(&l, BIG, CardKind::Income, 2024, date(2025, 1, 10))
        .expect("sheet")
        .text();
    assert!(
        sheet.replace('\n', "").contains("否（养老金不计）"),
        "the pension line says it is not counted"
    );

    set(
        &mut l,
        LocalParameter::UseCostRatios,
        ParamValue::Flag(true),
    );
    assert_reconciles(&l, "pension not counted, fixed cost ratios");
    let sheet = compose_household_card(&l, BIG, CardKind::Income, 2024, date(2025, 1, 10))
        .expect("sheet")
        .text()
        .replace('\n', "");
    assert!(
        sheet.contains("按本地规定的固定成本比例核算") && sheet.contains("（按收入的40%核算）"),
        "with cost ratios the sheet lists the engine's costs (生猪 at the livestock ratio):\n{sheet}"
    );
    assert!(
        !sheet.contains("生产经营性收入 脐橙种植化肥"),
        "a cost never reads 收入"
    );
}

fn rows(ledger: &Ledger, code: &str, year: i32) -> String {
    compose_household_card(ledger, code, CardKind::Household, year, date(2025, 1, 10))
        .expect("card")
        .text()
}

#[test]
fn verdict_rows_are_those_of_the_year() {
    let l = ledger();
    let y2016 = rows(&l, BIG, 2016);
    assert!(
        y2016.contains("脱贫退出"),
        "2016: a registered household's exit is judged"
    );
    assert!(
        !y2016.contains("贫困户识别"),
        "2016: a registered household is not re-identified"
    );
    assert!(
        !y2016.contains("纳入防返贫监测"),
        "2016: no monitoring before 2020"
    );
    let y2024 = rows(&l, BIG, 2024);
    for gone in [
        "脱贫退出",
        "贫困户识别",
        "未设置",
        "依据：",
        "转引",
        "沿用2020年标准",
    ] {
        assert!(
            !y2024.contains(gone),
            "2024 card prints no “{gone}”:\n{y2024}"
        );
    }
    for kept in [
        "不愁吃、不愁穿",
        "义务教育有保障",
        "基本医疗有保障",
        "住房安全有保障",
        "饮水安全有保障",
    ] {
        assert!(
            y2016.contains(kept) && y2024.contains(kept),
            "{kept} is on every card"
        );
    }
    let dibao = rows(&l, DIBAO, 2024);
    assert!(
        !dibao.contains("特困供养 否"),
        "no 特困 row for a household without 特困 facts"
    );
}

#[test]
fn notices_print_stored_dates_and_refuse_when_there_are_none() {
    let mut l = ledger();
    let village = "360731104201";
    let today = date(2026, 11, 29);
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("notice.pdf");
    let empty = notice(&mut l, village, 2018, NoticeKind::Exit, today, &out).unwrap_err();
    assert!(
        empty
            .to_string()
            .contains("2018年没有拟退出的农户，无需公示"),
        "an empty notice is refused: {empty}"
    );
    let undated = notice(&mut l, village, 2019, NoticeKind::Exit, today, &out).unwrap_err();
    assert!(
        undated.to_string().contains("--publicity-start"),
        "a notice without stored dates says how to record them: {undated}"
    );
    let dates = Decision {
        publicity_start: Some(date(2019, 11, 20)),
        ..Decision::default()
    };
    notice_with_dates(
        &mut l,
        village,
        2019,
        NoticeKind::Exit,
        today,
        &out,
        Some(&dates),
    )
    .expect("prints once the dates are recorded");
    let id = l.household_by_code(BIG).expect("household").household.id;
    let stored = l
        .decision(&id, DecisionKind::Exit, 2019)
        .expect("read")
        .expect("stored");
    assert_eq!(
        stored.publicity(),
        Some((date(2019, 11, 20), date(2019, 11, 26))),
        "an exit's 公示 lasts at least 7 days"
    );
    let short = Decision {
        publicity_start: Some(date(2019, 11, 20)),
        publicity_end: Some(date(2019, 11, 22)),
        ..Decision::default()
    };
    assert!(
        l.record_decision(&id, DecisionKind::Exit, 2019, &short)
            .is_err(),
        "a 3-day 公示 is refused"
    );
}

#[test]
fn a_past_years_paper_printed_again_says_so() {
    let mut l = ledger();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("card.pdf");
    let first = household_card(
        &mut l,
        BIG,
        CardKind::Income,
        2024,
        date(2025, 1, 10),
        &out,
        None,
    )
    .expect("first print");
    let again =
        compose_household_card(&l, BIG, CardKind::Income, 2024, date(2026, 3, 2)).expect("reprint");
    assert!(
        again.text().contains("补打（原打印日期："),
        "a 2024 sheet printed in 2026 carries the first print date: {}",
        again.text()
    );
    assert_eq!(
        first.checksum,
        again.checksum(),
        "the mark is outside the checksum"
    );
    let current = compose_household_card(&l, BIG, CardKind::Income, 2024, date(2024, 12, 1))
        .expect("current year");
    assert!(
        !current.text().contains("补打"),
        "the running year's paper is no reprint"
    );
}

/// The monitoring form prints for a household monitored on the paper's date (with the
/// engine's 12-month figures) and is refused, with the reason, for one that is not.
#[test]
fn monitoring_form_only_for_a_monitored_household() {
    let l = ledger();
    let form = compose_household_card(&l, BIG, CardKind::Monitoring, 2024, date(2025, 1, 10))
        .expect("a household monitored since 2024-05-06 has its form for 2024")
        .text();
    assert!(
        form.contains("防返贫监测信息采集表"),
        "the title is printed"
    );
    assert!(
        form.contains("2024-05-06"),
        "the identification date is printed"
    );
    let stored = l.household_by_code(BIG).expect("household");
    let village = l.village_by_id(&stored.village_id).expect("village");
    let on = date(2024, 12, 31);
    let policy = paper_policy(&l, &village.village, 2024, on).expect("policy");
    let window = rules::assess_household(&stored.household.as_of(on), &policy)
        .income
        .window;
    assert!(
        form.contains(&format!(
            "已记账{}／{}个月",
            window.booked_months, window.months
        )),
        "the booked months are the engine's"
    );
    assert!(
        form.contains(&money(window.net)),
        "the window's net income is the engine's ({})",
        window.net
    );

    let never = compose_household_card(&l, DIBAO, CardKind::Monitoring, 2024, date(2025, 1, 10))
        .expect_err("a household never monitored has no monitoring form");
    assert!(
        never.to_string().contains("未纳入防返贫监测"),
        "the refusal says why: {never}"
    );
    let before = compose_household_card(&l, BIG, CardKind::Monitoring, 2023, date(2025, 1, 10))
        .expect_err("before its identification the household was not monitored");
    assert!(
        before
            .to_string()
            .contains("2023年12月31日未纳入防返贫监测"),
        "the refusal names the date: {before}"
    );
}
