//! Checking the households of a document before an import: the format mark, household
//! codes used twice, and each household's validation — run once, on every core, keeping
//! the households that pass (with their warnings) for the writer. Errors carry the path
//! in the file (`households[3].members[0].id_number`), in document order.

use crate::model::{Cadre, Household, FORMAT_V1};
use crate::store::CheckedHousehold;
use crate::validate::{Finding, Severity};
use chrono::NaiveDate;
use rayon::prelude::*;
use std::collections::HashMap;

fn at_household(index: usize, mut f: Finding) -> Finding {
    f.path = if f.path.is_empty() {
        format!("households[{index}]")
    } else {
        format!("households[{index}].{}", f.path)
    };
    f
}

/// The checked households and every error (none checked is returned short: on any error
/// nothing is written).
pub(crate) fn households(
    format: &str,
    households: Vec<Household>,
    cadres: &[Cadre],
    today: NaiveDate,
) -> (Vec<CheckedHousehold>, Vec<Finding>) {
    let mut errors = Vec::new();
    if format != FORMAT_V1 {
        errors.push(Finding {
            severity: Severity::Error,
            household: String::new(),
            path: "format".into(),
            rule: "format.version".into(),
            message: format!("文件格式标记应为“{FORMAT_V1}”，实际为“{format}”"),
        });
    }
    let mut first = HashMap::new();
    let repeated: Vec<Option<Finding>> = households
        .iter()
        .enumerate()
        .map(|(i, h)| {
            first.insert(h.code.as_str(), i).map(|earlier| Finding {
                severity: Severity::Error,
                household: h.code.clone(),
                path: format!("households[{i}].code"),
                rule: "household.code.duplicate".into(),
                message: format!("户编号{}与households[{earlier}]重复", h.code),
            })
        })
        .collect();
    let results: Vec<_> = households
        .into_par_iter()
        .map(|h| CheckedHousehold::check(h, cadres, today))
        .collect();
    let mut checked = Vec::with_capacity(results.len());
    for (i, (result, repeat)) in results.into_iter().zip(repeated).enumerate() {
        errors.extend(repeat);
        match result {
            Ok(c) => checked.push(c),
            Err(list) => errors.extend(list.into_iter().map(|f| at_household(i, f))),
        }
    }
    (checked, errors)
}
