//! Commands through Tauri's IPC without a window (`tauri::test`, mock runtime): the
//! arguments as the UI sends them (camelCase JSON), the answers and the typed errors.

use serde_json::{json, Value};
use std::path::{Path, PathBuf};
use tauri::test::{get_ipc_response, mock_builder, mock_context, noop_assets, INVOKE_KEY};
use tauri::webview::{InvokeRequest, WebviewWindowBuilder};
use tauri::{ipc::CallbackFn, ipc::InvokeBody, App, WebviewWindow};
use yibentong::app::AppState;
use yibentong::store::Ledger;

const VILLAGE: &str = "360729101099";

struct Fixture {
    _app: App<tauri::test::MockRuntime>,
    webview: WebviewWindow<tauri::test::MockRuntime>,
    dir: tempfile::TempDir,
}

/// An app over a fresh ledger file in a temporary directory.
fn app() -> Fixture {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("ledger.db");
    let ledger = Ledger::open(&path).expect("a new ledger opens");
    app_over(dir, AppState::with_ledger(&path, ledger))
}

/// An app over the given state (a locked ledger, say).
fn app_over(dir: tempfile::TempDir, state: AppState) -> Fixture {
    // The answers recorded for the UI tests must not change with the calendar.
    yibentong::app::state::fix_today(chrono::NaiveDate::from_ymd_opt(2025, 6, 30).expect("a date"));
    let app = mock_builder()
        .manage(state)
        .invoke_handler(yibentong_app::handler())
        .build(mock_context(noop_assets()))
        .expect("the mock app builds");
    let webview = WebviewWindowBuilder::new(&app, "main", Default::default())
        .build()
        .expect("a mock window");
    Fixture {
        _app: app,
        webview,
        dir,
    }
}

impl Fixture {
    fn invoke(&self, cmd: &str, args: Value) -> Result<Value, Value> {
        get_ipc_response(
            &self.webview,
            InvokeRequest {
                cmd: cmd.into(),
                callback: CallbackFn(0),
                error: CallbackFn(1),
                url: "tauri://localhost".parse().expect("a url"),
                body: InvokeBody::Json(args),
                headers: Default::default(),
                invoke_key: INVOKE_KEY.to_string(),
            },
        )
        .map(|body| body.deserialize::<Value>().expect("a JSON answer"))
    }

    fn ok(&self, cmd: &str, args: Value) -> Value {
        self.invoke(cmd, args)
            .unwrap_or_else(|e| panic!("{cmd} should succeed, got {e}"))
    }

