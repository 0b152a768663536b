//! A person's age against school grade, education and labour capacity, and work against
//! labour and school: the county checks on the monitoring system's person rows
//! (`monitoring-export.md`, themes 教育 and 劳动技能), as warnings.

use super::Report;
use crate::codes::{Education, Health, Labor, Schooling};
use crate::model::Member;

/// The ages a school grade admits (county checks 5_12_013…016, 5_17_001…004).
fn grade_ages(s: Schooling) -> Option<(i32, i32, &'static str)> {
    use Schooling::*;
    Some(match s {
        Preschool => (0, 6, "学前教育"),
        Primary => (6, 14, "小学"),
        Grade7 | Grade8 | Grade9 => (12, 17, "初中（七至九年级）"),
        Senior1 | Senior2 | Senior3 | Vocational1 | Vocational2 | Vocational3 => {
            (15, 20, "高中或中职")
        }
        NotStudent | HigherVocational1 | HigherVocational2 | HigherVocational3 | CollegePlus => {
            return None
        }
    })
}

pub(super) fn schooling_age(m: &Member, age: i32, path: &str, r: &mut Report) {
    let Some(s) = m.schooling else { return };
    let Some((low, high, level)) = grade_ages(s) else {
        return;
    };
    if age < low || age > high {
        r.warn(
            path,
            "schooling.age",
            format!(
                "成员“{}”{age}岁，在校生状况为{}，与{level}的年龄（{low}至{high}岁）不符",
                m.name,
                s.label()
            ),
        );
    }
}

/// 文化程度 of someone not in school (a student's level is the grade) against age.
pub(super) fn education_age(m: &Member, age: i32, path: &str, r: &mut Report) {
    let Some(e) = m.education else { return };
    if m.schooling.is_some_and(|s| s.is_student()) {
        return;
    }
    let wrong = match e {
        Education::CollegePlus => age < 18,
        Education::SeniorHigh => age < 15,
        Education::JuniorHigh => age < 12,
        Education::PreschoolChild => age >= 7,
        Education::Primary | Education::Illiterate => (16..=22).contains(&age),
    };
    if wrong {
        r.warn(
            path,
            "education.age",
            format!(
                "成员“{}”{age}岁，文化程度为{}，与年龄不符",
                m.name,
                e.label()
            ),
        );
    }
}

pub(super) fn labor_age(m: &Member, age: i32, student: bool, path: &str, r: &mut Report) {
    let Some(labor) = m.labor else { return };
    let name = &m.name;
    let (rule, message) = if age < 16 && labor != Labor::NoLabor {
        (
            "labor.minor",
            format!("成员“{name}”{age}岁（未满16岁），劳动能力应为无劳动力"),
        )
    } else if age >= 60 && matches!(labor, Labor::Ordinary | Labor::Skilled) {
        (
            "labor.over_60",
            format!(
                "成员“{name}”{age}岁（60岁及以上），劳动能力登记为{}，应为弱劳动力或半劳动力、丧失劳动力或无劳动力",
                labor.label()
            ),
        )
    } else if (16..60).contains(&age)
        && !student
        && m.health == Some(Health::Healthy)
        && matches!(labor, Labor::Weak | Labor::Lost | Labor::NoLabor)
    {
        (
            "labor.healthy_adult",
            format!(
                "成员“{name}”{age}岁、健康、非在校生，劳动能力却登记为{}",
                labor.label()
            ),
        )
    } else {
        return;
    };
    r.warn(path, rule, message);
}

pub(super) fn work(m: &Member, student: bool, path: &str, r: &mut Report) {
    let Some(w) = &m.work else { return };
    let working = w.place.is_some() || w.months.unwrap_or(0) > 0;
    if w.months.unwrap_or(0) > 0 && w.place.is_none() {
        r.warn(
            path,
            "work.months_without_place",
            format!("成员“{}”有务工时间但没有务工状况", m.name),
        );
    }
    if !working {
        return;
    }
    let higher = m.schooling.is_some_and(|s| {
        matches!(
            s,
            Schooling::HigherVocational1
                | Schooling::HigherVocational2
                | Schooling::HigherVocational3
                | Schooling::CollegePlus
        )
    });
    if student && !higher {
        r.warn(
            path,
            "work.student",
            format!("成员“{}”是高中及以下在校生，却登记了务工", m.name),
        );
    } else if matches!(m.labor, Some(Labor::Lost | Labor::NoLabor)) {
        r.warn(
            path,
            "work.without_labor",
            format!(
                "成员“{}”劳动能力为{}，却登记了务工",
                m.name,
                m.labor.map(|l| l.label()).unwrap_or_default()
            ),
        );
    }
}
