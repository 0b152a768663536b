//! Rows of the person-level sheet → a village document (exchange v1 model).
//!
//! One row per person; the rows of a household (same 户编号) repeat its columns, which
//! must agree. The village is the one the 县/乡/村 columns name (one per sheet: a workbook
//! of several villages is split first, `villages.rs`), its code
//! from 村代码 or else the first 12 digits of 户编号. What the sheet does not carry is
//! kept from the ledger's record of the same village, household and member (`Base`):
//! visits, pairings, income, members not listed … are never dropped by an import, and a
//! column the sheet lacks leaves its field alone. Every unreadable cell is reported.
//! The 帮扶措施 columns add measures (`measures.rs`).

use super::agree::{self, Agreement};
use super::columns::{Field, Level, Snapshot, COLUMNS};
use super::income::{self, IncomeCells};
use super::measures;
use super::place::{self, Home};
use super::sheet::{at, Row, Sheet};
use super::tekun;
use super::values::{self as v, parse};
use crate::codes::{
    DocumentKind, Education, EducationDetail, EliminationMode, MonitoringKind, OutOfSchoolReason,
    RelationDetail, Risk, Schooling, SchoolingDetail, Status,
};
use crate::model::{
    derived_id, Cadre, FactKind, FactPeriod, Household, Member, Monitoring, Village,
    VillageDocument, Work, FORMAT_V1,
};
use crate::validate::Finding;
use chrono::NaiveDate;
use std::collections::HashMap;

/// What the ledger already holds of the file's village (empty for a new village).
#[derive(Default)]
pub(super) struct Base {
    pub village: Option<Village>,
    pub cadres: Vec<Cadre>,
    pub households: HashMap<String, Household>,
}

/// The sheet row of each household (its first) and member, to point errors at cells.
#[derive(Default)]
pub(super) struct Placed {
    pub household_rows: Vec<u32>,
    pub member_rows: Vec<Vec<Option<u32>>>,
}

/// The village named by the first data row, and every row naming another: the village
/// as far as it could be read (its code and name empty where they could not), and the
/// errors.
pub(super) fn village(sheet: &Sheet) -> (Village, Vec<Finding>) {
    let nameless = |errors| {
        let village = Village {
            code: String::new(),
            name: String::new(),
            township: None,
            county: None,
            province: None,
            region: None,
            rural_population: None,
            groups: Vec::new(),
            recorded_from: None,
            history: Vec::new(),
        };
        (village, errors)
    };
    let Some(first) = sheet.rows.first() else {
        return nameless(vec![at(
            sheet.head.header_row,
            Field::HouseholdCode,
            "表头下没有任何数据行".into(),
        )]);
    };
    let mut errors = Vec::new();
    let mut cell = |row: &Row, f: Field| match row.text(f) {
        Ok(t) => t.map(str::to_string),
        Err(e) => {
            errors.push(at(row.number, f, e));
            None
        }
    };
    let name = cell(first, Field::Village);
    let county = cell(first, Field::County);
    let township = cell(first, Field::Township);
    let named_code = cell(first, Field::VillageCode);
    let code = named_code.clone().or_else(|| {
        cell(first, Field::HouseholdCode)
            .filter(|c| c.len() >= 12 && c.bytes().take(12).all(|b| b.is_ascii_digit()))
            .map(|c| c[..12].to_string())
    });
    // A village known by the first 户编号 only: every other 户编号 must start with it.
    if let (None, Some(code)) = (&named_code, &code) {
        for row in &sheet.rows[1..] {
            if let Ok(Some(h)) = row.text(Field::HouseholdCode) {
                if !h.starts_with(code.as_str()) {
                    let message = other_village(h, code, first.number);
                    errors.push(at(row.number, Field::HouseholdCode, message));
                }
            }
        }
    }
    for row in &sheet.rows[1..] {
        for f in [
            Field::County,
            Field::Township,
            Field::Village,
            Field::VillageCode,
        ] {
            if let (Ok(Some(a)), Ok(Some(b))) = (first.text(f), row.text(f)) {
                if a != b {
                    errors.push(at(
                        row.number,
                        f,
                        format!(
                            "“{b}”与第{}行的“{a}”不同：村代码相同的行应属同一个村",
                            first.number
                        ),
                    ));
                }
            }
        }
    }
    if name.is_none() {
        errors.push(at(first.number, Field::Village, "村名为空".into()));
    }
    if code.is_none() {
        let f = if sheet.has(Field::VillageCode) {
            Field::VillageCode
        } else {
            Field::HouseholdCode
        };
        errors.push(at(
            first.number,
            f,
            "无法得出村代码：请填“村代码”列，或使户编号以12位村代码开头".into(),
        ));
    }
    let (mut village, errors) = nameless(errors);
    village.code = code.unwrap_or_default();
    village.name = name.unwrap_or_default();
    village.township = township;
    village.county = county;
    (village, errors)
}