    fn out(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// Imports the core's test village (two households).
    fn import_village(&self) -> Value {
        let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/village.json");
        self.ok("import_file", json!({ "path": file }))
    }
}

#[test]
fn an_empty_ledger_reports_no_households() {
    let f = app();
    let info = f.ok("ledger_info", json!({}));
    assert_eq!(info["households"], 0, "a new ledger holds no households");
    assert_eq!(info["villages"], json!([]), "a new ledger has no village");
}

#[test]
fn import_list_open_print_and_export_a_village() {
    let f = app();
    let summary = f.import_village();
    assert_eq!(
        summary[0]["inserted"], 2,
        "both households of the file are new"
    );

    let rows = f.ok("household_list", json!({ "village": VILLAGE }));
    let rows = rows.as_array().expect("a list");
    assert_eq!(rows.len(), 2, "the list shows both households");
    assert_eq!(rows[0]["head"], "张三", "rows carry the head's name");
    assert!(rows[0]["size"].is_number(), "sizes are plain numbers");

    let detail = f.ok("household_get", json!({ "id": "h-1" }));
    assert_eq!(detail["household"]["members"][0]["name"], "张三");
    assert_eq!(detail["village"], VILLAGE, "the detail names its village");

    let hits = f.ok("search", json!({ "query": "zs" }));
    assert!(
        hits.as_array()
            .is_some_and(|h| h.iter().any(|x| x["name"] == "张三")),
        "pinyin initials find 张三: {hits}"
    );

    let verdicts = f.ok("assess_household", json!({ "id": "h-1", "year": 2020 }));
    assert!(
        verdicts["assessment"]["verdicts"]
            .as_array()
            .is_some_and(|v| !v.is_empty()),
        "the assessment lists verdicts: {verdicts}"
    );
    assert!(verdicts["what_if"].is_object(), "the what-if comes along");

    let out = f.out("card.pdf");
    let printed = f.ok(
        "print_card",
        json!({ "code": "3607291010990001", "kind": "household", "year": 2020, "out": out }),
    );
    assert!(
        printed["pages"].as_u64().is_some_and(|p| p >= 1),
        "{printed}"
    );
    let pdf = std::fs::read(&out).expect("the card was written where asked");
    assert!(pdf.starts_with(b"%PDF"), "the card is a PDF");

    let phrases = f.ok("visit_phrases", json!({ "id": "h-1" }));
    assert!(
        phrases.as_array().is_some_and(|p| p
            .iter()
            .any(|x| x.as_str().is_some_and(|t| t.contains("张三")))),
        "常用语 from the household's own members: {phrases}"
    );

    let plan_out = f.out("plan.pdf");
    let plan = f.ok(
        "print_visit_plan",
        json!({ "village": VILLAGE, "week": "2025-06-30", "out": plan_out }),
    );
    assert!(plan["pages"].as_u64().is_some_and(|p| p >= 1), "{plan}");
    let pdf = std::fs::read(&plan_out).expect("the plan was written where asked");
    assert!(pdf.starts_with(b"%PDF"), "the plan is a PDF");

    let json_out = f.out("village.json");
    let bytes = f.ok(
        "export_village",
        json!({ "village": VILLAGE, "path": json_out }),
    );
    let written = std::fs::metadata(&json_out)
        .expect("the export exists")
        .len();
    assert_eq!(bytes, written, "the command reports the bytes written");
    // The save dialog's completed name is asked about when taken (ui/src/api/desktop.ts).
    assert_eq!(
        f.ok("file_exists", json!({ "path": json_out })),
        json!(true)
    );
    assert_eq!(
        f.ok("file_exists", json!({ "path": f.out("不存在.json") })),
        json!(false)
    );

    // The same command writes the monitoring system's workbook for an .xlsx path, and
    // import_file takes a workbook as well as an exchange file.
    let xlsx_out = f.out("监测对象信息.xlsx");
    f.ok(
        "export_village",
        json!({ "village": VILLAGE, "path": xlsx_out }),
    );
    let head = std::fs::read(&xlsx_out).expect("the workbook exists");
    assert!(head.starts_with(b"PK\x03\x04"), "an .xlsx is a zip");
    let again = f.ok("import_file", json!({ "path": xlsx_out }));
    assert_eq!(
        (again[0]["inserted"].clone(), again[0]["updated"].clone()),
        (json!(0), json!(0)),
        "our own workbook imported back changes nothing: {again}"
    );

    // The 花名册 and the 检查清单 as workbooks (their cells: tests/ledger/workbooks.rs).
    for (command, name) in [
        ("export_roster_xlsx", "花名册.xlsx"),
        ("export_inspector_xlsx", "检查清单.xlsx"),
    ] {
        let out = f.out(name);
        let bytes = f.ok(
            command,
            json!({ "village": VILLAGE, "year": 2025, "out": out }),
        );
        let written = std::fs::read(&out).expect("the workbook was written where asked");
        assert!(
            written.starts_with(b"PK\x03\x04"),
            "{command}: an .xlsx is a zip"
        );
        assert_eq!(bytes, written.len(), "{command} reports the bytes written");
    }
    let refused = f
        .invoke(
            "export_roster_xlsx",
            json!({ "village": VILLAGE, "year": 2012, "out": f.out("2012.xlsx") }),
        )
        .unwrap_err();
    assert_eq!(refused["code"], "invalid", "{refused}");

    // The township's villages as one workbook (乡镇概览); a township the ledger lacks is
    // refused as not found.
    let out = f.out("乡镇.xlsx");
    let township = &VILLAGE[..9];
    let bytes = f.ok(
        "export_township_xlsx",
        json!({ "township": township, "year": 2025, "out": out }),
    );
    let written = std::fs::read(&out).expect("the workbook was written where asked");
    assert!(written.starts_with(b"PK\x03\x04"), "an .xlsx is a zip");
    assert_eq!(bytes, written.len(), "the bytes written");
    let refused = f
        .invoke(
            "export_township_xlsx",
            json!({ "township": "999999999", "year": 2025, "out": f.out("无.xlsx") }),
        )
        .unwrap_err();
    assert_eq!(refused["code"], "not_found", "{refused}");
}

#[test]
fn a_bad_id_number_is_a_typed_validation_error() {
    let f = app();
    f.import_village();
    let mut household = f.ok("household_get", json!({ "id": "h-2" }))["household"].clone();
    household["members"][0]["id_number"] = json!("360729195001011235");

    let findings = f.ok(
        "household_check",
        json!({ "village": VILLAGE, "household": household }),
    );
    assert!(
        findings.as_array().is_some_and(|list| list
            .iter()
            .any(|x| x["path"] == "members[0].id_number" && x["severity"] == "error")),
        "the check points at the ID number: {findings}"
    );

    let err = f
        .invoke(
            "household_save",
            json!({ "village": VILLAGE, "household": household, "reason": null }),
        )
        .expect_err("a household with a bad ID number is not saved");
    assert_eq!(err["code"], "validation", "{err}");
    let finding = &err["findings"][0];
    assert_eq!(finding["path"], "members[0].id_number", "{err}");
    let message = finding["message"].as_str().unwrap_or_default();
    assert!(
        message.contains("身份证"),
        "the message is Chinese and names the ID number: {message}"
    );
}

/// A form's draft with required fields still empty is checked by the core: each empty
/// field is named at its path, and the rest is checked as usual.
#[test]
fn a_half_filled_form_is_checked_field_by_field() {
    let f = app();
    f.import_village();
    let mut household = f.ok("household_get", json!({ "id": "h-2" }))["household"].clone();
    household["income"]
        .as_array_mut()
        .expect("income")
        .push(json!({ "year": 2025, "month": 13, "category": null, "item": "", "amount": null, "counted": true }));
    let at = |path: String| -> Vec<String> {
        let findings = f.ok(
            "household_check",
            json!({ "village": VILLAGE, "household": household }),
        );
        findings
            .as_array()
            .expect("a list")
            .iter()
            .filter(|x| x["path"] == path.as_str() && x["severity"] == "error")
            .map(|x| x["message"].as_str().unwrap_or_default().to_string())
            .collect()
    };
    let i = household["income"].as_array().expect("income").len() - 1;
    assert_eq!(at(format!("income[{i}].category")), ["此项必须填写"]);
    assert_eq!(at(format!("income[{i}].amount")), ["此项必须填写"]);
    assert_eq!(at(format!("income[{i}].item")), ["请填写收入项目"]);
    assert!(at(format!("income[{i}].month"))[0].contains("月份应为1至12"));

    let next = f.ok("household_code_next", json!({ "village": VILLAGE }));
    let codes: Vec<String> = f
        .ok("household_list", json!({ "village": VILLAGE }))
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["code"].as_str().unwrap_or_default().to_string())
        .collect();
    assert!(
        !codes.contains(&next.as_str().unwrap_or_default().to_string()),
        "the offered code {next} is free"
    );
}

