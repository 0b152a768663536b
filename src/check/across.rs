//! Checks across households: one person (ID number) registered in two households, of the
//! village or of another village of the ledger (1_01_001 runs over a county's export), one
//! phone number (a household's or a member's) given in two households (5_15_022).

use super::{CheckFinding, Level};
use crate::model::Household;
use std::collections::BTreeMap;

pub(super) fn check(households: &[Household], on: chrono::NaiveDate, out: &mut Vec<CheckFinding>) {
    people(households, on, out);
    phones(households, on, out);
}

/// One ID number registered in two households on `on`.
pub(super) fn people(households: &[Household], on: chrono::NaiveDate, out: &mut Vec<CheckFinding>) {
    // ID number → (household index, member index).
    let mut people: BTreeMap<String, Vec<(usize, usize)>> = BTreeMap::new();
    for (i, h) in households.iter().enumerate() {
        for (j, m) in h.members.iter().enumerate() {
            if !h.is_registered_on(m, on) {
                continue;
            }
            // A 残疾人证 number is the person's ID plus its class and grade: one person.
            if let Some(id) = m.citizen_id().map(str::trim).filter(|s| !s.is_empty()) {
                people.entry(id.to_uppercase()).or_default().push((i, j));
            }
        }
    }
    for places in people.values() {
        let homes: Vec<usize> = places.iter().map(|(i, _)| *i).collect();
        if homes.iter().all(|i| *i == homes[0]) {
            continue; // within one household: the validation reports it
        }
        for &(i, j) in places {
            let others = names(households, &homes, i);
            let m = &households[i].members[j];
            out.push(CheckFinding {
                household: households[i].code.clone(),
                path: format!("households[{i}].members[{j}].id_number"),
                rule: "person.in_two_households".into(),
                level: Level::Error,
                message: format!(
                    "成员“{}”的身份证号同时登记在户{others}，一人只能在一户",
                    m.name
                ),
            });
        }
    }
}

/// One person registered on `on` in the village and in a household of another village of
/// the ledger (`elsewhere`, as it stood then).
pub(super) fn in_other_villages(
    households: &[Household],
    elsewhere: &[super::Elsewhere],
    on: chrono::NaiveDate,
    out: &mut Vec<CheckFinding>,
) {
    // ID number → the other villages' households holding it, as the cadre names them.
    let mut there: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for e in elsewhere {
        let h = &e.household;
        for m in h.members.iter().filter(|m| h.is_registered_on(m, on)) {
            if let Some(id) = m.citizen_id().map(str::trim).filter(|s| !s.is_empty()) {
                let place = format!("{}户{}", e.village, h.code);
                let places = there.entry(id.to_uppercase()).or_default();
                if !places.contains(&place) {
                    places.push(place);
                }
            }
        }
    }
    if there.is_empty() {
        return;
    }
    for (i, h) in households.iter().enumerate() {
        for (j, m) in h.members.iter().enumerate() {
            if !h.is_registered_on(m, on) {
                continue;
            }
            let Some(places) = m
                .citizen_id()
                .map(|id| id.trim().to_uppercase())
                .and_then(|id| there.get(&id))
            else {
                continue;
            };
            out.push(CheckFinding {
                household: h.code.clone(),
                path: format!("households[{i}].members[{j}].id_number"),
                rule: "person.in_two_villages".into(),
                level: Level::Error,
                message: format!(
                    "成员“{}”的身份证号同时登记在{}，一人只能在一户：请与该村核实后注销一处",
                    m.name,
                    places.join("、")
                ),
            });
        }
    }
}

/// One phone number (a household's or a member's) given in two households (5_15_022).
fn phones(households: &[Household], on: chrono::NaiveDate, out: &mut Vec<CheckFinding>) {
    // Phone → (household index, member index for a member's phone).
    let mut phones: BTreeMap<String, Vec<(usize, Option<usize>)>> = BTreeMap::new();
    for (i, h) in households.iter().enumerate() {
        for (j, m) in h.members.iter().enumerate() {
            if !h.is_registered_on(m, on) {
                continue;
            }
            if let Some(p) = m.phone.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
                phones.entry(p.to_string()).or_default().push((i, Some(j)));
            }
        }
        if let Some(p) = h.phone.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            phones.entry(p.to_string()).or_default().push((i, None));
        }
    }
    for (phone, places) in &phones {
        let homes: Vec<usize> = places.iter().map(|(i, _)| *i).collect();
        if homes.iter().all(|i| *i == homes[0]) {
            continue; // a member giving the household's own phone is usual
        }
        for &(i, j) in places {
            let others = names(households, &homes, i);
            let (path, whose) = match j {
                None => (format!("households[{i}].phone"), "联系电话".to_string()),
                Some(j) => (
                    format!("households[{i}].members[{j}].x_phone"),
                    format!("成员“{}”的联系电话", households[i].members[j].name),
                ),
            };
            out.push(CheckFinding {
                household: households[i].code.clone(),
                path,
                rule: "phone.in_two_households".into(),
                level: Level::Warning,
                message: format!("{whose}{phone}同时登记在户{others}，请核实"),
            });
        }
    }
}

/// The other households' codes, joined (`12、15`).
fn names(households: &[Household], homes: &[usize], me: usize) -> String {
    let mut codes: Vec<&str> = homes
        .iter()
        .filter(|i| **i != me)
        .map(|i| households[*i].code.as_str())
        .collect();
    codes.dedup();
    codes.join("、")
}
