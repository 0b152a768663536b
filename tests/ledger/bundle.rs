//! Exchange bundles through the command line (docs/bundles.md): laptop → township merged
//! twice, changes on both sides → a conflict with both values → resolved and audited, a
//! bundle altered by one byte refused, a gap refused, tombstones travelling, and the round
//! trip laptop → township → laptop that loses nothing. Edits between bundles go through
//! the library's writer, as the app's forms do.

use crate::common::{bin, data, today};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use yibentong::model::{Effective, Household};
use yibentong::store::{Ledger, WriteOptions};

pub(crate) const VILLAGE: &str = "360729101099";

pub(crate) fn run(db: &Path, operator: &str, args: &[&str]) -> Output {
    Command::new(bin())
        .arg("--db")
        .arg(db)
        .args(["--operator", operator])
        .args(args)
        .output()
        .expect("the binary runs")
}

pub(crate) fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

pub(crate) fn ok(out: Output) -> String {
    assert!(out.status.success(), "the command succeeds: {}", text(&out));
    text(&out)
}

pub(crate) fn export(db: &Path) -> String {
    ok(run(db, "测试员", &["export", "--village", VILLAGE]))
}

/// One household of the village as the ledger exports it.
pub(crate) fn exported(db: &Path, code: &str) -> serde_json::Value {
    let doc: serde_json::Value = serde_json::from_str(&export(db)).unwrap();
    let mut all = doc["households"].as_array().unwrap().iter();
    all.find(|h| h["code"] == code).unwrap().clone()
}

/// Two exports are equal; else the first lines that differ.
pub(crate) fn same(a: &str, b: &str, why: &str) {
    if a != b {
        let diff: Vec<String> = a
            .lines()
            .zip(b.lines())
            .enumerate()
            .filter(|(_, (x, y))| x != y)
            .take(8)
            .map(|(i, (x, y))| format!("line {}: {x} | {y}", i + 1))
            .collect();
        panic!(
            "{why}: the exports differ ({} vs {} lines)\n{}",
            a.lines().count(),
            b.lines().count(),
            diff.join("\n")
        );
    }
}

pub(crate) fn audit_rows(db: &Path) -> i64 {
    Ledger::open_existing(db, None)
        .unwrap()
        .read_count("SELECT COUNT(*) FROM audit")
        .unwrap()
}

/// A laptop ledger with the fixture village, and an empty township directory.
pub(crate) struct Pair {
    pub(crate) dir: tempfile::TempDir,
    pub(crate) laptop: PathBuf,
    pub(crate) township: PathBuf,
}

impl Pair {
    pub(crate) fn new() -> Pair {
        let dir = tempfile::tempdir().unwrap();
        let laptop = dir.path().join("laptop.db");
        let township = dir.path().join("township.db");
        let file = data("village.json");
        // The village as it stood from the start of the year; edits come later ("today").
        ok(run(
            &laptop,
            "陈第一",
            &[
                "import",
                file.to_str().unwrap(),
                "--effective",
                "2026-01-01",
            ],
        ));
        Pair {
            dir,
            laptop,
            township,
        }
    }

