//! The three-way merge of one record in its exchange shape (JSON): the last exchanged
//! version (base), the receiver's (mine) and the sender's (theirs). Pure: no store.
//!
//! At every field: unchanged by theirs → mine; unchanged by mine → theirs; the same on
//! both sides → that value; else objects merge field by field, lists of records merge by
//! record id (`id`, `x_id`, or a fact period's `field@from`), and anything else is a
//! clash that keeps mine. Without a base (a record never exchanged) every difference is a
//! clash; a record the sender lists as deleted counts as deleted by the sender.
//! A clash on a fact keeps mine's periods of that fact too (else the periods would bring
//! theirs back); theirs' periods travel with the clash for `resolve`. Who recorded a
//! period, when and why is each ledger's own note, not the fact: periods alike but for
//! that note are the same period (mine's note kept), never a clash.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use std::collections::{HashMap, HashSet};

/// One step of a path inside a record: a key, or a record of a list by its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Seg {
    Key(String),
    Id { id: String },
}

/// A field changed differently on both sides (`None`: the record is absent there).
#[derive(Debug, Clone, PartialEq)]
pub struct Clash {
    pub path: Vec<Seg>,
    pub mine: Option<Value>,
    pub theirs: Option<Value>,
    /// Theirs' periods of the fact, if the field has a history.
    pub theirs_history: Option<Value>,
}

/// Merges one record; returns the merged record (`None`: absent) and the clashes.
/// `gone` holds the ids of records the sender lists as deleted.
pub fn merge(
    base: Option<&Value>,
    mine: Option<&Value>,
    theirs: Option<&Value>,
    gone: &HashSet<String>,
) -> (Option<Value>, Vec<Clash>) {
    merge_with(base, mine, theirs, gone, false)
}

/// Merges one record the sender may hold an older version of (it was restored from a
/// backup): the base only tells what the receiver changed; nothing of theirs that differs
/// from mine is taken, every such difference is a clash (an added, deleted or cleared
/// value too: the sender's backup may bring back what was deleted since). A record without
/// a base merges as `merge` does (a new record of theirs is taken).
pub fn merge_reviewed(
    base: Option<&Value>,
    mine: Option<&Value>,
    theirs: Option<&Value>,
    gone: &HashSet<String>,
) -> (Option<Value>, Vec<Clash>) {
    merge_with(base, mine, theirs, gone, base.is_some())
}

fn merge_with(
    base: Option<&Value>,
    mine: Option<&Value>,
    theirs: Option<&Value>,
    gone: &HashSet<String>,
    reviewed: bool,
) -> (Option<Value>, Vec<Clash>) {
    let how = How { gone, reviewed };
    let mut clashes = Vec::new();
    // Periods alike to mine's but for the note carry mine's note: equal values compare
    // equal at every level above them.
    let noted = |v: Option<&Value>| {
        v.map(|v| {
            let mut v = v.clone();
            if let Some(m) = mine {
                adopt_notes(&mut v, m);
            }
            v
        })
    };
    let (base, theirs) = (noted(base), noted(theirs));
    let (base, theirs) = (base.as_ref(), theirs.as_ref());
    let mut merged = at(&mut Vec::new(), base, mine, theirs, &how, &mut clashes);
    if let (Some(out), Some(mine), Some(theirs)) = (merged.as_mut(), mine, theirs) {
        keep_mine_history(out, mine, theirs, &mut clashes);
    }
    (merged, clashes)
}

fn keep_mine_history(out: &mut Value, mine: &Value, theirs: &Value, clashes: &mut Vec<Clash>) {
    // Fields in clash keep mine's history; history clashes of such a field are the same
    // clash and are dropped.
    let fields: Vec<(Vec<Seg>, String)> = clashes
        .iter()
        .filter(|c| !in_history(&c.path))
        .filter_map(|c| owner(&c.path))
        .collect();
    clashes.retain(|c| {
        !in_history(&c.path)
            || history_field(&c.path)
                .is_none_or(|(o, f)| !fields.iter().any(|(fo, ff)| *fo == o && covers(ff, &f)))
    });
    for c in clashes.iter_mut().filter(|c| !in_history(&c.path)) {
        let Some((record, field)) = owner(&c.path) else {
            continue;
        };
        let theirs_periods = periods(find(theirs, &record), &field);
        let mine_periods = periods(find(mine, &record), &field);
        if let Some(Value::Object(target)) = find_mut(out, &record) {
            let mut kept: Vec<Value> = target
                .get("x_history")
                .and_then(Value::as_array)
                .map(|list| {
                    list.iter()
                        .filter(|p| !covers(&field, p_field(p)))
                        .cloned()
                        .collect()
                })
                .unwrap_or_default();
            kept.extend(mine_periods);
            if kept.is_empty() {
                target.remove("x_history");
            } else {
                target.insert("x_history".into(), Value::Array(kept));
            }
        }
        if !theirs_periods.is_empty() {
            c.theirs_history = Some(Value::Array(theirs_periods));
        }
    }
}

