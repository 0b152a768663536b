//! The local policy over time: dated values are stored one row each with an audit row,
//! apply from their date on (never backwards), are listed, and old undated settings are
//! moved into dated values when a ledger is upgraded. The CLI forms are a contract.

use crate::common::{bin, read, today, UNDO_0009};
use chrono::NaiveDate;
use yibentong::assess::policy_for;
use yibentong::exchange::import_bytes;
use yibentong::rules::{
    LocalParameter, LocalPolicy, LocalValueChange, Origin, Overrides, ParamValue,
};
use yibentong::store::{Ledger, SCHEMA_VERSION};

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn dibao(value: f64, from: NaiveDate, doc: &str) -> LocalValueChange {
    LocalValueChange {
        parameter: LocalParameter::DibaoLine,
        value: ParamValue::Number(value),
        from,
        doc: Some(doc.to_string()),
    }
}

#[test]
fn a_dated_line_applies_from_its_date_is_listed_and_audited() {
    let mut l = Ledger::open_in_memory().unwrap();
    l.set_operator("第一书记").unwrap();
    import_bytes(&mut l, &read("village.json"), "v.json", today()).unwrap();
    l.add_local_values(
        &[dibao(4000.0, date(2019, 1, 1), "全民发〔2019〕2号")],
        "县民政局2019年标准",
    )
    .unwrap();
    l.add_local_values(
        &[dibao(4800.0, date(2023, 1, 1), "全民发〔2023〕12号")],
        "县民政局调整标准",
    )
    .unwrap();

    let village = l.village("360729101099").unwrap().village;
    let line = |year| {
        policy_for(&l, &village, year, None, &Overrides::default())
            .unwrap()
            .dibao_line
    };
    assert!(
        line(2018).is_none(),
        "no value before the first date, none shipped"
    );
    let y2022 = line(2022).expect("the 2019 value is in force in 2022");
    assert_eq!(
        y2022.value, 4000.0,
        "the 2023 value never applies backwards"
    );
    let y2023 = line(2023).expect("the new value from 2023");
    assert_eq!(y2023.value, 4800.0);
    assert_eq!(y2023.origin, Origin::Local);
    assert_eq!(
        y2023.source, "本地设置：全民发〔2023〕12号（2023-01-01起）",
        "the explanation names the document and the date"
    );

    let values = l.local_values().unwrap();
    assert_eq!(values.len(), 2, "both values are kept as history");
    assert_eq!(values[1].operator, "第一书记", "who entered it");
    assert_eq!(values[1].reason, "县民政局调整标准");
    assert!(!values[1].recorded_at.is_empty(), "when it was entered");

    let trail = l.audit_for_settings().unwrap();
    let last = trail.last().expect("the change left an audit row");
    assert_eq!(last.table, "local_policy_values");
    assert_eq!(last.operator, "第一书记");
    assert_eq!(last.reason.as_deref(), Some("县民政局调整标准"));
    let new = last.new_value.as_deref().unwrap_or("");
    assert!(
        new.contains("4800") && new.contains("2023-01-01") && new.contains("全民发〔2023〕12号"),
        "the audit row says what, from when and by which document: {new}"
    );
}

#[test]
fn a_change_without_reason_or_with_a_bad_value_is_refused_in_chinese() {
    let mut l = Ledger::open_in_memory().unwrap();
    let err = l
        .add_local_values(&[dibao(4800.0, date(2023, 1, 1), "文")], "  ")
        .unwrap_err();
    assert!(err.to_string().contains("请填写修改原因"), "{err}");
    let err = l
        .add_local_values(&[dibao(-1.0, date(2023, 1, 1), "文")], "原因")
        .unwrap_err();
    assert!(err.to_string().contains("低保标准应为正数"), "{err}");
    assert!(l.local_values().unwrap().is_empty(), "nothing saved");
}

#[test]
fn an_undated_line_is_refused_because_it_would_apply_to_every_year() {
    let mut l = Ledger::open_in_memory().unwrap();
    let err = l
        .set_local_policy(
            &LocalPolicy {
                dibao_line: Some(4800.0),
                ..Default::default()
            },
            Some("县文件"),
        )
        .unwrap_err();
    assert!(err.to_string().contains("起始日期"), "{err}");
    l.set_local_policy(
        &LocalPolicy {
            province: Some("云南省".into()),
            ..Default::default()
        },
        Some("驻村所在省"),
    )
    .expect("region, province and county stay undated");
    assert_eq!(
        l.local_policy().unwrap().province.as_deref(),
        Some("云南省")
    );
}

