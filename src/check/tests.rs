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
