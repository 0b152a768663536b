//! The demo village: a realistic, deterministic ledger generated from a seed and "today".
//!
//! By default one village of about 300 households and 1,000 people in 10 groups with 40
//! cadres and true histories from 2014 to today: statuses by date (建档立卡 2014–2017,
//! exits by 2020 under county documents, a few relapses into monitoring, 防止返贫监测 from
//! 2020), children going through school and into work, houses rebuilt, water and toilets
//! improved, 低保/特困 starting and stopping, the village's rural population by year and
//! cadres changing unit or post; yearly income books and monthly lines for the running
//! year, pairings with changes of cadre, visits, measures, births and deaths. Larger counts
//! give more villages of about 300 households each (a county at 200,000). Same seed and
//! today, same ledger.

mod care;
mod home;
mod household;
mod income;
mod life;
mod names;
mod people;
mod procedure;
mod story;
mod timeline;
mod work;

use crate::exchange::{import_many_at, ImportSummary};
use crate::model::{derived_id, Cadre, FactPeriod, Village, VillageDocument, FORMAT_V1};
use crate::store::Ledger;
use crate::Result;
use chrono::{Datelike, NaiveDate};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use serde_json::Value;
use timeline::Timeline;

/// Households per generated village.
pub const VILLAGE_SIZE: usize = 300;

/// The "today" of `generate`: the last day of the history it writes. A demo built for
/// another day (`generate_on`, `build`) runs its history to that day, which should not be
/// earlier than this.
pub fn history_end() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 31).expect("valid date")
}

/// Generates the village documents for `households` households from `seed`, as of
/// `history_end()`.
pub fn generate(households: usize, seed: u64) -> Vec<VillageDocument> {
    generate_on(households, seed, history_end())
}

/// Generates the village documents for `households` households from `seed`, with the
/// history running to `today` (current values are today's; the running year's income is
/// booked by month up to today's month).
pub fn generate_on(households: usize, seed: u64, today: NaiveDate) -> Vec<VillageDocument> {
    (0..village_count(households))
        .map(|v| village(v, village_households(households, v), seed, today))
        .collect()
}

fn village_count(households: usize) -> usize {
    households.div_ceil(VILLAGE_SIZE).max(1)
}

/// Households of the `index`-th village: full villages, the rest in the last one.
fn village_households(households: usize, index: usize) -> usize {
    if index + 1 == village_count(households) {
        households - index * VILLAGE_SIZE
    } else {
        VILLAGE_SIZE
    }
}

