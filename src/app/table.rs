//! The `commands!` macro behind the command table: from one list of
//! `name(arg: Type, …) => handler` it makes [`Command`] entries (names and arguments, for
//! the contract test) and the dispatch that unpacks JSON arguments, calls the handler and
//! writes its answer as JSON text. Kept apart so the table itself reads as a list.

use super::error::{AppError, AppResult, ErrorCode};
use serde::de::DeserializeOwned;
use serde::Serialize;

/// One command as the UI sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Command {
    /// The command's name (`household_get`).
    pub name: &'static str,
    /// Its arguments, snake_case as in Rust; the UI sends them camelCase.
    pub args: &'static [&'static str],
}

/// The arguments of `command` from the UI's JSON (an object; `null` when there are none).
/// A missing or mistyped argument is `invalid` with serde's reason.
pub(super) fn arguments<T: DeserializeOwned>(
    command: &str,
    args: serde_json::Value,
) -> AppResult<T> {
    let args = match args {
        serde_json::Value::Null => serde_json::Value::Object(Default::default()),
        other => other,
    };
    serde_json::from_value(args).map_err(|e| {
        AppError::new(
            ErrorCode::Invalid,
            format!("命令 {command} 的参数有误：{e}"),
        )
    })
}

/// A handler's answer as JSON text (the order of fields kept as the types declare them).
pub(super) fn answer<T: Serialize>(result: AppResult<T>) -> AppResult<String> {
    let value = result?;
    serde_json::to_string(&value)
        .map_err(|e| AppError::new(ErrorCode::Io, format!("无法写出应答：{e}")))
}

/// The command table: `name(arg: Type, …) => module::handler;` for each command. Each
/// handler takes the [`Context`](super::Context) then the arguments in the listed order.
macro_rules! commands {
    ($( $name:ident ( $($arg:ident : $ty:ty),* $(,)? ) => $handler:path ; )*) => {
        /// Every command the UI may call, in the order of docs/app-contract.md.
        pub const COMMANDS: &[$crate::app::Command] = &[
            $( $crate::app::Command {
                name: stringify!($name),
                args: &[$(stringify!($arg)),*],
            }, )*
        ];

        /// Runs `name` with the UI's JSON `args`; `None` when there is no such command.
        /// The answer is JSON text, or the typed error.
        pub fn call(
            name: &str,
            args: serde_json::Value,
            cx: &$crate::app::Context<'_>,
        ) -> Option<$crate::app::AppResult<String>> {
            match name {
                $( stringify!($name) => Some((|| {
                    #[derive(serde::Deserialize)]
                    #[serde(rename_all = "camelCase")]
                    struct Args { $($arg: $ty),* }
                    let Args { $($arg),* } = $crate::app::table::arguments(name, args)?;
                    $crate::app::table::answer($handler(cx, $($arg),*))
                })()), )*
                _ => None,
            }
        }
    };
}
pub(super) use commands;
