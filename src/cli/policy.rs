//! `policy`: the cadre's local policy. `set` records dated values (each applies from
//! `--from` on, with its document and reason) and the undated region/province/county;
//! `list` shows every dated value; `show` the settings and values in force today.

use super::{open, today, Cli};
use clap::Args;
use yibentong::rules::{LocalParameter, LocalValue, LocalValueChange, ParamValue};
use yibentong::{Error, Result};

#[derive(clap::Subcommand, Debug)]
pub enum PolicyCommand {
    /// Show the undated settings and the local values in force today (JSON).
    Show,
    /// List every dated local value: date, document, reason, operator.
    List {
        /// Print JSON instead of Chinese lines.
        #[arg(long)]
        json: bool,
    },
    /// Change the local policy; each change leaves an audit row.
    Set(Box<SetArgs>),
}

#[derive(Args, Debug)]
pub struct SetArgs {
    /// Region: east, central or west (undated).
    #[arg(long)]
    region: Option<String>,
    /// Province (undated).
    #[arg(long)]
    province: Option<String>,
    /// County (undated).
    #[arg(long)]
    county: Option<String>,
    /// County 低保 standard (yuan/person/year); needs --from.
    #[arg(long)]
    dibao_line: Option<f64>,
    /// Province monitoring line (yuan/person/year); needs --from.
    #[arg(long)]
    monitoring_line: Option<f64>,
    /// Provincial identification standard (yuan/person/year); needs --from.
    #[arg(long)]
    provincial_standard: Option<f64>,
    /// 大病保险 required for 基本医疗有保障 (是/否); needs --from.
    #[arg(long)]
    serious_illness_insurance_required: Option<String>,
    /// 家庭医生签约 required (是/否); needs --from.
    #[arg(long)]
    family_doctor_required: Option<String>,
    /// 养老保险金 counts as income (是/否); needs --from.
    #[arg(long)]
    pension_counts_as_income: Option<String>,
    /// Estimate production costs from fixed ratios (是/否); needs --from.
    #[arg(long)]
    use_cost_ratios: Option<String>,
    /// Compulsory-schooling age, lower bound (years); needs --from.
    #[arg(long)]
    school_age_min: Option<f64>,
    /// Compulsory-schooling age, upper bound (years); needs --from.
    #[arg(long)]
    school_age_max: Option<f64>,
    /// The day the values apply from (YYYY-MM-DD); they never apply before it.
    #[arg(long)]
    from: Option<String>,
    /// The document (文号) that set the values.
    #[arg(long)]
    doc: Option<String>,
    /// Why the policy changed (required).
    #[arg(long)]
    reason: Option<String>,
}

fn to_json<T: serde::Serialize>(v: &T) -> Result<String> {
    serde_json::to_string_pretty(v).map_err(|e| Error::Format(e.to_string()))
}

fn flag(p: LocalParameter, text: &str) -> Result<ParamValue> {
    match text.trim() {
        "是" | "true" | "yes" | "1" => Ok(ParamValue::Flag(true)),
        "否" | "false" | "no" | "0" => Ok(ParamValue::Flag(false)),
        other => Err(Error::Invalid(format!(
            "{}应为“是”或“否”，填写的是“{other}”",
            p.label()
        ))),
    }
}

/// The dated values named on the command line, in parameter order.
fn dated(a: &SetArgs) -> Result<Vec<(LocalParameter, ParamValue)>> {
    use LocalParameter as P;
    let mut out = Vec::new();
    for (p, v) in [
        (P::DibaoLine, a.dibao_line),
        (P::MonitoringLine, a.monitoring_line),
        (P::ProvincialStandard, a.provincial_standard),
        (P::SchoolAgeMin, a.school_age_min),
        (P::SchoolAgeMax, a.school_age_max),
    ] {
        if let Some(n) = v {
            out.push((p, ParamValue::Number(n)));
        }
    }
    for (p, v) in [
        (
            P::SeriousIllnessInsuranceRequired,
            &a.serious_illness_insurance_required,
        ),
        (P::FamilyDoctorRequired, &a.family_doctor_required),
        (P::PensionCountsAsIncome, &a.pension_counts_as_income),
        (P::UseCostRatios, &a.use_cost_ratios),
    ] {
        if let Some(text) = v {
            out.push((p, flag(p, text)?));
        }
    }
    out.sort_by_key(|(p, _)| *p);
    Ok(out)
}

