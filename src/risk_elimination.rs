//! Recording 风险消除 from a form: the engine's conditions (monitored long enough, income
//! above the monitoring line, rigid spending, at least one measure, someone able to work,
//! 三保障 and water) are judged on the elimination date before the date is saved. A
//! condition not met refuses the save and says which; a condition that cannot be judged
//! lets it through with a warning naming what is missing.

use crate::assess::paper_policy;
use crate::model::{Household, Village};
use crate::rules::{self, Outcome, Rule};
use crate::store::Ledger;
use crate::validate::{Finding, Severity};
use crate::Result;
use chrono::Datelike;

/// The finding recording `household`'s 风险消除 would meet: an error (a condition not
/// met) or a warning (one that cannot be judged); `None` when the form records no new
/// elimination date or every condition is met. `stored` is the household as saved.
pub fn judge(
    ledger: &Ledger,
    village: &Village,
    household: &Household,
    stored: Option<&Household>,
) -> Result<Option<Finding>> {
    let Some(on) = household.monitoring.as_ref().and_then(|m| m.eliminated) else {
        return Ok(None);
    };
    let before = stored
        .and_then(|s| s.monitoring.as_ref())
        .and_then(|m| m.eliminated);
    if before == Some(on) {
        return Ok(None);
    }
    let policy = paper_policy(ledger, &village.as_of(on), on.year(), on)?;
    let then = household.as_of(on);
    let assessment = rules::assess_household(&then, &policy);
    let Some(verdict) = assessment.verdict(Rule::RiskElimination) else {
        return Ok(None);
    };
    let finding = |severity, message: String| Finding {
        severity,
        household: household.code.clone(),
        path: "monitoring.eliminated".into(),
        rule: "monitoring.elimination_conditions".into(),
        message,
    };
    Ok(match verdict.outcome {
        Outcome::Yes => None,
        Outcome::No => {
            let unmet: Vec<String> = verdict
                .reasons
                .iter()
                .filter(|r| r.met == Some(false))
                .map(|r| r.shortfall.clone().unwrap_or_else(|| r.text.clone()))
                .collect();
            Some(finding(
                Severity::Error,
                format!(
                    "{on}还不能标注风险消除：{}。条件满足后再填写风险消除日期",
                    unmet.join("；")
                ),
            ))
        }
        Outcome::Unknown => {
            let unknown: Vec<String> = verdict
                .reasons
                .iter()
                .filter(|r| r.met.is_none())
                .map(|r| r.text.clone())
                .collect();
            Some(finding(
                Severity::Warning,
                format!(
                    "已标注{on}风险消除，但以下条件无法判断，请补齐后核实：{}",
                    unknown.join("；")
                ),
            ))
        }
    })
}
