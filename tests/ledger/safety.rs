//! Bad input and wrong files lose nothing: a mistyped `--db` creates no ledger, another
//! program's database or a stray file is refused untouched, a read-only ledger can be
//! read but not written, forged lines (newlines in names, operators, file names) and
//! absurd figures are refused in Chinese, and what we create is private (0600).

use crate::common::{bin, data};
use std::path::Path;
use std::process::{Command, Output};

fn run(db: &Path, args: &[&str]) -> Output {
    Command::new(bin())
        .arg("--db")
        .arg(db)
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn imported(dir: &Path) -> std::path::PathBuf {
    let db = dir.join("l.db");
    let out = run(
        &db,
        &[
            "--operator",
            "测试员",
            "import",
            data("village.json").to_str().unwrap(),
        ],
    );
    assert!(out.status.success(), "{}", stderr(&out));
    db
}

#[test]
fn a_mistyped_db_creates_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("yibentong-typo.db");
    for args in [
        vec!["household", "list"],
        vec!["export", "--village", "1"],
        vec!["assess", "--village", "--year", "2019"],
    ] {
        let out = run(&db, &args);
        assert!(!out.status.success(), "{args:?} fails");
        assert!(stderr(&out).contains("找不到台账文件"), "{}", stderr(&out));
        assert!(!db.exists(), "{args:?} created no ledger");
    }
    // An import creates the ledger it writes to; a refused one leaves none behind.
    let bad = data("xlsx/bad.xlsx");
    let out = run(&db, &["import", bad.to_str().unwrap()]);
    assert!(!out.status.success(), "the bad workbook is refused");
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "a refused import left {left:?}");
    let good = data("xlsx/monitoring.xlsx");
    assert!(run(&db, &["import", good.to_str().unwrap()])
        .status
        .success());
    assert!(db.exists(), "a good one makes the ledger");
}

#[test]
fn another_programs_database_and_a_stray_file_are_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("other.db");
    let conn = rusqlite::Connection::open(&foreign).unwrap();
    conn.execute_batch("CREATE TABLE contacts (name TEXT); INSERT INTO contacts VALUES ('x');")
        .unwrap();
    drop(conn);
    let stray = dir.path().join("notes.txt");
    std::fs::write(&stray, "购物清单：大米、菜籽油").unwrap();
    for file in [&foreign, &stray] {
        let before = std::fs::read(file).unwrap();
        for args in [
            vec!["household", "list"],
            vec!["import", data("village.json").to_str().unwrap()],
        ] {
            let out = run(file, &args);
            assert!(!out.status.success(), "{args:?} on {file:?} is refused");
            let err = stderr(&out);
            assert!(err.contains("不是一本通台账"), "{err}");
            assert!(err.contains("未作任何改动"), "{err}");
        }
        assert_eq!(std::fs::read(file).unwrap(), before, "{file:?} untouched");
    }
    let mut wal = foreign.as_os_str().to_owned();
    wal.push("-wal");
    assert!(!Path::new(&wal).exists(), "no journal switched on");
}

#[cfg(unix)]
#[test]
fn a_read_only_ledger_can_be_read_not_written_and_files_are_private() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let mode = std::fs::metadata(&db).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the ledger is private to its owner");
    // Checkpoint the journal so the file alone holds the ledger, then write-protect it.
    let out = run(&db, &["household", "list"]);
    assert!(out.status.success());
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o400)).unwrap();
    let before = std::fs::read(&db).unwrap();
    let out = run(&db, &["household", "list"]);
    assert!(out.status.success(), "reading works: {}", stderr(&out));
    assert!(String::from_utf8_lossy(&out.stdout).contains("3607291010990001"));
    let out = run(
        &db,
        &[
            "--operator",
            "测试员",
            "import",
            data("village.json").to_str().unwrap(),
        ],
    );
    assert!(!out.status.success(), "writing is refused");
    assert!(stderr(&out).contains("只读"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the ledger is unchanged"
    );
}

