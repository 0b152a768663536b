//! Reading a v1 document: a fast typed parse, and on failure a second pass that finds
//! every structural error (bad code, wrong type, unknown key) with its JSON path.

use crate::model::{Household, VillageDocument};
use crate::validate::{Finding, Severity};
use serde::de::DeserializeOwned;
use serde_json::Value;

fn finding(household: &str, path: String, rule: &str, message: String) -> Finding {
    Finding {
        severity: Severity::Error,
        household: household.to_string(),
        path,
        rule: rule.to_string(),
        message,
    }
}

fn household_index(path: &str) -> usize {
    path.strip_prefix("households[")
        .and_then(|rest| rest.split(']').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
}

/// The text of an exchange file: UTF-8 (a leading BOM is dropped). Other encodings are
/// named, so the cadre knows to save the file again as UTF-8.
fn encoding(bytes: &[u8]) -> Result<&str, String> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(
            "文件是UTF-16编码（Windows记事本的“Unicode”），请另存为UTF-8编码后再导入".into(),
        );
    }
    // The SIMD check of the whole file; a file it refuses goes through the standard one,
    // which tells where the first bad byte is.
    if let Ok(text) = simdutf8::basic::from_utf8(bytes) {
        return Ok(text);
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = bytes[..at].iter().filter(|b| **b == b'\n').count() + 1;
        format!(
            "文件不是UTF-8编码（第{line}行起有无法识别的字符，可能是GBK/GB2312编码），请用记事本或WPS另存为UTF-8编码后再导入"
        )
    })
}

/// Parses a document, or returns every error found: structural ones, and for the
/// households that did parse, their validation errors (checked against `today`). Record
/// ids an earlier build derived become this build's (`VillageDocument::rederive_earlier_ids`).
pub fn parse_document(
    bytes: &[u8],
    today: chrono::NaiveDate,
) -> Result<VillageDocument, Vec<Finding>> {
    let mut doc = parse(bytes, today)?;
    doc.rederive_earlier_ids();
    Ok(doc)
}

fn parse(bytes: &[u8], today: chrono::NaiveDate) -> Result<VillageDocument, Vec<Finding>> {
    // Checked as UTF-8 once, here: `from_str` does not check each string again.
    let text = match encoding(bytes) {
        Ok(t) => t,
        Err(message) => return Err(vec![finding("", String::new(), "file.encoding", message)]),
    };
    if let Ok(doc) = serde_json::from_str::<VillageDocument>(text) {
        return Ok(doc);
    }
    let mut root: Value = serde_json::from_str(text).map_err(|e| {
        vec![finding(
            "",
            format!("第{}行第{}列", e.line(), e.column()),
            "json.syntax",
            format!("不是有效的JSON：{}", translate(&e.to_string())),
        )]
    })?;
    let mut errors = Vec::new();
    let households = match root.get_mut("households").map(Value::take) {
        Some(Value::Array(list)) => list,
        Some(Value::Null) | None => Vec::new(),
        Some(_) => {
            errors.push(finding(
                "",
                "households".into(),
                "json.type",
                "households应为数组".into(),
            ));
            Vec::new()
        }
    };
    if let Some(obj) = root.as_object_mut() {
        obj.insert("households".into(), Value::Array(Vec::new()));
    }
    let cadres_given = root.get("cadres").cloned();
    let mut doc = match typed::<VillageDocument>(root, "") {
        Ok(doc) => Some(doc),
        Err((path, msg)) => {
            errors.push(finding("", path, "json.field", msg));
            None
        }
    };
    let mut parsed = Vec::new();
    for (i, value) in households.into_iter().enumerate() {
        let code = value
            .get("code")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        match typed::<Household>(value.clone(), &format!("households[{i}]")) {
            Ok(h) => parsed.push((i, h)),
            Err(first) => errors.extend(household_errors(&value, &code, i, first)),
        }
    }
    if !errors.is_empty() {
        // Report the other households' errors too, so one pass shows everything to fix.
        // The cadres are those of the file even when the rest of its village did not parse
        // (a missing `village.code` is one error, not one more for every pairing); when
        // they cannot be read either, which ids are unknown cannot be said.
        let cadres = match &doc {
            Some(d) => Some(d.cadres.clone()),
            None => match cadres_given {
                None | Some(Value::Null) => Some(Vec::new()),
                Some(list) => typed::<Vec<crate::model::Cadre>>(list, "cadres").ok(),
            },
        };
        for (i, mut h) in parsed {
            h.assign_missing_ids();
            let at = format!("households[{i}]");
            let findings = crate::validate::check_household(
                &h,
                cadres.as_deref().unwrap_or_default(),
                today,
                &at,
            );
            let findings = (findings.into_iter())
                .filter(|f| cadres.is_some() || f.rule != "cadre.unknown")
                .collect::<Vec<_>>();
            errors.extend(crate::validate::errors_only(&findings));
        }
        errors.sort_by_key(|f| household_index(&f.path));
        return Err(errors);
    }
    let mut doc = doc.take().expect("no errors means the document parsed");
    doc.households = parsed.into_iter().map(|(_, h)| h).collect();
    Ok(doc)
}

