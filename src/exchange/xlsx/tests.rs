//! Imports of small workbooks written here cell by cell (the monitoring system's layout:
//! title rows, header on row 3): reading the same workbook twice, export and import of a
//! bill after elimination, 户编号 of two villages, rows that only look filled, a risk
//! named twice, the no-ID marker 999999, and the 帮扶措施 columns read as measures.

use super::{import_bytes_at, write_village};
use crate::codes::{MeasureClass, MeasureItem, Risk, Sex};
use crate::exchange::{export_village, ImportSummary};
use crate::store::Ledger;
use crate::{Error, Result};
use chrono::NaiveDate;
use rust_xlsxwriter::Workbook;

const VILLAGE: &str = "522729102203";
const HOUSEHOLD: &str = "5227291022030001";

/// A cell: text, or a number (a 序号 typed as one).
pub(super) enum V {
    T(&'static str),
    S(String),
    N(f64),
}

pub(super) fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()
}

pub(super) fn id_number(birth: (i32, u32, u32), sequence: u16, sex: Sex) -> String {
    let (y, m, d) = birth;
    crate::idcard::build(
        "522729",
        NaiveDate::from_ymd_opt(y, m, d).unwrap(),
        sequence,
        sex,
    )
}

/// A person's row of household `code` (县, 乡, 村 and the household's type filled in).
pub(super) fn person(code: &str, n: u32, name: &'static str, id: String) -> Vec<(&'static str, V)> {
    vec![
        ("县", V::T("长顺县")),
        ("乡", V::T("广顺镇")),
        ("村", V::T("来远村")),
        ("户编号", V::S(code.to_string())),
        ("人编号", V::S(format!("{code}{n:02}"))),
        ("姓名", V::T(name)),
        ("证件号码", V::S(id)),
        ("与户主关系", V::T(if n == 1 { "户主" } else { "配偶" })),
        ("户类型", V::T("脱贫户")),
    ]
}

/// A household monitored for sudden hardship, identified in January 2024 and its risk
/// eliminated in July.
fn monitored() -> Vec<(&'static str, V)> {
    vec![
        ("监测对象类别", V::T("突发严重困难户")),
        ("致贫/返贫风险1", V::T("因病")),
        ("风险是否已消除", V::T("是")),
        ("风险消除方式", V::T("自然消除")),
        ("识别监测时间", V::T("202401")),
        ("消除监测时间", V::T("202407")),
    ]
}

fn head() -> Vec<(&'static str, V)> {
    person(
        HOUSEHOLD,
        1,
        "班正国",
        id_number((1982, 7, 8), 11, Sex::Male),
    )
}

