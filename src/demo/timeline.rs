//! The life of one fact in the demo: its value when the ledger first knew it and each
//! dated change after, turned into the record's history periods (`x_history`).

use crate::model::{FactKind, FactPeriod};
use chrono::NaiveDate;
use serde_json::Value;

/// One dated value of a fact.
struct Step {
    from: NaiveDate,
    value: Value,
    reason: Option<String>,
    doc: Option<String>,
}

/// The values one field held, oldest first.
pub struct Timeline {
    field: &'static str,
    steps: Vec<Step>,
}

/// A code value in the exchange shape (`"primary"`, `"A"`).
pub fn code(c: &str) -> Value {
    Value::String(c.to_string())
}

impl Timeline {
    /// The field's value as first recorded on `start`.
    pub fn new(field: &'static str, start: NaiveDate, value: Value) -> Timeline {
        Timeline {
            field,
            steps: vec![Step {
                from: start,
                value,
                reason: None,
                doc: None,
            }],
        }
    }

    /// Gives the first value its reason and document (建档立卡识别 …).
    pub fn first_because(mut self, reason: &str, doc: Option<String>) -> Timeline {
        if let Some(first) = self.steps.first_mut() {
            first.reason = Some(reason.to_string());
            first.doc = doc;
        }
        self
    }

    /// A change on `from` (ignored when the value stays the same; later than every step).
    pub fn change(&mut self, from: NaiveDate, value: Value, reason: &str, doc: Option<String>) {
        let Some(last) = self.steps.last_mut() else {
            return;
        };
        if last.value == value {
            return;
        }
        if last.from >= from {
            last.value = value;
            return;
        }
        self.steps.push(Step {
            from,
            value,
            reason: Some(reason.to_string()),
            doc,
        });
    }

    /// The latest value (the record's current one).
    pub fn current(&self) -> &Value {
        &self
            .steps
            .last()
            .expect("a timeline has a first value")
            .value
    }

    /// Whether the value ever changed.
    pub fn changed(&self) -> bool {
        self.steps.len() > 1
    }

    /// The periods, appended to `out`: every step when the value changed (or `always`),
    /// nothing for a value that held throughout.
    pub fn write(self, always: bool, out: &mut Vec<FactPeriod>) {
        if !always && !self.changed() {
            return;
        }
        for (i, s) in self.steps.into_iter().enumerate() {
            out.push(FactPeriod {
                field: self.field.to_string(),
                from: Some(s.from),
                value: s.value,
                kind: if i == 0 {
                    FactKind::Recorded
                } else {
                    FactKind::Change
                },
                reason: s.reason,
                doc: s.doc,
                recorded_at: None,
                operator: None,
            });
        }
    }
}

/// A stable number from text and numbers (document numbers and batch dates shared by a
/// village's households without drawing from the random stream).
pub fn stable(parts: &[&str], n: i64) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    let mut eat = |bytes: &[u8]| {
        for b in bytes {
            h ^= u64::from(*b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    };
    for p in parts {
        eat(p.as_bytes());
        eat(b"/");
    }
    eat(&n.to_le_bytes());
    h
}

/// A 文号 of a county office: `全南县扶贫办〔2018〕37号`, the number shared by every
/// household of the village decided in the same batch.
pub fn doc_no(issuer: &str, village: &str, year: i32, batch: &str) -> String {
    let n = 3 + stable(&[issuer, village, batch], i64::from(year)) % 88;
    format!("{issuer}〔{year}〕{n}号")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    #[test]
    fn a_value_that_never_changed_writes_no_periods() {
        let mut t = Timeline::new("schooling", d("2014-10-01"), code("not_student"));
        t.change(d("2015-09-01"), code("not_student"), "升级", None);
        let mut out = Vec::new();
        t.write(false, &mut out);
        assert!(out.is_empty());
    }

    #[test]
    fn changes_become_dated_periods_after_the_recorded_one() {
        let mut t = Timeline::new("schooling", d("2014-10-01"), code("primary"));
        t.change(d("2020-09-01"), code("grade7"), "升入七年级", None);
        assert_eq!(t.current(), &code("grade7"));
        let mut out = Vec::new();
        t.write(false, &mut out);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].kind, FactKind::Recorded);
        assert_eq!(out[1].kind, FactKind::Change);
        assert_eq!(out[1].from, Some(d("2020-09-01")));
    }

    #[test]
    fn document_numbers_are_shared_by_a_batch() {
        let a = doc_no("全南县扶贫办", "360729101001", 2018, "exit");
        assert_eq!(a, doc_no("全南县扶贫办", "360729101001", 2018, "exit"));
        assert!(a.starts_with("全南县扶贫办〔2018〕"));
    }
}
