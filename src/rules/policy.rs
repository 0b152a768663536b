//! Resolving the policy in force for one assessed year into a [`Policy`] whose every
//! parameter carries its value, year, region and source (for the reasons' citations).
//!
//! Precedence, for every parameter separately (see [`resolve`]):
//! 1. a command-line override ([`Overrides`], only the three lines);
//! 2. the cadre's own [`LocalPolicy`]: the dated value in force on the date (the latest
//!    `from` on or before it; a value never applies before its date), else an undated
//!    value given for the run (never stored in the ledger);
//! 3. the shipped value for the county, province or east/central/west region of the
//!    local policy, with the latest effective date on or before the date;
//! 4. the shipped national value with the latest effective date on or before the date.
//!
//! Lines have no value before their first entry; thresholds, ages and flags use their
//! first entry for earlier dates (so a 2011 verdict can still check school ages).
//!
//! The date is the assessment's `as_of`, but never later than 31 December of the assessed
//! year: a verdict for 2019 always uses the 2019 parameters. The national poverty line
//! was last re-priced for 2020; for 2021 and later "poverty line" means the 2020 line
//! carried forward (it still drives identification and exit), while anti-relapse
//! monitoring uses the monitoring line, which has no national value: without a local or
//! provincial one, monitoring verdicts are `unknown` with `policy.monitoring_line` missing.

use super::local_policy::{LocalPolicy, Overrides, PolicyError};
use super::local_values::{LocalParameter, LocalValue};
use super::params::{find, first, shipped, ParamValue, Place, Reliability, ShippedParameter};
use super::wording::{num, opt_num, region_label};
use crate::codes::Region;
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

/// Where a resolved value came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Origin {
    Override,
    Local,
    Shipped,
}

/// A province's data-check limits on a household's facts, each where the province has one.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct LocalLimits {
    pub road_distance_max_km: Option<Param<f64>>,
    pub farmland_max_mu: Option<Param<f64>>,
    pub forest_max_mu: Option<Param<f64>>,
    pub grassland_max_mu: Option<Param<f64>>,
    pub water_surface_max_mu: Option<Param<f64>>,
    /// 人均纯收入 of the year below which a registered household is flagged.
    pub income_floor: Option<Param<f64>>,
    /// 12-month 人均纯收入 on the day of identification above which a monitored household
    /// identified since this value's date is flagged.
    pub identification_income_ceiling: Option<Param<f64>>,
    /// 缺劳动力 while more than this share of a household of 4+ can work.
    pub lack_labor_able_share: Option<Param<f64>>,
    /// 缺劳动力 while more than this share are 普通 or 技能 labour.
    pub lack_labor_full_share: Option<Param<f64>>,
}

/// One resolved parameter with everything a reason needs to cite it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Param<T> {
    pub value: T,
    /// The parameter's year as cited ("2019年国家扶贫标准"): the year of its effective
    /// date for shipped values, the assessed year for local and overriding ones (a dated
    /// local value names its own date and document in `source`).
    pub year: i32,
    /// Region label in Chinese (`全国`, `西部地区`, `云南省` …).
    pub region: String,
    /// Chinese name, e.g. `国家扶贫标准`, `农村低保标准`.
    pub name: String,
    pub origin: Origin,
    /// Short Chinese source, quoted in reasons.
    pub source: String,
    pub url: Option<String>,
    pub reliability: Reliability,
    /// The citation appended to reasons, `（依据：…，2019年全国）`, formatted once.
    #[serde(skip)]
    pub cite: String,
}