    pub(crate) fn file(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// The next bundle of the village that `db` writes (as `who`) for `to`.
    pub(crate) fn bundle(&self, db: &Path, who: &str, to: &str, name: &str) -> PathBuf {
        let out = self.file(name);
        let args = [
            "bundle",
            "--village",
            VILLAGE,
            "--out",
            out.to_str().unwrap(),
            "--to",
            to,
        ];
        ok(run(db, who, &args));
        out
    }

    /// The laptop's next bundle for the township.
    pub(crate) fn send(&self, name: &str) -> PathBuf {
        self.bundle(&self.laptop, "陈第一", "金龙镇", name)
    }

    /// The township's next bundle of the village for the laptop.
    pub(crate) fn send_back(&self, name: &str) -> PathBuf {
        self.bundle(&self.township, "乡镇统计员", "驻村电脑", name)
    }

    pub(crate) fn merge(&self, db: &Path, file: &Path) -> Output {
        run(db, "乡镇统计员", &["merge", file.to_str().unwrap()])
    }
}

/// Changes one household of a ledger as the app's form would (a change from "today").
pub(crate) fn edit(db: &Path, operator: &str, code: &str, change: impl FnOnce(&mut Household)) {
    let mut l = Ledger::open_existing(db, None).unwrap();
    l.set_operator(operator).unwrap();
    let s = l.household_by_code(code).unwrap();
    let mut h = s.household.clone();
    change(&mut h);
    let cadres = l.cadres(&s.village_id).unwrap();
    // A correction: the value is replaced without a date, so the test's fixed "today"
    // and the command line's clock never disagree about when a fact changed.
    let opts = WriteOptions {
        effective: Effective::Correction { on: None },
        reason: Some("入户核实"),
        doc: None,
        today: today(),
    };
    l.with_tx(|w| w.save_household_at(&s.village_id, &h, &cadres, &opts))
        .unwrap();
}

#[test]
fn a_bundle_merged_twice_changes_nothing_the_second_time() {
    let p = Pair::new();
    let b1 = p.send("1.bundle");
    let said = ok(p.merge(&p.township, &b1));
    assert!(
        said.contains("新增 2 户") && said.contains("（新建）"),
        "the first, full bundle creates the village and its 2 households: {said}"
    );
    assert_eq!(
        export(&p.township),
        export(&p.laptop),
        "the township holds exactly the laptop's village"
    );
    let rows = audit_rows(&p.township);
    let again = ok(p.merge(&p.township, &b1));
    assert!(again.contains("已合并过"), "the same bundle again: {again}");
    assert_eq!(
        audit_rows(&p.township),
        rows,
        "merging again writes nothing"
    );

    // An incremental bundle with nothing changed is numbered 2 and changes nothing either.
    let b2 = p.send("2.bundle");
    let said = ok(p.merge(&p.township, &b2));
    assert!(
        said.contains("第2号") && said.contains("冲突 0 处"),
        "{said}"
    );
}

#[test]
fn the_townships_view_shows_when_each_village_last_sent_a_bundle() {
    let p = Pair::new();
    let view = |db: &Path| -> serde_json::Value {
        serde_json::from_str(&ok(run(db, "乡镇统计员", &["township", "--json"]))).unwrap()
    };
    assert_eq!(
        view(&p.laptop)["villages"][0]["last_bundle"],
        serde_json::Value::Null
    );
    ok(p.merge(&p.township, &p.send("1.bundle")));
    let merged = view(&p.township);
    let village = &merged["villages"][0];
    assert_eq!(village["code"], VILLAGE);
    assert!(
        village["last_bundle"]
            .as_str()
            .is_some_and(|at| at.len() == 16),
        "the merge time, to the minute: {village}"
    );
}

#[test]
fn a_field_changed_on_both_sides_is_a_conflict_with_both_values_then_resolved() {
    let p = Pair::new();
    ok(p.merge(&p.township, &p.send("1.bundle")));
    // Both change h-1's phone; only the laptop changes h-2's address; only the township
    // changes h-1's address.
    edit(&p.laptop, "陈第一", "3607291010990001", |h| {
        h.phone = Some("13900000001".into())
    });
    edit(&p.laptop, "陈第一", "3607291010990002", |h| {
        h.address = Some("新村路8号".into())
    });
    edit(&p.township, "乡镇统计员", "3607291010990001", |h| {
        h.phone = Some("13700000002".into());
        h.address = Some("镇上安置点".into());
    });
    let said = ok(p.merge(&p.township, &p.send("2.bundle")));
    assert!(
        said.contains("冲突 1 处"),
        "one field changed on both sides: {said}{}",
        text(&run(&p.township, "乡镇统计员", &["conflicts", "--json"]))
    );

    let h1 = |db: &Path| {
        Ledger::open_existing(db, None)
            .unwrap()
            .household_by_code("3607291010990001")
            .unwrap()
            .household
    };
    let h2 = Ledger::open_existing(&p.township, None)
        .unwrap()
        .household_by_code("3607291010990002")
        .unwrap()
        .household;
    assert_eq!(
        h2.address.as_deref(),
        Some("新村路8号"),
        "the laptop's own change is merged"
    );
    let t = h1(&p.township);
    assert_eq!(
        t.phone.as_deref(),
        Some("13700000002"),
        "the township's value is kept"
    );
    assert_eq!(
        t.address.as_deref(),
        Some("镇上安置点"),
        "and its own other change too"
    );

    let listed = ok(run(&p.township, "乡镇统计员", &["conflicts"]));
    for needle in [
        VILLAGE,
        "3607291010990001",
        "联系电话",
        "13700000002",
        "13900000001",
        "陈第一",
        "乡镇统计员",
    ] {
        assert!(
            listed.contains(needle),
            "the conflict names village, household, field, both values and who: missing {needle} in {listed}"
        );
    }
    let json: serde_json::Value = serde_json::from_str(&ok(run(
        &p.township,
        "乡镇统计员",
        &["conflicts", "--json"],
    )))
    .unwrap();
    let c = &json[0];
    assert_eq!(c["mine"], "\"13700000002\"", "{c}");
    assert_eq!(c["theirs"], "\"13900000001\"", "{c}");
    assert!(
        c["theirs_at"].as_str().is_some_and(|a| a.starts_with("20")),
        "{c}"
    );
    let id = c["id"].as_i64().unwrap().to_string();

    // The same bundle again does not add the conflict twice.
    let rows = audit_rows(&p.township);
    ok(p.merge(&p.township, &p.file("2.bundle")));
    assert_eq!(
        audit_rows(&p.township),
        rows,
        "merging again writes nothing"
    );

    // A bundle of that village is refused while the conflict is open.
    let out = run(
        &p.township,
        "乡镇统计员",
        &[
            "bundle",
            "--village",
            VILLAGE,
            "--out",
            p.file("t.bundle").to_str().unwrap(),
        ],
    );
    assert!(
        !out.status.success() && text(&out).contains("冲突"),
        "{}",
        text(&out)
    );

    let said = ok(run(
        &p.township,
        "乡镇统计员",
        &[
            "resolve",
            &id,
            "--keep",
            "theirs",
            "--reason",
            "电话核实为户主新号",
        ],
    ));
    assert!(said.contains("采用对方的值"), "{said}");
    assert_eq!(
        h1(&p.township).phone.as_deref(),
        Some("13900000001"),
        "the sender's value is written"
    );
    let audit = ok(run(
        &p.township,
        "乡镇统计员",
        &["audit", "3607291010990001"],
    ));
    assert!(
        audit.contains("电话核实为户主新号") && audit.contains("13700000002 → 13900000001"),
        "the resolution and the field change are audited: {audit}"
    );
    assert!(
        ok(run(&p.township, "乡镇统计员", &["conflicts"])).contains("没有待处理"),
        "no conflict left"
    );
    let again = run(
        &p.township,
        "乡镇统计员",
        &["resolve", &id, "--keep", "mine"],
    );
    assert!(
        !again.status.success() && text(&again).contains("已于"),
        "a settled conflict is not settled twice: {}",
        text(&again)
    );
}

#[test]
fn a_bundle_altered_by_one_byte_is_refused_and_nothing_is_written() {
    let p = Pair::new();
    ok(p.merge(&p.township, &p.send("1.bundle")));
    edit(&p.laptop, "陈第一", "3607291010990002", |h| {
        h.address = Some("新村路8号".into())
    });
    let b2 = p.send("2.bundle");
    let bytes = std::fs::read(&b2).unwrap();
    let before = (audit_rows(&p.township), export(&p.township));
    // One byte in the content, one in the checksum, one in the frame's end.
    for at in [bytes.len() / 2, 60, bytes.len() - 2] {
        let mut altered = bytes.clone();
        altered[at] = if bytes[at] == b'0' { b'1' } else { b'0' };
        let file = p.file(&format!("altered-{at}.bundle"));
        std::fs::write(&file, &altered).unwrap();
        let out = p.merge(&p.township, &file);
        assert!(
            !out.status.success(),
            "an altered bundle (byte {at}) is refused"
        );
        assert!(
            text(&out).contains("数据包校验失败") && text(&out).contains("未合并任何数据"),
            "a clear message: {}",
            text(&out)
        );
        assert_eq!(
            (audit_rows(&p.township), export(&p.township)),
            before,
            "nothing is written"
        );
    }
    let said = ok(p.merge(&p.township, &b2));
    assert!(
        said.contains("更新 1 户"),
        "the unaltered bundle still merges: {said}"
    );
}

#[test]
fn a_missing_bundle_is_named_and_nothing_is_merged() {
    let p = Pair::new();
    ok(p.merge(&p.township, &p.send("1.bundle")));
    p.send("2.bundle");
    let b3 = p.send("3.bundle");
    let rows = audit_rows(&p.township);
    let out = p.merge(&p.township, &b3);
    assert!(
        !out.status.success() && text(&out).contains("缺少第2号"),
        "the gap is named: {}",
        text(&out)
    );
    assert_eq!(audit_rows(&p.township), rows, "nothing is written");
    ok(p.merge(&p.township, &p.file("2.bundle")));
    ok(p.merge(&p.township, &b3));
    // Into a ledger not yet made (a mistyped path at the township): refused, and it leaves
    // no empty ledger behind, alone or among other refused bundles.
    let fresh = p.file("乡镇新台账.db");
    for files in [vec![&b3], vec![&b3, &p.file("2.bundle")]] {
        let mut args = vec!["merge"];
        args.extend(files.iter().map(|f| f.to_str().unwrap()));
        let out = run(&fresh, "乡镇统计员", &args);
        assert!(!out.status.success(), "{}", text(&out));
        assert!(!fresh.exists(), "no ledger left after {args:?}");
    }
    // One of them merging keeps the ledger it made, with a non-zero exit for the other.
    let out = run(
        &fresh,
        "乡镇统计员",
        &[
            "merge",
            p.file("1.bundle").to_str().unwrap(),
            b3.to_str().unwrap(),
        ],
    );
    assert!(!out.status.success(), "{}", text(&out));
    assert!(fresh.exists(), "the ledger 第1号 was merged into stays");
}

#[test]
fn tombstones_travel() {
    let p = Pair::new();
    ok(p.merge(&p.township, &p.send("1.bundle")));
    // The laptop deletes one visit of h-1 and the whole household h-2.
    edit(&p.laptop, "陈第一", "3607291010990001", |h| {
        h.visits.remove(0);
    });
    let mut l = Ledger::open_existing(&p.laptop, None).unwrap();
    l.set_operator("陈第一").unwrap();
    let h2 = l
        .household_by_code("3607291010990002")
        .unwrap()
        .household
        .id;
    l.with_tx(|w| w.delete_household(&h2, "全户迁出本县"))
        .unwrap();
    drop(l);
    let said = ok(p.merge(&p.township, &p.send("2.bundle")));
    assert!(said.contains("删除 1 户"), "{said}");
    let list = ok(run(&p.township, "乡镇统计员", &["household", "list"]));
    assert!(
        !list.contains("3607291010990002"),
        "the deleted household is gone at the township: {list}"
    );
    assert_eq!(
        export(&p.township),
        export(&p.laptop),
        "the deleted visit is gone too: the township's village equals the laptop's"
    );
}

#[test]
fn the_same_change_recorded_on_both_sides_is_no_conflict() {
    // The township and the laptop both import a file that sets one phone number (each its
    // own file, by its own operator): one change, recorded twice, never a conflict; the
    // next bundles, either way, change nothing and claim no update.
    let p = Pair::new();
    ok(p.merge(&p.township, &p.send("1.bundle")));
    let mut doc: serde_json::Value = serde_json::from_str(&export(&p.laptop)).unwrap();
    doc["households"][0]["phone"] = "13899999999".into();
    for (db, who, name) in [
        (&p.laptop, "陈第一", "村里.json"),
        (&p.township, "乡镇统计员", "乡镇.json"),
    ] {
        let file = p.file(name);
        std::fs::write(&file, doc.to_string()).unwrap();
        ok(run(db, who, &["import", file.to_str().unwrap()]));
    }
    let said = ok(p.merge(&p.township, &p.send("2.bundle")));
    assert!(
        said.contains("冲突 0 处") && said.contains("更新 0 户"),
        "one change recorded on both sides: {said}"
    );
    let back = p.send_back("back.bundle");
    let said = ok(p.merge(&p.laptop, &back));
    assert!(
        said.contains("冲突 0 处") && said.contains("更新 0 户"),
        "the township's note of who recorded it is its own: {said}"
    );
    let said = ok(p.merge(&p.township, &p.send("3.bundle")));
    assert!(
        said.contains("冲突 0 处") && said.contains("更新 0 户"),
        "{said}"
    );
}

#[test]
fn a_period_merged_at_the_township_is_audited_as_the_merge() {
    // The township never imported the laptop's file: its audit row says which bundle
    // brought the change, with the reason the laptop recorded beside it.
    let p = Pair::new();
    ok(p.merge(&p.township, &p.send("1.bundle")));
    let mut doc: serde_json::Value = serde_json::from_str(&export(&p.laptop)).unwrap();
    doc["households"][0]["phone"] = "13899999999".into();
    let file = p.file("村里.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    ok(run(
        &p.laptop,
        "陈第一",
        &["import", file.to_str().unwrap()],
    ));
    ok(p.merge(&p.township, &p.send("2.bundle")));
    let audit = ok(run(
        &p.township,
        "乡镇统计员",
        &["audit", "--since", "2000-01-01"],
    ));
    let row = audit
        .lines()
        .find(|l| l.contains("fact_periods") && l.contains("13899999999"))
        .unwrap_or_else(|| panic!("the period's audit row: {audit}"));
    assert!(
        row.contains("原因：合并数据包 2.bundle（第2号）；记录时的原因：导入文件 村里.json"),
        "{row}"
    );
}

