//! A merge whose two sides are each sound but not together (docs/bundles.md, Limits gone):
//! the same newborn added on the laptop and at the township under two member ids would give
//! the household one ID number twice. The merge does not stop: the township's household
//! stays as it was, the choice is listed as a conflict on the whole household saying why,
//! the bundle's other households merge, and `resolve --keep theirs` takes the laptop's.

use crate::bundle::{edit, export, exported, ok, run, Pair};
use yibentong::model::Member;

fn newborn(id: &str) -> impl FnOnce(&mut yibentong::model::Household) + '_ {
    move |h| {
        let m: Member = serde_json::from_value(serde_json::json!({
            "id": id,
            "name": "陈小宝",
            "id_number": "360729202503010015",
            "relation": "son",
            "sex": "male",
            "health": "healthy",
            "labor": "none",
        }))
        .unwrap();
        h.members.push(m);
    }
}

#[test]
fn the_same_person_added_on_both_sides_is_a_conflict_not_a_refusal() {
    let p = Pair::new();
    ok(p.merge(&p.township, &p.send("1.bundle")));
    edit(
        &p.laptop,
        "陈第一",
        "3607291010990001",
        newborn("m-laptop-baby"),
    );
    edit(&p.laptop, "陈第一", "3607291010990002", |h| {
        h.address = Some("新村路8号".into())
    });
    edit(
        &p.township,
        "乡镇统计员",
        "3607291010990001",
        newborn("m-town-baby"),
    );
    let said = ok(p.merge(&p.township, &p.send("2.bundle")));
    assert!(
        said.contains("更新 1 户") && said.contains("冲突 1 处"),
        "{said}"
    );
    let listed = ok(run(&p.township, "乡镇统计员", &["conflicts"]));
    assert!(
        listed.contains("整户") && listed.contains("两边的修改合在一起不合规"),
        "the conflict names the whole household and why: {listed}"
    );
    assert!(
        listed.contains("（整户 3607291010990001：") && listed.contains("陈小宝"),
        "each side's household in words, by its members: {listed}"
    );
    let ids: Vec<_> = exported(&p.township, "3607291010990001")["members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap().to_string())
        .collect();
    assert!(
        ids.contains(&"m-town-baby".to_string()) && !ids.contains(&"m-laptop-baby".to_string()),
        "the township's household stays as it was: {ids:?}"
    );
    assert_eq!(
        exported(&p.township, "3607291010990002")["address"],
        "新村路8号",
        "the other household merged"
    );

    let json: serde_json::Value = serde_json::from_str(&ok(run(
        &p.township,
        "乡镇统计员",
        &["conflicts", "--json"],
    )))
    .unwrap();
    let id = json[0]["id"].as_i64().unwrap().to_string();
    ok(run(
        &p.township,
        "乡镇统计员",
        &[
            "resolve",
            &id,
            "--keep",
            "theirs",
            "--reason",
            "以驻村登记为准",
        ],
    ));
    assert_eq!(
        export(&p.township),
        export(&p.laptop),
        "the laptop's household taken whole"
    );
}

/// The same person added on both sides while bundles cross: each side lists the whole
/// household and keeps its own. The laptop keeps its own and sends a later change; at the
/// township the household stays under review (its newer version replaces the one listed)
/// instead of merging against a base neither side holds, which would drop both newborns.
/// Taken whole, both ledgers end alike with the person once.
#[test]
fn a_household_under_review_stays_whole_until_decided() {
    let p = Pair::new();
    ok(p.merge(&p.township, &p.send("1.bundle")));
    edit(
        &p.laptop,
        "陈第一",
        "3607291010990001",
        newborn("m-laptop-baby"),
    );
    let l2 = p.send("2.bundle");
    edit(
        &p.township,
        "乡镇统计员",
        "3607291010990001",
        newborn("m-town-baby"),
    );
    let t1 = p.send_back("回村1.bundle");
    assert!(ok(p.merge(&p.township, &l2)).contains("冲突 1 处"));
    assert!(ok(p.merge(&p.laptop, &t1)).contains("冲突 1 处"));
    let first = |db: &std::path::Path| -> serde_json::Value {
        let listed = ok(run(db, "乡镇统计员", &["conflicts", "--json"]));
        serde_json::from_str::<serde_json::Value>(&listed).unwrap()[0].clone()
    };
    let mine = first(&p.laptop)["id"].as_i64().unwrap().to_string();
    ok(run(
        &p.laptop,
        "陈第一",
        &["resolve", &mine, "--keep", "mine"],
    ));
    edit(&p.laptop, "陈第一", "3607291010990001", |h| {
        h.phone = Some("13911112222".into())
    });
    let said = ok(p.merge(&p.township, &p.send("3.bundle")));
    assert!(said.contains("冲突 1 处"), "{said}");
    let babies = |db: &std::path::Path| -> Vec<String> {
        exported(db, "3607291010990001")["members"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["name"] == "陈小宝")
            .map(|m| m["id"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(babies(&p.township), ["m-town-baby"], "nobody dropped");
    let c = first(&p.township);
    assert!(
        c["theirs"].as_str().unwrap().contains("13911112222"),
        "the listed version is the laptop's newest: {c}"
    );
    let id = c["id"].as_i64().unwrap().to_string();
    ok(run(
        &p.township,
        "乡镇统计员",
        &["resolve", &id, "--keep", "theirs"],
    ));
    assert_eq!(babies(&p.township), ["m-laptop-baby"]);
    let said = ok(p.merge(&p.laptop, &p.send_back("回村2.bundle")));
    assert!(said.contains("冲突 0 处"), "{said}");
    assert_eq!(export(&p.laptop), export(&p.township), "both ledgers agree");
}

/// A household under review with the laptop is not under review with the county: the
/// county's bundle of it merges as any other, and the laptop's listed version stays.
#[test]
fn a_review_with_one_sender_holds_back_no_other() {
    let p = Pair::new();
    ok(p.merge(&p.township, &p.send("1.bundle")));
    let county = p.file("county.db");
    let up = p.bundle(&p.township, "乡镇统计员", "县", "县1.bundle");
    ok(run(&county, "县统计员", &["merge", up.to_str().unwrap()]));
    edit(
        &p.laptop,
        "陈第一",
        "3607291010990001",
        newborn("m-laptop-baby"),
    );
    edit(
        &p.township,
        "乡镇统计员",
        "3607291010990001",
        newborn("m-town-baby"),
    );
    assert!(ok(p.merge(&p.township, &p.send("2.bundle"))).contains("冲突 1 处"));

    edit(&county, "县统计员", "3607291010990001", |h| {
        h.address = Some("县里更正：新村路1号".into())
    });
    let down = p.bundle(&county, "县统计员", "金龙镇", "县回1.bundle");
    let said = ok(p.merge(&p.township, &down));
    assert!(
        said.contains("更新 1 户") && said.contains("冲突 0 处"),
        "{said}"
    );
    let h = exported(&p.township, "3607291010990001");
    assert_eq!(h["address"], "县里更正：新村路1号");
    let listed: serde_json::Value = serde_json::from_str(&ok(run(
        &p.township,
        "乡镇统计员",
        &["conflicts", "--json"],
    )))
    .unwrap();
    assert_eq!(listed.as_array().unwrap().len(), 1, "{listed}");
    assert!(
        listed[0]["theirs"]
            .as_str()
            .unwrap()
            .contains("m-laptop-baby"),
        "the laptop's version is still the one listed: {listed}"
    );
}
