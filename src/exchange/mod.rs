//! Exchange format v1 (`shared/spec/exchange-v1.md`): reading a village document with
//! every error reported, importing it in one transaction, and exporting a village.
//!
//! Extensions (documented in `docs/data-model.md`): records without an id in the spec
//! carry `x_id`; other `x_` keys are accepted on import and not kept.

pub mod bundle;
mod check;
mod county;
mod ids;
pub mod moves;
mod parse;
pub mod xlsx;

pub use county::{give_way, import_many_at, Named};
pub use parse::parse_document;

use crate::model::{Cadre, VillageDocument, FORMAT_V1};
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
    findings.extend(whole_document(&doc.village.code, &doc.households, today));
    findings
}

/// The checks of a document as a whole, beside each household's: its village code, and
/// one person registered in two of its households.
pub(crate) fn whole_document(
    village_code: &str,
    households: &[crate::model::Household],
    today: NaiveDate,
) -> Vec<Finding> {
    let mut found: Vec<Finding> = check_village_code(village_code).into_iter().collect();
    found.extend(crate::check::people_in_two_households(households, today));
    found
}

/// A village code the ledger can file records under: not blank, no spaces or invisible
/// characters (a blank code would create a village nobody can name).
fn check_village_code(code: &str) -> Option<Finding> {
    let message = if code.trim().is_empty() {
        "村代码为空；请填写本村的村代码（12位统计用区划代码），否则无法确定数据属于哪个村。未导入任何数据".to_string()
    } else if code
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || invisible(c))
    {
        format!(
            "村代码“{}”中含有空格或不可见字符；请改正后重新导入。未导入任何数据",
            code.trim()
        )
    } else {
        return None;
    };
    Some(Finding {
        severity: validate::Severity::Error,
        household: String::new(),
        path: "village.code".into(),
        rule: "village.code.blank".into(),
        message,
    })
}

/// Format characters that print as nothing (zero-width spaces and joiners, the byte-order
/// mark, direction marks, the soft hyphen …): a code holding one looks like another code.
fn invisible(c: char) -> bool {
    matches!(c,
        '\u{AD}' | '\u{600}'..='\u{605}' | '\u{61C}' | '\u{6DD}' | '\u{70F}' | '\u{180E}'
        | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}' | '\u{FEFF}' | '\u{FFF9}'..='\u{FFFB}')
}

/// Parses, checks and imports a document in one transaction: all of it or nothing.
/// Importing the same file twice changes nothing the second time (ids are stable).
pub fn import_bytes(
    ledger: &mut Ledger,
    bytes: &[u8],
    source: &str,
    today: NaiveDate,
) -> Result<ImportSummary> {
    import_bytes_at(ledger, bytes, source, today, today)
}

/// `import_bytes` with the date the file's facts hold from (`--effective`): facts that
/// differ from the ledger's on that date start new periods there; earlier ones stay.
pub fn import_bytes_at(
    ledger: &mut Ledger,
    bytes: &[u8],
    source: &str,
    today: NaiveDate,
    effective: NaiveDate,
) -> Result<ImportSummary> {
    let doc = parse_document(bytes, today).map_err(Error::Validation)?;
    import_document_at(ledger, doc, source, today, effective)
}

/// Imports a file by its kind: a monitoring-system workbook (.xlsx, see `xlsx`: one village
/// or several) or an exchange v1 JSON file (one village); `name` is the file's name (for the kind and the audit rows).
pub fn import_file_at(
    ledger: &mut Ledger,
    bytes: &[u8],
    name: &str,
    today: NaiveDate,
    effective: NaiveDate,
) -> Result<Vec<ImportSummary>> {
    import_file_with(ledger, bytes, name, today, effective, NewVillage::Create)
}

/// What an import does with a village the ledger does not have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NewVillage {
    /// Creates it (the first village of an empty ledger is always created).
    Create,
    /// Refuses the file, asking for confirmation, when the ledger already has villages:
    /// a mistyped village code must not create a phantom village (`--new-village`).
    AskFirst,
}

/// `import_file_at` with what to do about a village the ledger does not have.
pub fn import_file_with(
    ledger: &mut Ledger,
    bytes: &[u8],
    name: &str,
    today: NaiveDate,
    effective: NaiveDate,
    new_village: NewVillage,
) -> Result<Vec<ImportSummary>> {
    let how = (today, effective, new_village);
    import_file_reporting(ledger, bytes, name, how, &mut |_, _| {})
}

/// `import_file_with` (its dates and what to do about a new village as `how`), telling
/// `progress` how far a workbook's import has come, in thousandths (done, 1000); an
/// exchange file is read and written at once.
pub fn import_file_reporting(
    ledger: &mut Ledger,
    bytes: &[u8],
    name: &str,
    how: (NaiveDate, NaiveDate, NewVillage),
    progress: &mut dyn FnMut(usize, usize),
) -> Result<Vec<ImportSummary>> {
    let (today, effective, new_village) = how;
    if xlsx::is_workbook(name, bytes) {
        xlsx::import_bytes_reporting(ledger, bytes, name, how, progress)
    } else {
        let doc = parse_document(bytes, today).map_err(Error::Validation)?;
        import_document_with(ledger, doc, name, today, effective, new_village).map(|s| vec![s])
    }
}

