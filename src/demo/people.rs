//! Demo people: names, ID numbers, phones and the attributes that follow from age.

use super::names;
use crate::codes::*;
use crate::idcard;
use crate::model::{Member, Work};
use chrono::NaiveDate;
use rand::Rng;
use rand_chacha::ChaCha8Rng;

pub fn pick<'a>(rng: &mut ChaCha8Rng, list: &[&'a str]) -> &'a str {
    list[rng.random_range(0..list.len())]
}

/// A name; children take the given surname.
pub fn full_name(rng: &mut ChaCha8Rng, sex: Sex, surname: Option<&str>) -> String {
    let surname = surname
        .map(str::to_string)
        .unwrap_or_else(|| pick(rng, names::SURNAMES).to_string());
    let chars = if sex == Sex::Male {
        names::MALE_CHARS
    } else {
        names::FEMALE_CHARS
    };
    let mut name = surname;
    name.push_str(pick(rng, chars));
    if rng.random_bool(0.75) {
        name.push_str(pick(rng, chars));
    }
    name
}

pub fn phone(rng: &mut ChaCha8Rng) -> String {
    let prefix = ["139", "138", "137", "159", "158", "187", "181", "133"][rng.random_range(0..8)];
    format!("{prefix}{:08}", rng.random_range(0..100_000_000u32))
}

pub fn birth_in(rng: &mut ChaCha8Rng, year: i32) -> NaiveDate {
    let day = rng.random_range(0..365);
    NaiveDate::from_ymd_opt(year, 1, 1).expect("valid year") + chrono::Days::new(day)
}

/// A member with every attribute that follows from age and the household's situation.
pub struct Person<'a> {
    pub id: String,
    pub name: String,
    pub sex: Sex,
    pub birth: NaiveDate,
    pub relation: Relation,
    pub on: NaiveDate,
    pub sick: bool,
    pub disabled: bool,
    pub dibao: bool,
    pub tekun: bool,
    pub area: &'a str,
}

pub fn member(rng: &mut ChaCha8Rng, p: Person) -> Member {
    let age = idcard::age_on(p.birth, p.on);
    let schooling = match age {
        i32::MIN..=2 => Schooling::NotStudent,
        3..=5 => Schooling::Preschool,
        6..=11 => Schooling::Primary,
        12 => Schooling::Grade7,
        13 => Schooling::Grade8,
        14 => Schooling::Grade9,
        15 => Schooling::Senior1,
        16 => {
            if rng.random_bool(0.5) {
                Schooling::Senior2
            } else {
                Schooling::Vocational2
            }
        }
        17 => {
            if rng.random_bool(0.6) {
                Schooling::Senior3
            } else {
                Schooling::Vocational3
            }
        }
        18..=21 if rng.random_bool(0.3) => Schooling::CollegePlus,
        _ => Schooling::NotStudent,
    };
    let education = match age {
        i32::MIN..=5 => Education::PreschoolChild,
        6..=12 => Education::Primary,
        13..=15 => Education::JuniorHigh,
        _ if schooling == Schooling::CollegePlus => Education::SeniorHigh,
        16..=40 => {
            if rng.random_bool(0.6) {
                Education::JuniorHigh
            } else {
                Education::SeniorHigh
            }
        }
        41..=65 => {
            if rng.random_bool(0.6) {
                Education::Primary
            } else {
                Education::JuniorHigh
            }
        }
        _ => {
            if rng.random_bool(0.5) {
                Education::Illiterate
            } else {
                Education::Primary
            }
        }
    };
    let health = if p.disabled {
        Health::Disabled
    } else if p.sick {
        if rng.random_bool(0.4) {
            Health::SeriousIllness
        } else {
            Health::Chronic
        }
    } else if age > 65 && rng.random_bool(0.35) {
        Health::Chronic
    } else {
        Health::Healthy
    };
    let student = schooling.is_student();
    let labor = if student || age < 16 {
        Labor::NoLabor
    } else if health == Health::Disabled || health == Health::SeriousIllness {
        if rng.random_bool(0.6) {
            Labor::Lost
        } else {
            Labor::Weak
        }
    } else if age > 70 {
        Labor::NoLabor
    } else if age > 60 || health == Health::Chronic {
        Labor::Weak
    } else if rng.random_bool(0.2) {
        Labor::Skilled
    } else {
        Labor::Ordinary
    };
    let works =
        matches!(labor, Labor::Ordinary | Labor::Skilled) && age <= 55 && rng.random_bool(0.65);
    let work = works.then(|| {
        let place = [
            WorkPlace::InTownship,
            WorkPlace::InCounty,
            WorkPlace::InProvince,
            WorkPlace::OutOfProvince,
        ][rng.random_range(0..4)];
        Work {
            place: Some(place),
            months: Some(rng.random_range(6..=12)),
        }
    });
    let insured = !rng.random_bool(0.015);
    Member {
        id: p.id,
        name: p.name,
        id_number: Some(idcard::build(
            p.area,
            p.birth,
            rng.random_range(0..1000),
            p.sex,
        )),
        relation: Some(p.relation),
        sex: Some(p.sex),
        ethnicity: Some(if rng.random_bool(0.03) {
            "畲族".into()
        } else {
            "汉族".into()
        }),
        education: Some(education),
        schooling: Some(schooling),
        schooling_exempt: if (6..=15).contains(&age) && !student {
            Some(true)
        } else {
            None
        },
        health: Some(health),
        disability_grade: p.disabled.then(|| rng.random_range(1..=4)),
        labor: Some(labor),
        work,
        medical_insurance: Some(insured),
        serious_illness_insurance: Some(insured),
        pension_insurance: Some(age >= 16 && !student),
        family_doctor: Some(rng.random_bool(0.9)),
        dibao: Some(p.dibao),
        tekun: Some(if p.tekun { Tekun::Dispersed } else { Tekun::No }),
        has_legal_supporter: Some(!p.tekun),
        recorded_from: None,
        history: Vec::new(),
    }
}