/// The resolved policy for one assessed year: resolve once, pass `&Policy` to every rule.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Policy {
    pub id: String,
    pub year: i32,
    pub as_of: NaiveDate,
    pub region: Option<Region>,
    pub province: Option<String>,
    /// The national line of the statistics series (统计监测标准, or the override): the
    /// line identification compares with.
    pub poverty_line: Param<f64>,
    /// The national line of the exit-check series (脱贫退出验收标准, or the override): the
    /// line household exit compares with (2014–2020).
    pub exit_line: Param<f64>,
    /// The line identification uses: the year's, or for the 2014 建档立卡 the 2013 line.
    pub identification_line: Param<f64>,
    /// The year whose income identification reads (2013 for the 2014 建档立卡).
    pub identification_income_year: i32,
    /// 省定标准 (local policy only), used for households identified under it.
    pub provincial_standard: Option<Param<f64>>,
    pub monitoring_line: Option<Param<f64>>,
    pub dibao_line: Option<Param<f64>>,
    /// Village-exit threshold by region: east, central, west.
    pub village_exit_threshold: [Param<f64>; 3],
    pub school_age_min: Param<f64>,
    pub school_age_max: Param<f64>,
    pub serious_illness_insurance_required: Param<bool>,
    pub family_doctor_required: Param<bool>,
    pub pension_counts_as_income: Param<bool>,
    pub use_cost_ratios: Param<bool>,
    /// grain, tobacco, livestock, fruit, other crops.
    pub cost_ratios: [Param<f64>; 5],
    pub monitoring_window_months: Param<f64>,
    pub monitoring_min_months: Param<f64>,
    /// The shortest 村内公示 of a monitoring procedure, in days.
    pub monitoring_publicity_days: Param<f64>,
    /// The days a 纳入监测 procedure normally takes, application to 县级审定.
    pub monitoring_procedure_days: Param<f64>,
    pub monitoring_start_year: Param<f64>,
    /// The year the third kind, 突发严重困难户, was added (2021).
    pub monitoring_sudden_hardship_year: Param<f64>,
    /// 特困供养: elderly from this age.
    pub tekun_elderly_age: Param<f64>,
    /// 务工月收入 below which a spell of work is flagged.
    pub work_wage_floor: Param<f64>,
    /// 公益性岗位: ages outside [min, max) are flagged; as many kinds as `max_kinds` too.
    pub welfare_post_min_age: Param<f64>,
    pub welfare_post_max_age: Param<f64>,
    pub welfare_post_max_kinds: Param<f64>,
    /// A province's data-check limits (road distance, land areas, income floor), where it
    /// has them (`assets/policy/work.json`); `None` elsewhere: not judged.
    pub local_limits: LocalLimits,
    /// 特困供养: minors under this age.
    pub tekun_minor_age: Param<f64>,
    /// 特困供养: severely disabled up to this grade (1 is the most severe).
    pub tekun_max_disability_grade: Param<f64>,
    /// The part of the policy every assessment prints (spec: `policy`).
    pub summary: PolicySummary,
}

/// The `policy` object of the assessment output.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct PolicySummary {
    pub id: String,
    /// 统计监测标准 of the year (identification).
    #[serde(serialize_with = "num")]
    pub poverty_line: f64,
    /// 脱贫退出验收标准 of the year (household exit); an extension of the spec's object.
    #[serde(serialize_with = "num")]
    pub exit_line: f64,
    #[serde(serialize_with = "opt_num")]
    pub monitoring_line: Option<f64>,
    #[serde(serialize_with = "opt_num")]
    pub dibao_line: Option<f64>,
    pub sources: Vec<String>,
}

impl Policy {
    /// The village-exit threshold for a region.
    pub fn village_exit_threshold(&self, region: Region) -> &Param<f64> {
        &self.village_exit_threshold[region as usize]
    }
}

/// Parameters without a value before their first effective date: lines (a missing line
/// is reported, never guessed). Every other parameter (thresholds, ages, flags, the
/// monitoring periods) uses its first shipped value for earlier dates, so that e.g. a
/// 2011 verdict can still check school ages or say "monitoring starts in 2021".
const NO_EARLIER_VALUE: [&str; 4] = ["poverty_line", "exit_line", "monitoring_line", "dibao_line"];

struct Resolver<'a> {
    shipped: &'static [ShippedParameter],
    local: &'a LocalPolicy,
    place: Place<'a>,
    date: NaiveDate,
    year: i32,
    local_region: String,
}

impl<'a> Resolver<'a> {
    fn shipped(
        &self,
        parameter: &'static str,
        place: &Place,
    ) -> Result<Param<ParamValue>, PolicyError> {
        let p = find(self.shipped, parameter, place, self.date)
            .or_else(|| {
                (!NO_EARLIER_VALUE.contains(&parameter))
                    .then(|| first(self.shipped, parameter, place))
                    .flatten()
            })
            .ok_or(PolicyError::NoValue {
                parameter,
                year: self.year,
            })?;
        let region = region_label(&p.region, p.county.as_deref());
        Ok(Param {
            value: p.value,
            year: p.from.year(),
            cite: cite_text(&p.source, p.from.year(), &region),
            region,
            name: String::new(),
            origin: Origin::Shipped,
            source: p.source.clone(),
            url: p.url.clone(),
            reliability: p.reliability,
        })
    }