/// 修改记录: a saved change appears in the household's audit trail in words (field and
/// values as the cadre reads them, who and why), newest first.
#[test]
fn the_township_view_sets_targets_against_the_exits() {
    let f = app();
    f.import_village();
    let list = f.ok("township_list", json!({}));
    let township = list[0]["code"].as_str().expect("a township").to_string();
    assert_eq!(township, &VILLAGE[..9], "{list}");
    f.ok(
        "plan_target_set",
        json!({ "target": { "area": township, "year": 2019, "households": 3, "persons": 9, "doc": "镇2019年脱贫计划" } }),
    );
    let view = f.ok("township_view", json!({ "code": null, "year": 2019 }));
    assert_eq!(view["villages"][0]["code"], VILLAGE, "{view}");
    let row = view["plan"]
        .as_array()
        .and_then(|p| {
            p.iter()
                .find(|r| r["year"] == 2019 && r["area"] == township.as_str())
        })
        .cloned()
        .expect("the township's 2019 row");
    assert_eq!(row["planned_households"], 3, "{row}");
    assert_eq!(row["doc"], "镇2019年脱贫计划", "{row}");
    let err = f
        .invoke(
            "plan_target_set",
            json!({ "target": { "area": township, "year": 2031, "households": 1, "persons": 1, "doc": null } }),
        )
        .expect_err("a year after 脱贫攻坚 is refused");
    assert_eq!(err["code"], "invalid", "{err}");
}

#[test]
fn a_change_is_in_the_households_record_in_words() {
    let f = app();
    f.import_village();
    let mut household = f.ok("household_get", json!({ "id": "h-2" }))["household"].clone();
    household["members"][0]["health"] = json!("serious_illness");
    f.ok(
        "household_save",
        json!({ "village": VILLAGE, "household": household, "reason": "入户核实" }),
    );
    let rows = f.ok("household_changes", json!({ "id": "h-2" }));
    let first = &rows[0];
    assert_eq!(first["action"], "修改", "{rows}");
    assert!(
        first["what"]
            .as_str()
            .is_some_and(|w| w.contains("成员") && w.contains("健康状况")),
        "{first}"
    );
    assert_eq!(first["new"], "患有大病", "{first}");
    assert!(
        !rows.to_string().contains("serious_illness"),
        "no code on screen: {rows}"
    );
    // The ledger's 变更记录 has it first, with the household named.
    let page = f.ok(
        "ledger_changes",
        json!({ "query": { "operator": null, "since": null, "before": null } }),
    );
    let newest = &page["changes"][0];
    assert_eq!(newest["household_id"], "h-2", "{page}");
    assert!(
        newest["household"]
            .as_str()
            .is_some_and(|h| h.ends_with("户（3607291010990002）")),
        "{newest}"
    );
    assert_eq!(newest["change"]["new"], "患有大病", "{newest}");
    assert!(
        page["operators"].as_array().is_some_and(|o| !o.is_empty()),
        "{page}"
    );
}

#[test]
fn a_new_household_without_ids_is_saved() {
    let f = app();
    f.import_village();
    let household = json!({
        "id": "",
        "code": "3607291010990003",
        "group": "一组",
        "members": [
            { "id": "", "name": "王五", "id_number": "360729198001011238", "relation": "head" }
        ]
    });
    let saved = f.ok(
        "household_save",
        json!({ "village": VILLAGE, "household": household, "reason": null }),
    );
    let id = saved["household_id"].as_str().expect("an id");
    assert!(!id.is_empty(), "the new household got an id");
    let detail = f.ok("household_get", json!({ "id": id }));
    assert_eq!(detail["household"]["members"][0]["name"], "王五");
}

#[test]
fn unknown_village_and_settings_round_trip() {
    let f = app();
    let err = f
        .invoke("household_list", json!({ "village": "999" }))
        .expect_err("an unknown village is an error");
    assert_eq!(err["code"], "not_found", "{err}");
    assert_eq!(
        err["findings"],
        json!([]),
        "only validation errors carry findings"
    );

    let mut settings = f.ok("settings_get", json!({}));
    assert_eq!(settings["stale_days"], 90, "the default visit period");
    assert_eq!(
        settings["monitored_stale_days"], 30,
        "monitored households: a visit a month"
    );
    settings["operator"] = json!("李书记");
    settings["mask_ids"] = json!(true);
    let saved = f.ok(
        "settings_save",
        json!({ "settings": settings, "reason": "县文件" }),
    );
    assert_eq!(saved["operator"], "李书记");
    assert_eq!(saved["mask_ids"], true);
    assert_eq!(f.ok("ledger_info", json!({}))["operator"], "李书记");

    settings["local_policy"]["dibao_line"] = json!(6000.0);
    let err = f
        .invoke(
            "settings_save",
            json!({ "settings": settings, "reason": "县文件" }),
        )
        .expect_err("a line without a start date is refused");
    assert_eq!(err["code"], "invalid", "{err}");

    // Dated values: 6000 from 2023, with its document; a negative one is refused.
    let change = json!({ "parameter": "dibao_line", "value": 6000.0, "from": "2023-01-01", "doc": "全民发〔2023〕12号" });
    let values = f.ok(
        "local_value_add",
        json!({ "changes": [change], "reason": "县文件" }),
    );
    assert_eq!(values.as_array().map(Vec::len), Some(1), "{values}");
    assert_eq!(f.ok("local_values_list", json!({}))[0]["value"], 6000.0);
    let bad = json!({ "parameter": "dibao_line", "value": -1.0, "from": "2024-01-01" });
    let err = f
        .invoke(
            "local_value_add",
            json!({ "changes": [bad], "reason": "试" }),
        )
        .expect_err("a negative line is refused");
    assert_eq!(err["code"], "invalid", "{err}");
}

