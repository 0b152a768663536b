//! Bundles crossing on the way (docs/bundles.md, "Bases"): the township corrects a household
//! and sends it back; before the laptop merges that, it changes another field of the same
//! household and sends its next bundle. Neither side's change may undo the other's: each
//! merge takes as common ground only what the other side had merged when it wrote.

use crate::bundle::{edit, export, exported, ok, Pair};

#[test]
fn crossing_bundles_keep_both_sides_changes() {
    let p = Pair::new();
    ok(p.merge(&p.township, &p.send("1.bundle")));
    edit(&p.township, "乡镇统计员", "3607291010990001", |h| {
        h.address = Some("乡镇更正：新村路1号".into());
    });
    let back = p.send_back("回村1.bundle");
    edit(&p.laptop, "陈第一", "3607291010990001", |h| {
        h.phone = Some("13911112222".into());
    });
    let said = ok(p.merge(&p.township, &p.send("2.bundle")));
    assert!(said.contains("冲突 0 处"), "{said}");
    let t = exported(&p.township, "3607291010990001");
    assert_eq!(
        t["address"], "乡镇更正：新村路1号",
        "the township's correction stands"
    );
    assert_eq!(t["phone"], "13911112222", "the laptop's change arrives");

    let said = ok(p.merge(&p.laptop, &back));
    assert!(said.contains("冲突 0 处"), "{said}");
    let l = exported(&p.laptop, "3607291010990001");
    assert_eq!(
        l["address"], "乡镇更正：新村路1号",
        "the correction arrives on the laptop"
    );
    assert_eq!(
        l["phone"], "13911112222",
        "and the laptop's own change stays"
    );
    assert_eq!(export(&p.laptop), export(&p.township), "both ledgers agree");
}

/// Several rounds, a bundle of each side crossing the other's: a bundle the laptop wrote
/// before it merged the township's is merged at the township after the township sent its
/// own. The base is chosen by what each bundle says its writer had merged, not by the order
/// things arrived, so the township's last change reaches the laptop (no conflict, no loss)
/// and both ledgers end alike.
#[test]
fn rounds_of_crossing_bundles_end_alike() {
    let p = Pair::new();
    let phone = |db: &std::path::Path| exported(db, "3607291010990001")["phone"].clone();
    let set_phone = |db: &std::path::Path, who: &str, to: &str| {
        edit(db, who, "3607291010990001", |h| h.phone = Some(to.into()));
    };
    ok(p.merge(&p.township, &p.send("L1.bundle")));
    ok(p.merge(&p.laptop, &p.send_back("T1.bundle")));
    set_phone(&p.laptop, "陈第一", "13900000001");
    ok(p.merge(&p.township, &p.send("L2.bundle")));
    set_phone(&p.laptop, "陈第一", "13900000002");
    let l3 = p.send("L3.bundle");
    // The township sends before it merges L3; the laptop merges that, keeping its …002.
    let said = ok(p.merge(&p.laptop, &p.send_back("T2.bundle")));
    assert!(said.contains("冲突 0 处"), "{said}");
    assert_eq!(phone(&p.laptop), "13900000002");
    let said = ok(p.merge(&p.township, &l3));
    assert!(said.contains("冲突 0 处"), "{said}");
    assert_eq!(phone(&p.township), "13900000002");
    // The township sets it back; the laptop takes it.
    set_phone(&p.township, "乡镇统计员", "13900000001");
    let said = ok(p.merge(&p.laptop, &p.send_back("T3.bundle")));
    assert!(said.contains("冲突 0 处"), "{said}");
    assert_eq!(
        phone(&p.laptop),
        "13900000001",
        "the township's last change arrives"
    );
    assert_eq!(export(&p.laptop), export(&p.township), "both ledgers agree");
}

/// Bundles crossing with a list (criss-cross): the laptop adds an income line and sends it;
/// the township, before merging that, corrects the household and sends it back; each merges
/// the other's, so both hold the line and the correction. The township then deletes the
/// line; the laptop, before hearing of it, changes another field and sends its next bundle.
/// The common ground of that bundle is the two crossing versions merged (line and
/// correction), not the township's version alone: the deletion stands, the line does not
/// come back as if the laptop had added it again.
#[test]
fn a_line_deleted_after_crossing_bundles_stays_deleted() {
    let p = Pair::new();
    ok(p.merge(&p.township, &p.send("1.bundle")));
    let line_id = "i-laptop-line-2026";
    edit(&p.laptop, "陈第一", "3607291010990001", |h| {
        h.income.push(yibentong::model::IncomeLine {
            id: Some(line_id.into()),
            year: 2026,
            month: Some(11),
            category: yibentong::codes::IncomeCategory::Wage,
            item: "务工".into(),
            amount: 2400.0,
            counted: true,
        });
    });
    let l2 = p.send("2.bundle");
    edit(&p.township, "乡镇统计员", "3607291010990001", |h| {
        h.address = Some("乡镇更正：新村路1号".into());
    });
    let t1 = p.send_back("回村1.bundle");
    ok(p.merge(&p.township, &l2));
    ok(p.merge(&p.laptop, &t1));
    let has_line = |db: &std::path::Path| {
        let h = exported(db, "3607291010990001");
        h["income"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["x_id"] == line_id)
    };
    assert!(has_line(&p.township) && has_line(&p.laptop));
    assert_eq!(
        export(&p.laptop),
        export(&p.township),
        "crossed, then alike"
    );

    edit(&p.township, "乡镇统计员", "3607291010990001", |h| {
        h.income.retain(|l| l.id.as_deref() != Some(line_id));
    });
    edit(&p.laptop, "陈第一", "3607291010990001", |h| {
        h.phone = Some("13911112222".into());
    });
    let said = ok(p.merge(&p.township, &p.send("3.bundle")));
    assert!(said.contains("冲突 0 处"), "{said}");
    assert!(!has_line(&p.township), "the township's deletion stands");
    let t = exported(&p.township, "3607291010990001");
    assert_eq!(t["phone"], "13911112222", "the laptop's change arrives");

    let said = ok(p.merge(&p.laptop, &p.send_back("回村2.bundle")));
    assert!(said.contains("冲突 0 处"), "{said}");
    assert!(!has_line(&p.laptop), "the deletion reaches the laptop");
    assert_eq!(export(&p.laptop), export(&p.township), "both ledgers agree");
}