/// A workbook of `rows` (each a list of header and cell) under a header on row 3 naming
/// every column any row fills, in order of first appearance; then `extra` cells
/// (0-based row, column, value) as they are.
pub(super) fn workbook(rows: &[Vec<(&'static str, V)>], extra: &[(u32, u16, V)]) -> Vec<u8> {
    book(rows, extra).save_to_buffer().unwrap()
}

/// `workbook`, unsaved: more sheets may follow.
pub(super) fn book(rows: &[Vec<(&'static str, V)>], extra: &[(u32, u16, V)]) -> Workbook {
    let mut headers: Vec<&str> = Vec::new();
    for (h, _) in rows.iter().flatten() {
        if !headers.contains(h) {
            headers.push(h);
        }
    }
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let put = |sheet: &mut rust_xlsxwriter::Worksheet, r: u32, c: u16, v: &V| {
        match v {
            V::T(t) => sheet.write_string(r, c, *t),
            V::S(t) => sheet.write_string(r, c, t),
            V::N(n) => sheet.write_number(r, c, *n),
        }
        .map(|_| ())
        .unwrap()
    };
    put(sheet, 0, 0, &V::T("监测对象信息"));
    for (c, h) in headers.iter().enumerate() {
        put(sheet, 2, c as u16, &V::S(h.to_string()));
    }
    for (i, row) in rows.iter().enumerate() {
        for (h, v) in row {
            let c = headers.iter().position(|x| x == h).unwrap();
            put(sheet, 3 + i as u32, c as u16, v);
        }
    }
    for (r, c, v) in extra {
        put(sheet, *r, *c, v);
    }
    book
}

fn import(l: &mut Ledger, bytes: &[u8]) -> Result<ImportSummary> {
    import_bytes_at(l, bytes, "t.xlsx", day(), day()).map(|mut list| {
        assert_eq!(list.len(), 1, "one village: {list:?}");
        list.remove(0)
    })
}

#[test]
fn the_same_workbook_imported_twice_changes_nothing_the_second_time() {
    // Identified and eliminated in 2024: the 风险消除后 columns are the year's book.
    let mut row = head();
    row.extend(monitored());
    row.extend([
        ("工资性收入", V::N(8000.0)),
        ("风险消除后工资性收入", V::N(30000.0)),
        ("风险消除后理赔收入", V::N(5000.0)),
    ]);
    let bytes = workbook(&[row], &[]);
    let mut l = Ledger::open_in_memory().unwrap();
    assert_eq!(import(&mut l, &bytes).unwrap().inserted, 1);
    let first = export_village(&l, VILLAGE).unwrap();
    let again = import(&mut l, &bytes).unwrap();
    assert_eq!(
        (again.inserted, again.updated, again.unchanged),
        (0, 0, 1),
        "未变 1 户"
    );
    assert_eq!(export_village(&l, VILLAGE).unwrap(), first);
    let income: Vec<(i32, &str, f64, bool)> = first.households[0]
        .income
        .iter()
        .map(|x| (x.year, x.item.as_str(), x.amount, x.counted))
        .collect();
    assert_eq!(
        income,
        vec![
            (2024, "工资性收入", 30000.0, true),
            (2024, "理赔收入", 5000.0, false)
        ]
    );
}

#[test]
fn a_bill_after_elimination_keeps_its_day_through_export_and_import() {
    let mut row = head();
    row.extend(monitored());
    row.extend([
        ("合规自付支出", V::N(15000.0)),
        ("风险消除后合规自付支出", V::N(2000.0)),
    ]);
    let mut a = Ledger::open_in_memory().unwrap();
    import(&mut a, &workbook(&[row], &[])).unwrap();
    let bills = |l: &Ledger| -> Vec<(String, f64)> {
        export_village(l, VILLAGE).unwrap().households[0]
            .rigid_expenses
            .iter()
            .map(|r| (r.date.to_string(), r.amount))
            .collect()
    };
    let elimination = vec![("2024-07-01".to_string(), 2000.0)];
    assert_eq!(bills(&a), elimination, "the book of 2024 after elimination");
    let doc = export_village(&a, VILLAGE).unwrap();
    let exported = write_village(&a, &doc, day()).unwrap();
    let mut b = Ledger::open_in_memory().unwrap();
    import(&mut b, &exported).unwrap();
    assert_eq!(bills(&b), elimination, "the day survives the round trip");
}

/// A 户编号 of another code on a row naming the same 县/乡/村 is a mistyped code (a
/// township's workbook of several villages names each by its own 村).
#[test]
fn a_household_code_of_another_village_is_refused_at_its_cell() {
    let rows = [
        person(HOUSEHOLD, 1, "甲", id_number((1960, 1, 1), 11, Sex::Male)),
        person(
            "5227291022040001",
            1,
            "乙",
            id_number((1965, 2, 2), 11, Sex::Male),
        ),
    ];
    let mut l = Ledger::open_in_memory().unwrap();
    let Err(Error::Validation(found)) = import(&mut l, &workbook(&rows, &[])) else {
        panic!("one village's rows under two codes are refused");
    };
    assert!(
        found.iter().any(|f| f.path == "第5行“户编号”"
            && f.message.contains("522729102204")
            && f.message.contains("同一个村只能有一个村代码")),
        "{found:?}"
    );
    assert!(l.villages().unwrap().is_empty(), "nothing is written");
}

#[test]
fn a_row_of_spaces_or_of_a_running_number_alone_is_blank() {
    // Row 6 holds a space under 姓名; row 5 a 序号 and nothing else.
    let mut row = head();
    row.push(("序号", V::N(1.0)));
    let seq = (row.len() - 1) as u16;
    for extra in [(5, 1, V::T(" ")), (4, seq, V::N(2.0))] {
        let bytes = workbook(std::slice::from_ref(&row), &[extra]);
        let mut l = Ledger::open_in_memory().unwrap();
        let s = import(&mut l, &bytes).expect("the blank row is skipped");
        assert_eq!(s.inserted, 1);
    }
}

#[test]
fn a_risk_named_twice_is_one_risk() {
    let mut row = head();
    row.extend([
        ("监测对象类别", V::T("突发严重困难户")),
        ("致贫/返贫风险1", V::T("因病")),
        ("致贫/返贫风险2", V::T("因残")),
        ("致贫/返贫风险3", V::T("因病")),
        ("风险是否已消除", V::T("否")),
        ("识别监测时间", V::T("202401")),
    ]);
    let mut l = Ledger::open_in_memory().unwrap();
    import(&mut l, &workbook(&[row], &[])).unwrap();
    let doc = export_village(&l, VILLAGE).unwrap();
    let risks = &doc.households[0].monitoring.as_ref().unwrap().risks;
    assert_eq!(risks, &vec![Risk::Illness, Risk::Disability]);
}

#[test]
fn an_id_number_starting_with_999999_is_no_id_number() {
    let rows = [
        head(),
        person(HOUSEHOLD, 2, "乙", "999999196203052222".into()),
    ];
    let mut l = Ledger::open_in_memory().unwrap();
    import(&mut l, &workbook(&rows, &[])).expect("the marker is not a check-digit error");
    let doc = export_village(&l, VILLAGE).unwrap();
    let spouse = doc.households[0]
        .members
        .iter()
        .find(|m| m.name == "乙")
        .unwrap();
    assert_eq!(spouse.id_number, None);
    let again = import(&mut l, &workbook(&rows, &[])).unwrap();
    assert_eq!(again.unchanged, 1, "read again, the member is the same");
}

#[test]
fn the_measure_columns_are_read_as_measures_once_and_written_back_alike() {
    let mut row = head();
    row.extend(monitored());
    row.extend([
        ("产业帮扶", V::T("其他")),
        ("就业帮扶", V::T("外出务工补贴，技能培训")),
        ("义务教育保障", V::T("营养改善计划补助")),
        ("饮水安全保障", V::T("饮水工程")),
        ("综合保障", V::T("低保、残疾人补贴;低保")),
        // No class of ours: not read.
        ("公益岗位帮扶", V::T("护林员")),
        ("社会帮扶", V::T("结对帮扶")),
    ]);
    let bytes = workbook(&[row], &[]);
    let mut a = Ledger::open_in_memory().unwrap();
    assert_eq!(import(&mut a, &bytes).unwrap().inserted, 1);
    let doc = export_village(&a, VILLAGE).unwrap();
    let measures = &doc.households[0].measures;
    let read: Vec<(MeasureClass, Option<MeasureItem>, &str)> = measures
        .iter()
        .map(|m| (m.class, m.item, m.content.as_str()))
        .collect();
    use MeasureClass as C;
    use MeasureItem as I;
    assert_eq!(
        read,
        vec![
            (C::Industry, None, "其他"),
            (C::Employment, Some(I::TravelSubsidy), "外出务工补贴"),
            (C::Employment, Some(I::SkillsTraining), "技能培训"),
            (C::Education, None, "营养改善计划补助"),
            (C::Infrastructure, None, "饮水工程"),
            (C::SocialSecurity, Some(I::Dibao), "低保"),
            (
                C::SocialSecurity,
                Some(I::DisabilityAllowance),
                "残疾人补贴"
            ),
        ],
        "each word once, of its column's class and the sub-kind its words are"
    );
    assert!(
        measures
            .iter()
            .all(|m| m.start == day() && m.end.is_none() && m.id.is_some()),
        "begun on the sheet's date, with an id: {measures:?}"
    );

    let again = import(&mut a, &bytes).unwrap();
    assert_eq!(
        (again.inserted, again.updated, again.unchanged),
        (0, 0, 1),
        "read twice, nothing is added: 未变 1 户"
    );
    assert_eq!(export_village(&a, VILLAGE).unwrap(), doc);

    let exported = write_village(&a, &doc, day()).unwrap();
    let sheet = super::sheet::read(&exported, &mut |_| {}).unwrap();
    let cell = |kind| {
        let field = super::columns::Field::Assistance(kind);
        sheet.rows[0].text(field).unwrap().map(str::to_string)
    };
    use super::columns::Assist as A;
    let written = [
        A::Industry,
        A::Employment,
        A::CompulsoryEducation,
        A::Water,
        A::Social,
        A::Education,
        A::Infrastructure,
    ]
    .map(cell);
    let words = |t: &str| Some(t.to_string());
    assert_eq!(
        written,
        [
            words("其他"),
            words("外出务工补贴,技能培训"),
            words("营养改善计划补助"),
            words("饮水工程"),
            words("低保,残疾人补贴"),
            None,
            None
        ],
        "the same words written back, each under its own column"
    );
    let back = import(&mut a, &exported).unwrap();
    assert_eq!(back.unchanged, 1, "our export read back adds nothing");
    let mut b = Ledger::open_in_memory().unwrap();
    import(&mut b, &exported).unwrap();
    assert_eq!(
        export_village(&b, VILLAGE).unwrap().households[0].measures,
        doc.households[0].measures,
        "a second ledger reads the same measures"
    );
}

#[test]
fn a_measure_of_the_ledger_is_kept_and_its_words_add_nothing() {
    let mut a = Ledger::open_in_memory().unwrap();
    import(&mut a, &workbook(&[head()], &[])).unwrap();
    let mut doc = export_village(&a, VILLAGE).unwrap();
    doc.households[0].measures.push(crate::model::Measure {
        id: None,
        class: MeasureClass::Employment,
        item: Some(MeasureItem::SkillsTraining),
        content: "电焊培训".into(),
        scale: None,
        funds: Some(800.0),
        funder: None,
        start: NaiveDate::from_ymd_opt(2025, 9, 1).unwrap(),
        end: None,
        result: None,
        income_gain: None,
    });
    crate::exchange::import_document(&mut a, doc, "v.json", day()).unwrap();
    let before = export_village(&a, VILLAGE).unwrap().households[0]
        .measures
        .clone();
    let mut row = head();
    row.push(("就业帮扶", V::T("技能培训,劳务输出")));
    let s = import(&mut a, &workbook(&[row], &[])).unwrap();
    assert_eq!(s.updated, 1, "{s:?}");
    let after = export_village(&a, VILLAGE).unwrap().households[0]
        .measures
        .clone();
    assert_eq!(after.len(), 2, "技能培训 is the ledger's: {after:?}");
    assert_eq!(
        after[0], before[0],
        "the ledger's measure is left as it was"
    );
    assert_eq!(
        (after[1].item, after[1].content.as_str()),
        (Some(MeasureItem::LaborExport), "劳务输出")
    );
}

#[test]
fn words_part_at_line_breaks_and_spaces_and_none_says_none() {
    let mut a = Ledger::open_in_memory().unwrap();
    let mut row = head();
    row.push(("就业帮扶", V::T("外出务工补贴\n技能培训")));
    row.push(("健康帮扶", V::T("家庭医生签约 大病救治")));
    row.push(("产业帮扶", V::T("无")));
    row.push(("金融帮扶", V::T("0")));
    import(&mut a, &workbook(&[row], &[])).unwrap();
    let measures = &export_village(&a, VILLAGE).unwrap().households[0].measures;
    let words: Vec<&str> = measures.iter().map(|m| m.content.as_str()).collect();
    assert_eq!(
        words,
        ["外出务工补贴", "技能培训", "家庭医生签约", "大病救治"],
        "Alt+Enter and spaces part words; 无 and 0 are no measure"
    );
}

#[test]
fn a_measure_that_had_ended_comes_back_with_a_later_sheet() {
    let mut a = Ledger::open_in_memory().unwrap();
    let mut row = head();
    row.push(("就业帮扶", V::T("技能培训")));
    let sheet = workbook(&[row], &[]);
    let spring = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
    import_bytes_at(&mut a, &sheet, "t.xlsx", day(), spring).unwrap();
    // The cadre ends it in October 2025.
    let mut doc = export_village(&a, VILLAGE).unwrap();
    doc.households[0].measures[0].end = NaiveDate::from_ymd_opt(2025, 10, 31);
    crate::exchange::import_document(&mut a, doc, "v.json", day()).unwrap();
    // The sheet of January 2026 lists it again: a measure of 2026 beside the ended one.
    let s = import(&mut a, &sheet).unwrap();
    assert_eq!(s.updated, 1, "{s:?}");
    let measures = &export_village(&a, VILLAGE).unwrap().households[0].measures;
    assert_eq!(measures.len(), 2, "{measures:?}");
    assert_eq!((measures[1].start, measures[1].end), (day(), None));
    let s = import(&mut a, &sheet).unwrap();
    assert_eq!(s.unchanged, 1, "the same sheet again adds nothing: {s:?}");
}

#[test]
fn the_systems_other_spellings_are_read_as_the_sub_kind() {
    let mut a = Ledger::open_in_memory().unwrap();
    let mut row = head();
    row.push(("健康帮扶", V::T("城乡居民基本医疗保险个人缴费补贴")));
    row.push(("就业帮扶", V::T("外出劳务补贴")));
    let sheet = workbook(&[row], &[]);
    import(&mut a, &sheet).unwrap();
    let measures = &export_village(&a, VILLAGE).unwrap().households[0].measures;
    let items: Vec<_> = measures.iter().map(|m| m.item).collect();
    assert_eq!(
        items,
        [
            Some(MeasureItem::TravelSubsidy),
            Some(MeasureItem::InsuranceSubsidy)
        ],
        "in the columns' order"
    );
    assert_eq!(
        import(&mut a, &sheet).unwrap().unchanged,
        1,
        "read again: nothing"
    );
}

#[test]
fn a_households_rows_may_list_its_measures_in_any_order_but_not_others() {
    let spouse = || {
        person(
            HOUSEHOLD,
            2,
            "罗秀英",
            id_number((1984, 3, 2), 22, Sex::Female),
        )
    };
    let rows = |second: &'static str| {
        let mut a = head();
        a.push(("综合保障", V::T("低保,残疾人补贴")));
        let mut b = spouse();
        b.push(("综合保障", V::T(second)));
        workbook(&[a, b], &[])
    };
    let mut l = Ledger::open_in_memory().unwrap();
    import(&mut l, &rows("残疾人补贴、低保")).expect("the same measures in another order");
    let Err(Error::Validation(found)) = import(&mut l, &rows("低保")) else {
        panic!("a row that names other measures is refused");
    };
    assert!(found[0].message.contains("不一致"), "{found:?}");
}

/// Two villages of one name in two townships (新寨村 is common) are two villages, not a
/// mistyped code: the rule holds within a township (the codes' first nine digits).
#[test]
fn villages_of_one_name_in_two_townships_are_two_villages() {
    let rows = [
        person(HOUSEHOLD, 1, "甲", id_number((1960, 1, 1), 11, Sex::Male)),
        person(
            "5227291012030001",
            1,
            "乙",
            id_number((1965, 2, 2), 11, Sex::Male),
        ),
    ];
    let mut l = Ledger::open_in_memory().unwrap();
    let list = import_bytes_at(&mut l, &workbook(&rows, &[]), "t.xlsx", day(), day())
        .expect("two villages");
    let codes: Vec<&str> = list.iter().map(|s| s.village.as_str()).collect();
    assert_eq!(codes, ["522729102203", "522729101203"]);
}

/// One person in two villages of a file is found whatever the case of the check digit
/// and however a 残疾人证号 carries the ID; the monitoring system's marker for no ID
/// number (999999…) is nobody.
#[test]
fn the_person_of_an_id_number_cell() {
    use super::villages::person_of;
    assert_eq!(
        person_of(" 52272919650202011x ").as_deref(),
        Some("52272919650202011X")
    );
    assert_eq!(
        person_of("52272919650202011X42").as_deref(),
        Some("52272919650202011X")
    );
    assert_eq!(person_of("999999000000000001"), None);
    assert_eq!(person_of("  "), None);
}
