//! A county's workbook imported as it is read (`streamed.rs`) gives the ledger that reading
//! it whole gives (several villages, one village, villages the ledger has, spells of work);
//! a sheet not in village order, a fault in a later village, a spell `apply` would place
//! otherwise or a village not confirmed is read whole instead, nothing of the attempt kept.

use super::tests::{book, day, id_number, person, workbook, V};
use super::{import_bytes_at, import_whole, streamed, Reported};
use crate::codes::Sex;
use crate::exchange::{export_json, NewVillage};
use crate::store::Ledger;
use crate::Error;

/// A person's row of household `code` in village `village` (of the one township).
fn villager(code: &str, n: u32, village: &'static str, birth: i32) -> Vec<(&'static str, V)> {
    let mut row = person(code, n, "村民", id_number((birth, 3, 4), 11, Sex::Male));
    for (header, cell) in &mut row {
        if *header == "村" {
            *cell = V::T(village);
        }
    }
    row
}

/// Three villages, each household of one person.
fn county() -> Vec<Vec<(&'static str, V)>> {
    vec![
        villager("5227291022030001", 1, "来远村", 1960),
        villager("5227291022030002", 1, "来远村", 1961),
        villager("5227291022040001", 1, "新寨村", 1962),
        villager("5227291022050001", 1, "石洞村", 1963),
    ]
}

fn streamed(l: &mut Ledger, bytes: &[u8]) -> Option<Vec<crate::exchange::ImportSummary>> {
    let how = (day(), day(), NewVillage::Create);
    streamed::import(l, bytes, "t.xlsx", how, &mut Reported::quiet())
}

fn empty() -> Ledger {
    Ledger::open_in_memory().unwrap()
}

/// `bytes` imported as read into `as_read` and read whole into `whole` (two ledgers alike
/// before), as of `day()`; the summaries, which agree.
fn both_ways(
    mut as_read: Ledger,
    mut whole: Ledger,
    bytes: &[u8],
) -> (Ledger, Ledger, Vec<crate::exchange::ImportSummary>) {
    let list = streamed(&mut as_read, bytes).expect("imported as read");
    let how = (day(), day(), NewVillage::Create);
    let read_whole = import_whole(&mut whole, bytes, "t.xlsx", how, &mut Reported::quiet());
    assert_eq!(list, read_whole.unwrap());
    (as_read, whole, list)
}

fn villages(l: &Ledger) -> Vec<String> {
    let mut codes: Vec<String> = l
        .villages()
        .unwrap()
        .into_iter()
        .map(|v| v.village.code)
        .collect();
    codes.sort();
    codes
}

#[test]
fn villages_in_order_are_imported_as_read_and_alike_read_whole() {
    let bytes = workbook(&county(), &[]);
    let (read_as_it_comes, read_whole, list) = both_ways(empty(), empty(), &bytes);
    let codes: Vec<&str> = list.iter().map(|s| s.village.as_str()).collect();
    assert_eq!(codes, ["522729102203", "522729102204", "522729102205"]);
    assert_eq!(list[0].inserted, 2);
    for code in codes {
        assert_eq!(
            export_json(&read_as_it_comes, code).unwrap(),
            export_json(&read_whole, code).unwrap(),
            "{code}"
        );
    }
    // Each village under its own name on the audit rows, as when read whole.
    let reasons = |l: &Ledger| -> Vec<String> {
        let mut all: Vec<String> = l
            .audit_since("0")
            .unwrap()
            .into_iter()
            .filter_map(|e| e.reason)
            .collect();
        all.sort();
        all
    };
    let named = reasons(&read_as_it_comes);
    assert!(
        named.contains(&"导入文件 t.xlsx（新寨村，村代码522729102204）".to_string()),
        "{named:?}"
    );
    assert_eq!(named, reasons(&read_whole));
}

#[test]
fn a_village_whose_rows_come_back_after_another_is_read_whole() {
    let mut rows = county();
    let second = rows.remove(1);
    rows.push(second); // 来远村, 新寨村, 石洞村, 来远村: two villages written before the stop
    let bytes = workbook(&rows, &[]);
    let mut l = Ledger::open_in_memory().unwrap();
    assert!(streamed(&mut l, &bytes).is_none(), "not in village order");
    assert!(villages(&l).is_empty(), "nothing of the attempt is kept");
    let list = import_bytes_at(&mut l, &bytes, "t.xlsx", day(), day()).unwrap();
    let laiyuan = list.iter().find(|s| s.village == "522729102203").unwrap();
    assert_eq!(laiyuan.inserted, 2, "both households of 来远村");
    assert_eq!(villages(&l).len(), 3);
}