/// Why a 户编号 that does not start with the village code taken from the first row's
/// (`first`) is refused.
fn other_village(household: &str, code: &str, first: u32) -> String {
    let prefix: String = household.chars().take(12).collect();
    let named = if prefix.len() == 12 && prefix.bytes().all(|b| b.is_ascii_digit()) {
        format!("户编号“{household}”的前12位“{prefix}”是另一个村的代码")
    } else {
        format!("户编号“{household}”不以村代码开头")
    };
    format!(
        "{named}，与同村的村代码“{code}”（取自第{first}行的户编号）不同：户编号应以12位村代码开头"
    )
}

/// The whole document: `village` (from `village()`) over what the ledger holds, with
/// every cell that could not be read (the document holds the rest). `on` is the date the
/// sheet's facts hold on (the income columns are of its year, `income.rs`).
pub(super) fn document(
    sheet: &Sheet,
    named: Village,
    base: Base,
    on: NaiveDate,
) -> (VillageDocument, Placed, Vec<Finding>) {
    let Base {
        village: stored,
        cadres,
        mut households,
    } = base;
    let village = match stored {
        Some(s) => Village {
            name: named.name,
            township: if sheet.has(Field::Township) {
                named.township
            } else {
                s.township.clone()
            },
            county: if sheet.has(Field::County) {
                named.county
            } else {
                s.county.clone()
            },
            ..s
        },
        None => named,
    };
    let mut errors = Vec::new();
    let mut order: Vec<&str> = Vec::new();
    let mut groups: HashMap<&str, Vec<&Row>> = HashMap::new();
    for row in &sheet.rows {
        match row.text(Field::HouseholdCode) {
            Ok(Some(code)) => {
                if !groups.contains_key(code) {
                    order.push(code);
                }
                groups.entry(code).or_default().push(row);
            }
            Ok(None) => errors.push(at(row.number, Field::HouseholdCode, "户编号为空".into())),
            Err(e) => errors.push(at(row.number, Field::HouseholdCode, e)),
        }
    }
    let mut placed = Placed::default();
    let mut out = Vec::new();
    for code in order {
        let rows = &groups[code];
        let base = households.remove(code).unwrap_or_else(|| Household {
            id: derived_id(&["xlsx", &village.code, code]),
            code: code.to_string(),
            ..Household::default()
        });
        let context = Where {
            home: Home::of(&village),
            on,
        };
        let (h, member_rows) = household(sheet, rows, base, &context, &mut errors);
        placed.household_rows.push(rows[0].number);
        placed.member_rows.push(member_rows);
        out.push(h);
    }
    let doc = VillageDocument {
        format: FORMAT_V1.to_string(),
        village,
        cadres,
        households: out,
    };
    (doc, placed, errors)
}

/// Where and when the sheet's rows are: the village's place (for 务工所在地) and the
/// sheet's date.
struct Where<'a> {
    home: Home<'a>,
    on: NaiveDate,
}

/// The monitoring columns of a household, read before they are put together.
#[derive(Default)]
struct MonitoringCells {
    kind: Option<MonitoringKind>,
    risks: Vec<Risk>,
    done: Option<bool>,
    identified: Option<NaiveDate>,
    eliminated: Option<NaiveDate>,
    mode: Option<EliminationMode>,
    disaster: Option<String>,
    type_text: Option<String>,
}

