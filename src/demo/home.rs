//! A demo household's living conditions over the years: 危房 (C/D) rebuilt to A in
//! 2016–2019 before exit with its 危房改造 measure, 饮水安全 reached and 卫生厕所 built at
//! some date; the other conditions as recorded.

use super::story::{date, Story};
use super::timeline::{code, Timeline};
use crate::codes::*;
use crate::model::{Conditions, FactPeriod, Measure, Relocation};
use chrono::{Datelike, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde_json::Value;

/// The conditions as of today, their history, and the measure that rebuilt the house.
pub struct Home {
    pub conditions: Conditions,
    pub periods: Vec<FactPeriod>,
    pub rebuild: Option<Measure>,
}

fn day_in(rng: &mut ChaCha8Rng, year: i32, months: std::ops::RangeInclusive<u32>) -> NaiveDate {
    date(year, rng.random_range(months), rng.random_range(1..=28))
}

/// A year in `from..=to` after the household was known, if there is one.
fn year_between(rng: &mut ChaCha8Rng, from: i32, to: i32) -> Option<i32> {
    (from <= to).then(|| rng.random_range(from..=to))
}

pub fn draw(rng: &mut ChaCha8Rng, s: &Story, today: NaiveDate) -> Home {
    let start = s.start;
    let registered = s.identified.is_some();
    // Fixes due before exit fall between the year after identification and the exit year.
    let (fix_from, fix_to) = match (s.identified, s.exit) {
        (Some(i), Some(e)) => (i.year() + 1, e.year()),
        _ => (start.year() + 1, today.year() - 1),
    };
    let relocated = rng.random_bool(0.06);
    let mut periods = Vec::new();
    let mut rebuild = None;
    let mut area = rng.random_range(40..180) as f64;
    let safe_grade = if rng.random_bool(0.7) {
        HouseGrade::A
    } else {
        HouseGrade::B
    };
    let mut grade = Timeline::new("conditions.house_grade", start, code(safe_grade.code()));
    let rebuilt = (registered && !relocated && rng.random_bool(0.3))
        .then(|| year_between(rng, fix_from.max(2016), fix_to.min(2019)))
        .flatten();
    if let Some(year) = rebuilt {
        let old = if rng.random_bool(0.4) {
            HouseGrade::D
        } else {
            HouseGrade::C
        };
        let last_month = if Some(year) == s.exit_year() { 10 } else { 11 };
        let done = day_in(rng, year, 5..=last_month);
        let begun = (done - chrono::Days::new(rng.random_range(90..160)))
            .max(start + chrono::Days::new(10))
            .max(date(year, 1, 2));
        let old_area = rng.random_range(40..90) as f64;
        area = rng.random_range(80..150) as f64;
        grade = Timeline::new("conditions.house_grade", start, code(old.code()));
        grade.change(
            done,
            code(HouseGrade::A.code()),
            "危房改造竣工验收，鉴定为A级",
            None,
        );
        let mut area_t = Timeline::new("conditions.house_area_m2", start, Value::from(old_area));
        area_t.change(done, Value::from(area), "危房改造后新建住房", None);
        area_t.write(false, &mut periods);
        let funds = (rng.random_range(20..=40) * 1000) as f64;
        rebuild = Some(Measure {
            id: None,
            class: MeasureClass::Housing,
            item: Some(MeasureItem::HouseRenovation),
            content: if old == HouseGrade::D {
                "农村危房改造（D级拆除重建）".into()
            } else {
                "农村危房改造（C级加固维修）".into()
            },
            scale: Some("1栋".into()),
            funds: Some(funds),
            funder: Some("县住建局".into()),
            start: begun,
            end: Some(done),
            result: Some("竣工验收合格，房屋安全等级A级".into()),
            income_gain: None,
        });
    }
    let current_grade = grade.current().clone();
    grade.write(false, &mut periods);

    let water_fixed = (registered && rng.random_bool(0.35))
        .then(|| year_between(rng, fix_from.max(2015), fix_to.min(2019)))
        .flatten();
    let mut water = Timeline::new(
        "conditions.drinking_water_safe",
        start,
        Value::Bool(water_fixed.is_none()),
    );
    if let Some(year) = water_fixed {
        let last_month = if Some(year) == s.exit_year() { 10 } else { 12 };
        let d = day_in(rng, year, 3..=last_month).max(start + chrono::Days::new(1));
        water.change(d, Value::Bool(true), "农村饮水安全巩固提升工程通水", None);
    }
    let water_safe = water.current() == &Value::Bool(true);
    water.write(false, &mut periods);

    let toilet_now = rng.random_bool(0.85);
    let toilet_built = (toilet_now && rng.random_bool(0.35))
        .then(|| {
            year_between(
                rng,
                (start.year() + 1).max(2017),
                2022.min(today.year() - 1),
            )
        })
        .flatten();
    let mut toilet = Timeline::new(
        "conditions.sanitary_toilet",
        start,
        Value::Bool(toilet_now && toilet_built.is_none()),
    );
    if let Some(year) = toilet_built {
        toilet.change(
            day_in(rng, year, 3..=11),
            Value::Bool(true),
            "农村改厕，建成无害化卫生厕所",
            None,
        );
    }
    toilet.write(false, &mut periods);

    let grade_now =
        HouseGrade::from_code(current_grade.as_str().unwrap_or("A")).unwrap_or(HouseGrade::A);
    Home {
        conditions: Conditions {
            farmland_mu: Some((rng.random_range(5..60) as f64) / 10.0),
            irrigated_mu: Some((rng.random_range(0..20) as f64) / 10.0),
            forest_mu: Some(rng.random_range(0..30) as f64),
            grassland_mu: Some(0.0),
            water_surface_mu: Some(0.0),
            house_area_m2: Some(area),
            house_grade: Some(grade_now),
            relocation: relocated.then_some(Relocation {
                mode: Some(RelocationMode::Centralized),
                moved_in: Some(true),
            }),
            drinking_water_safe: Some(water_safe),
            electricity: Some(true),
            sanitary_toilet: Some(toilet_now),
            road_distance_km: Some((rng.random_range(0..50) as f64) / 10.0),
            road_type: Some(if rng.random_bool(0.8) {
                RoadType::Cement
            } else {
                RoadType::Gravel
            }),
            fuel: Some(
                [Fuel::Firewood, Fuel::Clean, Fuel::Clean, Fuel::Coal][rng.random_range(0..4)],
            ),
            cooperative_member: Some(rng.random_bool(0.3)),
        },
        periods,
        rebuild,
    }
}
