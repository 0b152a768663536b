//! Merging an incoming record (from a form or a file) into the stored one: every fact of
//! the household, its members, the village and its cadres goes through
//! `history::merge`, and the record comes out with its current values and its history.

use super::as_of::{
    adopted_household_history, adopted_member_history, cadre_fields, household_fields,
    member_fields, village_fields,
};
use super::history::{merge, set_field, Fields, Provenance, Stored};
use super::{Cadre, Effective, FactPeriod, Household, Member, Village};
use chrono::NaiveDate;
use serde::{de::DeserializeOwned, Serialize};

/// Why a merge could not be applied: a value in a history that does not fit its field.
#[derive(Debug, Clone, PartialEq)]
pub struct BadHistory {
    pub path: String,
    pub message: String,
}

/// The date from which a write's facts hold, for a record the ledger did not know.
pub fn starts_on(effective: Effective, today: NaiveDate) -> NaiveDate {
    match effective {
        Effective::Change { from } => from,
        Effective::Correction { .. } => today,
    }
}

fn earliest(a: Option<NaiveDate>, b: Option<NaiveDate>) -> Option<NaiveDate> {
    match (a, b) {
        (Some(x), Some(y)) => Some(x.min(y)),
        (x, y) => x.or(y),
    }
}

/// Sets the current values of `fields` on a record through its exchange shape.
fn with_fields<T: Serialize + DeserializeOwned>(
    record: &T,
    fields: &Fields,
    path: &str,
) -> Result<T, BadHistory> {
    let mut json = serde_json::to_value(record).map_err(|e| BadHistory {
        path: path.to_string(),
        message: e.to_string(),
    })?;
    let monitored = json.get("monitoring").is_some_and(|m| !m.is_null());
    for (k, v) in fields {
        if k.starts_with("monitoring.") && (!monitored || v.is_null()) {
            continue;
        }
        set_field(&mut json, k, v);
    }
    serde_json::from_value(json).map_err(|e| BadHistory {
        path: path.to_string(),
        message: format!("历史记录中的取值与字段不符：{e}"),
    })
}

/// Merges one record's facts; returns its current fields and history.
fn merge_record(
    incoming: &Fields,
    incoming_history: &[FactPeriod],
    stored: Option<(Fields, &[FactPeriod], Option<NaiveDate>)>,
    effective: Effective,
    why: &Provenance,
) -> (Fields, Vec<FactPeriod>) {
    let merged = merge(
        stored.as_ref().map(|(f, h, since)| Stored {
            fields: f,
            history: h,
            since: *since,
        }),
        incoming,
        incoming_history,
        effective,
        why,
    );
    (merged.current, merged.history)
}

fn since(
    stored: Option<NaiveDate>,
    incoming: Option<NaiveDate>,
    is_new: bool,
    effective: Effective,
    today: NaiveDate,
) -> Option<NaiveDate> {
    let start = starts_on(effective, today);
    if is_new {
        return incoming.or(Some(start));
    }
    // A record the incoming side has known for longer (another ledger's copy) is known
    // from that earlier date here too.
    let stored = earliest(stored, incoming);
    match effective {
        Effective::Change { from } => earliest(stored, Some(from)),
        Effective::Correction { .. } => stored.or(Some(start)),
    }
}

/// Merges a household and its members into the stored household (`None`: new).
pub fn merge_household(
    h: &mut Household,
    stored: Option<&Household>,
    effective: Effective,
    why: &Provenance,
    today: NaiveDate,
) -> Result<(), BadHistory> {
    if stored.is_none() && h.history.is_empty() {
        // A new household without history: its facts simply hold from the start date
        // (the fast path of a county-scale import).
        h.recorded_from = since(None, h.recorded_from, true, effective, today);
    } else if let Some(history) = stored.map_or_else(|| adopted_household_history(h), |_| None) {
        // A new household whose history ends in its values keeps it as it is.
        h.history = history;
        h.recorded_from = since(None, h.recorded_from, true, effective, today);
    } else {
        merge_household_facts(h, stored, effective, why, today)?;
    }
    for (i, m) in h.members.iter_mut().enumerate() {
        let old = stored.and_then(|s| s.members.iter().find(|o| o.id == m.id));
        merge_member(m, old, effective, why, today).map_err(|e| BadHistory {
            path: format!("members[{i}].{}", e.path),
            message: e.message,
        })?;
    }
    Ok(())
}

