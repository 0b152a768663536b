//! Command-line arguments and dispatch. The CLI is where the clock is read ("today");
//! the core takes dates as inputs.

/// `println!` that ends the program quietly when the reader has gone (`| head`).
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        if writeln!(std::io::stdout(), $($arg)*).is_err() {
            std::process::exit(0);
        }
    }};
}

/// A line (or, `note!(part: …)`, part of one) on stderr: notes and progress. A stderr
/// nobody reads any more (`2>&1 | head`) is no reason to fail the command.
macro_rules! note {
    () => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr());
    }};
    (part: $($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = write!(std::io::stderr(), $($arg)*);
    }};
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod assess;
mod bundle;
mod cadre;
mod household;
mod ledger_io;
mod policy;
mod print;
mod secret;
mod serve;
mod township;
pub mod usage;
mod village;

use clap::{Parser, Subcommand};
use std::path::PathBuf;
use yibentong::store::Ledger;
use yibentong::Result;

/// 一本通：驻村帮扶台账（命令行）
#[derive(Parser, Debug)]
#[command(name = "yibentong", version, about = "一本通：驻村帮扶台账的命令行工具", long_about = None)]
pub struct Cli {
    /// Ledger file (SQLite); created if missing.
    #[arg(
        long,
        global = true,
        default_value = "yibentong.db",
        env = "YIBENTONG_DB"
    )]
    pub db: PathBuf,
    /// Operator name written on every audit row of this session.
    #[arg(long, global = true, env = "YIBENTONG_OPERATOR")]
    pub operator: Option<String>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Build a demo village ledger (deterministic).
    Demo {
        /// The new ledger file (must not exist).
        #[arg(long)]
        out: PathBuf,
        /// Number of households (about 300 per village; 200000 for a county).
        #[arg(long, default_value_t = 300)]
        households: usize,
        /// Random seed: the same seed gives the same ledger.
        #[arg(long, default_value_t = 2014)]
        seed: u64,
    },
    /// Households: list, show.
    #[command(subcommand)]
    Household(household::HouseholdCommand),
    /// Find people by name, pinyin initials (zs), household code, ID number or its last 4.
    Search {
        query: String,
        #[arg(long, default_value_t = 50)]
        limit: usize,
    },
    /// Import an exchange v1 JSON file or the monitoring system's person-level Excel
    /// sheet (.xlsx, or .xls as older copies of Excel and WPS save it): all of it or, on any error, nothing. Several files (a county's
    /// villages, exchange files and workbooks in any mix) are imported in one
    /// transaction: all of them or nothing.
    Import {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The date the file's facts hold from (default: today). Facts that differ from the
        /// ledger's on that date start new periods; earlier ones stay.
        #[arg(long, value_parser = parse_date)]
        effective: Option<chrono::NaiveDate>,
        /// Confirms that the file's village is new: a ledger that already has villages
        /// refuses a file whose village code it does not know (a mistyped code would
        /// create a phantom village). The first import into an empty ledger needs no flag.
        #[arg(long)]
        new_village: bool,
    },
    /// Export a village as exchange v1 JSON to stdout (with the facts' history), or the
    /// village as it stood at the end of a year (--year) or on a date (--as-of);
    /// `--format xlsx --out FILE.xlsx` writes the monitoring system's person-level sheet;
    /// `--township CODE --format xlsx --out FILE.xlsx` all the township's villages in one.
    Export {
        #[arg(long, required_unless_present = "township")]
        village: Option<String>,
        /// A township (the first nine digits of its villages' codes): all its villages in
        /// one workbook (with --format xlsx).
        #[arg(long, conflicts_with = "village")]
        township: Option<String>,
        #[arg(long, conflicts_with = "as_of")]
        year: Option<i32>,
        #[arg(long, value_parser = parse_date)]
        as_of: Option<chrono::NaiveDate>,
        #[arg(long, value_enum, default_value_t = ledger_io::ExportFormat::Json)]
        format: ledger_io::ExportFormat,
        /// Write to this file instead of stdout (required for xlsx).
        #[arg(long)]
        out: Option<PathBuf>,
    },
    /// The change history (audit trail): of a household, of the local policy (--policy),
    /// or of everything since a date (--since); `audit verify` checks it was not tampered with.
    Audit(household::AuditArgs),
    /// Verdicts with reasons for households or a village (policy engine).
    Assess(assess::AssessArgs),
    /// The cadre's local policy (低保 line, monitoring line, region …).
    #[command(subcommand)]
    Policy(policy::PolicyCommand),
    /// Write a checked backup of the whole ledger (audit trail, policy, print log included).
    Backup {
        /// The backup file (must not exist).
        #[arg(long)]
        out: PathBuf,
    },
    /// Restore a backup into --db (a new file; an existing ledger only with --force, after
    /// backing it up).
    Restore {
        file: PathBuf,
        #[arg(long)]
        force: bool,
    },
    /// The ledger file itself: encrypt a plain ledger in place.
    #[command(subcommand)]
    Ledger(secret::LedgerCommand),
    /// The village's cadre roster (帮扶干部): add, list, end a term.
    #[command(subcommand)]
    Cadre(cadre::CadreCommand),
    /// The app in the system browser (browser mode): serves the desktop app's screens and
    /// commands on 127.0.0.1 only, at a random port with a one-time token. Prints the
    /// address (with its token) as the first line; stops on Ctrl+C or when no page has
    /// been open for a few minutes.
    Serve {
        /// Do not open the browser (print the address only).
        #[arg(long)]
        no_browser: bool,
    },
    /// Yearly plan targets (规划脱贫户数/人数) of a village or township: set, list.
    #[command(subcommand)]
    Target(township::TargetCommand),
    /// A village's own facts: its name, 村民小组 and 农村户籍人口 (dated, audited).
    #[command(subcommand)]
    Village(village::VillageCommand),
    /// The township's villages side by side, and the plan targets against the exits.
    Township {
        /// The township's 9-digit code (default: the first in the ledger).
        #[arg(long)]
        code: Option<String>,
        /// The year the villages are read in (default: this year).
        #[arg(long)]
        year: Option<i32>,
        #[arg(long)]
        json: bool,
    },
    /// One household's card as PDF: household (户档案卡), visits (帮扶记录卡), income (收入明白卡),
    /// monitoring (防返贫监测信息采集表).
    Card {
        #[arg(long)]
        household: String,
        #[arg(long, default_value = "household")]
        kind: String,
        #[arg(long)]
        year: i32,
        #[arg(long)]
        out: PathBuf,
        /// Mask ID numbers (3607**********1234) whatever the ledger setting.
        #[arg(long)]
        mask_ids: bool,
    },
    /// The cards of a whole village (or the listed households) in one PDF.
    Cards {
        #[arg(long)]
        village: String,
        #[arg(long, default_value = "household")]
        kind: String,
        #[arg(long)]
        year: i32,
        #[arg(long)]
        out: PathBuf,
        /// Only these household codes.
        #[arg(long = "only", value_delimiter = ',')]
        only: Vec<String>,
    },
    /// The village roster (花名册) as PDF, landscape, or as an Excel workbook (--format xlsx).
    Roster {
        #[arg(long)]
        village: String,
        #[arg(long)]
        year: i32,
        #[arg(long, value_enum, default_value_t = print::PaperFormat::Pdf)]
        format: print::PaperFormat,
        #[arg(long)]
        out: PathBuf,
    },
    /// The 人员花名册 as PDF, landscape: every person of the households on the monitoring
    /// system's books (脱贫户, 监测对象 …) as they stood in the year.
    PersonRoster {
        #[arg(long)]
        village: String,
        #[arg(long)]
        year: i32,
        #[arg(long)]
        out: PathBuf,
    },
    /// One cadre's 结对帮扶工作台账 for a year as PDF: the households paired with them, the
    /// year's measures and results, income per person, and every visit.
    PairingBook {
        #[arg(long)]
        village: String,
        /// The cadre's id or name.
        #[arg(long)]
        cadre: String,
        #[arg(long)]
        year: i32,
        #[arg(long)]
        out: PathBuf,
    },
    /// The week's visit plan (走访计划) as PDF: households whose visit falls due that week
    /// (走访周期 from the settings) and monitored households due for review, by cadre.
    VisitPlan {
        #[arg(long)]
        village: String,
        /// Any day of the week to plan (default: this week).
        #[arg(long, value_parser = parse_date)]
        week: Option<chrono::NaiveDate>,
        #[arg(long)]
        out: PathBuf,
    },
    /// The public notice (公示名单) as PDF: names, groups and decisions only, with the
    /// 公示 dates recorded for the decision (refused until they are recorded; record them
    /// here with --publicity-start, which stores them for every household on the notice).
    Notice {
        #[arg(long)]
        village: String,
        #[arg(long)]
        year: i32,
        /// identification, exit, monitoring or risk_eliminated (default: exit up to 2020,
        /// monitoring after).
        #[arg(long)]
        kind: Option<String>,
        #[arg(long)]
        out: PathBuf,
        #[command(flatten)]
        dates: print::DecisionDates,
    },
    /// An exchange bundle of a village for a receiver: what changed since the last bundle
    /// for that receiver (everything the first time), numbered, sealed by a checksum.
    Bundle {
        #[arg(long)]
        village: String,
        #[arg(long)]
        out: PathBuf,
        /// Whom it is for (default: 乡镇); bundles are numbered per receiver.
        #[arg(long)]
        to: Option<String>,
        /// Every household of the village, not only what changed: replaces the village's
        /// earlier bundles for the receiver (one was lost and the receiver says 缺少第N号).
        #[arg(long)]
        full: bool,
    },
    /// Merge a bundle in one transaction (several: each in its own, by sender and number);
    /// fields changed on both sides become conflicts.
    Merge {
        /// One bundle, or several (each merged on its own, by sender and number).
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
    /// Merge conflicts waiting for a decision (with --all, settled ones too).
    Conflicts {
        #[arg(long)]
        village: Option<String>,
        #[arg(long)]
        all: bool,
        #[arg(long)]
        json: bool,
    },
    /// Settle a merge conflict: keep this ledger's value (mine) or the sender's (theirs).
    Resolve {
        id: i64,
        #[arg(long, value_enum)]
        keep: bundle::KeepArg,
        #[arg(long)]
        reason: Option<String>,
    },
    /// 数据核查: every finding of a village for a year — validation, recorded status
    /// against the rules, monitoring, one person or phone in two households.
    Check {
        /// Village code (default: the ledger's only village).
        #[arg(long)]
        village: Option<String>,
        /// The year (default: this year); the households as they stood then.
        #[arg(long)]
        year: Option<i32>,
        /// Monitoring line for this run (元/人/年), instead of the local policy's.
        #[arg(long)]
        monitoring_line: Option<f64>,
        /// Print the findings as JSON: [{household, path, rule, level, message}].
        #[arg(long)]
        json: bool,
    },
}