#[test]
fn upgrading_moves_the_old_undated_values_into_dated_ones() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.db");
    drop(Ledger::open(&path).unwrap());
    // Make the file look like a ledger from before migration 0003, with the old setting.
    let conn = rusqlite::Connection::open(&path).unwrap();
    conn.execute_batch(UNDO_0009).unwrap();
    conn.execute_batch(
        "DROP TABLE local_policy_values;
         DROP TABLE decisions;
         ALTER TABLE cadres DROP COLUMN start;
         ALTER TABLE cadres DROP COLUMN end;
         ALTER TABLE audit DROP COLUMN hash;
         DELETE FROM audit;
         INSERT INTO settings (key, value, updated_at) VALUES
           ('operator', '老书记', '2023-05-01T10:00:00+08:00'),
           ('local_policy', '{\"province\":\"云南省\",\"dibao_line\":4800.0,\"use_cost_ratios\":true}',
            '2023-05-01T10:00:00+08:00');",
    )
    .unwrap();
    // Version 2: the time axis (0002) but not the dated local values (0003), 0004 nor 0005.
    conn.pragma_update(None, "user_version", 2).unwrap();
    const { assert!(SCHEMA_VERSION > 2) };
    drop(conn);

    let l = Ledger::open(&path).unwrap();
    let values = l.local_values().unwrap();
    assert_eq!(values.len(), 2, "both old values are kept: {values:?}");
    let line = &values[0];
    assert_eq!(line.parameter, LocalParameter::DibaoLine);
    assert_eq!(line.value, ParamValue::Number(4800.0));
    assert_eq!(
        line.from,
        date(2014, 1, 1),
        "the old value keeps applying from the start of 建档立卡"
    );
    assert_eq!(line.reason, "升级前的本地参数（未注明起始日期）");
    assert_eq!(line.operator, "老书记");
    assert_eq!(values[1].value, ParamValue::Flag(true), "flags too");

    let policy = l.local_policy().unwrap();
    assert_eq!(
        policy.province.as_deref(),
        Some("云南省"),
        "undated settings stay"
    );
    assert!(
        !policy.has_undated_values(),
        "no undated value is left behind"
    );
    let trail = l.audit_for_settings().unwrap();
    assert_eq!(
        trail
            .iter()
            .filter(|a| a.table == "local_policy_values")
            .count(),
        2,
        "each moved value has an audit row: {trail:?}"
    );
    assert!(
        trail
            .iter()
            .any(|a| a.table == "settings"
                && a.old_value.as_deref().is_some_and(|o| o.contains("4800"))),
        "the old setting text is kept in the audit trail"
    );
}

fn cli(db: &std::path::Path, args: &[&str]) -> std::process::Output {
    std::process::Command::new(bin())
        .arg("--db")
        .arg(db)
        .arg("policy")
        .args(args)
        .output()
        .unwrap()
}

#[test]
fn the_cli_sets_lists_and_shows_dated_values() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let out = cli(
        &db,
        &[
            "set",
            "--dibao-line",
            "4800",
            "--from",
            "2023-01-01",
            "--doc",
            "全民发〔2023〕12号",
            "--reason",
            "县民政局调整标准",
        ],
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );

    let list = cli(&db, &["list"]);
    let text = String::from_utf8_lossy(&list.stdout);
    for needle in [
        "低保标准 4800元",
        "2023-01-01起",
        "全民发〔2023〕12号",
        "县民政局调整标准",
    ] {
        assert!(
            text.contains(needle),
            "`policy list` shows “{needle}”:\n{text}"
        );
    }
    let json: serde_json::Value =
        serde_json::from_slice(&cli(&db, &["list", "--json"]).stdout).unwrap();
    assert_eq!(json[0]["parameter"], "dibao_line");
    assert_eq!(json[0]["from"], "2023-01-01");
    assert_eq!(json[0]["doc"], "全民发〔2023〕12号");

    let show: serde_json::Value = serde_json::from_slice(&cli(&db, &["show"]).stdout).unwrap();
    assert_eq!(
        show["dibao_line"], 4800.0,
        "in force today (after 2023-01-01)"
    );
}

#[test]
fn the_cli_refuses_a_line_without_from_or_reason_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("l.db");
    let no_from = cli(
        &db,
        &["set", "--monitoring-line", "7300", "--reason", "省文件"],
    );
    assert!(
        !no_from.status.success(),
        "a line without --from is refused"
    );
    let err = String::from_utf8_lossy(&no_from.stderr);
    assert!(
        err.contains("监测范围须注明从哪天起执行") && err.contains("--from"),
        "{err}"
    );

    let no_reason = cli(
        &db,
        &["set", "--dibao-line", "4800", "--from", "2023-01-01"],
    );
    assert!(
        !no_reason.status.success(),
        "a change without --reason is refused"
    );
    let err = String::from_utf8_lossy(&no_reason.stderr);
    assert!(
        err.contains("须说明原因") && err.contains("--reason"),
        "{err}"
    );

    if db.exists() {
        let list = cli(&db, &["list", "--json"]);
        let json: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
        assert_eq!(json, serde_json::json!([]), "nothing was saved");
    } else {
        let list = cli(&db, &["list", "--json"]);
        assert!(
            !list.status.success() && !db.exists(),
            "nothing was saved, and listing creates no ledger"
        );
    }
}