#[test]
fn a_cadre_added_in_the_app_is_on_the_roster() {
    let f = app();
    f.import_village();
    let village = VILLAGE;
    let cadre = f.ok(
        "cadre_add",
        json!({ "village": village, "cadre": { "name": "陈第一", "unit": "县农业农村局", "position": "驻村第一书记" } }),
    );
    assert_eq!(cadre["name"], "陈第一");
    let roster = f.ok("cadre_list", json!({ "village": VILLAGE }));
    assert!(
        roster
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["name"] == "陈第一"),
        "{roster}"
    );
    let err = f
        .invoke(
            "cadre_add",
            json!({ "village": village, "cadre": { "name": "" } }),
        )
        .expect_err("a cadre needs a name");
    assert_eq!(err["code"], "validation", "{err}");
    assert_eq!(
        err["findings"][0]["path"], "name",
        "the message goes to its field: {err}"
    );
    let ended = f.ok(
        "cadre_end",
        json!({ "village": village, "cadre": cadre["id"], "end": "2026-12-31", "reason": "轮换" }),
    );
    assert_eq!(ended["x_end"], "2026-12-31");
}

#[test]
fn first_start_encrypts_and_a_later_start_unlocks_with_the_passphrase() {
    let f = app();
    let weak = f.ok("passphrase_check", json!({ "passphrase": "123" }));
    assert_eq!(weak["strength"], "弱");
    assert!(weak["problem"].as_str().unwrap_or("").contains("至少8位"));
    f.ok("ledger_encrypt", json!({ "passphrase": "老槐树下2014年" }));
    f.import_village();
    let status = f.ok("ledger_status", json!({}));
    assert_eq!(status["encrypted"], true, "{status}");
    let path = f.dir.path().join("ledger.db");
    let head = std::fs::read(&path).unwrap();
    assert!(
        !head.starts_with(b"SQLite format 3"),
        "the file is encrypted"
    );

    // A later start: the app waits for the passphrase.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("ledger.db");
    f.ok("backup_now", json!({}));
    let backups = yibentong::store::backup_dir(&path);
    let newest = std::fs::read_dir(&backups)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .max()
        .expect("a backup");
    std::fs::copy(&newest, &copy).unwrap();
    let g = app_over(dir, AppState::open(&copy));
    let err = g
        .invoke("household_list", json!({ "village": VILLAGE }))
        .expect_err("locked");
    assert_eq!(err["code"], "locked", "{err}");
    assert_eq!(g.ok("ledger_status", json!({}))["locked"], true);
    let wrong = g
        .invoke("ledger_unlock", json!({ "passphrase": "不对的口令123" }))
        .expect_err("a wrong passphrase is refused");
    assert!(
        wrong["message"].as_str().unwrap().contains("口令不正确"),
        "{wrong}"
    );
    g.ok("ledger_unlock", json!({ "passphrase": "老槐树下2014年" }));
    let rows = g.ok("household_list", json!({ "village": VILLAGE }));
    assert_eq!(rows.as_array().map(Vec::len), Some(2), "unlocked: {rows}");
}

#[test]
fn a_backup_restores_from_the_app() {
    let f = app();
    f.import_village();
    let backup = f.ok("backup_now", json!({}));
    let file = backup["path"].as_str().unwrap().to_string();
    f.ok(
        "cadre_add",
        json!({ "village": VILLAGE, "cadre": { "name": "后来者" } }),
    );
    let restored = f.ok("backup_restore", json!({ "path": file }));
    assert!(restored["audit_rows"].as_i64().unwrap() > 0);
    let detail_cadres = f.ok("ledger_status", json!({}));
    assert_eq!(detail_cadres["locked"], false);
    let err = f
        .invoke(
            "cadre_add",
            json!({ "village": VILLAGE, "cadre": { "name": "后来者" } }),
        )
        .map(|_| ());
    assert!(
        err.is_ok(),
        "the cadre added after the backup is gone again: {err:?}"
    );
}

#[test]
fn the_exit_verdict_moves_with_the_income_book() {
    let f = app();
    f.import_village();
    let outcome = |f: &Fixture, rule: &str| {
        let v = f.ok("assess_household", json!({ "id": "h-1", "year": 2019 }));
        v["assessment"]["verdicts"]
            .as_array()
            .and_then(|list| list.iter().find(|x| x["rule"] == rule))
            .map(|x| x["outcome"].clone())
            .unwrap_or_else(|| panic!("a {rule} verdict: {v}"))
    };
    assert_eq!(
        outcome(&f, "household_exit"),
        "yes",
        "the test village's 2019"
    );
    let mut household = f.ok("household_get", json!({ "id": "h-1" }))["household"].clone();
    for line in household["income"].as_array_mut().expect("an income book") {
        if line["year"] == 2019 {
            line["amount"] = json!(0.0);
        }
    }
    f.ok(
        "household_save",
        json!({ "village": VILLAGE, "household": household, "reason": null, "effective": { "kind": "correction", "on": null } }),
    );
    assert_eq!(outcome(&f, "income_above_line"), "no", "no income in 2019");
    assert_eq!(outcome(&f, "household_exit"), "no", "so no exit in 2019");
}

