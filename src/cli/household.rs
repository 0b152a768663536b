//! `household list|show|history|move`, `search`, `audit`: reading the ledger, and the
//! one household write of the command line (moving it to another village).

use super::{open, Cli};
use clap::Subcommand;
use yibentong::model::Household;
use yibentong::Result;

#[derive(Subcommand, Debug)]
pub enum HouseholdCommand {
    /// One household per line: code, head, group, size, status, attribute, main cause.
    List {
        #[arg(long)]
        village: Option<String>,
    },
    /// A household with its members and records (as it stood on a date with --as-of).
    Show {
        code: String,
        /// Show the household as it stood on this date (年-月-日).
        #[arg(long, value_parser = super::parse_date)]
        as_of: Option<chrono::NaiveDate>,
        /// Print the household as exchange v1 JSON.
        #[arg(long)]
        json: bool,
    },
    /// Move a household to another village (explicit and audited; cadres of the old
    /// village it names are entered in the new village's roster).
    Move {
        /// The household's id or 户编号.
        household: String,
        /// The new village's code.
        #[arg(long)]
        to: String,
        /// Why (written on the audit rows).
        #[arg(long)]
        reason: String,
    },
    /// A household's timeline: status transitions, changed and corrected facts, member
    /// changes, pairings, visits, measures and monitoring, oldest first.
    History {
        code: String,
        #[arg(long)]
        json: bool,
    },
}

pub fn run(cli: &Cli, cmd: &HouseholdCommand) -> Result<()> {
    let mut ledger = open(cli)?;
    match cmd {
        HouseholdCommand::List { village } => {
            for h in ledger.household_list(village.as_deref())? {
                say!(
                    "{}\t{}\t{}\t{}人\t{}\t{}\t{}",
                    h.code,
                    h.head.as_deref().unwrap_or("（无户主）"),
                    h.group.as_deref().unwrap_or("-"),
                    h.size,
                    h.status.map(|s| s.label()).unwrap_or("-"),
                    h.attribute.map(|s| s.label()).unwrap_or("-"),
                    h.main_cause.map(|s| s.label()).unwrap_or("-"),
                );
            }
        }
        HouseholdCommand::Show { code, as_of, json } => {
            let mut stored = ledger.household_by_code(code)?;
            let on = as_of.unwrap_or_else(super::today);
            if let Some(date) = as_of {
                if let Some(why) = stored.household.registration_on(*date).explain(code, *date) {
                    return Err(yibentong::Error::Invalid(why));
                }
                stored.household = stored.household.as_of(*date);
                stored.household.history.clear();
                for m in &mut stored.household.members {
                    m.history.clear();
                }
            }
            if *json {
                say!(
                    "{}",
                    serde_json::to_string_pretty(&stored.household)
                        .map_err(|e| yibentong::Error::Format(e.to_string()))?
                );
            } else {
                let cadres = ledger.cadres(&stored.village_id)?;
                if let Some(date) = as_of {
                    say!("（{date}时的情况）");
                }
                say!(
                    "{}",
                    describe(&stored.household, &cadres, stored.revision, on)
                );
                if as_of.is_none() {
                    for w in ledger.warnings(&stored.household.id)? {
                        say!("  提示：{}（{}）", w.message, w.path);
                    }
                }
            }
        }
        HouseholdCommand::Move {
            household,
            to,
            reason,
        } => {
            let s = yibentong::exchange::moves::move_household(
                &mut ledger,
                household,
                to,
                reason,
                super::today(),
            )?;
            say!("已将户{}从{}迁到{}", s.household, s.from, s.to);
            if !s.cadres_entered.is_empty() {
                say!(
                    "该户的帮扶责任人{}原属{}，已同时登记到{}的干部名单",
                    s.cadres_entered.join("、"),
                    s.from,
                    s.to
                );
            }
        }
        HouseholdCommand::History { code, json } => {
            let stored = ledger.household_by_code(code)?;
            let cadres = ledger.cadres(&stored.village_id)?;
            let lines = yibentong::model::timeline(&stored.household, &cadres);
            if *json {
                say!(
                    "{}",
                    serde_json::to_string_pretty(&lines)
                        .map_err(|e| yibentong::Error::Format(e.to_string()))?
                );
            } else {
                say!("户{}的变化记录：", stored.household.code);
                for l in lines {
                    let date = l.date.map(|d| d.to_string()).unwrap_or("最初登记".into());
                    let mut text = format!("{date}\t{}", l.text);
                    if let Some(r) = &l.reason {
                        text += &format!("（原因：{r}）");
                    }
                    if let Some(d) = &l.doc {
                        text += &format!("〔{d}〕");
                    }
                    say!("{text}");
                }
            }
        }
    }
    Ok(())
}

