//! The rows of a household new to the ledger, bound straight from the model into
//! statements prepared once per import, many rows each (`multi_row.rs`): no row lists, no
//! copies of the text (dates are formatted on the stack; the write's time bound once).
//! The columns are the ones `rows.rs` maps for the audited writer; a test writes one
//! household both ways and compares every stored row.

use super::facts::stored_value;
use super::multi_row::MultiRowInsert;
use super::rows::{id_tail, initials};
use crate::codes::Code;
use crate::model::{list_json, FactPeriod, Household};
use chrono::{Datelike, NaiveDate};
use rusqlite::types::{ToSqlOutput, ValueRef};
use rusqlite::{params, Connection, Statement, ToSql};

/// A date as `YYYY-MM-DD` text without an allocation.
struct Ymd([u8; 10]);

impl Ymd {
    fn of(d: NaiveDate) -> Ymd {
        let mut out = *b"0000-00-00";
        let (y, m, day) = (d.year().clamp(0, 9999) as u32, d.month(), d.day());
        for (i, digit) in [y / 1000, y / 100 % 10, y / 10 % 10, y % 10]
            .iter()
            .enumerate()
        {
            out[i] = b'0' + *digit as u8;
        }
        out[5] = b'0' + (m / 10) as u8;
        out[6] = b'0' + (m % 10) as u8;
        out[8] = b'0' + (day / 10) as u8;
        out[9] = b'0' + (day % 10) as u8;
        Ymd(out)
    }
}

impl ToSql for Ymd {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::Borrowed(ValueRef::Text(&self.0)))
    }
}

/// A date as stored: years outside 0–9999 (refused by validation) keep chrono's text.
enum Day {
    Short(Ymd),
    Long(String),
}

fn day(d: NaiveDate) -> Day {
    if (0..=9999).contains(&d.year()) {
        Day::Short(Ymd::of(d))
    } else {
        Day::Long(d.to_string())
    }
}

fn opt_day(d: Option<NaiveDate>) -> Option<Day> {
    d.map(day)
}

impl ToSql for Day {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        match self {
            Day::Short(d) => d.to_sql(),
            Day::Long(s) => Ok(ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes()))),
        }
    }
}

fn code<C: Code>(c: Option<C>) -> Option<&'static str> {
    c.map(Code::code)
}

fn codes<C: Code>(list: &[C]) -> String {
    list.iter().map(|c| c.code()).collect::<Vec<_>>().join(",")
}

const HOUSEHOLD: &str = "INSERT INTO households (id, village_id, code, group_name, address, phone,
    identified_year, standard, attribute, status, exit_year, main_cause, other_causes,
    food_clothing_secure, farmland_mu, irrigated_mu, forest_mu, grassland_mu, water_surface_mu,
    house_area_m2, house_grade, relocation_mode, relocation_moved_in, relocation_recorded,
    drinking_water_safe, electricity, sanitary_toilet, road_distance_km, road_type, fuel,
    cooperative_member, recorded_from, updated_at, no_labor_guarantee, low_income)
    VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18,
    ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?29, ?30, ?31, ?32, ?33, ?34, ?35)";
const MEMBER: &str = "INSERT INTO members (id, household_id, seq, name, id_number, relation,
    sex, ethnicity, education, schooling, schooling_exempt, health, disability_grade, labor,
    work_place, work_months, work_recorded, medical_insurance, serious_illness_insurance,
    pension_insurance, family_doctor, dibao, tekun, has_legal_supporter, initials, id_tail,
    recorded_from, updated_at, phone, document, employee_medical_insurance,
    employee_pension_insurance, medical_assistance, out_of_school_reason, work_spells,
    welfare_posts, relation_detail, education_detail, dibao_area, tekun_area,
    schooling_detail)
    VALUES (?3, ?1, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19,
    ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27, ?28, ?2, ?29, ?30, ?31, ?32, ?33, ?34, ?35, ?36,
    ?37, ?38, ?39, ?40, ?41)";
const INCOME: &str = "INSERT INTO income_lines (id, household_id, seq, year, month, category,
    item, amount, counted, updated_at) VALUES (?3, ?1, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?2)";
const EXPENSE: &str = "INSERT INTO expenses (id, household_id, seq, year, month, category,
    item, amount, updated_at) VALUES (?3, ?1, ?4, ?5, ?6, ?7, ?8, ?9, ?2)";
