//! Shapes that cross to the UI and are the app's own (the rest are core types): what a
//! command returns when no single core type fits, and argument enums.

use crate::print::{CardKind, NoticeKind};
use serde::{Deserialize, Serialize};

/// A PDF written to disk.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Printed {
    pub path: String,
    pub pages: usize,
    /// The short checksum printed on every page.
    pub checksum: String,
}

/// Payload of the `progress` event sent while heavy work runs.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Progress {
    /// `load_demo`, `print_batch` or `import_file`.
    pub task: String,
    pub done: usize,
    pub total: usize,
}

/// Which household document to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
    /// 监测对象申请及承诺授权书.
    Consent,
    /// 风险消除审核表 (monitored households only).
    EliminationReview,
}

impl From<CardKindArg> for CardKind {
    fn from(k: CardKindArg) -> CardKind {
        match k {
            CardKindArg::Household => CardKind::Household,
            CardKindArg::Visits => CardKind::Visits,
            CardKindArg::Income => CardKind::Income,
            CardKindArg::Monitoring => CardKind::Monitoring,
            CardKindArg::Consent => CardKind::Consent,
            CardKindArg::EliminationReview => CardKind::EliminationReview,
        }
    }
}

/// Which public notice (公示名单) to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
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
