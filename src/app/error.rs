//! The error every app command returns: `{ code, message, findings }`, built from the
//! core's typed error; the desktop shell and `yibentong serve` send it as it is. The UI branches on `code`; `findings` lists each field at fault (non-empty
//! for `validation`). Never a bare string.

use crate::validate::Finding;
use serde::Serialize;

/// Stable error codes, the same strings as the core's `Error::code()`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    Validation,
    Format,
    NotFound,
    Invalid,
    /// The file's village is not in the ledger: the UI asks before creating it.
    NewVillage,
    /// The year's policy cannot be resolved (a local parameter is missing or out of range):
    /// the UI sends the cadre to 设置 → 本地政策参数.
    Policy,
    SchemaTooNew,
    Storage,
    Io,
    Document,
    /// The ledger is encrypted and waits for its passphrase (the UI shows the unlock screen).
    Locked,
}

/// What a failed command sends to the UI.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct AppError {
    pub code: ErrorCode,
    /// A Chinese sentence for the cadre.
    pub message: String,
    /// Every field at fault (for `validation`), each with its JSON path and message.
    pub findings: Vec<Finding>,
}

impl AppError {
    /// An error with a code and message and no findings.
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        AppError {
            code,
            message: message.into(),
            findings: Vec::new(),
        }
    }
}

impl From<crate::Error> for AppError {
    fn from(e: crate::Error) -> Self {
        use crate::Error as E;
        // Exhaustive on purpose: a new core error must be given a code here.
        let code = match &e {
            E::Validation(_) => ErrorCode::Validation,
            E::Format(_) => ErrorCode::Format,
            E::NotFound(_) => ErrorCode::NotFound,
            E::Invalid(_) => ErrorCode::Invalid,
            E::NewVillage(_) => ErrorCode::NewVillage,
            E::Policy(_) => ErrorCode::Policy,
            E::SchemaTooNew { .. } => ErrorCode::SchemaTooNew,
            E::Storage(_) => ErrorCode::Storage,
            E::Io(_) => ErrorCode::Io,
            E::Document(_) => ErrorCode::Document,
        };
        let message = e.to_string();
        let findings = match e {
            E::Validation(findings) => findings,
            _ => Vec::new(),
        };
        AppError {
            code,
            message,
            findings,
        }
    }
}

impl From<std::io::Error> for AppError {
    fn from(e: std::io::Error) -> Self {
        crate::Error::Io(e).into()
    }
}

/// The result of every command.
pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_match_the_core() {
        let errors = [
            crate::Error::Validation(Vec::new()),
            crate::Error::Format(String::new()),
            crate::Error::NotFound(String::new()),
            crate::Error::Invalid(String::new()),
            crate::Error::NewVillage(String::new()),
            crate::Error::Policy(String::new()),
            crate::Error::SchemaTooNew {
                found: 2,
                supported: 1,
            },
            crate::Error::Storage(rusqlite::Error::InvalidQuery),
            crate::Error::Io(std::io::Error::other("x")),
            crate::Error::Document(String::new()),
        ];
        for e in errors {
            let core = e.code();
            let app = serde_json::to_value(AppError::from(e)).expect("serialises");
            assert_eq!(
                app["code"], core,
                "the IPC code must equal the core's code()"
            );
        }
    }
}