fn village(index: usize, households: usize, seed: u64, today: NaiveDate) -> VillageDocument {
    let mut rng =
        ChaCha8Rng::seed_from_u64(seed ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let township = index / 20;
    let code = format!("360729{:03}{:03}", 101 + township % 900, 1 + index % 20);
    let name = format!(
        "{}{}村",
        names::VILLAGE_NAMES[index % names::VILLAGE_NAMES.len()],
        if index >= names::VILLAGE_NAMES.len() {
            format!("{}", index / names::VILLAGE_NAMES.len() + 1)
        } else {
            String::new()
        }
    );
    let cadre_count = (households * 40).div_ceil(300).max(2);
    let mut cadres: Vec<Cadre> = (0..cadre_count)
        .map(|c| {
            let (unit, level) = names::UNITS[rng.random_range(0..names::UNITS.len())];
            let sex = if rng.random_bool(0.7) {
                crate::codes::Sex::Male
            } else {
                crate::codes::Sex::Female
            };
            Cadre {
                id: derived_id(&[&seed.to_string(), &code, "cadre", &c.to_string()]),
                name: people::full_name(&mut rng, sex, None),
                unit: Some(unit.to_string()),
                unit_level: crate::codes::UnitLevel::from_code(level),
                phone: Some(people::phone(&mut rng)),
                position: Some(
                    names::POSITIONS[rng.random_range(0..names::POSITIONS.len())].to_string(),
                ),
                start: None,
                end: None,
                recorded_from: None,
                history: Vec::new(),
            }
        })
        .collect();
    cadre_histories(&mut rng, &mut cadres);
    let mut list = Vec::with_capacity(households);
    for i in 0..households {
        let mut h = household::generate(&mut rng, seed, &code, i, &cadres, today);
        ordered_ids(&mut h, seed, &code, index, i);
        list.push(h);
    }
    unique_id_numbers(&mut list);
    let people: usize = list.iter().map(|h| h.members.len()).sum();
    let rural_population = (people as f64 * 1.04) as u32;
    let (population_from, population_history) = population(&mut rng, rural_population, today);
    VillageDocument {
        format: FORMAT_V1.to_string(),
        village: Village {
            code,
            name,
            township: Some(names::TOWNSHIPS[township % names::TOWNSHIPS.len()].to_string()),
            county: Some("全南县".into()),
            province: Some("江西省".into()),
            region: Some(crate::codes::Region::Central),
            rural_population: Some(rural_population),
            groups: names::GROUPS.iter().map(|g| g.to_string()).collect(),
            recorded_from: Some(population_from),
            history: population_history,
        },
        cadres,
        households: list,
    }
}

/// The first demo id's time field: 2014-01-01 (建档立卡), in milliseconds.
const FIRST_ID_MILLIS: u64 = 1_388_534_400_000;

/// Gives the household and every record a time-ordered id counting up through the
/// county (village, household, record), so a generated county appends to every index
/// (see `model::ordered_id`); same seed, same ids. Events follow their members' new ids.
fn ordered_ids(
    h: &mut crate::model::Household,
    seed: u64,
    code: &str,
    village: usize,
    index: usize,
) {
    let base = FIRST_ID_MILLIS + (((village as u64) << 9 | index as u64) << 12);
    let seed = seed.to_string();
    let mut k = 0_u64;
    let mut next = |kind: &str| {
        k += 1;
        crate::model::ordered_id(
            base + k.min(4095),
            &[&seed, code, &index.to_string(), kind, &k.to_string()],
        )
    };
    h.id = next("household");
    let mut renamed = std::collections::HashMap::new();
    for m in &mut h.members {
        let id = next("member");
        renamed.insert(std::mem::replace(&mut m.id, id.clone()), id);
    }
    for e in &mut h.events {
        if let Some(member) = e.member.as_mut() {
            if let Some(id) = renamed.get(member) {
                *member = id.clone();
            }
        }
    }
    let ids = h
        .income
        .iter_mut()
        .map(|r| &mut r.id)
        .chain(h.expenses.iter_mut().map(|r| &mut r.id))
        .chain(h.rigid_expenses.iter_mut().map(|r| &mut r.id))
        .chain(h.pairings.iter_mut().map(|r| &mut r.id))
        .chain(h.visits.iter_mut().map(|r| &mut r.id))
        .chain(h.measures.iter_mut().map(|r| &mut r.id))
        .chain(h.monitoring.iter_mut().map(|r| &mut r.id))
        .chain(h.events.iter_mut().map(|r| &mut r.id));
    for id in ids {
        *id = Some(next("record"));
    }
}

/// One person, one ID number: two people of the village born on the same day may draw
/// the same sequence number; the later one takes the next free number of its sex.
fn unique_id_numbers(households: &mut [crate::model::Household]) {
    let mut seen = std::collections::HashSet::new();
    for m in households.iter_mut().flat_map(|h| h.members.iter_mut()) {
        let (Some(id), Some(birth), Some(sex)) = (m.id_number.clone(), m.birth_date(), m.sex)
        else {
            continue;
        };
        let mut number = id;
        let mut seq: u16 = number[14..17].parse().unwrap_or(0);
        while !seen.insert(number.clone()) {
            seq = (seq + 2) % 1000;
            number = crate::idcard::build(&number[..6], birth, seq, sex);
        }
        m.id_number = Some(number);
    }
}

/// The village's rural population (农村户籍人口) by year from 2014: a little larger in
/// earlier years, as people moved to towns. Returns the first year's date and the periods.
fn population(rng: &mut ChaCha8Rng, now: u32, today: NaiveDate) -> (NaiveDate, Vec<FactPeriod>) {
    let first = NaiveDate::from_ymd_opt(2014, 1, 1).expect("valid date");
    let mut values = vec![now];
    for _ in 2014..today.year() {
        let later = *values.last().unwrap_or(&now);
        let step = (f64::from(later) * rng.random_range(0.003..0.012)).round() as u32;
        values.push(later + step.max(1));
    }
    values.reverse();
    let mut t = Timeline::new("rural_population", first, Value::from(values[0]));
    for (i, v) in values.iter().enumerate().skip(1) {
        let year = 2014 + i as i32;
        let from = NaiveDate::from_ymd_opt(year, 1, 1).expect("valid date");
        t.change(from, Value::from(*v), "年度农村户籍人口统计", None);
    }
    let mut out = Vec::new();
    t.write(true, &mut out);
    (first, out)
}

/// 机构改革 of 2021 (县扶贫办 became 县乡村振兴局) for the cadres of that office, and a
/// promotion and a transfer for two others.
fn cadre_histories(rng: &mut ChaCha8Rng, cadres: &mut [Cadre]) {
    let since = NaiveDate::from_ymd_opt(2014, 10, 1).expect("valid date");
    let reform = NaiveDate::from_ymd_opt(2021, 5, 20).expect("valid date");
    let mut promoted = false;
    let mut moved = false;
    for c in cadres.iter_mut() {
        let mut unit = Timeline::new("unit", since, Value::from(c.unit.clone()));
        let mut position = Timeline::new("position", since, Value::from(c.position.clone()));
        let level_code = c.unit_level.map(|l| l.code());
        let mut level = Timeline::new("unit_level", since, Value::from(level_code));
        if c.unit.as_deref() == Some("县乡村振兴局") {
            unit = Timeline::new("unit", since, Value::from("县扶贫办"));
            unit.change(
                reform,
                Value::from(c.unit.clone()),
                "机构改革，县扶贫办整建制重组为县乡村振兴局",
                None,
            );
        } else if !promoted && c.position.as_deref() == Some("副主任科员") {
            promoted = true;
            position = Timeline::new("position", since, Value::from("科员"));
            let from =
                NaiveDate::from_ymd_opt(rng.random_range(2017..=2022), 7, 1).expect("valid date");
            position.change(from, Value::from(c.position.clone()), "职级晋升", None);
        } else if !moved && c.unit_level == Some(crate::codes::UnitLevel::County) {
            moved = true;
            unit = Timeline::new("unit", since, Value::from("镇人民政府"));
            let from =
                NaiveDate::from_ymd_opt(rng.random_range(2018..=2023), 3, 1).expect("valid date");
            unit.change(from, Value::from(c.unit.clone()), "工作调动", None);
            level = Timeline::new("unit_level", since, Value::from("township"));
            level.change(from, Value::from(level_code), "工作调动", None);
        }
        let mut history = Vec::new();
        unit.write(false, &mut history);
        position.write(false, &mut history);
        level.write(false, &mut history);
        if !history.is_empty() {
            c.recorded_from = Some(since);
            c.history = history;
        }
    }
}

/// Generates and imports a demo ledger in one transaction; `progress` is called as each
/// village is written. The villages are generated one at a time on a second thread while
/// the first writes, so a county never sits in memory whole.
pub fn build(
    ledger: &mut Ledger,
    households: usize,
    seed: u64,
    today: NaiveDate,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<ImportSummary>> {
    let total = village_count(households);
    let out = std::thread::scope(|scope| {
        let (send, receive) = std::sync::mpsc::sync_channel(2);
        scope.spawn(move || {
            crate::exchange::give_way();
            for v in 0..total {
                let doc = village(v, village_households(households, v), seed, today);
                if send.send(doc).is_err() {
                    break; // the writer stopped on an error
                }
            }
        });
        let documents = receive.into_iter().enumerate().map(|(i, doc)| {
            progress(i, total);
            Ok((doc, "演示村数据".to_string()))
        });
        import_many_at(ledger, documents, today, today, false)
    })?;
    progress(total, total);
    Ok(out)
}
