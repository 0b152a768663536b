//! The desktop app's commands without any window: the open ledger (`state`), the error the
//! UI receives (`error`), the app's own shapes (`shapes`) and the command table
//! (`commands`). The Tauri shell (`src-tauri/`) and `yibentong serve` (the browser mode)
//! both answer the UI by calling [`call`]; neither holds command logic of its own.
//!
//! Nothing here imports Tauri or HTTP: a command is a name, JSON arguments (camelCase, as
//! the UI sends them) and a JSON answer or an [`AppError`].

pub mod commands;
pub mod error;
pub mod shapes;
pub mod state;
mod table;

pub use commands::{call, COMMANDS};
pub use error::{AppError, AppResult, ErrorCode};
pub use shapes::Progress;
pub use state::AppState;
pub use table::Command;

/// What a command runs against: the open ledger and where its progress goes (the shell
/// emits a `progress` event; `serve` keeps it for the page to poll).
pub struct Context<'a> {
    pub state: &'a AppState,
    /// Called with each step of heavy work; a lost report never stops the work.
    pub progress: &'a (dyn Fn(Progress) + Sync),
}

impl Context<'_> {
    /// A progress callback for a core function, reporting under `task`.
    pub fn progress(&self, task: &'static str) -> impl FnMut(usize, usize) + '_ {
        move |done, total| {
            (self.progress)(Progress {
                task: task.to_string(),
                done,
                total,
            })
        }
    }
}
