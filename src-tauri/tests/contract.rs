//! The UI calls only commands the shell registers, with the arguments they take: every
//! `call('name', { args })` in `ui/src/api/tauri.ts` is compared with the commands in
//! `commands::handler()` (`src-tauri/src/commands/mod.rs`) and the parameters of each
//! command's function (camelCase, as Tauri maps them; `State` and `AppHandle` are not
//! arguments). A command the UI calls that is not registered, an argument one side has and
//! the other has not, or a registered command the UI never calls fails this test.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

type Commands = BTreeMap<String, BTreeSet<String>>;

fn read(path: &str) -> String {
    let full = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&full)
        .unwrap_or_else(|e| panic!("{} should be readable: {e}", full.display()))
}

/// `call('name')` and `call('name', { a, b: x })` in the UI's IPC module: name → argument names.
fn ui_calls(ts: &str) -> Commands {
    let mut out = Commands::new();
    for piece in ts.split("call('").skip(1) {
        let Some((name, rest)) = piece.split_once('\'') else {
            continue;
        };
        let rest = rest.trim_start();
        let mut args = BTreeSet::new();
        if let Some(obj) = rest.strip_prefix(',').map(str::trim_start) {
            let body = obj
                .strip_prefix('{')
                .and_then(|o| o.split_once('}'))
                .map(|(body, _)| body)
                .unwrap_or_else(|| {
                    panic!("call('{name}', …): arguments should be an object literal")
                });
            for arg in body.split(',').map(str::trim).filter(|a| !a.is_empty()) {
                let key = arg.split(':').next().unwrap_or(arg).trim();
                args.insert(key.to_string());
            }
        } else {
            assert!(
                rest.starts_with(')'),
                "call('{name}' …) should take no arguments or an object literal"
            );
        }
        let before = out.insert(name.to_string(), args);
        assert!(before.is_none(), "the UI calls {name} from two places");
    }
    out
}

/// `module::name` entries of `generate_handler![…]`.
fn registered(mod_rs: &str) -> Vec<(String, String)> {
    let list = mod_rs
        .split_once("generate_handler![")
        .and_then(|(_, rest)| rest.split_once(']'))
        .map(|(list, _)| list)
        .expect("commands/mod.rs registers its commands with generate_handler![…]");
    list.split(',')
        .map(str::trim)
        .filter(|e| !e.is_empty())
        .map(|e| {
            let (module, name) = e
                .split_once("::")
                .unwrap_or_else(|| panic!("{e} should be module::name"));
            (module.to_string(), name.to_string())
        })
        .collect()
}

/// The IPC argument names of `pub fn name` in a command module (camelCase).
fn parameters(source: &str, name: &str) -> BTreeSet<String> {
    let start = [format!("pub fn {name}("), format!("pub fn {name}<")]
        .iter()
        .find_map(|p| source.find(p.as_str()))
        .unwrap_or_else(|| panic!("the command {name} should be a `pub fn`"));
    let after = &source[start..];
    let open = after.find('(').expect("a parameter list");
    let mut depth = 0usize;
    let mut list = String::new();
    for c in after[open..].chars() {
        match c {
            '(' | '<' | '[' => depth += 1,
            ')' | '>' | ']' => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            break;
        }
        // Commas inside generic arguments are not parameter separators.
        list.push(if c == ',' && depth > 1 { ';' } else { c });
    }
    list[1..]
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .filter_map(|p| {
            let (arg, ty) = p.split_once(':')?;
            let ty = ty.trim();
            let injected = [
                "State<",
                "AppHandle<",
                "Window<",
                "Webview<",
                "WebviewWindow<",
            ];
            (!injected.iter().any(|i| ty.starts_with(i))).then(|| camel(arg.trim()))
        })
        .collect()
}

fn camel(snake: &str) -> String {
    let mut out = String::new();
    let mut upper = false;
    for c in snake.chars() {
        if c == '_' {
            upper = true;
        } else if upper {
            out.extend(c.to_uppercase());
            upper = false;
        } else {
            out.push(c);
        }
    }
    out
}

fn shell_commands() -> Commands {
    let mod_rs = read("src/commands/mod.rs");
    registered(&mod_rs)
        .into_iter()
        .map(|(module, name)| {
            let source = read(&format!("src/commands/{module}.rs"));
            let args = parameters(&source, &name);
            (name, args)
        })
        .collect()
}

/// What differs between the UI's calls and the shell's commands, one line each.
fn differences(ui: &Commands, shell: &Commands) -> Vec<String> {
    let mut problems = Vec::new();
    for (name, args) in ui {
        match shell.get(name) {
            None => problems.push(format!(
                "the UI calls {name}, which the shell does not register"
            )),
            Some(taken) if taken != args => problems.push(format!(
                "{name}: the UI sends {args:?}, the shell takes {taken:?}"
            )),
            Some(_) => {}
        }
    }
    for name in shell.keys().filter(|n| !ui.contains_key(*n)) {
        problems.push(format!(
            "the shell registers {name}, which the UI never calls"
        ));
    }
    problems
}

#[test]
fn every_ui_call_is_a_registered_command_with_its_arguments() {
    let ui = ui_calls(&read("../ui/src/api/tauri.ts"));
    let shell = shell_commands();
    assert!(ui.len() > 20, "the UI's calls were read: {ui:?}");
    assert!(
        shell.len() > 20,
        "the shell's commands were read: {shell:?}"
    );
    let problems = differences(&ui, &shell);
    assert!(
        problems.is_empty(),
        "ui/src/api/tauri.ts and the shell's commands disagree:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_check_sees_a_missing_command_and_a_renamed_argument() {
    let ui = ui_calls(
        "a: () => call('ledger_info'),\n b: (id, asOf) => call('household_get', { id, asOf: x }),\n c: () => call('gone')",
    );
    let module = "#[tauri::command]\npub fn household_get(state: State<'_, AppState>, id: String, as_of: Option<NaiveDate>, map: BTreeMap<String, u8>) -> AppResult<()> {}\npub fn ledger_info<R: Runtime>(app: AppHandle<R>) -> AppResult<()> {}";
    let shell: Commands = ["household_get", "ledger_info"]
        .into_iter()
        .map(|n| (n.to_string(), parameters(module, n)))
        .collect();
    assert_eq!(
        shell["household_get"],
        ["id", "asOf", "map"].map(String::from).into(),
        "State is not an argument; generic commas do not split parameters"
    );
    assert!(
        shell["ledger_info"].is_empty(),
        "AppHandle is not an argument"
    );
    let problems = differences(&ui, &shell);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(problems.iter().any(|p| p.contains("gone")), "{problems:?}");
    assert!(
        problems
            .iter()
            .any(|p| p.contains("household_get") && p.contains("map")),
        "{problems:?}"
    );
}
