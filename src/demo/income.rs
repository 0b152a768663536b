//! A demo household's income book: one line per item for every year it is registered,
//! and monthly lines for the running year up to today's month (so the 12-month monitoring
//! window is fully booked). Net income per person is steered around the year's line:
//! below it while poor or relapsed, near it while monitored, above it after exit.

use super::household::Benefits;
use super::story::{date, Story};
use crate::codes::IncomeCategory;
use crate::model::{Expense, Household, IncomeLine};
use chrono::{Datelike, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// The line a household's income is steered around (national line to 2020, then a
/// monitoring-scale line). Only shapes the demo; the rules engine has its own parameters.
fn line(year: i32) -> f64 {
    match year {
        i32::MIN..=2014 => 2800.0,
        2015 => 2855.0,
        2016 | 2017 => 2952.0,
        2018 => 2995.0,
        2019 => 3218.0,
        2020 => 4000.0,
        2021 => 6000.0,
        2022 => 6500.0,
        2023 => 7300.0,
        2024 => 8000.0,
        _ => 8700.0,
    }
}

/// Net income per person for `year`.
fn target_per_person(rng: &mut ChaCha8Rng, s: &Story, year: i32) -> f64 {
    let l = line(year);
    let poor =
        s.identified_year().is_some_and(|i| year >= i) && s.exit_year().is_none_or(|e| year < e);
    let relapsed = s.relapse.is_some_and(|r| r.year() == year);
    let monitored = s.monitoring.is_some_and(|m| {
        let from = m.identified.year();
        year == from || (year > from && m.eliminated.is_none_or(|e| year < e.year()))
    });
    if poor || relapsed {
        l * rng.random_range(0.55..0.95)
    } else if monitored {
        line(year.max(2021)) * rng.random_range(0.8..1.05)
    } else if let Some(exit) = s.exit_year() {
        l * rng.random_range(1.25..1.9) * (1.0 + 0.06 * (year - exit).max(0) as f64)
    } else {
        rng.random_range(9_000.0..24_000.0) * (1.0 + 0.05 * (year - 2021) as f64)
    }
}

/// The demo county's rural 低保 standard (元/人/年) for a year: not below the poverty
/// line from 2016 (两线合一), rising every year.
fn dibao_standard(year: i32) -> f64 {
    (2_600.0 + 260.0 * f64::from(year - 2014)).max(2_600.0)
}

/// 低保金 paid per covered person in a year (差额补助, about 60 % of the standard).
fn dibao_per_person(year: i32) -> f64 {
    (dibao_standard(year) * 0.6 / 10.0).round() * 10.0
}

/// One item of a year's book: category, item, amount, counted, and the month it is paid
/// in once a year (`None`: earned through the year, booked monthly in the running year).
type Item = (IncomeCategory, &'static str, f64, bool, Option<u8>);

/// Books every year from the household's first to today's.
pub fn book(rng: &mut ChaCha8Rng, h: &mut Household, s: &Story, b: &Benefits, today: NaiveDate) {
    for year in s.first_year()..=today.year() {
        let running = year == today.year();
        let on = if running { today } else { date(year, 12, 31) };
        let present = h.members_on(on);
        let people = present.len().max(1) as f64;
        // Wages only in a year someone was working then (work begins after school).
        let workers = present.iter().any(|m| m.as_of(on).work.is_some());
        let net = (target_per_person(rng, s, year) * people).round();
        let mut items: Vec<Item> = Vec::with_capacity(7);
        let mut transfer = 0.0;
        if b.dibao_in(year) {
            let amount = dibao_per_person(year) * people.min(2.0);
            transfer += amount;
            items.push((IncomeCategory::Transfer, "低保金", amount, true, None));
        }
        if b.tekun_in(year) {
            // 特困 basic living: at least 1.3 times the year's 低保 standard.
            let amount = (dibao_standard(year) * 1.3 / 10.0).round() * 10.0;
            transfer += amount;
            items.push((IncomeCategory::Transfer, "特困供养金", amount, true, None));
        }
        let eco = (rng.random_range(1..6) * 60) as f64;
        transfer += eco;
        items.push((IncomeCategory::Transfer, "生态补偿金", eco, true, Some(6)));
        let rest = (net - transfer).max(net * 0.2);
        let property = if year >= 2018 && s.identified.is_some() {
            (rest * 0.08).round()
        } else {
            0.0
        };
        items.push((
            IncomeCategory::Property,
            "光伏分红",
            property,
            true,
            Some(12),
        ));
        let wage = if workers {
            ((rest - property) * rng.random_range(0.55..0.8)).round()
        } else {
            0.0
        };
        items.push((IncomeCategory::Wage, "务工收入", wage, true, None));
        let farming_net = rest - property - wage;
        let gross = (farming_net / 0.6).round();
        items.push((IncomeCategory::Business, "种植养殖收入", gross, true, None));
        let cost = if gross > 0.0 {
            gross - farming_net
        } else {
            0.0
        };
        let poor_then = s.identified_year().is_some_and(|i| year >= i) && year <= 2020;
        if poor_then && rng.random_bool(0.3) {
            items.push((
                IncomeCategory::Transfer,
                "产业扶持补助",
                1500.0,
                false,
                Some(9),
            ));
        }
        let months: Vec<Option<u8>> = if running {
            (1..=today.month() as u8).map(Some).collect()
        } else {
            vec![None]
        };
        // In the running year a month books a twelfth of what is earned through the year,
        // and the once-a-year payments in their month.
        let parts = if running { 12.0 } else { 1.0 };
        for month in months {
            for &(category, item, amount, counted, paid) in &items {
                let amount = match (month, paid) {
                    (None, _) => amount,
                    (Some(m), Some(p)) if m == p => amount,
                    (Some(_), Some(_)) => 0.0,
                    (Some(_), None) => (amount / parts).round(),
                };
                if amount > 0.0 {
                    h.income.push(IncomeLine {
                        id: None,
                        year,
                        month,
                        category,
                        item: item.into(),
                        amount,
                        counted,
                    });
                }
            }
            let cost = (cost / parts).round();
            if cost > 0.0 {
                h.expenses.push(Expense {
                    id: None,
                    year,
                    month,
                    category: IncomeCategory::Business,
                    item: "种子化肥饲料投入".into(),
                    amount: cost,
                });
            }
        }
    }
}
