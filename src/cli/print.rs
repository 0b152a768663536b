//! `card`, `cards`, `roster`, `notice`: PDF archive documents for signature.

use super::{open, today, Cli};
use std::path::Path;
use yibentong::cards;
use yibentong::print::{CardKind, NoticeKind, PrintedDocument};
use yibentong::{Error, Result};

pub fn parse_kind(kind: &str) -> Result<CardKind> {
    match kind {
        "household" => Ok(CardKind::Household),
        "visits" => Ok(CardKind::Visits),
        "income" => Ok(CardKind::Income),
        other => Err(Error::Invalid(format!("卡片种类“{other}”无效，应为 household（户档案卡）、visits（帮扶记录卡）或 income（收入明白卡）"))),
    }
}

pub fn parse_notice(kind: Option<&str>, year: i32) -> Result<NoticeKind> {
    Ok(match kind {
        None => cards::default_notice_kind(year),
        Some("identification") => NoticeKind::Identification,
        Some("exit") => NoticeKind::Exit,
        Some("monitoring") => NoticeKind::Monitoring,
        Some("risk_eliminated") => NoticeKind::RiskEliminated,
        Some(other) => {
            return Err(Error::Invalid(format!(
                "公示种类“{other}”无效，应为 identification、exit、monitoring 或 risk_eliminated"
            )))
        }
    })
}

fn write(out: &Path, doc: &PrintedDocument) -> Result<()> {
    std::fs::write(out, &doc.bytes)?;
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
        mask.then_some(true),
    )?;
    write(out, &doc)
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
        village,
        only,
        parse_kind(kind)?,
        year,
        today(),
        &mut |done, total| {
            if done == total || done % 25 == 0 {
                eprint!("\r排版中 {done}/{total} 户");
            }
        },
    )?;
    eprintln!();
    write(out, &doc)
}

pub fn roster(cli: &Cli, village: &str, year: i32, out: &Path) -> Result<()> {
    let mut ledger = open(cli)?;
    write(out, &cards::roster(&mut ledger, village, year, today())?)
}

pub fn notice(cli: &Cli, village: &str, year: i32, kind: Option<&str>, out: &Path) -> Result<()> {
    let mut ledger = open(cli)?;
    write(
        out,
        &cards::notice(
            &mut ledger,
            village,
            year,
            parse_notice(kind, year)?,
            today(),
        )?,
    )
}
