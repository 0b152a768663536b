//! Printable documents (PDF): household card, visit card, income sheet, the monitoring
//! information form, the application and consent, the 风险消除 review, roster, notice, the week's visit plan;
//! the roster and the inspector's list also as Excel workbooks (`workbook.rs`).
//!
//! Every document is built in two steps. A composer (`household_card`, `roster` …) lays the
//! document out as a [`Layout`]: pages of placed text runs, lines, boxes and check boxes, all
//! measured with the embedded font's glyph advances so that text wraps or shrinks inside its
//! cell and never overflows. [`Layout::render`] then writes the PDF with printpdf, the font
//! subset into the file. The layout is what the tests snapshot and what the checksum covers.
//!
//! Inputs are plain structs filled by the caller (ledger and rules engine): this module reads
//! no database and decides no verdict. Output is deterministic: the same input gives the same
//! bytes (no random ids, no clock reads; the print date is an input).

mod batch;
mod checkbox;
#[cfg(test)]
mod checks;
mod consent;
mod elimination_review;
mod fonts;
mod household_card;
mod household_facts;
mod income_sheet;
mod inspector_sheet;
mod layout;
mod monitoring_card;
mod monitoring_members;
mod notice;
mod pairing_book;
mod person_roster;
mod render;
mod roster;
mod roster_sheet;
mod sections;
mod stamp;
mod table;
mod visit_card;
mod visit_plan;
mod workbook;

pub use batch::household_cards;
pub use fonts::Fonts;
pub use household_card::household_card;
pub use income_sheet::income_sheet;
pub use inspector_sheet::inspector_workbook;
pub use layout::Layout;
pub use monitoring_card::monitoring_card;
pub use notice::{compose_notice, notice, NoticeContext, NoticeKind, NoticeRow};
pub use pairing_book::{
    compose_pairing_book, pairing_book, BookVisit, PairedHousehold, PairingBookContext,
};
pub use person_roster::{compose_person_roster, person_roster, PersonRosterContext, PersonRow};
pub use roster::{compose_roster, roster, RosterContext, RosterRow};
pub use roster_sheet::roster_workbook;
pub use sections::attribute_text;
#[cfg(test)]
pub(crate) use sections::money as money_text;
pub use visit_card::visit_card;
pub use visit_plan::{compose_visit_plan, visit_plan, PlanRow, VisitPlanContext};
pub use workbook::EXPORT_MARK;

use crate::model::{Cadre, Household, Village};
use chrono::NaiveDate;

/// A rendered PDF with the checksum printed on it.
#[derive(Debug, Clone)]
pub struct PrintedDocument {
    /// The PDF file.
    pub bytes: Vec<u8>,
    /// The short checksum printed on the pages (first 12 hex digits of SHA-256 over the
    /// printed content without the print date); for a batch, over the cards' checksums.
    pub checksum: String,
    /// Number of pages.
    pub pages: usize,
}

/// Which household document to print.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardKind {
    /// 户档案卡.
    Household,
    /// 帮扶记录卡.
    Visits,
    /// 收入明白卡.
    Income,
    /// 防返贫监测信息采集表 (a household under monitoring on the paper's date).
    Monitoring,
    /// 监测对象申请及承诺授权书: the household applies, promises and authorises the
    /// checks; every adult member signs.
    Consent,
    /// 风险消除审核表: the engine's conditions on the day of 风险消除 and the procedure's
    /// steps, with the village's, township's and county's opinions.
    EliminationReview,
}

/// Every document the print centre offers: code and title (the household cards, the
/// village roster, the public notice, the week's visit plan).
pub const DOCUMENTS: [(&str, &str); 11] = [
    ("household", "户档案卡"),
    ("visits", "帮扶记录卡"),
    ("income", "收入明白卡"),
    ("monitoring", "防返贫监测信息采集表"),
    ("consent", "承诺授权书"),
    ("elimination_review", "风险消除审核表"),
    ("roster", "花名册"),
    ("person_roster", "人员花名册"),
    ("pairing_book", "结对帮扶工作台账"),
    ("notice", "公示名单"),
    ("visit_plan", "走访计划"),
];

impl CardKind {
    /// The title printed at the head of the card.
    pub fn title(self) -> &'static str {
        match self {
            CardKind::Household => "户档案卡",
            CardKind::Visits => "帮扶记录卡",
            CardKind::Income => "收入明白卡",
            CardKind::Monitoring => "防返贫监测信息采集表",
            CardKind::Consent => "监测对象申请及承诺授权书",
            CardKind::EliminationReview => "防止返贫监测对象风险消除审核表",
        }
    }

    /// Every kind, in the print centre's order.
    pub const ALL: [CardKind; 6] = [
        CardKind::Household,
        CardKind::Visits,
        CardKind::Income,
        CardKind::Monitoring,
        CardKind::Consent,
        CardKind::EliminationReview,
    ];

    /// Parses the command line's code.
    pub fn from_code(code: &str) -> Option<CardKind> {
        CardKind::ALL.into_iter().find(|k| k.code() == code)
    }

    /// The code used on the command line and in the QR code.
    pub fn code(self) -> &'static str {
        match self {
            CardKind::Household => "household",
            CardKind::Visits => "visits",
            CardKind::Income => "income",
            CardKind::Monitoring => "monitoring",
            CardKind::Consent => "consent",
            CardKind::EliminationReview => "elimination_review",
        }
    }
}

