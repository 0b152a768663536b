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
    /// A file's village is not in a ledger that holds others: it is created only when the
    /// cadre confirms (`--new-village`, the app's dialog), a mistyped code never.
    #[error("{0}")]
    NewVillage(String),
    /// The policy of a year cannot be resolved (a parameter missing or out of range): the
    /// cadre fixes it in the local policy (设置), not in the record at hand.
    #[error("{0}")]
    Policy(String),
    #[error("数据库由更新版本的一本通创建（结构版本{found}，本程序支持到{supported}），请升级软件后再打开；数据库未作任何改动")]
    SchemaTooNew { found: i64, supported: i64 },
    #[error("{}", storage_message(.0))]
    Storage(#[from] rusqlite::Error),
    #[error("读写文件失败：{0}")]
    Io(#[from] std::io::Error),
    #[error("生成文档失败：{0}")]
    Document(String),
}

/// What a storage failure means for the cadre, in Chinese (SQLite's own words last).
fn storage_message(e: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode as C;
    let said = match e.sqlite_error_code() {
        Some(C::DatabaseBusy | C::DatabaseLocked) => {
            "台账正被另一个程序（例如已打开的一本通）使用，请关闭它或稍后再试；本次未作任何改动"
        }
        Some(C::ConstraintViolation) => {
            "要保存的记录与台账中已有的记录冲突（编号或代码重复）；本次未作任何改动"
        }
        Some(C::DatabaseCorrupt) => {
            "台账文件已损坏，无法可靠读写。请用“yibentong --db 新台账文件 restore 备份文件”从备份恢复"
        }
        Some(C::NotADatabase) => "这不是一本通台账文件，或台账已加密而口令不正确",
        Some(C::ReadOnly) => {
            "台账所在位置只能读、不能写（例如只读U盘或光盘），本次只能查看，不能修改"
        }
        Some(C::CannotOpen) => "无法打开台账文件，请检查文件路径和读写权限",
        Some(C::DiskFull) => "磁盘已满，未能保存；本次未作任何改动",
        Some(C::PermissionDenied) => "没有读写台账文件的权限",
        _ => return format!("台账读写出错：{e}"),
    };
    format!("{said}（{e}）")
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
            Error::NewVillage(_) => "new_village",
            Error::Policy(_) => "policy",
            Error::SchemaTooNew { .. } => "schema_too_new",
            Error::Storage(_) => "storage",
            Error::Io(_) => "io",
            Error::Document(_) => "document",
        }
    }
}

/// The core's result type.
pub type Result<T, E = Error> = std::result::Result<T, E>;
