//! Model records as table rows: the column list each record writes.
//!
//! The writer diffs these lists against what is stored, so one mapping serves inserts,
//! per-field audit and updates. Reading back is in `read.rs`.

use crate::codes::Code;
use crate::model::{list_json, Cadre, Household, Member, Village};
use rusqlite::types::Value;

/// A column and its value.
pub(crate) type Cols = Vec<(&'static str, Value)>;

/// One row to write: its table, id and columns (parent keys included).
pub(crate) struct Row {
    pub table: &'static str,
    pub id: String,
    pub cols: Cols,
}

/// Columns derived from others (search keys, presence flags) and ordering: written but
/// not audited field by field. (`recorded_from`, the day the ledger knows a record's facts
/// from, is audited: it decides what a past year's view shows.)
pub(crate) const UNAUDITED: &[&str] = &[
    "seq",
    "initials",
    "id_tail",
    "work_recorded",
    "relocation_recorded",
    "household_id",
    "village_id",
];

pub(crate) fn code<C: Code>(v: Option<C>) -> Value {
    v.map(|c| Value::Text(c.code().to_string()))
        .unwrap_or(Value::Null)
}
pub(crate) fn text(v: &Option<String>) -> Value {
    v.clone().map(Value::Text).unwrap_or(Value::Null)
}
pub(crate) fn s(v: &str) -> Value {
    Value::Text(v.to_string())
}
pub(crate) fn real(v: Option<f64>) -> Value {
    v.map(Value::Real).unwrap_or(Value::Null)
}
pub(crate) fn int<T: Into<i64>>(v: Option<T>) -> Value {
    v.map(|x| Value::Integer(x.into())).unwrap_or(Value::Null)
}
pub(crate) fn flag(v: Option<bool>) -> Value {
    v.map(|b| Value::Integer(b as i64)).unwrap_or(Value::Null)
}
pub(crate) fn date(v: Option<chrono::NaiveDate>) -> Value {
    v.map(|d| Value::Text(d.to_string())).unwrap_or(Value::Null)
}
fn codes<C: Code>(list: &[C]) -> Value {
    Value::Text(list.iter().map(|c| c.code()).collect::<Vec<_>>().join(","))
}

pub(crate) fn village_cols(v: &Village) -> Cols {
    vec![
        ("code", s(&v.code)),
        ("name", s(&v.name)),
        ("township", text(&v.township)),
        ("county", text(&v.county)),
        ("province", text(&v.province)),
        ("region", code(v.region)),
        ("rural_population", int(v.rural_population)),
        (
            "groups",
            Value::Text(serde_json::to_string(&v.groups).unwrap_or_default()),
        ),
        ("recorded_from", date(v.recorded_from)),
    ]
}

pub(crate) fn cadre_cols(village_id: &str, c: &Cadre) -> Cols {
    vec![
        ("village_id", s(village_id)),
        ("name", s(&c.name)),
        ("unit", text(&c.unit)),
        ("unit_level", code(c.unit_level)),
        ("phone", text(&c.phone)),
        ("position", text(&c.position)),
        ("start", date(c.start)),
        ("end", date(c.end)),
        ("recorded_from", date(c.recorded_from)),
    ]
}

pub(crate) fn household_cols(village_id: &str, h: &Household) -> Cols {
    let c = &h.conditions;
    let reloc = c.relocation.as_ref();
    vec![
        ("village_id", s(village_id)),
        ("code", s(&h.code)),
        ("group_name", text(&h.group)),
        ("address", text(&h.address)),
        ("phone", text(&h.phone)),
        ("identified_year", int(h.identified_year)),
        ("standard", code(h.standard)),
        ("attribute", code(h.attribute)),
        ("status", code(h.status)),
        ("exit_year", int(h.exit_year)),
        ("main_cause", code(h.main_cause)),
        ("other_causes", codes(&h.other_causes)),
        ("food_clothing_secure", flag(h.food_clothing_secure)),
        ("farmland_mu", real(c.farmland_mu)),
        ("irrigated_mu", real(c.irrigated_mu)),
        ("forest_mu", real(c.forest_mu)),
        ("grassland_mu", real(c.grassland_mu)),
        ("water_surface_mu", real(c.water_surface_mu)),
        ("house_area_m2", real(c.house_area_m2)),
        ("house_grade", code(c.house_grade)),
        ("relocation_mode", code(reloc.and_then(|r| r.mode))),
        ("relocation_moved_in", flag(reloc.and_then(|r| r.moved_in))),
        (
            "relocation_recorded",
            Value::Integer(reloc.is_some() as i64),
        ),
        ("drinking_water_safe", flag(c.drinking_water_safe)),
        ("electricity", flag(c.electricity)),
        ("sanitary_toilet", flag(c.sanitary_toilet)),
        ("road_distance_km", real(c.road_distance_km)),
        ("road_type", code(c.road_type)),
        ("fuel", code(c.fuel)),
        ("cooperative_member", flag(c.cooperative_member)),
        ("no_labor_guarantee", flag(h.no_labor_guarantee)),
        ("low_income", code(h.low_income)),
        ("recorded_from", date(h.recorded_from)),
    ]
}

/// Pinyin initials of a name (`张三` → `zs`); characters without a reading are skipped.
pub fn initials(name: &str) -> String {
    use pinyin::ToPinyin;
    name.to_pinyin()
        .flatten()
        .map(|p| p.first_letter())
        .collect::<String>()
        .to_lowercase()
}

/// The search key of an ID number: its last four characters, upper case ("" without one).
pub(crate) fn id_tail(id_number: Option<&str>) -> String {
    id_number
        .map(|n| {
            let chars: Vec<char> = n.trim().chars().collect();
            chars[chars.len().saturating_sub(4)..]
                .iter()
                .collect::<String>()
                .to_uppercase()
        })
        .unwrap_or_default()
}

fn member_cols(hid: &str, seq: usize, m: &Member) -> Cols {
    let work = m.work.as_ref();
    vec![
        ("household_id", s(hid)),
        ("seq", Value::Integer(seq as i64)),
        ("name", s(&m.name)),
        ("id_number", text(&m.id_number)),
        ("relation", code(m.relation)),
        ("sex", code(m.sex)),
        ("ethnicity", text(&m.ethnicity)),
        ("education", code(m.education)),
        ("schooling", code(m.schooling)),
        ("schooling_exempt", flag(m.schooling_exempt)),
        ("health", code(m.health)),
        ("disability_grade", int(m.disability_grade)),
        ("labor", code(m.labor)),
        ("work_place", code(work.and_then(|w| w.place))),
        ("work_months", int(work.and_then(|w| w.months))),
        ("work_recorded", Value::Integer(work.is_some() as i64)),
        ("medical_insurance", flag(m.medical_insurance)),
        (
            "serious_illness_insurance",
            flag(m.serious_illness_insurance),
        ),
        ("pension_insurance", flag(m.pension_insurance)),
        ("family_doctor", flag(m.family_doctor)),
        ("dibao", flag(m.dibao)),
        ("tekun", code(m.tekun)),
        ("has_legal_supporter", flag(m.has_legal_supporter)),
        ("phone", text(&m.phone)),
        ("document", code(m.document)),
        (
            "employee_medical_insurance",
            flag(m.employee_medical_insurance),
        ),
        (
            "employee_pension_insurance",
            flag(m.employee_pension_insurance),
        ),
        ("medical_assistance", flag(m.medical_assistance)),
        ("out_of_school_reason", code(m.out_of_school_reason)),
        ("relation_detail", code(m.relation_detail)),
        ("education_detail", code(m.education_detail)),
        ("schooling_detail", code(m.schooling_detail)),
        ("dibao_area", code(m.dibao_area)),
        ("tekun_area", code(m.tekun_area)),
        ("work_spells", text(&list_json(&m.work_spells))),
        ("welfare_posts", text(&list_json(&m.welfare_posts))),
        ("initials", Value::Text(initials(&m.name))),
        ("id_tail", Value::Text(id_tail(m.citizen_id()))),
        ("recorded_from", date(m.recorded_from)),
    ]
}

/// The child tables of a household, in a fixed order.
pub(crate) const CHILD_TABLES: &[&str] = &[
    "members",
    "income_lines",
    "expenses",
    "rigid_expenses",
    "pairings",
    "visits",
    "measures",
    "monitoring",
    "member_events",
];

fn id_of(id: &Option<String>) -> String {
    id.clone().unwrap_or_default()
}

/// Every child row of a household (ids must be assigned).
pub(crate) fn child_rows(h: &Household) -> Vec<Row> {
    let hid = h.id.as_str();
    let head = |seq: usize| -> Cols {
        vec![
            ("household_id", s(hid)),
            ("seq", Value::Integer(seq as i64)),
        ]
    };
    let mut rows = Vec::new();
    for (i, m) in h.members.iter().enumerate() {
        rows.push(Row {
            table: "members",
            id: m.id.clone(),
            cols: member_cols(hid, i, m),
        });
    }
    for (i, l) in h.income.iter().enumerate() {
        let mut cols = head(i);
        cols.extend([
            ("year", Value::Integer(l.year as i64)),
            ("month", int(l.month)),
            ("category", s(l.category.code())),
            ("item", s(&l.item)),
            ("amount", Value::Real(l.amount)),
            ("counted", Value::Integer(l.counted as i64)),
        ]);
        rows.push(Row {
            table: "income_lines",
            id: id_of(&l.id),
            cols,
        });
    }
    for (i, l) in h.expenses.iter().enumerate() {
        let mut cols = head(i);
        cols.extend([
            ("year", Value::Integer(l.year as i64)),
            ("month", int(l.month)),
            ("category", s(l.category.code())),
            ("item", s(&l.item)),
            ("amount", Value::Real(l.amount)),
        ]);
        rows.push(Row {
            table: "expenses",
            id: id_of(&l.id),
            cols,
        });
    }
    for (i, l) in h.rigid_expenses.iter().enumerate() {
        let mut cols = head(i);
        cols.extend([
            ("date", date(Some(l.date))),
            ("kind", s(l.kind.code())),
            ("item", s(&l.item)),
            ("amount", Value::Real(l.amount)),
            ("reimbursed", Value::Real(l.reimbursed)),
        ]);
        rows.push(Row {
            table: "rigid_expenses",
            id: id_of(&l.id),
            cols,
        });
    }
    for (i, p) in h.pairings.iter().enumerate() {
        let mut cols = head(i);
        cols.extend([
            ("cadre_id", s(&p.cadre)),
            ("role", s(p.role.code())),
            ("kind", code(p.kind)),
            ("start", date(Some(p.start))),
            ("end", date(p.end)),
        ]);
        rows.push(Row {
            table: "pairings",
            id: id_of(&p.id),
            cols,
        });
    }
    for (i, v) in h.visits.iter().enumerate() {
        let mut cols = head(i);
        cols.extend([
            ("date", date(Some(v.date))),
            ("cadre_id", s(&v.cadre)),
            ("mode", s(v.mode.code())),
            ("found", s(&v.found)),
            ("done", s(&v.done)),
            ("follow_up", s(&v.follow_up)),
        ]);
        rows.push(Row {
            table: "visits",
            id: id_of(&v.id),
            cols,
        });
    }
    for (i, m) in h.measures.iter().enumerate() {
        let mut cols = head(i);
        cols.extend([
            ("class", s(m.class.code())),
            ("item", code(m.item)),
            ("content", s(&m.content)),
            ("scale", text(&m.scale)),
            ("funds", real(m.funds)),
            ("funder", text(&m.funder)),
            ("start", date(Some(m.start))),
            ("end", date(m.end)),
            ("result", text(&m.result)),
            ("income_gain", real(m.income_gain)),
        ]);
        rows.push(Row {
            table: "measures",
            id: id_of(&m.id),
            cols,
        });
    }
    if let Some(m) = &h.monitoring {
        let mut cols = head(0);
        cols.extend([
            ("kind", s(m.kind.code())),
            ("identified", date(Some(m.identified))),
            ("channel", code(m.channel)),
            ("risks", codes(&m.risks)),
            ("eliminated", date(m.eliminated)),
            ("elimination_mode", code(m.elimination_mode)),
            ("disaster", text(&m.disaster)),
            ("risk_note", text(&m.risk_note)),
            ("procedure", text(&m.procedure_json())),
        ]);
        rows.push(Row {
            table: "monitoring",
            id: id_of(&m.id),
            cols,
        });
    }
    for (i, e) in h.events.iter().enumerate() {
        let mut cols = head(i);
        cols.extend([
            ("date", date(Some(e.date))),
            ("kind", s(e.kind.code())),
            ("member_id", text(&e.member)),
            ("note", text(&e.note)),
        ]);
        rows.push(Row {
            table: "member_events",
            id: id_of(&e.id),
            cols,
        });
    }
    rows
}

/// A value as audit text.
pub(crate) fn audit_text(v: &Value) -> Option<String> {
    match v {
        Value::Null => None,
        Value::Integer(i) => Some(i.to_string()),
        Value::Real(f) => Some(f.to_string()),
        Value::Text(t) => Some(t.clone()),
        Value::Blob(b) => Some(format!("<{} bytes>", b.len())),
    }
}
