//! When a household needs the cadre: a visit overdue or falling due (the 走访周期 of 设置,
//! shorter for monitored households)
//! and a monitored household due for review. One wording for the 首页's lists and the
//! printed 走访计划.

use crate::codes::Status;
use crate::model::Household;
use chrono::{Datelike, NaiveDate};

/// The 走访周期 by category (设置): days without a visit before one is due.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VisitCycles {
    pub general: i64,
    /// 防返贫监测对象 are visited more often.
    pub monitored: i64,
}

impl VisitCycles {
    /// The cycle of a household, by its category.
    pub fn of(&self, h: &Household) -> i64 {
        if h.status == Some(Status::Monitored) {
            self.monitored
        } else {
            self.general
        }
    }
}

/// Households the cadre visits: those on the books as poor, relapsed, monitored or exited.
pub fn visited(h: &Household) -> bool {
    matches!(
        h.status,
        Some(Status::Poor | Status::Relapsed | Status::Monitored | Status::Exited)
    )
}

/// The last visit on or before `on`.
pub fn last_visit(h: &Household, on: NaiveDate) -> Option<NaiveDate> {
    h.visits.iter().map(|v| v.date).filter(|d| *d <= on).max()
}

/// Why a visit is overdue on `today` (more than `stale_days` since the last), if it is.
pub fn visit_overdue(h: &Household, today: NaiveDate, stale_days: i64) -> Option<String> {
    match last_visit(h, today) {
        None => Some("从未走访".into()),
        Some(d) if (today - d).num_days() > stale_days => {
            Some(format!("已{}天未走访（上次{d}）", (today - d).num_days()))
        }
        _ => None,
    }
}

/// Why a visit falls due between `from` and `to` (overdue already, or the cycle ends in
/// that span), if it does.
pub fn visit_due(h: &Household, from: NaiveDate, to: NaiveDate, stale_days: i64) -> Option<String> {
    if let Some(why) = visit_overdue(h, from, stale_days) {
        return Some(why);
    }
    let last = last_visit(h, from)?;
    let due = last + chrono::Duration::days(stale_days);
    (due <= to).then(|| format!("{}满{stale_days}天（上次{last}）", month_day(due)))
}

/// Why a monitored household is due for review on `today` (six months since it was
/// identified: 风险消除 may be assessed), if it is.
pub fn review_due(h: &Household, today: NaiveDate) -> Option<String> {
    if h.status != Some(Status::Monitored) {
        return None;
    }
    let m = h.monitoring.as_ref()?;
    let months = (today.year() - m.identified.year()) * 12 + today.month() as i32
        - m.identified.month() as i32;
    (months >= 6).then(|| {
        format!(
            "{}，{}纳入监测已满{months}个月，可评估风险消除",
            m.kind.label(),
            m.identified
        )
    })
}

fn month_day(d: NaiveDate) -> String {
    format!("{}月{}日", d.month(), d.day())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn household(visits: &[&str]) -> Household {
        let text = include_str!("../tests/data/village.json");
        let doc: crate::model::VillageDocument = serde_json::from_str(text).expect("fixture");
        let mut h = doc.households.into_iter().next().expect("a household");
        let template = h.visits[0].clone();
        h.visits = visits
            .iter()
            .map(|d| crate::model::Visit {
                date: d.parse().expect("date"),
                ..template.clone()
            })
            .collect();
        h
    }

    fn day(s: &str) -> NaiveDate {
        s.parse().expect("date")
    }

    #[test]
    fn a_visit_is_due_when_the_cycle_ends_within_the_span() {
        let h = household(&["2026-10-20"]);
        // 30 days: the cycle is complete on 19 Nov; overdue from 20 Nov.
        assert_eq!(visit_overdue(&h, day("2026-11-19"), 30), None);
        assert_eq!(
            visit_due(&h, day("2026-11-16"), day("2026-11-22"), 30).as_deref(),
            Some("11月19日满30天（上次2026-10-20）")
        );
        assert_eq!(
            visit_due(&h, day("2026-11-09"), day("2026-11-15"), 30),
            None
        );
        assert_eq!(
            visit_due(&h, day("2026-11-30"), day("2026-12-06"), 30).as_deref(),
            Some("已41天未走访（上次2026-10-20）")
        );
    }

    #[test]
    fn visits_after_the_day_do_not_count_and_none_at_all_is_named() {
        let h = household(&["2026-12-01"]);
        assert_eq!(
            visit_overdue(&h, day("2026-11-30"), 30).as_deref(),
            Some("从未走访")
        );
        assert_eq!(last_visit(&h, day("2026-12-01")), Some(day("2026-12-01")));
    }
}
