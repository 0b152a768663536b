//! The UI calls only commands the app answers, with the arguments they take: every
//! `call('name', { args })` in `ui/src/api/commands.ts` (the one list of calls, shared by the
//! Tauri and the browser transports) is compared with the core's command table
//! (`yibentong::app::COMMANDS`, `src/app/commands/mod.rs`), arguments camelCase as the UI
//! sends them. A command the UI calls that the table lacks, an argument one side has and
//! the other has not, or a command the UI never calls fails this test.

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

/// The core's command table: name → camelCase argument names.
fn shell_commands() -> Commands {
    yibentong::app::COMMANDS
        .iter()
        .map(|c| {
            let args = c.args.iter().map(|a| camel(a)).collect();
            (c.name.to_string(), args)
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
    let ui = ui_calls(&read("../ui/src/api/commands.ts"));
    let shell = shell_commands();
    assert!(ui.len() > 20, "the UI's calls were read: {ui:?}");
    assert!(
        shell.len() > 20,
        "the shell's commands were read: {shell:?}"
    );
    let problems = differences(&ui, &shell);
    assert!(
        problems.is_empty(),
        "ui/src/api/commands.ts and the command table disagree:\n{}",
        problems.join("\n")
    );
}

#[test]
fn the_check_sees_a_missing_command_and_a_renamed_argument() {
    let ui = ui_calls(
        "a: () => call('ledger_info'),\n b: (id, asOf) => call('household_get', { id, asOf: x }),\n c: () => call('gone')",
    );
    assert_eq!(
        ui["household_get"],
        ["id", "asOf"].map(String::from).into(),
        "`key: value` counts as the key"
    );
    let shell: Commands = [
        ("household_get", vec!["id", "as_of", "map"]),
        ("ledger_info", vec![]),
    ]
    .into_iter()
    .map(|(n, args)| (n.to_string(), args.into_iter().map(camel).collect()))
    .collect();
    assert_eq!(
        shell["household_get"],
        ["id", "asOf", "map"].map(String::from).into(),
        "snake_case arguments are compared camelCase"
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
