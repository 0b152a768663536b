//! Demo people: names, ID numbers, phones and the attributes that follow from age.

use super::{life, names};
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
    /// The first day the ledger knew the household.
    pub start: NaiveDate,
    pub today: NaiveDate,
    pub sick: bool,
    pub disabled: bool,
    /// 特困: no labour, no legal supporter.
    pub tekun: bool,
    pub area: &'a str,
}

/// The member as of `today`, with the history of schooling, education and labour since the
/// ledger knew them (benefits are the household's to set).
pub fn member(rng: &mut ChaCha8Rng, p: Person) -> Member {
    let age = idcard::age_on(p.birth, p.today);
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
    let start = p.start.max(p.birth);
    let life = life::live(
        rng,
        &life::Born {
            birth: p.birth,
            health,
            lost_labor: p.tekun,
            start,
            today: p.today,
        },
    );
    let student = life.schooling.is_student();
    let works = matches!(life.labor, Labor::Ordinary | Labor::Skilled)
        && age <= 55
        && rng.random_bool(0.65);
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
    let mut periods = life.periods;
    if let Some(w) = &work {
        // Work began with the working years (after school), not before.
        let began = periods
            .iter()
            .rev()
            .find(|p| p.field == "labor")
            .and_then(|p| p.from)
            .filter(|d| *d > start);
        if let Some(began) = began {
            let mut t = super::timeline::Timeline::new("work", start, serde_json::Value::Null);
            let value = serde_json::to_value(w).unwrap_or_default();
            t.change(began, value, "离校后外出务工", None);
            t.write(false, &mut periods);
        }
    }
    let recorded_from = (!periods.is_empty()).then_some(start);
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
        education: Some(life.education),
        schooling: Some(life.schooling),
        schooling_exempt: None,
        health: Some(health),
        disability_grade: p.disabled.then(|| rng.random_range(1..=4)),
        labor: Some(life.labor),
        work,
        medical_insurance: Some(true),
        serious_illness_insurance: Some(true),
        pension_insurance: Some(age >= 16 && !student),
        family_doctor: Some(rng.random_bool(0.9)),
        dibao: Some(false),
        tekun: Some(Tekun::No),
        has_legal_supporter: Some(!p.tekun),
        // Villagers are insured as residents, not as employees.
        employee_medical_insurance: Some(false),
        employee_pension_insurance: (age >= 16 && !student).then_some(false),
        phone: None,
        document: None,
        medical_assistance: None,
        out_of_school_reason: None,
        relation_detail: None,
        education_detail: None,
        dibao_area: None,
        schooling_detail: None,
        tekun_area: None,
        work_spells: Vec::new(),
        welfare_posts: Vec::new(),
        recorded_from,
        history: periods,
    }
}
