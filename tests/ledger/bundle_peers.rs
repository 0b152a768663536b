//! One village merged at the township from two ledgers (design note 0017): the second laptop
//! was set up from an export, not from a township bundle, so it shares no bundle with the
//! township. Its first bundle must not be compared with the first laptop's version: a change
//! the first laptop made since would look undone by the second and be undone, silently.

use crate::bundle::{edit, export, exported, ok, run, Pair};

fn phone(db: &std::path::Path) -> String {
    let h = exported(db, "3607291010990001");
    h["phone"].as_str().unwrap_or_default().to_string()
}

#[test]
fn a_second_laptops_bundle_never_undoes_the_first_laptops_change() {
    let p = Pair::new();
    ok(p.merge(&p.township, &p.send("1.bundle")));
    // The second laptop starts from the village's export.
    let file = p.file("村.json");
    std::fs::write(&file, export(&p.laptop)).unwrap();
    let second = p.file("second.db");
    ok(run(&second, "李队员", &["import", file.to_str().unwrap()]));

    edit(&p.laptop, "陈第一", "3607291010990001", |h| {
        h.phone = Some("13911112222".into())
    });
    ok(p.merge(&p.township, &p.send("2.bundle")));
    assert_eq!(phone(&p.township), "13911112222");

    edit(&second, "李队员", "3607291010990002", |h| {
        h.address = Some("新村路8号".into())
    });
    let b = p.bundle(&second, "李队员", "金龙镇", "二号电脑1.bundle");
    let said = ok(p.merge(&p.township, &b));
    assert_eq!(
        phone(&p.township),
        "13911112222",
        "the first laptop's change stands: {said}"
    );
    let listed = ok(run(&p.township, "乡镇统计员", &["conflicts"]));
    assert!(
        listed.contains("联系电话") && listed.contains("13911112222"),
        "with no common ground the difference is listed, the township's value kept: {listed}"
    );

    // The first laptop's next bundle is compared with its own last one, not the second's.
    edit(&p.laptop, "陈第一", "3607291010990001", |h| {
        h.phone = Some("13933334444".into())
    });
    let said = ok(p.merge(&p.township, &p.send("3.bundle")));
    assert!(said.contains("冲突 0 处"), "{said}");
    assert_eq!(phone(&p.township), "13933334444");
}

/// The township sends the village up to the county too. A laptop bundle that has merged
/// nothing of the township's cannot say which receiver it is: what the township makes of
/// its versions sent for that laptop is kept for the laptop only, so the county's bundle,
/// compared with the version the county had, does not undo the laptop's change.
#[test]
fn a_crossing_laptop_never_changes_what_the_county_was_sent() {
    let p = Pair::new();
    ok(p.merge(&p.township, &p.send("1.bundle")));
    let county = p.file("county.db");
    let up = p.bundle(&p.township, "乡镇统计员", "县", "县1.bundle");
    ok(run(&county, "县统计员", &["merge", up.to_str().unwrap()]));

    edit(&p.laptop, "陈第一", "3607291010990001", |h| {
        h.phone = Some("13911112222".into())
    });
    ok(p.merge(&p.township, &p.send("2.bundle")));
    edit(&county, "县统计员", "3607291010990001", |h| {
        h.address = Some("县里更正：新村路1号".into())
    });
    let down = p.bundle(&county, "县统计员", "金龙镇", "县回1.bundle");
    let said = ok(p.merge(&p.township, &down));
    assert_eq!(
        phone(&p.township),
        "13911112222",
        "the laptop's change stands: {said}"
    );
    let h = exported(&p.township, "3607291010990001");
    assert_eq!(
        h["address"], "县里更正：新村路1号",
        "and the county's arrives"
    );
}
