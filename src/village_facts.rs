//! A village's own facts as the cadre keeps them: its name, its 村民小组 and its registered
//! rural population (农村户籍人口, the denominator of 贫困发生率 and the county's check
//! countryside/1_03_002), dated as a household's facts are: a change in life from a day,
//! or the correction of a wrong entry. A village made from a monitoring-system workbook
//! has no population until the cadre enters it here.

use crate::dossier::Edit;
use crate::model::Effective;
use crate::store::{Ledger, WriteOptions};
use crate::validate::{Finding, Severity};
use crate::{Error, Result};
use chrono::NaiveDate;
use serde::Deserialize;

/// The facts a cadre may change (the code, the township and the county are the village's
/// identity and come with its files).
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct VillageFacts {
    pub name: String,
    /// 村民小组, in order.
    pub groups: Vec<String>,
    /// 农村户籍人口 (persons).
    pub rural_population: Option<u32>,
}

/// The largest population taken without a second look (a village, not a county).
const MOST_PEOPLE: u32 = 100_000;

/// What is wrong with `facts` for the village of `code`, whose households use
/// `groups_in_use` (group, households): each at its field, in the cadre's words.
fn findings(facts: &VillageFacts, groups_in_use: &[(String, usize)]) -> Vec<Finding> {
    let mut out = Vec::new();
    let mut at = |path: &str, rule: &str, message: String| {
        out.push(Finding {
            severity: Severity::Error,
            household: String::new(),
            path: format!("village.{path}"),
            rule: rule.into(),
            message,
        })
    };
    let name = facts.name.trim();
    if name.is_empty() {
        at("name", "village.name", "请填写村名".into());
    } else if name.chars().count() > 30 {
        at("name", "village.name", "村名过长（最多30个字）".into());
    }
    match facts.rural_population {
        Some(0) => at(
            "rural_population",
            "village.population",
            "农村户籍人口不能为0：它是贫困发生率的分母".into(),
        ),
        Some(n) if n > MOST_PEOPLE => at(
            "rural_population",
            "village.population",
            format!(
                "农村户籍人口{n}人，超过{MOST_PEOPLE}人，请核实（填本村人数，不是全乡镇或全县）"
            ),
        ),
        _ => {}
    }
    let mut seen: Vec<&str> = Vec::new();
    for (i, g) in facts.groups.iter().enumerate() {
        let g = g.trim();
        if g.is_empty() {
            at(
                &format!("groups[{i}]"),
                "village.group",
                "村民小组名称不能为空".into(),
            );
        } else if seen.contains(&g) {
            at(
                &format!("groups[{i}]"),
                "village.group",
                format!("村民小组“{g}”填了两次"),
            );
        } else {
            seen.push(g);
        }
    }
    for (group, households) in groups_in_use {
        if !seen.contains(&group.as_str()) {
            at(
                "groups",
                "village.group_in_use",
                format!("村民小组“{group}”还有{households}户，不能删去：请先把这些户改到其他小组"),
            );
        }
    }
    out
}

/// Saves the facts of the village of `code` in one transaction (audited; each fact keeps
/// its history from the edit's date). Refused, with every error at its field, when a fact
/// is wrong or a group still holding households is left out.
pub fn save_village_facts(
    ledger: &mut Ledger,
    code: &str,
    facts: VillageFacts,
    edit: Edit<'_>,
    today: NaiveDate,
) -> Result<()> {
    let stored = ledger.village(code)?;
    let mut in_use: Vec<(String, usize)> = Vec::new();
    for row in ledger.household_rows(Some(code))? {
        let Some(g) = row.group.filter(|g| !g.trim().is_empty()) else {
            continue;
        };
        match in_use.iter_mut().find(|(name, _)| *name == g) {
            Some((_, n)) => *n += 1,
            None => in_use.push((g, 1)),
        }
    }
    let wrong = findings(&facts, &in_use);
    if !wrong.is_empty() {
        return Err(Error::Validation(wrong));
    }
    let mut village = stored.village.clone();
    village.name = facts.name.trim().to_string();
    village.groups = facts.groups.iter().map(|g| g.trim().to_string()).collect();
    village.rural_population = facts.rural_population;
    let opts = WriteOptions {
        effective: edit.effective.unwrap_or(Effective::Change { from: today }),
        reason: edit.reason.filter(|r| !r.trim().is_empty()),
        doc: edit.doc.filter(|d| !d.trim().is_empty()),
        today,
    };
    ledger.with_tx(|w| w.save_village_at(&stored.id, &village, &opts).map(drop))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts(name: &str, groups: &[&str], people: Option<u32>) -> VillageFacts {
        VillageFacts {
            name: name.into(),
            groups: groups.iter().map(|g| g.to_string()).collect(),
            rural_population: people,
        }
    }

    #[test]
    fn each_wrong_fact_is_refused_at_its_field() {
        let in_use = vec![("三组".to_string(), 4)];
        for (f, path, words) in [
            (
                facts(" ", &["三组"], Some(900)),
                "village.name",
                "请填写村名",
            ),
            (
                facts("青山村", &["三组"], Some(0)),
                "village.rural_population",
                "不能为0",
            ),
            (
                facts("青山村", &["三组"], Some(250_000)),
                "village.rural_population",
                "请核实",
            ),
            (
                facts("青山村", &["三组", " "], None),
                "village.groups[1]",
                "不能为空",
            ),
            (
                facts("青山村", &["三组", "三组 "], None),
                "village.groups[1]",
                "填了两次",
            ),
            (
                facts("青山村", &["一组"], None),
                "village.groups",
                "还有4户",
            ),
        ] {
            let found = findings(&f, &in_use);
            assert!(
                found.len() == 1 && found[0].path == path && found[0].message.contains(words),
                "{f:?}: {found:?}"
            );
        }
        assert!(findings(&facts("青山村", &["一组", "三组"], Some(1)), &in_use).is_empty());
        assert!(findings(&facts("青山村", &["三组"], None), &in_use).is_empty());
    }
}
