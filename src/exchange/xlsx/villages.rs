//! A workbook of several villages (a township's or a county's export) as one sheet per
//! village: rows are grouped by their village code (村代码, else the first 12 digits of
//! 户编号, as `read::village` takes it), in the order the villages first appear. A row
//! without either joins the village of the same 县/乡/村 (or, with none, the other rows
//! without a code that name them, where `read::village` reports the missing code). Two groups naming the same 县/乡/村 under different codes
//! are a mistyped code, not two villages: an error at the second group's first row; so is
//! a person (证件号码) or a household (户编号) on rows of two villages.

use super::columns::Field;
use super::sheet::{at, Head, Row, Sheet};
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
    let Sheet { head, rows } = sheet;
    let mut split = Split::new(&head);
    for row in rows {
        split.push(row);
    }
    let Split { groups, errors, .. } = split;
    let sheets = if groups.is_empty() {
        vec![Sheet {
            head,
            rows: Vec::new(),
        }]
    } else {
        groups
            .into_iter()
            .map(|rows| Sheet {
                head: head.clone(),
                rows,
            })
            .collect()
    };
    (sheets, errors)
}

/// Where a row was seen first: its village's group, its row number and the village it names.
struct Seen {
    group: usize,
    number: u32,
    /// Shared by the rows that name the same village one after another (a county's sheet
    /// has 600,000 people: one copy of the name each would be 600,000 allocations).
    village: Option<std::sync::Arc<str>>,
}

/// The rows of a sheet filed by village as they come (in row order), and the errors found
/// so far: a group whose first row names the 县/乡/村 of an earlier group under another
/// code (an error at that row); a person (证件号码) or a household (户编号) on rows of two
/// villages (an error at the later row, naming the earlier one; within a village the
/// document's own checks find them).
pub(super) struct Split {
    /// The rows of each village, in the order the villages first appear (a group handed on
    /// by `take` is left empty).
    groups: Vec<Vec<Row>>,
    /// Where each key's group is (a county's sheet: hundreds of villages).
    group_of: foldhash::HashMap<Key, usize>,
    /// The first coded village of each 县/乡/村, for rows without a code.
    coded: foldhash::HashMap<String, Key>,
    /// The first rows of the coded groups, by their names and township, whose code a later
    /// group's names are checked against.
    named_first: Vec<(String, Option<String>, u32, String)>,
    /// Each person and household by where it was seen first.
    people: foldhash::HashMap<String, Seen>,
    households: foldhash::HashMap<String, Seen>,
    /// The village the last row filed named (its 村), shared with its people.
    last_named: Option<std::sync::Arc<str>>,
    /// The column a mistyped code is reported at.
    code_field: Field,
    pub errors: Vec<Finding>,
}

impl Split {
    pub fn new(head: &Head) -> Split {
        Split {
            groups: Vec::new(),
            group_of: Default::default(),
            coded: Default::default(),
            named_first: Vec::new(),
            people: Default::default(),
            households: Default::default(),
            last_named: None,
            code_field: if head.present.contains(&Field::VillageCode) {
                Field::VillageCode
            } else {
                Field::HouseholdCode
            },
            errors: Vec::new(),
        }
    }

    /// Files a row under its village; the index of the village's group (a new village's
    /// is the next one).
    pub fn push(&mut self, row: Row) -> usize {
        let key = match code_of(&row) {
            Some(code) => Key::Code(code),
            // A row without a code belongs to the village of the same names, if any.
            None => {
                let names = names_of(&row);
                match self.coded.get(&names) {
                    Some(k) => k.clone(),
                    None => Key::Named(names),
                }
            }
        };
        let group = match self.group_of.get(&key) {
            Some(&g) => g,
            None => {
                if let Key::Code(code) = &key {
                    self.coded
                        .entry(names_of(&row))
                        .or_insert_with(|| key.clone());
                    self.same_names_other_code(&row, code);
                }
                let g = self.groups.len();
                self.group_of.insert(key, g);
                self.groups.push(Vec::new());
                g
            }
        };
        self.in_two_villages(&row, group);
        self.groups[group].push(row);
        group
    }

    /// The rows of a group, handed on (the group stays, empty).
    pub fn take(&mut self, group: usize) -> Vec<Row> {
        std::mem::take(&mut self.groups[group])
    }

    /// The first row of a coded group, naming the 县/乡/村 of an earlier group under another
    /// code: an error. Same names in one township (its code's first nine digits) only:
    /// villages of two townships may share a name (新寨村).
    fn same_names_other_code(&mut self, first: &Row, code: &str) {
        let names = names_of(first);
        let township = code.get(..9).map(str::to_string);
        let earlier = self
            .named_first
            .iter()
            .find(|(n, t, _, _)| *n == names && *t == township);
        match earlier {
            Some((_, _, number, theirs)) => {
                if first.text(Field::Village).ok().flatten().is_some() {
                    let message = format!(
                        "村代码“{code}”与第{number}行的“{theirs}”不同，而县、乡、村名相同（{}）：\
                         同一个村只能有一个村代码，请核对户编号或村代码",
                        names.replace('/', "")
                    );
                    self.errors.push(at(first.number, self.code_field, message));
                }
            }
            None => self
                .named_first
                .push((names, township, first.number, code.to_string())),
        }
    }

    /// A person (证件号码) or a household (户编号) of `row` seen on a row of another village.
    fn in_two_villages(&mut self, row: &Row, group: usize) {
        for (field, what) in [
            (Field::IdNumber, "同一人不能登记在两个村"),
            (Field::HouseholdCode, "一户只能属一个村"),
        ] {
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
            let seen = match field {
                Field::IdNumber => &mut self.people,
                _ => &mut self.households,
            };
            match seen.get(&value) {
                Some(there) if there.group != group => self.errors.push(at(
                    row.number,
                    field,
                    format!(
                        "“{text}”也在第{}行（{}）：{what}",
                        there.number,
                        there.village.as_deref().unwrap_or("另一个村")
                    ),
                )),
                Some(_) => {}
                None => {
                    let village = self.village_named(row);
                    let seen = match field {
                        Field::IdNumber => &mut self.people,
                        _ => &mut self.households,
                    };
                    seen.insert(
                        value,
                        Seen {
                            group,
                            number: row.number,
                            village,
                        },
                    );
                }
            }
        }
    }
}

impl Split {
    /// The village `row` names (its 村), shared with the rows before it that named the same.
    fn village_named(&mut self, row: &Row) -> Option<std::sync::Arc<str>> {
        let named = row.text(Field::Village).ok().flatten()?;
        match &self.last_named {
            Some(last) if **last == *named => Some(last.clone()),
            _ => {
                let new: std::sync::Arc<str> = named.into();
                self.last_named = Some(new.clone());
                Some(new)
            }
        }
    }
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