fn set(cli: &Cli, a: &SetArgs) -> Result<()> {
    let values = dated(a)?;
    let undated = a.region.is_some() || a.province.is_some() || a.county.is_some();
    if values.is_empty() && !undated {
        return Err(Error::Invalid(
            "没有要修改的参数：请指定 --dibao-line、--monitoring-line、--provincial-standard、--region 等".into(),
        ));
    }
    let reason = a.reason.as_deref().map(str::trim).unwrap_or_default();
    if reason.is_empty() {
        return Err(Error::Invalid(
            "修改本地政策须说明原因：请加 --reason \"…\"（如依据的文件或会议）".into(),
        ));
    }
    if values.is_empty() && (a.from.is_some() || a.doc.is_some()) {
        return Err(Error::Invalid(
            "--from 和 --doc 只用于低保标准、监测范围等按日期生效的参数；地区、省、县不分日期"
                .into(),
        ));
    }
    let from = match (&a.from, values.first()) {
        (_, None) => None,
        (None, Some((p, _))) => {
            return Err(Error::Invalid(format!(
                "{}须注明从哪天起执行：请加 --from 年-月-日（如 --from 2023-01-01）；\
                 参数只从该日起适用，不会套用到此前的年度",
                p.label()
            )))
        }
        (Some(text), Some(_)) => Some(
            chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
                Error::Invalid(format!(
                    "起始日期“{text}”无法识别，应写成 年-月-日，如 2023-01-01"
                ))
            })?,
        ),
    };
    let changes: Vec<LocalValueChange> = values
        .iter()
        .filter_map(|(p, v)| {
            from.map(|from| LocalValueChange {
                parameter: *p,
                value: *v,
                from,
                doc: a.doc.clone(),
            })
        })
        .collect();
    for c in &changes {
        c.parameter.check(c.value).map_err(Error::Invalid)?;
    }
    let region = a
        .region
        .as_deref()
        .map(|r| {
            yibentong::codes::Region::from_code(r).ok_or_else(|| {
                Error::Invalid(format!(
                    "地区“{r}”无效，应为：{}",
                    yibentong::codes::Region::choices()
                ))
            })
        })
        .transpose()?;

    let mut ledger = super::open_or_create(cli)?;
    if undated {
        let mut p = ledger.local_policy()?;
        p.region = region.or(p.region);
        if a.province.is_some() {
            p.province = a.province.clone();
        }
        if a.county.is_some() {
            p.county = a.county.clone();
        }
        ledger.set_local_policy(&p, Some(reason))?;
        let shown = yibentong::rules::LocalPolicy {
            values: Vec::new(),
            ..p
        };
        say!("已保存本地政策设置：{}", to_json(&shown)?);
    }
    if !changes.is_empty() {
        for v in ledger.add_local_values(&changes, reason)? {
            say!("已记录：{}", v.describe());
        }
    }
    Ok(())
}

/// One Chinese line of `policy list`.
fn line(v: &LocalValue) -> String {
    format!(
        "{}；原因：{}；{} {} 录入",
        v.describe(),
        v.reason,
        v.recorded_at,
        v.operator
    )
}

pub fn run(cli: &Cli, cmd: &PolicyCommand) -> Result<()> {
    match cmd {
        PolicyCommand::Show => {
            let ledger = open(cli)?;
            let shown = ledger.local_policy()?.in_force(today());
            say!("{}", to_json(&shown)?);
        }
        PolicyCommand::List { json } => {
            let ledger = open(cli)?;
            let mut values = ledger.local_values()?;
            // Stable: recorded order is kept within one parameter and date.
            values.sort_by_key(|v| (v.parameter, v.from));
            if *json {
                say!("{}", to_json(&values)?);
            } else if values.is_empty() {
                say!("尚未设置按日期生效的本地政策参数（各年度使用内置参数）");
            } else {
                for v in &values {
                    say!("{}", line(v));
                }
            }
        }
        PolicyCommand::Set(a) => set(cli, a)?,
    }
    Ok(())
}
