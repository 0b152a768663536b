//! Shipped policy parameters: the JSON files of `assets/policy/`, embedded in the binary.
//!
//! Every entry carries its effective date (`from`), its region (`national`, a region code
//! `east|central|west`, or a province name, optionally narrowed to a `county`) and its
//! source. The files are parsed once per process; lookups never re-parse. Which entry is
//! in force is decided by [`find`]: the most specific matching region first, then the
//! latest `from` on or before the date. Local settings and command-line overrides come on
//! top of this in `policy.rs`.

use super::local_policy::PolicyError;
use crate::codes::Region;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

/// The format tag every parameter file carries.
pub const PARAMETER_FORMAT: &str = "yibentong.policy/1";

/// The embedded parameter files, by name.
const FILES: [(&str, &str); 7] = [
    (
        "poverty_line.json",
        include_str!("../../assets/policy/poverty_line.json"),
    ),
    (
        "monitoring_line.json",
        include_str!("../../assets/policy/monitoring_line.json"),
    ),
    (
        "village_exit.json",
        include_str!("../../assets/policy/village_exit.json"),
    ),
    (
        "guarantees.json",
        include_str!("../../assets/policy/guarantees.json"),
    ),
    (
        "income.json",
        include_str!("../../assets/policy/income.json"),
    ),
    (
        "assistance.json",
        include_str!("../../assets/policy/assistance.json"),
    ),
    ("work.json", include_str!("../../assets/policy/work.json")),
];

/// A parameter value: a number (yuan, ratio, age, months) or a yes/no flag.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum ParamValue {
    Flag(bool),
    Number(f64),
}

/// How well a shipped value is sourced (shown in `docs/policy-sources.md` and in reasons).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Reliability {
    /// Taken from the named source.
    #[default]
    Sourced,
    /// Only secondary sources were found (2017 and 2018 poverty lines).
    LessWellSourced,
    /// A reported approximation (the 2020 poverty line, about 4000).
    Approximate,
    /// A local example, tied to the region that published it.
    Example,
}

/// One shipped value with its date, region and source.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ShippedParameter {
    /// Parameter name, e.g. `poverty_line`, `village_exit_threshold`.
    pub parameter: String,
    pub value: ParamValue,
    /// Effective date: the value is in force from this day until a later entry.
    pub from: NaiveDate,
    /// `national`, `east|central|west`, or a province name such as `云南省`.
    pub region: String,
    /// A county inside `region`, when the value is only that county's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county: Option<String>,
    /// Short Chinese name of the source, quoted in every reason.
    pub source: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    #[serde(default)]
    pub reliability: Reliability,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// The series a line belongs to (统计监测标准, 脱贫退出验收标准): never mixed in a run
    /// of years.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub series: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ParameterFile {
    format: String,
    #[allow(dead_code)]
    topic: String,
    parameters: Vec<ShippedParameter>,
}

/// Every shipped parameter, parsed once.
pub fn shipped() -> Result<&'static [ShippedParameter], PolicyError> {
    static PARSED: OnceLock<Result<Vec<ShippedParameter>, PolicyError>> = OnceLock::new();
    PARSED
        .get_or_init(parse_all)
        .as_deref()
        .map_err(Clone::clone)
}

fn parse_all() -> Result<Vec<ShippedParameter>, PolicyError> {
    let mut all = Vec::new();
    for (name, text) in FILES {
        let file: ParameterFile = serde_json::from_str(text).map_err(|e| PolicyError::Asset {
            file: name,
            message: e.to_string(),
        })?;
        if file.format != PARAMETER_FORMAT {
            return Err(PolicyError::Asset {
                file: name,
                message: format!("format {}", file.format),
            });
        }
        all.extend(file.parameters);
    }
    Ok(all)
}

/// Where the household or village is: the keys a shipped region can match.
#[derive(Debug, Clone, Copy, Default)]
pub struct Place<'a> {
    pub region: Option<Region>,
    pub province: Option<&'a str>,
    pub county: Option<&'a str>,
}

/// How specifically an entry matches a place (higher wins); `None` when it does not apply.
fn specificity(entry: &ShippedParameter, place: &Place) -> Option<u8> {
    if entry.region == "national" {
        return entry.county.is_none().then_some(0);
    }
    if place.region.is_some_and(|r| r.code() == entry.region) {
        return entry.county.is_none().then_some(1);
    }
    let province = place.province?;
    if !same_place(province, &entry.region) {
        return None;
    }
    match (&entry.county, place.county) {
        (None, _) => Some(2),
        (Some(c), Some(county)) if same_place(county, c) => Some(3),
        _ => None,
    }
}

/// The shipped entry in force for `parameter` at `place` on `date`: the most specific
/// region (county > province > east/central/west > national), then the latest `from`.
pub fn find<'p>(
    params: &'p [ShippedParameter],
    parameter: &str,
    place: &Place,
    date: NaiveDate,
) -> Option<&'p ShippedParameter> {
    params
        .iter()
        .filter(|p| p.parameter == parameter && p.from <= date)
        .filter_map(|p| specificity(p, place).map(|s| ((s, p.from), p)))
        .max_by_key(|(key, _)| *key)
        .map(|(_, p)| p)
}

