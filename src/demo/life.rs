//! A demo member's life through the school years: 学前, 小学 from 6 (or 7), 七–九年级,
//! then 高中 or 中职 (and for some 高职/大学) or work; the labour that follows (none while
//! a minor or in school, then ordinary or skilled, weaker from 60, none from 70). Values
//! change on 1 September of a school year, or on a birthday; the current value is today's.

use super::timeline::{code, Timeline};
use crate::codes::{Education, Health, Labor, Schooling};
use crate::idcard;
use crate::model::FactPeriod;
use chrono::{Datelike, Months, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// What a member does after 九年级.
#[derive(Debug, Clone, Copy, PartialEq)]
enum After9 {
    Senior,
    Vocational,
    Work,
}

/// A member's way through school.
#[derive(Debug, Clone, Copy)]
struct Path {
    /// The school year (starting 1 September) of 小学一年级.
    entry: i32,
    after9: After9,
    /// Years of 高职 (3) or 大学 (4) after 高中/中职; 0 for none.
    college: i32,
}

/// The member's education, schooling and labour today, with their history.
pub struct Life {
    pub schooling: Schooling,
    pub education: Education,
    pub labor: Labor,
    pub periods: Vec<FactPeriod>,
}

/// The school year a day belongs to (a school year starts on 1 September).
fn school_year(d: NaiveDate) -> i32 {
    if d.month() >= 9 {
        d.year()
    } else {
        d.year() - 1
    }
}

fn draw_path(rng: &mut ChaCha8Rng, birth: NaiveDate) -> Path {
    // Six by 31 August starts school that September (those born September to December
    // at almost seven); nobody starts later, so no child of seven is still in 学前.
    let entry = birth.year() + if birth.month() <= 8 { 6 } else { 7 };
    let after9 = match rng.random_range(0..100) {
        0..=54 => After9::Senior,
        55..=84 => After9::Vocational,
        _ => After9::Work,
    };
    let college = match after9 {
        After9::Senior if rng.random_bool(0.45) => {
            if rng.random_bool(0.5) {
                4
            } else {
                3
            }
        }
        After9::Vocational if rng.random_bool(0.25) => 3,
        _ => 0,
    };
    Path {
        entry,
        after9,
        college,
    }
}

impl Path {
    /// The last school year in school.
    fn last_year(&self) -> i32 {
        self.entry
            + match self.after9 {
                After9::Work => 8,
                _ => 11 + self.college,
            }
    }

    /// Schooling and education on a day.
    fn stage(&self, d: NaiveDate) -> (Schooling, Education) {
        use Schooling::*;
        let k = school_year(d) - self.entry;
        let done = match (self.after9, self.college) {
            (After9::Work, _) => Education::JuniorHigh,
            (_, 0) => Education::SeniorHigh,
            _ => Education::CollegePlus,
        };
        match k {
            i32::MIN..=-4 => (NotStudent, Education::PreschoolChild),
            -3..=-1 => (Preschool, Education::PreschoolChild),
            0..=5 => (Primary, Education::Primary),
            6 => (Grade7, Education::JuniorHigh),
            7 => (Grade8, Education::JuniorHigh),
            8 => (Grade9, Education::JuniorHigh),
            9..=11 => match self.after9 {
                After9::Senior => (
                    [Senior1, Senior2, Senior3][(k - 9) as usize],
                    Education::SeniorHigh,
                ),
                After9::Vocational => (
                    [Vocational1, Vocational2, Vocational3][(k - 9) as usize],
                    Education::SeniorHigh,
                ),
                After9::Work => (NotStudent, done),
            },
            _ if k - 12 < self.college => {
                let s = if self.college == 4 {
                    CollegePlus
                } else {
                    [HigherVocational1, HigherVocational2, HigherVocational3][(k - 12) as usize]
                };
                (s, Education::CollegePlus)
            }
            _ => (NotStudent, done),
        }
    }
}

/// Education of someone who left school long before the ledger began.
fn adult_education(rng: &mut ChaCha8Rng, age: i32) -> Education {
    match age {
        i32::MIN..=40 => {
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
    }
}

/// Who the member is, for working out the life.
pub struct Born {
    pub birth: NaiveDate,
    pub health: Health,
    /// 丧失劳动力 whatever the age (特困 people, severe disability).
    pub lost_labor: bool,
    /// The first day the ledger knew the member.
    pub start: NaiveDate,
    pub today: NaiveDate,
}

/// Draws the member's life and returns today's values and the periods since `start`.
pub fn live(rng: &mut ChaCha8Rng, p: &Born) -> Life {
    let path = draw_path(rng, p.birth);
    let in_school_at_start = path.last_year() >= school_year(p.start);
    let fixed_education =
        (!in_school_at_start).then(|| adult_education(rng, idcard::age_on(p.birth, p.today)));
    let severe = matches!(p.health, Health::Disabled | Health::SeriousIllness);
    let severe_labor = if p.lost_labor || (severe && rng.random_bool(0.6)) {
        Labor::Lost
    } else {
        Labor::Weak
    };
    let trained = path.college > 0 || path.after9 == After9::Vocational;
    let adult_labor = if rng.random_bool(if trained { 0.45 } else { 0.15 }) {
        Labor::Skilled
    } else {
        Labor::Ordinary
    };
    let on = |d: NaiveDate| -> (Schooling, Education, Labor) {
        let (schooling, education) = match fixed_education {
            Some(e) => (Schooling::NotStudent, e),
            None => path.stage(d),
        };
        let age = idcard::age_on(p.birth, d);
        let labor = if p.lost_labor {
            Labor::Lost
        } else if schooling.is_student() || age < 16 {
            Labor::NoLabor
        } else if severe {
            severe_labor
        } else if age >= 70 {
            Labor::NoLabor
        } else if age >= 60 || p.health == Health::Chronic {
            Labor::Weak
        } else {
            adult_labor
        };
        (schooling, education, labor)
    };
    let (s0, e0, l0) = on(p.start);
    let mut schooling = Timeline::new("schooling", p.start, code(s0.code()));
    let mut education = Timeline::new("education", p.start, code(e0.code()));
    let mut labor = Timeline::new("labor", p.start, code(l0.code()));
    let mut days: Vec<NaiveDate> = (p.start.year()..=p.today.year())
        .filter_map(|y| NaiveDate::from_ymd_opt(y, 9, 1))
        .collect();
    days.extend(
        [16, 60, 70]
            .iter()
            .filter_map(|a| p.birth.checked_add_months(Months::new(12 * a))),
    );
    days.retain(|d| *d > p.start && *d <= p.today);
    days.sort();
    let mut last = (s0, e0, l0);
    for d in days {
        let now = on(d);
        if now.0 != last.0 {
            let reason = match now.0 {
                Schooling::NotStudent => "毕业离校",
                Schooling::Preschool => "入园",
                Schooling::Primary => "小学入学",
                Schooling::Grade7 => "小学毕业，升入初中",
                Schooling::Senior1 => "初中毕业，升入高中",
                Schooling::Vocational1 => "初中毕业，升入中职",
                Schooling::HigherVocational1 => "升入高职",
                Schooling::CollegePlus if last.0 != Schooling::CollegePlus => "考入大学",
                _ => "新学年升级",
            };
            schooling.change(d, code(now.0.code()), reason, None);
        }
        if now.1 != last.1 {
            education.change(d, code(now.1.code()), "升学，文化程度变更", None);
        }
        if now.2 != last.2 {
            let reason = match now.2 {
                Labor::Weak => "年满60周岁，劳动能力减弱",
                Labor::NoLabor if idcard::age_on(p.birth, d) >= 70 => "年满70周岁，无劳动能力",
                Labor::NoLabor => "在校就读",
                _ => "离校后从事生产劳动",
            };
            labor.change(d, code(now.2.code()), reason, None);
        }
        last = now;
    }
    let mut periods = Vec::new();
    schooling.write(false, &mut periods);
    education.write(false, &mut periods);
    labor.write(false, &mut periods);
    Life {
        schooling: last.0,
        education: last.1,
        labor: last.2,
        periods,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand::SeedableRng;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_child_of_2008_goes_through_school_and_leaves_it() {
        let mut rng = ChaCha8Rng::seed_from_u64(1);
        let life = live(
            &mut rng,
            &Born {
                birth: d("2008-03-10"),
                health: Health::Healthy,
                lost_labor: false,
                start: d("2014-10-15"),
                today: d("2026-11-01"),
            },
        );
        let schooling: Vec<&FactPeriod> = life
            .periods
            .iter()
            .filter(|p| p.field == "schooling")
            .collect();
        assert!(schooling.len() >= 5, "primary, grade7–9, then on");
        assert_eq!(schooling[0].value, code("primary"));
        assert!(schooling
            .iter()
            .any(|p| p.value == code("grade7") && p.from.is_some_and(|f| f.year() >= 2020)));
        let labor: Vec<&FactPeriod> = life.periods.iter().filter(|p| p.field == "labor").collect();
        if life.schooling == Schooling::NotStudent {
            assert!(matches!(life.labor, Labor::Ordinary | Labor::Skilled));
            assert_eq!(labor[0].value, code("none"));
        }
    }

    #[test]
    fn an_old_man_weakens_at_60_and_stops_at_70() {
        let mut rng = ChaCha8Rng::seed_from_u64(2);
        let life = live(
            &mut rng,
            &Born {
                birth: d("1955-05-02"),
                health: Health::Healthy,
                lost_labor: false,
                start: d("2014-10-15"),
                today: d("2026-01-15"),
            },
        );
        assert_eq!(life.labor, Labor::NoLabor);
        let labor: Vec<&FactPeriod> = life.periods.iter().filter(|p| p.field == "labor").collect();
        assert_eq!(labor.len(), 3);
        assert_eq!(labor[1].from, Some(d("2015-05-02")));
        assert_eq!(labor[1].value, code("weak"));
        assert_eq!(labor[2].from, Some(d("2025-05-02")));
    }
}
