//! Reading records back into the model. Readers take a `&Connection` and never write.

use crate::codes::*;
use crate::model::*;
use crate::{Error, Result};
use chrono::NaiveDate;
use rusqlite::{Connection, OptionalExtension, Row as SqlRow};

fn parse_codes<C: Copy>(text: &str, from: fn(&str) -> Option<C>) -> Vec<C> {
    text.split(',')
        .filter(|s| !s.is_empty())
        .filter_map(from)
        .collect()
}

fn date(r: &SqlRow, i: usize) -> rusqlite::Result<NaiveDate> {
    let text: String = r.get(i)?;
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|e| {
        rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
    })
}

fn opt_date(r: &SqlRow, i: usize) -> rusqlite::Result<Option<NaiveDate>> {
    let text: Option<String> = r.get(i)?;
    text.map(|t| {
        NaiveDate::parse_from_str(&t, "%Y-%m-%d").map_err(|e| {
            rusqlite::Error::FromSqlConversionFailure(i, rusqlite::types::Type::Text, Box::new(e))
        })
    })
    .transpose()
}

/// A village with its row id and revision.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredVillage {
    pub id: String,
    pub revision: i64,
    pub village: Village,
}

pub(crate) fn village_where(
    conn: &Connection,
    clause: &str,
    arg: &str,
) -> Result<Option<StoredVillage>> {
    let sql = format!(
        "SELECT id, revision, code, name, township, county, province, region, rural_population, groups, recorded_from
         FROM villages WHERE deleted = 0 AND {clause}"
    );
    conn.query_row(&sql, [arg], |r| {
        let groups: String = r.get(9)?;
        Ok(StoredVillage {
            id: r.get(0)?,
            revision: r.get(1)?,
            village: Village {
                code: r.get(2)?,
                name: r.get(3)?,
                township: r.get(4)?,
                county: r.get(5)?,
                province: r.get(6)?,
                region: r.get(7)?,
                rural_population: r.get(8)?,
                groups: serde_json::from_str(&groups).unwrap_or_default(),
                recorded_from: opt_date(r, 10)?,
                history: Vec::new(),
            },
        })
    })
    .optional()?
    .map(|mut v| -> Result<StoredVillage> {
        v.village.history = super::facts::of_record(conn, super::facts::Scope::Village, &v.id)?;
        Ok(v)
    })
    .transpose()
}

/// All villages, by code.
pub fn villages(conn: &Connection) -> Result<Vec<StoredVillage>> {
    let codes: Vec<String> = conn
        .prepare("SELECT code FROM villages WHERE deleted = 0 ORDER BY code")?
        .query_map([], |r| r.get(0))?
        .collect::<rusqlite::Result<_>>()?;
    codes
        .iter()
        .map(|c| village_where(conn, "code = ?1", c).map(|v| v.expect("listed village exists")))
        .collect()
}

/// The cadres of a village, by name.
pub fn cadres(conn: &Connection, village_id: &str) -> Result<Vec<Cadre>> {
    cadres_where(conn, "village_id = ?1 AND deleted = 0", &[village_id])
}

/// One cadre of a village (not deleted), with its history.
pub(crate) fn cadre(conn: &Connection, village_id: &str, id: &str) -> Result<Option<Cadre>> {
    let found = cadres_where(
        conn,
        "village_id = ?1 AND id = ?2 AND deleted = 0",
        &[village_id, id],
    )?;
    Ok(found.into_iter().next())
}

fn cadres_where(conn: &Connection, filter: &str, args: &[&str]) -> Result<Vec<Cadre>> {
    let mut stmt = conn.prepare_cached(&format!(
        "SELECT id, name, unit, unit_level, phone, position, recorded_from, start, end FROM cadres
         WHERE {filter} ORDER BY name, id"
    ))?;
    let rows = stmt.query_map(rusqlite::params_from_iter(args), |r| {
        Ok(Cadre {
            id: r.get(0)?,
            name: r.get(1)?,
            unit: r.get(2)?,
            unit_level: r.get(3)?,
            phone: r.get(4)?,
            position: r.get(5)?,
            recorded_from: opt_date(r, 6)?,
            start: opt_date(r, 7)?,
            end: opt_date(r, 8)?,
            history: Vec::new(),
        })
    })?;
    let mut cadres: Vec<Cadre> = rows.collect::<rusqlite::Result<_>>()?;
    for c in &mut cadres {
        c.history = super::facts::of_record(conn, super::facts::Scope::Cadre, &c.id)?;
    }
    Ok(cadres)
}

