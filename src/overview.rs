//! The village overview (首页): households and people by status, incidence against the
//! threshold, exits by year, income per person against the line by year, and the lists
//! that need attention (not visited for long, data warnings, status/verdict
//! disagreements, monitored households due for review).

use crate::assess::{paper_policy, village_households};
use crate::attention;
use crate::codes::Status;
use crate::model::{Household, Village};
use crate::rules::{self, Verdict};
use crate::store::Ledger;
use crate::Result;
use chrono::NaiveDate;
use serde::Serialize;

/// Households and people with one recorded status.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct StatusCount {
    pub status: Option<Status>,
    pub households: u32,
    pub people: u32,
}

/// Exits recorded in one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct YearCount {
    pub year: i32,
    pub households: u32,
}

/// Median income per person of registered households in a year, against that year's line.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IncomePoint {
    pub year: i32,
    pub median: Option<f64>,
    /// The year's line: 脱贫攻坚's to 2020, the monitoring line after (none when not set).
    pub line: Option<f64>,
    pub line_name: String,
}

/// The year's monitored households and those whose risk was eliminated.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct MonitoringFigures {
    /// 监测对象 (risk not yet eliminated).
    pub households: u32,
    pub people: u32,
    /// 风险消除.
    pub eliminated_households: u32,
    pub eliminated_people: u32,
}

/// A household that needs attention, with why.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Attention {
    pub household_id: String,
    pub code: String,
    pub head: Option<String>,
    pub detail: String,
}

/// Everything the 首页 shows.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct VillageOverview {
    pub village: Village,
    pub year: i32,
    pub households: u32,
    pub people: u32,
    pub by_status: Vec<StatusCount>,
    /// 贫困发生率 and the rest of the 脱贫攻坚 figures: only to 2020 (none after).
    pub incidence: Option<f64>,
    pub threshold: Option<f64>,
    /// The village-exit verdict of the year (incidence against the threshold, with reasons):
    /// the UI shows it and never compares the figures itself. None after 2020.
    pub village_exit: Option<Verdict>,
    pub poor_persons: u32,
    /// 防返贫监测 figures from the year monitoring began (2020): what the 首页 shows instead
    /// of the incidence once 脱贫攻坚 has ended.
    pub monitoring: Option<MonitoringFigures>,
    pub rural_population: Option<u32>,
    pub exits_by_year: Vec<YearCount>,
    pub income_by_year: Vec<IncomePoint>,
    pub stale_visits: Vec<Attention>,
    pub warnings: Vec<Attention>,
    pub disagreements: Vec<Attention>,
    pub review_due: Vec<Attention>,
}

fn attention(h: &Household, detail: String) -> Attention {
    Attention {
        household_id: h.id.clone(),
        code: h.code.clone(),
        head: h.head().map(|m| m.name.clone()),
        detail,
    }
}