#[test]
fn laptop_to_township_to_laptop_loses_nothing() {
    let p = Pair::new();
    edit(&p.laptop, "陈第一", "3607291010990001", |h| {
        h.members[1].health = Some(yibentong::codes::Health::Chronic);
    });
    let before = export(&p.laptop);
    ok(p.merge(&p.township, &p.send("1.bundle")));
    same(&export(&p.township), &before, "the township has everything");
    let back = p.send_back("back.bundle");
    let said = ok(p.merge(&p.laptop, &back));
    assert!(said.contains("冲突 0 处"), "{said}");
    same(&export(&p.laptop), &before, "the laptop lost nothing");

    // A township change travels back to the laptop as an ordinary change.
    edit(&p.township, "乡镇统计员", "3607291010990002", |h| {
        h.group = Some("一组".into())
    });
    let back2 = p.send_back("back2.bundle");
    let said = ok(p.merge(&p.laptop, &back2));
    assert!(
        said.contains("更新 1 户") && said.contains("冲突 0 处"),
        "{said}"
    );
    same(
        &export(&p.laptop),
        &export(&p.township),
        "both hold the same village",
    );
}

#[test]
fn a_file_of_an_unknown_village_needs_confirmation() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let own = data("village.json");
    let neighbour = data("bundle/neighbour.json");
    ok(run(&db, "测试员", &["import", own.to_str().unwrap()]));
    let rows = audit_rows(&db);
    let out = run(&db, "测试员", &["import", neighbour.to_str().unwrap()]);
    assert!(!out.status.success(), "an unknown village is refused");
    let said = text(&out);
    for needle in [
        "360729101077",
        "邻村",
        "测试村",
        "--new-village",
        "未导入任何数据",
    ] {
        assert!(said.contains(needle), "the message names {needle}: {said}");
    }
    assert_eq!(audit_rows(&db), rows, "nothing is written");
    let said = ok(run(
        &db,
        "测试员",
        &["import", neighbour.to_str().unwrap(), "--new-village"],
    ));
    assert!(said.contains("新增 2 户"), "{said}");
    let list = ok(run(
        &db,
        "测试员",
        &["household", "list", "--village", "360729101077"],
    ));
    assert_eq!(list.lines().count(), 2, "{list}");
}