/// A date argument (`2019-12-31`), with a Chinese message when it is not one.
pub(crate) fn parse_date(text: &str) -> std::result::Result<chrono::NaiveDate, String> {
    chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("“{text}”不是有效日期，应写作 年-月-日，例如 2019-12-31"))
}

// The command line is where "today" comes from; the core takes it as an input.
#[allow(clippy::disallowed_methods)]
pub(crate) fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Opens the existing ledger of `--db` (a mistyped path is an error, never a new empty
/// ledger), with this run's operator.
pub(crate) fn open(cli: &Cli) -> Result<Ledger> {
    let key = secret::passphrase_for(&cli.db, false)?;
    with_operator(cli, Ledger::open_existing(&cli.db, key.as_deref())?)
}

/// Opens the ledger of `--db`, creating it if missing (import, policy set): a new one is
/// encrypted when a passphrase is given. The day's first write makes a backup.
pub(crate) fn open_or_create(cli: &Cli) -> Result<Ledger> {
    let key = secret::passphrase_for(&cli.db, true)?;
    let existed = cli.db.is_file();
    let ledger = with_operator(cli, Ledger::open_with_key(&cli.db, key.as_deref())?)?;
    if existed {
        ledger.daily_backup()?;
    }
    Ok(ledger)
}

/// Runs an import, which creates the ledger of `--db` when it is missing; when the import
/// fails (it writes all or nothing), a ledger it created is removed again, so that a
/// mistyped path and a refused file leave no empty ledger behind.
fn without_a_refused_new_ledger(cli: &Cli, import: impl FnOnce() -> Result<()>) -> Result<()> {
    let existed = cli.db.exists();
    let result = import();
    if result.is_err() && !existed {
        yibentong::store::remove_ledger_files(&cli.db);
    }
    result
}

/// The operator of this run: `--operator` (or YIBENTONG_OPERATOR), else the one set for
/// the ledger, else the system user who runs the program — never "未设置".
fn with_operator(cli: &Cli, mut ledger: Ledger) -> Result<Ledger> {
    if let Some(op) = &cli.operator {
        ledger.set_operator(op)?;
    } else {
        ledger.use_system_user_until_named()?;
    }
    Ok(ledger)
}

pub fn run(cli: Cli) -> Result<()> {
    match &cli.command {
        Command::Demo {
            out,
            households,
            seed,
        } => ledger_io::demo(&cli, out, *households, *seed),
        Command::Household(cmd) => household::run(&cli, cmd),
        Command::Search { query, limit } => household::search(&cli, query, *limit),
        Command::Import {
            files,
            effective,
            new_village,
        } => without_a_refused_new_ledger(&cli, || {
            ledger_io::import(&cli, files, *effective, *new_village)
        }),
        Command::Bundle {
            village,
            out,
            to,
            full,
        } => bundle::write(&cli, village, out, to.as_deref(), *full),
        Command::Merge { files } => bundle::merge(&cli, files),
        Command::Conflicts { village, all, json } => {
            bundle::list(&cli, village.as_deref(), *all, *json)
        }
        Command::Resolve { id, keep, reason } => {
            bundle::resolve(&cli, *id, *keep, reason.as_deref())
        }
        Command::Export {
            village,
            township,
            year,
            as_of,
            format,
            out,
        } => {
            let on = match (year, as_of) {
                (_, Some(d)) => Some(*d),
                (Some(y), None) => Some(
                    yibentong::rules::year_end(*y)
                        .ok_or_else(|| yibentong::Error::Invalid(format!("年度{y}无效")))?,
                ),
                _ => None,
            };
            match (village, township) {
                (Some(village), _) => ledger_io::export(&cli, village, on, *format, out.as_deref()),
                (None, Some(township)) => {
                    ledger_io::export_township(&cli, township, on, *format, out.as_deref())
                }
                (None, None) => Err(yibentong::Error::Invalid(
                    "请用 --village 村代码 或 --township 乡镇代码 指定导出范围".into(),
                )),
            }
        }
        Command::Audit(args) => household::audit(&cli, args),
        Command::Assess(args) => assess::assess(&cli, args),
        Command::Policy(cmd) => policy::run(&cli, cmd),
        Command::Cadre(cmd) => cadre::run(&cli, cmd),
        Command::Target(cmd) => township::target(&cli, cmd),
        Command::Village(cmd) => village::run(&cli, cmd),
        Command::Township { code, year, json } => {
            township::township(&cli, code.as_deref(), *year, *json)
        }
        Command::Backup { out } => {
            let info = open(&cli)?.backup_to(out)?;
            say!(
                "已备份到 {}（{}，含变更记录{}条，已校验）",
                info.path,
                if info.encrypted {
                    "已加密"
                } else {
                    "未加密"
                },
                info.audit_rows
            );
            Ok(())
        }
        Command::Restore { file, force } => {
            let key = secret::passphrase_for(file, false)?;
            let info = yibentong::store::restore(file, &cli.db, key.as_deref(), *force)?;
            say!(
                "已从备份恢复到 {}（变更记录{}条，截至 {}）",
                info.path,
                info.audit_rows,
                info.taken
            );
            Ok(())
        }
        Command::Ledger(cmd) => secret::run(&cli, cmd),
        Command::Serve { no_browser } => serve::run(&cli.db, !no_browser),
        Command::Card {
            household,
            kind,
            year,
            out,
            mask_ids,
        } => print::card(&cli, household, kind, *year, out, *mask_ids),
        Command::Cards {
            village,
            kind,
            year,
            out,
            only,
        } => print::batch(&cli, village, kind, *year, out, only),
        Command::Roster {
            village,
            year,
            format,
            out,
        } => print::roster(&cli, village, *year, *format, out),
        Command::PersonRoster { village, year, out } => {
            print::person_roster(&cli, village, *year, out)
        }
        Command::PairingBook {
            village,
            cadre,
            year,
            out,
        } => print::pairing_book(&cli, village, cadre, *year, out),
        Command::VisitPlan { village, week, out } => print::visit_plan(&cli, village, *week, out),
        Command::Notice {
            village,
            year,
            kind,
            out,
            dates,
        } => print::notice(&cli, village, *year, kind.as_deref(), out, dates),
        Command::Check {
            village,
            year,
            monitoring_line,
            json,
        } => assess::check(&cli, village.as_deref(), *year, *monitoring_line, *json),
    }
}
