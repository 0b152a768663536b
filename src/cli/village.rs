//! `village set`: a village's own facts (村名, 村民小组, 农村户籍人口) from the command
//! line, dated as the app's 设置 › 本村情况 saves them.

use super::{open, parse_date, Cli};
use clap::Subcommand;
use yibentong::dossier::Edit;
use yibentong::model::Effective;
use yibentong::village_facts::{save_village_facts, VillageFacts};
use yibentong::Result;

#[derive(Subcommand, Debug)]
pub enum VillageCommand {
    /// Change a village's name, 村民小组 or 农村户籍人口 (what is not given stays); a change
    /// from --from (default today), or with --correction the fix of a wrong entry (audited).
    Set {
        #[arg(long)]
        village: String,
        #[arg(long)]
        name: Option<String>,
        /// 村民小组 in order, separated by commas: 一组,二组,三组.
        #[arg(long, value_delimiter = ',')]
        groups: Option<Vec<String>>,
        /// 农村户籍人口 (the denominator of 贫困发生率).
        #[arg(long)]
        rural_population: Option<u32>,
        /// The day the change happened (default: today).
        #[arg(long, value_parser = parse_date, conflicts_with = "correction")]
        from: Option<chrono::NaiveDate>,
        /// The values were wrong all along: corrected, not changed from a date.
        #[arg(long)]
        correction: bool,
        #[arg(long)]
        reason: Option<String>,
    },
}

pub fn run(cli: &Cli, cmd: &VillageCommand) -> Result<()> {
    let VillageCommand::Set {
        village,
        name,
        groups,
        rural_population,
        from,
        correction,
        reason,
    } = cmd;
    let mut ledger = open(cli)?;
    let stored = ledger.village(village)?.village;
    let facts = VillageFacts {
        name: name.clone().unwrap_or(stored.name),
        groups: groups.clone().unwrap_or(stored.groups),
        rural_population: rural_population.or(stored.rural_population),
    };
    let today = super::today();
    let effective = match (correction, from) {
        (true, _) => Effective::Correction { on: None },
        (false, from) => Effective::Change {
            from: from.unwrap_or(today),
        },
    };
    let edit = Edit {
        effective: Some(effective),
        reason: reason.as_deref(),
        doc: None,
    };
    save_village_facts(&mut ledger, village, facts.clone(), edit, today)?;
    say!(
        "已保存村{village}：{}，村民小组 {}，农村户籍人口 {}",
        facts.name.trim(),
        if facts.groups.is_empty() {
            "未填写".to_string()
        } else {
            facts.groups.join("、")
        },
        facts
            .rural_population
            .map_or("未填写".to_string(), |n| format!("{n} 人"))
    );
    Ok(())
}
