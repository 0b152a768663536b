//! Unit tests of the check's plumbing: findings ordered as the file reads, counts by level.

use super::*;

fn finding(path: &str, rule: &str, level: Level) -> CheckFinding {
    CheckFinding {
        household: "1".into(),
        path: path.into(),
        rule: rule.into(),
        level,
        message: "测试".into(),
    }
}

#[test]
fn paths_order_numbers_as_numbers() {
    let mut v = [
        "households[10].phone",
        "households[9].members[10].labor",
        "households[9].members[2].labor",
    ]
    .map(|p| finding(p, "r", Level::Warning))
    .to_vec();
    v.sort_by_key(|f| order(&f.path));
    let paths: Vec<&str> = v.iter().map(|f| f.path.as_str()).collect();
    assert_eq!(
        paths,
        [
            "households[9].members[2].labor",
            "households[9].members[10].labor",
            "households[10].phone"
        ]
    );
}

#[test]
fn counts_by_level_and_json_shape() {
    let v = vec![
        finding("households[0].status", "status.household_exit", Level::Info),
        finding(
            "households[0].phone",
            "phone.in_two_households",
            Level::Warning,
        ),
        finding(
            "households[1].members[0].id_number",
            "person.in_two_households",
            Level::Error,
        ),
    ];
    assert_eq!(counts(&v), (1, 1, 1));
    let json = serde_json::to_value(&v[2]).unwrap();
    assert_eq!(json["level"], "error");
    assert_eq!(
        json.as_object()
            .unwrap()
            .keys()
            .cloned()
            .collect::<Vec<_>>(),
        ["household", "level", "message", "path", "rule"]
    );
    assert!(v[2].to_string().starts_with("[错误] 户1 households[1]"));
}

/// A household of one 75-year-old without labour, income below the 低保 standard of the
/// year, 低保 as given.
fn alone_without_labor(dibao: bool) -> (crate::model::Household, Policy) {
    use crate::codes::{Health, IncomeCategory, Labor, Relation, Status};
    use crate::model::{Household, IncomeLine, Member};
    let local = crate::rules::LocalPolicy {
        dibao_line: Some(6000.0),
        ..Default::default()
    };
    let on = NaiveDate::from_ymd_opt(2019, 12, 31).unwrap();
    let policy = crate::rules::resolve(2019, on, &local, &crate::rules::Overrides::default())
        .expect("the 2019 policy resolves");
    let household = Household {
        id: "h".into(),
        code: "1".into(),
        status: Some(Status::Exited),
        identified_year: Some(2014),
        exit_year: Some(2017),
        members: vec![Member {
            id: "m".into(),
            name: "王老汉".into(),
            id_number: Some(crate::idcard::build(
                "360729",
                NaiveDate::from_ymd_opt(1944, 3, 1).unwrap(),
                12,
                crate::codes::Sex::Male,
            )),
            relation: Some(Relation::Head),
            health: Some(Health::Chronic),
            labor: Some(Labor::NoLabor),
            dibao: Some(dibao),
            ..Member::default()
        }],
        income: vec![IncomeLine {
            id: None,
            year: 2019,
            month: None,
            category: IncomeCategory::Transfer,
            item: "养老金".into(),
            amount: 1500.0,
            counted: true,
        }],
        ..Household::default()
    };
    (household, policy)
}

#[test]
fn nobody_able_and_poor_enough_for_dibao_without_it_is_named() {
    let rules_of = |dibao: bool| {
        let (h, policy) = alone_without_labor(dibao);
        let on = policy.as_of;
        let found = check_village(&CheckInput {
            households: std::slice::from_ref(&h),
            cadres: &[],
            policy: &policy,
            on,
            today: on,
            elsewhere: &[],
            at_identification: &Default::default(),
            village: None,
        });
        found
            .into_iter()
            .map(|f| (f.path, f.rule))
            .collect::<Vec<_>>()
    };
    let hit = (
        "households[0].members".to_string(),
        "benefit.no_labor_without_dibao".to_string(),
    );
    assert!(
        rules_of(false).contains(&hit),
        "nobody able, income below the 低保 standard, no 低保: named, got {:?}",
        rules_of(false)
    );
    assert!(
        !rules_of(true).contains(&hit),
        "the same household on 低保 is not named"
    );
}

#[test]
fn one_person_by_id_card_and_by_disability_certificate_is_found_in_two_households() {
    use crate::codes::DocumentKind;
    use crate::model::{Household, Member};
    let id = "360729195501015717";
    let person = |n: &str, number: String, document| Member {
        id: n.into(),
        name: "钟老汉".into(),
        id_number: Some(number),
        document,
        ..Member::default()
    };
    let household = |code: &str, m: Member| Household {
        id: code.into(),
        code: code.into(),
        members: vec![m],
        ..Household::default()
    };
    let households = [
        household("1", person("m-1", id.into(), None)),
        household(
            "2",
            person(
                "m-2",
                format!("{id}42"),
                Some(DocumentKind::DisabilityCertificate),
            ),
        ),
    ];
    let mut out = Vec::new();
    across::check(
        &households,
        chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(),
        &mut out,
    );
    assert!(
        out.iter().any(|f| f.rule == "person.in_two_households"),
        "the certificate is the same person's ID plus class and grade: {out:?}"
    );
}
