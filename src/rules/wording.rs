//! How numbers, regions and members are written in reasons and in JSON.
//!
//! Money is rounded to the fen (0.01 yuan) and written without trailing zeros
//! (`5123.5`, `3218`); JSON numbers follow the same rule so `3218` is not `3218.0`.

use super::policy::Param;
use serde::Serializer;

/// Rounds to two decimals (the fen).
pub(crate) fn round2(v: f64) -> f64 {
    let r = (v * 100.0).round() / 100.0;
    if r == 0.0 {
        0.0 // no "-0"
    } else {
        r
    }
}

/// `5123.5`, `3218`, `-200`.
pub(crate) fn yuan(v: f64) -> String {
    format!("{}", round2(v))
}

/// `0.0171` → `1.71%`.
pub(crate) fn percent(v: f64) -> String {
    format!("{}%", (v * 10000.0).round() / 100.0)
}

/// A line as cited in a sentence: `2019年国家扶贫标准3218元`.
pub(crate) fn line_phrase(p: &Param<f64>) -> String {
    format!("{}年{}{}元", p.year, p.name, yuan(p.value))
}

/// The source in brackets: `（依据：国家统计局）`.
pub(crate) fn cite<T>(p: &Param<T>) -> &str {
    &p.cite
}

/// Chinese label of a shipped region (`national` → `全国`, `west` → `西部地区`).
pub(crate) fn region_label(region: &str, county: Option<&str>) -> String {
    let base = match region {
        "national" => "全国",
        "east" => "东部地区",
        "central" => "中部地区",
        "west" => "西部地区",
        other => other,
    };
    match county {
        Some(c) => format!("{base}{c}"),
        None => base.to_string(),
    }
}

/// Writes a float as an integer when it has no fraction (`3218`, not `3218.0`).
pub(crate) fn num<S: Serializer>(v: &f64, s: S) -> Result<S::Ok, S::Error> {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        s.serialize_i64(*v as i64)
    } else {
        s.serialize_f64(*v)
    }
}

/// [`num`] for optional values (`null` when absent).
pub(crate) fn opt_num<S: Serializer>(v: &Option<f64>, s: S) -> Result<S::Ok, S::Error> {
    match v {
        Some(v) => num(v, s),
        None => s.serialize_none(),
    }
}

/// The citation of the exit criteria (两不愁三保障) where no numeric parameter applies.
pub(crate) const EXIT_CRITERIA: &str =
    "（依据：厅字〔2016〕16号《关于建立贫困退出机制的意见》，2016年全国）";