const RIGID: &str = "INSERT INTO rigid_expenses (id, household_id, seq, date, kind, item,
    amount, reimbursed, updated_at) VALUES (?3, ?1, ?4, ?5, ?6, ?7, ?8, ?9, ?2)";
const PAIRING: &str = "INSERT INTO pairings (id, household_id, seq, cadre_id, role, start,
    end, updated_at, kind) VALUES (?3, ?1, ?4, ?5, ?6, ?7, ?8, ?2, ?9)";
const VISIT: &str = "INSERT INTO visits (id, household_id, seq, date, cadre_id, mode, found,
    done, follow_up, updated_at) VALUES (?3, ?1, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?2)";
const MEASURE: &str = "INSERT INTO measures (id, household_id, seq, class, content, scale,
    funds, funder, start, end, result, income_gain, updated_at, item)
    VALUES (?3, ?1, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?2, ?14)";
const MONITORING: &str = "INSERT INTO monitoring (id, household_id, seq, kind, identified,
    channel, risks, eliminated, updated_at, elimination_mode, disaster, risk_note, procedure)
    VALUES (?3, ?1, ?4, ?5, ?6, ?7, ?8, ?9, ?2, ?10, ?11, ?12, ?13)";
const EVENT: &str = "INSERT INTO member_events (id, household_id, seq, date, kind, member_id,
    note, updated_at) VALUES (?3, ?1, ?4, ?5, ?6, ?7, ?8, ?2)";
const PERIOD: &str = "INSERT INTO fact_periods (scope, record_id, household_id, field,
    valid_from, value, kind, reason, doc, recorded_at, operator)
    VALUES (?4, ?5, ?1, ?6, ?7, ?8, ?9, ?10, ?11, coalesce(?12, ?2), coalesce(?13, ?3))";
const FINDING: &str = "INSERT INTO findings (household_id, severity, path, rule, message)
    VALUES (?1, 'warning', ?2, ?3, ?4)";

/// How many records of each kind a household brought (for its one audit row).
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Counts {
    pub members: usize,
    pub income: usize,
    pub expenses: usize,
    pub rigid_expenses: usize,
    pub pairings: usize,
    pub visits: usize,
    pub measures: usize,
    pub monitoring: usize,
    pub events: usize,
    pub periods: usize,
}

impl Counts {
    /// `成员4人，收入一本账36条，…` (kinds without records left out).
    pub fn text(&self) -> String {
        let parts = [
            (self.members, "成员", "人"),
            (self.income, "收入一本账", "条"),
            (self.expenses, "生产经营支出", "条"),
            (self.rigid_expenses, "刚性支出", "条"),
            (self.pairings, "结对帮扶", "条"),
            (self.visits, "走访记录", "条"),
            (self.measures, "帮扶措施", "条"),
            (self.monitoring, "监测记录", "条"),
            (self.events, "人口变动", "条"),
            (self.periods, "历史时段", "条"),
        ];
        let text: Vec<String> = parts
            .iter()
            .filter(|(n, ..)| *n > 0)
            .map(|(n, what, unit)| format!("{what}{n}{unit}"))
            .collect();
        if text.is_empty() {
            "无成员及其他记录".into()
        } else {
            text.join("，")
        }
    }
}

/// The insert statements of one import, prepared once (the records' when first used,
/// many rows per statement).
pub(crate) struct Inserts<'c> {
    household: Statement<'c>,
    member: MultiRowInsert<'c>,
    income: MultiRowInsert<'c>,
    expense: MultiRowInsert<'c>,
    rigid: MultiRowInsert<'c>,
    pairing: MultiRowInsert<'c>,
    visit: MultiRowInsert<'c>,
    measure: MultiRowInsert<'c>,
    monitoring: MultiRowInsert<'c>,
    event: MultiRowInsert<'c>,
    period: MultiRowInsert<'c>,
    finding: Statement<'c>,
}

/// Who wrote the rows and when (the periods' defaults).
pub(crate) struct Stamp<'s> {
    pub at: &'s str,
    pub operator: &'s str,
}

/// The texts of a household's rows that take work to make (JSON of lists and fact values,
/// a name's initials, an ID number's tail): made ahead, off the writer's thread, for a
/// household merged ahead (`CheckedHousehold::merge_ahead`), else by the writer itself.
#[derive(Debug, Clone, Default)]
pub(crate) struct RowTexts {
    /// Per member, in order.
    members: Vec<MemberTexts>,
    /// Per fact period, in the order `Inserts::household` writes them.
    periods: Vec<String>,
}

