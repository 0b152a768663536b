//! A merge whose two sides are each sound but not together (docs/bundles.md, Limits gone):
//! the same newborn added on the laptop and at the township under two member ids would give
//! the household one ID number twice. The merge does not stop: the township's household
//! stays as it was, the choice is listed as a conflict on the whole household saying why,
//! the bundle's other households merge, and `resolve --keep theirs` takes the laptop's.

use crate::bundle::{edit, export, ok, run, Pair};
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
    let town: serde_json::Value = serde_json::from_str(&export(&p.township)).unwrap();
    let h = |doc: &serde_json::Value, code: &str| {
        doc["households"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["code"] == code)
            .unwrap()
            .clone()
    };
    let ids: Vec<_> = h(&town, "3607291010990001")["members"]
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
        h(&town, "3607291010990002")["address"],
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
