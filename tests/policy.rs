//! Policy cases as data: every `tests/data/policy/*.json` file, every case, every rule.
//!
//! A file holds a `base` household (exchange v1 HOUSEHOLD) and cases. A case names the
//! year (and optionally `as_of`, a `local` policy and `overrides`), changes the base with
//! `set` (`"members[1].medical_insurance": false`; `null` removes a key or an array
//! element; the index one past the end appends), and lists the expected outcome per rule
//! (`"yes"`, or `{ "outcome", "kind", "missing", "text_contains" }`), the expected
//! per-capita income, what-if lines and report text. Village cases give `village` and
//! `households` (each a `set` over the base) and `expect_village`.
//! Every failure names the file, the case and the rule; all failures are listed at once.

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{Map, Value};
use std::collections::BTreeMap;
use yibentong::model::{Household, Village};
use yibentong::rules::{self, Assessment, LocalPolicy, Overrides, Rule};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CaseFile {
    #[allow(dead_code)]
    description: String,
    base: Value,
    cases: Vec<Case>,
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct Lines {
    poverty_line: Option<f64>,
    monitoring_line: Option<f64>,
    dibao_line: Option<f64>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Case {
    name: String,
    #[allow(dead_code)]
    description: String,
    year: i32,
    #[serde(default)]
    as_of: Option<NaiveDate>,
    #[serde(default)]
    local: LocalPolicy,
    #[serde(default)]
    overrides: Lines,
    #[serde(default)]
    set: Map<String, Value>,
    #[serde(default)]
    income: Option<IncomeExpect>,
    #[serde(default)]
    expect: BTreeMap<String, Expect>,
    #[serde(default)]
    what_if: Option<WhatIfExpect>,
    #[serde(default)]
    report_contains: Vec<String>,
    #[serde(default)]
    village: Option<Value>,
    #[serde(default)]
    households: Vec<Patch>,
    #[serde(default)]
    expect_village: Option<VillageExpect>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum IncomeExpect {
    Yuan(f64),
    Unknown(#[allow(dead_code)] String),
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Expect {
    Outcome(String),
    Full(FullExpect),
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FullExpect {
    outcome: String,
    #[serde(default)]
    kind: Option<String>,
    #[serde(default)]
    missing: Option<Vec<String>>,
    #[serde(default)]
    text_contains: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct WhatIfExpect {
    #[serde(default)]
    lines_contain: Vec<String>,
    #[serde(default)]
    rises: Option<BTreeMap<String, f64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Patch {
    set: Map<String, Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct VillageExpect {
    village_exit: Expect,
    #[serde(default)]
    incidence: Option<f64>,
    #[serde(default)]
    threshold: Option<f64>,
    #[serde(default)]
    poor_persons: Option<u32>,
    #[serde(default)]
    by_status: Option<BTreeMap<String, usize>>,
    /// `CODE:rule` for every expected disagreement, in order.
    #[serde(default)]
    disagreements: Option<Vec<String>>,
    #[serde(default)]
    report_contains: Vec<String>,
}

/// Applies `"a.b[2].c": value` changes to a JSON document.
fn apply(doc: &mut Value, set: &Map<String, Value>) -> Result<(), String> {
    for (path, value) in set {
        let mut parts: Vec<(String, Option<usize>)> = Vec::new();
        for seg in path.split('.') {
            match seg.split_once('[') {
                Some((key, idx)) => {
                    let i = idx
                        .trim_end_matches(']')
                        .parse()
                        .map_err(|_| format!("bad path {path}"))?;
                    parts.push((key.to_string(), Some(i)));
                }
                None => parts.push((seg.to_string(), None)),
            }
        }
        let (last, init) = parts.split_last().ok_or("empty path")?;
        let mut cur = &mut *doc;
        for (key, idx) in init {
            let obj = cur
                .as_object_mut()
                .ok_or(format!("{path}: {key} is not in an object"))?;
            cur = obj.entry(key.clone()).or_insert_with(|| {
                if idx.is_some() {
                    Value::Array(Vec::new())
                } else {
                    Value::Object(Map::new())
                }
            });
            if let Some(i) = idx {
                cur = cur
                    .as_array_mut()
                    .and_then(|a| a.get_mut(*i))
                    .ok_or(format!("{path}: no element {i}"))?;
            }
        }
        let obj = cur
            .as_object_mut()
            .ok_or(format!("{path}: parent is not an object"))?;
        match (last, value) {
            ((key, None), Value::Null) => {
                obj.remove(key);
            }
            ((key, None), v) => {
                obj.insert(key.clone(), v.clone());
            }
            ((key, Some(i)), v) => {
                let arr = obj
                    .entry(key.clone())
                    .or_insert_with(|| Value::Array(Vec::new()));
                let arr = arr.as_array_mut().ok_or(format!("{path}: not an array"))?;
                match (v, *i == arr.len()) {
                    (Value::Null, _) if *i < arr.len() => {
                        arr.remove(*i);
                    }
                    (v, true) => arr.push(v.clone()),
                    (v, false) if *i < arr.len() => arr[*i] = v.clone(),
                    _ => return Err(format!("{path}: index {i} out of range")),
                }
            }
        }
    }
    Ok(())
}

fn household(base: &Value, set: &Map<String, Value>) -> Result<Household, String> {
    let mut doc = base.clone();
    apply(&mut doc, set)?;
    let h: Household =
        serde_json::from_value(doc).map_err(|e| format!("household does not parse: {e}"))?;
    for (i, m) in h.members.iter().enumerate() {
        if m.id_number.is_some() && m.birth_date().is_none() {
            return Err(format!(
                "members[{i}].id_number {:?} is not a valid ID number",
                m.id_number
            ));
        }
    }
    Ok(h)
}

fn check_expect(
    failures: &mut Vec<String>,
    at: &str,
    rule: &str,
    expect: &Expect,
    v: Option<&rules::Verdict>,
) {
    let Some(v) = v else {
        failures.push(format!("{at}, rule {rule}: expected a verdict, found none"));
        return;
    };
    let got = serde_json::to_value(v).unwrap();
    let (outcome, full) = match expect {
        Expect::Outcome(o) => (o.as_str(), None),
        Expect::Full(f) => (f.outcome.as_str(), Some(f)),
    };
    let reasons: Vec<&str> = v.reasons.iter().map(|r| r.text.as_str()).collect();
    if got["outcome"] != outcome {
        failures.push(format!(
            "{at}, rule {rule}: expected outcome {outcome}, got {} (missing {:?}; reasons {reasons:?})",
            got["outcome"], v.missing
        ));
    }
    let Some(f) = full else { return };
    if let Some(kind) = &f.kind {
        if got["kind"] != kind.as_str() {
            failures.push(format!(
                "{at}, rule {rule}: expected kind {kind}, got {}",
                got["kind"]
            ));
        }
    }
    if let Some(missing) = &f.missing {
        if &v.missing != missing {
            failures.push(format!(
                "{at}, rule {rule}: expected missing {missing:?}, got {:?}",
                v.missing
            ));
        }
    }
    for needle in &f.text_contains {
        if !reasons.iter().any(|t| t.contains(needle.as_str())) {
            failures.push(format!(
                "{at}, rule {rule}: expected a reason containing “{needle}”, got {reasons:?}"
            ));
        }
    }
}

/// The shape every assessment must have (spec "Assessment output").
fn check_shape(failures: &mut Vec<String>, at: &str, a: &Assessment) {
    let json = serde_json::to_value(a).unwrap();
    let keys: Vec<&str> = json
        .as_object()
        .unwrap()
        .keys()
        .map(String::as_str)
        .collect();
    let want = [
        "as_of",
        "household",
        "per_capita_net_income",
        "policy",
        "verdicts",
        "year",
    ];
    if keys != want {
        failures.push(format!(
            "{at}: expected exactly the spec keys {want:?}, got {keys:?}"
        ));
    }
    let rules: Vec<Rule> = a.verdicts.iter().map(|v| v.rule).collect();
    if rules != Rule::HOUSEHOLD {
        failures.push(format!(
            "{at}: expected every household rule once in spec order, got {rules:?}"
        ));
    }
    for v in &a.verdicts {
        if v.kind.is_some() != (v.rule == Rule::Monitoring && v.outcome == rules::Outcome::Yes) {
            failures.push(format!(
                "{at}, rule {}: expected kind only on a monitoring yes",
                v.rule.name()
            ));
        }
        if v.outcome == rules::Outcome::Unknown && v.missing.is_empty() {
            failures.push(format!(
                "{at}, rule {}: expected missing fields for an unknown outcome",
                v.rule.name()
            ));
        }
        for r in &v.reasons {
            if r.met.is_some() && !r.text.contains("依据") {
                failures.push(format!(
                    "{at}, rule {}: expected the reason to cite its source: {}",
                    v.rule.name(),
                    r.text
                ));
            }
        }
    }
}

fn run_case(
    failures: &mut Vec<String>,
    file: &str,
    base: &Value,
    case: &Case,
) -> Result<(), String> {
    let at = format!("{file} / {}", case.name);
    let as_of = case
        .as_of
        .or_else(|| rules::year_end(case.year))
        .ok_or("bad year")?;
    let overrides = Overrides {
        poverty_line: case.overrides.poverty_line,
        monitoring_line: case.overrides.monitoring_line,
        dibao_line: case.overrides.dibao_line,
    };
    let policy =
        rules::resolve(case.year, as_of, &case.local, &overrides).map_err(|e| e.to_string())?;
    if let Some(vx) = &case.expect_village {
        let village: Village =
            serde_json::from_value(case.village.clone().ok_or("village case without village")?)
                .map_err(|e| format!("village does not parse: {e}"))?;
        let households = case
            .households
            .iter()
            .map(|p| household(base, &p.set))
            .collect::<Result<Vec<_>, _>>()?;
        let va = rules::assess_village(&village, &households, &policy);
        let json = serde_json::to_value(&va).unwrap();
        let keys: Vec<&str> = json
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        for k in [
            "village",
            "year",
            "incidence",
            "poor_persons",
            "rural_population",
            "verdicts",
            "households",
        ] {
            if !keys.contains(&k) {
                failures.push(format!("{at}: expected the village key {k}"));
            }
        }
        check_expect(
            failures,
            &at,
            "village_exit",
            &vx.village_exit,
            va.verdicts.first(),
        );
        let close = |a: Option<f64>, b: f64| a.is_some_and(|a| (a - b).abs() < 1e-9);
        if let Some(i) = vx.incidence.filter(|i| !close(va.incidence, *i)) {
            failures.push(format!(
                "{at}, rule village_exit: expected incidence {i}, got {:?}",
                va.incidence
            ));
        }
        if let Some(t) = vx
            .threshold
            .filter(|t| !close(va.verdicts[0].threshold, *t))
        {
            failures.push(format!(
                "{at}, rule village_exit: expected threshold {t}, got {:?}",
                va.verdicts[0].threshold
            ));
        }
        if let Some(p) = vx.poor_persons.filter(|p| *p != va.poor_persons) {
            failures.push(format!(
                "{at}, rule village_exit: expected {p} poor persons, got {}",
                va.poor_persons
            ));
        }
        if let Some(s) = &vx.by_status {
            let got: BTreeMap<String, usize> = va
                .inspector
                .by_status
                .iter()
                .map(|(k, v)| (k.to_string(), *v))
                .collect();
            if &got != s {
                failures.push(format!(
                    "{at}, inspector: expected households by status {s:?}, got {got:?}"
                ));
            }
        }
        if let Some(d) = &vx.disagreements {
            let got: Vec<String> = va
                .inspector
                .disagreements
                .iter()
                .map(|x| format!("{}:{}", x.household, x.rule.name()))
                .collect();
            if &got != d {
                let why: Vec<&str> = va
                    .inspector
                    .disagreements
                    .iter()
                    .map(|x| x.reason.as_str())
                    .collect();
                failures.push(format!(
                    "{at}, inspector: expected disagreements {d:?}, got {got:?} ({why:?})"
                ));
            }
        }
        let report = rules::village_report(&va);
        if std::env::var("POLICY_CASE").is_ok_and(|n| n == case.name) {
            println!(
                "{}\n{report}",
                serde_json::to_string_pretty(&va.inspector).unwrap()
            );
        }
        for needle in vx
            .report_contains
            .iter()
            .filter(|n| !report.contains(n.as_str()))
        {
            failures.push(format!(
                "{at}, village report: expected “{needle}” in\n{report}"
            ));
        }
        return Ok(());
    }
    let h = household(base, &case.set)?;
    let a = rules::assess_household(&h, &policy);
    check_shape(failures, &at, &a);
    match (&case.income, a.per_capita_net_income) {
        (Some(IncomeExpect::Yuan(want)), got) if got != Some(*want) => {
            failures.push(format!(
                "{at}, per_capita_net_income: expected {want}, got {got:?}"
            ));
        }
        (Some(IncomeExpect::Unknown(_)), Some(got)) => {
            failures.push(format!(
                "{at}, per_capita_net_income: expected unknown (null), got {got}"
            ));
        }
        _ => {}
    }
    for (rule, expect) in &case.expect {
        let v = a.verdicts.iter().find(|v| v.rule.name() == rule);
        check_expect(failures, &at, rule, expect, v);
    }
    if let Some(w) = &case.what_if {
        let got = rules::what_if(&h, &policy, &a);
        for needle in &w.lines_contain {
            if !got.lines.iter().any(|l| l.contains(needle.as_str())) {
                failures.push(format!(
                    "{at}, what-if: expected a line containing “{needle}”, got {:?}",
                    got.lines
                ));
            }
        }
        if let Some(rises) = &w.rises {
            let have: BTreeMap<String, f64> = got
                .income_rises
                .iter()
                .map(|r| (r.rule.name().to_string(), r.annual_household))
                .collect();
            if &have != rises {
                failures.push(format!(
                    "{at}, what-if: expected income rises {rises:?}, got {have:?}"
                ));
            }
        }
    }
    let report = rules::household_report(&a);
    if std::env::var("POLICY_CASE").is_ok_and(|n| n == case.name) {
        // Debugging aid: POLICY_CASE=name cargo test --test policy -- --nocapture
        let w = rules::what_if(&h, &policy, &a);
        println!(
            "{}\n{report}\n{}",
            serde_json::to_string_pretty(&a).unwrap(),
            rules::what_if_report(&w)
        );
    }
    for needle in case
        .report_contains
        .iter()
        .filter(|n| !report.contains(n.as_str()))
    {
        failures.push(format!("{at}, report: expected “{needle}” in\n{report}"));
    }
    Ok(())
}

#[test]
fn policy_cases() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/policy");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/data/policy exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 5,
        "expected the policy case files, found {files:?}"
    );
    let mut failures = Vec::new();
    let mut count = 0;
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let file: CaseFile = match serde_json::from_str(&text) {
            Ok(f) => f,
            Err(e) => {
                failures.push(format!("{name}: case file does not parse: {e}"));
                continue;
            }
        };
        for case in &file.cases {
            count += 1;
            if let Err(e) = run_case(&mut failures, &name, &file.base, case) {
                failures.push(format!("{name} / {}: {e}", case.name));
            }
        }
    }
    assert!(
        count >= 40,
        "expected at least 40 policy cases, ran {count}"
    );
    assert!(
        failures.is_empty(),
        "{} policy expectation(s) failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