#[test]
fn forged_lines_and_absurd_figures_are_refused_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let list_before = run(&db, &["household", "list"]).stdout;

    let out = run(
        &db,
        &[
            "--operator",
            "张三\n2026-01-01 李四 删除",
            "cadre",
            "list",
            "--village",
            "360729101099",
        ],
    );
    assert!(!out.status.success());
    assert!(
        stderr(&out).contains("操作员姓名不能含换行"),
        "{}",
        stderr(&out)
    );

    let mut doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(data("village.json")).unwrap()).unwrap();
    doc["households"][0]["members"][0]["name"] = "张三\n3607291010990099\t王五".into();
    doc["households"][1]["income"][0]["amount"] = 9.2e18.into();
    let file = dir.path().join("bad.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    let out = run(
        &db,
        &["--operator", "测试员", "import", file.to_str().unwrap()],
    );
    assert!(!out.status.success(), "the file is refused");
    let err = stderr(&out);
    assert!(err.contains("households[0].members[0].name"), "{err}");
    assert!(err.contains("换行"), "{err}");
    assert!(err.contains("超过1亿元"), "{err}");
    assert_eq!(
        run(&db, &["household", "list"]).stdout,
        list_before,
        "nothing already saved is lost or changed"
    );

    for year in ["99999", "-1", "2012"] {
        let out = run(
            &db,
            &[
                "--operator",
                "测试员",
                "roster",
                "--village",
                "360729101099",
                &format!("--year={year}"),
                "--out",
                dir.path().join("r.pdf").to_str().unwrap(),
            ],
        );
        assert!(!out.status.success(), "--year {year} prints nothing");
        assert!(stderr(&out).contains("年度"), "{}", stderr(&out));
    }
}

#[test]
fn a_file_in_another_encoding_is_named_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let text = String::from_utf8(std::fs::read(data("village.json")).unwrap()).unwrap();
    // GBK bytes for 测试村 (a file saved by an old editor).
    let mut bytes = text.clone().into_bytes();
    bytes.splice(20..20, [0xB2, 0xE2, 0xCA, 0xD4]);
    let file = dir.path().join("gbk.json");
    std::fs::write(&file, &bytes).unwrap();
    let out = run(
        &db,
        &["--operator", "测试员", "import", file.to_str().unwrap()],
    );
    assert!(!out.status.success());
    assert!(stderr(&out).contains("不是UTF-8编码"), "{}", stderr(&out));

    let utf16: Vec<u8> = [0xFF, 0xFE]
        .into_iter()
        .chain(text.encode_utf16().flat_map(|u| u.to_le_bytes()))
        .collect();
    std::fs::write(&file, utf16).unwrap();
    let out = run(
        &db,
        &["--operator", "测试员", "import", file.to_str().unwrap()],
    );
    assert!(stderr(&out).contains("UTF-16"), "{}", stderr(&out));

    let mut bom = vec![0xEF, 0xBB, 0xBF];
    bom.extend(text.as_bytes());
    std::fs::write(&file, bom).unwrap();
    let out = run(
        &db,
        &["--operator", "测试员", "import", file.to_str().unwrap()],
    );
    assert!(
        out.status.success(),
        "a UTF-8 BOM is fine: {}",
        stderr(&out)
    );
}

#[test]
fn command_line_mistakes_are_explained_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    for (args, expected) in [
        (vec!["hosuehold"], "无法识别的命令"),
        (vec!["export"], "缺少必填参数"),
        (vec!["assess", "--year", "20x"], "应为整数"),
        (
            vec!["household", "show", "1", "--as-of", "2019-13-01"],
            "不是有效日期",
        ),
    ] {
        let out = run(&db, &args);
        assert!(!out.status.success());
        assert!(
            stderr(&out).contains(expected),
            "{args:?}: {}",
            stderr(&out)
        );
    }
}

