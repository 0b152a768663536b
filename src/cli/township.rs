//! `township` and `target set|list`: the township's villages side by side and the yearly
//! plan targets (规划脱贫户数/人数) against the exits the ledger records.

use super::{open, today, Cli};
use yibentong::store::PlanTarget;
use yibentong::township::{township_view, PlanRow};
use yibentong::Result;

#[derive(clap::Subcommand, Debug)]
pub enum TargetCommand {
    /// Set a village's or township's plan target for a year (replaces the one stored; audited).
    Set {
        /// The 12-digit village code or the 9-digit township code.
        #[arg(long)]
        area: String,
        #[arg(long)]
        year: i32,
        /// 规划脱贫户数.
        #[arg(long)]
        households: u32,
        /// 规划脱贫人数.
        #[arg(long)]
        persons: u32,
        /// The plan it comes from (title, 文号).
        #[arg(long)]
        doc: Option<String>,
    },
    /// The targets stored, of the areas whose code starts with --area (all by default).
    List {
        #[arg(long, default_value = "")]
        area: String,
        #[arg(long)]
        json: bool,
    },
}

pub fn target(cli: &Cli, cmd: &TargetCommand) -> Result<()> {
    match cmd {
        TargetCommand::Set {
            area,
            year,
            households,
            persons,
            doc,
        } => {
            let mut ledger = open(cli)?;
            ledger.set_plan_target(&PlanTarget {
                area: area.clone(),
                year: *year,
                households: *households,
                persons: *persons,
                doc: doc.clone().filter(|d| !d.trim().is_empty()),
            })?;
            say!("已记录 {area} {year}年规划脱贫 {households} 户 {persons} 人");
            Ok(())
        }
        TargetCommand::List { area, json } => {
            let ledger = open(cli)?;
            let targets = ledger.plan_targets(area)?;
            if *json {
                say!("{}", super::assess::to_json(&targets)?);
                return Ok(());
            }
            for t in &targets {
                say!(
                    "{}\t{}年\t{}户\t{}人\t{}",
                    t.area,
                    t.year,
                    t.households,
                    t.persons,
                    t.doc.as_deref().unwrap_or("")
                );
            }
            Ok(())
        }
    }
}

/// The township's view: villages side by side, then the plan by year.
pub fn township(cli: &Cli, code: Option<&str>, year: Option<i32>, json: bool) -> Result<()> {
    use chrono::Datelike;
    let ledger = open(cli)?;
    let view = township_view(&ledger, code, year.unwrap_or(today().year()), today())?;
    if json {
        say!("{}", super::assess::to_json(&view)?);
        return Ok(());
    }
    say!(
        "{}（{}）{}年：{} 个行政村",
        view.township.name,
        view.township.code,
        view.year,
        view.villages.len()
    );
    say!("村代码\t村名\t户数\t人数\t监测户\t久未走访\t最近合并");
    for v in &view.villages {
        say!(
            "{}\t{}\t{}\t{}\t{}\t{}\t{}",
            v.code,
            v.name,
            v.households,
            v.people,
            v.monitored,
            v.overdue_visits,
            v.last_bundle.as_deref().unwrap_or("—")
        );
    }
    say!("年度\t范围\t规划户数\t规划人数\t实际脱贫户数\t实际脱贫人数");
    for r in &view.plan {
        say!("{}", plan_line(r, &view.township.code));
    }
    Ok(())
}

fn plan_line(r: &PlanRow, township: &str) -> String {
    let opt = |v: Option<u32>| v.map_or_else(|| "—".to_string(), |n| n.to_string());
    let area = if r.area == township {
        format!("{}（全乡镇）", r.name)
    } else {
        r.name.clone()
    };
    format!(
        "{}\t{area}\t{}\t{}\t{}\t{}",
        r.year,
        opt(r.planned_households),
        opt(r.planned_persons),
        r.exited_households,
        r.exited_persons
    )
}
