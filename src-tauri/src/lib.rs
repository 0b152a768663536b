//! 一本通 desktop shell (Tauri 2): opens the ledger, registers the plugins and answers the
//! UI's commands from the core's command table (`yibentong::app`, shared with
//! `yibentong serve`) through one adapter, `dispatch`. The types that cross IPC are
//! exported to TypeScript (`ui/src/bindings/`) by the `bindings` test.

pub mod dispatch;

pub use dispatch::handler;
use tauri::{Manager, Runtime};
use yibentong::app::state;

/// The app's builder without a context: plugins, state at startup and the commands.
pub fn builder<R: Runtime>(builder: tauri::Builder<R>) -> tauri::Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_opener::init())
        .setup(|app| {
            let path = state::ledger_path(app.path().app_data_dir().ok());
            app.manage(state::AppState::open(&path));
            Ok(())
        })
        .invoke_handler(handler())
}

/// Runs the desktop app.
pub fn run() {
    lean_webview();
    builder(tauri::Builder::default())
        .run(tauri::generate_context!())
        .expect("一本通无法启动（桌面窗口初始化失败）");
}

/// WebKitGTK's accelerated compositing costs about 100 MB in the web process (measured on the
/// demo village, docs/benchmarks.md) and buys nothing for forms and tables: it is off unless
/// the environment already says otherwise. Set before any thread starts.
fn lean_webview() {
    #[cfg(target_os = "linux")]
    if std::env::var_os("WEBKIT_DISABLE_COMPOSITING_MODE").is_none() {
        std::env::set_var("WEBKIT_DISABLE_COMPOSITING_MODE", "1");
    }
}
