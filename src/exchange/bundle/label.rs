//! A conflict's field in words (成员张三 · 健康状况, 收入一本账（务工收入）· amount) and a
//! value in words (codes as labels; a whole record by its name).

use super::three_way::{find, Seg};
use crate::model::{field_label, value_label};
use serde_json::Value;

fn list_label(key: &str) -> &str {
    match key {
        "members" => "成员",
        "income" => "收入一本账",
        "expenses" => "生产经营支出",
        "rigid_expenses" => "刚性支出",
        "pairings" => "结对帮扶",
        "visits" => "走访记录",
        "measures" => "帮扶措施",
        "events" => "人口变动",
        "x_history" => "历史值",
        other => other,
    }
}

/// A record in a list by what names it (name, item, content, kind, date …).
fn record_name(v: Option<&Value>) -> Option<String> {
    let o = v?.as_object()?;
    [
        "name", "item", "content", "kind", "field", "date", "start", "year", "code",
    ]
    .iter()
    .find_map(|k| match o.get(*k)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    })
}

/// The field at `path` of the record `record_key`, in words; `mine`/`theirs` are the
/// record's two versions (to name list records).
pub fn field(
    record_key: &str,
    path: &[Seg],
    mine: Option<&Value>,
    theirs: Option<&Value>,
) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut keys: Vec<&str> = Vec::new();
    let mut list = "";
    for (i, s) in path.iter().enumerate() {
        match s {
            Seg::Key(k) => {
                keys.push(k);
                list = k;
            }
            Seg::Id { id } => {
                keys.pop();
                let at = &path[..=i];
                let name = record_name(mine.and_then(|m| find(m, at)))
                    .or_else(|| record_name(theirs.and_then(|t| find(t, at))))
                    .unwrap_or_else(|| id.clone());
                let before = keys.join(".");
                if !before.is_empty() {
                    parts.push(field_label(&before).to_string());
                }
                keys.clear();
                parts.push(format!("{}（{name}）", list_label(list)));
            }
        }
    }
    let rest = keys.join(".");
    if !rest.is_empty() {
        parts.push(field_label(&rest).to_string());
    }
    if parts.is_empty() {
        parts.push(
            match record_key.split(':').next() {
                Some("household") => "整户",
                Some("cadre") => "帮扶责任人",
                _ => "村",
            }
            .to_string(),
        );
    } else if record_key == "village" {
        parts.insert(0, "村".into());
    } else if record_key.starts_with("cadre:") {
        let name = record_name(mine)
            .or_else(|| record_name(theirs))
            .unwrap_or_default();
        parts.insert(0, format!("帮扶责任人{name}"));
    }
    parts.join(" · ")
}

/// A value in words: absent → （已删除）, a record → its name, codes → labels.
pub fn value(path: &[Seg], v: Option<&Value>) -> String {
    let Some(v) = v else {
        return "（已删除）".into();
    };
    let last = path
        .iter()
        .rev()
        .find_map(|s| match s {
            Seg::Key(k) => Some(k.as_str()),
            _ => None,
        })
        .unwrap_or("");
    match v {
        Value::Object(o) if path.is_empty() && o.contains_key("members") => household(v),
        Value::Object(_) => format!("（记录：{}）", record_words(v)),
        Value::Array(items) => items
            .iter()
            .map(|i| value_label(last, i))
            .collect::<Vec<_>>()
            .join("、"),
        other => value_label(last, other),
    }
}

/// A record in words: its name, and its year (and month) and amount where it has them (an income
/// line changed on one side and deleted on the other is told by what it says).
fn record_words(v: &Value) -> String {
    let mut words: Vec<String> = record_name(Some(v)).into_iter().collect();
    if let Some(year) = v.get("year").and_then(Value::as_i64) {
        if words.first().is_some_and(|w| *w != year.to_string()) {
            match v.get("month").and_then(Value::as_i64) {
                Some(month) => words.push(format!("{year}年{month}月")),
                None => words.push(format!("{year}年")),
            }
        }
    }
    if let Some(amount) = v.get("amount").and_then(Value::as_f64) {
        words.push(format!("{amount:.2}元"));
    }
    words.join("，")
}

/// A whole household in words: its code and its members by name (整户 3607…：张三、李四).
fn household(v: &Value) -> String {
    let names: Vec<&str> = (v["members"].as_array().into_iter().flatten())
        .filter_map(|m| m["name"].as_str())
        .collect();
    format!(
        "（整户 {}：{} 人，{}）",
        v["code"].as_str().unwrap_or_default(),
        names.len(),
        names.join("、")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A deleted-or-changed record is told by its name, year and amount; a record without
    /// them by its name alone.
    #[test]
    fn a_record_is_told_by_what_it_says() {
        let line = serde_json::json!({"year": 2024, "item": "生态补偿金", "amount": 1200.0});
        assert_eq!(
            value(&[], Some(&line)),
            "（记录：生态补偿金，2024年，1200.00元）"
        );
        let monthly =
            serde_json::json!({"year": 2024, "month": 3, "item": "务工收入", "amount": 1000.0});
        assert_eq!(
            value(&[], Some(&monthly)),
            "（记录：务工收入，2024年3月，1000.00元）"
        );
        let visit = serde_json::json!({"date": "2026-03-01", "content": "入户走访"});
        assert_eq!(value(&[], Some(&visit)), "（记录：入户走访）");
        assert_eq!(value(&[], None), "（已删除）");
    }
}