#[test]
fn moving_a_household_is_explicit_and_audited() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    ok(run(
        &db,
        "测试员",
        &["import", data("village.json").to_str().unwrap()],
    ));
    let neighbour = data("bundle/neighbour.json");
    ok(run(
        &db,
        "测试员",
        &["import", neighbour.to_str().unwrap(), "--new-village"],
    ));

    let out = run(
        &db,
        "测试员",
        &[
            "household",
            "move",
            "3607291010990001",
            "--to",
            "360729101077",
        ],
    );
    assert!(!out.status.success(), "a move needs a reason");
    let said = ok(run(
        &db,
        "测试员",
        &[
            "household",
            "move",
            "3607291010990001",
            "--to",
            "360729101077",
            "--reason",
            "全户随子女迁居邻村",
        ],
    ));
    assert!(said.contains("邻村") && said.contains("测试村"), "{said}");
    let list = ok(run(
        &db,
        "测试员",
        &["household", "list", "--village", "360729101077"],
    ));
    assert!(
        list.contains("3607291010990001"),
        "the household is in the new village: {list}"
    );
    let audit = ok(run(&db, "测试员", &["audit", "3607291010990001"]));
    assert!(
        audit.contains("village_id")
            && audit.contains("全户随子女迁居邻村")
            && audit.contains("测试员"),
        "the move is audited with both villages and the reason: {audit}"
    );
    // Both villages still export and import back (cadres came along).
    for code in [VILLAGE, "360729101077"] {
        let file = dir.path().join(format!("{code}.json"));
        ok(run(
            &db,
            "测试员",
            &["export", "--village", code, "--out", file.to_str().unwrap()],
        ));
        let fresh = dir.path().join(format!("{code}.db"));
        ok(run(&fresh, "测试员", &["import", file.to_str().unwrap()]));
    }
}

