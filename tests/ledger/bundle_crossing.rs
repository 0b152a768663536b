//! Bundles crossing on the way (docs/bundles.md, "Bases"): the township corrects a household
//! and sends it back; before the laptop merges that, it changes another field of the same
//! household and sends its next bundle. Neither side's change may undo the other's: each
//! merge takes as common ground only what the other side had merged when it wrote.

use crate::bundle::{edit, export, ok, Pair};
use serde_json::Value;

fn household(export: &str, code: &str) -> Value {
    let doc: Value = serde_json::from_str(export).unwrap();
    let mut h = doc["households"].as_array().unwrap().iter();
    h.find(|h| h["code"] == code).unwrap().clone()
}

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
    let t = household(&export(&p.township), "3607291010990001");
    assert_eq!(
        t["address"], "乡镇更正：新村路1号",
        "the township's correction stands"
    );
    assert_eq!(t["phone"], "13911112222", "the laptop's change arrives");

    let said = ok(p.merge(&p.laptop, &back));
    assert!(said.contains("冲突 0 处"), "{said}");
    let l = household(&export(&p.laptop), "3607291010990001");
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