/// Builds the overview of `village_code` for `year`; `today` dates the attention lists, and
/// a visit is overdue after the 走访周期 of 设置 for the household's category.
pub fn village_overview(
    ledger: &Ledger,
    village_code: &str,
    year: i32,
    today: NaiveDate,
) -> Result<VillageOverview> {
    let cycles = crate::settings::load(ledger)?.visit_cycles();
    let mut village = ledger.village(village_code)?;
    let all = village_households(ledger, &village.id)?;
    let on = crate::assess::paper_date(year, today)?;
    // Every figure is of the year's facts: the households registered then, as they were.
    let households = crate::model::households_on(&all, on);
    village.village = village.village.as_of(on);
    let policy = paper_policy(ledger, &village.village, year, on)?;
    let assessed = rules::assess_village(&village.village, &households, &policy);

    let mut by_status: Vec<StatusCount> = Vec::new();
    for h in &households {
        let people = h.members_on(on).len() as u32;
        match by_status.iter_mut().find(|s| s.status == h.status) {
            Some(s) => {
                s.households += 1;
                s.people += people;
            }
            None => by_status.push(StatusCount {
                status: h.status,
                households: 1,
                people,
            }),
        }
    }
    by_status.sort_by_key(|s| s.status.map(|x| x as u8).unwrap_or(u8::MAX));

    let mut exits: std::collections::BTreeMap<i32, u32> = Default::default();
    for y in households.iter().filter_map(|h| h.exit_year) {
        *exits.entry(y).or_default() += 1;
    }

    let first = households
        .iter()
        .filter_map(|h| h.identified_year)
        .min()
        .unwrap_or(year)
        .min(year);
    let mut income_by_year = Vec::new();
    for y in first..=year {
        let y_on = crate::assess::paper_date(y, today)?;
        let p = paper_policy(ledger, &village.village, y, y_on)?;
        let mut values: Vec<f64> = crate::model::households_on(&all, y_on)
            .iter()
            .filter(|h| h.identified_year.is_some() || h.monitoring.is_some())
            .filter_map(|h| rules::assess_household(h, &p).per_capita_net_income)
            .collect();
        values.sort_by(|a, b| a.total_cmp(b));
        let median = (!values.is_empty()).then(|| values[values.len() / 2]);
        // 脱贫攻坚's line to 2020; after it only the monitoring line, when one is set (the
        // 2020 standard is not carried on as if it still applied).
        let line = if y > rules::LAST_INCIDENCE_YEAR {
            p.monitoring_line.as_ref()
        } else {
            Some(&p.poverty_line)
        };
        income_by_year.push(IncomePoint {
            year: y,
            median,
            line: line.map(|l| l.value),
            line_name: line.map(|l| l.name.clone()).unwrap_or_default(),
        });
    }

    let stale_visits = households
        .iter()
        .filter(|h| attention::visited(h))
        .filter_map(|h| {
            attention::visit_overdue(h, today, cycles.of(h)).map(|why| attention(h, why))
        })
        .collect();
    let mut warnings = Vec::new();
    for h in &households {
        for w in ledger.warnings(&h.id)? {
            warnings.push(attention(h, w.message));
        }
    }
    let disagreements = assessed
        .inspector
        .disagreements
        .iter()
        .filter_map(|d| {
            households
                .iter()
                .find(|h| h.code == d.household)
                .map(|h| attention(h, d.reason.clone()))
        })
        .collect();
    let review_due = households
        .iter()
        .filter_map(|h| attention::review_due(h, today).map(|why| attention(h, why)))
        .collect();

    // 贫困发生率 measured the 建档立卡 years; monitoring counts from its first year.
    let measured = year <= rules::LAST_INCIDENCE_YEAR;
    let count = |status: Status| {
        by_status
            .iter()
            .find(|c| c.status == Some(status))
            .map_or((0, 0), |c| (c.households, c.people))
    };
    let monitoring = (f64::from(year) >= policy.monitoring_start_year.value).then(|| {
        let (households, people) = count(Status::Monitored);
        let (eliminated_households, eliminated_people) = count(Status::RiskEliminated);
        MonitoringFigures {
            households,
            people,
            eliminated_households,
            eliminated_people,
        }
    });

    Ok(VillageOverview {
        households: households.len() as u32,
        people: by_status.iter().map(|s| s.people).sum(),
        by_status,
        incidence: measured.then_some(assessed.incidence).flatten(),
        threshold: measured
            .then(|| assessed.verdicts.first().and_then(|v| v.threshold))
            .flatten(),
        village_exit: measured
            .then(|| assessed.verdicts.first().cloned())
            .flatten(),
        poor_persons: assessed.inspector.poor_persons,
        monitoring,
        rural_population: village.village.rural_population,
        exits_by_year: exits
            .into_iter()
            .map(|(year, households)| YearCount { year, households })
            .collect(),
        income_by_year,
        stale_visits,
        warnings,
        disagreements,
        review_due,
        year,
        village: village.village.clone(),
    })
}