#[test]
fn the_fixture_bundle_merges_into_an_empty_ledger_and_bad_input_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let township = dir.path().join("township.db");
    let fixture = data("bundle/village-1.bundle");
    let said = ok(run(
        &township,
        "乡镇统计员",
        &["merge", fixture.to_str().unwrap()],
    ));
    assert!(
        said.contains("新增 2 户"),
        "a bundle written by an earlier build merges: {said}"
    );
    let plain = dir.path().join("plain.db");
    ok(run(
        &plain,
        "测试员",
        &["import", data("bundle/village-1.json").to_str().unwrap()],
    ));
    // village-1.json: the village as it was when that build wrote the bundle.
    same(
        &export(&township),
        &export(&plain),
        "the bundle carries the whole village",
    );

    // An exchange file is not a bundle; a bundle is not merged into the ledger that wrote it.
    let out = run(
        &township,
        "乡镇统计员",
        &["merge", data("village.json").to_str().unwrap()],
    );
    assert!(
        !out.status.success() && text(&out).contains("请用 yibentong import"),
        "{}",
        text(&out)
    );
    let own = dir.path().join("own.bundle");
    ok(run(
        &township,
        "乡镇统计员",
        &[
            "bundle",
            "--village",
            VILLAGE,
            "--out",
            own.to_str().unwrap(),
        ],
    ));
    let out = run(&township, "乡镇统计员", &["merge", own.to_str().unwrap()]);
    assert!(
        !out.status.success() && text(&out).contains("本台账自己生成"),
        "{}",
        text(&out)
    );
    // A bundle is never written over something that is not a bundle (here: the ledger).
    let out = run(
        &township,
        "乡镇统计员",
        &[
            "bundle",
            "--village",
            VILLAGE,
            "--out",
            township.to_str().unwrap(),
        ],
    );
    assert!(
        !out.status.success(),
        "the ledger is not overwritten: {}",
        text(&out)
    );
    let out = run(
        &township,
        "乡镇统计员",
        &["resolve", "99", "--keep", "mine"],
    );
    assert!(
        !out.status.success() && text(&out).contains("找不到编号为99的合并冲突"),
        "{}",
        text(&out)
    );
}