#[test]
fn the_village_check_names_the_field_at_fault() {
    let f = app();
    f.import_village();
    // The boy born in 2012 recorded in 学前教育 (the app's today is fixed for these tests).
    let mut household = f.ok("household_get", json!({ "id": "h-1" }))["household"].clone();
    household["members"][2]["schooling"] = json!("preschool");
    f.ok(
        "household_save",
        json!({ "village": VILLAGE, "household": household, "reason": null, "effective": { "kind": "correction", "on": null } }),
    );
    use chrono::Datelike;
    let year = yibentong::app::state::today().year();
    let list = f.ok("village_check", json!({ "village": VILLAGE, "year": year }));
    let list = list.as_array().expect("a list of findings");
    let hit = list
        .iter()
        .find(|x| x["rule"] == "schooling.age")
        .unwrap_or_else(|| panic!("a schooling finding: {list:?}"));
    assert_eq!(hit["path"], "households[0].members[2].schooling");
    assert_eq!(hit["level"], "warning");
    assert!(hit["message"]
        .as_str()
        .is_some_and(|m| m.contains("学前教育")));
    let err = f
        .invoke(
            "village_check",
            json!({ "village": "999999999999", "year": year }),
        )
        .expect_err("an unknown village is refused");
    assert_eq!(err["code"], "not_found", "{err}");
}

/// An app over a ledger whose stored local policy cannot be resolved: an undated 省定标准
/// of -1 (written past the checks, as an older or damaged ledger might hold it).
fn app_with_a_bad_policy() -> Fixture {
    let dir = tempfile::tempdir().expect("a temporary directory");
    let path = dir.path().join("ledger.db");
    let mut ledger = Ledger::open(&path).expect("a new ledger opens");
    ledger
        .set_setting(
            yibentong::store::Setting::LocalPolicy,
            r#"{"provincial_standard":-1.0}"#,
            Some("测试"),
        )
        .expect("the raw setting is written");
    let f = app_over(dir, AppState::with_ledger(&path, ledger));
    f.import_village();
    f
}

#[test]
fn a_policy_that_cannot_be_resolved_is_a_policy_error() {
    let f = app_with_a_bad_policy();
    for (cmd, args) in [
        (
            "village_overview",
            json!({ "village": VILLAGE, "year": 2019 }),
        ),
        ("assess_household", json!({ "id": "h-1", "year": 2019 })),
    ] {
        let err = f
            .invoke(cmd, args)
            .expect_err("the policy cannot be resolved");
        assert_eq!(
            err["code"], "policy",
            "{cmd}: sent to 设置, not to a field: {err}"
        );
        assert!(
            err["message"]
                .as_str()
                .is_some_and(|m| m.contains("省定标准应为正数")
                    && m.contains("设置")
                    && !m.contains("provincial_standard")),
            "the parameter is named as the cadre knows it, with where to fix it: {err}"
        );
    }
}

/// A laptop's first bundle of the test village, whose 户 h-1 has another 联系电话
/// (13900000001): written with the core into the fixture's folder.
fn laptop_bundle(f: &Fixture) -> PathBuf {
    let path = f.out("laptop.db");
    let mut laptop = Ledger::open(&path).expect("a laptop ledger");
    laptop.set_operator("陈第一").expect("an operator");
    let today = yibentong::app::state::today();
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/village.json");
    let bytes = std::fs::read(file).expect("the test village");
    yibentong::exchange::import_bytes(&mut laptop, &bytes, "village.json", today)
        .expect("the laptop imports the village");
    let s = laptop
        .household_by_code("3607291010990001")
        .expect("h-1 on the laptop");
    let mut h = s.household.clone();
    h.phone = Some("13900000001".into());
    laptop
        .with_tx(|w| w.save_household(&s.village_id, &h, Some("入户核实"), today))
        .expect("the laptop changes the phone");
    let out = f.out("1.bundle");
    yibentong::exchange::bundle::write_bundle(
        &mut laptop,
        VILLAGE,
        "金龙镇",
        Default::default(),
        &out,
        Some(&path),
    )
    .expect("a bundle");
    out
}