/// A household as stored: the aggregate plus where it lives and its revision.
#[derive(Debug, Clone, PartialEq)]
pub struct StoredHousehold {
    pub village_id: String,
    pub revision: i64,
    pub updated_at: String,
    pub household: Household,
}

/// Which of a household's records a read loads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Records {
    /// All of them.
    All,
    /// What says where the household stands on a date and when it was last visited: its
    /// facts, members, monitoring, events, history and visits; not its income book, costs,
    /// pairings or measures (most of its rows), which counts by date do not read.
    Standing,
}

/// Loads one household with all its records by id.
pub fn household(conn: &Connection, id: &str) -> Result<StoredHousehold> {
    household_with(conn, id, Records::All)
}

/// Loads one household by id with the records asked for.
pub(crate) fn household_with(
    conn: &Connection,
    id: &str,
    records: Records,
) -> Result<StoredHousehold> {
    let mut stmt = conn.prepare_cached(
        "SELECT village_id, revision, updated_at, id, code, group_name, address, phone, identified_year, standard,
                attribute, status, exit_year, main_cause, other_causes, food_clothing_secure, farmland_mu,
                irrigated_mu, forest_mu, grassland_mu, water_surface_mu, house_area_m2, house_grade,
                relocation_mode, relocation_moved_in, relocation_recorded, drinking_water_safe, electricity,
                sanitary_toilet, road_distance_km, road_type, fuel, cooperative_member, recorded_from,
                no_labor_guarantee, low_income
         FROM households WHERE id = ?1 AND deleted = 0",
    )?;
    let stored = stmt
        .query_row([id], |r| {
            let other: String = r.get(14)?;
            let relocation = if r.get::<_, bool>(25)? {
                Some(Relocation {
                    mode: r.get(23)?,
                    moved_in: r.get(24)?,
                })
            } else {
                None
            };
            Ok(StoredHousehold {
                village_id: r.get(0)?,
                revision: r.get(1)?,
                updated_at: r.get(2)?,
                household: Household {
                    id: r.get(3)?,
                    code: r.get(4)?,
                    group: r.get(5)?,
                    address: r.get(6)?,
                    phone: r.get(7)?,
                    identified_year: r.get(8)?,
                    standard: r.get(9)?,
                    attribute: r.get(10)?,
                    status: r.get(11)?,
                    exit_year: r.get(12)?,
                    main_cause: r.get(13)?,
                    other_causes: parse_codes(&other, Cause::from_code),
                    food_clothing_secure: r.get(15)?,
                    conditions: Conditions {
                        farmland_mu: r.get(16)?,
                        irrigated_mu: r.get(17)?,
                        forest_mu: r.get(18)?,
                        grassland_mu: r.get(19)?,
                        water_surface_mu: r.get(20)?,
                        house_area_m2: r.get(21)?,
                        house_grade: r.get(22)?,
                        relocation,
                        drinking_water_safe: r.get(26)?,
                        electricity: r.get(27)?,
                        sanitary_toilet: r.get(28)?,
                        road_distance_km: r.get(29)?,
                        road_type: r.get(30)?,
                        fuel: r.get(31)?,
                        cooperative_member: r.get(32)?,
                    },
                    recorded_from: opt_date(r, 33)?,
                    no_labor_guarantee: r.get(34)?,
                    low_income: r.get(35)?,
                    ..Household::default()
                },
            })
        })
        .optional()?;
    let mut stored = stored.ok_or_else(|| Error::NotFound(format!("记录编号为{id}的农户")))?;
    load_children(conn, &mut stored.household, records)?;
    Ok(stored)
}

