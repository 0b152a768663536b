//! Dated facts: the periods a fact of a record (household, member, village, cadre) held
//! for, and how a new write (a change in life, or a correction) merges into them.
//!
//! A fact is one field of a record, named by its path in the exchange shape (`status`,
//! `conditions.house_grade`, `schooling`). A record's current value is the value of its
//! latest period; a field without periods has held its current value all along. A period
//! runs from its `from` date to the next period's; the first period may have no date
//! (`from: null`: "as first recorded") and then also stands for the time before.
//! Everything here is pure: no store, no clock.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::BTreeMap;

/// How a period came about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "snake_case")]
pub enum FactKind {
    /// The value as first recorded (the period before the first change).
    #[default]
    Recorded,
    /// A change in life: a new period starts on `from`.
    Change,
    /// A wrong value fixed: the value of the period was replaced.
    Correction,
}

impl FactKind {
    /// The exchange code.
    pub fn code(self) -> &'static str {
        match self {
            FactKind::Recorded => "recorded",
            FactKind::Change => "change",
            FactKind::Correction => "correction",
        }
    }

    /// Parses an exchange code.
    pub fn from_code(code: &str) -> Option<FactKind> {
        match code {
            "recorded" => Some(FactKind::Recorded),
            "change" => Some(FactKind::Change),
            "correction" => Some(FactKind::Correction),
            _ => None,
        }
    }

    /// Chinese label.
    pub fn label(self) -> &'static str {
        match self {
            FactKind::Recorded => "登记",
            FactKind::Change => "变更",
            FactKind::Correction => "更正",
        }
    }
}

/// One period of one fact (exchange extension `x_history`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[cfg_attr(feature = "ts", ts(optional_fields = nullable))]
#[serde(deny_unknown_fields)]
pub struct FactPeriod {
    /// The field's path in the record (`status`, `conditions.house_grade`).
    pub field: String,
    /// The first day the value held; `None` for the value as first recorded.
    pub from: Option<NaiveDate>,
    /// The value in the exchange shape; `null` = not recorded.
    #[cfg_attr(feature = "ts", ts(type = "unknown"))]
    pub value: Value,
    #[serde(default)]
    pub kind: FactKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
    /// 文号 of the decision, where there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// When and by whom it was written (filled by the store).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub recorded_at: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operator: Option<String>,
}

/// When a write takes effect.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Effective {
    /// A change in life: changed facts start a new period on this date.
    Change { from: NaiveDate },
    /// A correction: changed facts replace the value of the period in force on `on`
    /// (the latest period when `on` is empty).
    Correction { on: Option<NaiveDate> },
}

/// The fields of a record as a flat map: `path → value` (absent keys are `null`).
pub type Fields = BTreeMap<String, Value>;

/// The fields of a JSON object that carry history: every key but `skip`; objects listed in
/// `nested` are flattened one level (`conditions.house_grade`).
pub fn flatten(record: &Value, skip: &[&str], nested: &[&str]) -> Fields {
    let mut out = Fields::new();
    let Some(obj) = record.as_object() else {
        return out;
    };
    for (k, v) in obj {
        if skip.contains(&k.as_str()) {
            continue;
        }
        if nested.contains(&k.as_str()) {
            if let Some(inner) = v.as_object() {
                for (ik, iv) in inner {
                    out.insert(format!("{k}.{ik}"), iv.clone());
                }
            }
            continue;
        }
        out.insert(k.clone(), v.clone());
    }
    out
}