#[test]
fn a_card_written_onto_the_ledger_leaves_the_ledger_intact() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let list = run(&db, &["household", "list"]).stdout;
    let before = std::fs::read(&db).unwrap();
    let prints = |db: &Path| -> i64 {
        rusqlite::Connection::open(db)
            .unwrap()
            .query_row("SELECT COUNT(*) FROM print_log", [], |r| r.get(0))
            .unwrap()
    };
    let logged = prints(&db);
    let card = |out: &Path| {
        run(
            &db,
            &[
                "--operator",
                "测试员",
                "card",
                "--household",
                "3607291010990001",
                "--year",
                "2019",
                "--out",
                out.to_str().unwrap(),
            ],
        )
    };
    let out = card(&db);
    assert!(
        !out.status.success(),
        "writing a card over the ledger is refused"
    );
    assert!(stderr(&out).contains("台账本身"), "{}", stderr(&out));
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the ledger is untouched"
    );
    assert_eq!(run(&db, &["household", "list"]).stdout, list);

    let letter = dir.path().join("letter.txt");
    std::fs::write(&letter, "给村委会的信").unwrap();
    assert!(
        !card(&letter).status.success(),
        "a stranger's file is not replaced"
    );
    assert_eq!(std::fs::read_to_string(&letter).unwrap(), "给村委会的信");

    let nowhere = dir.path().join("no-such-folder").join("card.pdf");
    assert!(!card(&nowhere).status.success());
    assert_eq!(
        prints(&db),
        logged,
        "a print that never reached its file is not logged"
    );

    let pdf = dir.path().join("card.pdf");
    assert!(card(&pdf).status.success(), "{}", stderr(&card(&pdf)));
    assert!(
        card(&pdf).status.success(),
        "our own PDF may be printed again"
    );
    assert!(std::fs::read(&pdf).unwrap().starts_with(b"%PDF-"));
    assert_eq!(prints(&db), logged + 2, "each complete print is logged");
}

#[test]
fn a_damaged_ledger_opens_read_only_and_says_how_to_restore() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    // Fold the journal into the file, then scribble over the middle of it.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE);")
        .unwrap();
    let mut bytes = std::fs::read(&db).unwrap();
    // The page size, from the file's header (bytes 16–17).
    let page = u16::from_be_bytes([bytes[16], bytes[17]]) as usize;
    for b in &mut bytes[3 * page..3 * page + 200] {
        *b = 0xA5;
    }
    std::fs::write(&db, &bytes).unwrap();
    let out = run(
        &db,
        &[
            "--operator",
            "测试员",
            "import",
            data("village.json").to_str().unwrap(),
        ],
    );
    assert!(
        !out.status.success(),
        "nothing is written to a damaged ledger"
    );
    let err = stderr(&out);
    assert!(err.contains("已损坏") && err.contains("restore"), "{err}");
    assert_eq!(
        std::fs::read(&db).unwrap(),
        bytes,
        "the damaged file is left as it is"
    );
}

#[test]
fn duplicate_ids_and_another_villages_ids_change_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let export = |db: &Path| run(db, &["export", "--village", "360729101099"]).stdout;
    let before = export(&db);

    // One file that uses an income line id twice: one line would silently replace the other.
    let mut doc: serde_json::Value =
        serde_json::from_slice(&std::fs::read(data("village.json")).unwrap()).unwrap();
    let lines = doc["households"][0]["income"].as_array_mut().unwrap();
    lines[0]["x_id"] = "line-1".into();
    lines[1]["x_id"] = "line-1".into();
    let file = dir.path().join("dup.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    let out = run(
        &db,
        &["--operator", "测试员", "import", file.to_str().unwrap()],
    );
    assert!(!out.status.success(), "duplicate ids are refused");
    let err = stderr(&out);
    assert!(
        err.contains("用了两次") && err.contains("income[1]"),
        "{err}"
    );

    // A neighbouring village's file that reuses the ids c-1 and h-1.
    let mut other: serde_json::Value =
        serde_json::from_slice(&std::fs::read(data("village.json")).unwrap()).unwrap();
    other["village"]["code"] = "360729101077".into();
    other["village"]["name"] = "邻村".into();
    for (i, h) in other["households"]
        .as_array_mut()
        .unwrap()
        .iter_mut()
        .enumerate()
    {
        h["code"] = format!("36072910107700{i:02}").into();
    }
    let file = dir.path().join("neighbour.json");
    std::fs::write(&file, other.to_string()).unwrap();
    let out = run(
        &db,
        &["--operator", "测试员", "import", file.to_str().unwrap()],
    );
    assert!(!out.status.success(), "another village's ids are refused");
    let err = stderr(&out);
    assert!(
        err.contains("测试村") && err.contains("邻村"),
        "names both villages: {err}"
    );
    assert_eq!(
        export(&db),
        before,
        "the first village is exactly as it was"
    );
    let again = run(
        &db,
        &[
            "--operator",
            "测试员",
            "import",
            data("village.json").to_str().unwrap(),
        ],
    );
    assert!(again.status.success(), "and its own export still imports");
}

