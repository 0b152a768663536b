//! 两不愁三保障 and safe drinking water: the five guarantees a household needs to exit.
//!
//! Each check looks at every registered member where it applies and gives one reason per
//! member at fault (so the what-if can name them) or one summary reason when all are met.
//! A field that is not recorded makes the check `unknown` and is named in `missing`;
//! the one exception is `schooling_exempt`: an out-of-school child counts as not exempt
//! unless an exemption is recorded, because an exemption is by definition a record.

use super::household::Facts;
use super::verdict::{Quantity, Reason, Rule, Verdict};
use super::wording::{cite, EXIT_CRITERIA};
use crate::codes::{Education, HouseGrade};
use crate::model::Member;

fn reason(criterion: &'static str, met: Option<bool>, text: String) -> Reason {
    Reason {
        criterion,
        met,
        value: None,
        threshold: None,
        text,
        shortfall: None,
    }
}

fn flag(criterion: &'static str, met: Option<bool>, text: String, shortfall: &str) -> Reason {
    Reason {
        value: met.map(Quantity::Flag),
        threshold: Some(Quantity::Flag(true)),
        shortfall: (met == Some(false)).then(|| shortfall.to_string()),
        ..reason(criterion, met, text)
    }
}

/// 不愁吃、不愁穿: the cadre's recorded assessment.
pub(crate) fn food_clothing(f: &Facts) -> Verdict {
    let met = f.household.food_clothing_secure;
    let text = match met {
        Some(true) => format!("帮扶干部核实该户不愁吃、不愁穿{EXIT_CRITERIA}"),
        Some(false) => format!("帮扶干部记录该户尚未做到不愁吃、不愁穿{EXIT_CRITERIA}"),
        None => "未记录“不愁吃、不愁穿”核实结果，无法判断".to_string(),
    };
    let missing = if met.is_none() {
        vec!["food_clothing_secure".to_string()]
    } else {
        Vec::new()
    };
    let r = flag("food_clothing_secure", met, text, "尚未做到不愁吃、不愁穿");
    Verdict::all_of(Rule::FoodClothing, vec![r], missing)
}

/// 义务教育有保障: no child of compulsory-school age out of school without an exemption.
pub(crate) fn compulsory_education(f: &Facts) -> Verdict {
    let p = f.policy;
    let (min, max) = (p.school_age_min.value as i32, p.school_age_max.value as i32);
    let source = cite(&p.school_age_min);
    let mut reasons = Vec::new();
    let mut missing = Vec::new();
    for person in &f.people {
        let m = person.member;
        if m.schooling.is_some_and(|s| s.is_student()) {
            continue;
        }
        let Some(age) = person.age else {
            missing.push(person.path("id_number"));
            let text = format!(
                "成员{}身份证号缺失或无效，无法判断是否为{min}–{max}周岁义务教育适龄人口",
                person.name()
            );
            reasons.push(reason("school_attendance", None, text));
            continue;
        };
        if age < min || age > max {
            continue;
        }
        let name = person.name();
        let (met, text, shortfall) = match (m.schooling, m.schooling_exempt) {
            (None, _) => {
                missing.push(person.path("schooling"));
                (
                    None,
                    format!("成员{name}（{age}周岁）未记录在校生状况，无法判断是否失学辍学"),
                    None,
                )
            }
            (Some(_), Some(true)) => (
                Some(true),
                format!("成员{name}（{age}周岁）未在校，但有送教上门或其他免除记录{source}"),
                None,
            ),
            // 文化程度 is the level completed: 初中 or above means nine years done.
            (Some(_), _)
                if matches!(
                    m.education,
                    Some(Education::JuniorHigh | Education::SeniorHigh | Education::CollegePlus)
                ) =>
            {
                (
                    Some(true),
                    format!("成员{name}（{age}周岁）已初中毕业，完成九年义务教育{source}"),
                    None,
                )
            }
            (Some(_), _) => {
                let short = format!(
                    "成员{name}（{age}周岁）处于{min}–{max}周岁义务教育阶段，未在校且无免除记录"
                );
                (Some(false), format!("{short}{source}"), Some(short))
            }
        };
        reasons.push(Reason {
            criterion: "school_attendance",
            met,
            value: Some(Quantity::Number(f64::from(age))),
            threshold: Some(Quantity::Code("in_school")),
            text,
            shortfall,
        });
    }
    if reasons.is_empty() {
        let text = if f.people.is_empty() {
            missing.push("members".to_string());
            "未登记家庭成员，无法判断".to_string()
        } else {
            format!("家中没有{min}–{max}周岁未在校的义务教育适龄儿童{source}")
        };
        let met = (!f.people.is_empty()).then_some(true);
        reasons.push(reason("school_attendance", met, text));
    }
    Verdict::all_of(Rule::CompulsoryEducation, reasons, missing)
}

/// One insurance a member must have for 基本医疗有保障.
struct Insurance<'p> {
    criterion: &'static str,
    done: &'static str,
    not_done: &'static str,
    field: fn(&Member) -> Option<bool>,
    source: &'p str,
}

/// Insured for basic medical care: as a rural resident or as an employee (either will do;
/// not recorded when the resident insurance is not and the employee one is not a yes).
fn basic_medical_insurance(m: &Member) -> Option<bool> {
    match (m.medical_insurance, m.employee_medical_insurance) {
        (Some(true), _) | (_, Some(true)) => Some(true),
        (resident, _) => resident,
    }
}