fn children<T>(
    conn: &Connection,
    sql: &str,
    hid: &str,
    f: impl FnMut(&SqlRow) -> rusqlite::Result<T>,
) -> Result<Vec<T>> {
    let mut stmt = conn.prepare_cached(sql)?;
    let rows = stmt.query_map([hid], f)?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn load_children(conn: &Connection, h: &mut Household, records: Records) -> Result<()> {
    let hid = h.id.clone();
    h.members = children(
        conn,
        "SELECT id, name, id_number, relation, sex, ethnicity, education, schooling, schooling_exempt, health,
                disability_grade, labor, work_place, work_months, work_recorded, medical_insurance,
                serious_illness_insurance, pension_insurance, family_doctor, dibao, tekun, has_legal_supporter,
                recorded_from, phone, document, employee_medical_insurance, employee_pension_insurance,
                medical_assistance, out_of_school_reason, work_spells, welfare_posts, relation_detail,
                education_detail, dibao_area, tekun_area, schooling_detail
         FROM members WHERE household_id = ?1 AND deleted = 0 ORDER BY seq",
        &hid,
        |r| {
            let work = if r.get::<_, bool>(14)? { Some(Work { place: r.get(12)?, months: r.get(13)? }) } else { None };
            Ok(Member {
                id: r.get(0)?,
                name: r.get(1)?,
                id_number: r.get(2)?,
                relation: r.get(3)?,
                sex: r.get(4)?,
                ethnicity: r.get(5)?,
                education: r.get(6)?,
                schooling: r.get(7)?,
                schooling_exempt: r.get(8)?,
                health: r.get(9)?,
                disability_grade: r.get(10)?,
                labor: r.get(11)?,
                work,
                medical_insurance: r.get(15)?,
                serious_illness_insurance: r.get(16)?,
                pension_insurance: r.get(17)?,
                family_doctor: r.get(18)?,
                dibao: r.get(19)?,
                tekun: r.get(20)?,
                has_legal_supporter: r.get(21)?,
                recorded_from: opt_date(r, 22)?,
                phone: r.get(23)?,
                document: r.get(24)?,
                employee_medical_insurance: r.get(25)?,
                employee_pension_insurance: r.get(26)?,
                medical_assistance: r.get(27)?,
                out_of_school_reason: r.get(28)?,
                work_spells: list_from_json(r.get::<_, Option<String>>(29)?.as_deref()),
                welfare_posts: list_from_json(r.get::<_, Option<String>>(30)?.as_deref()),
                relation_detail: r.get(31)?,
                education_detail: r.get(32)?,
                dibao_area: r.get(33)?,
                tekun_area: r.get(34)?,
                schooling_detail: r.get(35)?,
                history: Vec::new(),
            })
        },
    )?;
    h.visits = children(
        conn,
        "SELECT id, date, cadre_id, mode, found, done, follow_up FROM visits WHERE household_id = ?1 AND deleted = 0 ORDER BY seq",
        &hid,
        |r| Ok(Visit { id: r.get(0)?, date: date(r, 1)?, cadre: r.get(2)?, mode: r.get(3)?, found: r.get(4)?, done: r.get(5)?, follow_up: r.get(6)? }),
    )?;
    if records == Records::All {
        load_books(conn, h, &hid)?;
    }
    h.monitoring = children(
        conn,
        "SELECT id, kind, identified, channel, risks, eliminated, elimination_mode, disaster, risk_note,
         procedure FROM monitoring WHERE household_id = ?1 AND deleted = 0 ORDER BY seq",
        &hid,
        |r| {
            let risks: String = r.get(4)?;
            Ok(Monitoring {
                id: r.get(0)?,
                kind: r.get(1)?,
                identified: date(r, 2)?,
                channel: r.get(3)?,
                risks: parse_codes(&risks, Risk::from_code),
                eliminated: opt_date(r, 5)?,
                elimination_mode: r.get(6)?,
                disaster: r.get(7)?,
                risk_note: r.get(8)?,
                procedure: Monitoring::procedure_from_json(r.get::<_, Option<String>>(9)?.as_deref()),
            })
        },
    )?
    .into_iter()
    .next();
    h.events = children(
        conn,
        "SELECT id, date, kind, member_id, note FROM member_events WHERE household_id = ?1 AND deleted = 0 ORDER BY seq",
        &hid,
        |r| Ok(Event { id: r.get(0)?, date: date(r, 1)?, kind: r.get(2)?, member: r.get(3)?, note: r.get(4)? }),
    )?;
    let (own, mut members) = super::facts::of_household(conn, &hid)?;
    h.history = own;
    for m in &mut h.members {
        if let Some(periods) = members.remove(&m.id) {
            m.history = periods;
        }
    }
    Ok(())
}

/// A household's books and help: income lines, costs, rigid costs, pairings, measures.
fn load_books(conn: &Connection, h: &mut Household, hid: &str) -> Result<()> {
    h.income = children(
        conn,
        "SELECT id, year, month, category, item, amount, counted FROM income_lines
         WHERE household_id = ?1 AND deleted = 0 ORDER BY seq",
        hid,
        |r| {
            Ok(IncomeLine {
                id: r.get(0)?,
                year: r.get(1)?,
                month: r.get(2)?,
                category: r.get(3)?,
                item: r.get(4)?,
                amount: r.get(5)?,
                counted: r.get(6)?,
            })
        },
    )?;
    h.expenses = children(
        conn,
        "SELECT id, year, month, category, item, amount FROM expenses WHERE household_id = ?1 AND deleted = 0 ORDER BY seq",
        hid,
        |r| Ok(Expense { id: r.get(0)?, year: r.get(1)?, month: r.get(2)?, category: r.get(3)?, item: r.get(4)?, amount: r.get(5)? }),
    )?;
    h.rigid_expenses = children(
        conn,
        "SELECT id, date, kind, item, amount, reimbursed FROM rigid_expenses WHERE household_id = ?1 AND deleted = 0 ORDER BY seq",
        hid,
        |r| Ok(RigidExpense { id: r.get(0)?, date: date(r, 1)?, kind: r.get(2)?, item: r.get(3)?, amount: r.get(4)?, reimbursed: r.get(5)? }),
    )?;
    h.pairings = children(
        conn,
        "SELECT id, cadre_id, role, start, end, kind FROM pairings WHERE household_id = ?1 AND deleted = 0 ORDER BY seq",
        hid,
        |r| Ok(Pairing { id: r.get(0)?, cadre: r.get(1)?, role: r.get(2)?, kind: r.get(5)?, start: date(r, 3)?, end: opt_date(r, 4)? }),
    )?;
    h.measures = children(
        conn,
        "SELECT id, class, content, scale, funds, funder, start, end, result, income_gain, item FROM measures
         WHERE household_id = ?1 AND deleted = 0 ORDER BY seq",
        hid,
        |r| {
            Ok(Measure {
                id: r.get(0)?,
                class: r.get(1)?,
                content: r.get(2)?,
                scale: r.get(3)?,
                funds: r.get(4)?,
                funder: r.get(5)?,
                start: date(r, 6)?,
                end: opt_date(r, 7)?,
                result: r.get(8)?,
                income_gain: r.get(9)?,
                item: r.get(10)?,
            })
        },
    )?;
    Ok(())
}

/// The household ids of a village, ordered by household code.
pub fn household_ids(conn: &Connection, village_id: &str) -> Result<Vec<String>> {
    let mut stmt = conn.prepare_cached(
        "SELECT id FROM households WHERE village_id = ?1 AND deleted = 0 ORDER BY code",
    )?;
    let rows = stmt.query_map([village_id], |r| r.get(0))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// The village (code, name) of each record of `table` among `ids` that the ledger has
/// (one statement, the ids looked up in order); ids it lacks are left out.
pub(crate) fn villages_of_records(
    conn: &Connection,
    table: &str,
    mut ids: Vec<&str>,
) -> Result<Vec<(String, (String, String))>> {
    let sql = match table {
        "cadres" | "households" => format!(
            "SELECT v.code, v.name FROM {table} r JOIN villages v ON v.id = r.village_id WHERE r.id = ?1"
        ),
        "members" => "SELECT v.code, v.name FROM members r JOIN households h ON h.id = r.household_id
             JOIN villages v ON v.id = h.village_id WHERE r.id = ?1"
            .to_string(),
        other => return Err(Error::Invalid(format!("未知的记录表{other}"))),
    };
    ids.sort_unstable();
    let mut stmt = conn.prepare_cached(&sql)?;
    let mut found = Vec::new();
    for id in ids {
        if let Some(owner) = stmt
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?
        {
            found.push((id.to_string(), owner));
        }
    }
    Ok(found)
}

impl super::Writer<'_> {
    /// `Ledger::villages_of_records` inside a write: it sees this transaction's rows.
    pub fn villages_of_records(
        &self,
        table: &str,
        ids: Vec<&str>,
    ) -> Result<Vec<(String, (String, String))>> {
        villages_of_records(self.conn(), table, ids)
    }
}

impl super::Ledger {
    /// The village (code, name) of each record of `table` among `ids` that the ledger has;
    /// ids it lacks are left out.
    pub fn villages_of_records(
        &self,
        table: &str,
        ids: Vec<&str>,
    ) -> Result<Vec<(String, (String, String))>> {
        villages_of_records(self.conn(), table, ids)
    }

    /// The village (code, name) a record of `table` with `id` belongs to, if it exists.
    pub fn village_of_record(&self, table: &str, id: &str) -> Result<Option<(String, String)>> {
        let sql = match table {
            "cadres" | "households" => format!(
                "SELECT v.code, v.name FROM {table} r JOIN villages v ON v.id = r.village_id WHERE r.id = ?1"
            ),
            "members" | "income_lines" | "expenses" | "rigid_expenses" | "pairings" | "visits"
            | "measures" | "monitoring" | "member_events" => format!(
                "SELECT v.code, v.name FROM {table} r JOIN households h ON h.id = r.household_id
                 JOIN villages v ON v.id = h.village_id WHERE r.id = ?1"
            ),
            other => return Err(Error::Invalid(format!("未知的记录表{other}"))),
        };
        Ok(self
            .conn()
            .prepare_cached(&sql)?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?)))
            .optional()?)
    }
}