/// The date a record's facts are known from: both sides' records are known from the
/// earlier of their two dates, which is never a clash.
const RECORDED_FROM: &str = "x_recorded_from";

fn earliest(m: Option<&Value>, t: Option<&Value>) -> Option<Value> {
    let date = |v: Option<&Value>| v.and_then(Value::as_str).map(str::to_string);
    match (date(m), date(t)) {
        (Some(a), Some(b)) => Some(Value::String(a.min(b))),
        (a, b) => a.or(b).map(Value::String),
    }
}

/// What a merge knows besides the three versions: the ids the sender deleted, and whether
/// theirs is only to be reviewed (`merge_reviewed`).
struct How<'a> {
    gone: &'a HashSet<String>,
    reviewed: bool,
}

fn at(
    path: &mut Vec<Seg>,
    b: Option<&Value>,
    m: Option<&Value>,
    t: Option<&Value>,
    how: &How,
    out: &mut Vec<Clash>,
) -> Option<Value> {
    let gone = how.gone;
    if t == b || m == t {
        return m.cloned();
    }
    if m == b && !how.reviewed {
        return t.cloned();
    }
    match (m, t) {
        (Some(Value::Object(mo)), Some(Value::Object(to))) => {
            let bo = b.and_then(Value::as_object);
            let mut keys: Vec<&String> = mo.keys().collect();
            keys.extend(to.keys().filter(|k| !mo.contains_key(*k)));
            let mut merged = Map::new();
            for k in keys {
                if k == RECORDED_FROM {
                    if let Some(v) = earliest(mo.get(k), to.get(k)) {
                        merged.insert(k.clone(), v);
                    }
                    continue;
                }
                path.push(Seg::Key(k.clone()));
                let r = at(
                    path,
                    bo.and_then(|o| o.get(k)),
                    mo.get(k),
                    to.get(k),
                    how,
                    out,
                );
                path.pop();
                if let Some(v) = r {
                    merged.insert(k.clone(), v);
                }
            }
            Some(Value::Object(merged))
        }
        (Some(Value::Array(ma)), Some(Value::Array(ta))) => {
            let base = match b {
                None => Some(HashMap::new()),
                Some(Value::Array(ba)) => keyed(ba),
                Some(_) => None,
            };
            match (base, keyed(ma), keyed(ta)) {
                (Some(bm), Some(mm), Some(tm)) => {
                    let periods = matches!(path.last(), Some(Seg::Key(k)) if k == "x_history");
                    let mut keys: Vec<String> = ma.iter().filter_map(key).collect();
                    keys.extend(ta.iter().filter_map(key).filter(|k| !mm.contains_key(k)));
                    let mut merged = Vec::new();
                    for k in keys {
                        let (mv, tv) = (mm.get(&k).copied(), tm.get(&k).copied());
                        let mut bv = bm.get(&k).copied();
                        if bv.is_none() && tv.is_none() && gone.contains(&k) {
                            bv = mv;
                        }
                        path.push(Seg::Id { id: k });
                        let r = if periods {
                            period(path, bv, mv, tv, how, out)
                        } else {
                            at(path, bv, mv, tv, how, out)
                        };
                        path.pop();
                        merged.extend(r);
                    }
                    Some(Value::Array(merged))
                }
                _ => clash(path, m, t, out),
            }
        }
        _ => clash(path, m, t, out),
    }
}

/// The keys of a fact's period that note who recorded it, when and why on one ledger.
const NOTE: [&str; 3] = ["operator", "recorded_at", "reason"];