fn yes(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "是",
        Some(false) => "否",
        None => "未填",
    }
}

/// A readable Chinese view of a household.
fn describe(
    h: &Household,
    cadres: &[yibentong::model::Cadre],
    revision: i64,
    on: chrono::NaiveDate,
) -> String {
    let mut s = String::new();
    let head = h.head().map(|m| m.name.as_str()).unwrap_or("（无户主）");
    s += &format!(
        "户编号 {}　户主 {}　{}　版本 {}\n",
        h.code,
        head,
        h.group.as_deref().unwrap_or(""),
        revision
    );
    s += &format!(
        "状态 {}　属性 {}　识别年度 {}　脱贫年度 {}\n",
        h.status.map(|x| x.label()).unwrap_or("-"),
        h.attribute.map(|x| x.label()).unwrap_or("-"),
        h.identified_year
            .map(|y| y.to_string())
            .unwrap_or("-".into()),
        h.exit_year.map(|y| y.to_string()).unwrap_or("-".into()),
    );
    let others: Vec<&str> = h.other_causes.iter().map(|c| c.label()).collect();
    s += &format!(
        "主要致贫原因 {}　其他 {}\n",
        h.main_cause.map(|c| c.label()).unwrap_or("-"),
        others.join("、")
    );
    let c = &h.conditions;
    s += &format!(
        "住房 {}　{}　饮水安全 {}　卫生厕所 {}\n",
        c.house_grade
            .map(|g| g.label().to_string())
            .unwrap_or("-".into()),
        c.house_area_m2
            .map(|a| format!("{a}平方米"))
            .unwrap_or_default(),
        yes(c.drinking_water_safe),
        yes(c.sanitary_toilet),
    );
    s += &format!("家庭成员（{}人）：\n", h.members_on(on).len());
    for m in &h.members {
        let left = if h.is_registered_on(m, on) {
            ""
        } else {
            "（已不在户）"
        };
        s += &format!(
            "  {}{left}\t{}\t{}\t{}\t{}岁\t{}\t{}\t{}\t医保{}\n",
            m.name,
            m.relation_label().unwrap_or("-"),
            m.effective_sex().map(|x| x.label()).unwrap_or("-"),
            m.id_number.as_deref().unwrap_or("-"),
            m.age_on(on).map(|a| a.to_string()).unwrap_or("-".into()),
            m.schooling_label().unwrap_or("-"),
            m.health.map(|x| x.label()).unwrap_or("-"),
            m.labor.map(|x| x.label()).unwrap_or("-"),
            yes(m.medical_insurance),
        );
    }
    let mut years: Vec<i32> = h.income.iter().map(|l| l.year).collect();
    years.sort();
    years.dedup();
    if !years.is_empty() {
        s += "收入一本账（计入收入合计 / 生产经营支出）：\n";
        for y in years {
            let counted: f64 = h
                .income
                .iter()
                .filter(|l| l.year == y && l.counted)
                .map(|l| l.amount)
                .sum();
            let cost: f64 = h
                .expenses
                .iter()
                .filter(|l| l.year == y)
                .map(|l| l.amount)
                .sum();
            // An empty sum of floats is -0.0: printed as "-0".
            let (counted, cost) = (counted + 0.0, cost + 0.0);
            s += &format!("  {y}年\t{counted:.0}元\t{cost:.0}元\n");
        }
    }
    let name_of = |id: &str| {
        cadres
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.name.clone())
            .unwrap_or_else(|| id.to_string())
    };
    for p in &h.pairings {
        s += &format!(
            "帮扶责任人 {}（{}）{} 至 {}\n",
            name_of(&p.cadre),
            p.role.label(),
            p.start,
            p.end.map(|d| d.to_string()).unwrap_or("今".into())
        );
    }
    s += &format!(
        "走访 {} 次，帮扶措施 {} 项，人口变动 {} 条\n",
        h.visits.len(),
        h.measures.len(),
        h.events.len()
    );
    if let Some(m) = &h.monitoring {
        s += &format!(
            "监测：{}，{} 纳入，风险消除 {}\n",
            m.kind.label(),
            m.identified,
            m.eliminated
                .map(|d| d.to_string())
                .unwrap_or("未消除".into())
        );
    }
    s
}