/// One household from its rows; returns the sheet row of each member.
fn household(
    sheet: &Sheet,
    rows: &[&Row],
    mut h: Household,
    context: &Where<'_>,
    errors: &mut Vec<Finding>,
) -> (Household, Vec<Option<u32>>) {
    let first = rows[0];
    let household_fields = || {
        COLUMNS
            .iter()
            .filter(|c| c.level == Level::Household && sheet.has(c.field))
            .map(|c| c.field)
    };
    for row in &rows[1..] {
        for f in household_fields() {
            if let (Ok(a), Ok(Some(b))) = (first.text(f), row.text(f)) {
                match agree::agreement(f, a, b) {
                    Agreement::Same => {}
                    Agreement::Differs => errors.push(at(
                        row.number,
                        f,
                        format!(
                            "“{b}”与第{}行同户的值“{}”不一致",
                            first.number,
                            a.unwrap_or("")
                        ),
                    )),
                    Agreement::Unreadable(why) => errors.push(at(row.number, f, why)),
                }
            }
        }
    }
    let mut cells = MonitoringCells::default();
    let mut income_cells = [IncomeCells::default(), IncomeCells::default()];
    for f in household_fields() {
        let result = first
            .text(f)
            .and_then(|t| household_field(&mut h, &mut cells, &mut income_cells, f, t));
        if let Err(e) = result {
            errors.push(at(first.number, f, e));
        }
    }
    monitoring(sheet, first.number, &mut h, cells, errors);
    income::apply_both(&mut h, &income_cells, context.on);
    household_tekun(sheet, rows, &mut h, &income_cells, context.on);
    measures::lay(&mut h, first, context.on);

    // Listed members update the stored ones in place (the ledger's order stays); members
    // the sheet does not list stay as they are (a member is never deleted); new ones follow.
    let mut member_rows: Vec<Option<u32>> = vec![None; h.members.len()];
    let mut matched = vec![false; h.members.len()];
    for (j, row) in rows.iter().enumerate() {
        let person = row.text(Field::PersonCode).ok().flatten();
        let name = row.text(Field::Name).ok().flatten();
        let id_number = id_number(row.text(Field::IdNumber).ok().flatten());
        if person.is_none() && name.is_none() {
            let member_cells = COLUMNS
                .iter()
                .filter(|c| c.level == Level::Member)
                .any(|c| !matches!(row.text(c.field), Ok(None)));
            if member_cells {
                errors.push(at(row.number, Field::Name, "姓名为空".into()));
            }
            continue; // a row of the household alone (no member listed)
        }
        let found = h.members.iter().zip(&matched).position(|(m, done)| {
            !done
                && (person.is_some_and(|p| m.id == p)
                    || (id_number.is_some() && m.id_number.as_deref() == id_number.as_deref())
                    || (person.is_none() && id_number.is_none() && name == Some(m.name.as_str())))
        });
        if let Some(i) = found {
            matched[i] = true;
            member_rows[i] = Some(row.number);
            member(sheet, row, &mut h.members[i], true, &context.home, errors);
            continue;
        }
        let mut m = Member {
            id: person.map(str::to_string).unwrap_or_else(|| {
                let key = id_number
                    .clone()
                    .unwrap_or_else(|| format!("{}#{j}", name.unwrap_or_default()));
                derived_id(&["xlsx", &h.id, &key])
            }),
            ..Member::default()
        };
        member(sheet, row, &mut m, false, &context.home, errors);
        member_rows.push(Some(row.number));
        matched.push(true);
        h.members.push(m);
    }
    (h, member_rows)
}

/// The monitoring system's marker for a person without an ID number (4_01_003: the
/// 证件号码 empty or starting with 999999).
const NO_ID_NUMBER: &str = "999999";

/// A 证件号码 cell as the member's ID number (upper case): none when empty or when it
/// is the monitoring system's marker for no ID number.
fn id_number(t: Option<&str>) -> Option<String> {
    t.filter(|t| !t.starts_with(NO_ID_NUMBER))
        .map(str::to_uppercase)
}