/// Whether two periods (or their absence) say the same, each ledger's note aside.
fn alike(a: Option<&Value>, b: Option<&Value>) -> bool {
    match (a, b) {
        (Some(Value::Object(a)), Some(Value::Object(b))) => {
            let fact = |o: &Map<String, Value>| {
                o.iter()
                    .filter(|(k, _)| !NOTE.contains(&k.as_str()))
                    .count()
            };
            fact(a) == fact(b)
                && a.iter()
                    .filter(|(k, _)| !NOTE.contains(&k.as_str()))
                    .all(|(k, v)| b.get(k) == Some(v))
        }
        (a, b) => a == b,
    }
}

/// Gives every period of `v` alike to mine's period of the same fact and start mine's
/// note, at every record (by key, lists of records by id).
fn adopt_notes(v: &mut Value, mine: &Value) {
    match (v, mine) {
        (Value::Object(o), Value::Object(mo)) => {
            for (k, child) in o.iter_mut() {
                if let Some(mc) = mo.get(k) {
                    adopt_notes(child, mc);
                }
            }
        }
        (Value::Array(list), Value::Array(ml)) => {
            let by_id: HashMap<String, &Value> =
                ml.iter().filter_map(|q| Some((key(q)?, q))).collect();
            for e in list.iter_mut() {
                let Some(q) = key(e).and_then(|id| by_id.get(&id).copied()) else {
                    continue;
                };
                if is_period(q) && alike(Some(e), Some(q)) {
                    *e = q.clone();
                } else {
                    adopt_notes(e, q);
                }
            }
        }
        _ => {}
    }
}

/// Whether a record of a list is a fact's period (`field`, `from`, `value`).
fn is_period(v: &Value) -> bool {
    v.get("field").is_some()
        && v.get("value").is_some()
        && v.get("id").is_none()
        && v.get("x_id").is_none()
}

/// One period of a fact's history, merged as `at` merges a record but with the note of
/// who recorded it kept from mine: the same change recorded on both ledgers (by different
/// people, at different times, from different files) is one change.
fn period(
    path: &mut Vec<Seg>,
    b: Option<&Value>,
    m: Option<&Value>,
    t: Option<&Value>,
    how: &How,
    out: &mut Vec<Clash>,
) -> Option<Value> {
    if alike(t, b) || alike(m, t) {
        return m.cloned();
    }
    if alike(m, b) && !how.reviewed {
        return t.cloned();
    }
    // Different in fact: the clash names what differs, never the note.
    let noted = match (m, t) {
        (Some(Value::Object(mo)), Some(Value::Object(to))) => {
            let mut to = to.clone();
            for k in NOTE {
                match mo.get(k) {
                    Some(v) => to.insert(k.to_string(), v.clone()),
                    None => to.remove(k),
                };
            }
            Some(Value::Object(to))
        }
        _ => t.cloned(),
    };
    at(path, b, m, noted.as_ref(), how, out)
}

fn clash(
    path: &[Seg],
    m: Option<&Value>,
    t: Option<&Value>,
    out: &mut Vec<Clash>,
) -> Option<Value> {
    out.push(Clash {
        path: path.to_vec(),
        mine: m.cloned(),
        theirs: t.cloned(),
        theirs_history: None,
    });
    m.cloned()
}

/// The id of a record in a list.
pub fn key(v: &Value) -> Option<String> {
    let o = v.as_object()?;
    if let Some(id) = o
        .get("id")
        .or_else(|| o.get("x_id"))
        .and_then(Value::as_str)
    {
        return Some(id.to_string());
    }
    let field = o.get("field")?.as_str()?;
    let from = o.get("from").and_then(Value::as_str).unwrap_or("");
    Some(format!("{field}@{from}"))
}

/// The records of a list by id, if every element has one and no id repeats.
fn keyed(list: &[Value]) -> Option<HashMap<String, &Value>> {
    let mut out = HashMap::new();
    for v in list {
        if out.insert(key(v)?, v).is_some() {
            return None;
        }
    }
    Some(out)
}

fn in_history(path: &[Seg]) -> bool {
    path.iter().any(|s| *s == Seg::Key("x_history".into()))
}

/// The record owning the field at `path` (the root or a member) and the fact's name.
fn owner(path: &[Seg]) -> Option<(Vec<Seg>, String)> {
    let (record, rest) = match path {
        [Seg::Key(k), Seg::Id { .. }, rest @ ..] if k == "members" => (path[..2].to_vec(), rest),
        rest => (Vec::new(), rest),
    };
    let keys: Option<Vec<&str>> = rest
        .iter()
        .map(|s| match s {
            Seg::Key(k) if k != "x_history" => Some(k.as_str()),
            _ => None,
        })
        .collect();
    let keys = keys.filter(|k| !k.is_empty())?;
    Some((record, keys.join(".")))
}