/// Merges a household's own facts (not its members') into the stored ones.
fn merge_household_facts(
    h: &mut Household,
    stored: Option<&Household>,
    effective: Effective,
    why: &Provenance,
    today: NaiveDate,
) -> Result<(), BadHistory> {
    let mut incoming = household_fields(h);
    let mut stored_fields = stored.map(household_fields);
    let both_monitored = h.monitoring.is_some() && stored.is_some_and(|s| s.monitoring.is_some());
    if !both_monitored {
        incoming.retain(|k, _| !k.starts_with("monitoring."));
        if let Some(f) = stored_fields.as_mut() {
            f.retain(|k, _| !k.starts_with("monitoring."));
        }
    }
    let (current, history) = merge_record(
        &incoming,
        &h.history,
        stored.map(|s| {
            (
                stored_fields.unwrap_or_default(),
                s.history.as_slice(),
                s.recorded_from,
            )
        }),
        effective,
        why,
    );
    let recorded_from = since(
        stored.and_then(|s| s.recorded_from),
        h.recorded_from,
        stored.is_none(),
        effective,
        today,
    );
    if current != incoming {
        let updated = with_fields(&super::as_of::shell(h), &current, "x_history")?;
        *h = Household {
            members: std::mem::take(&mut h.members),
            income: std::mem::take(&mut h.income),
            expenses: std::mem::take(&mut h.expenses),
            rigid_expenses: std::mem::take(&mut h.rigid_expenses),
            pairings: std::mem::take(&mut h.pairings),
            visits: std::mem::take(&mut h.visits),
            measures: std::mem::take(&mut h.measures),
            events: std::mem::take(&mut h.events),
            ..updated
        };
    }
    // Otherwise the merged facts are the record's own (a new record whose history ends in
    // its current values, or a file that changes nothing): no round trip through JSON.
    h.history = history;
    h.recorded_from = recorded_from;
    Ok(())
}

fn merge_member(
    m: &mut Member,
    stored: Option<&Member>,
    effective: Effective,
    why: &Provenance,
    today: NaiveDate,
) -> Result<(), BadHistory> {
    if stored.is_none() && m.history.is_empty() {
        m.recorded_from = m.recorded_from.or(Some(starts_on(effective, today)));
        return Ok(());
    }
    // The member's own history is merged, not compared: leave it out of its fields.
    let incoming_history = std::mem::take(&mut m.history);
    if stored.is_none() {
        if let Some(history) = adopted_member_history(m, &incoming_history) {
            m.history = history;
            m.recorded_from = since(None, m.recorded_from, true, effective, today);
            return Ok(());
        }
    }
    let incoming = member_fields(m);
    let (current, history) = merge_record(
        &incoming,
        &incoming_history,
        stored.map(|s| (member_fields(s), s.history.as_slice(), s.recorded_from)),
        effective,
        why,
    );
    if current != incoming {
        match with_fields(m, &current, "x_history") {
            Ok(updated) => {
                *m = Member {
                    id: std::mem::take(&mut m.id),
                    ..updated
                }
            }
            Err(e) => {
                m.history = incoming_history;
                return Err(e);
            }
        }
    }
    m.history = history;
    m.recorded_from = since(
        stored.and_then(|s| s.recorded_from),
        m.recorded_from,
        stored.is_none(),
        effective,
        today,
    );
    Ok(())
}

/// Merges a village into the stored one (`None`: new).
pub fn merge_village(
    v: &mut Village,
    stored: Option<&Village>,
    effective: Effective,
    why: &Provenance,
    today: NaiveDate,
) -> Result<(), BadHistory> {
    let (current, history) = merge_record(
        &village_fields(v),
        &v.history,
        stored.map(|s| (village_fields(s), s.history.as_slice(), s.recorded_from)),
        effective,
        why,
    );
    let mut updated: Village = with_fields(v, &current, "village.x_history")?;
    updated.code = v.code.clone();
    updated.history = history;
    updated.recorded_from = since(
        stored.and_then(|s| s.recorded_from),
        v.recorded_from,
        stored.is_none(),
        effective,
        today,
    );
    *v = updated;
    Ok(())
}

/// Merges a cadre into the stored one (`None`: new).
pub fn merge_cadre(
    c: &mut Cadre,
    stored: Option<&Cadre>,
    effective: Effective,
    why: &Provenance,
    today: NaiveDate,
) -> Result<(), BadHistory> {
    let (current, history) = merge_record(
        &cadre_fields(c),
        &c.history,
        stored.map(|s| (cadre_fields(s), s.history.as_slice(), s.recorded_from)),
        effective,
        why,
    );
    let mut updated: Cadre = with_fields(c, &current, "x_history")?;
    updated.id = c.id.clone();
    updated.history = history;
    updated.recorded_from = since(
        stored.and_then(|s| s.recorded_from),
        c.recorded_from,
        stored.is_none(),
        effective,
        today,
    );
    *c = updated;
    Ok(())
}
