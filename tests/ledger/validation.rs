//! Every validation rule with a real bad input and its Chinese message (table-driven from
//! `tests/data/validation_cases.json` and `warning_cases.json`).

use crate::common::{json, today};
use serde_json::Value;
use yibentong::model::{Household, VillageDocument};
use yibentong::validate::{check_household, Severity};

fn base() -> (VillageDocument, Value) {
    let doc: VillageDocument =
        serde_json::from_value(json("village.json")).expect("the valid fixture parses");
    let household = json("village.json")["households"][0].clone();
    (doc, household)
}

fn apply(mut household: Value, set: &Value) -> Household {
    for pair in set.as_array().unwrap() {
        let pointer = pair[0].as_str().unwrap();
        match household.pointer_mut(pointer) {
            Some(slot) => *slot = pair[1].clone(),
            None => {
                // A key the fixture leaves out: add it to its object.
                let (parent, key) = pointer.rsplit_once('/').unwrap();
                let object = household
                    .pointer_mut(parent)
                    .unwrap_or_else(|| panic!("{parent} exists in the fixture"));
                object[key] = pair[1].clone();
            }
        }
    }
    serde_json::from_value(household).expect("a case changes values, not the shape")
}

#[test]
fn the_valid_fixture_has_no_errors() {
    let (doc, _) = base();
    for (i, h) in doc.households.iter().enumerate() {
        let errors: Vec<_> = check_household(h, &doc.cadres, today(), "")
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert!(
            errors.is_empty(),
            "household {i} of village.json should be valid, got {errors:?}"
        );
    }
}

fn run_cases(file: &str, severity: Severity) {
    let (doc, household) = base();
    let cases = json(file);
    let cases = cases.as_array().unwrap();
    assert!(cases.len() >= 8, "{file} holds the cases");
    for case in cases {
        let name = case["name"].as_str().unwrap();
        let h = apply(household.clone(), &case["set"]);
        let findings = check_household(&h, &doc.cadres, today(), "");
        let path = case["path"].as_str().unwrap();
        let message = case["message"].as_str().unwrap();
        // Several findings may share a field (a student of 7 with full labour is both a
        // minor and a student): the case's is the one with its message.
        let hit = findings
            .iter()
            .filter(|f| f.path == path && f.severity == severity)
            .find(|f| f.message.contains(message))
            .or_else(|| {
                findings
                    .iter()
                    .find(|f| f.path == path && f.severity == severity)
            });
        let hit = hit.unwrap_or_else(|| {
            panic!("case “{name}”: expected a {severity:?} at {path}, got {findings:#?}")
        });
        assert!(
            hit.message.contains(message),
            "case “{name}”: message “{}” should contain “{message}”",
            hit.message
        );
        assert_eq!(
            hit.household, "3607291010990001",
            "case “{name}”: the finding names the household code"
        );
    }
}

#[test]
fn every_error_rule_rejects_its_bad_input_with_a_chinese_message() {
    run_cases("validation_cases.json", Severity::Error);
}

#[test]
fn consistency_checks_are_warnings_not_errors() {
    run_cases("warning_cases.json", Severity::Warning);
    let (doc, household) = base();
    for case in json("warning_cases.json").as_array().unwrap() {
        let h = apply(household.clone(), &case["set"]);
        let errors: Vec<_> = check_household(&h, &doc.cadres, today(), "")
            .into_iter()
            .filter(|f| f.severity == Severity::Error)
            .collect();
        assert!(
            errors.is_empty(),
            "warning case “{}” must not block: {errors:?}",
            case["name"]
        );
    }
}
