//! Exchange format v1 (`shared/spec/exchange-v1.md`): reading a village document with
//! every error reported, importing it in one transaction, and exporting a village.
//!
//! Extensions (documented in `docs/data-model.md`): records without an id in the spec
//! carry `x_id`; other `x_` keys are accepted on import and not kept.

mod parse;

pub use parse::parse_document;

use crate::model::{new_id, Cadre, VillageDocument, FORMAT_V1};
use crate::store::Ledger;
use crate::validate::{self, Finding};
use crate::{Error, Result};
use chrono::NaiveDate;

/// What an import did.
#[derive(Debug, Clone, Default, PartialEq, serde::Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct ImportSummary {
    pub village: String,
    pub inserted: usize,
    pub updated: usize,
    pub unchanged: usize,
    pub warnings: usize,
}

/// Checks a whole document; returns every error (each with its JSON path and household code).
pub fn check_document(doc: &VillageDocument, today: NaiveDate) -> Vec<Finding> {
    let mut findings = Vec::new();
    if doc.format != FORMAT_V1 {
        findings.push(Finding {
            severity: validate::Severity::Error,
            household: String::new(),
            path: "format".into(),
            rule: "format.version".into(),
            message: format!("文件格式标记应为“{FORMAT_V1}”，实际为“{}”", doc.format),
        });
    }
    let mut codes = std::collections::HashMap::new();
    for (i, h) in doc.households.iter().enumerate() {
        let prefix = format!("households[{i}]");
        if let Some(first) = codes.insert(h.code.as_str(), i) {
            findings.push(Finding {
                severity: validate::Severity::Error,
                household: h.code.clone(),
                path: format!("{prefix}.code"),
                rule: "household.code.duplicate".into(),
                message: format!("户编号{}与households[{first}]重复", h.code),
            });
        }
        findings.extend(validate::errors_only(&validate::check_household(
            h,
            &doc.cadres,
            today,
            &prefix,
        )));
    }
    findings
}

/// Parses, checks and imports a document in one transaction: all of it or nothing.
/// Importing the same file twice changes nothing the second time (ids are stable).
pub fn import_bytes(
    ledger: &mut Ledger,
    bytes: &[u8],
    source: &str,
    today: NaiveDate,
) -> Result<ImportSummary> {
    let doc = parse_document(bytes, today).map_err(Error::Validation)?;
    import_document(ledger, doc, source, today)
}

/// Checks and imports an already parsed document (see `import_bytes`).
pub fn import_document(
    ledger: &mut Ledger,
    mut doc: VillageDocument,
    source: &str,
    today: NaiveDate,
) -> Result<ImportSummary> {
    for h in &mut doc.households {
        h.assign_missing_ids();
    }
    let errors = check_document(&doc, today);
    if !errors.is_empty() {
        return Err(Error::Validation(errors));
    }
    let reason = format!("导入文件 {source}");
    ledger.with_tx(|w| {
        let village_id = w.save_village(&new_id(), &doc.village, Some(&reason))?;
        for c in &doc.cadres {
            w.save_cadre(&village_id, c, Some(&reason))?;
        }
        let mut summary = ImportSummary {
            village: doc.village.code.clone(),
            ..Default::default()
        };
        for (i, h) in doc.households.iter().enumerate() {
            let saved = w
                .save_household_with(&village_id, h, &doc.cadres, Some(&reason), today)
                .map_err(|e| prefix_paths(e, i))?;
            match saved.change {
                crate::store::Change::Inserted => summary.inserted += 1,
                crate::store::Change::Updated => summary.updated += 1,
                crate::store::Change::Unchanged => summary.unchanged += 1,
            }
            summary.warnings += saved.warnings.len();
        }
        Ok(summary)
    })
}

fn prefix_paths(e: Error, index: usize) -> Error {
    match e {
        Error::Validation(list) => Error::Validation(
            list.into_iter()
                .map(|mut f| {
                    f.path = format!("households[{index}].{}", f.path);
                    f
                })
                .collect(),
        ),
        other => other,
    }
}

/// Exports one village as a v1 document (households by code, records in entry order).
pub fn export_village(ledger: &Ledger, village_code: &str) -> Result<VillageDocument> {
    let village = ledger.village(village_code)?;
    let cadres: Vec<Cadre> = ledger.cadres(&village.id)?;
    let ids = crate::store::read::household_ids(ledger.conn(), &village.id)?;
    let households = ids
        .iter()
        .map(|id| ledger.household(id).map(|s| s.household))
        .collect::<Result<Vec<_>>>()?;
    Ok(VillageDocument {
        format: FORMAT_V1.to_string(),
        village: village.village,
        cadres,
        households,
    })
}

/// Exports a village as pretty JSON text.
pub fn export_json(ledger: &Ledger, village_code: &str) -> Result<String> {
    let doc = export_village(ledger, village_code)?;
    serde_json::to_string_pretty(&doc).map_err(|e| Error::Format(e.to_string()))
}