    /// A value given by the run (override) or by the cadre (local, dated or not).
    fn given<T>(
        &self,
        value: T,
        origin: Origin,
        name: &str,
        dated: Option<&LocalValue>,
    ) -> Param<T> {
        let source = match (origin, dated) {
            (Origin::Override, _) => "本次评估指定".to_string(),
            (_, Some(v)) => v.source(),
            _ => "本地政策设置".to_string(),
        };
        Param {
            value,
            year: self.year,
            region: self.local_region.clone(),
            name: name.to_string(),
            origin,
            cite: cite_text(&source, self.year, &self.local_region),
            source,
            url: None,
            reliability: Reliability::Sourced,
        }
    }

    /// The cadre's number on the date: the dated value in force, else the undated one.
    fn local_number(
        &self,
        parameter: LocalParameter,
        undated: Option<f64>,
    ) -> Option<(f64, Option<&'a LocalValue>)> {
        match self.local.value_on(parameter, self.date) {
            Some(v) => Some((number_of(v.value), Some(v))),
            None => undated.map(|n| (n, None)),
        }
    }

    /// Override > local > shipped (regional, then national).
    fn number(
        &self,
        parameter: &'static str,
        name: &str,
        over: Option<f64>,
        local: Option<(f64, Option<&LocalValue>)>,
    ) -> Result<Param<f64>, PolicyError> {
        if let Some(v) = over {
            return Ok(self.given(positive(parameter, v)?, Origin::Override, name, None));
        }
        if let Some((v, dated)) = local {
            return Ok(self.given(positive(parameter, v)?, Origin::Local, name, dated));
        }
        let p = self.shipped(parameter, &self.place)?;
        Ok(map(p, name, number_of))
    }

    /// Local (dated, else undated) > shipped.
    fn flag(
        &self,
        parameter: LocalParameter,
        name: &str,
        undated: Option<bool>,
    ) -> Result<Param<bool>, PolicyError> {
        if let Some(v) = self.local.value_on(parameter, self.date) {
            let b = matches!(v.value, ParamValue::Flag(true));
            return Ok(self.given(b, Origin::Local, name, Some(v)));
        }
        if let Some(b) = undated {
            return Ok(self.given(b, Origin::Local, name, None));
        }
        let parameter = parameter.code();
        let p = self.shipped(parameter, &self.place)?;
        Ok(map(p, name, |v| matches!(v, ParamValue::Flag(true))))
    }

    /// A shipped value that only some places have: `None` where this one has none.
    fn regional(
        &self,
        parameter: &'static str,
        name: &str,
    ) -> Result<Option<Param<f64>>, PolicyError> {
        match find(self.shipped, parameter, &self.place, self.date) {
            Some(_) => self.number(parameter, name, None, None).map(Some),
            None => Ok(None),
        }
    }

    fn optional(
        &self,
        parameter: LocalParameter,
        name: &str,
        over: Option<f64>,
        undated: Option<f64>,
    ) -> Result<Option<Param<f64>>, PolicyError> {
        let local = self.local_number(parameter, undated);
        match self.number(parameter.code(), name, over, local) {
            Ok(p) => Ok(Some(p)),
            Err(PolicyError::NoValue { .. }) => Ok(None),
            Err(e) => Err(e),
        }
    }
}

fn number_of(v: ParamValue) -> f64 {
    match v {
        ParamValue::Number(n) => n,
        ParamValue::Flag(b) => f64::from(u8::from(b)),
    }
}

fn map<T>(p: Param<ParamValue>, name: &str, f: impl Fn(ParamValue) -> T) -> Param<T> {
    Param {
        value: f(p.value),
        year: p.year,
        region: p.region,
        name: name.to_string(),
        origin: p.origin,
        source: p.source,
        url: p.url,
        reliability: p.reliability,
        cite: p.cite,
    }
}

fn cite_text(source: &str, year: i32, region: &str) -> String {
    format!("（依据：{source}，{year}年{region}）")
}

