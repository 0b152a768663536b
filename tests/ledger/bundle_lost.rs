//! A bundle lost on the way (docs/bundles.md): the township refuses every later bundle
//! naming the missing number and saying how to recover; the laptop writes a full bundle
//! (`bundle --full`) that the township merges across the gap, three ways, so the
//! township's own changes stay and the lost bundle's changes and deletions arrive; the lost
//! bundle found later changes nothing, and the next ordinary bundle merges again. And a
//! laptop restored from a backup older than its last bundle: numbered anew, reviewed.

use crate::bundle::{audit_rows, edit, export, ok, run, text, Pair, VILLAGE};
use crate::common::UNDO_MEMBER_DETAILS;
use serde_json::Value;

/// The laptop's full bundle of the village for 金龙镇 (`bundle --full`), and what it said.
fn send_full(p: &Pair, name: &str) -> (std::path::PathBuf, String) {
    let out = p.file(name);
    let args = [
        "bundle",
        "--village",
        VILLAGE,
        "--out",
        out.to_str().unwrap(),
        "--to",
        "金龙镇",
        "--full",
    ];
    let said = ok(run(&p.laptop, "陈第一", &args));
    (out, said)
}

/// The laptop sends 第1号 (merged), is backed up, changes 0001's address to 新村路1号 and
/// sends 第2号 (merged), then its disk fails and the backup is restored: it lacks that
/// change and the record of 第2号. Returns 第2号's file.
fn restored_after_a_sent_change(p: &Pair) -> std::path::PathBuf {
    ok(p.merge(&p.township, &p.send("1.bundle")));
    let backup = p.file("备份.db");
    ok(run(
        &p.laptop,
        "陈第一",
        &["backup", "--out", backup.to_str().unwrap()],
    ));
    edit(&p.laptop, "陈第一", "3607291010990001", |h| {
        h.address = Some("新村路1号".into());
    });
    let second = p.send("2.bundle");
    ok(p.merge(&p.township, &second));
    ok(run(
        &p.laptop,
        "陈第一",
        &["restore", backup.to_str().unwrap(), "--force"],
    ));
    second
}

fn address_of(export: &str, code: &str) -> Value {
    let doc: Value = serde_json::from_str(export).unwrap();
    let h = doc["households"].as_array().unwrap().iter();
    h.filter(|h| h["code"] == code)
        .map(|h| h["address"].clone())
        .next()
        .unwrap()
}

#[test]
fn a_lost_bundle_is_replaced_by_a_full_one() {
    let p = Pair::new();
    ok(p.merge(&p.township, &p.send("1.bundle")));

    // #2 carries a changed address and a deleted visit; its USB stick is lost.
    edit(&p.laptop, "陈第一", "3607291010990001", |h| {
        h.address = Some("新村路1号".into());
        h.visits.remove(0);
    });
    let lost = p.send("2.bundle");
    let lost_bytes = std::fs::read(&lost).unwrap();
    std::fs::remove_file(&lost).unwrap();
    edit(&p.laptop, "陈第一", "3607291010990002", |h| {
        h.measures.remove(0);
    });
    let b3 = p.send("3.bundle");
    // Meanwhile the township corrects another field of the second household.
    edit(&p.township, "乡镇统计员", "3607291010990002", |h| {
        h.address = Some("乡镇核实：新村路2号".into());
    });

    let rows = audit_rows(&p.township);
    let refused = p.merge(&p.township, &b3);
    let said = text(&refused);
    assert!(!refused.status.success(), "{said}");
    assert!(
        said.contains("缺少第2号") && said.contains("完整数据包") && said.contains("--full"),
        "the gap is named with the way out: {said}"
    );
    assert_eq!(audit_rows(&p.township), rows, "nothing written");

    let (full, written) = send_full(&p, "4-完整.bundle");
    assert!(
        written.contains("第4号（完整，可代替此前的第1、2、3号）"),
        "{written}"
    );

    let merged = ok(p.merge(&p.township, &full));
    assert!(
        merged.contains("第4号数据包（完整，补齐未收到的第2、3号）")
            && merged.contains("冲突 0 处"),
        "merged across the gap, no conflict: {merged}"
    );
    let (township, laptop) = (export(&p.township), export(&p.laptop));
    assert_eq!(
        address_of(&township, "3607291010990002"),
        "乡镇核实：新村路2号",
        "the township's own change stays (only the township changed that field)"
    );
    let mut expected: Value = serde_json::from_str(&laptop).unwrap();
    for h in expected["households"].as_array_mut().unwrap() {
        if h["code"] == "3607291010990002" {
            h["address"] = "乡镇核实：新村路2号".into();
        }
    }
    let got: Value = serde_json::from_str(&township).unwrap();
    assert_eq!(
        got, expected,
        "everything the lost bundle and #3 carried arrived (the deleted visit and measure too)"
    );

    // The lost stick turns up, and #3 is merged again: nothing changes.
    std::fs::write(&lost, &lost_bytes).unwrap();
    let rows = audit_rows(&p.township);
    for file in [&lost, &b3] {
        let again = ok(p.merge(&p.township, file));
        assert!(
            again.contains("无需合并") && again.contains("第4号完整数据包"),
            "{again}"
        );
    }
    assert_eq!(
        audit_rows(&p.township),
        rows,
        "a replaced bundle writes nothing"
    );
    assert_eq!(export(&p.township), township);

    // The next ordinary bundle follows the full one without a gap.
    edit(&p.laptop, "陈第一", "3607291010990001", |h| {
        h.address = Some("新村路11号".into());
    });
    let b5 = p.send("5.bundle");
    let said = ok(p.merge(&p.township, &b5));
    assert!(
        said.contains("第5号数据包") && said.contains("更新 1 户"),
        "{said}"
    );
    assert_eq!(
        address_of(&export(&p.township), "3607291010990001"),
        "新村路11号"
    );
}