#[test]
fn a_bundle_merges_once_and_its_conflict_is_listed_then_settled() {
    let f = app();
    f.import_village();
    let bundle = laptop_bundle(&f);
    let merged = f.ok("bundle_merge", json!({ "path": bundle }));
    assert_eq!(
        merged["conflicts"], 1,
        "the phone differs without a common base: {merged}"
    );
    assert_eq!(merged["already_merged"], false);
    let again = f.ok("bundle_merge", json!({ "path": bundle }));
    assert_eq!(
        again["already_merged"], true,
        "the same bundle again: {again}"
    );

    let list = f.ok("conflict_list", json!({ "village": VILLAGE }));
    let c = &list[0];
    assert_eq!(c["field"], "联系电话", "{c}");
    assert_eq!(c["mine_text"], "13800000001", "{c}");
    assert_eq!(c["theirs_text"], "13900000001", "{c}");
    assert_eq!(c["theirs_by"], "陈第一", "{c}");
    let settled = f.ok(
        "conflict_resolve",
        json!({ "id": c["id"], "keep": "theirs", "reason": "电话核实" }),
    );
    assert_eq!(settled["id"], c["id"]);
    let detail = f.ok("household_get", json!({ "id": "h-1" }));
    assert_eq!(
        detail["household"]["phone"], "13900000001",
        "the sender's value is written"
    );
    assert_eq!(f.ok("conflict_list", json!({ "village": null })), json!([]));

    let err = f
        .invoke(
            "conflict_resolve",
            json!({ "id": c["id"], "keep": "mine", "reason": null }),
        )
        .expect_err("a settled conflict is not settled twice");
    assert_eq!(err["code"], "invalid", "{err}");
    let mut bytes = std::fs::read(&bundle).expect("the bundle");
    let middle = bytes.len() / 2;
    bytes[middle] ^= 1;
    let altered = f.out("altered.bundle");
    std::fs::write(&altered, bytes).expect("an altered copy");
    let err = f
        .invoke("bundle_merge", json!({ "path": altered }))
        .expect_err("an altered bundle is refused");
    assert_eq!(err["code"], "invalid", "{err}");
    assert!(
        err["message"]
            .as_str()
            .is_some_and(|m| m.contains("数据包校验失败")),
        "{err}"
    );

    // Several at once: one outcome per file, the altered and the missing one refused
    // with their codes, the merged one said as merged before.
    let outcomes = f.ok(
        "bundle_merge_many",
        json!({ "paths": [altered, bundle, f.out("无此文件.bundle")] }),
    );
    let list = outcomes.as_array().expect("a list");
    assert_eq!(list.len(), 3, "{outcomes}");
    let of = |name: &str| {
        list.iter()
            .find(|o| o["file"] == name)
            .unwrap_or_else(|| panic!("{name} in {outcomes}"))
    };
    assert_eq!(of("altered.bundle")["error_code"], "invalid");
    assert_eq!(of("altered.bundle")["summary"], Value::Null);
    assert_eq!(of("无此文件.bundle")["error_code"], "io", "{outcomes}");
    let merged = &list
        .iter()
        .find(|o| o["summary"].is_object())
        .expect("the good bundle")["summary"];
    assert_eq!(merged["already_merged"], true, "{outcomes}");
}

#[test]
fn a_bundle_written_in_the_app_is_numbered_listed_and_merged_at_the_township() {
    let laptop = app();
    laptop.import_village();
    let log = laptop.ok("bundle_log", json!({ "village": VILLAGE }));
    assert_eq!(log["sent"], json!([]), "{log}");
    assert_eq!(log["receiver"], "乡镇", "the default receiver: {log}");

    let first = laptop.out("第1号.bundle");
    let s = laptop.ok(
        "bundle_write",
        json!({ "village": VILLAGE, "receiver": "金龙镇", "path": first }),
    );
    assert_eq!(
        (&s["sequence"], &s["full"], &s["households"]),
        (&json!(1), &json!(true), &json!(2)),
        "{s}"
    );
    let second = laptop.out("第2号.bundle");
    let s = laptop.ok(
        "bundle_write",
        json!({ "village": VILLAGE, "receiver": "金龙镇", "path": second }),
    );
    assert_eq!(
        (&s["sequence"], &s["full"], &s["households"]),
        (&json!(2), &json!(false), &json!(0)),
        "nothing changed since the first: {s}"
    );
    let log = laptop.ok("bundle_log", json!({ "village": VILLAGE }));
    assert_eq!(log["sent"].as_array().map(Vec::len), Some(2), "{log}");
    assert_eq!(log["sent"][0]["sequence"], 2, "newest first: {log}");
    assert_eq!(
        log["receiver"], "金龙镇",
        "the next bundle goes where the last went: {log}"
    );

    let ledger = laptop.out("ledger.db");
    let err = laptop
        .invoke(
            "bundle_write",
            json!({ "village": VILLAGE, "receiver": null, "path": ledger }),
        )
        .expect_err("a bundle is never written over the ledger");
    assert!(
        err["code"].is_string() && err["message"].is_string(),
        "typed: {err}"
    );
    assert!(
        laptop
            .ok("household_list", json!({ "village": VILLAGE }))
            .as_array()
            .is_some_and(|l| l.len() == 2),
        "the ledger is intact"
    );

    let township = app();
    let merged = township.ok("bundle_merge", json!({ "path": first }));
    assert_eq!(merged["added"], 2, "{merged}");
    let log = township.ok("bundle_log", json!({ "village": null }));
    let r = &log["received"][0];
    assert_eq!(
        (
            &r["village_code"],
            &r["sequence"],
            &r["receiver"],
            &r["added"]
        ),
        (&json!(VILLAGE), &json!(1), &json!("金龙镇"), &json!(2)),
        "{log}"
    );
}