fn positive(parameter: &'static str, value: f64) -> Result<f64, PolicyError> {
    if value.is_finite() && value > 0.0 {
        Ok(value)
    } else {
        Err(PolicyError::NotPositive { parameter, value })
    }
}

/// Resolves the policy for assessing `year` as of `as_of` (by default 31 December of the
/// year), following the precedence in the module documentation. Call once per run.
pub fn resolve(
    year: i32,
    as_of: NaiveDate,
    local: &LocalPolicy,
    overrides: &Overrides,
) -> Result<Policy, PolicyError> {
    let year_start = NaiveDate::from_ymd_opt(year, 1, 1).ok_or(PolicyError::NoValue {
        parameter: "year",
        year,
    })?;
    if as_of < year_start {
        return Err(PolicyError::AsOfBeforeYear { year, as_of });
    }
    let year_end = NaiveDate::from_ymd_opt(year, 12, 31).unwrap_or(as_of);
    let place = Place {
        region: local.region,
        province: local.province.as_deref(),
        county: local.county.as_deref(),
    };
    let local_region = match (&local.province, &local.county) {
        (Some(p), Some(c)) => format!("{p}{c}"),
        (Some(p), None) => p.clone(),
        _ => "本地".to_string(),
    };
    let r = Resolver {
        shipped: shipped()?,
        local,
        place,
        date: as_of.min(year_end),
        year,
        local_region,
    };

    let line =
        |r: &Resolver, parameter: &'static str, name: &str| -> Result<Param<f64>, PolicyError> {
            let p = r.number(parameter, name, overrides.poverty_line, None)?;
            Ok(match p.origin {
                Origin::Override => Param {
                    name: "扶贫标准".into(),
                    ..p
                },
                _ => p,
            })
        };
    let poverty_line = line(&r, "poverty_line", "国家扶贫标准（统计监测标准）")?;
    // Before the exit-check series begins (2014) the statistics line judges both.
    let exit_line = match line(&r, "exit_line", "国家扶贫标准（脱贫退出验收标准）")
    {
        Err(PolicyError::NoValue { .. }) => poverty_line.clone(),
        other => other?,
    };
    // The 2014 建档立卡 read 2013 income against the 2013 line.
    let lag = r
        .number("identification_income_lag", "识别所用收入年度", None, None)?
        .value as i32;
    let (identification_line, identification_income_year) = if lag > 0 {
        let earlier = year - lag;
        let previous = Resolver {
            shipped: r.shipped,
            local: r.local,
            place: Place { ..r.place },
            date: NaiveDate::from_ymd_opt(earlier, 12, 31).unwrap_or(r.date),
            year: earlier,
            local_region: r.local_region.clone(),
        };
        (
            line(&previous, "poverty_line", "国家扶贫标准（统计监测标准）")?,
            earlier,
        )
    } else {
        (poverty_line.clone(), year)
    };
    let provincial_standard = r
        .local_number(
            LocalParameter::ProvincialStandard,
            local.provincial_standard,
        )
        .map(|(v, dated)| {
            positive("provincial_standard", v)
                .map(|v| r.given(v, Origin::Local, "省定扶贫标准", dated))
        })
        .transpose()?;
    let monitoring_line = r.optional(
        LocalParameter::MonitoringLine,
        "防返贫监测范围",
        overrides.monitoring_line,
        local.monitoring_line,
    )?;
    let dibao_line = r.optional(
        LocalParameter::DibaoLine,
        "农村低保标准",
        overrides.dibao_line,
        local.dibao_line,
    )?;
    let threshold = |region: Region| -> Result<Param<f64>, PolicyError> {
        let place = Place {
            region: Some(region),
            province: None,
            county: None,
        };
        let p = r.shipped("village_exit_threshold", &place)?;
        Ok(map(p, "贫困村退出贫困发生率标准", |v| match v {
            ParamValue::Number(n) => n,
            ParamValue::Flag(_) => 0.0,
        }))
    };
    let age = |parameter: LocalParameter, name: &str, undated: Option<u8>| {
        let local = r.local_number(parameter, undated.map(f64::from));
        r.number(parameter.code(), name, None, local)
    };
    let ratio = |parameter| r.number(parameter, "生产成本比例", None, None);

    let mut policy = Policy {
        id: String::new(),
        year,
        as_of,
        region: local.region,
        province: local.province.clone(),
        poverty_line,
        exit_line,
        identification_line,
        identification_income_year,
        provincial_standard,
        monitoring_line,
        dibao_line,
        village_exit_threshold: [
            threshold(Region::East)?,
            threshold(Region::Central)?,
            threshold(Region::West)?,
        ],
        school_age_min: age(
            LocalParameter::SchoolAgeMin,
            "义务教育适龄下限（周岁）",
            local.school_age_min,
        )?,
        school_age_max: age(
            LocalParameter::SchoolAgeMax,
            "义务教育适龄上限（周岁）",
            local.school_age_max,
        )?,
        serious_illness_insurance_required: r.flag(
            LocalParameter::SeriousIllnessInsuranceRequired,
            "须参加大病保险",
            local.serious_illness_insurance_required,
        )?,
        family_doctor_required: r.flag(
            LocalParameter::FamilyDoctorRequired,
            "须签约家庭医生",
            local.family_doctor_required,
        )?,
        pension_counts_as_income: r.flag(
            LocalParameter::PensionCountsAsIncome,
            "养老保险金计入收入",
            local.pension_counts_as_income,
        )?,
        use_cost_ratios: r.flag(
            LocalParameter::UseCostRatios,
            "按固定比例核算生产成本",
            local.use_cost_ratios,
        )?,
        cost_ratios: [
            ratio("cost_ratio_grain")?,
            ratio("cost_ratio_tobacco")?,
            ratio("cost_ratio_livestock")?,
            ratio("cost_ratio_fruit")?,
            ratio("cost_ratio_other_crops")?,
        ],
        monitoring_window_months: r.number(
            "monitoring_window_months",
            "监测收入统计期",
            None,
            None,
        )?,
        monitoring_min_months: r.number(
            "monitoring_min_months",
            "风险消除最短监测期（月）",
            None,
            None,
        )?,
        monitoring_publicity_days: r.number(
            "monitoring_publicity_days",
            "监测程序公示最短天数",
            None,
            None,
        )?,
        monitoring_procedure_days: r.number(
            "monitoring_procedure_days",
            "监测识别程序一般用时（天）",
            None,
            None,
        )?,
        monitoring_start_year: r.number(
            "monitoring_start_year",
            "防返贫动态监测起始年度",
            None,
            None,
        )?,
        monitoring_sudden_hardship_year: r.number(
            "monitoring_sudden_hardship_year",
            "突发严重困难户起始年度",
            None,
            None,
        )?,
        work_wage_floor: r.number("work_wage_floor", "务工月收入下限（元）", None, None)?,
        welfare_post_min_age: r.number(
            "welfare_post_min_age",
            "公益性岗位最低年龄（周岁）",
            None,
            None,
        )?,
        welfare_post_max_age: r.number(
            "welfare_post_max_age",
            "公益性岗位年龄上限（周岁）",
            None,
            None,
        )?,
        local_limits: LocalLimits {
            road_distance_max_km: r
                .regional("road_distance_max_km", "与村主干路距离上限（公里）")?,
            farmland_max_mu: r.regional("farmland_max_mu", "耕地面积上限（亩）")?,
            forest_max_mu: r.regional("forest_max_mu", "林地面积上限（亩）")?,
            grassland_max_mu: r.regional("grassland_max_mu", "牧草地面积上限（亩）")?,
            water_surface_max_mu: r.regional("water_surface_max_mu", "水面面积上限（亩）")?,
            income_floor: r.regional("income_floor", "人均纯收入核查下限（元）")?,
            identification_income_ceiling: r.regional(
                "identification_income_ceiling",
                "识别时人均纯收入上限（元）",
            )?,
            lack_labor_able_share: r
                .regional("lack_labor_able_share", "缺劳动力户有劳动能力成员占比上限")?,
            lack_labor_full_share: r
                .regional("lack_labor_full_share", "缺劳动力户普通/技能劳动力占比上限")?,
        },
        welfare_post_max_kinds: r.number(
            "welfare_post_max_kinds",
            "一人公益性岗位种类上限",
            None,
            None,
        )?,
        tekun_elderly_age: r.number(
            "tekun_elderly_age",
            "特困供养老年人年龄（周岁）",
            None,
            None,
        )?,
        tekun_minor_age: r.number(
            "tekun_minor_age",
            "特困供养未成年人年龄上限（未满，周岁）",
            None,
            None,
        )?,
        tekun_max_disability_grade: r.number(
            "tekun_max_disability_grade",
            "特困供养重度残疾等级上限",
            None,
            None,
        )?,
        summary: PolicySummary {
            id: String::new(),
            poverty_line: 0.0,
            exit_line: 0.0,
            monitoring_line: None,
            dibao_line: None,
            sources: Vec::new(),
        },
    };
    policy.id = policy_id(&policy, local, overrides);
    policy.summary = summary(&policy);
    Ok(policy)
}