#[test]
fn a_township_that_already_had_the_village_reviews_every_difference_once() {
    // The township imported the village's file before bundles existed: no common base, so
    // a field that differs is a conflict (its value kept), and a field that agrees is not.
    let p = Pair::new();
    ok(run(
        &p.township,
        "乡镇统计员",
        &["import", data("village.json").to_str().unwrap()],
    ));
    edit(&p.laptop, "陈第一", "3607291010990001", |h| {
        h.phone = Some("13900000001".into())
    });
    let before = export(&p.township);
    let said = ok(p.merge(&p.township, &p.send("1.bundle")));
    assert!(said.contains("冲突 1 处"), "only the phone differs: {said}");
    // The laptop has known the village since 1 January, the township since its import:
    // both now know it from the earlier day, which is not a conflict.
    let after = export(&p.township);
    let own_day = before
        .lines()
        .find(|l| l.contains("x_recorded_from"))
        .expect("the export carries the day")
        .to_string();
    assert!(
        after.contains("\"x_recorded_from\": \"2026-01-01\"") && !after.contains(&own_day),
        "{after}"
    );
    let known_from = |s: &str| -> String {
        s.lines()
            .filter(|l| !l.contains("x_recorded_from"))
            .collect::<Vec<_>>()
            .join("\n")
    };
    same(
        &known_from(&after),
        &known_from(&before),
        "the township's values are kept",
    );
    let listed = ok(run(&p.township, "乡镇统计员", &["conflicts"]));
    assert!(
        listed.contains("13800000001") && listed.contains("13900000001"),
        "{listed}"
    );
    // Settled as the laptop's; the next bundle from the laptop then merges cleanly.
    let id = listed
        .split('\t')
        .next()
        .unwrap()
        .trim_start_matches('#')
        .to_string();
    ok(run(
        &p.township,
        "乡镇统计员",
        &["resolve", &id, "--keep", "theirs"],
    ));
    let said = ok(p.merge(&p.township, &p.send("2.bundle")));
    assert!(said.contains("冲突 0 处"), "{said}");
    same(
        &export(&p.township),
        &export(&p.laptop),
        "both hold the same village",
    );
}

