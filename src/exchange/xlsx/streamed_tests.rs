//! A county's workbook imported as it is read (`streamed.rs`) gives the ledger that reading
//! it whole gives; a sheet not in village order, or with a fault in a later village, is
//! read whole instead, nothing of the attempt kept.

use super::tests::{day, id_number, person, workbook, V};
use super::{import_bytes_at, import_whole, streamed};
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
    streamed::import(l, bytes, "t.xlsx", day(), day(), NewVillage::Create)
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
    let (mut read_as_it_comes, mut read_whole) = (
        Ledger::open_in_memory().unwrap(),
        Ledger::open_in_memory().unwrap(),
    );
    let list = streamed(&mut read_as_it_comes, &bytes).expect("imported as read");
    let whole = import_whole(
        &mut read_whole,
        &bytes,
        "t.xlsx",
        day(),
        day(),
        NewVillage::Create,
    )
    .unwrap();
    assert_eq!(list, whole);
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
    rows.swap(1, 2); // 来远村, 新寨村, 来远村, 石洞村
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
    let (mut read_as_it_comes, mut read_whole) = (
        Ledger::open_in_memory().unwrap(),
        Ledger::open_in_memory().unwrap(),
    );
    streamed(&mut read_as_it_comes, &bytes).expect("imported as read");
    import_whole(
        &mut read_whole,
        &bytes,
        "t.xlsx",
        on,
        on,
        NewVillage::Create,
    )
    .unwrap();
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
