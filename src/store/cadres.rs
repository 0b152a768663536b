//! The village's cadre roster (帮扶干部花名册): adding a cadre, ending a term, listing.
//! Every change goes through the audited writer like any other record.

use super::{Ledger, WriteOptions};
use crate::codes::UnitLevel;
use crate::model::{new_id, Cadre, Effective};
use crate::validate::{Finding, Severity};
use crate::{Error, Result};
use chrono::NaiveDate;

/// A cadre to add to a village's roster.
#[derive(Debug, Clone, Default, PartialEq, serde::Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
pub struct NewCadre {
    pub name: String,
    pub unit: Option<String>,
    pub unit_level: Option<UnitLevel>,
    pub position: Option<String>,
    pub phone: Option<String>,
    /// First day in the village (default: today).
    pub start: Option<NaiveDate>,
}

fn text(field: &str, value: &str, max: usize) -> Result<()> {
    if value.chars().any(char::is_control) {
        return Err(Error::Invalid(format!("{field}不能含换行或控制字符")));
    }
    if value.chars().count() > max {
        return Err(Error::Invalid(format!("{field}过长（最多{max}个字）")));
    }
    Ok(())
}

/// Every fault of a new cadre, each at its field (`name`, `phone`, `start` …).
fn check_new(new: &NewCadre, today: NaiveDate) -> Result<()> {
    let mut faults = Vec::new();
    let mut fault = |path: &str, message: String| {
        faults.push(Finding {
            severity: Severity::Error,
            household: String::new(),
            path: path.into(),
            rule: format!("cadre.{path}"),
            message,
        })
    };
    let name = new.name.trim();
    if name.is_empty() {
        fault("name", "请填写帮扶干部的姓名".into());
    } else if let Err(e) = text("姓名", name, 30) {
        fault("name", e.to_string());
    }
    for (path, field, v, max) in [
        ("unit", "帮扶单位", &new.unit, 60),
        ("position", "职务", &new.position, 30),
        ("phone", "联系电话", &new.phone, 20),
    ] {
        if let Some(Err(e)) = v.as_deref().map(|v| text(field, v, max)) {
            fault(path, e.to_string());
        }
    }
    if let Some(phone) = clean(&new.phone) {
        if !phone
            .chars()
            .all(|c| c.is_ascii_digit() || c == '-' || c == ' ')
        {
            fault("phone", format!("联系电话“{phone}”只能含数字和“-”"));
        }
    }
    if let Some(start) = new.start.filter(|s| *s > today) {
        fault("start", format!("到村日期{start}晚于今天（{today}）"));
    }
    if faults.is_empty() {
        Ok(())
    } else {
        Err(Error::Validation(faults))
    }
}

fn clean(v: &Option<String>) -> Option<String> {
    v.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

impl Ledger {
    /// Adds a cadre to a village's roster (audited); a live cadre of the same name and
    /// unit is refused as a duplicate.
    pub fn add_cadre(
        &mut self,
        village_code: &str,
        new: &NewCadre,
        today: NaiveDate,
    ) -> Result<Cadre> {
        let name = new.name.trim();
        check_new(new, today)?;
        let village = self.village(village_code)?;
        let unit = clean(&new.unit);
        let roster = self.cadres(&village.id)?;
        if roster
            .iter()
            .any(|c| c.name == name && c.unit == unit && c.end.is_none())
        {
            return Err(Error::Invalid(format!(
                "本村花名册中已有在岗的帮扶干部“{name}”（{}）",
                unit.as_deref().unwrap_or("未填单位")
            )));
        }
        let start = new.start.unwrap_or(today);
        let cadre = Cadre {
            id: new_id(),
            name: name.to_string(),
            unit,
            unit_level: new.unit_level,
            phone: clean(&new.phone),
            position: clean(&new.position),
            start: Some(start),
            end: None,
            recorded_from: None,
            history: Vec::new(),
        };
        let reason = format!("新增帮扶干部{name}");
        let opts = WriteOptions {
            effective: Effective::Change { from: start },
            reason: Some(&reason),
            doc: None,
            today,
        };
        self.with_tx(|w| w.save_cadre_at(&village.id, &cadre, &opts))?;
        self.cadres(&village.id)?
            .into_iter()
            .find(|c| c.id == cadre.id)
            .ok_or_else(|| Error::NotFound(format!("帮扶干部{name}")))
    }

    /// Ends a cadre's term in the village on `end` (their pairings and visits stay).
    pub fn end_cadre(
        &mut self,
        village_code: &str,
        cadre_id: &str,
        end: NaiveDate,
        reason: &str,
        today: NaiveDate,
    ) -> Result<Cadre> {
        if reason.trim().is_empty() {
            return Err(Error::Invalid("帮扶干部离岗必须填写原因".into()));
        }
        text("原因", reason, 200)?;
        let village = self.village(village_code)?;
        let mut cadre = self
            .cadres(&village.id)?
            .into_iter()
            .find(|c| c.id == cadre_id || c.name == cadre_id)
            .ok_or_else(|| Error::NotFound(format!("本村帮扶干部“{cadre_id}”")))?;
        if cadre.start.is_some_and(|s| end < s) {
            return Err(Error::Invalid(format!(
                "离岗日期{end}早于到岗日期{}",
                cadre.start.unwrap_or(end)
            )));
        }
        cadre.end = Some(end);
        let opts = WriteOptions {
            effective: Effective::Correction { on: None },
            reason: Some(reason),
            doc: None,
            today,
        };
        self.with_tx(|w| w.save_cadre_at(&village.id, &cadre, &opts))?;
        Ok(cadre)
    }
}