/// A township's merge audits at the granularity the issue asks for: a household new to the
/// township is written whole with ONE audit row (合并, naming the bundle and what the
/// household holds), not a row per record and field; a household it already has is saved
/// field by field, so a change reads as the field it changed.
#[test]
fn a_new_household_leaves_one_audit_row_and_a_change_one_per_field() {
    let p = Pair::new();
    ok(p.merge(&p.township, &p.send("1.bundle")));
    let l = Ledger::open_existing(&p.township, None).unwrap();
    let count = |sql: &str| l.read_count(sql).unwrap();
    assert_eq!(
        count("SELECT COUNT(*) FROM audit WHERE action = 'merge' AND table_name = 'households'"),
        2,
        "one row for each of the 2 households"
    );
    assert_eq!(
        count("SELECT COUNT(*) FROM audit WHERE household_id IS NOT NULL AND action <> 'merge'"),
        0,
        "no row per record or field of a new household"
    );
    let entry = l.audit_since("2000-01-01").unwrap();
    let line = entry
        .iter()
        .find(|e| e.action == "merge")
        .map(|e| e.line())
        .unwrap();
    assert!(
        line.contains("合并") && line.contains("来自1.bundle") && line.contains("成员"),
        "the row says what came from where: {line}"
    );
    drop(l);
    assert_eq!(
        export(&p.township),
        export(&p.laptop),
        "written whole, the township holds exactly the laptop's village"
    );

    edit(&p.laptop, "陈第一", "3607291010990001", |h| {
        h.phone = Some("13907970001".into());
    });
    let before = audit_rows(&p.township);
    ok(p.merge(&p.township, &p.send("2.bundle")));
    let l = Ledger::open_existing(&p.township, None).unwrap();
    let phone = l
        .read_count(
            "SELECT COUNT(*) FROM audit WHERE action = 'update' AND field = 'phone' \
             AND new_value = '13907970001'",
        )
        .unwrap();
    assert_eq!(phone, 1, "the changed field has its own row");
    assert!(
        audit_rows(&p.township) - before < 10,
        "and the household is not written again whole"
    );
    drop(l);
    assert_eq!(export(&p.township), export(&p.laptop));
}

/// A township's USB stick: several bundles merged with one command, each on its own and in
/// its sender's order whatever the order given, an altered or unreadable one refused
/// without holding back the rest; the same stick again changes nothing.
#[test]
fn several_bundles_merge_at_once_in_order_and_a_bad_one_holds_back_nothing() {
    let p = Pair::new();
    let b1 = p.send("1.bundle");
    edit(&p.laptop, "陈第一", "3607291010990002", |h| {
        h.address = Some("新村路8号".into())
    });
    let b2 = p.send("2.bundle");
    let mut altered = std::fs::read(&b2).unwrap();
    let at = altered.len() / 2;
    altered[at] = if altered[at] == b'0' { b'1' } else { b'0' };
    let bad = p.file("altered.bundle");
    std::fs::write(&bad, &altered).unwrap();

    let files = [&b2, &bad, &b1].map(|f| f.to_str().unwrap().to_string());
    let missing = p.file("不在U盘上.bundle");
    let mut args = vec!["merge"];
    args.extend(files.iter().map(String::as_str));
    args.push(missing.to_str().unwrap());
    let out = run(&p.township, "乡镇统计员", &args);
    let said = text(&out);
    assert!(
        !out.status.success(),
        "a refused file is a non-zero exit: {said}"
    );
    assert!(
        said.contains("1.bundle：合并完成") && said.contains("2.bundle：合并完成"),
        "both good bundles merged, the 1st before the 2nd: {said}"
    );
    assert!(
        said.find("1.bundle：合并完成") < said.find("2.bundle：合并完成"),
        "in order: {said}"
    );
    assert!(
        said.contains("altered.bundle：合并失败") && said.contains("数据包校验失败"),
        "the altered one is named with why: {said}"
    );
    assert!(
        said.contains("不在U盘上.bundle：合并失败"),
        "a file that cannot be read is one more refusal, not the end: {said}"
    );
    assert!(
        said.contains("共4个数据包：合并2个，此前已合并0个，未合并2个"),
        "{said}"
    );
    same(
        &export(&p.township),
        &export(&p.laptop),
        "the township holds what the laptop sent",
    );

    let rows = audit_rows(&p.township);
    let again = ok(run(
        &p.township,
        "乡镇统计员",
        &["merge", &files[2], &files[0]],
    ));
    assert!(again.contains("合并0个，此前已合并2个"), "{again}");
    assert_eq!(
        audit_rows(&p.township),
        rows,
        "nothing written the second time"
    );
}