#[derive(Debug, Clone)]
struct MemberTexts {
    initials: String,
    id_tail: String,
    work_spells: Option<String>,
    welfare_posts: Option<String>,
}

impl MemberTexts {
    fn of(m: &crate::model::Member) -> MemberTexts {
        MemberTexts {
            initials: initials(&m.name),
            id_tail: id_tail(m.citizen_id()),
            work_spells: list_json(&m.work_spells),
            welfare_posts: list_json(&m.welfare_posts),
        }
    }
}

/// Every fact period of a household, its own then its members', with scope and record.
fn all_periods(h: &Household) -> Vec<(&'static str, &str, &FactPeriod)> {
    (h.history.iter())
        .map(|p| ("household", h.id.as_str(), p))
        .chain(
            h.members
                .iter()
                .flat_map(|m| m.history.iter().map(|p| ("member", m.id.as_str(), p))),
        )
        .collect()
}

impl RowTexts {
    /// The texts of `h` as it will be written (merged).
    pub fn of(h: &Household) -> RowTexts {
        RowTexts {
            members: h.members.iter().map(MemberTexts::of).collect(),
            periods: all_periods(h)
                .into_iter()
                .map(|(_, _, p)| stored_value(p))
                .collect(),
        }
    }

    /// Whether these are the texts of `h` (as many members and periods).
    fn fit(&self, h: &Household, periods: usize) -> bool {
        self.members.len() == h.members.len() && self.periods.len() == periods
    }
}