/// A 20- or 22-character 证件号码 whose first 18 characters are a valid ID is a 残疾人证号
/// (the ID followed by 类别 and 等级): kept whole, with its kind, when the sheet has no
/// 证件类型 column to say so. A disabled member's 残疾等级 not recorded is the one the
/// certificate gives (its 20th character; the sheet has no column for it).
fn disability_certificate(m: &mut Member) {
    let is_certificate = m.id_number.as_deref().is_some_and(|n| {
        n.is_ascii()
            && matches!(n.len(), 20 | 22)
            && crate::idcard::IdNumber::parse(&n[..18]).is_ok()
    });
    if is_certificate && m.document.is_none() {
        m.document = Some(DocumentKind::DisabilityCertificate);
    }
    if m.disability_grade.is_none() && m.health == Some(crate::codes::Health::Disabled) {
        m.disability_grade = m.certificate_grade();
    }
}

fn household_field(
    h: &mut Household,
    cells: &mut MonitoringCells,
    income: &mut [IncomeCells; 2],
    f: Field,
    t: Option<&str>,
) -> Result<(), String> {
    let c = &mut h.conditions;
    let yes_no = |t: Option<&str>| t.map(v::yes_no).transpose();
    let number = |t: Option<&str>| t.map(v::number).transpose();
    let amount = |t: Option<&str>| t.map(v::amount).transpose();
    match f {
        Field::HouseholdType => cells.type_text = t.map(str::to_string),
        Field::MainCause => h.main_cause = t.map(parse).transpose()?,
        Field::Phone => h.phone = t.map(str::to_string),
        Field::MonitoringKind => cells.kind = t.map(parse).transpose()?,
        // The same risk in two of the five columns is one risk (where it first appears).
        Field::Risk(_) => {
            if let Some(risk) = t.map(parse::<Risk>).transpose()? {
                if !cells.risks.contains(&risk) {
                    cells.risks.push(risk);
                }
            }
        }
        Field::RiskEliminated => cells.done = yes_no(t)?,
        Field::Identified => cells.identified = t.map(v::month).transpose()?,
        Field::EliminatedOn => cells.eliminated = t.map(v::month).transpose()?,
        Field::EliminationMode => cells.mode = t.map(parse).transpose()?,
        Field::DisasterKind => cells.disaster = t.map(str::to_string),
        Field::NoLaborGuarantee => h.no_labor_guarantee = yes_no(t)?,
        Field::DrinkingWater => c.drinking_water_safe = yes_no(t)?,
        Field::Electricity => c.electricity = yes_no(t)?,
        Field::Toilet => c.sanitary_toilet = yes_no(t)?,
        Field::RoadDistance => c.road_distance_km = number(t)?,
        Field::HouseArea => c.house_area_m2 = number(t)?,
        Field::Farmland => c.farmland_mu = number(t)?,
        Field::Forest => c.forest_mu = number(t)?,
        Field::Grassland => c.grassland_mu = number(t)?,
        Field::WaterSurface => c.water_surface_mu = number(t)?,
        Field::DangerousHouse => {
            c.house_grade = t.map(|t| v::house_grade(t, c.house_grade)).transpose()?
        }
        Field::HardenedRoad => c.road_type = t.map(|t| v::road_type(t, c.road_type)).transpose()?,
        Field::Income(s, _) | Field::ProductionCost(s) | Field::OutOfPocket(s) => {
            income[s as usize].set(f, amount(t)?)
        }
        Field::Claims => income[Snapshot::Eliminated as usize].set(f, amount(t)?),
        // Worked out by the rules engine from the book: written, never read.
        Field::NetIncome(_)
        | Field::PerCapitaIncome(_)
        | Field::AfterElimination(_)
        | Field::Indicator(_) => {}
        // The code is the household's key; village and member columns and the 帮扶措施 are
        // read elsewhere.
        _ => {}
    }
    Ok(())
}

