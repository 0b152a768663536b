//! The core's error type: one enum with a stable `code()` for the UI and scripts.

use crate::validate::Finding;

/// Everything the core can fail with. `code()` is stable; `to_string()` is Chinese.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("数据校验未通过，共{}处错误：\n{}", .0.len(), format_findings(.0))]
    Validation(Vec<Finding>),
    #[error("文件格式不正确：{0}")]
    Format(String),
    #[error("找不到{0}")]
    NotFound(String),
    #[error("{0}")]
    Invalid(String),
    #[error("数据库由更新版本的一本通创建（结构版本{found}，本程序支持到{supported}），请升级软件后再打开；数据库未作任何改动")]
    SchemaTooNew { found: i64, supported: i64 },
    #[error("数据库错误：{0}")]
    Storage(#[from] rusqlite::Error),
    #[error("读写文件失败：{0}")]
    Io(#[from] std::io::Error),
    #[error("生成文档失败：{0}")]
    Document(String),
}

fn format_findings(findings: &[Finding]) -> String {
    findings
        .iter()
        .map(|f| f.to_string())
        .collect::<Vec<_>>()
        .join("\n")
}

impl Error {
    /// A stable machine-readable code, e.g. `validation`, `schema_too_new`.
    pub fn code(&self) -> &'static str {
        match self {
            Error::Validation(_) => "validation",
            Error::Format(_) => "format",
            Error::NotFound(_) => "not_found",
            Error::Invalid(_) => "invalid",
            Error::SchemaTooNew { .. } => "schema_too_new",
            Error::Storage(_) => "storage",
            Error::Io(_) => "io",
            Error::Document(_) => "document",
        }
    }
}

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