/// The township's USB stick holds the full bundle and the bundles it replaces: the full one
/// goes first whatever the files are called, the others are not needed.
#[test]
fn a_stick_with_the_full_bundle_and_the_ones_it_replaces_merges_in_one_go() {
    let p = Pair::new();
    let b1 = p.send("a.bundle");
    edit(&p.laptop, "陈第一", "3607291010990001", |h| {
        h.address = Some("新村路1号".into());
    });
    let b2 = p.send("b.bundle");
    let (full, _) = send_full(&p, "c.bundle");
    let files: Vec<String> = [&b2, &b1, &full]
        .iter()
        .map(|f| f.to_str().unwrap().to_string())
        .collect();
    let mut args = vec!["merge"];
    args.extend(files.iter().map(String::as_str));
    let said = ok(run(&p.township, "乡镇统计员", &args));
    assert!(
        said.find("c.bundle：合并完成") < said.find("a.bundle：无需合并"),
        "{said}"
    );
    assert!(said.contains("b.bundle：无需合并"), "{said}");
    assert_eq!(export(&p.township), export(&p.laptop));
}

/// The laptop's disk fails and a backup older than its last bundle is restored: the backup's
/// log of bundles stops before that bundle, so numbering on would repeat a number the
/// township merged (refused for good). The restored ledger takes a new id and starts again
/// at 第1号 (complete); the township reviews every difference (the restored laptop lacks a
/// change it had already sent, which must not be undone silently), and its bundle back gives
/// the laptop that change again.
#[test]
fn a_laptop_restored_from_an_old_backup_numbers_anew_and_is_reviewed() {
    let p = Pair::new();
    restored_after_a_sent_change(&p);
    let audit = ok(run(
        &p.laptop,
        "陈第一",
        &["audit", "--since", "2020-01-01"],
    ));
    assert!(
        audit.contains("从备份恢复"),
        "the new id is audited: {audit}"
    );
    ok(run(&p.laptop, "陈第一", &["audit", "verify"]));
    edit(&p.laptop, "陈第一", "3607291010990002", |h| {
        h.address = Some("新村路2号".into());
    });
    let out = p.file("恢复后.bundle");
    let args = [
        "bundle",
        "--village",
        VILLAGE,
        "--out",
        out.to_str().unwrap(),
        "--to",
        "金龙镇",
    ];
    let written = ok(run(&p.laptop, "陈第一", &args));
    assert!(
        written.contains("第1号（完整）"),
        "numbering starts again: {written}"
    );

    let merged = ok(p.merge(&p.township, &out));
    // Nothing of a restored ledger is taken unseen: the address 0001 had before the backup
    // (the township has the newer one) and the new one of 0002 are both for review.
    assert!(
        merged.contains("更新 0 户") && merged.contains("冲突 2 处"),
        "{merged}"
    );
    let township = export(&p.township);
    assert_eq!(
        address_of(&township, "3607291010990001"),
        "新村路1号",
        "a change the restored laptop lacks is not undone"
    );
    let conflicts: Value = serde_json::from_str(&ok(run(
        &p.township,
        "乡镇统计员",
        &["conflicts", "--json"],
    )))
    .unwrap();
    for c in conflicts.as_array().unwrap() {
        let keep = match c["household"].as_str() {
            Some("3607291010990002") => "theirs",
            _ => "mine",
        };
        let id = c["id"].as_i64().unwrap().to_string();
        ok(run(
            &p.township,
            "乡镇统计员",
            &["resolve", &id, "--keep", keep],
        ));
    }
    assert_eq!(
        address_of(&export(&p.township), "3607291010990002"),
        "新村路2号"
    );

    // The township's bundle back: the laptop has its lost change again.
    let back = p.send_back("回村.bundle");
    let said = ok(p.merge(&p.laptop, &back));
    assert!(said.contains("冲突 0 处"), "{said}");
    assert_eq!(
        export(&p.laptop),
        export(&p.township),
        "both ledgers agree again"
    );
}

