//! A household's file as the app's household screen reads and writes it (户档案): the
//! household on a date with its village, cadres, warnings, timeline and the facts read
//! from each member's ID number; a form's draft checked; an edit saved. One call each.

use crate::codes::{EventKind, Sex};
use crate::model::{new_id, timeline, Cadre, Effective, Household, Registration, TimelineEntry};
use crate::store::{Ledger, WriteOptions};
use crate::validate::{self, Finding, Severity};
use crate::Result;
use chrono::NaiveDate;
use serde::Serialize;

/// One household with what the detail screen shows around it.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HouseholdDetail {
    pub household: Household,
    /// The stored revision (printed on cards).
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub revision: i64,
    /// The village's code (every command names villages by code).
    pub village: String,
    /// The village's cadres (pairings and visits refer to them by id).
    pub cadres: Vec<Cadre>,
    /// Stored warnings (never blocking).
    pub warnings: Vec<Finding>,
    /// The date the household is shown as of (`None`: today's facts, editable).
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub as_of: Option<NaiveDate>,
    /// Whether the household was registered on that date.
    pub registration: Registration,
    /// Why it was not (a sentence), if it was not.
    #[cfg_attr(feature = "ts", ts(optional = nullable))]
    pub registration_note: Option<String>,
    /// Its timeline (status transitions, changed facts, member changes, pairings …).
    pub timeline: Vec<TimelineEntry>,
    /// Each member's facts on the date shown, in the order of `household.members`.
    pub people: Vec<Person>,
    /// Its 农村低收入人口 categories on the date shown (低保对象, 特困人员, 防止返贫监测对象,
    /// 低保边缘家庭, 刚性支出困难家庭).
    pub low_income: Vec<String>,
}

/// What the ledger reads about a member on a date: sex and birth from the ID number (else
/// as stated), the age on that date (computed as on paper), and whether they had left.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct Person {
    pub member: String,
    pub sex: Option<Sex>,
    pub birth: Option<NaiveDate>,
    pub age: Option<i32>,
    /// 死亡/嫁出/迁出 on or before the date: the member is listed, never counted.
    pub left: Option<EventKind>,
    pub left_on: Option<NaiveDate>,
    /// 与户主关系, 文化程度 and 在校生状况 in words, the finer value where the member has
    /// one (之侄女, 本科及以上), as the papers print them.
    pub relation: Option<String>,
    pub education: Option<String>,
    pub schooling: Option<String>,
}

/// What saving a household did.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct Saved {
    pub household_id: String,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub revision: i64,
    /// Warnings stored with the household (never blocking).
    pub warnings: Vec<Finding>,
}

/// The facts read from an ID number as it is typed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct IdReading {
    pub sex: Sex,
    pub birth: NaiveDate,
}

/// A household's file: today's facts (`as_of` None, editable) or as they stood on a date.
pub fn household_detail(
    ledger: &Ledger,
    id: &str,
    as_of: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<HouseholdDetail> {
    let stored = ledger.household(id)?;
    let village = ledger.village_by_id(&stored.village_id)?;
    let cadres = ledger.cadres(&village.id)?;
    let timeline = timeline(&stored.household, &cadres);
    let (household, cadres, registration) = match as_of {
        Some(date) => (
            stored.household.as_of(date),
            cadres.iter().map(|c| c.as_of(date)).collect(),
            stored.household.registration_on(date),
        ),
        None => (stored.household, cadres, Registration::Registered),
    };
    let note = as_of.and_then(|d| registration.explain(&household.code, d));
    Ok(HouseholdDetail {
        people: people(&household, as_of.unwrap_or(today)),
        low_income: household
            .low_income_categories(as_of.unwrap_or(today))
            .into_iter()
            .map(String::from)
            .collect(),
        cadres,
        warnings: ledger.warnings(id)?,
        household,
        revision: stored.revision,
        village: village.village.code,
        as_of,
        registration,
        registration_note: note,
        timeline,
    })
}

/// Each member's facts on `date`.
pub fn people(household: &Household, date: NaiveDate) -> Vec<Person> {
    household
        .members
        .iter()
        .map(|m| {
            let left = household
                .events
                .iter()
                .filter(|e| e.member.as_deref() == Some(&m.id) && e.kind.leaves() && e.date <= date)
                .max_by_key(|e| e.date);
            Person {
                member: m.id.clone(),
                sex: m.effective_sex(),
                birth: m.birth_date(),
                age: m.age_on(date),
                left: left.map(|e| e.kind),
                left_on: left.map(|e| e.date),
                relation: m.relation_label().map(str::to_string),
                education: m.education_label().map(str::to_string),
                schooling: m.schooling_label().map(str::to_string),
            }
        })
        .collect()
}

/// Checks a form's draft of a household of `village` (see `validate::check_draft`).
pub fn check_draft(
    ledger: &Ledger,
    village: &str,
    draft: &serde_json::Value,
    today: NaiveDate,
) -> Result<Vec<Finding>> {
    let village = ledger.village(village)?;
    let cadres = ledger.cadres(&village.id)?;
    Ok(validate::check_draft(draft, &cadres, today))
}

/// Sex and birth date read from an ID number, or the sentence saying what is wrong.
pub fn read_id_number(text: &str) -> Result<IdReading> {
    let id =
        crate::idcard::IdNumber::parse(text).map_err(|e| crate::Error::Invalid(e.to_string()))?;
    Ok(IdReading {
        sex: id.sex(),
        birth: id.birth_date(),
    })
}

/// What a form saves: the household whole, how its changed facts are dated, and the
/// reason and 文号 of a status change.
pub struct Edit<'a> {
    pub effective: Option<Effective>,
    pub reason: Option<&'a str>,
    pub doc: Option<&'a str>,
}