/// For a clash inside a history: the owning record and the fact's name.
fn history_field(path: &[Seg]) -> Option<(Vec<Seg>, String)> {
    let i = path
        .iter()
        .position(|s| *s == Seg::Key("x_history".into()))?;
    let Some(Seg::Id { id }) = path.get(i + 1) else {
        return None;
    };
    let field = id.rsplit_once('@').map(|(f, _)| f).unwrap_or(id);
    Some((path[..i].to_vec(), field.to_string()))
}

/// Whether a fact named `f` belongs to the field `field` (itself or inside it).
fn covers(field: &str, f: &str) -> bool {
    f == field || f.starts_with(&format!("{field}."))
}

fn p_field(p: &Value) -> &str {
    p.get("field").and_then(Value::as_str).unwrap_or("")
}

fn periods(record: Option<&Value>, field: &str) -> Vec<Value> {
    record
        .and_then(|r| r.get("x_history"))
        .and_then(Value::as_array)
        .map(|l| {
            l.iter()
                .filter(|p| covers(field, p_field(p)))
                .cloned()
                .collect()
        })
        .unwrap_or_default()
}

/// The value at `path` (keys and list ids), if present.
pub fn find<'a>(root: &'a Value, path: &[Seg]) -> Option<&'a Value> {
    let mut v = root;
    for s in path {
        v = match s {
            Seg::Key(k) => v.get(k)?,
            Seg::Id { id } => v
                .as_array()?
                .iter()
                .find(|e| key(e).as_deref() == Some(id))?,
        };
    }
    Some(v)
}

fn find_mut<'a>(root: &'a mut Value, path: &[Seg]) -> Option<&'a mut Value> {
    let mut v = root;
    for s in path {
        v = match s {
            Seg::Key(k) => v.get_mut(k)?,
            Seg::Id { id } => v
                .as_array_mut()?
                .iter_mut()
                .find(|e| key(e).as_deref() == Some(id))?,
        };
    }
    Some(v)
}

/// Sets (or, with `None`, removes) the value at `path`; a missing list record is added.
pub fn set(root: &mut Value, path: &[Seg], value: Option<Value>) -> bool {
    let Some((last, parent)) = path.split_last() else {
        return false;
    };
    let Some(parent) = find_mut(root, parent) else {
        return false;
    };
    match (last, parent) {
        (Seg::Key(k), Value::Object(o)) => {
            match value {
                Some(v) => o.insert(k.clone(), v),
                None => o.remove(k),
            };
            true
        }
        (Seg::Id { id }, Value::Array(list)) => {
            let at = list.iter().position(|e| key(e).as_deref() == Some(id));
            match (at, value) {
                (Some(i), Some(v)) => list[i] = v,
                (Some(i), None) => {
                    list.remove(i);
                }
                (None, Some(v)) => list.push(v),
                (None, None) => {}
            }
            true
        }
        _ => false,
    }
}

