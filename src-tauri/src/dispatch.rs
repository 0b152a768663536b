//! The one adapter between Tauri's IPC and the core's command table: every `invoke` whose
//! name is in `yibentong::app::COMMANDS` runs that command off the main thread with its
//! JSON arguments, its `progress` reports sent as events, and answers the JSON or rejects
//! with the typed `AppError`. Names not in the table are left to Tauri (plugins, or its
//! "command not found").

use tauri::ipc::{Invoke, InvokeBody, InvokeError, InvokeResponseBody};
use tauri::{Emitter, Manager, Runtime};
use yibentong::app::{self, AppError, AppState, Context, ErrorCode, Progress};

/// The invoke handler for `Builder::invoke_handler` (the app and the IPC tests share it).
pub fn handler<R: Runtime>() -> impl Fn(Invoke<R>) -> bool + Send + Sync + 'static {
    |invoke: Invoke<R>| {
        let name = invoke.message.command().to_string();
        if !app::COMMANDS.iter().any(|c| c.name == name) {
            return false;
        }
        let args = match invoke.message.payload() {
            InvokeBody::Json(value) => value.clone(),
            InvokeBody::Raw(_) => serde_json::Value::Null,
        };
        let handle = invoke.message.webview().app_handle().clone();
        invoke.resolver.respond_async_serialized(async move {
            let answer = tauri::async_runtime::spawn_blocking(move || run(&handle, &name, args))
                .await
                .unwrap_or_else(|e| {
                    Err(AppError::new(
                        ErrorCode::Io,
                        format!("桌面程序内部错误：{e}"),
                    ))
                });
            answer
                .map(InvokeResponseBody::Json)
                .map_err(InvokeError::from)
        });
        true
    }
}

/// Runs one command against the managed state; progress goes out as `progress` events.
fn run<R: Runtime>(
    app: &tauri::AppHandle<R>,
    name: &str,
    args: serde_json::Value,
) -> Result<String, AppError> {
    let state = app.state::<AppState>();
    let emit = |p: Progress| {
        let _ = app.emit("progress", p);
    };
    let cx = Context {
        state: &state,
        progress: &emit,
    };
    app::call(name, args, &cx)
        .unwrap_or_else(|| Err(AppError::new(ErrorCode::NotFound, "没有这个命令")))
}