/// Every error of a household that did not parse: each record is tried on its own so one
/// bad member does not hide another.
fn household_errors(
    value: &Value,
    code: &str,
    index: usize,
    first: (String, String),
) -> Vec<Finding> {
    let prefix = format!("households[{index}]");
    let mut found = Vec::new();
    let mut shell = value.clone();
    let lists = [
        "members",
        "income",
        "expenses",
        "rigid_expenses",
        "pairings",
        "visits",
        "measures",
        "events",
    ];
    for key in lists {
        if let Some(Value::Array(items)) = value.get(key) {
            for (j, item) in items.iter().enumerate() {
                let path = format!("{prefix}.{key}[{j}]");
                let result = match key {
                    "members" => typed::<crate::model::Member>(item.clone(), &path).map(drop),
                    "income" => typed::<crate::model::IncomeLine>(item.clone(), &path).map(drop),
                    "expenses" => typed::<crate::model::Expense>(item.clone(), &path).map(drop),
                    "rigid_expenses" => {
                        typed::<crate::model::RigidExpense>(item.clone(), &path).map(drop)
                    }
                    "pairings" => typed::<crate::model::Pairing>(item.clone(), &path).map(drop),
                    "visits" => typed::<crate::model::Visit>(item.clone(), &path).map(drop),
                    "measures" => typed::<crate::model::Measure>(item.clone(), &path).map(drop),
                    _ => typed::<crate::model::Event>(item.clone(), &path).map(drop),
                };
                if let Err((p, m)) = result {
                    found.push(finding(code, p, "json.field", m));
                }
            }
            shell[key] = Value::Array(Vec::new());
        }
    }
    if let Err((p, m)) = typed::<Household>(shell, &prefix) {
        found.push(finding(code, p, "json.field", m));
    }
    if found.is_empty() {
        found.push(finding(code, first.0, "json.field", first.1));
    }
    found
}

/// Deserialises with the path of the first error (`prefix.members[1].relation`). `x_` keys
/// the model does not know are dropped (extensions of other tools); ours are kept.
fn typed<T: DeserializeOwned>(mut value: Value, prefix: &str) -> Result<T, (String, String)> {
    let result = loop {
        match serde_path_to_error::deserialize(value.clone()) {
            Err(e) => match foreign_extension(&e.inner().to_string()) {
                Some(name) if remove_at(&mut value, e.path(), name) => continue,
                _ => break Err(e),
            },
            ok => break ok,
        }
    };
    result.map_err(|e| {
        let inner = e.path().to_string();
        let path = match (prefix.is_empty(), inner == ".") {
            (true, _) => inner,
            (false, true) => prefix.to_string(),
            (false, false) => format!("{prefix}.{inner}"),
        };
        let message = translate(&e.inner().to_string());
        let message = match crate::model::field_name(&path) {
            Some(name) if !message.contains(name) => format!("{name}：{message}"),
            _ => message,
        };
        (path, message)
    })
}

/// The name of an `x_` key the record does not know, from serde's message (`unknown field
/// `x_note`, expected …`): other tools' extensions, accepted and not kept.
fn foreign_extension(msg: &str) -> Option<&str> {
    let rest = msg.strip_prefix("unknown field `")?;
    let name = &rest[..rest.find('`')?];
    name.starts_with("x_").then_some(name)
}

/// Removes `name` from the object at `path` (the path serde reported for it, which may end
/// with the key itself); whether it was there.
fn remove_at(value: &mut Value, path: &serde_path_to_error::Path, name: &str) -> bool {
    use serde_path_to_error::Segment;
    let mut pointer = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => pointer.push_str(&format!("/{index}")),
            Segment::Map { key } if key != name => {
                pointer.push('/');
                pointer.push_str(&key.replace('~', "~0").replace('/', "~1"));
            }
            _ => break,
        }
    }
    value
        .pointer_mut(&pointer)
        .and_then(Value::as_object_mut)
        .and_then(|o| o.remove(name))
        .is_some()
}

/// serde's English messages in Chinese (codes are already Chinese from `codes.rs`).
fn translate(msg: &str) -> String {
    let msg = msg.split(" at line ").next().unwrap_or(msg);
    if let Some(rest) = msg.strip_prefix("missing field ") {
        return format!("缺少必填项{rest}");
    }
    if let Some(rest) = msg.strip_prefix("unknown field ") {
        let name = rest.split(',').next().unwrap_or(rest);
        return format!("不认识的字段{name}（扩展字段须以x_开头）");
    }
    if let Some(rest) = msg.strip_prefix("invalid type: ") {
        return format!(
            "类型不对：{}",
            rest.replace("expected", "应为")
                .replace("a string", "文本")
                .replace("a boolean", "是/否")
                .replace("i32", "整数")
                .replace("u8", "整数")
                .replace("f64", "数字")
        );
    }
    if msg.starts_with("input contains invalid characters")
        || msg.starts_with("premature end of input")
        || msg.contains("invalid")
    {
        return format!("格式不正确（{msg}）");
    }
    msg.to_string()
}