/// The members' 特困人员救助供养金 summed into the household's book (`tekun::apply`); a
/// cell that cannot be read is reported with the member's columns (`member`).
fn household_tekun(
    sheet: &Sheet,
    rows: &[&Row],
    h: &mut Household,
    cells: &[IncomeCells; 2],
    on: NaiveDate,
) {
    if !sheet.has(Field::TekunAllowance) {
        return;
    }
    let amounts: Vec<f64> = rows
        .iter()
        .filter_map(|r| r.text(Field::TekunAllowance).ok().flatten())
        .filter_map(|t| v::amount(t).ok())
        .collect();
    if amounts.is_empty() {
        return;
    }
    let shares = amounts.iter().filter(|a| **a != 0.0).count();
    tekun::apply(h, amounts.iter().sum(), shares, cells, on);
}

/// Puts the monitoring columns together (and the status they imply with 户类型).
fn monitoring(
    sheet: &Sheet,
    row: u32,
    h: &mut Household,
    cells: MonitoringCells,
    errors: &mut Vec<Finding>,
) {
    if sheet.has(Field::MonitoringKind) {
        h.monitoring = match cells.kind {
            None => {
                let filled = [
                    (Field::Risk(0), !cells.risks.is_empty()),
                    (Field::RiskEliminated, cells.done == Some(true)),
                    (Field::Identified, cells.identified.is_some()),
                    (Field::EliminatedOn, cells.eliminated.is_some()),
                ];
                if let Some((f, _)) = filled.iter().find(|(_, on)| *on) {
                    errors.push(at(row, *f, "填了监测信息，但“监测对象类别”为空".into()));
                }
                None
            }
            Some(kind) => {
                let old = h.monitoring.take();
                let keep_day =
                    |read: Option<NaiveDate>, stored: Option<NaiveDate>| match (read, stored) {
                        (Some(r), Some(s)) if v::same_month(r, s) => Some(s),
                        (r, _) => r,
                    };
                if cells.identified.is_none() {
                    errors.push(at(
                        row,
                        Field::Identified,
                        "监测对象应填识别监测时间".into(),
                    ));
                }
                match (cells.done, cells.eliminated) {
                    (Some(true), None) => errors.push(at(
                        row,
                        Field::EliminatedOn,
                        "风险已消除，应填消除监测时间".into(),
                    )),
                    (Some(false), Some(_)) => errors.push(at(
                        row,
                        Field::RiskEliminated,
                        "风险未消除，却填了消除监测时间".into(),
                    )),
                    _ => {}
                }
                let identified = keep_day(cells.identified, old.as_ref().map(|m| m.identified));
                identified.map(|identified| Monitoring {
                    id: old.as_ref().and_then(|m| m.id.clone()),
                    kind,
                    identified,
                    channel: old.as_ref().and_then(|m| m.channel),
                    risks: if sheet.has(Field::Risk(0)) {
                        cells.risks
                    } else {
                        old.as_ref().map(|m| m.risks.clone()).unwrap_or_default()
                    },
                    eliminated: keep_day(cells.eliminated, old.as_ref().and_then(|m| m.eliminated)),
                    elimination_mode: if sheet.has(Field::EliminationMode) {
                        cells.mode
                    } else {
                        old.as_ref().and_then(|m| m.elimination_mode)
                    },
                    disaster: if sheet.has(Field::DisasterKind) {
                        cells.disaster
                    } else {
                        old.as_ref().and_then(|m| m.disaster.clone())
                    },
                    risk_note: old.as_ref().and_then(|m| m.risk_note.clone()),
                    procedure: old
                        .as_ref()
                        .map(|m| m.procedure.clone())
                        .unwrap_or_default(),
                })
            }
        };
    }
    let derived = h.monitoring.as_ref().map(|m| {
        if m.eliminated.is_some() {
            Status::RiskEliminated
        } else {
            Status::Monitored
        }
    });
    if !sheet.has(Field::HouseholdType) {
        if sheet.has(Field::MonitoringKind) && derived.is_some() {
            h.status = derived;
        }
        return;
    }
    if let (Some(t), None) = (cells.type_text.as_deref(), derived) {
        // A 监测户 is a household with a 监测对象类别 (monitoring-export.md): without one the
        // row says it is monitored and not what for.
        let monitored = matches!(
            Status::from_label(t),
            Some(Status::Monitored | Status::RiskEliminated)
        );
        if t.contains("监测") || monitored {
            let kinds: Vec<&str> = MonitoringKind::ALL.iter().map(|k| k.label()).collect();
            errors.push(at(
                row,
                Field::HouseholdType,
                format!(
                    "户类型为“{t}”，但“监测对象类别”为空：请填写{}之一",
                    kinds.join("、")
                ),
            ));
        }
    }
    h.status = match cells.type_text.as_deref() {
        None => derived,
        Some("脱贫户") => derived.or(Some(Status::Exited)),
        Some("一般农户") => derived.or(Some(Status::Ordinary)),
        // Any other value is "not a 脱贫户" (monitoring-export.md): an ordinary household,
        // unless it is one of our own status labels.
        Some(t) => Status::from_label(t).or(derived).or(Some(Status::Ordinary)),
    };
    if cells.type_text.as_deref() == Some("脱贫户") {
        exited_before_monitoring(h);
    }
}