/// A new record's own history (nothing stored), when it ends in the record's values:
/// its periods, one per field and date (a later one in the list replaces an earlier) in
/// `merge`'s order. `None` when a field's latest period differs from the record's value
/// (then `merge` settles it). The record is read as `flatten` reads it (`skip`, `nested`)
/// without copying its fields: what a county-scale import of new records needs.
pub fn adopt(
    record: &Value,
    skip: &[&str],
    nested: &[&str],
    incoming_history: &[FactPeriod],
) -> Option<Vec<FactPeriod>> {
    let mut history = incoming_history.to_vec();
    history.sort_by(|a, b| a.field.cmp(&b.field).then(a.from.cmp(&b.from)));
    // Of periods with the same field and date the last one given stands (the sort is stable).
    history.dedup_by(|later, earlier| {
        let same = later.field == earlier.field && later.from == earlier.from;
        if same {
            std::mem::swap(later, earlier);
        }
        same
    });
    let obj = record.as_object()?;
    for (i, p) in history.iter().enumerate() {
        let latest = history.get(i + 1).is_none_or(|q| q.field != p.field);
        if !latest || skip.contains(&p.field.as_str()) {
            continue;
        }
        let current = match p.field.split_once('.') {
            Some((outer, inner)) if nested.contains(&outer) => obj
                .get(outer)
                .and_then(Value::as_object)
                .and_then(|o| o.get(inner)),
            Some(_) => None,
            None if nested.contains(&p.field.as_str()) => None,
            None => obj.get(&p.field),
        };
        // A field the record does not carry is not among its facts (`merge` leaves it be).
        if current.is_some_and(|v| v != &p.value) {
            return None;
        }
    }
    Some(history)
}

/// Sets a (possibly nested) field of a JSON object; `null` removes the key.
pub fn set_field(record: &mut Value, path: &str, value: &Value) {
    let Some(obj) = record.as_object_mut() else {
        return;
    };
    match path.split_once('.') {
        Some((outer, inner)) => {
            let entry = obj
                .entry(outer.to_string())
                .or_insert_with(|| Value::Object(Map::new()));
            if !entry.is_object() {
                *entry = Value::Object(Map::new());
            }
            set_field(entry, inner, value);
        }
        None if value.is_null() => {
            obj.remove(path);
        }
        None => {
            obj.insert(path.to_string(), value.clone());
        }
    }
}

/// The periods of one field, in order (the undated first period first).
pub fn periods_of<'a>(history: &'a [FactPeriod], field: &str) -> Vec<&'a FactPeriod> {
    let mut out: Vec<&FactPeriod> = history.iter().filter(|p| p.field == field).collect();
    out.sort_by_key(|p| p.from);
    out
}

/// The value of a field on `date` from its periods: the latest period begun by then, or,
/// before every dated period, the first one (the earliest known value stands for the
/// time before). `None` when the field has no periods.
pub fn value_on<'a>(periods: &[&'a FactPeriod], date: NaiveDate) -> Option<&'a Value> {
    periods
        .iter()
        .rev()
        .find(|p| p.from.is_none_or(|f| f <= date))
        .or_else(|| periods.first())
        .map(|p| &p.value)
}

/// A write merged into a record's history.
#[derive(Debug, Clone, PartialEq)]
pub struct Merged {
    /// The record's history after the write (every field, sorted by field and date).
    pub history: Vec<FactPeriod>,
    /// The current values after the write (the latest period of each field with
    /// history; the incoming value for fields without).
    pub current: Fields,
}

/// A stored record as the merge sees it.
#[derive(Debug, Clone, Copy)]
pub struct Stored<'a> {
    pub fields: &'a Fields,
    pub history: &'a [FactPeriod],
    /// The date the ledger first knew the record (the first period's start).
    pub since: Option<NaiveDate>,
}

/// Who writes, why, and under which document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Provenance<'a> {
    pub reason: Option<&'a str>,
    pub doc: Option<&'a str>,
}

