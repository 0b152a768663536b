//! `card`, `cards`, `roster`, `person-roster`, `pairing-book`, `notice`, `visit-plan`: PDF archive documents for signature and the week's visit plan.

use super::{open, today, Cli};
use chrono::NaiveDate;
use std::path::Path;
use yibentong::cards::{self, NoticeDates};
use yibentong::print::{CardKind, NoticeKind, PrintedDocument};
use yibentong::{Error, Result};

pub fn parse_kind(kind: &str) -> Result<CardKind> {
    CardKind::from_code(kind).ok_or_else(|| {
        let choices: Vec<String> = CardKind::ALL
            .iter()
            .map(|k| format!("{}（{}）", k.code(), k.title()))
            .collect();
        Error::Invalid(format!("卡片种类“{kind}”无效，应为{}", choices.join("、")))
    })
}

pub fn parse_notice(kind: Option<&str>, year: i32) -> Result<NoticeKind> {
    Ok(match kind {
        None => cards::default_notice_kind(year),
        Some("identification") => NoticeKind::Identification,
        Some("exit") => NoticeKind::Exit,
        Some("monitoring") => NoticeKind::Monitoring,
        Some("risk_eliminated" | "risk_elimination") => NoticeKind::RiskEliminated,
        Some(other) => {
            return Err(Error::Invalid(format!(
                "公示种类“{other}”无效，应为 identification、exit、monitoring 或 risk_eliminated"
            )))
        }
    })
}

/// Says what was written (the core wrote the file safely before logging the print).
fn written(out: &Path, doc: &PrintedDocument) -> Result<()> {
    say!(
        "已生成 {}：{} 页，校验码 {}",
        out.display(),
        doc.pages,
        doc.checksum
    );
    Ok(())
}

pub fn card(
    cli: &Cli,
    household: &str,
    kind: &str,
    year: i32,
    out: &Path,
    mask: bool,
) -> Result<()> {
    let mut ledger = open(cli)?;
    let doc = cards::household_card(
        &mut ledger,
        household,
        parse_kind(kind)?,
        year,
        today(),
        out,
        mask.then_some(true),
    )?;
    written(out, &doc)
}

pub fn batch(
    cli: &Cli,
    village: &str,
    kind: &str,
    year: i32,
    out: &Path,
    only: &[String],
) -> Result<()> {
    let mut ledger = open(cli)?;
    let only = (!only.is_empty()).then_some(only);
    let doc = cards::village_cards(
        &mut ledger,
        cards::Batch {
            village,
            only,
            kind: parse_kind(kind)?,
            year,
        },
        today(),
        out,
        &mut |done, total| {
            if done == total || done % 25 == 0 {
                note!(part: "\r排版中 {done}/{total} 户");
            }
        },
    )?;
    note!();
    written(out, &doc)
}

/// The forms a paper is written in.
#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum PaperFormat {
    /// PDF, ready to print.
    #[default]
    Pdf,
    /// An Excel workbook (.xlsx) with the same figures.
    Xlsx,
}

pub fn roster(cli: &Cli, village: &str, year: i32, format: PaperFormat, out: &Path) -> Result<()> {
    let mut ledger = open(cli)?;
    match format {
        PaperFormat::Pdf => written(
            out,
            &cards::roster(&mut ledger, village, year, today(), out)?,
        ),
        PaperFormat::Xlsx => {
            let bytes = cards::roster_workbook(&ledger, village, year, today())?;
            yibentong::output::write_workbook(out, &bytes, Some(&cli.db))?;
            say!("已导出 {}（{year}年花名册，Excel工作簿）", out.display());
            Ok(())
        }
    }
}

pub fn person_roster(cli: &Cli, village: &str, year: i32, out: &Path) -> Result<()> {
    let mut ledger = open(cli)?;
    written(
        out,
        &cards::person_roster(&mut ledger, village, year, today(), out)?,
    )
}

pub fn pairing_book(cli: &Cli, village: &str, cadre: &str, year: i32, out: &Path) -> Result<()> {
    let mut ledger = open(cli)?;
    written(
        out,
        &cards::pairing_book(&mut ledger, village, cadre, year, today(), out)?,
    )
}

pub fn visit_plan(cli: &Cli, village: &str, week: Option<NaiveDate>, out: &Path) -> Result<()> {
    let mut ledger = open(cli)?;
    let doc = cards::visit_plan(
        &mut ledger,
        village,
        week.unwrap_or_else(today),
        today(),
        out,
    )?;
    written(out, &doc)
}

/// The dates of the decision a notice announces, recorded before it is printed.
#[derive(clap::Args, Debug, Default)]
pub struct DecisionDates {
    /// 公示 first day (recorded for every household on the notice).
    #[arg(long, value_parser = super::parse_date)]
    pub publicity_start: Option<NaiveDate>,
    /// 公示 last day (default: 7 days for identification and exit, 5 for monitoring).
    #[arg(long, value_parser = super::parse_date, requires = "publicity_start")]
    pub publicity_end: Option<NaiveDate>,
    /// 民主评议 date.
    #[arg(long, value_parser = super::parse_date)]
    pub review_on: Option<NaiveDate>,
    /// 公告 date.
    #[arg(long, value_parser = super::parse_date)]
    pub announced_on: Option<NaiveDate>,
    /// 文号 of the decision.
    #[arg(long)]
    pub doc: Option<String>,
}

impl DecisionDates {
    fn given(&self) -> Option<NoticeDates> {
        let d = NoticeDates {
            review_on: self.review_on,
            publicity_start: self.publicity_start,
            publicity_end: self.publicity_end,
            announced_on: self.announced_on,
            doc: self.doc.clone(),
        };
        (d != NoticeDates::default()).then_some(d)
    }
}

pub fn notice(
    cli: &Cli,
    village: &str,
    year: i32,
    kind: Option<&str>,
    out: &Path,
    dates: &DecisionDates,
) -> Result<()> {
    let mut ledger = open(cli)?;
    let doc = cards::notice_with_dates(
        &mut ledger,
        village,
        year,
        parse_notice(kind, year)?,
        today(),
        out,
        dates.given().as_ref(),
    )?;
    written(out, &doc)
}