/// A 脱贫户 monitored for another risk than an unstable exit (a 突发严重困难户, say) whose
/// registration the ledger knows nothing of (no year, no status history): the sheet still
/// says it was registered poor and had left poverty. Its status is dated so: 已脱贫 as first
/// recorded, 监测户 from the month identified (风险已消除 from the month eliminated), and the
/// household stays a 脱贫户 in the next export.
fn exited_before_monitoring(h: &mut Household) {
    let Some(m) = &h.monitoring else { return };
    let unknown = h.identified_year.is_none()
        && h.exit_year.is_none()
        && !h.history.iter().any(|p| p.field == "status");
    if !unknown || m.kind == MonitoringKind::UnstableExited {
        return;
    }
    let mut steps = vec![
        (None, Status::Exited),
        (Some(m.identified), Status::Monitored),
    ];
    if let Some(on) = m.eliminated {
        steps.push((Some(on), Status::RiskEliminated));
    }
    if steps.last().map(|(_, s)| *s) != h.status {
        return;
    }
    for (i, (from, status)) in steps.into_iter().enumerate() {
        h.history.push(FactPeriod {
            field: "status".into(),
            from,
            value: status.code().into(),
            kind: if i == 0 {
                FactKind::Recorded
            } else {
                FactKind::Change
            },
            reason: Some("监测系统表的户类型为脱贫户".into()),
            doc: None,
            recorded_at: None,
            operator: None,
        });
    }
}

