//! Record ids in an exchange file: each one names one record. An id used twice in the
//! file is an error naming both places (one would silently overwrite the other); an id
//! that belongs to another village's record in the ledger is refused, naming both
//! villages — an import never moves a record from one village to another.

use crate::model::VillageDocument;
use crate::validate::{Finding, Severity};
use crate::Result;
use foldhash::{HashMap, HashMapExt};

fn error(household: &str, path: String, rule: &str, message: String) -> Finding {
    Finding {
        severity: Severity::Error,
        household: household.to_string(),
        path,
        rule: rule.to_string(),
        message,
    }
}

/// Where a record id sits in the document: its table, household (index) and place.
#[derive(Clone, Copy)]
struct Place<I> {
    table: &'static str,
    /// `None` for a cadre.
    household: Option<usize>,
    /// The list's key in the household (`members`, `income` …) and the index in it.
    key: &'static str,
    index: usize,
    id: I,
}

impl<I> Place<I> {
    fn path(&self) -> String {
        match (self.household, self.table) {
            (None, _) => format!("cadres[{}].id", self.index),
            (Some(h), "households") => format!("households[{h}].id"),
            (Some(h), table) => {
                let held = crate::model::ids::HeldId {
                    table,
                    list: self.key,
                    index: self.index,
                    id: "",
                };
                format!("households[{h}].{}", held.path())
            }
        }
    }

    fn code(&self, doc: &VillageDocument) -> String {
        self.household
            .map(|h| doc.households[h].code.clone())
            .unwrap_or_default()
    }
}

/// Every record id of the document with its place (ids assigned), without copies.
fn ids(doc: &VillageDocument) -> Vec<Place<&str>> {
    let mut out = Vec::new();
    for (i, c) in doc.cadres.iter().enumerate() {
        out.push(Place {
            table: "cadres",
            household: None,
            key: "cadres",
            index: i,
            id: c.id.as_str(),
        });
    }
    for (i, h) in doc.households.iter().enumerate() {
        let place = |table, key, index, id| Place {
            table,
            household: Some(i),
            key,
            index,
            id,
        };
        out.push(place("households", "", 0, h.id.as_str()));
        for held in crate::model::ids::held_ids(h) {
            out.push(place(held.table, held.list, held.index, held.id));
        }
    }
    out
}

/// What a record of `table` is called in a message.
fn what(table: &str) -> &'static str {
    match table {
        "cadres" => "帮扶责任人",
        "households" => "农户",
        "members" => "家庭成员",
        _ => "记录",
    }
}

/// Ids used twice in the file: one error per repeat, naming the first place.
pub fn duplicates(doc: &VillageDocument) -> Vec<Finding> {
    let places = ids(doc);
    let mut seen: HashMap<(&str, &str), usize> = HashMap::with_capacity(places.len());
    let mut findings = Vec::new();
    // A household whose id repeats says so once: the ids of its records are derived from
    // it (or copied with it), and their repeats would only repeat the error.
    let mut repeated = std::collections::HashSet::new();
    for (k, place) in places.iter().enumerate() {
        if place.table != "households" && place.household.is_some_and(|h| repeated.contains(&h)) {
            continue;
        }
        if let Some(&first) = seen.get(&(place.table, place.id)) {
            if place.table == "households" {
                repeated.extend(place.household);
            }
            let (first, path, id) = (places[first].path(), place.path(), place.id);
            findings.push(error(
                &place.code(doc),
                path.clone(),
                "id.duplicate",
                format!("记录编号“{id}”在文件中用了两次（{first} 和 {path}），后一条会覆盖前一条；请给每条记录不同的编号"),
            ));
        } else {
            seen.insert((place.table, place.id), k);
        }
    }
    findings
}

/// The ids of a document's cadres, households and members, with their places and
/// household codes: what `taken_elsewhere` looks up in the ledger. Kept apart from the
/// document, whose households go on to validation and the writer.
pub struct Lookups {
    village: String,
    name: String,
    places: Vec<(Place<String>, String)>,
}

/// The ids to look up in the ledger (ids assigned).
pub fn lookups(doc: &VillageDocument) -> Lookups {
    let places = ids(doc)
        .into_iter()
        .filter(|p| matches!(p.table, "cadres" | "households" | "members"))
        .map(|p| {
            let code = p.code(doc);
            let owned = Place {
                table: p.table,
                household: p.household,
                key: p.key,
                index: p.index,
                id: p.id.to_string(),
            };
            (owned, code)
        })
        .collect();
    Lookups {
        village: doc.village.code.clone(),
        name: doc.village.name.clone(),
        places,
    }
}

/// How records arrive: from a file the cadre can correct, or in a sealed bundle at the
/// township (the advice differs).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Arriving {
    File,
    Bundle,
}

/// Ids of cadres, households and members that belong to another village's records in
/// the ledger (`owners_of` looks them up: see `Ledger::villages_of_records`). (A
/// household's other records get ids derived from the household's, so they cannot meet
/// another village's unless the household's id does.)
pub fn taken_elsewhere(
    owners_of: impl Fn(&str, Vec<&str>) -> Result<Vec<(String, (String, String))>>,
    lookups: &Lookups,
    arriving: Arriving,
) -> Result<Vec<Finding>> {
    let code = lookups.village.as_str();
    if code.trim().is_empty() || crate::store::village_code_refused(code).is_some() {
        // A blank or mistyped code is refused on its own (`village.code`); every id would
        // otherwise be named again as another village's. (A village an earlier build made
        // under such a code has its ids checked as it is written: `held_elsewhere.rs`.)
        return Ok(Vec::new());
    }
    let places = &lookups.places;
    let mut owners = HashMap::new();
    for table in ["cadres", "households", "members"] {
        let wanted = places
            .iter()
            .filter(|(p, _)| p.table == table)
            .map(|(p, _)| p.id.as_str())
            .collect();
        for (id, owner) in owners_of(table, wanted)? {
            owners.insert((table, id), owner);
        }
    }
    let mut findings = Vec::new();
    for (place, household) in places {
        let Some((other_code, name)) = owners.get(&(place.table, place.id.clone())) else {
            continue;
        };
        if other_code != code {
            let id = &place.id;
            findings.push(error(
                household,
                place.path(),
                "id.other_village",
                match arriving {
                    Arriving::File => format!(
                        "记录编号“{id}”已属于{name}（村代码{other_code}）的{}；导入{}（村代码{code}）不会把它移过来。请为本村文件使用不同的编号{}",
                        what(place.table),
                        lookups.name,
                        if place.table == "cadres" { "" } else { "，或在台账中明确迁移该户（yibentong household move）" }
                    ),
                    // At the township nobody can re-number the sender's records.
                    Arriving::Bundle => format!(
                        "记录编号“{id}”已属于{name}（村代码{other_code}）的{}；合并{village}（村代码{code}）的数据包不会把它移过来，这个数据包未合并，台账保持不变。两个村的文件用了相同的记录编号（如手工制作的h-1），请把此情况告知{village}的驻村干部；若是该户已迁往{village}，请先在本台账迁移该户（yibentong household move）",
                        what(place.table),
                        village = lookups.name,
                    ),
                },
            ));
        }
    }
    Ok(findings)
}
