//! Record ids in an exchange file: each one names one record. An id used twice in the
//! file is an error naming both places (one would silently overwrite the other); an id
//! that belongs to another village's record in the ledger is refused, naming both
//! villages — an import never moves a record from one village to another.

use crate::model::VillageDocument;
use crate::store::Ledger;
use crate::validate::{Finding, Severity};
use crate::Result;
use std::collections::HashMap;

fn error(household: &str, path: String, rule: &str, message: String) -> Finding {
    Finding {
        severity: Severity::Error,
        household: household.to_string(),
        path,
        rule: rule.to_string(),
        message,
    }
}

/// Every record id of the document with its path and household code (ids assigned).
fn ids(doc: &VillageDocument) -> Vec<(&'static str, String, String, String)> {
    let mut out = Vec::new();
    for (i, c) in doc.cadres.iter().enumerate() {
        out.push((
            "cadres",
            c.id.clone(),
            format!("cadres[{i}].id"),
            String::new(),
        ));
    }
    for (i, h) in doc.households.iter().enumerate() {
        let p = format!("households[{i}]");
        let code = h.code.clone();
        out.push(("households", h.id.clone(), format!("{p}.id"), code.clone()));
        for (j, m) in h.members.iter().enumerate() {
            out.push((
                "members",
                m.id.clone(),
                format!("{p}.members[{j}].id"),
                code.clone(),
            ));
        }
        let mut child = |table: &'static str, key: &str, list: Vec<Option<&String>>| {
            for (j, id) in list.into_iter().enumerate() {
                if let Some(id) = id {
                    out.push((
                        table,
                        id.clone(),
                        format!("{p}.{key}[{j}].x_id"),
                        code.clone(),
                    ));
                }
            }
        };
        child(
            "income_lines",
            "income",
            h.income.iter().map(|r| r.id.as_ref()).collect(),
        );
        child(
            "expenses",
            "expenses",
            h.expenses.iter().map(|r| r.id.as_ref()).collect(),
        );
        child(
            "rigid_expenses",
            "rigid_expenses",
            h.rigid_expenses.iter().map(|r| r.id.as_ref()).collect(),
        );
        child(
            "pairings",
            "pairings",
            h.pairings.iter().map(|r| r.id.as_ref()).collect(),
        );
        child(
            "visits",
            "visits",
            h.visits.iter().map(|r| r.id.as_ref()).collect(),
        );
        child(
            "measures",
            "measures",
            h.measures.iter().map(|r| r.id.as_ref()).collect(),
        );
        child(
            "member_events",
            "events",
            h.events.iter().map(|r| r.id.as_ref()).collect(),
        );
    }
    out
}

/// Ids used twice in the file: one error per repeat, naming the first place.
pub fn duplicates(doc: &VillageDocument) -> Vec<Finding> {
    let mut seen: HashMap<(&str, String), String> = HashMap::new();
    let mut findings = Vec::new();
    for (table, id, path, code) in ids(doc) {
        match seen.get(&(table, id.clone())) {
            Some(first) => findings.push(error(
                &code,
                path.clone(),
                "id.duplicate",
                format!("记录编号“{id}”在文件中用了两次（{first} 和 {path}），后一条会覆盖前一条；请给每条记录不同的编号"),
            )),
            None => {
                seen.insert((table, id), path);
            }
        }
    }
    findings
}

/// Ids of cadres, households and members that belong to another village's records in
/// the ledger. (A record's own records get ids derived from the household's, so they
/// cannot meet another village's unless the household's id does.)
pub fn taken_elsewhere(ledger: &Ledger, doc: &VillageDocument) -> Result<Vec<Finding>> {
    let code = doc.village.code.as_str();
    let mut findings = Vec::new();
    let owners = ids(doc)
        .into_iter()
        .filter(|(table, ..)| matches!(*table, "cadres" | "households" | "members"));
    for (table, id, path, household) in owners {
        if let Some((other_code, name)) = ledger.village_of_record(table, &id)? {
            if other_code != code {
                findings.push(error(
                    &household,
                    path,
                    "id.other_village",
                    format!("记录编号“{id}”已属于{name}（村代码{other_code}）的记录；导入{}（村代码{code}）不会把它移过来。请为本村文件使用不同的编号，或在台账中明确迁移该户", doc.village.name),
                ));
            }
        }
    }
    Ok(findings)
}
