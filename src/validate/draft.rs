//! Checking a form's draft: a household as the screen holds it while the cadre types,
//! where a required field may still be empty. Each empty or malformed field becomes a
//! finding at its path; the rest of the household is then checked like a saved one, so
//! the screen holds no rule of its own.

use super::{check_household_on, Finding, Severity};
use crate::model::{Cadre, Household};
use chrono::NaiveDate;
use serde_json::Value;

/// Placeholders tried, in order, for a field that does not read: the first that lets the
/// field read is kept while the rest of the draft is checked. (An enum answers the
/// impossible text with its list of values, and its first value is taken.)
const PROBE: &str = "\u{0}";

/// Findings of a draft household (`value` as the form holds it). A field that is empty
/// where a value is needed reads "此项必须填写"; one of the wrong kind "填写的内容格式不对".
/// Findings about the placeholder values put in their place are dropped.
pub fn check_draft(value: &Value, cadres: &[Cadre], today: NaiveDate) -> Vec<Finding> {
    let code = value
        .get("code")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_string();
    let mut draft = value.clone();
    let mut faults: Vec<(String, bool)> = Vec::new();
    let household = loop {
        match serde_path_to_error::deserialize::<_, Household>(draft.clone()) {
            Ok(h) => break Some(h),
            Err(e) => {
                let (path, empty) = fault(&e);
                if faults.iter().any(|(p, _)| *p == path) || faults.len() > 64 {
                    break None;
                }
                if !patch(&mut draft, &path) {
                    faults.push((path, empty));
                    break None;
                }
                faults.push((path, empty));
            }
        }
    };
    let mut findings: Vec<Finding> = faults
        .iter()
        .map(|(path, empty)| Finding {
            severity: Severity::Error,
            household: code.clone(),
            path: path.clone(),
            rule: if *empty {
                "draft.required"
            } else {
                "draft.format"
            }
            .into(),
            message: if *empty {
                "此项必须填写".into()
            } else {
                "填写的内容格式不对".into()
            },
        })
        .collect();
    if let Some(mut h) = household {
        // A new household and its new members get their ids only on save.
        if h.id.trim().is_empty() {
            h.id = "draft".into();
        }
        for (i, m) in h.members.iter_mut().enumerate() {
            if m.id.trim().is_empty() {
                m.id = format!("draft-{i}");
            }
        }
        h.assign_missing_ids();
        let patched = |p: &str| faults.iter().any(|(f, _)| p == f);
        findings.extend(
            // A form edits today's facts: ages are judged today.
            check_household_on(&h, cadres, today, Some(today), "")
                .into_iter()
                .filter(|f| !patched(&f.path)),
        );
    }
    findings
}

/// Where a draft fails to read, and whether the field is empty (rather than malformed).
/// A missing field is reported by serde at its record; the field itself is named here.
fn fault(e: &serde_path_to_error::Error<serde_json::Error>) -> (String, bool) {
    let path = e.path().to_string();
    let message = e.inner().to_string();
    let empty = message.starts_with("missing field") || message.starts_with("invalid type: null");
    let missing = message
        .strip_prefix("missing field `")
        .and_then(|r| r.split('`').next());
    let path = match missing {
        Some(field) if path == "." => field.to_string(),
        Some(field) => format!("{path}.{field}"),
        None => path,
    };
    (path, empty)
}

/// Puts a value that reads at `path` (`members[1].relation`); false when none does.
fn patch(draft: &mut Value, path: &str) -> bool {
    for candidate in candidates(draft, path) {
        let mut trial = draft.clone();
        if !set(&mut trial, path, candidate) {
            return false;
        }
        match serde_path_to_error::deserialize::<_, Household>(trial.clone()) {
            Ok(_) => {
                *draft = trial;
                return true;
            }
            Err(e) if fault(&e).0 != path => {
                *draft = trial;
                return true;
            }
            Err(_) => {}
        }
    }
    false
}