/// Merges an incoming record (its fields and any history it carries, e.g. from an
/// exchange file) into the stored one under `effective`.
///
/// `stored` is `None` for a new record: its values are simply recorded. For a stored
/// record every field whose incoming value differs from the value in force on the
/// effective date is written: a change starts a period (the old value becomes the first
/// period if the field had none), a correction replaces the value of its period.
pub fn merge(
    stored: Option<Stored>,
    incoming: &Fields,
    incoming_history: &[FactPeriod],
    effective: Effective,
    why: &Provenance,
) -> Merged {
    let mut history: Vec<FactPeriod> = stored.map(|s| s.history.to_vec()).unwrap_or_default();
    for p in incoming_history {
        match history
            .iter_mut()
            .find(|q| q.field == p.field && q.from == p.from)
        {
            Some(q) => *q = p.clone(),
            None => history.push(p.clone()),
        }
    }
    let null = Value::Null;
    let mut current = Fields::new();
    let stored_fields = stored.map(|s| s.fields);
    let since = stored.and_then(|s| s.since);
    let keys: std::collections::BTreeSet<&String> = incoming
        .keys()
        .chain(stored_fields.into_iter().flat_map(|f| f.keys()))
        .collect();
    for key in keys {
        let new = incoming.get(key).unwrap_or(&null);
        let old_current = stored_fields.and_then(|f| f.get(key)).unwrap_or(&null);
        let had_periods = history.iter().any(|p| &p.field == key);
        if stored.is_some() {
            let periods = periods_of(&history, key);
            let at = match effective {
                Effective::Change { from } => value_on(&periods, from),
                Effective::Correction { on: Some(d) } => value_on(&periods, d),
                Effective::Correction { on: None } => periods.last().map(|p| &p.value),
            }
            .unwrap_or(old_current)
            .clone();
            if &at != new {
                write_one(&mut history, key, (since, old_current), new, effective, why);
            }
        }
        let periods = periods_of(&history, key);
        let value = match periods.last() {
            Some(p) if had_periods || stored.is_some() => p.value.clone(),
            _ => new.clone(),
        };
        current.insert(key.clone(), value);
    }
    history.sort_by(|a, b| a.field.cmp(&b.field).then(a.from.cmp(&b.from)));
    Merged { history, current }
}