/// A new bundle written over an earlier one of the same ledger for the same receiver is
/// refused (undelivered, it would leave the township a gap it can never close), and the
/// number is not used up; under another name it is written as the next.
#[test]
fn a_bundle_is_never_written_over_an_earlier_one() {
    let p = Pair::new();
    let first = p.send("乡镇.bundle");
    let kept = std::fs::read(&first).unwrap();
    edit(&p.laptop, "陈第一", "3607291010990002", |h| {
        h.address = Some("新村路8号".into())
    });
    let args = [
        "bundle",
        "--village",
        VILLAGE,
        "--out",
        first.to_str().unwrap(),
        "--to",
        "金龙镇",
    ];
    let out = run(&p.laptop, "陈第一", &args);
    assert!(!out.status.success(), "refused: {}", text(&out));
    assert!(
        text(&out).contains("第1号数据包") && text(&out).contains("换一个文件名"),
        "{}",
        text(&out)
    );
    assert_eq!(
        std::fs::read(&first).unwrap(),
        kept,
        "the first bundle is kept"
    );
    let second = p.send("乡镇-第2号.bundle");
    ok(p.merge(&p.township, &first));
    let said = ok(p.merge(&p.township, &second));
    assert!(
        said.contains("第2号数据包"),
        "the number was not used up: {said}"
    );
}

/// A neighbouring village whose hand-made file reused this village's ids (`h-1`, `c-1`)
/// cannot reach a township that holds this village: its bundle is refused naming both
/// villages, with advice the township can act on (not "use other ids in your file"), and
/// nothing is merged.
#[test]
fn a_bundle_reusing_another_villages_ids_is_refused_with_advice_for_the_township() {
    let p = Pair::new();
    let b1 = p.send("1.bundle");
    ok(p.merge(&p.township, &b1));

    let neighbour_laptop = p.file("neighbour.db");
    let text_of = std::fs::read_to_string(data("village.json")).unwrap();
    let mut doc: serde_json::Value = serde_json::from_str(&text_of).unwrap();
    doc["village"]["code"] = "360729101077".into();
    doc["village"]["name"] = "邻村".into();
    for h in doc["households"].as_array_mut().unwrap() {
        let code = h["code"]
            .as_str()
            .unwrap()
            .replacen("360729101099", "360729101077", 1);
        h["code"] = code.into();
    }
    let file = p.file("neighbour.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    ok(run(
        &neighbour_laptop,
        "邻村干部",
        &["import", file.to_str().unwrap()],
    ));
    let bundle = p.file("neighbour.bundle");
    ok(run(
        &neighbour_laptop,
        "邻村干部",
        &[
            "bundle",
            "--village",
            "360729101077",
            "--out",
            bundle.to_str().unwrap(),
        ],
    ));

    let before = audit_rows(&p.township);
    let out = p.merge(&p.township, &bundle);
    assert!(!out.status.success(), "the reused ids are refused");
    let said = text(&out);
    for needle in [
        "测试村（村代码360729101099）",
        "合并邻村",
        "未合并",
        "告知邻村的驻村干部",
    ] {
        assert!(said.contains(needle), "names {needle}: {said}");
    }
    assert!(!said.contains("请为本村文件使用不同的编号"), "{said}");
    assert_eq!(audit_rows(&p.township), before, "nothing is merged");
}