/// Values to try at `path`: an enum's first value (learnt from its answer to an
/// impossible text), then the plain kinds.
fn candidates(draft: &Value, path: &str) -> Vec<Value> {
    let mut out = Vec::new();
    let mut trial = draft.clone();
    if set(&mut trial, path, Value::String(PROBE.into())) {
        if let Err(e) = serde_path_to_error::deserialize::<_, Household>(trial) {
            let message = e.inner().to_string();
            // The code lists answer "未知代码“…”，应为：wage(工资性收入)、…"; serde's own
            // enums "expected one of `a`, `b`".
            let first = match message.split_once("应为：") {
                Some((_, r)) => r.split('(').next(),
                None => message
                    .split("expected one of `")
                    .nth(1)
                    .and_then(|r| r.split('`').next()),
            };
            if let Some(first) = first {
                out.push(Value::String(first.into()));
            }
        }
    }
    out.extend([
        Value::String(String::new()),
        Value::from(0),
        Value::String("2000-01-01".into()),
        Value::Bool(false),
        Value::Object(Default::default()),
        Value::Array(Vec::new()),
    ]);
    out
}

/// Sets the value at a path of keys and `[i]` indices; false when the path is not there.
fn set(root: &mut Value, path: &str, value: Value) -> bool {
    let mut at = root;
    let steps: Vec<&str> = path.split('.').filter(|s| !s.is_empty()).collect();
    for (n, step) in steps.iter().enumerate() {
        let (key, index) = match step.find('[') {
            Some(i) => (
                &step[..i],
                step[i + 1..].trim_end_matches(']').parse::<usize>().ok(),
            ),
            None => (*step, None),
        };
        let last = n + 1 == steps.len();
        let Some(obj) = at.as_object_mut() else {
            return false;
        };
        if last && index.is_none() {
            obj.insert(key.to_string(), value);
            return true;
        }
        let Some(next) = obj.get_mut(key) else {
            return false;
        };
        at = next;
        if let Some(i) = index {
            let Some(item) = at.as_array_mut().and_then(|a| a.get_mut(i)) else {
                return false;
            };
            if last {
                *item = value;
                return true;
            }
            at = item;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 1, 15).unwrap()
    }

    fn household() -> Value {
        json!({
            "id": "h-1", "code": "360721001001001", "identified_year": 2016,
            "members": [{"id": "m-1", "name": "张三", "relation": "head", "id_number": "360721195001011234"}],
            "income": [], "expenses": [], "rigid_expenses": [], "pairings": [], "visits": [],
            "measures": [], "events": []
        })
    }

    fn at(findings: &[Finding], path: &str) -> Vec<String> {
        findings
            .iter()
            .filter(|f| f.path == path && f.severity == Severity::Error)
            .map(|f| f.message.clone())
            .collect()
    }

    #[test]
    fn empty_required_fields_are_named_and_the_rest_is_still_checked() {
        let mut h = household();
        h["income"] =
            json!([{"year": 2025, "month": 13, "category": null, "item": "", "amount": null}]);
        h["members"][0]["id_number"] = json!("360721195001011235");
        let findings = check_draft(&h, &[], today());
        assert_eq!(at(&findings, "income[0].category"), ["此项必须填写"]);
        assert_eq!(at(&findings, "income[0].amount"), ["此项必须填写"]);
        assert!(at(&findings, "income[0].month")[0].contains("月份应为1至12"));
        assert!(at(&findings, "members[0].id_number")[0].contains("校验位"));
    }

    #[test]
    fn a_field_of_the_wrong_kind_is_named() {
        let mut h = household();
        h["members"][0]["relation"] = json!(7);
        let findings = check_draft(&h, &[], today());
        assert_eq!(at(&findings, "members[0].relation"), ["填写的内容格式不对"]);
    }

    #[test]
    fn a_complete_draft_reads_like_a_saved_household() {
        let findings = check_draft(&household(), &[], today());
        assert!(!findings.iter().any(|f| f.rule.starts_with("draft.")));
    }
}