/// Bundles crossing on the way: the township corrects a household and sends it back; before
/// the laptop merges that, it replaces a lost bundle by a full one. The household the laptop
/// has not changed since its last bundle the township merged is not merged again, so the
/// correction stands; what the lost bundle carried arrives.
#[test]
fn a_full_bundle_does_not_undo_what_the_township_sent_back_meanwhile() {
    let p = Pair::new();
    ok(p.merge(&p.township, &p.send("1.bundle")));
    edit(&p.township, "乡镇统计员", "3607291010990001", |h| {
        h.address = Some("乡镇更正：新村路1号".into());
    });
    p.send_back("回村.bundle"); // not merged on the laptop yet
    edit(&p.laptop, "陈第一", "3607291010990002", |h| {
        h.address = Some("新村路2号".into());
    });
    std::fs::remove_file(p.send("2.bundle")).unwrap();
    let (full, _) = send_full(&p, "3.bundle");
    let said = ok(p.merge(&p.township, &full));
    assert!(
        said.contains("更新 1 户") && said.contains("冲突 0 处"),
        "{said}"
    );
    let township = export(&p.township);
    assert_eq!(
        address_of(&township, "3607291010990001"),
        "乡镇更正：新村路1号"
    );
    assert_eq!(address_of(&township, "3607291010990002"), "新村路2号");
    // The laptop then merges the township's bundle: both agree.
    ok(p.merge(&p.laptop, &p.file("回村.bundle")));
    assert_eq!(
        address_of(&export(&p.laptop), "3607291010990001"),
        "乡镇更正：新村路1号"
    );
}

/// A bundle the full one replaced, written again from an old copy of the laptop's ledger
/// (same number, new content): refused, not taken as replaced, so its work is not dropped
/// silently.
#[test]
fn a_new_bundle_under_a_replaced_number_is_refused() {
    let p = Pair::new();
    ok(p.merge(&p.township, &p.send("1.bundle")));
    let copy = p.file("旧副本.db");
    std::fs::copy(&p.laptop, &copy).unwrap();
    std::fs::remove_file(p.send("2.bundle")).unwrap();
    let (full, _) = send_full(&p, "3.bundle");
    ok(p.merge(&p.township, &full));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    edit(&copy, "陈第一", "3607291010990002", |h| {
        h.address = Some("新村路2号".into());
    });
    let again = p.bundle(&copy, "陈第一", "金龙镇", "2-旧副本.bundle");
    let out = p.merge(&p.township, &again);
    assert!(
        !out.status.success() && text(&out).contains("不是被代替的那一份"),
        "{}",
        text(&out)
    );
}