/// Answers of the real commands on the core's test village, replayed by the UI's component
/// tests (`ui/tests/recorded/answers.json`, through `ui/tests/stubs.ts`). This test records
/// them and fails when the committed file differs (the UI would be tested against answers
/// the shell no longer gives); `UPDATE_BINDINGS=1` rewrites it. Only answers that do not
/// depend on today's date or on the temporary directory are kept.
#[test]
fn the_answers_the_ui_tests_replay_are_up_to_date() {
    let f = app();
    f.import_village();
    let mut settings = f.ok("settings_get", json!({}));
    settings["operator"] = json!("李书记");
    f.ok(
        "settings_save",
        json!({ "settings": settings, "reason": null }),
    );
    let mut answers = serde_json::Map::new();
    let mut record = |key: &str, answer: Value| {
        answers.insert(key.to_string(), answer);
    };
    record("ledger_status", f.ok("ledger_status", json!({})));
    record("ledger_info", f.ok("ledger_info", json!({})));
    record("settings_get", f.ok("settings_get", json!({})));
    record(
        "household_list",
        f.ok("household_list", json!({ "village": VILLAGE })),
    );
    let detail = f.ok("household_get", json!({ "id": "h-1" }));
    record("household_get", detail.clone());
    record(
        "cadre_list",
        f.ok("cadre_list", json!({ "village": VILLAGE })),
    );
    // 本村情况 with the population 0 and 一组 (where a household is) left out: refused, each
    // error at its field, nothing saved.
    record(
        "village_save:wrong",
        f.invoke(
            "village_save",
            json!({ "village": VILLAGE, "facts": { "name": "测试村", "groups": ["二组"], "rural_population": 0 },
                    "reason": null, "effective": null, "doc": null }),
        )
        .expect_err("a population of 0 and a group in use are refused"),
    );
    for (key, passphrase) in [
        ("passphrase_check:weak", "abc"),
        ("passphrase_check:strong", "我家门前2024有条河"),
    ] {
        record(
            key,
            f.ok("passphrase_check", json!({ "passphrase": passphrase })),
        );
    }
    // 之子 (a son) whose ID number is a woman's: only the core's check catches it.
    let mut household = detail["household"].clone();
    household["members"]
        .as_array_mut()
        .expect("members")
        .push(json!({ "id": "m-new", "name": "李小红", "relation": "son", "id_number": "11010519491231002X" }));
    record(
        "household_check:son_female",
        f.ok(
            "household_check",
            json!({ "village": VILLAGE, "household": household }),
        ),
    );
    // A member as the form holds it half filled in: no relation yet, a mistyped ID number.
    let mut draft = detail["household"].clone();
    draft["members"].as_array_mut().expect("members").push(
        json!({ "id": "", "name": "李小明", "relation": null, "id_number": "110105194912310021" }),
    );
    record(
        "household_check:half_filled",
        f.ok(
            "household_check",
            json!({ "village": VILLAGE, "household": draft }),
        ),
    );
    let male = yibentong::idcard::build(
        "530825",
        chrono::NaiveDate::from_ymd_opt(1985, 3, 3).expect("a date"),
        7,
        yibentong::codes::Sex::Male,
    );
    record(
        "id_number_read:male",
        f.ok("id_number_read", json!({ "text": male })),
    );
    record(
        "id_number_read:bad",
        f.invoke("id_number_read", json!({ "text": "110105194912310021" }))
            .expect_err("a bad checksum is refused"),
    );
    record(
        "cadre_add:no_name",
        f.invoke(
            "cadre_add",
            json!({ "village": VILLAGE, "cadre": { "name": " ", "unit": "县林业和草原局" } }),
        )
        .expect_err("a cadre without a name is refused"),
    );
    record(
        "household_code_next",
        f.ok("household_code_next", json!({ "village": VILLAGE })),
    );
    let mut bad = detail["household"].clone();
    bad["members"][1]["id_number"] = json!("110105194912310021");
    record(
        "household_save:bad_id",
        f.invoke(
            "household_save",
            json!({ "village": VILLAGE, "household": bad, "reason": null }),
        )
        .expect_err("a bad ID number is refused"),
    );
    record(
        "assess_household:policy",
        app_with_a_bad_policy()
            .invoke("assess_household", json!({ "id": "h-1", "year": 2019 }))
            .expect_err("a 省定标准 of -1 cannot be resolved"),
    );
    record(
        "assess_household",
        f.ok("assess_household", json!({ "id": "h-1", "year": 2019 })),
    );
    let from_laptop = laptop_bundle(&f);
    for (name, answer) in [("bundle_merge", 0), ("bundle_merge:again", 1)] {
        let mut merged = f.ok("bundle_merge", json!({ "path": from_laptop }));
        assert_eq!(merged["already_merged"], answer == 1, "{merged}");
        merged["sender"] = json!("laptop-ledger-id");
        record(name, merged);
    }
    let mut conflicts = f.ok("conflict_list", json!({ "village": VILLAGE }));
    for c in conflicts.as_array_mut().expect("conflicts") {
        // Who and when on each side, and the laptop's ledger id, read as fixed values.
        for (key, fixed) in [
            ("mine_at", "2025-06-30T09:00:00+08:00"),
            ("theirs_at", "2025-06-29T17:30:00+08:00"),
            ("created_at", "2025-06-30T09:00:00+08:00"),
            ("mine_by", "李书记"),
            ("sender", "laptop-ledger-id"),
        ] {
            c[key] = json!(fixed);
        }
    }
    record("conflict_list", conflicts.clone());
    // The laptop's cadre cannot send a bundle while a conflict waits; once it is settled the
    // bundle is written, and the log lists it beside the merged one.
    let bundle = f.out("青山村.bundle");
    record(
        "bundle_write:conflicts",
        f.invoke(
            "bundle_write",
            json!({ "village": VILLAGE, "receiver": null, "path": bundle }),
        )
        .expect_err("a bundle is refused while a conflict waits"),
    );
    f.ok(
        "conflict_resolve",
        json!({ "id": conflicts[0]["id"], "keep": "theirs", "reason": null }),
    );
    let mut written = f.ok(
        "bundle_write",
        json!({ "village": VILLAGE, "receiver": null, "path": bundle }),
    );
    // The checksum changes with the day the bundle is made: a fixed one is recorded.
    let real = written["checksum"].as_str().expect("checksum")[..16].to_string();
    let said = written["said"]
        .as_str()
        .expect("said")
        .replace(&real, "3f6a1c0e9b2d4f87");
    written["checksum"] = json!("3f6a1c0e9b2d4f87");
    written["said"] = json!(said);
    record("bundle_write", written);
    // The same village again as a full bundle (the cadre ticked 完整数据包: one was lost).
    let mut full = f.ok(
        "bundle_write",
        json!({ "village": VILLAGE, "receiver": null, "path": f.out("青山村-完整.bundle"), "full": true }),
    );
    assert_eq!(full["replaces"], json!([1]), "{full}");
    let real = full["checksum"].as_str().expect("checksum")[..16].to_string();
    full["said"] = json!(full["said"]
        .as_str()
        .expect("said")
        .replace(&real, "9e41d07b2c5a8f13"));
    full["checksum"] = json!("9e41d07b2c5a8f13");
    record("bundle_write:full", full);
    let mut log = f.ok("bundle_log", json!({ "village": VILLAGE }));
    for b in log["sent"].as_array_mut().expect("sent") {
        b["created_at"] = json!("2025-06-30 09:10");
        b["checksum"] = json!("3f6a1c0e9b2d4f87");
    }
    for b in log["received"].as_array_mut().expect("received") {
        b["sent_at"] = json!("2025-06-29 17:30");
        b["merged_at"] = json!("2025-06-30 09:00");
    }
    record("bundle_log", log);
    let change = json!({ "parameter": "dibao_line", "value": 6000.0, "from": "2025-01-01", "doc": "景民发〔2024〕88号" });
    let mut values = f.ok(
        "local_value_add",
        json!({ "changes": [change], "reason": "县民政局2025年低保标准调整" }),
    );
    for v in values.as_array_mut().expect("values") {
        v["recorded_at"] = json!("2025-01-02 09:00:00");
    }
    record("local_value_add", values);

    // The temporary ledger's path and the import's date (today) read as fixed values.
    let ledger = f.dir.path().join("ledger.db").display().to_string();
    let today = yibentong::app::state::today().to_string();
    let text = serde_json::to_string_pretty(&Value::Object(answers))
        .expect("answers serialise")
        .replace(&ledger, "/home/cadre/yibentong.db")
        .replace(&today, "2025-06-30");
    let fresh = format!("{text}\n");
    let file = Path::new(env!("CARGO_MANIFEST_DIR")).join("../ui/tests/recorded/answers.json");
    if std::env::var_os("UPDATE_BINDINGS").is_some() {
        std::fs::create_dir_all(file.parent().expect("a folder")).expect("create the folder");
        std::fs::write(&file, &fresh).expect("write the answers");
        return;
    }
    let committed = std::fs::read_to_string(&file).unwrap_or_default();
    assert!(
        committed == fresh,
        "ui/tests/recorded/answers.json differs from what the commands answer now; run \
         `UPDATE_BINDINGS=1 cargo test -p yibentong-app --test ipc` and commit"
    );
}

