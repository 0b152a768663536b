//! Shapes that cross IPC and are the shell's own (the rest are core types): what a
//! command returns when no single core type fits, and argument enums.

use serde::{Deserialize, Serialize};
use ts_rs::TS;
use yibentong::print::{CardKind, NoticeKind};

/// A PDF written to disk.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Printed {
    pub path: String,
    pub pages: usize,
    /// The short checksum printed on every page.
    pub checksum: String,
}

/// Payload of the `progress` event sent while heavy work runs.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Progress {
    /// `load_demo`, `print_batch` or `import_file`.
    pub task: String,
    pub done: usize,
    pub total: usize,
}

/// Which household document to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum CardKindArg {
    /// 户档案卡.
    Household,
    /// 帮扶记录卡.
    Visits,
    /// 收入明白卡.
    Income,
    /// 防返贫监测信息采集表 (monitored households only).
    Monitoring,
}

impl From<CardKindArg> for CardKind {
    fn from(k: CardKindArg) -> CardKind {
        match k {
            CardKindArg::Household => CardKind::Household,
            CardKindArg::Visits => CardKind::Visits,
            CardKindArg::Income => CardKind::Income,
            CardKindArg::Monitoring => CardKind::Monitoring,
        }
    }
}

/// Which public notice (公示名单) to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum NoticeKindArg {
    Identification,
    Exit,
    Monitoring,
    RiskEliminated,
}

impl From<NoticeKindArg> for NoticeKind {
    fn from(k: NoticeKindArg) -> NoticeKind {
        match k {
            NoticeKindArg::Identification => NoticeKind::Identification,
            NoticeKindArg::Exit => NoticeKind::Exit,
            NoticeKindArg::Monitoring => NoticeKind::Monitoring,
            NoticeKindArg::RiskEliminated => NoticeKind::RiskEliminated,
        }
    }
}
