//! The public notice (公示名单) from the ledger: the year's households of one decision,
//! printed with the 公示 dates stored for that decision (or, for monitoring, those of its
//! procedure's 公示 step), never the day it is printed.
//! A notice with nobody on it, or whose 公示 dates are not recorded, is refused with a
//! message that says what to do.

use super::reprint;
use crate::assess::{paper_date, village_households_on};
use crate::model::Household;
use crate::print::{self, NoticeContext, NoticeKind, NoticeRow, PrintedDocument};
use crate::store::{Decision, DecisionKind, Ledger};
use crate::{Error, Result};
use chrono::{Datelike, NaiveDate};
use std::path::Path;

/// Dates to record for every household on the notice before printing it (the command
/// line's `--publicity-start`, `--publicity-end`, `--review-on`, `--announced-on`, `--doc`).
pub type NoticeDates = Decision;

/// The notice kind that fits a year: exits up to 2020, monitoring from 2021.
pub fn default_notice_kind(year: i32) -> NoticeKind {
    if year <= 2020 {
        NoticeKind::Exit
    } else {
        NoticeKind::Monitoring
    }
}

/// The decision a notice announces.
pub fn decision_kind(kind: NoticeKind) -> DecisionKind {
    match kind {
        NoticeKind::Identification => DecisionKind::Identification,
        NoticeKind::Exit => DecisionKind::Exit,
        NoticeKind::Monitoring => DecisionKind::Monitoring,
        NoticeKind::RiskEliminated => DecisionKind::RiskElimination,
    }
}

/// The decision text of a household on the notice of `kind` for `year`, if it is on it.
fn decision_text(h: &Household, kind: NoticeKind, year: i32) -> Option<String> {
    match kind {
        NoticeKind::Identification => {
            (h.identified_year == Some(year)).then(|| "识别为建档立卡贫困户".to_string())
        }
        NoticeKind::Exit => (h.exit_year == Some(year)).then(|| "拟退出（脱贫）".to_string()),
        NoticeKind::Monitoring => h
            .monitoring
            .as_ref()
            .filter(|m| m.identified.year() == year)
            .map(|m| format!("拟纳入监测对象（{}）", m.kind.label())),
        NoticeKind::RiskEliminated => h
            .monitoring
            .as_ref()
            .filter(|m| m.eliminated.is_some_and(|d| d.year() == year))
            .map(|_| "拟标注风险消除".to_string()),
    }
}

/// The 公示 of the monitoring procedure the notice announces, as its steps record it
/// (design note 0012): used when no dates were recorded for the decision itself.
fn procedure_publicity(h: &Household, kind: NoticeKind) -> Option<(NaiveDate, NaiveDate)> {
    use crate::codes::{ProcedureStage, ProcedureStep};
    let stage = match kind {
        NoticeKind::Monitoring => ProcedureStage::Identification,
        NoticeKind::RiskEliminated => ProcedureStage::Elimination,
        _ => return None,
    };
    let step = h
        .monitoring
        .as_ref()?
        .step(stage, ProcedureStep::Publicity)?;
    Some((step.date, step.until?))
}

/// Prints the public notice (公示名单) of `kind` for `year` with the stored 公示 dates.
pub fn notice(
    ledger: &mut Ledger,
    village_code: &str,
    year: i32,
    kind: NoticeKind,
    printed_on: NaiveDate,
    out: &Path,
) -> Result<PrintedDocument> {
    notice_with_dates(ledger, village_code, year, kind, printed_on, out, None)
}

/// Like [`notice`], first recording `dates` for every household on the notice.
pub fn notice_with_dates(
    ledger: &mut Ledger,
    village_code: &str,
    year: i32,
    kind: NoticeKind,
    printed_on: NaiveDate,
    out: &Path,
    dates: Option<&NoticeDates>,
) -> Result<PrintedDocument> {
    let mut village = ledger.village(village_code)?;
    let on = paper_date(year, printed_on)?;
    let households = village_households_on(ledger, &village.id, on)?;
    village.village = village.village.as_of(on);
    let listed: Vec<(&Household, String)> = households
        .iter()
        .filter_map(|h| Some((h, decision_text(h, kind, year)?)))
        .collect();
    let decision = decision_kind(kind);
    if listed.is_empty() {
        // The same refusal the print module gives, before anything is stored.
        return Err(Error::Invalid(format!(
            "{year}年没有{}的农户，无需公示",
            kind.nobody()
        )));
    }
    if let Some(dates) = dates {
        for (h, _) in &listed {
            ledger.record_decision(&h.id, decision, year, dates)?;
        }
    }
    let mut period: Option<(NaiveDate, NaiveDate)> = None;
    let mut undated = Vec::new();
    let mut rows = Vec::new();
    for (h, text) in &listed {
        let Some(head) = h.head() else { continue };
        let recorded = ledger
            .decision(&h.id, decision, year)?
            .and_then(|d| d.publicity());
        match recorded.or_else(|| procedure_publicity(h, kind)) {
            None => undated.push(head.name.clone()),
            Some(p) if period.is_some_and(|q| q != p) => {
                return Err(Error::Invalid(format!(
                    "{year}年{}公示的农户登记了不同的公示日期（{}户：{} 至 {}），同一张公示名单只能有一个公示期；请统一登记后再打印",
                    decision.label(),
                    head.name,
                    p.0,
                    p.1
                )));
            }
            Some(p) => period = Some(p),
        }
        rows.push(NoticeRow {
            group: h.group.clone(),
            head: head.name.clone(),
            size: h.members_on(on).len() as u32,
            decision: text.clone(),
        });
    }
    let period = match (period, undated.is_empty()) {
        (Some(p), true) => p,
        _ => {
            return Err(Error::Invalid(format!(
                "{year}年{}公示尚未登记公示日期（{}），公示名单只印登记的日期；请先登记：yibentong notice --village {village_code} --year {year} --kind {} --publicity-start 年-月-日 [--publicity-end 年-月-日] --out 文件",
                decision.label(),
                match undated.len() {
                    0 => "日期不一".to_string(),
                    n @ 1..=5 => format!("未登记：{}，共{n}户", undated.join("、")),
                    n => format!("未登记：{}等{n}户", undated[..5].join("、")),
                },
                decision.code(),
            )));
        }
    };
    let revision = village.revision;
    let reprint = reprint(ledger, None, &village.id, "notice", year, printed_on)?;
    let doc = print::notice(&NoticeContext {
        village: &village.village,
        year,
        kind,
        period,
        revision,
        printed_on,
        reprint,
        rows,
    })?;
    ledger.deliver_village(out, &doc, &village.id, "notice", year, revision)?;
    Ok(doc)
}