#[test]
fn a_file_of_a_village_the_ledger_lacks_is_asked_about_then_imported_when_confirmed() {
    let f = app();
    f.import_village();
    let township = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/xlsx/township.xlsx");
    let asked = f
        .invoke("import_file", json!({ "path": township }))
        .expect_err("two villages the ledger lacks are asked about");
    assert_eq!(asked["code"], "new_village", "{asked}");
    let said = asked["message"].as_str().unwrap_or_default();
    assert!(
        said.contains("2个村") && said.contains("石洞村") && said.contains("新寨村"),
        "{said}"
    );
    let info = f.ok("ledger_info", json!({}));
    assert_eq!(
        info["villages"].as_array().map(Vec::len),
        Some(1),
        "nothing created"
    );
    let done = f.ok(
        "import_file",
        json!({ "path": township, "newVillage": true }),
    );
    assert_eq!(done.as_array().map(Vec::len), Some(2), "{done}");
    let info = f.ok("ledger_info", json!({}));
    assert_eq!(info["villages"].as_array().map(Vec::len), Some(3));
}

/// Several files chosen together go in through `import_files`: every village of every
/// file, or on an error in any of them nothing, typed as `validation` with each finding
/// under its file's name and row; a village the ledger lacks asks first (`new_village`).
#[test]
fn several_files_import_together_or_not_at_all() {
    let f = app();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data");
    let paths = |names: &[&str]| -> Vec<PathBuf> { names.iter().map(|n| data.join(n)).collect() };
    let done = f.ok(
        "import_files",
        json!({ "paths": paths(&["village.json", "xlsx/monitoring.xlsx"]) }),
    );
    let villages: Vec<&str> = done
        .as_array()
        .expect("a summary per village")
        .iter()
        .map(|s| s["village"].as_str().unwrap_or_default())
        .collect();
    assert_eq!(villages, [VILLAGE, "522729100201"], "{done}");

    let err = f
        .invoke(
            "import_files",
            json!({ "paths": paths(&["xlsx/township.xlsx", "xlsx/bad.xlsx"]) }),
        )
        .expect_err("a bad workbook among several refuses them all");
    assert_eq!(err["code"], "validation", "{err}");
    assert!(
        err["findings"]
            .as_array()
            .is_some_and(|l| l.iter().any(|x| x["path"] == "bad.xlsx：第8行“性别”")),
        "each finding names its file and row: {err}"
    );
    let info = f.ok("ledger_info", json!({}));
    assert_eq!(info["households"], 5, "nothing more was written: {info}");

    let err = f
        .invoke(
            "import_files",
            json!({ "paths": paths(&["xlsx/township.xlsx"]), "newVillage": false }),
        )
        .expect_err("新寨村 is not in the ledger");
    assert_eq!(err["code"], "new_village", "{err}");
}