#[test]
fn a_bad_cell_in_a_later_village_leaves_the_ledger_as_it_was() {
    let mut rows = county();
    rows[3].push(("与户主关系", V::T("邻居")));
    rows[3].retain(|(h, c)| *h != "与户主关系" || matches!(c, V::T("邻居")));
    let bytes = workbook(&rows, &[]);
    let mut l = Ledger::open_in_memory().unwrap();
    assert!(streamed(&mut l, &bytes).is_none());
    assert!(
        villages(&l).is_empty(),
        "the villages before it are not kept"
    );
    assert!(
        l.audit_since("0").unwrap().is_empty(),
        "nor their audit rows"
    );
    let Err(Error::Validation(found)) = import_bytes_at(&mut l, &bytes, "t.xlsx", day(), day())
    else {
        panic!("refused");
    };
    assert!(
        found.iter().any(|f| f.path == "第7行“与户主关系”"),
        "the cell at fault: {found:?}"
    );
    assert!(villages(&l).is_empty());
}

#[test]
fn spells_of_work_go_with_their_village_as_it_is_read() {
    let on = day();
    let mut demo = Ledger::open_in_memory().unwrap();
    crate::demo::build(
        &mut demo,
        2 * crate::demo::VILLAGE_SIZE,
        5,
        on,
        &mut |_, _| {},
    )
    .unwrap();
    let docs: Vec<_> = demo
        .villages()
        .unwrap()
        .iter()
        .map(|v| crate::exchange::export_village_on(&demo, &v.village.code, on).unwrap())
        .collect();
    assert_eq!(docs.len(), 2);
    let refs: Vec<_> = docs.iter().collect();
    let bytes = super::write_villages(&demo, &refs, on).unwrap();
    let (read_as_it_comes, read_whole, _) = both_ways(empty(), empty(), &bytes);
    for doc in &docs {
        let code = &doc.village.code;
        let got = crate::exchange::export_village(&read_as_it_comes, code).unwrap();
        let spells = got
            .households
            .iter()
            .flat_map(|h| &h.members)
            .filter(|m| !m.work_spells.is_empty())
            .count();
        assert!(spells > 5, "{code}: members with spells of work: {spells}");
        assert_eq!(
            export_json(&read_as_it_comes, code).unwrap(),
            export_json(&read_whole, code).unwrap(),
            "{code}"
        );
    }
}

/// A workbook of `county()` with an 已外出务工 sheet of `spells` (header on row 3).
fn with_spells(headers: &[&str], spells: &[Vec<&str>]) -> Vec<u8> {
    let mut book = book(&county(), &[]);
    let sheet = book.add_worksheet();
    sheet.set_name("已外出务工").unwrap();
    sheet.write_string(0, 0, "已外出务工信息").unwrap();
    for (c, h) in headers.iter().enumerate() {
        sheet.write_string(2, c as u16, *h).unwrap();
    }
    for (r, row) in spells.iter().enumerate() {
        for (c, text) in row.iter().enumerate() {
            sheet.write_string(3 + r as u32, c as u16, *text).unwrap();
        }
    }
    book.save_to_buffer().unwrap()
}

/// The months the spells of work of a person (by ID number) begin, in the ledger's order.
fn spells_of(l: &Ledger, village: &str, id_number: &str) -> Vec<String> {
    let doc = crate::exchange::export_village(l, village).unwrap();
    doc.households
        .iter()
        .flat_map(|h| &h.members)
        .filter(|m| m.id_number.as_deref() == Some(id_number))
        .flat_map(|m| m.work_spells.iter().map(|s| s.from.to_string()))
        .collect()
}

#[test]
fn spells_found_by_id_number_alone_go_with_their_village_in_month_order() {
    let person = id_number((1962, 3, 4), 11, Sex::Male); // 新寨村
    let bytes = with_spells(
        &["证件号码", "开始时间", "结束时间"],
        &[
            vec![&person, "2025年03月", "2025年06月"],
            vec![&person, "2024年01月", "2024年09月"],
        ],
    );
    let (read_as_it_comes, read_whole, _) = both_ways(empty(), empty(), &bytes);
    let got = spells_of(&read_as_it_comes, "522729102204", &person);
    assert_eq!(got.len(), 2, "{got:?}");
    assert!(got[0] < got[1], "in month order: {got:?}");
    assert_eq!(got, spells_of(&read_whole, "522729102204", &person));
}