/// 基本医疗有保障: every member insured as the policy requires.
pub(crate) fn basic_medical(f: &Facts) -> Verdict {
    let p = f.policy;
    let mut reasons = Vec::new();
    let mut missing = Vec::new();
    let mut checks = vec![Insurance {
        criterion: "medical_insurance",
        done: "参加基本医疗保险（城乡居民或城镇职工）",
        not_done: "未参加城乡居民或城镇职工基本医疗保险",
        field: basic_medical_insurance,
        source: EXIT_CRITERIA,
    }];
    if p.serious_illness_insurance_required.value {
        checks.push(Insurance {
            criterion: "serious_illness_insurance",
            done: "参加大病保险",
            not_done: "未参加大病保险",
            field: |m| m.serious_illness_insurance,
            source: cite(&p.serious_illness_insurance_required),
        });
    }
    if p.family_doctor_required.value {
        checks.push(Insurance {
            criterion: "family_doctor",
            done: "签约家庭医生",
            not_done: "未签约家庭医生",
            field: |m| m.family_doctor,
            source: cite(&p.family_doctor_required),
        });
    }
    if f.people.is_empty() {
        missing.push("members".to_string());
        reasons.push(reason(
            "medical_insurance",
            None,
            "未登记家庭成员，无法判断".to_string(),
        ));
    }
    for Insurance {
        criterion,
        done,
        not_done,
        field,
        source,
    } in checks
    {
        let before = reasons.len();
        let mut insured = 0;
        for person in &f.people {
            match field(person.member) {
                Some(true) => insured += 1,
                Some(false) => {
                    let short = format!("成员{}{not_done}", person.name());
                    reasons.push(flag(
                        criterion,
                        Some(false),
                        format!("{short}{source}"),
                        &short,
                    ));
                }
                None => {
                    missing.push(person.path(criterion));
                    let text = format!("成员{}未记录是否{done}，无法判断", person.name());
                    reasons.push(flag(criterion, None, text, ""));
                }
            }
        }
        if reasons.len() == before && !f.people.is_empty() {
            let n = f.people.len() as f64;
            reasons.push(Reason {
                value: Some(Quantity::Number(f64::from(insured))),
                threshold: Some(Quantity::Number(n)),
                ..reason(
                    criterion,
                    Some(true),
                    format!("全部{n}名成员均已{done}{source}"),
                )
            });
        }
    }
    Verdict::all_of(Rule::BasicMedical, reasons, missing)
}

/// 住房安全有保障: house grade A or B, or relocated and moved in.
pub(crate) fn housing_safety(f: &Facts) -> Verdict {
    let c = &f.household.conditions;
    let moved_in = c.relocation.as_ref().and_then(|r| r.moved_in);
    let safe = |g: HouseGrade| matches!(g, HouseGrade::A | HouseGrade::B);
    let mut missing = Vec::new();
    let r = match (moved_in, c.house_grade) {
        (Some(true), _) => Reason {
            value: Some(Quantity::Flag(true)),
            threshold: Some(Quantity::Flag(true)),
            ..reason(
                "relocation_moved_in",
                Some(true),
                format!("易地扶贫搬迁已入住新居{EXIT_CRITERIA}"),
            )
        },
        (_, Some(g)) => {
            let met = safe(g);
            let text = if met {
                format!("住房为{}，属安全住房（A、B级）{EXIT_CRITERIA}", g.label())
            } else {
                format!(
                    "住房为{}，不属A、B级安全住房，需改造或搬迁{EXIT_CRITERIA}",
                    g.label()
                )
            };
            Reason {
                value: Some(Quantity::Code(g.code())),
                threshold: Some(Quantity::Code("A|B")),
                shortfall: (!met).then(|| format!("住房为{}，需危房改造或搬迁", g.label())),
                ..reason("house_grade", Some(met), text)
            }
        }
        (moved, None) => {
            missing.push("conditions.house_grade".to_string());
            if c.relocation.is_some() && moved.is_none() {
                missing.push("conditions.relocation.moved_in".to_string());
            }
            reason(
                "house_grade",
                None,
                "未记录住房安全等级（危房鉴定），无法判断".to_string(),
            )
        }
    };
    Verdict::all_of(Rule::HousingSafety, vec![r], missing)
}

/// 饮水安全有保障: safe on quantity, quality, convenience and supply guarantee.
pub(crate) fn drinking_water(f: &Facts) -> Verdict {
    let met = f.household.conditions.drinking_water_safe;
    let text = match met {
        Some(true) => {
            format!("饮水安全（水量、水质、用水方便程度、供水保证率）均达标{EXIT_CRITERIA}")
        }
        Some(false) => {
            format!("饮水安全未达标（水量、水质、用水方便程度或供水保证率）{EXIT_CRITERIA}")
        }
        None => "未记录饮水安全情况，无法判断".to_string(),
    };
    let missing = if met.is_none() {
        vec!["conditions.drinking_water_safe".to_string()]
    } else {
        Vec::new()
    };
    let r = flag("drinking_water_safe", met, text, "饮水安全未达标");
    Verdict::all_of(Rule::DrinkingWater, vec![r], missing)
}
