//! Printing benchmark (`cargo bench --bench print`): one household card of each kind, and
//! the cards of the 300-household demo village in one PDF, each written to a file. Under
//! `cargo test` it runs once.

use std::time::Instant;
use yibentong::print::CardKind;
use yibentong::store::Ledger;

fn main() {
    let runs = if std::env::args().any(|a| a == "--bench") {
        20
    } else {
        1
    };
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    let mut ledger = Ledger::open_in_memory().unwrap();
    yibentong::demo::build(&mut ledger, 300, 2014, today, &mut |_, _| {}).unwrap();
    let village = ledger.villages().unwrap()[0].village.code.clone();
    let code = "3607291010010008"; // the demo village's largest household
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("card.pdf");
    for kind in [CardKind::Household, CardKind::Visits, CardKind::Income] {
        let t = Instant::now();
        let mut last = None;
        for _ in 0..runs {
            last = Some(
                yibentong::cards::household_card(&mut ledger, code, kind, 2019, today, &out, None)
                    .unwrap(),
            );
        }
        let doc = last.unwrap();
        let ms = t.elapsed().as_secs_f64() * 1000.0 / runs as f64;
        println!(
            "card {kind:?}: {ms:.1} ms, {} page(s), {} KB",
            doc.pages,
            doc.bytes.len() / 1024
        );
    }
    let t = Instant::now();
    let doc = yibentong::cards::village_cards(
        &mut ledger,
        yibentong::cards::Batch {
            village: &village,
            only: None,
            kind: CardKind::Household,
            year: 2019,
        },
        today,
        &dir.path().join("cards.pdf"),
        &mut |_, _| {},
    )
    .unwrap();
    println!(
        "cards of the demo village ({} pages) in one PDF: {:.2} s, {} KB",
        doc.pages,
        t.elapsed().as_secs_f64(),
        doc.bytes.len() / 1024
    );
}