/// Validates and saves a household of `village` in one transaction. New records may come
/// without ids (the household and new members get theirs here).
pub fn save(
    ledger: &mut Ledger,
    village: &str,
    household: Household,
    edit: Edit<'_>,
    today: NaiveDate,
) -> Result<Saved> {
    let village = ledger.village(village)?;
    let cadres = ledger.cadres(&village.id)?;
    let household = with_ids(household);
    let stored = match ledger.household(&household.id) {
        Ok(s) => Some(s),
        Err(crate::Error::NotFound(_)) => None,
        Err(e) => return Err(e),
    };
    let gate = crate::risk_elimination::judge(
        ledger,
        &village.village,
        &household,
        stored.as_ref().map(|s| &s.household),
    )?;
    if let Some(f) = gate.as_ref().filter(|f| f.severity == Severity::Error) {
        return Err(crate::Error::Validation(vec![f.clone()]));
    }
    let opts = WriteOptions {
        effective: edit.effective.unwrap_or(Effective::Change { from: today }),
        reason: edit.reason.filter(|r| !r.trim().is_empty()),
        doc: edit.doc.filter(|d| !d.trim().is_empty()),
        today,
    };
    let saved = ledger.with_tx(|w| w.save_household_at(&village.id, &household, &cadres, &opts))?;
    let mut warnings = saved.warnings;
    warnings.extend(gate);
    Ok(Saved {
        household_id: saved.household_id,
        revision: saved.revision,
        warnings,
    })
}

/// Gives a new household and its new members their ids (a form cannot make ids the
/// ledger would accept as stable); other records get derived ids on save.
fn with_ids(mut household: Household) -> Household {
    if household.id.trim().is_empty() {
        household.id = new_id();
    }
    for m in &mut household.members {
        if m.id.trim().is_empty() {
            m.id = new_id();
        }
    }
    household
}

pub use crate::changes::ChangeRecord;

/// 走访常用语 for a visit today: from the household's own facts (`visit_notes`).
pub fn visit_phrases(ledger: &Ledger, household_id: &str, today: NaiveDate) -> Result<Vec<String>> {
    let stored = ledger.household(household_id)?;
    Ok(crate::visit_notes::visit_phrases(
        &stored.household.as_of(today),
        today,
    ))
}

/// A household's 修改记录, newest first (the periods of dated facts are on the timeline).
pub fn change_records(ledger: &Ledger, household_id: &str) -> Result<Vec<ChangeRecord>> {
    let rows = ledger.audit_for(household_id)?;
    Ok(rows
        .into_iter()
        .rev()
        // A dated fact's period row repeats the change it records (shown on 变化记录).
        .filter(|e| e.table != "fact_periods")
        .map(ChangeRecord::from)
        .collect())
}

/// The 户编号 a new household of `village` is offered: the next after the highest numeric
/// code (same width), or the village code followed by `0001` for the first household.
pub fn next_household_code(ledger: &Ledger, village: &str) -> Result<String> {
    let codes: Vec<String> = ledger
        .household_list(Some(village))?
        .into_iter()
        .map(|r| r.code)
        .collect();
    Ok(following_code(village, &codes))
}

fn following_code(village: &str, codes: &[String]) -> String {
    let highest = codes
        .iter()
        .filter(|c| !c.is_empty() && c.len() <= 30 && c.bytes().all(|b| b.is_ascii_digit()))
        .max_by(|a, b| (a.len(), a.as_str()).cmp(&(b.len(), b.as_str())));
    match highest {
        Some(code) => {
            // Add one to the decimal digits, carrying, keeping the width unless it overflows.
            let mut digits: Vec<u8> = code.bytes().collect();
            let mut i = digits.len();
            loop {
                if i == 0 {
                    digits.insert(0, b'1');
                    break;
                }
                i -= 1;
                if digits[i] == b'9' {
                    digits[i] = b'0';
                } else {
                    digits[i] += 1;
                    break;
                }
            }
            String::from_utf8(digits).unwrap_or_default()
        }
        None => format!("{village}0001"),
    }
}

#[cfg(test)]
mod tests {
    use super::following_code;

    #[test]
    fn the_next_code_follows_the_highest_numeric_one() {
        let codes = |c: &[&str]| c.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            following_code(
                "360729101099",
                &codes(&["3607291010990007", "3607291010990012", "甲-1"])
            ),
            "3607291010990013"
        );
        assert_eq!(following_code("360729101099", &codes(&["0099"])), "0100");
        assert_eq!(
            following_code("360729101099", &codes(&[])),
            "3607291010990001"
        );
    }
}
