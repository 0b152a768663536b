//! A member's work away from home month by month (务工月监测): spells of work with their
//! county, monthly wage and channel, and public-welfare posts (公益性岗位) with their months
//! (design note 0013). They carry their own months, so they are not dated facts.

use crate::codes::WorkChannel;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// A calendar month, written `YYYY-MM` in files and `2026年3月` on paper.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(type = "string"))]
pub struct Month {
    pub year: i32,
    /// 1–12.
    pub month: u32,
}

impl Month {
    /// A month, if `month` is 1–12.
    pub fn new(year: i32, month: u32) -> Option<Month> {
        (1..=12).contains(&month).then_some(Month { year, month })
    }

    /// The month holding `date`.
    pub fn of(date: chrono::NaiveDate) -> Month {
        use chrono::Datelike;
        Month {
            year: date.year(),
            month: date.month(),
        }
    }

    /// Months from `self` to `other`, both counted (0 when `other` is earlier).
    pub fn through(self, other: Month) -> u32 {
        let a = self.year * 12 + self.month as i32;
        let b = other.year * 12 + other.month as i32;
        (b - a + 1).max(0) as u32
    }

    /// `2026年3月`.
    pub fn label(self) -> String {
        format!("{}年{}月", self.year, self.month)
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

impl std::str::FromStr for Month {
    type Err = String;
    /// `2026-03`, `2026-3`, `202603` or `2026年3月`.
    fn from_str(s: &str) -> Result<Month, String> {
        let t = s.trim().trim_end_matches('月');
        let (y, m) = if let Some((y, m)) = t.split_once(['-', '年', '/', '.']) {
            (y, m)
        } else if t.len() == 6 && t.bytes().all(|b| b.is_ascii_digit()) {
            t.split_at(4)
        } else {
            return Err(format!("月份“{s}”应写作“2026-03”"));
        };
        let year: i32 = y.parse().map_err(|_| format!("月份“{s}”的年份无效"))?;
        let month: u32 = m.parse().map_err(|_| format!("月份“{s}”的月无效"))?;
        if !(1900..=2200).contains(&year) {
            return Err(format!("月份“{s}”的年份无效"));
        }
        Month::new(year, month).ok_or_else(|| format!("月份“{s}”的月应为1至12"))
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Month, D::Error> {
        let s = String::deserialize(d)?;
        s.parse().map_err(serde::de::Error::custom)
    }
}

/// A spell of work (已外出务工): from a month, until a month or still away.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct WorkSpell {
    pub from: Month,
    /// The last month; empty while still away.
    #[serde(default)]
    pub to: Option<Month>,
    /// 务工所在县 (a county-level place: 县, 区, 市 or 旗).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub county: Option<String>,
    /// 务工月收入, 元.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub wage: Option<f64>,
    /// 就业渠道.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub channel: Option<WorkChannel>,
    /// 务工企业名称.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub employer: Option<String>,
    /// 所属行业.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub industry: Option<String>,
    /// 年度交通费补助, 元.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub travel_subsidy: Option<f64>,
}

impl WorkSpell {
    /// Whether the spell covers any month of `year`.
    pub fn in_year(&self, year: i32) -> bool {
        self.from.year <= year && self.to.is_none_or(|t| t.year >= year)
    }

    /// Whether the spell covers `month`.
    pub fn covers(&self, month: Month) -> bool {
        self.from <= month && self.to.is_none_or(|t| t >= month)
    }
}

/// A public-welfare post (公益性岗位) held from a month, until a month or still held.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(deny_unknown_fields)]
pub struct WelfarePost {
    /// The post, e.g. 护林员, 保洁员, 护路员.
    pub post: String,
    pub from: Month,
    #[serde(default)]
    pub to: Option<Month>,
    /// Pay per month, 元.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub monthly_pay: Option<f64>,
}

impl WelfarePost {
    /// Whether the post is held in any month of `year`.
    pub fn in_year(&self, year: i32) -> bool {
        self.from.year <= year && self.to.is_none_or(|t| t.year >= year)
    }
}

/// A list as the ledger stores it: JSON text, `None` when empty.
pub fn list_json<T: Serialize>(list: &[T]) -> Option<String> {
    (!list.is_empty()).then(|| serde_json::to_string(list).unwrap_or_default())
}

/// A stored list read back (empty when none, or when the text does not parse).
pub fn list_from_json<T: serde::de::DeserializeOwned>(text: Option<&str>) -> Vec<T> {
    text.and_then(|t| serde_json::from_str(t).ok())
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_read_the_ways_files_write_them() {
        for s in ["2026-03", "2026-3", "202603", "2026年3月", "2026年03月"] {
            assert_eq!(s.parse::<Month>(), Ok(Month::new(2026, 3).unwrap()), "{s}");
        }
        assert!("2026-13".parse::<Month>().is_err());
        assert!("三月".parse::<Month>().is_err());
        assert_eq!(Month::new(2026, 3).unwrap().to_string(), "2026-03");
        let (a, b) = (Month::new(2025, 11).unwrap(), Month::new(2026, 2).unwrap());
        assert_eq!(a.through(b), 4);
        assert_eq!(b.through(a), 0);
    }
}