fn policy_id(p: &Policy, local: &LocalPolicy, overrides: &Overrides) -> String {
    let place = p.province.as_deref().unwrap_or("national");
    let mut id = format!("{}/{}/{}", place, p.year, p.as_of);
    if local != &LocalPolicy::default() {
        id.push_str("+local");
    }
    if overrides != &Overrides::default() {
        id.push_str("+override");
    }
    id
}

/// One parameter a verdict rests on, for the app: what it is, the document it comes from
/// (with its 文号), and where it was read, shown on demand.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Basis {
    /// `2019年国家扶贫标准（统计监测标准）（全国）3218元`.
    pub parameter: String,
    /// `厅字〔2016〕16号《关于建立贫困退出机制的意见》`.
    pub document: String,
    /// Web addresses the value was read from.
    pub links: Vec<String>,
}

impl Basis {
    fn of<T>(p: &Param<T>, value: &str) -> Basis {
        Basis {
            parameter: format!("{}年{}（{}）{value}", p.year, p.name, p.region),
            document: p.source.clone(),
            links: p
                .url
                .iter()
                .flat_map(|u| u.split(" ; "))
                .map(str::trim)
                .filter(|u| !u.is_empty())
                .map(str::to_string)
                .collect(),
        }
    }

    /// The spec's one-line source: parameter, document and addresses.
    fn line(&self) -> String {
        let mut line = format!("{}：{}", self.parameter, self.document);
        if !self.links.is_empty() {
            line.push(' ');
            line.push_str(&self.links.join(" ; "));
        }
        line
    }
}

