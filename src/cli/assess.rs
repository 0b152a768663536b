//! `assess`: verdicts for households or a village, from an exchange file or the ledger.
//! The `policy` command is in `policy.rs`.

use super::{open, Cli};
use clap::Args;
use std::path::PathBuf;
use yibentong::assess;
use yibentong::model::{Household, VillageDocument};
use yibentong::rules::{self, Overrides};
use yibentong::{Error, Result};

#[derive(Args, Debug)]
pub struct AssessArgs {
    /// An exchange v1 file to assess instead of the ledger (--db).
    pub file: Option<PathBuf>,
    /// Assess one household (by 户编号).
    #[arg(long, conflicts_with = "village")]
    pub household: Option<String>,
    /// Assess the village: incidence, village exit and the inspector's list (optionally a village code).
    #[arg(long, num_args = 0..=1, default_missing_value = "")]
    pub village: Option<String>,
    #[arg(long)]
    pub year: i32,
    /// Assessment date (default: 31 December of the year); the facts of that day are used.
    #[arg(long, value_parser = super::parse_date)]
    pub as_of: Option<chrono::NaiveDate>,
    #[arg(long)]
    pub poverty_line: Option<f64>,
    #[arg(long)]
    pub monitoring_line: Option<f64>,
    #[arg(long)]
    pub dibao_line: Option<f64>,
    /// Print JSON (the spec's assessment output) instead of a Chinese report.
    #[arg(long)]
    pub json: bool,
    /// `xlsx` (with --village and --out): the inspector's list as an Excel workbook.
    #[arg(long, value_enum, requires = "out")]
    pub format: Option<super::print::PaperFormat>,
    /// The workbook to write (with --format xlsx).
    #[arg(long, requires = "format")]
    pub out: Option<PathBuf>,
}

pub(super) fn to_json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string_pretty(v).map_err(|e| Error::Format(e.to_string()))
}

pub fn assess(cli: &Cli, a: &AssessArgs) -> Result<()> {
    if !(2000..=2100).contains(&a.year) {
        return Err(Error::Invalid(format!(
            "年度{}超出范围（应在2000年至2100年之间）",
            a.year
        )));
    }
    let as_of = match a.as_of {
        Some(d) => d,
        None => {
            rules::year_end(a.year).ok_or_else(|| Error::Invalid(format!("年度{}无效", a.year)))?
        }
    };
    let overrides = Overrides {
        poverty_line: a.poverty_line,
        monitoring_line: a.monitoring_line,
        dibao_line: a.dibao_line,
    };
    // The year's facts: households registered then, as they stood then; one household
    // not registered then is refused with the reason.
    let refused = |h: &Household| {
        h.registration_on(as_of)
            .explain(&h.code, as_of)
            .map(Error::Invalid)
    };
    let village = match &a.file {
        Some(file) => {
            let bytes = std::fs::read(file)?;
            let doc: VillageDocument = yibentong::exchange::parse_document(&bytes, super::today())
                .map_err(Error::Validation)?;
            let one = a
                .household
                .as_ref()
                .and_then(|code| doc.households.iter().find(|h| &h.code == code));
            if let Some(why) = one.and_then(refused) {
                return Err(why);
            }
            assess::document_on(doc, a.year, as_of, &overrides)?
        }
        None => {
            let ledger = open(cli)?;
            let code = match (&a.village, &a.household) {
                (Some(code), _) => Some(code.clone()),
                (_, Some(code)) => {
                    let stored = ledger.household_by_code(code)?;
                    if let Some(why) = refused(&stored.household) {
                        return Err(why);
                    }
                    Some(ledger.village_by_id(&stored.village_id)?.village.code)
                }
                _ => None,
            };
            assess::village_on(&ledger, code.as_deref(), a.year, as_of, &overrides)?
        }
    };
    if a.village.is_some() {
        if let Some(out) = &a.out {
            if a.format != Some(super::print::PaperFormat::Xlsx) {
                return Err(Error::Invalid(
                    "检查清单只能导出为Excel：请用 --format xlsx --out 文件.xlsx".into(),
                ));
            }
            let (bytes, disagreeing) = yibentong::cards::inspector_workbook_of(&village)?;
            yibentong::output::write_workbook(out, &bytes, Some(&cli.db))?;
            say!(
                "已导出 {}（{}年检查清单，不一致{disagreeing}户，Excel工作簿）",
                out.display(),
                a.year,
            );
            return Ok(());
        }
        let va = village.assess();
        if a.json {
            say!("{}", to_json(&va)?);
        } else {
            say!("{}", rules::village_report(&va));
        }
        return Ok(());
    }
    if a.out.is_some() {
        return Err(Error::Invalid(
            "Excel检查清单是全村的：请加 --village 村代码".into(),
        ));
    }
    let chosen: Vec<&Household> = match &a.household {
        Some(code) => {
            let h = village
                .households
                .iter()
                .find(|h| &h.code == code)
                .ok_or_else(|| Error::NotFound(format!("户编号为{code}的农户")))?;
            vec![h]
        }
        None => village.households.iter().collect(),
    };
    let assessments: Vec<_> = chosen
        .iter()
        .map(|h| rules::assess_household(h, &village.policy))
        .collect();
    if a.json {
        if a.household.is_some() {
            say!("{}", to_json(&assessments[0])?);
        } else {
            say!("{}", to_json(&assessments)?);
        }
        return Ok(());
    }
    for (h, assessment) in chosen.iter().zip(&assessments) {
        say!("{}", rules::household_report(assessment));
        let w = rules::what_if(h, &village.policy, assessment);
        let text = rules::what_if_report(&w);
        if !text.trim().is_empty() {
            say!("{text}");
        }
    }
    Ok(())
}

/// `check`: the village's findings for a year, as JSON or one line each with a summary.
pub fn check(
    cli: &Cli,
    village: Option<&str>,
    year: Option<i32>,
    monitoring_line: Option<f64>,
    json: bool,
) -> Result<()> {
    let ledger = open(cli)?;
    let overrides = Overrides {
        monitoring_line,
        ..Overrides::default()
    };
    let findings =
        yibentong::assess::village_check(&ledger, village, year, &overrides, super::today())?;
    if json {
        say!("{}", to_json(&findings)?);
        return Ok(());
    }
    for f in &findings {
        say!("{f}");
    }
    let (errors, warnings, infos) = yibentong::check::counts(&findings);
    if findings.is_empty() {
        say!("数据核查未发现问题");
    } else {
        say!(
            "共{}条：错误{errors}条，提示{warnings}条，说明{infos}条",
            findings.len()
        );
    }
    Ok(())
}