/// Replaces the periods of the fact at `path` with `periods` (theirs, on `resolve`).
pub fn set_periods(root: &mut Value, path: &[Seg], periods: &[Value]) {
    let Some((record, field)) = owner(path) else {
        return;
    };
    let Some(Value::Object(target)) = find_mut(root, &record) else {
        return;
    };
    let mut kept: Vec<Value> = target
        .get("x_history")
        .and_then(Value::as_array)
        .map(|l| {
            l.iter()
                .filter(|p| !covers(&field, p_field(p)))
                .cloned()
                .collect()
        })
        .unwrap_or_default();
    kept.extend(periods.iter().cloned());
    target.insert("x_history".into(), Value::Array(kept));
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn run(b: Option<Value>, m: Value, t: Value) -> (Value, Vec<Clash>) {
        let (out, clashes) = merge(b.as_ref(), Some(&m), Some(&t), &HashSet::new());
        (out.expect("a record present on both sides stays"), clashes)
    }

    #[test]
    fn one_sided_changes_merge_and_both_sided_ones_clash_keeping_mine() {
        let base = json!({"phone": "1", "address": "a", "group": "一组"});
        let mine = json!({"phone": "2", "address": "a", "group": "二组"});
        let theirs = json!({"phone": "3", "address": "b", "group": "二组"});
        let (out, clashes) = run(Some(base), mine, theirs);
        assert_eq!(
            out,
            json!({"phone": "2", "address": "b", "group": "二组"}),
            "theirs' address, mine's phone (clash), the group both changed alike"
        );
        assert_eq!(clashes.len(), 1, "only the phone clashes: {clashes:?}");
        assert_eq!(clashes[0].path, vec![Seg::Key("phone".into())]);
        assert_eq!(clashes[0].theirs, Some(json!("3")));
    }

    /// A sender restored from a backup: what the receiver changed stays, and nothing of
    /// theirs that differs is taken unseen — a member the backup still has (deleted since
    /// on both ledgers), a phone it still has (cleared since), a changed address, a deleted
    /// member all become clashes keeping mine; what both agree on passes.
    #[test]
    fn a_restored_senders_record_is_reviewed_not_taken() {
        let base = json!({"address": "a", "group": "一组", "members": [{"id": "m1", "name": "甲"}, {"id": "m2", "name": "乙"}]});
        let mine = json!({"address": "a", "group": "二组", "members": [{"id": "m1", "name": "甲"}, {"id": "m2", "name": "乙"}]});
        let theirs = json!({"address": "b", "group": "一组", "phone": "138", "members": [{"id": "m1", "name": "甲"}, {"id": "m0", "name": "零"}]});
        let (out, clashes) =
            merge_reviewed(Some(&base), Some(&mine), Some(&theirs), &HashSet::new());
        assert_eq!(out, Some(mine.clone()), "mine kept whole");
        let paths: Vec<String> = clashes
            .iter()
            .map(|c| serde_json::to_string(&c.path).unwrap())
            .collect();
        for want in [
            r#"["address"]"#,
            r#"["phone"]"#,
            r#"["members",{"id":"m2"}]"#,
            r#"["members",{"id":"m0"}]"#,
        ] {
            assert!(paths.iter().any(|p| p == want), "{want} in {paths:?}");
        }
        assert_eq!(
            clashes.len(),
            4,
            "the group (changed by mine only) is no clash: {paths:?}"
        );
        // The same merged ordinarily takes theirs' changes.
        let (out, _) = merge(Some(&base), Some(&mine), Some(&theirs), &HashSet::new());
        assert_eq!(out.unwrap()["address"], "b");
        // A record new to the receiver (no base) is taken, as from any sender.
        let (out, clashes) = merge_reviewed(None, None, Some(&theirs), &HashSet::new());
        assert_eq!((out, clashes.len()), (Some(theirs), 0));
    }

    #[test]
    fn the_date_a_record_is_known_from_is_the_earlier_one_never_a_clash() {
        // The township merged the household before bundles carried the date (it took the
        // merge's day); the laptop has known it since 2021.
        let base = json!({"phone": "1"});
        let mine = json!({"phone": "1", "x_recorded_from": "2026-11-30"});
        let theirs = json!({"phone": "1", "x_recorded_from": "2021-06-17"});
        let (out, clashes) = run(Some(base), mine.clone(), theirs.clone());
        assert_eq!(out["x_recorded_from"], "2021-06-17");
        assert!(clashes.is_empty(), "{clashes:?}");
        let (out, _) = run(None, theirs, mine);
        assert_eq!(
            out["x_recorded_from"], "2021-06-17",
            "whichever side holds it"
        );
    }

    #[test]
    fn records_merge_by_id_additions_kept_deletions_followed() {
        let base = json!({"members": [{"id": "m1", "name": "甲"}, {"id": "m2", "name": "乙"}]});
        let mine = json!({"members": [{"id": "m1", "name": "甲"}, {"id": "m2", "name": "乙"}, {"id": "m3", "name": "丙"}]});
        let theirs = json!({"members": [{"id": "m1", "name": "甲甲"}, {"id": "m4", "name": "丁"}]});
        let (out, clashes) = run(Some(base), mine, theirs);
        assert!(clashes.is_empty(), "{clashes:?}");
        assert_eq!(
            out["members"],
            json!([{"id": "m1", "name": "甲甲"}, {"id": "m3", "name": "丙"}, {"id": "m4", "name": "丁"}]),
            "m1 renamed by theirs, m2 deleted by theirs, m3 added by mine, m4 by theirs"
        );
    }

    #[test]
    fn without_a_base_every_difference_clashes_but_listed_deletions_apply() {
        let mine = json!({"phone": "1", "visits": [{"x_id": "v1"}, {"x_id": "v2"}]});
        let theirs = json!({"phone": "2", "visits": [{"x_id": "v1"}]});
        let gone: HashSet<String> = ["v2".to_string()].into();
        let (out, clashes) = merge(None, Some(&mine), Some(&theirs), &gone);
        let out = out.unwrap();
        assert_eq!(out["phone"], "1", "mine kept");
        assert_eq!(clashes.len(), 1, "{clashes:?}");
        assert_eq!(
            out["visits"],
            json!([{"x_id": "v1"}]),
            "a listed deletion applies"
        );
    }

    #[test]
    fn a_clash_on_a_fact_keeps_mine_periods_and_carries_theirs() {
        let p = |v: &str, from: &str| json!({"field": "status", "from": from, "value": v});
        let base = json!({"status": "poor"});
        let mine = json!({"status": "exited", "x_history": [p("exited", "2025-01-01")]});
        let theirs = json!({"status": "monitored", "x_history": [p("monitored", "2025-03-01")]});
        let (out, clashes) = run(Some(base), mine, theirs);
        assert_eq!(out["status"], "exited");
        assert_eq!(
            out["x_history"],
            json!([p("exited", "2025-01-01")]),
            "only mine's period"
        );
        assert_eq!(
            clashes.len(),
            1,
            "the history is the same clash: {clashes:?}"
        );
        assert_eq!(
            clashes[0].theirs_history,
            Some(json!([p("monitored", "2025-03-01")]))
        );
        let mut resolved = out.clone();
        set(&mut resolved, &clashes[0].path, clashes[0].theirs.clone());
        set_periods(
            &mut resolved,
            &clashes[0].path,
            &[p("monitored", "2025-03-01")],
        );
        assert_eq!(resolved["status"], "monitored");
    }

    #[test]
    fn the_same_change_recorded_on_both_ledgers_is_one_change_with_mine_note() {
        // Both ledgers imported a file setting the phone from the same day: who recorded
        // it, when and from which file differ; the fact does not.
        let p = |op: &str, why: &str| {
            json!({"field": "phone", "from": "2026-12-02", "value": "13899999999", "kind": "change",
                   "reason": why, "recorded_at": format!("2026-12-02T08:0{}:00+08:00", op.len() % 10), "operator": op})
        };
        let base = json!({"phone": "1", "x_history": []});
        let mine = json!({"phone": "13899999999", "x_history": [p("乡镇", "导入文件 乡镇.json")]});
        let theirs =
            json!({"phone": "13899999999", "x_history": [p("驻村干部", "导入文件 村.json")]});
        let (out, clashes) = run(Some(base), mine.clone(), theirs.clone());
        assert!(clashes.is_empty(), "{clashes:?}");
        assert_eq!(
            out, mine,
            "mine's note kept: the merge changes nothing here"
        );

        // The next bundle from the other side carries its note only: nothing changes.
        let (out, clashes) = run(Some(theirs.clone()), mine.clone(), mine.clone());
        assert!(clashes.is_empty() && out == mine, "{clashes:?}");
        let (out, clashes) = run(Some(mine.clone()), theirs.clone(), mine.clone());
        assert!(clashes.is_empty(), "{clashes:?}");
        assert_eq!(
            out, theirs,
            "a note-only difference is never taken as a change"
        );
    }

    #[test]
    fn periods_that_differ_in_fact_clash_on_the_fact_not_on_the_note() {
        let p = |v: &str, op: &str| json!({"field": "phone", "from": "2026-12-02", "value": v, "kind": "change", "operator": op});
        let base = json!({"phone": "1", "x_history": []});
        let mine = json!({"phone": "2", "x_history": [p("2", "乡镇")]});
        let theirs = json!({"phone": "3", "x_history": [p("3", "驻村干部")]});
        let (out, clashes) = run(Some(base), mine.clone(), theirs);
        assert_eq!(out, mine);
        assert_eq!(clashes.len(), 1, "the phone only: {clashes:?}");
        assert_eq!(clashes[0].path, vec![Seg::Key("phone".into())]);
    }
}