impl<'c> Inserts<'c> {
    /// Prepares the statements; the record statements take the household as `?1` and the
    /// write's time as `?2` (the periods also the operator as `?3`), the row's own values
    /// after them.
    pub fn prepare(conn: &'c Connection, stamp: &Stamp) -> rusqlite::Result<Inserts<'c>> {
        let record = |sql| MultiRowInsert::new(conn, sql, 2, &[stamp.at]);
        Ok(Inserts {
            household: conn.prepare(HOUSEHOLD)?,
            member: record(MEMBER),
            income: record(INCOME),
            expense: record(EXPENSE),
            rigid: record(RIGID),
            pairing: record(PAIRING),
            visit: record(VISIT),
            measure: record(MEASURE),
            monitoring: record(MONITORING),
            event: record(EVENT),
            period: MultiRowInsert::new(conn, PERIOD, 3, &[stamp.at, stamp.operator]),
            finding: conn.prepare(FINDING)?,
        })
    }

    /// Inserts a household with every record and fact period (ids assigned, merged);
    /// returns what it wrote.
    pub fn household(
        &mut self,
        village_id: &str,
        h: &Household,
        stamp: &Stamp,
        ahead: Option<&RowTexts>,
    ) -> rusqlite::Result<Counts> {
        let at = stamp.at;
        let periods = all_periods(h);
        let made;
        let texts = match ahead.filter(|t| t.fit(h, periods.len())) {
            Some(t) => t,
            None => {
                made = RowTexts::of(h);
                &made
            }
        };
        let hid = h.id.as_str();
        let c = &h.conditions;
        let reloc = c.relocation.as_ref();
        self.household.execute(params![
            hid,
            village_id,
            h.code,
            h.group,
            h.address,
            h.phone,
            h.identified_year,
            code(h.standard),
            code(h.attribute),
            code(h.status),
            h.exit_year,
            code(h.main_cause),
            codes(&h.other_causes),
            h.food_clothing_secure,
            c.farmland_mu,
            c.irrigated_mu,
            c.forest_mu,
            c.grassland_mu,
            c.water_surface_mu,
            c.house_area_m2,
            code(c.house_grade),
            code(reloc.and_then(|r| r.mode)),
            reloc.and_then(|r| r.moved_in),
            reloc.is_some(),
            c.drinking_water_safe,
            c.electricity,
            c.sanitary_toilet,
            c.road_distance_km,
            code(c.road_type),
            code(c.fuel),
            c.cooperative_member,
            opt_day(h.recorded_from),
            at,
            h.no_labor_guarantee,
            code(h.low_income),
        ])?;
        self.member.insert(hid, &h.members, |m, i, bind| {
            let work = m.work.as_ref();
            let t = &texts.members[i];
            bind(params![
                m.id,
                i as i64,
                m.name,
                m.id_number,
                code(m.relation),
                code(m.sex),
                m.ethnicity,
                code(m.education),
                code(m.schooling),
                m.schooling_exempt,
                code(m.health),
                m.disability_grade,
                code(m.labor),
                code(work.and_then(|w| w.place)),
                work.and_then(|w| w.months),
                work.is_some(),
                m.medical_insurance,
                m.serious_illness_insurance,
                m.pension_insurance,
                m.family_doctor,
                m.dibao,
                code(m.tekun),
                m.has_legal_supporter,
                t.initials,
                t.id_tail,
                opt_day(m.recorded_from),
                m.phone,
                code(m.document),
                m.employee_medical_insurance,
                m.employee_pension_insurance,
                m.medical_assistance,
                code(m.out_of_school_reason),
                t.work_spells,
                t.welfare_posts,
                code(m.relation_detail),
                code(m.education_detail),
                code(m.dibao_area),
                code(m.tekun_area),
                code(m.schooling_detail),
            ])
        })?;
        self.income.insert(hid, &h.income, |l, i, bind| {
            bind(params![
                l.id,
                i as i64,
                l.year,
                l.month,
                l.category.code(),
                l.item,
                l.amount,
                l.counted,
            ])
        })?;
        self.expense.insert(hid, &h.expenses, |l, i, bind| {
            bind(params![
                l.id,
                i as i64,
                l.year,
                l.month,
                l.category.code(),
                l.item,
                l.amount,
            ])
        })?;
        self.rigid.insert(hid, &h.rigid_expenses, |l, i, bind| {
            bind(params![
                l.id,
                i as i64,
                day(l.date),
                l.kind.code(),
                l.item,
                l.amount,
                l.reimbursed,
            ])
        })?;
        self.pairing.insert(hid, &h.pairings, |p, i, bind| {
            bind(params![
                p.id,
                i as i64,
                p.cadre,
                p.role.code(),
                day(p.start),
                opt_day(p.end),
                code(p.kind),
            ])
        })?;
        self.visit.insert(hid, &h.visits, |v, i, bind| {
            bind(params![
                v.id,
                i as i64,
                day(v.date),
                v.cadre,
                v.mode.code(),
                v.found,
                v.done,
                v.follow_up,
            ])
        })?;
        self.measure.insert(hid, &h.measures, |m, i, bind| {
            bind(params![
                m.id,
                i as i64,
                m.class.code(),
                m.content,
                m.scale,
                m.funds,
                m.funder,
                day(m.start),
                opt_day(m.end),
                m.result,
                m.income_gain,
                code(m.item),
            ])
        })?;
        self.monitoring
            .insert(hid, h.monitoring.as_slice(), |m, i, bind| {
                bind(params![
                    m.id,
                    i as i64,
                    m.kind.code(),
                    day(m.identified),
                    code(m.channel),
                    codes(&m.risks),
                    opt_day(m.eliminated),
                    code(m.elimination_mode),
                    m.disaster,
                    m.risk_note,
                    m.procedure_json(),
                ])
            })?;
        self.event.insert(hid, &h.events, |e, i, bind| {
            bind(params![
                e.id,
                i as i64,
                day(e.date),
                e.kind.code(),
                e.member,
                e.note,
            ])
        })?;
        self.period
            .insert(hid, &periods, |(scope, record, p), i, bind| {
                bind(params![
                    scope,
                    record,
                    p.field,
                    opt_day(p.from),
                    texts.periods[i],
                    p.kind.code(),
                    p.reason,
                    p.doc,
                    p.recorded_at,
                    p.operator,
                ])
            })?;
        Ok(Counts {
            members: h.members.len(),
            income: h.income.len(),
            expenses: h.expenses.len(),
            rigid_expenses: h.rigid_expenses.len(),
            pairings: h.pairings.len(),
            visits: h.visits.len(),
            measures: h.measures.len(),
            monitoring: usize::from(h.monitoring.is_some()),
            events: h.events.len(),
            periods: periods.len(),
        })
    }

    /// Stores the warnings of a new household.
    pub fn findings(
        &mut self,
        household_id: &str,
        warnings: &[crate::validate::Finding],
    ) -> rusqlite::Result<()> {
        for w in warnings {
            self.finding
                .execute(params![household_id, w.path, w.rule, w.message])?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_read_as_chrono_writes_them() {
        for (y, m, d) in [(2019, 12, 31), (2014, 1, 1), (1, 2, 3), (9999, 9, 9)] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let Day::Short(ymd) = day(date) else {
                panic!("{date} is a short date")
            };
            assert_eq!(
                std::str::from_utf8(&ymd.0).unwrap(),
                date.to_string(),
                "the same text as the audited writer"
            );
        }
    }
}