/// A county ledger sends two villages to one receiver: their numbers interleave, so each
/// bundle names its village's previous one. A lost bundle of one village holds back only
/// that village, and a full bundle of it closes the gap for good.
#[test]
fn villages_sharing_numbers_wait_only_for_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let (county, township) = (dir.path().join("county.db"), dir.path().join("t.db"));
    let file = crate::common::data("xlsx/township.xlsx");
    ok(run(
        &county,
        "县统计员",
        &["import", file.to_str().unwrap()],
    ));
    let (a, b) = ("522729100201", "522729100202");
    let bundle = |village: &str, name: &str, full: bool| {
        let out = dir.path().join(name);
        let mut args = vec![
            "bundle",
            "--village",
            village,
            "--out",
            out.to_str().unwrap(),
            "--to",
            "乡镇",
        ];
        if full {
            args.push("--full");
        }
        ok(run(&county, "县统计员", &args));
        out
    };
    let merge = |f: &std::path::Path| run(&township, "乡镇统计员", &["merge", f.to_str().unwrap()]);
    let a1 = bundle(a, "a1.bundle", false);
    let b2 = bundle(b, "b2.bundle", false); // lost
    edit(&county, "县统计员", "5227291002010001", |h| {
        h.address = Some("石洞村一组".into())
    });
    edit(&county, "县统计员", "5227291002020001", |h| {
        h.address = Some("新寨村二组".into())
    });
    let a3 = bundle(a, "a3.bundle", false);
    let b4 = bundle(b, "b4.bundle", false);
    ok(merge(&a1));
    let said = ok(merge(&a3));
    assert!(
        said.contains("第3号数据包") && said.contains("更新 1 户"),
        "A does not wait for B: {said}"
    );
    let refused = merge(&b4);
    assert!(
        !refused.status.success() && text(&refused).contains("缺少本村的第2号"),
        "{}",
        text(&refused)
    );
    std::fs::remove_file(&b2).unwrap();
    let b5 = bundle(b, "b5.bundle", true);
    ok(merge(&b5));
    assert!(ok(merge(&b4)).contains("无需合并"));
    edit(&county, "县统计员", "5227291002020001", |h| {
        h.address = Some("新寨村三组".into())
    });
    let b6 = bundle(b, "b6.bundle", false);
    assert!(ok(merge(&b6)).contains("第6号数据包"));
    let export = |db: &std::path::Path| ok(run(db, "测试员", &["export", "--village", b]));
    assert_eq!(
        export(&township),
        export(&county),
        "village B arrived whole"
    );
}

/// The restored ledger's first bundle is lost too: the full bundle replacing it is still
/// reviewed at the township (it has merged nothing from the new id), so the change the
/// backup lacks is not undone; and the restored ledger never writes over a bundle it wrote
/// before the restore (perhaps the only copy of the work the restore lost).
#[test]
fn a_restored_ledger_stays_reviewed_until_the_township_merged_from_it() {
    let p = Pair::new();
    let before = restored_after_a_sent_change(&p);

    let args = [
        "bundle",
        "--village",
        VILLAGE,
        "--out",
        before.to_str().unwrap(),
        "--to",
        "金龙镇",
    ];
    let over = run(&p.laptop, "陈第一", &args);
    assert!(
        !over.status.success() && text(&over).contains("换一个文件名"),
        "{}",
        text(&over)
    );
    std::fs::remove_file(p.send("新1.bundle")).unwrap(); // lost
    let (full, _) = send_full(&p, "新2-完整.bundle");
    let said = ok(p.merge(&p.township, &full));
    assert!(said.contains("冲突 1 处"), "{said}");
    assert_eq!(
        address_of(&export(&p.township), "3607291010990001"),
        "新村路1号",
        "the change the backup lacks stands"
    );

    // Migration 0017 run again (as tests that roll the schema back do) keeps both ids' rows.
    let count = |db: &std::path::Path| {
        yibentong::store::Ledger::open_existing(db, None)
            .unwrap()
            .read_count("SELECT COUNT(DISTINCT sender || '#' || sequence) FROM bundles_sent")
            .unwrap()
    };
    let rows = count(&p.laptop);
    assert_eq!(
        rows, 3,
        "1 under the old id (the backup had it), 1 and 2 under the new"
    );
    let conn = rusqlite::Connection::open(&p.laptop).unwrap();
    conn.execute_batch(UNDO_MEMBER_DETAILS).unwrap();
    conn.pragma_update(None, "user_version", 16).unwrap();
    drop(conn);
    assert_eq!(count(&p.laptop), rows);
}

/// A backup from before the laptop's first bundle has no ledger id, but the ledger it
/// replaces had one: the restored ledger is reviewed all the same, so the backup's older
/// address does not silently replace the one the township merged.
#[test]
fn a_backup_from_before_the_first_bundle_is_reviewed_too() {
    let p = Pair::new();
    let backup = p.file("备份.db");
    ok(run(
        &p.laptop,
        "陈第一",
        &["backup", "--out", backup.to_str().unwrap()],
    ));
    edit(&p.laptop, "陈第一", "3607291010990001", |h| {
        h.address = Some("新村路1号".into());
    });
    ok(p.merge(&p.township, &p.send("1.bundle")));
    ok(run(
        &p.laptop,
        "陈第一",
        &["restore", backup.to_str().unwrap(), "--force"],
    ));
    let said = ok(p.merge(&p.township, &p.send("恢复后1.bundle")));
    assert!(said.contains("冲突 1 处"), "{said}");
    assert_eq!(
        address_of(&export(&p.township), "3607291010990001"),
        "新村路1号"
    );
}