#[test]
fn a_spell_of_nobody_or_placed_by_its_id_number_against_its_person_code_is_read_whole() {
    let person = id_number((1963, 3, 4), 11, Sex::Male); // 石洞村
                                                         // A 人编号 no member has, with the ID number of one: `apply` places it by the number.
    let by_number = with_spells(
        &["人编号", "证件号码", "开始时间"],
        &[vec!["522729102205000199", &person, "2025年05月"]],
    );
    let mut l = Ledger::open_in_memory().unwrap();
    assert!(streamed(&mut l, &by_number).is_none());
    assert!(villages(&l).is_empty(), "nothing of the attempt is kept");
    import_bytes_at(&mut l, &by_number, "t.xlsx", day(), day()).unwrap();
    assert_eq!(spells_of(&l, "522729102205", &person).len(), 1);

    // Nobody of the workbook: refused at its row and column.
    let nobody = id_number((1999, 3, 4), 11, Sex::Male);
    let bytes = with_spells(&["证件号码", "开始时间"], &[vec![&nobody, "2025年05月"]]);
    let mut l = Ledger::open_in_memory().unwrap();
    assert!(streamed(&mut l, &bytes).is_none());
    let Err(Error::Validation(found)) = import_bytes_at(&mut l, &bytes, "t.xlsx", day(), day())
    else {
        panic!("refused");
    };
    assert!(
        found
            .iter()
            .any(|f| f.path == "“已外出务工”表第4行“证件号码”"),
        "{found:?}"
    );
    assert!(villages(&l).is_empty());
}

#[test]
fn a_workbook_of_one_village_goes_under_its_files_name() {
    let bytes = workbook(&county()[..2], &[]);
    let mut l = Ledger::open_in_memory().unwrap();
    let list = streamed(&mut l, &bytes).expect("imported as read");
    assert_eq!(list.len(), 1);
    let reasons: Vec<String> = l
        .audit_since("0")
        .unwrap()
        .into_iter()
        .filter_map(|e| e.reason)
        .collect();
    assert!(!reasons.is_empty());
    assert!(
        reasons.iter().all(|r| r == "导入文件 t.xlsx"),
        "{reasons:?}"
    );
}

#[test]
fn a_village_the_ledger_has_keeps_what_the_sheet_does_not_carry_and_new_ones_are_asked_for() {
    // The ledger has 来远村 (its population recorded), no households yet.
    let ledger = || {
        let mut l = Ledger::open_in_memory().unwrap();
        let mut sheet = Ledger::open_in_memory().unwrap();
        import_bytes_at(
            &mut sheet,
            &workbook(&county()[..1], &[]),
            "t.xlsx",
            day(),
            day(),
        )
        .unwrap();
        let mut doc = crate::exchange::export_village(&sheet, "522729102203").unwrap();
        doc.households.clear();
        doc.village.rural_population = Some(1234);
        crate::exchange::import_document_at(&mut l, doc, "v.json", day(), day()).unwrap();
        l
    };
    let bytes = workbook(&county(), &[]);
    let mut l = ledger();
    let how = (day(), day(), NewVillage::AskFirst);
    let asked = streamed::import(&mut l, &bytes, "t.xlsx", how, &mut Reported::quiet());
    assert!(asked.is_none(), "two villages the ledger does not have");
    let Err(Error::NewVillage(said)) =
        super::import_bytes_with(&mut l, &bytes, "t.xlsx", day(), day(), NewVillage::AskFirst)
    else {
        panic!("asked for");
    };
    assert!(
        said.contains("522729102204") && said.contains("522729102205"),
        "{said}"
    );
    assert_eq!(villages(&l), ["522729102203"]);

    let (read_as_it_comes, read_whole, _) = both_ways(l, ledger(), &bytes);
    let village = crate::exchange::export_village(&read_as_it_comes, "522729102203").unwrap();
    assert_eq!(village.village.rural_population, Some(1234));
    assert_eq!(village.households.len(), 2);
    assert_eq!(
        export_json(&read_as_it_comes, "522729102203").unwrap(),
        export_json(&read_whole, "522729102203").unwrap()
    );
}

/// How far an import has come, in thousandths as told to `progress`.
fn told(l: &mut Ledger, bytes: &[u8]) -> Vec<usize> {
    let mut said = Vec::new();
    let how = (day(), day(), NewVillage::Create);
    super::import_bytes_reporting(l, bytes, "t.xlsx", how, &mut |done, total| {
        assert_eq!(total, 1000);
        said.push(done);
    })
    .unwrap();
    said
}

#[test]
fn how_far_an_import_has_come_is_told_once_each_and_only_forward() {
    let bytes = workbook(&county(), &[]);
    let mut l = empty();
    let as_read = told(&mut l, &bytes);
    assert!(!as_read.is_empty());
    assert!(as_read.windows(2).all(|w| w[0] < w[1]), "{as_read:?}");
    assert!(as_read.iter().all(|&p| p <= 1000), "{as_read:?}");
    // Again over the households: read whole (the first half), then written village by
    // village (the second).
    let whole = told(&mut l, &bytes);
    assert!(whole.windows(2).all(|w| w[0] < w[1]), "{whole:?}");
    assert_eq!(&whole[whole.len() - 3..], [500, 666, 833], "{whole:?}");

    // Read as it comes, then stopped (a village's rows come back) and read whole: the
    // bar never goes back.
    let mut rows = county();
    let second = rows.remove(1);
    rows.push(second);
    let back = told(&mut empty(), &workbook(&rows, &[]));
    assert!(back.windows(2).all(|w| w[0] < w[1]), "{back:?}");
}
