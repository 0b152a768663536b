//! The dated records of a household: income book, expenses, pairings, visits, measures,
//! monitoring and member-change events.

use crate::codes::{
    EliminationMode, EventKind, IncomeCategory, MeasureClass, MeasureItem, MonitoringChannel,
    MonitoringKind, PairingKind, PairingRole, ProcedureStage, ProcedureStep, RigidKind, Risk,
    VisitMode,
};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// One line of the income book (收入一本账): per month, or per year when `month` is empty.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct IncomeLine {
    /// Stable record id (exchange extension `x_id`); derived from the household id and
    /// position when a file does not carry one, so re-importing a file never duplicates.
    #[serde(default, rename = "x_id", skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub year: i32,
    #[serde(default)]
    pub month: Option<u8>,
    pub category: IncomeCategory,
    pub item: String,
    pub amount: f64,
    /// Counted in 人均纯收入; one-off aid is kept in the book but not counted.
    pub counted: bool,
}

/// 生产经营性支出 (production cost), per month or per year.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Expense {
    /// Stable record id (exchange extension `x_id`); derived from the household id and
    /// position when a file does not carry one, so re-importing a file never duplicates.
    #[serde(default, rename = "x_id", skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub year: i32,
    #[serde(default)]
    pub month: Option<u8>,
    pub category: IncomeCategory,
    pub item: String,
    pub amount: f64,
}

/// 合规自付支出 source: a medical or education bill and what was reimbursed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct RigidExpense {
    /// Stable record id (exchange extension `x_id`); derived from the household id and
    /// position when a file does not carry one, so re-importing a file never duplicates.
    #[serde(default, rename = "x_id", skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub date: NaiveDate,
    pub kind: RigidKind,
    pub item: String,
    pub amount: f64,
    #[serde(default)]
    pub reimbursed: f64,
}

impl RigidExpense {
    /// The out-of-pocket part (never negative).
    pub fn out_of_pocket(&self) -> f64 {
        (self.amount - self.reimbursed).max(0.0)
    }
}

/// 结对帮扶: a cadre paired with the household. Never overwritten: a change ends the
/// old pairing and starts a new one (不脱贫不脱钩).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Pairing {
    /// Stable record id (exchange extension `x_id`); derived from the household id and
    /// position when a file does not carry one, so re-importing a file never duplicates.
    #[serde(default, rename = "x_id", skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub cadre: String,
    pub role: PairingRole,
    /// 帮扶责任人 (when empty) or 帮扶联系人 (exchange extension).
    #[serde(default, rename = "x_kind", skip_serializing_if = "Option::is_none")]
    pub kind: Option<PairingKind>,
    pub start: NaiveDate,
    #[serde(default)]
    pub end: Option<NaiveDate>,
}

impl Pairing {
    /// What the pairing makes the cadre, as printed: 帮扶联系人, or the 帮扶责任人's role
    /// (第一帮扶人 / 第二帮扶人).
    pub fn kind_label(&self) -> &'static str {
        match self.kind {
            Some(PairingKind::Contact) => PairingKind::Contact.label(),
            _ => self.role.label(),
        }
    }

    /// Whether the pairing is in force on `date`.
    pub fn active_on(&self, date: NaiveDate) -> bool {
        self.start <= date && self.end.is_none_or(|e| e >= date)
    }
}

/// 走访记录 / 帮扶记录.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Visit {
    /// Stable record id (exchange extension `x_id`); derived from the household id and
    /// position when a file does not carry one, so re-importing a file never duplicates.
    #[serde(default, rename = "x_id", skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub date: NaiveDate,
    pub cadre: String,
    pub mode: VisitMode,
    #[serde(default)]
    pub found: String,
    #[serde(default)]
    pub done: String,
    #[serde(default)]
    pub follow_up: String,
}

/// 帮扶措施 with its result (成效).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Measure {
    /// Stable record id (exchange extension `x_id`); derived from the household id and
    /// position when a file does not carry one, so re-importing a file never duplicates.
    #[serde(default, rename = "x_id", skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub class: MeasureClass,
    /// The sub-kind within the class (exchange extension), e.g. 综合保障 → 低保.
    #[serde(default, rename = "x_item", skip_serializing_if = "Option::is_none")]
    pub item: Option<MeasureItem>,
    pub content: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scale: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funds: Option<f64>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funder: Option<String>,
    pub start: NaiveDate,
    #[serde(default)]
    pub end: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub result: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub income_gain: Option<f64>,
}

/// 防返贫监测 record (2021 →).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Monitoring {
    /// Stable record id (exchange extension `x_id`); derived from the household id and
    /// position when a file does not carry one, so re-importing a file never duplicates.
    #[serde(default, rename = "x_id", skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub kind: MonitoringKind,
    pub identified: NaiveDate,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<MonitoringChannel>,
    #[serde(default)]
    pub risks: Vec<Risk>,
    /// Date of 风险消除, if the risk was eliminated.
    #[serde(default)]
    pub eliminated: Option<NaiveDate>,
    /// 风险消除方式 (exchange extension).
    #[serde(
        default,
        rename = "x_elimination_mode",
        skip_serializing_if = "Option::is_none"
    )]
    pub elimination_mode: Option<EliminationMode>,
    /// 因自然灾害子项, with the risk 因自然灾害 (exchange extension).
    #[serde(
        default,
        rename = "x_disaster",
        skip_serializing_if = "Option::is_none"
    )]
    pub disaster: Option<String>,
    /// 风险备注 (exchange extension).
    #[serde(
        default,
        rename = "x_risk_note",
        skip_serializing_if = "Option::is_none"
    )]
    pub risk_note: Option<String>,
    /// The steps of the 纳入监测 and 风险消除 procedures done so far, each dated (exchange
    /// extension; design note docs/design/0012-monitoring-procedure.md).
    #[serde(default, rename = "x_procedure", skip_serializing_if = "Vec::is_empty")]
    pub procedure: Vec<ProcedureRecord>,
}

/// One step of a monitoring procedure as it was done: when, until when (a 公示), by whom.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct ProcedureRecord {
    pub stage: ProcedureStage,
    pub step: ProcedureStep,
    pub date: NaiveDate,
    /// The last day of a 公示.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<NaiveDate>,
    /// Who did it (入户核查: at least two people), names separated by 、.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub people: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

impl Monitoring {
    /// The procedure as the ledger stores it: a JSON list, `None` when no step is recorded.
    pub fn procedure_json(&self) -> Option<String> {
        super::list_json(&self.procedure)
    }

    /// The stored procedure read back (empty when none, or when the text does not parse).
    pub fn procedure_from_json(text: Option<&str>) -> Vec<ProcedureRecord> {
        super::list_from_json(text)
    }

    /// The recorded step of a procedure, if it was done.
    pub fn step(&self, stage: ProcedureStage, step: ProcedureStep) -> Option<&ProcedureRecord> {
        self.procedure
            .iter()
            .find(|r| r.stage == stage && r.step == step)
    }
}

/// 人口变动: a member joins or leaves; the member record stays (history).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct Event {
    /// Stable record id (exchange extension `x_id`); derived from the household id and
    /// position when a file does not carry one, so re-importing a file never duplicates.
    #[serde(default, rename = "x_id", skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    pub date: NaiveDate,
    pub kind: EventKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub member: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}
