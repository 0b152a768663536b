//! The demo village: a realistic, deterministic ledger generated from a seed.
//!
//! By default one village of about 300 households and 1,000 people in 10 groups with 40
//! cadres and history from 2014 to 2025: identification, yearly income books, pairings with
//! changes of cadre, visits, measures, exits by year, a few relapses, monitored households
//! from 2021, births and deaths. Larger counts give more villages of about 300 households
//! each (a county at 200,000). Same seed, same ledger.

mod household;
mod names;
mod people;

use crate::exchange::{import_document, ImportSummary};
use crate::model::{derived_id, Cadre, Village, VillageDocument, FORMAT_V1};
use crate::store::Ledger;
use crate::Result;
use chrono::NaiveDate;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// Households per generated village.
pub const VILLAGE_SIZE: usize = 300;

/// The last day of the generated history.
pub fn history_end() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 12, 31).expect("valid date")
}

/// Generates the village documents for `households` households from `seed`.
pub fn generate(households: usize, seed: u64) -> Vec<VillageDocument> {
    let villages = households.div_ceil(VILLAGE_SIZE).max(1);
    (0..villages)
        .map(|v| {
            let count = if v + 1 == villages {
                households - v * VILLAGE_SIZE
            } else {
                VILLAGE_SIZE
            };
            village(v, count, seed)
        })
        .collect()
}

fn village(index: usize, households: usize, seed: u64) -> VillageDocument {
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
    let cadres: Vec<Cadre> = (0..cadre_count)
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
    let mut list = Vec::with_capacity(households);
    for i in 0..households {
        list.push(household::generate(&mut rng, seed, &code, i, &cadres));
    }
    let people: usize = list.iter().map(|h| h.members.len()).sum();
    VillageDocument {
        format: FORMAT_V1.to_string(),
        village: Village {
            code,
            name,
            township: Some(names::TOWNSHIPS[township % names::TOWNSHIPS.len()].to_string()),
            county: Some("全南县".into()),
            province: Some("江西省".into()),
            region: Some(crate::codes::Region::Central),
            rural_population: Some((people as f64 * 1.04) as u32),
            groups: names::GROUPS.iter().map(|g| g.to_string()).collect(),
            recorded_from: None,
            history: Vec::new(),
        },
        cadres,
        households: list,
    }
}

/// Generates and imports a demo ledger; `progress` is called after each village.
pub fn build(
    ledger: &mut Ledger,
    households: usize,
    seed: u64,
    today: NaiveDate,
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<ImportSummary>> {
    let docs = generate(households, seed);
    let total = docs.len();
    let mut out = Vec::with_capacity(total);
    for (i, doc) in docs.into_iter().enumerate() {
        out.push(import_document(ledger, doc, "演示村数据", today)?);
        progress(i + 1, total);
    }
    Ok(out)
}