/// Every parameter the verdicts cite, lines first, once each.
pub fn basis(p: &Policy) -> Vec<Basis> {
    let yuan = |l: &Param<f64>| Basis::of(l, &format!("{}元", super::wording::yuan(l.value)));
    let plain = |l: &Param<f64>| Basis::of(l, &super::wording::yuan(l.value));
    let flag = |l: &Param<bool>| Basis::of(l, if l.value { "是" } else { "否" });
    let mut all = vec![yuan(&p.poverty_line), yuan(&p.exit_line)];
    if p.identification_income_year != p.year {
        all.push(yuan(&p.identification_line));
    }
    for line in [&p.provincial_standard, &p.monitoring_line, &p.dibao_line]
        .into_iter()
        .flatten()
    {
        all.push(yuan(line));
    }
    for t in &p.village_exit_threshold {
        all.push(Basis::of(t, &super::wording::percent(t.value)));
    }
    all.push(plain(&p.school_age_min));
    all.push(plain(&p.school_age_max));
    all.push(flag(&p.serious_illness_insurance_required));
    all.push(flag(&p.family_doctor_required));
    all.push(flag(&p.pension_counts_as_income));
    all.push(flag(&p.use_cost_ratios));
    all.push(plain(&p.tekun_elderly_age));
    all.push(plain(&p.tekun_minor_age));
    all.push(plain(&p.tekun_max_disability_grade));
    all.push(plain(&p.monitoring_min_months));
    let mut seen = std::collections::HashSet::new();
    all.retain(|b| seen.insert(b.clone()));
    all
}

/// Every parameter the verdicts cite, lines first, one line each (no duplicates).
fn summary(p: &Policy) -> PolicySummary {
    let sources = basis(p).iter().map(Basis::line).collect();
    PolicySummary {
        id: p.id.clone(),
        poverty_line: p.poverty_line.value,
        exit_line: p.exit_line.value,
        monitoring_line: p.monitoring_line.as_ref().map(|l| l.value),
        dibao_line: p.dibao_line.as_ref().map(|l| l.value),
        sources,
    }
}