fn write_one(
    history: &mut Vec<FactPeriod>,
    field: &str,
    (since, old_current): (Option<NaiveDate>, &Value),
    new: &Value,
    effective: Effective,
    why: &Provenance,
) {
    let period = |from: Option<NaiveDate>, value: &Value, kind: FactKind| FactPeriod {
        field: field.to_string(),
        from,
        value: value.clone(),
        kind,
        reason: why.reason.map(str::to_string),
        doc: why.doc.map(str::to_string),
        recorded_at: None,
        operator: None,
    };
    let has = history.iter().any(|p| p.field == field);
    match effective {
        Effective::Change { from } => {
            if !has {
                let mut first = period(since, old_current, FactKind::Recorded);
                first.reason = None;
                first.doc = None;
                history.push(first);
            }
            match history
                .iter_mut()
                .find(|p| p.field == field && p.from == Some(from))
            {
                Some(p) => *p = period(Some(from), new, FactKind::Change),
                None => history.push(period(Some(from), new, FactKind::Change)),
            }
        }
        Effective::Correction { on } => {
            if !has {
                // One period only: the corrected value is the record's value all along;
                // the audit trail keeps the old one.
                return;
            }
            let target = {
                let periods = periods_of(history, field);
                let chosen = match on {
                    Some(d) => periods
                        .iter()
                        .rev()
                        .find(|p| p.from.is_none_or(|f| f <= d))
                        .or_else(|| periods.first()),
                    None => periods.last(),
                };
                chosen.map(|p| p.from)
            };
            if let Some(from) = target {
                if let Some(p) = history
                    .iter_mut()
                    .find(|p| p.field == field && p.from == from)
                {
                    p.value = new.clone();
                    p.kind = FactKind::Correction;
                    p.reason = why.reason.map(str::to_string);
                    p.doc = why.doc.map(str::to_string).or(p.doc.take());
                    p.recorded_at = None;
                    p.operator = None;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn st<'a>(fields: &'a Fields, history: &'a [FactPeriod]) -> Stored<'a> {
        Stored {
            fields,
            history,
            since: None,
        }
    }

    fn fields(v: Value) -> Fields {
        flatten(&v, &[], &["conditions"])
    }

    #[test]
    fn a_change_starts_a_period_and_keeps_the_old_value_before_it() {
        let stored = fields(json!({"status": "poor", "conditions": {"house_grade": "D"}}));
        let incoming = fields(json!({"status": "exited", "conditions": {"house_grade": "D"}}));
        let m = merge(
            Some(st(&stored, &[])),
            &incoming,
            &[],
            Effective::Change {
                from: d("2018-12-01"),
            },
            &Provenance {
                reason: Some("验收合格"),
                doc: Some("某政发〔2018〕9号"),
            },
        );
        let p = periods_of(&m.history, "status");
        assert_eq!(
            p.len(),
            2,
            "old value kept as the first period, new one dated"
        );
        assert_eq!(value_on(&p, d("2017-12-31")), Some(&json!("poor")));
        assert_eq!(value_on(&p, d("2018-12-31")), Some(&json!("exited")));
        assert_eq!(p[1].doc.as_deref(), Some("某政发〔2018〕9号"));
        assert_eq!(m.current["status"], json!("exited"));
        assert!(
            periods_of(&m.history, "conditions.house_grade").is_empty(),
            "an unchanged field gets no history"
        );
    }

    #[test]
    fn a_backdated_change_leaves_the_current_value_alone() {
        let stored = fields(json!({"status": "exited"}));
        let history = vec![
            FactPeriod {
                field: "status".into(),
                from: None,
                value: json!("poor"),
                kind: FactKind::Recorded,
                reason: None,
                doc: None,
                recorded_at: None,
                operator: None,
            },
            FactPeriod {
                field: "status".into(),
                from: Some(d("2019-01-01")),
                value: json!("exited"),
                kind: FactKind::Change,
                reason: None,
                doc: None,
                recorded_at: None,
                operator: None,
            },
        ];
        let incoming = fields(json!({"status": "relapsed"}));
        let m = merge(
            Some(st(&stored, &history)),
            &incoming,
            &[],
            Effective::Change {
                from: d("2016-06-01"),
            },
            &Provenance::default(),
        );
        let p = periods_of(&m.history, "status");
        assert_eq!(p.len(), 3);
        assert_eq!(value_on(&p, d("2017-01-01")), Some(&json!("relapsed")));
        assert_eq!(m.current["status"], json!("exited"), "latest period rules");
    }

    #[test]
    fn a_correction_replaces_the_value_of_its_period_only() {
        let stored = fields(json!({"conditions": {"house_grade": "A"}}));
        let incoming = fields(json!({"conditions": {"house_grade": "C"}}));
        let changed = merge(
            Some(st(&stored, &[])),
            &fields(json!({"conditions": {"house_grade": "D"}})),
            &[],
            Effective::Change {
                from: d("2016-01-01"),
            },
            &Provenance::default(),
        );
        // Now: first period A, 2016 → D. Correct 2017's value (the D period) to C.
        let m = merge(
            Some(st(&changed.current, &changed.history)),
            &incoming,
            &[],
            Effective::Correction {
                on: Some(d("2017-05-01")),
            },
            &Provenance::default(),
        );
        let p = periods_of(&m.history, "conditions.house_grade");
        assert_eq!(p.len(), 2, "a correction adds no period");
        assert_eq!(value_on(&p, d("2015-01-01")), Some(&json!("A")));
        assert_eq!(value_on(&p, d("2017-01-01")), Some(&json!("C")));
        assert_eq!(p[1].kind, FactKind::Correction);
        assert_eq!(m.current["conditions.house_grade"], json!("C"));
    }

    #[test]
    fn a_correction_without_history_changes_only_the_value() {
        let stored = fields(json!({"phone": "1"}));
        let m = merge(
            Some(st(&stored, &[])),
            &fields(json!({"phone": "2"})),
            &[],
            Effective::Correction { on: None },
            &Provenance::default(),
        );
        assert!(m.history.is_empty());
        assert_eq!(m.current["phone"], json!("2"));
    }

    #[test]
    fn the_same_facts_again_change_nothing() {
        let stored = fields(json!({"status": "poor"}));
        let m = merge(
            Some(st(&stored, &[])),
            &stored,
            &[],
            Effective::Change {
                from: d("2020-01-01"),
            },
            &Provenance::default(),
        );
        assert!(m.history.is_empty());
    }

    #[test]
    fn a_backfilled_change_keeps_the_later_record_from_its_own_date() {
        // Recorded from 2019 (grade9); a 2016 file says primary: 2016–2018 primary, 2019 on grade9.
        let stored = fields(json!({"schooling": "grade9"}));
        let m = merge(
            Some(Stored {
                fields: &stored,
                history: &[],
                since: Some(d("2019-01-01")),
            }),
            &fields(json!({"schooling": "primary"})),
            &[],
            Effective::Change {
                from: d("2016-01-01"),
            },
            &Provenance::default(),
        );
        let p = periods_of(&m.history, "schooling");
        assert_eq!(value_on(&p, d("2015-06-01")), Some(&json!("primary")));
        assert_eq!(value_on(&p, d("2018-06-01")), Some(&json!("primary")));
        assert_eq!(value_on(&p, d("2020-06-01")), Some(&json!("grade9")));
        assert_eq!(m.current["schooling"], json!("grade9"));
    }

    #[test]
    fn set_field_writes_nested_and_removes_nulls() {
        let mut v = json!({"conditions": {"house_grade": "D"}, "phone": "1"});
        set_field(&mut v, "conditions.house_grade", &json!("A"));
        set_field(&mut v, "phone", &Value::Null);
        assert_eq!(v, json!({"conditions": {"house_grade": "A"}}));
    }

    #[test]
    fn a_new_records_history_is_adopted_as_merge_would_leave_it() {
        let period = |field: &str, from: Option<&str>, value: Value, kind| FactPeriod {
            field: field.into(),
            from: from.map(d),
            value,
            kind,
            reason: None,
            doc: None,
            recorded_at: None,
            operator: None,
        };
        let record = json!({
            "status": "exited", "id": "h-1",
            "conditions": {"house_grade": "B"}, "phone": null,
        });
        // Out of order, one period given twice (the later one stands), a nested field, a
        // key that is no fact (`id`) and one the record does not carry (`group`).
        let history = vec![
            period(
                "status",
                Some("2019-01-01"),
                json!("exited"),
                FactKind::Change,
            ),
            period(
                "conditions.house_grade",
                None,
                json!("B"),
                FactKind::Recorded,
            ),
            period("status", None, json!("poor"), FactKind::Recorded),
            period(
                "status",
                Some("2019-01-01"),
                json!("exited"),
                FactKind::Correction,
            ),
            period("id", None, json!("h-0"), FactKind::Recorded),
            period("group", Some("2020-05-01"), json!("二组"), FactKind::Change),
        ];
        let why = Provenance {
            reason: None,
            doc: None,
        };
        let on = Effective::Change {
            from: d("2026-01-01"),
        };
        let merged = merge(
            None,
            &flatten(&record, &["id"], &["conditions"]),
            &history,
            on,
            &why,
        );
        let adopted = adopt(&record, &["id"], &["conditions"], &history);
        assert_eq!(adopted.as_ref(), Some(&merged.history));
        assert_eq!(merged.history.len(), 5);
        let status = periods_of(&merged.history, "status");
        assert_eq!(
            status[1].kind,
            FactKind::Correction,
            "the later of two equal periods"
        );

        // A history that ends in another value than the record's is left to `merge`.
        let mut ends_elsewhere = history.clone();
        ends_elsewhere.push(period(
            "conditions.house_grade",
            Some("2024-03-01"),
            json!("C"),
            FactKind::Change,
        ));
        assert_eq!(
            adopt(&record, &["id"], &["conditions"], &ends_elsewhere),
            None
        );
        let mut ends_elsewhere = history;
        ends_elsewhere.push(period(
            "phone",
            Some("2024-03-01"),
            json!("139"),
            FactKind::Change,
        ));
        assert_eq!(
            adopt(&record, &["id"], &["conditions"], &ends_elsewhere),
            None
        );
    }
}