/// One verdict of the year as printed on the card: the rule, its outcome, one line why.
#[derive(Debug, Clone, PartialEq)]
pub struct VerdictLine {
    /// e.g. `住房安全有保障`.
    pub rule_label: String,
    /// e.g. `达标` / `未达标`.
    pub outcome_label: String,
    /// One line of reason, e.g. `住房B级（基本安全）`.
    pub reason: String,
}

/// A past year's paper printed again (补打): the mark it carries beside the print date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Reprint {
    /// The date it was first printed, when the print log knows it.
    pub first_printed: Option<NaiveDate>,
}

impl Reprint {
    /// `补打（原打印日期：2019-12-20）`, or `补打（2019年度资料）` when no earlier print is logged.
    pub fn mark(self, year: i32) -> String {
        match self.first_printed {
            Some(d) => format!("补打（原打印日期：{}）", d.format("%Y-%m-%d")),
            None => format!("补打（{year}年度资料）"),
        }
    }
}

/// Everything a household document prints. The caller fills it from the ledger and the
/// rules engine; nothing here is looked up or computed beyond sums for display.
#[derive(Debug, Clone)]
pub struct CardContext<'a> {
    pub village: &'a Village,
    /// All cadres of the village (pairings and visits refer to them by id).
    pub cadres: &'a [Cadre],
    pub household: &'a Household,
    /// The year the card is for (income, visits, verdicts).
    pub year: i32,
    /// The record's revision, printed so a signed card can be matched to the ledger.
    pub revision: i64,
    /// The print date (printed, not part of the checksum).
    pub printed_on: NaiveDate,
    /// Print ID numbers masked (`3607**********1234`).
    pub mask_ids: bool,
    /// The year's verdicts, each with its one-line reason.
    pub verdicts: Vec<VerdictLine>,
    /// The year's income figures from the rules engine (`Assessment::income`): every
    /// printed total, the household size and 人均纯收入 come from here, never recomputed.
    /// `None` prints the income sections blank (not assessed).
    pub income: Option<crate::rules::IncomeFigures>,
    /// The year's yardstick and its label, e.g. `(3747.0, "2019年脱贫退出验收标准")`.
    pub line: Option<(f64, String)>,
    /// The province's monitoring line on the paper's date with its year, name and source
    /// (`None` when none is set), as the monitoring verdicts used it.
    pub monitoring_line: Option<(f64, String)>,
    /// Set when a past year's paper is printed (补打); printed in the foot, outside the
    /// checksum.
    pub reprint: Option<Reprint>,
    /// The decision the paper is about, when it has its own date (风险消除审核表: the day
    /// of 风险消除); the facts, verdicts and figures are then read on it.
    pub decided_on: Option<NaiveDate>,
    /// The conditions of the engine's 风险消除 verdict on the paper's date, in its order
    /// (empty when the household is not monitored).
    pub elimination: Vec<ConditionLine>,
}

/// One condition of a verdict as printed: met, not met or not judgeable, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct ConditionLine {
    pub met: Option<bool>,
    pub text: String,
}

impl CardContext<'_> {
    /// An ID number as this paper prints it (masked when the setting asks).
    pub(crate) fn id_shown(&self, id: &str) -> String {
        if self.mask_ids {
            crate::idcard::mask(id)
        } else {
            id.to_string()
        }
    }

    /// The cadre with this id, if known.
    pub(crate) fn cadre(&self, id: &str) -> Option<&Cadre> {
        self.cadres.iter().find(|c| c.id == id)
    }

    /// The date the card's facts are read on: the decision's, else the print date, or the
    /// year's end for a past year.
    pub(crate) fn reference_date(&self) -> NaiveDate {
        if let Some(d) = self.decided_on {
            return d;
        }
        let year_end = NaiveDate::from_ymd_opt(self.year, 12, 31).unwrap_or(self.printed_on);
        year_end.min(self.printed_on)
    }
}

/// Prints one household document of the given kind.
pub fn card(kind: CardKind, ctx: &CardContext<'_>) -> crate::Result<PrintedDocument> {
    match kind {
        CardKind::Household => household_card(ctx),
        CardKind::Visits => visit_card(ctx),
        CardKind::Income => income_sheet(ctx),
        CardKind::Monitoring => monitoring_card(ctx),
        CardKind::Consent => consent::consent(ctx),
        CardKind::EliminationReview => elimination_review::elimination_review(ctx),
    }
}

/// Lays out one household document without rendering it (for previews and tests).
pub fn compose_card(kind: CardKind, ctx: &CardContext<'_>) -> crate::Result<Layout> {
    Ok(compose_one(kind, ctx, Fonts::shared()?))
}

fn compose_one(kind: CardKind, ctx: &CardContext<'_>, fonts: &Fonts) -> Layout {
    match kind {
        CardKind::Household => household_card::compose(ctx, fonts),
        CardKind::Visits => visit_card::compose(ctx, fonts),
        CardKind::Income => income_sheet::compose(ctx, fonts),
        CardKind::Monitoring => monitoring_card::compose(ctx, fonts),
        CardKind::Consent => consent::compose(ctx, fonts),
        CardKind::EliminationReview => elimination_review::compose(ctx, fonts),
    }
}