/// The fixture village with every id of its own renamed (`n-…`), as another village's file.
fn neighbour(code: &str, name: &str) -> serde_json::Value {
    let text = String::from_utf8(std::fs::read(data("village.json")).unwrap()).unwrap();
    let text = text
        .replace("\"h-", "\"n-h-")
        .replace("\"m-", "\"n-m-")
        .replace("\"c-", "\"n-c-")
        .replace("36072910109900", &format!("{code}00"));
    let mut doc: serde_json::Value = serde_json::from_str(&text).unwrap();
    doc["village"]["code"] = code.into();
    doc["village"]["name"] = name.into();
    doc
}

#[test]
fn a_record_id_another_household_holds_is_refused_naming_that_household() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let export = |db: &Path| run(db, &["export", "--village", "360729101099"]).stdout;
    let before = export(&db);
    let ours: serde_json::Value = serde_json::from_slice(&before).unwrap();
    let taken = ours["households"][0]["income"][0]["x_id"].clone();
    let import = |doc: &serde_json::Value, name: &str, more: &[&str]| {
        let file = dir.path().join(name);
        std::fs::write(&file, doc.to_string()).unwrap();
        let mut args = vec!["--operator", "测试员", "import", file.to_str().unwrap()];
        args.extend(more);
        run(&db, &args)
    };

    // A neighbouring village's file whose income line carries an id of ours.
    let mut other = neighbour("360729101077", "邻村");
    other["households"][0]["income"][0]["x_id"] = taken.clone();
    let out = import(&other, "neighbour.json", &["--new-village"]);
    assert!(!out.status.success(), "the id is refused");
    let err = stderr(&out);
    for needle in [
        "households[0].income[0].x_id",
        "测试村（村代码360729101099）户3607291010990001的收入一本账记录",
    ] {
        assert!(err.contains(needle), "names {needle}: {err}");
    }
    assert!(!err.contains("UNIQUE"), "in the cadre's words: {err}");

    // Our own export with a line moved from one household to the other by its id.
    let mut moved = ours.clone();
    let line = moved["households"][0]["income"]
        .as_array_mut()
        .unwrap()
        .remove(0);
    moved["households"][1]["income"][0]["x_id"] = line["x_id"].clone();
    let out = import(&moved, "moved.json", &[]);
    assert!(
        !out.status.success(),
        "a line does not move between households"
    );
    let err = stderr(&out);
    assert!(
        err.contains("households[1].income[0].x_id")
            && err.contains("本村户3607291010990001的收入一本账记录（该户已不再列有这条记录）"),
        "{err}"
    );
    assert_eq!(export(&db), before, "nothing was written");
}

