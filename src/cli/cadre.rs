//! `cadre add|list|end`: the village's cadre roster (帮扶干部花名册).

use super::{open, parse_date, today, Cli};
use yibentong::codes::UnitLevel;
use yibentong::store::NewCadre;
use yibentong::{Error, Result};

#[derive(clap::Subcommand, Debug)]
pub enum CadreCommand {
    /// Add a cadre to a village's roster (audited).
    Add {
        #[arg(long)]
        village: String,
        #[arg(long)]
        name: String,
        /// 帮扶单位.
        #[arg(long)]
        unit: Option<String>,
        /// Unit level: province, city, county, township or village (省直 … 村级 also work).
        #[arg(long)]
        unit_level: Option<String>,
        /// 职务 (e.g. 驻村第一书记).
        #[arg(long)]
        position: Option<String>,
        #[arg(long)]
        phone: Option<String>,
        /// First day in the village (default: today).
        #[arg(long, value_parser = parse_date)]
        start: Option<chrono::NaiveDate>,
    },
    /// The village's cadres: name, unit, position, phone, term.
    List {
        #[arg(long)]
        village: String,
        /// Print JSON (exchange v1 cadre records with their terms).
        #[arg(long)]
        json: bool,
    },
    /// End a cadre's term (their pairings and visits stay).
    End {
        #[arg(long)]
        village: String,
        /// The cadre's id or name.
        #[arg(long)]
        cadre: String,
        #[arg(long, value_parser = parse_date)]
        date: chrono::NaiveDate,
        #[arg(long)]
        reason: String,
    },
}

fn unit_level(text: &str) -> Result<UnitLevel> {
    UnitLevel::from_code(text)
        .or_else(|| UnitLevel::ALL.iter().copied().find(|l| l.label() == text))
        .ok_or_else(|| {
            Error::Invalid(format!(
                "单位层级“{text}”无效，应为：{}",
                UnitLevel::choices()
            ))
        })
}

pub fn run(cli: &Cli, cmd: &CadreCommand) -> Result<()> {
    let mut ledger = open(cli)?;
    match cmd {
        CadreCommand::Add {
            village,
            name,
            unit,
            unit_level: level,
            position,
            phone,
            start,
        } => {
            let new = NewCadre {
                name: name.clone(),
                unit: unit.clone(),
                unit_level: level.as_deref().map(unit_level).transpose()?,
                position: position.clone(),
                phone: phone.clone(),
                start: *start,
            };
            let c = ledger.add_cadre(village, &new, today())?;
            say!("已添加帮扶干部：{}（编号 {}）", c.name, c.id);
        }
        CadreCommand::List { village, json } => {
            let v = ledger.village(village)?;
            let cadres = ledger.cadres(&v.id)?;
            if *json {
                say!(
                    "{}",
                    serde_json::to_string_pretty(&cadres)
                        .map_err(|e| Error::Format(e.to_string()))?
                );
            } else {
                for c in cadres {
                    let term = match (c.start, c.end) {
                        (Some(s), Some(e)) => format!("{s} 至 {e}（已离岗）"),
                        (Some(s), None) => format!("{s} 起"),
                        (None, Some(e)) => format!("至 {e}（已离岗）"),
                        (None, None) => String::new(),
                    };
                    say!(
                        "{}\t{}\t{}\t{}\t{}\t{}",
                        c.name,
                        c.unit.as_deref().unwrap_or("-"),
                        c.position.as_deref().unwrap_or("-"),
                        c.phone.as_deref().unwrap_or("-"),
                        term,
                        c.id
                    );
                }
            }
        }
        CadreCommand::End {
            village,
            cadre,
            date,
            reason,
        } => {
            let c = ledger.end_cadre(village, cadre, *date, reason, today())?;
            say!("已登记{}于{date}离岗", c.name);
        }
    }
    Ok(())
}
