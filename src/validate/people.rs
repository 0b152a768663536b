//! A person's age against school grade, education and labour capacity, work against
//! labour, school, age and 特困供养, and disability against its grade and labour: the
//! county checks on the monitoring system's person rows (`monitoring-export.md`, themes
//! 教育, 健康, 劳动技能 and 务工), as warnings.

use super::Report;
use crate::codes::{Education, EducationDetail, Health, Labor, Schooling, SchoolingDetail, Tekun};
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
    // 在读硕士生及以上 under 20 (5_12_018, 5_17_006).
    let postgraduate =
        s == Schooling::CollegePlus && m.schooling_detail == Some(SchoolingDetail::Postgraduate);
    if postgraduate && age < 20 {
        r.warn(
            path,
            "schooling.age",
            format!(
                "成员“{}”{age}岁，在校生状况为硕士生及以上，未满20岁，请核实",
                m.name
            ),
        );
    }
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

/// 文化程度 of someone not in school (a student's level is the grade) against age: 大专 and
/// above, and 技师, under 18 (the county's 5_12_017, 5_17_005); 小学 or 文盲 at 16–22
/// (5_12_019, 5_17_007); a level below its school age.
pub(super) fn education_age(m: &Member, age: i32, path: &str, r: &mut Report) {
    let Some(e) = m.education else { return };
    if m.schooling.is_some_and(|s| s.is_student()) {
        return;
    }
    let technician = m.education_detail == Some(EducationDetail::Technician);
    let wrong = match e {
        Education::CollegePlus => age < 18,
        Education::SeniorHigh => age < 15 || (technician && age < 18),
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
                m.education_label().unwrap_or(e.label())
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

/// Disability against its grade and labour: a disabled member without the grade of the
/// 残疾人证 (4_01_002, 4_12_003: the certificate itself has no field), and a severe
/// disability (grade 1–2) with full labour (4_01_007, 4_01_008).
pub(super) fn disability(m: &Member, at: &dyn Fn(&str) -> String, r: &mut Report) {
    if m.health != Some(Health::Disabled) {
        return;
    }
    match m.disability_grade {
        None => r.warn(
            &at("disability_grade"),
            "disability.grade_missing",
            format!(
                "成员“{}”健康状况为残疾，但未填写残疾等级：请按残疾人证填写等级，未办证的请协助办理残疾人证",
                m.name
            ),
        ),
        Some(g @ (1 | 2)) if matches!(m.labor, Some(Labor::Ordinary | Labor::Skilled)) => r.warn(
            &at("labor"),
            "labor.severe_disability",
            format!(
                "成员“{}”为{g}级残疾（重度），劳动能力却登记为{}：请核实残疾等级或劳动能力",
                m.name,
                m.labor.map(|l| l.label()).unwrap_or_default()
            ),
        ),
        Some(_) => {}
    }
}

/// 送教上门 or another exemption from school recorded for a healthy child: the county
/// accepts only illness or disability as the reason (2_01_012).
pub(super) fn exemption(m: &Member, path: &str, r: &mut Report) {
    if m.schooling_exempt == Some(true) && m.health == Some(Health::Healthy) {
        r.warn(
            path,
            "schooling.exempt_healthy",
            format!(
                "成员“{}”登记了免于在校（送教上门等），但健康状况为健康：因病、因残免除的请核实健康状况，否则应入学",
                m.name
            ),
        );
    }
}

pub(super) fn work(m: &Member, student: bool, age: Option<i32>, path: &str, r: &mut Report) {
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
    } else if let Some(age) = age.filter(|a| *a < 16) {
        r.warn(
            path,
            "work.minor",
            format!(
                "成员“{}”{age}岁（未满16周岁），却登记了务工：请核实年龄或务工情况",
                m.name
            ),
        );
    } else if matches!(m.tekun, Some(Tekun::Dispersed | Tekun::Centralized)) {
        r.warn(
            path,
            "work.tekun",
            format!(
                "成员“{}”享受特困供养，却登记了务工：特困人员应无劳动能力，请核实供养资格或务工情况",
                m.name
            ),
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

#[cfg(test)]
mod tests {
    use super::{education_age, schooling_age};
    use crate::codes::{Education as E, EducationDetail as D, Schooling, SchoolingDetail as SD};
    use crate::model::Member;
    use crate::validate::Report;

    fn warned(education: E, detail: Option<D>, age: i32, schooling: Option<Schooling>) -> bool {
        let m = Member {
            name: "李娟".into(),
            education: Some(education),
            education_detail: detail,
            schooling,
            ..Member::default()
        };
        let mut r = Report::new("h", "");
        education_age(&m, age, "members[0].education", &mut r);
        r.findings.iter().any(|f| f.rule == "education.age")
    }

    #[test]
    fn a_postgraduate_under_20_is_warned_as_the_countys_checks_do() {
        let warned = |age: i32, detail: Option<SD>| {
            let m = Member {
                name: "李娟".into(),
                schooling: Some(Schooling::CollegePlus),
                schooling_detail: detail,
                ..Member::default()
            };
            let mut r = Report::new("h", "");
            schooling_age(&m, age, "members[0].schooling", &mut r);
            r.findings.iter().any(|f| f.rule == "schooling.age")
        };
        // 5_12_018, 5_17_006: 在读硕士生及以上 but under 20.
        assert!(warned(19, Some(SD::Postgraduate)));
        assert!(!warned(20, Some(SD::Postgraduate)));
        assert!(!warned(19, None), "大专及以上 at 19 is no finding");
    }

    #[test]
    fn education_is_judged_against_age_as_the_countys_checks_do() {
        let table = [
            // 大专 and above, and 技师, under 18 (5_12_017, 5_17_005).
            (E::CollegePlus, None, 17, None, true),
            (E::CollegePlus, Some(D::Bachelor), 17, None, true),
            (E::CollegePlus, Some(D::Bachelor), 22, None, false),
            (E::SeniorHigh, Some(D::Technician), 17, None, true),
            (E::SeniorHigh, Some(D::Technician), 18, None, false),
            (E::SeniorHigh, None, 17, None, false),
            (E::SeniorHigh, None, 14, None, true),
            // 小学 or 文盲 at 16–22 (5_12_019, 5_17_007).
            (E::Primary, None, 16, None, true),
            (E::Illiterate, None, 22, None, true),
            (E::Primary, None, 23, None, false),
            // A student's level is the grade: not judged.
            (E::CollegePlus, None, 17, Some(Schooling::Senior3), false),
        ];
        for (education, detail, age, schooling, expected) in table {
            assert_eq!(
                warned(education, detail, age, schooling),
                expected,
                "{education:?} {detail:?} at {age}, {schooling:?}"
            );
        }
    }
}