pub fn search(cli: &Cli, query: &str, limit: usize) -> Result<()> {
    let ledger = open(cli)?;
    let hits = ledger.search(query, limit)?;
    if hits.is_empty() {
        say!("没有找到“{query}”");
    }
    for h in hits {
        say!(
            "{}\t{}\t{}\t身份证尾号{}\t{}",
            h.name,
            h.relation.map(|r| r.label()).unwrap_or("-"),
            h.household_code,
            h.id_tail,
            h.village
        );
    }
    Ok(())
}

#[derive(clap::Args, Debug)]
#[command(args_conflicts_with_subcommands = true)]
pub struct AuditArgs {
    #[command(subcommand)]
    check: Option<AuditCheck>,
    /// A household's code (户编号).
    code: Option<String>,
    /// Changes of the local policy (dated values and settings).
    #[arg(long, conflicts_with = "code")]
    policy: bool,
    /// Every change on or after this date (年-月-日).
    #[arg(long, value_parser = super::parse_date, conflicts_with = "code")]
    since: Option<chrono::NaiveDate>,
}

#[derive(Subcommand, Debug)]
pub enum AuditCheck {
    /// Check the whole trail's hash chain: reports any row edited or deleted outside the program.
    Verify,
}

pub fn audit(cli: &Cli, a: &AuditArgs) -> Result<()> {
    let ledger = open(cli)?;
    if a.check.is_some() {
        let report = ledger.audit_verify()?;
        say!("{}", report.text());
        if report.first_break.is_some() {
            return Err(yibentong::Error::Invalid(
                "变更记录的校验链条断了（见上）".into(),
            ));
        }
        return Ok(());
    }
    let (title, entries) = match (&a.code, a.policy, a.since) {
        (Some(code), _, _) => {
            let stored = ledger.household_by_code(code)?;
            (format!("户{code}"), ledger.audit_for(&stored.household.id)?)
        }
        (None, true, since) => {
            let mut all = ledger.audit_for_settings()?;
            if let Some(d) = since {
                all.retain(|e| e.at.as_str() >= d.to_string().as_str());
            }
            ("本地政策".to_string(), all)
        }
        (None, false, Some(d)) => (format!("{d}以来全部"), ledger.audit_since(&d.to_string())?),
        (None, false, None) => {
            return Err(yibentong::Error::Invalid(
                "请指定户编号，或用 --policy 查看本地政策的变更、--since 日期 查看全部变更、verify 校验变更记录"
                    .into(),
            ))
        }
    };
    say!("{title}的变更记录（{}条）：", entries.len());
    for e in entries {
        say!("{}", e.line());
    }
    Ok(())
}
