//! Shapes that cross IPC and are the shell's own (the rest are core types): what a
//! command returns when no single core type fits, and argument enums.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use ts_rs::TS;
use yibentong::codes::Region;
use yibentong::model::{Cadre, Household, Registration, TimelineEntry};
use yibentong::print::{CardKind, NoticeKind};
use yibentong::rules::{Assessment, WhatIf};
use yibentong::validate::Finding;

/// The open ledger: where it is, who works on it, what it holds.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct LedgerInfo {
    pub path: String,
    pub operator: String,
    pub villages: Vec<VillageInfo>,
    /// Households in the whole ledger.
    pub households: usize,
}

/// One village of the ledger.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct VillageInfo {
    pub code: String,
    pub name: String,
    pub township: Option<String>,
    pub county: Option<String>,
    pub region: Option<Region>,
    /// Registered rural population (the denominator of 贫困发生率).
    pub rural_population: Option<u32>,
    /// 村民小组, in order.
    pub groups: Vec<String>,
    pub households: usize,
}

/// One household with what the detail screen shows around it.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct HouseholdDetail {
    pub household: Household,
    /// The stored revision (printed on cards).
    #[ts(type = "number")]
    pub revision: i64,
    /// The village's code (every command names villages by code).
    pub village: String,
    /// The village's cadres (pairings and visits refer to them by id).
    pub cadres: Vec<Cadre>,
    /// Stored warnings (never blocking).
    pub warnings: Vec<Finding>,
    /// The date the household is shown as of (`None`: today's facts, editable).
    #[ts(optional = nullable)]
    pub as_of: Option<NaiveDate>,
    /// Whether the household was registered on that date.
    pub registration: Registration,
    /// Why it was not (a sentence), if it was not.
    #[ts(optional = nullable)]
    pub registration_note: Option<String>,
    /// Its timeline (status transitions, changed facts, member changes, pairings …).
    pub timeline: Vec<TimelineEntry>,
}

/// What saving a household did.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct Saved {
    pub household_id: String,
    #[ts(type = "number")]
    pub revision: i64,
    /// Warnings stored with the household (never blocking).
    pub warnings: Vec<Finding>,
}

/// A household's verdicts for a year with what would change them.
#[derive(Debug, Clone, PartialEq, Serialize, TS)]
pub struct HouseholdVerdicts<'a> {
    pub assessment: Assessment<'a>,
    pub what_if: WhatIf,
}

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
}

impl From<CardKindArg> for CardKind {
    fn from(k: CardKindArg) -> CardKind {
        match k {
            CardKindArg::Household => CardKind::Household,
            CardKindArg::Visits => CardKind::Visits,
            CardKindArg::Income => CardKind::Income,
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