#[test]
fn a_blank_village_code_and_one_person_in_two_households_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = imported(dir.path());
    let export = |db: &Path| run(db, &["export", "--village", "360729101099"]).stdout;
    let before = export(&db);
    // A zero-width space or a byte-order mark makes a code that looks like 360729101077.
    for (code, why) in [
        ("", "村代码为空"),
        (" 360729101077", "含有空格"),
        ("360729101077\u{200B}", "不可见字符"),
        ("\u{FEFF}360729101077", "不可见字符"),
        // Not a 12-digit code: a mistyped one, not a new village.
        ("3607", "不是12位数字"),
        ("３６０７２９１０１０７７", "全角数字请改为半角"),
    ] {
        let file = dir.path().join("blank.json");
        std::fs::write(&file, neighbour(code, "邻村").to_string()).unwrap();
        let out = run(
            &db,
            &[
                "--operator",
                "测试员",
                "import",
                file.to_str().unwrap(),
                "--new-village",
            ],
        );
        assert!(!out.status.success(), "code {code:?} is refused");
        let err = stderr(&out);
        assert!(err.contains("village.code") && err.contains(why), "{err}");
    }
    // Our own file with its code blanked: told once, not again for each of its ids as
    // another village's.
    let mut blanked: serde_json::Value = serde_json::from_slice(&before).unwrap();
    blanked["village"]["code"] = "".into();
    let file = dir.path().join("blanked.json");
    std::fs::write(&file, blanked.to_string()).unwrap();
    let out = run(&db, &["import", file.to_str().unwrap(), "--new-village"]);
    let err = stderr(&out);
    assert!(
        err.contains("村代码为空") && !err.contains("（村代码）"),
        "{err}"
    );
    // A neighbour's file with no `village.code` at all: that one error, not one more for
    // each pairing and visit as naming a cadre the village lacks.
    let mut missing = neighbour("360729101077", "邻村");
    missing["village"].as_object_mut().unwrap().remove("code");
    std::fs::write(&file, missing.to_string()).unwrap();
    let err = stderr(&run(
        &db,
        &["import", file.to_str().unwrap(), "--new-village"],
    ));
    assert!(
        err.contains("缺少必填项`code`") && !err.contains("干部名单"),
        "{err}"
    );
    // Our own file with its code mistyped: told as a mistyped code, with or without the
    // confirmation — not as every id being another village's, not as a village to confirm.
    let mut mistyped: serde_json::Value = serde_json::from_slice(&before).unwrap();
    mistyped["village"]["code"] = "3607".into();
    std::fs::write(&file, mistyped.to_string()).unwrap();
    for more in [&["--new-village"][..], &[]] {
        let mut args = vec!["import", file.to_str().unwrap()];
        args.extend(more);
        let err = stderr(&run(&db, &args));
        assert!(
            err.contains("不是12位数字")
                && !err.contains("已属于")
                && !err.contains("--new-village"),
            "{more:?}: {err}"
        );
    }
    let villages = yibentong::store::Ledger::open_existing(&db, None)
        .unwrap()
        .villages()
        .unwrap();
    assert_eq!(villages.len(), 1, "no phantom village");

    // The same ID number in both households of one file.
    let mut doc: serde_json::Value = serde_json::from_slice(&before).unwrap();
    let person = doc["households"][0]["members"][0]["id_number"].clone();
    doc["households"][1]["members"][0]["id_number"] = person;
    let file = dir.path().join("twice.json");
    std::fs::write(&file, doc.to_string()).unwrap();
    let out = run(
        &db,
        &["--operator", "测试员", "import", file.to_str().unwrap()],
    );
    assert!(
        !out.status.success(),
        "one person in two households is refused"
    );
    assert!(stderr(&out).contains("一人只能在一户"), "{}", stderr(&out));
    assert_eq!(export(&db), before, "nothing was written");
}

/// A refused import read through `2>&1 | head -1`: the reader goes away before the
/// errors are written, and the command still exits with its own code (2), not a panic.
#[test]
fn a_closed_stderr_leaves_the_exit_code_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let mut child = Command::new(bin())
        .arg("--db")
        .arg(&db)
        .args(["import", data("xlsx/bad_mixed.xlsx").to_str().unwrap()])
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    drop(child.stderr.take()); // nobody reads stderr any more
    let status = child.wait().unwrap();
    assert_eq!(
        status.code(),
        Some(2),
        "a refused file exits 2, whoever reads"
    );
}
