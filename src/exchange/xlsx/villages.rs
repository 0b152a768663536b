//! A workbook of several villages (a township's or a county's export) as one sheet per
//! village: rows are grouped by their village code (村代码, else the first 12 digits of
//! 户编号, as `read::village` takes it), in the order the villages first appear. A row
//! without either joins the village of the same 县/乡/村 (or, with none, the other rows
//! without a code that name them, where `read::village` reports the missing code). Two groups naming the same 县/乡/村 under different codes
//! are a mistyped code, not two villages: an error at the second group's first row; so is
//! a person (证件号码) or a household (户编号) on rows of two villages.

use super::columns::Field;
use super::sheet::{at, Row, Sheet};
use crate::validate::Finding;

/// The village code a row names: its 村代码, else the first 12 digits of its 户编号.
pub(super) fn code_of(row: &Row) -> Option<String> {
    if let Ok(Some(code)) = row.text(Field::VillageCode) {
        return Some(code.to_string());
    }
    row.text(Field::HouseholdCode)
        .ok()
        .flatten()
        .filter(|c| c.len() >= 12 && c.bytes().take(12).all(|b| b.is_ascii_digit()))
        .map(|c| c[..12].to_string())
}

/// The 县/乡/村 a row names, as one text.
fn names_of(row: &Row) -> String {
    [Field::County, Field::Township, Field::Village]
        .map(|f| row.text(f).ok().flatten().unwrap_or_default())
        .join("/")
}

/// What groups a row: its village code, or where it has none, the names it gives.
#[derive(PartialEq, Eq, Hash, Clone)]
enum Key {
    Code(String),
    Named(String),
}

/// The sheet split into one sheet per village (one sheet, unchanged, for a village's own
/// workbook), and the errors of codes that disagree with the names.
pub(super) fn split(sheet: Sheet) -> (Vec<Sheet>, Vec<Finding>) {
    let Sheet {
        header_row,
        dated,
        present,
        known,
        rows,
    } = sheet;
    let mut keys: Vec<Key> = Vec::new();
    let mut groups: Vec<Vec<Row>> = Vec::new();
    // Where each key's group is (a county's sheet: hundreds of villages).
    let mut group_of: foldhash::HashMap<Key, usize> = Default::default();
    // The first coded village of each 县/乡/村, for rows without a code.
    let mut coded: foldhash::HashMap<String, Key> = Default::default();
    for row in rows {
        let key = match code_of(&row) {
            Some(code) => Key::Code(code),
            // A row without a code belongs to the village of the same names, if any.
            None => {
                let names = names_of(&row);
                match coded.get(&names) {
                    Some(k) => k.clone(),
                    None => Key::Named(names),
                }
            }
        };
        match group_of.get(&key) {
            Some(&i) => groups[i].push(row),
            None => {
                if let Key::Code(_) = key {
                    coded.entry(names_of(&row)).or_insert_with(|| key.clone());
                }
                group_of.insert(key.clone(), groups.len());
                keys.push(key);
                groups.push(vec![row]);
            }
        }
    }
    let with_codes: Vec<&Vec<Row>> = keys
        .iter()
        .zip(&groups)
        .filter(|(k, _)| matches!(k, Key::Code(_)))
        .map(|(_, g)| g)
        .collect();
    let mut errors = same_names_other_code(&with_codes, &present);
    errors.extend(in_two_villages(&groups));
    let sheets = if groups.is_empty() {
        vec![Sheet {
            header_row,
            dated,
            present,
            known,
            rows: Vec::new(),
        }]
    } else {
        groups
            .into_iter()
            .map(|rows| Sheet {
                header_row,
                dated,
                present: present.clone(),
                known: known.clone(),
                rows,
            })
            .collect()
    };
    (sheets, errors)
}

/// A group whose first row names the 县/乡/村 of an earlier group under another code.
fn same_names_other_code(groups: &[&Vec<Row>], present: &[Field]) -> Vec<Finding> {
    let mut errors = Vec::new();
    let mut seen: Vec<(String, &Row)> = Vec::new();
    for first in groups.iter().filter_map(|g| g.first()) {
        let names = names_of(first);
        let village = first.text(Field::Village).ok().flatten();
        // Same names in one township (its code's first nine digits): villages of two
        // townships may share a name (新寨村).
        let township = |r: &Row| code_of(r).and_then(|c| c.get(..9).map(str::to_string));
        match seen
            .iter()
            .find(|(n, r)| *n == names && township(r) == township(first))
        {
            Some((_, earlier)) if village.is_some() => {
                let (mine, theirs) = (code_of(first), code_of(earlier));
                let field = if present.contains(&Field::VillageCode) {
                    Field::VillageCode
                } else {
                    Field::HouseholdCode
                };
                errors.push(at(
                    first.number,
                    field,
                    format!(
                        "村代码“{}”与第{}行的“{}”不同，而县、乡、村名相同（{}）：\
                         同一个村只能有一个村代码，请核对户编号或村代码",
                        mine.unwrap_or_default(),
                        earlier.number,
                        theirs.unwrap_or_default(),
                        names.replace('/', "")
                    ),
                ));
            }
            Some(_) => {}
            None => seen.push((names, first)),
        }
    }
    errors
}

/// A person (证件号码) or a household (户编号) on rows of two villages of the one file:
/// an error at the later row, naming the earlier one (within a village the document's
/// own checks find them).
fn in_two_villages(groups: &[Vec<Row>]) -> Vec<Finding> {
    let mut errors = Vec::new();
    for (field, what) in [
        (Field::IdNumber, "同一人不能登记在两个村"),
        (Field::HouseholdCode, "一户只能属一个村"),
    ] {
        let mut first: foldhash::HashMap<String, (usize, &Row)> = Default::default();
        for (g, row) in groups
            .iter()
            .enumerate()
            .flat_map(|(g, rows)| rows.iter().map(move |r| (g, r)))
        {
            let Ok(Some(text)) = row.text(field) else {
                continue;
            };
            let value = match field {
                Field::IdNumber => match person_of(text) {
                    Some(v) => v,
                    None => continue,
                },
                _ => text.to_string(),
            };
            match first.get(&value) {
                Some(&(earlier, there)) if earlier != g => errors.push(at(
                    row.number,
                    field,
                    format!(
                        "“{text}”也在第{}行（{}）：{what}",
                        there.number,
                        there
                            .text(Field::Village)
                            .ok()
                            .flatten()
                            .unwrap_or("另一个村")
                    ),
                )),
                Some(_) => {}
                None => {
                    first.insert(value, (g, row));
                }
            }
        }
    }
    errors
}

/// The person a 证件号码 names: upper case, a 残疾人证号's first 18 characters; none for
/// the monitoring system's marker of no ID number (999999…).
pub(super) fn person_of(text: &str) -> Option<String> {
    let t = text.trim().to_uppercase();
    if t.is_empty() || t.starts_with("999999") {
        return None;
    }
    Some(match t.get(..18) {
        Some(id) if t.is_ascii() && matches!(t.len(), 20 | 22) => id.to_string(),
        _ => t,
    })
}