/// One member's cells (the columns the sheet has) onto the member; `known`: the ledger's
/// own member (not one the sheet adds).
fn member(
    sheet: &Sheet,
    row: &Row,
    m: &mut Member,
    known: bool,
    home: &Home<'_>,
    errors: &mut Vec<Finding>,
) {
    let mut preschool_child = false;
    let mut location = None;
    for c in COLUMNS
        .iter()
        .filter(|c| c.level == Level::Member && sheet.has(c.field))
    {
        let result = row.text(c.field).and_then(|t| {
            let yes_no = |t: Option<&str>| t.map(v::yes_no).transpose();
            match c.field {
                Field::Name => m.name = t.unwrap_or_default().to_string(),
                Field::IdNumber => m.id_number = id_number(t),
                Field::Document => m.document = t.map(parse).transpose()?,
                Field::MemberPhone => m.phone = t.map(str::to_string),
                Field::Sex => m.sex = t.map(parse).transpose()?,
                Field::Ethnicity => m.ethnicity = t.map(str::to_string),
                Field::Relation => {
                    let read = t.map(v::with_finer::<RelationDetail>).transpose()?;
                    (m.relation, m.relation_detail) =
                        read.map_or((None, None), |(r, d)| (Some(r), d));
                }
                // A student's blank 文化程度 (as the system and we write it) leaves the
                // ledger's alone.
                Field::Education if t.is_none() && known && student(row) => {}
                Field::Education => {
                    let read = t.map(v::with_finer::<EducationDetail>).transpose()?;
                    (m.education, m.education_detail) =
                        read.map_or((None, None), |(e, d)| (Some(e), d));
                }
                // Empty is 非在校生; 学龄前儿童 is not yet in school (文化程度 says so).
                Field::Schooling => {
                    preschool_child = t == Some("学龄前儿童");
                    (m.schooling, m.schooling_detail) = match t {
                        // Blank is also how we write a member the ledger knows nothing
                        // of: that stays unknown.
                        None if known && m.schooling.is_none() => (None, None),
                        None | Some("学龄前儿童") => (Some(Schooling::NotStudent), None),
                        Some(t) => v::with_finer::<SchoolingDetail>(t)
                            .map(|(s, d)| (Some(s), d))
                            .map_err(|e| {
                                format!("{e}；学龄前儿童填“学龄前儿童”，空白表示非在校生")
                            })?,
                    };
                }
                Field::Health => m.health = t.map(parse).transpose()?,
                Field::Labor => m.labor = t.map(parse).transpose()?,
                Field::WorkPlace => work(m).place = t.map(parse).transpose()?,
                Field::WorkMonths => work(m).months = t.map(v::months).transpose()?,
                Field::WorkLocation => location = t.map(str::to_string),
                Field::MedicalInsurance => m.medical_insurance = yes_no(t)?,
                Field::SeriousIllnessInsurance => m.serious_illness_insurance = yes_no(t)?,
                Field::PensionInsurance => m.pension_insurance = yes_no(t)?,
                Field::EmployeeMedicalInsurance => m.employee_medical_insurance = yes_no(t)?,
                Field::EmployeePensionInsurance => m.employee_pension_insurance = yes_no(t)?,
                Field::MedicalAssistance => m.medical_assistance = yes_no(t)?,
                Field::OutOfSchoolReason => {
                    let reason = t.map(parse).transpose()?;
                    // A new 因病/因残 marks a child the ledger has not judged as exempt
                    // (monitoring-export.md: the column is the exemption's flag); a reason
                    // the ledger has, or its own 免学 either way, stay as they are.
                    let exempting = matches!(
                        reason,
                        Some(OutOfSchoolReason::Illness | OutOfSchoolReason::Disability)
                    );
                    if exempting && reason != m.out_of_school_reason && m.schooling_exempt.is_none()
                    {
                        m.schooling_exempt = Some(true);
                    }
                    m.out_of_school_reason = reason;
                }
                Field::Dibao => {
                    let read = t.map(v::dibao).transpose()?;
                    (m.dibao, m.dibao_area) = read.map_or((None, None), |(d, a)| (Some(d), a));
                }
                Field::Tekun => {
                    let stored = m.tekun;
                    let read = t.map(|t| v::tekun(t, stored)).transpose()?;
                    (m.tekun, m.tekun_area) = read.map_or((None, None), |(t, a)| (Some(t), a));
                }
                // Summed over the household into its book (`household_tekun`).
                Field::TekunAllowance => {
                    t.map(v::amount).transpose()?;
                }
                // 人编号 is the member's key (see `household`).
                _ => {}
            }
            Ok(())
        });
        if let Err(e) = result {
            errors.push(at(row.number, c.field, e));
        }
    }
    // 务工所在地 in words gives the 务工状况 category in a sheet without that column (the
    // monitoring system's; ours carries both, and its 务工状况 is the one read). A place
    // that cannot be placed keeps the category recorded, else 其他.
    if let (Some(text), false) = (location, sheet.has(Field::WorkPlace)) {
        let stored = m.work.as_ref().and_then(|w| w.place);
        work(m).place = place::work_place(&text, home)
            .or(stored)
            .or(Some(crate::codes::WorkPlace::Other));
    }
    disability_certificate(m);
    if preschool_child && m.education.is_none() {
        m.education = Some(Education::PreschoolChild);
    }
    if m.work
        .as_ref()
        .is_some_and(|w| w.place.is_none() && w.months.is_none())
    {
        m.work = None;
    }
}

/// Whether a row's 在校生状况 names a school stage (not blank, not 学龄前儿童).
fn student(row: &Row) -> bool {
    matches!(row.text(Field::Schooling), Ok(Some(t)) if t != "学龄前儿童")
}

fn work(m: &mut Member) -> &mut Work {
    m.work.get_or_insert(Work {
        place: None,
        months: None,
    })
}