/// Refuses villages the ledger does not have while it has others, unless confirmed.
fn check_new_village(
    ledger: &Ledger,
    docs: &[&VillageDocument],
    new_village: NewVillage,
) -> Result<()> {
    if new_village == NewVillage::Create {
        return Ok(());
    }
    unknown_villages(&ledger.villages()?, docs)
}

/// The refusal of a document whose village is not among `known` (the ledger's villages),
/// asking for confirmation (`--new-village`); none when the ledger has no village yet or
/// knows it.
pub fn unknown_village(known: &[crate::store::StoredVillage], doc: &VillageDocument) -> Result<()> {
    unknown_villages(known, &[doc])
}

/// `unknown_village` for the villages of one file (a township's workbook), named together.
pub fn unknown_villages(
    known: &[crate::store::StoredVillage],
    docs: &[&VillageDocument],
) -> Result<()> {
    let new: Vec<&crate::model::Village> = docs
        .iter()
        .map(|d| &d.village)
        .filter(|v| !known.iter().any(|k| k.village.code == v.code))
        .collect();
    if known.is_empty() || new.is_empty() {
        return Ok(());
    }
    // A mistyped code is not a village to confirm: no --new-village would create it.
    if let Some(refused) = new
        .iter()
        .find_map(|v| crate::store::village_code_refused(&v.code))
    {
        return Err(Error::Validation(vec![refused]));
    }
    let names: Vec<String> = known
        .iter()
        .map(|v| format!("{}（{}）", v.village.name, v.village.code))
        .collect();
    let (missing, these) = match new.as_slice() {
        [v] => (
            format!("村代码为“{}”的行政村（文件中的村名：{}）", v.code, v.name),
            "这个村",
        ),
        _ => (
            format!(
                "文件中的{}个村：{}",
                new.len(),
                new.iter()
                    .map(|v| format!("{}（{}）", v.name, v.code))
                    .collect::<Vec<_>>()
                    .join("、")
            ),
            "这些村",
        ),
    };
    Err(Error::NewVillage(format!(
        "台账中没有{missing}；台账已有：{}。如果村代码写错了，请改正文件；如果确实要新建{these}，请确认新建（命令行：加 --new-village 重新导入）。未导入任何数据，台账保持不变",
        names.join("、")
    )))
}

/// Checks and imports an already parsed document (see `import_bytes`).
pub fn import_document(
    ledger: &mut Ledger,
    doc: VillageDocument,
    source: &str,
    today: NaiveDate,
) -> Result<ImportSummary> {
    import_document_at(ledger, doc, source, today, today)
}

/// `import_document` with the date the document's facts hold from. Households new to
/// the ledger take the bulk path (one audit row each, naming the file and what it held);
/// known ones are saved field by field (see `store::Bulk`, and `import_many_at` for many
/// files in one transaction).
pub fn import_document_at(
    ledger: &mut Ledger,
    doc: VillageDocument,
    source: &str,
    today: NaiveDate,
    effective: NaiveDate,
) -> Result<ImportSummary> {
    import_document_with(ledger, doc, source, today, effective, NewVillage::Create)
}

/// `import_document_at` with what to do about a village the ledger does not have.
pub fn import_document_with(
    ledger: &mut Ledger,
    doc: VillageDocument,
    source: &str,
    today: NaiveDate,
    effective: NaiveDate,
    new_village: NewVillage,
) -> Result<ImportSummary> {
    check_new_village(ledger, &[&doc], new_village)?;
    let mut summaries = import_many_at(
        ledger,
        [Ok((doc, source.to_string()))],
        today,
        effective,
        false,
    )?;
    summaries
        .pop()
        .ok_or_else(|| Error::Invalid("导入的文件中没有村".into()))
}

pub(crate) fn prefix_paths(e: Error, index: usize) -> Error {
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
    let village = ledger.village(village_code)?.clone();
    let cadres: Vec<Cadre> = ledger.cadres(&village.id)?;
    let households = crate::assess::village_households(ledger, &village.id)?;
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

/// Exports a village as it stood on `date`: the households registered then, with that
/// day's facts and the records dated by then (a snapshot: no history).
pub fn export_village_on(
    ledger: &Ledger,
    village_code: &str,
    date: NaiveDate,
) -> Result<VillageDocument> {
    let mut doc = export_village(ledger, village_code)?;
    doc.village = doc.village.as_of(date);
    doc.village.history.clear();
    doc.village.recorded_from = None;
    doc.cadres = doc
        .cadres
        .iter()
        .map(|c| Cadre {
            history: Vec::new(),
            recorded_from: None,
            ..c.as_of(date)
        })
        .collect();
    doc.households = crate::model::into_households_on(std::mem::take(&mut doc.households), date);
    for h in &mut doc.households {
        h.history.clear();
        h.recorded_from = None;
        for m in &mut h.members {
            m.history.clear();
            m.recorded_from = None;
        }
    }
    Ok(doc)
}

/// `export_village_on` as pretty JSON text.
pub fn export_json_on(ledger: &Ledger, village_code: &str, date: NaiveDate) -> Result<String> {
    let doc = export_village_on(ledger, village_code, date)?;
    serde_json::to_string_pretty(&doc).map_err(|e| Error::Format(e.to_string()))
}