/// The earliest shipped entry for `parameter` at `place`, for parameters that describe
/// a period before it starts (e.g. monitoring, which starts in 2021, in a 2019 verdict).
pub fn first<'p>(
    params: &'p [ShippedParameter],
    parameter: &str,
    place: &Place,
) -> Option<&'p ShippedParameter> {
    params
        .iter()
        .filter(|p| p.parameter == parameter && specificity(p, place).is_some())
        .min_by_key(|p| p.from)
}

/// Compares place names ignoring the administrative suffix (`云南省` = `云南`, `靖边县` = `靖边`).
pub fn same_place(a: &str, b: &str) -> bool {
    stem(a) == stem(b)
}

fn stem(name: &str) -> &str {
    const SUFFIXES: [&str; 10] = [
        "壮族自治区",
        "回族自治区",
        "维吾尔自治区",
        "特别行政区",
        "自治区",
        "自治县",
        "省",
        "市",
        "县",
        "区",
    ];
    let name = name.trim();
    SUFFIXES
        .iter()
        .find_map(|s| name.strip_suffix(s).filter(|rest| !rest.is_empty()))
        .unwrap_or(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn every_shipped_file_parses_and_has_a_source() {
        let all = shipped().expect("the embedded parameter files parse");
        assert!(
            all.len() >= 30,
            "all six files are loaded, got {}",
            all.len()
        );
        for p in all {
            assert!(
                !p.source.trim().is_empty(),
                "{} from {} names its source",
                p.parameter,
                p.from
            );
        }
    }

    #[test]
    fn national_line_is_the_latest_on_or_before_the_date() {
        let all = shipped().unwrap();
        let at = |y| find(all, "poverty_line", &Place::default(), date(y, 12, 31)).map(|p| p.value);
        assert_eq!(
            at(2019),
            Some(ParamValue::Number(3218.0)),
            "2019 line is 3218"
        );
        assert_eq!(
            at(2011),
            Some(ParamValue::Number(2536.0)),
            "2011 line is 2536"
        );
        assert_eq!(
            at(2023),
            Some(ParamValue::Number(3218.0)),
            "the statistics series ends in 2019: no 2020 figure of the other series"
        );
        let exit = |y| find(all, "exit_line", &Place::default(), date(y, 12, 31)).map(|p| p.value);
        assert_eq!(
            exit(2019),
            Some(ParamValue::Number(3747.0)),
            "exit checks of 2019"
        );
        assert_eq!(
            exit(2020),
            Some(ParamValue::Number(4000.0)),
            "exit checks of 2020"
        );
        assert_eq!(at(2010), None, "no shipped line before 2011");
    }

    #[test]
    fn province_beats_national_and_county_needs_the_county() {
        let all = shipped().unwrap();
        let yunnan = Place {
            region: Some(Region::West),
            province: Some("云南"),
            county: None,
        };
        let yuanmou = Place {
            county: Some("元谋县"),
            ..yunnan
        };
        let line = |place: &Place, y| {
            find(all, "monitoring_line", place, date(y, 12, 31)).map(|p| p.value)
        };
        assert_eq!(
            line(&yunnan, 2023),
            None,
            "the 元谋县 value does not apply province-wide"
        );
        assert_eq!(
            line(&yuanmou, 2023),
            Some(ParamValue::Number(8050.0)),
            "county value applies in the county"
        );
        assert_eq!(
            line(&yunnan, 2025),
            Some(ParamValue::Number(8700.0)),
            "2025 Yunnan line"
        );
        assert_eq!(
            line(&yuanmou, 2025),
            Some(ParamValue::Number(8050.0)),
            "the more specific county value wins"
        );
        let west = find(all, "village_exit_threshold", &yunnan, date(2019, 12, 31)).unwrap();
        assert_eq!(west.value, ParamValue::Number(0.03), "west uses 3 %");
        let east = Place {
            region: Some(Region::East),
            ..Place::default()
        };
        let east = find(all, "village_exit_threshold", &east, date(2019, 12, 31)).unwrap();
        assert_eq!(east.value, ParamValue::Number(0.02), "elsewhere 2 %");
    }

    #[test]
    fn docs_list_every_shipped_parameter() {
        let docs = include_str!("../../docs/policy-sources.md");
        for p in shipped().unwrap() {
            let listed = docs.lines().any(|l| {
                l.contains(&format!("`{}`", p.parameter))
                    && l.contains(&p.from.to_string())
                    && l.contains(&p.region)
            });
            assert!(
                listed,
                "docs/policy-sources.md lists {} from {} ({})",
                p.parameter, p.from, p.region
            );
        }
    }

    #[test]
    fn place_names_match_without_suffix() {
        assert!(same_place("云南省", "云南"), "省 is ignored");
        assert!(same_place("广西壮族自治区", "广西"), "自治区 is ignored");
        assert!(
            !same_place("云南省", "贵州省"),
            "different provinces differ"
        );
    }
}
