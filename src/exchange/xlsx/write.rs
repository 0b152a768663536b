//! Village documents → the monitoring system's person-level layout: a title on row 1,
//! the village (or the township's area) and the date on row 2, the header on row 3, then
//! one row per registered
//! person with the household's columns repeated (a household without members gets one
//! row of its own). Codes and dates are text cells, so Excel keeps every digit; areas and
//! distances are numbers. The workbook's metadata carries the date, not the clock.

use super::columns::{Field, Guarantee, Snapshot, Unkept, COLUMNS, HEADER_ROW};
use super::income::{self, HouseholdFigures, IncomeRow};
use super::measures;
use super::sheet::DATED;
use super::values::{self as v, spell};
use crate::codes::{Education, MonitoringKind, Schooling, Status};
use crate::model::{Household, Member, Month, Village, VillageDocument};
use crate::{Error, Result};
use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};
use std::collections::HashMap;

/// The title on row 1 (also how `is_ours` recognises our workbooks).
pub(super) const TITLE: &str = "监测对象信息（一本通导出）";

enum Cell {
    Text(String),
    Number(f64),
    Empty,
}

fn text(t: Option<impl Into<String>>) -> Cell {
    t.map_or(Cell::Empty, |t| Cell::Text(t.into()))
}

fn number(n: Option<f64>) -> Cell {
    n.map_or(Cell::Empty, Cell::Number)
}

fn xlsx_error(e: XlsxError) -> Error {
    Error::Document(format!("生成Excel工作簿失败：{e}"))
}

/// Writes `docs` (one village, or a township's several; members registered on `on`) as
/// an .xlsx workbook; `engine` holds each household's figures of its two snapshots
/// (`Snapshot` order), by household id.
pub(super) fn workbook(
    docs: &[&VillageDocument],
    on: NaiveDate,
    engine: &HashMap<&str, HouseholdFigures>,
) -> Result<Vec<u8>> {
    let Some(first) = docs.first() else {
        return Err(Error::Invalid("没有要导出的行政村".into()));
    };
    let mut book = Workbook::new();
    let created = ExcelDateTime::from_ymd(on.year() as u16, on.month() as u8, on.day() as u8)
        .map_err(xlsx_error)?;
    book.set_properties(
        &DocProperties::new()
            .set_title(TITLE)
            .set_author("一本通")
            .set_creation_datetime(&created),
    );
    let sheet = book.add_worksheet();
    sheet.set_name("监测对象信息").map_err(xlsx_error)?;
    let bold = Format::new().set_bold();
    let as_text = Format::new().set_num_format("@");
    let last = (COLUMNS.len() - 1) as u16;
    let v = &first.village;
    let area: String = [&v.county, &v.township]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect();
    let named = match docs {
        [_] => format!("{area}{}（村代码{}）", v.name, v.code),
        _ => format!("{area}（{}个行政村）", docs.len()),
    };
    sheet
        .merge_range(0, 0, 0, last, TITLE, &bold)
        .map_err(xlsx_error)?;
    sheet
        .merge_range(
            1,
            0,
            1,
            last,
            &format!("{named}  {DATED}{on}"),
            &Format::new(),
        )
        .map_err(xlsx_error)?;
    let header = HEADER_ROW - 1;
    for (i, c) in COLUMNS.iter().enumerate() {
        let col = i as u16;
        sheet
            .write_string_with_format(header, col, c.header, &bold)
            .map_err(xlsx_error)?;
        let width = (c.header.chars().count() as f64 * 2.2).clamp(8.0, 24.0);
        sheet.set_column_width(col, width).map_err(xlsx_error)?;
    }
    sheet.set_freeze_panes(HEADER_ROW, 0).map_err(xlsx_error)?;
    let mut row = HEADER_ROW;
    let money = Format::new().set_num_format("0.00");
    for (village, h) in docs
        .iter()
        .flat_map(|d| d.households.iter().map(move |h| (&d.village, h)))
    {
        let HouseholdFigures {
            snapshots: figures,
            now,
        } = engine.get(h.id.as_str()).copied().unwrap_or_default();
        let income = [Snapshot::Identified, Snapshot::Eliminated]
            .map(|s| IncomeRow::of(h, income::taken(h, s, on), figures[s as usize]));
        let members = h.members_on(on);
        let people: Vec<Option<&Member>> = if members.is_empty() {
            vec![None]
        } else {
            members.into_iter().map(Some).collect()
        };
        for m in people {
            for (i, c) in COLUMNS.iter().enumerate() {
                let col = i as u16;
                let at = Place {
                    village,
                    h,
                    income: &income,
                    now,
                    on,
                };
                match cell(c.field, &at, m) {
                    Cell::Text(t) => sheet.write_string_with_format(row, col, t, &as_text),
                    Cell::Number(n) if income_column(c.field) => {
                        sheet.write_number_with_format(row, col, n, &money)
                    }
                    Cell::Number(n) => sheet.write_number(row, col, n),
                    Cell::Empty => Ok(&mut *sheet),
                }
                .map_err(xlsx_error)?;
            }
            row += 1;
        }
    }
    super::work_sheet::write(&mut book, docs, on)?;
    book.save_to_buffer().map_err(xlsx_error)
}

/// The 户类型 written: the monitoring system's 脱贫户 / 一般农户 where the importer gives
/// the same status back (with the monitoring columns), else the status's own label.
pub(super) fn household_type(h: &Household) -> Option<String> {
    let status = h.status?;
    let derived = h.monitoring.as_ref().map(|m| {
        let s = if m.eliminated.is_some() {
            Status::RiskEliminated
        } else {
            Status::Monitored
        };
        (s, m.kind)
    });
    // A household once registered poor (建档立卡) is a 脱贫户 whatever its monitoring kind.
    let was_poor = h.identified_year.is_some()
        || h.exit_year.is_some()
        || h.history.iter().any(|p| {
            p.field == "status"
                && [Status::Poor, Status::Exited]
                    .iter()
                    .any(|s| p.value.as_str() == Some(s.code()))
        });
    let national = match (status, derived) {
        (s, Some((d, kind))) if s == d => {
            Some(if kind == MonitoringKind::UnstableExited || was_poor {
                "脱贫户"
            } else {
                "一般农户"
            })
        }
        (Status::Exited, None) => Some("脱贫户"),
        (Status::Ordinary, _) => Some("一般农户"),
        _ => None,
    };
    Some(national.unwrap_or(status.label()).to_string())
}

/// The columns of money (shown to the fen).
fn income_column(f: Field) -> bool {
    matches!(
        f,
        Field::Income(..)
            | Field::ProductionCost(_)
            | Field::NetIncome(_)
            | Field::PerCapitaIncome(_)
            | Field::OutOfPocket(_)
            | Field::Claims
    )
}

/// What a row is written from: the village, the household, its income columns, the date.
struct Place<'a> {
    village: &'a Village,
    h: &'a Household,
    /// The two snapshots' rows, in `Snapshot` order.
    income: &'a [IncomeRow; 2],
    /// Whether compulsory education and basic medical insurance are met on the date.
    now: [Option<bool>; 2],
    on: NaiveDate,
}

fn cell(f: Field, at: &Place<'_>, m: Option<&Member>) -> Cell {
    let (village, h) = (at.village, at.h);
    let c = &h.conditions;
    let mon = h.monitoring.as_ref();
    let yes_no = |b: Option<bool>| text(b.map(v::yes_no_text));
    match f {
        Field::County => text(village.county.clone()),
        Field::Township => text(village.township.clone()),
        Field::Village => Cell::Text(village.name.clone()),
        Field::VillageCode => Cell::Text(village.code.clone()),
        Field::HouseholdCode => Cell::Text(h.code.clone()),
        Field::HouseholdType => text(household_type(h)),
        Field::MainCause => text(h.main_cause.map(spell)),
        Field::Phone => text(h.phone.clone()),
        Field::MonitoringKind => text(mon.map(|m| m.kind.label())),
        Field::Risk(i) => text(mon.and_then(|m| m.risks.get(i)).map(|r| spell(*r))),
        Field::RiskEliminated => yes_no(mon.map(|m| m.eliminated.is_some())),
        Field::Identified => text(mon.map(|m| v::month_text(m.identified))),
        Field::EliminatedOn => text(mon.and_then(|m| m.eliminated).map(v::month_text)),
        Field::EliminationMode => text(mon.and_then(|m| m.elimination_mode).map(spell)),
        Field::DisasterKind => text(mon.and_then(|m| m.disaster.clone())),
        Field::NoLaborGuarantee => yes_no(h.no_labor_guarantee),
        Field::DrinkingWater => yes_no(c.drinking_water_safe),
        Field::Electricity => yes_no(c.electricity),
        Field::Toilet => yes_no(c.sanitary_toilet),
        Field::RoadDistance => number(c.road_distance_km),
        Field::HouseArea => number(c.house_area_m2),
        Field::Farmland => number(c.farmland_mu),
        Field::Forest => number(c.forest_mu),
        Field::Grassland => number(c.grassland_mu),
        Field::WaterSurface => number(c.water_surface_mu),
        Field::DangerousHouse => text(c.house_grade.map(v::house_grade_text)),
        Field::HardenedRoad => text(c.road_type.map(v::road_type_text)),
        Field::Income(s, _)
        | Field::ProductionCost(s)
        | Field::NetIncome(s)
        | Field::PerCapitaIncome(s)
        | Field::OutOfPocket(s) => number(at.income[s as usize].amount(f)),
        Field::Claims => number(at.income[Snapshot::Eliminated as usize].amount(f)),
        Field::AfterElimination(g) => yes_no(at.income[Snapshot::Eliminated as usize].problem(g)),
        // 是 where the guarantee is not met (an out-of-school child, an uninsured member).
        Field::Indicator(Guarantee::Schooling) => yes_no(at.now[0].map(|met| !met)),
        Field::Indicator(Guarantee::Medical) => yes_no(at.now[1].map(|met| !met)),
        Field::Indicator(_) => Cell::Empty,
        Field::Assistance(kind) => text(measures::assistance(h, kind, at.on)),
        Field::Developmental => text(measures::developmental(h, at.on)),
        Field::Unkept(Unkept::ReturnedFarmland | Unkept::Orchard) => Cell::Number(0.0),
        Field::Unkept(_) => Cell::Empty,
        Field::TekunAllowance => match m {
            Some(m) => number(Some(tekun_allowance(h, m, at.on))),
            None => Cell::Empty,
        },
        _ => match m {
            Some(m) => member_cell(f, m, at.on),
            None => Cell::Empty,
        },
    }
}

/// 特困人员救助供养金 of a member: the income year's 特困供养金 lines shared by the members
/// under 特困供养 then, in whole yuan (the checks read an integer, 5_16_006); 0 for others.
fn tekun_allowance(h: &Household, m: &Member, on: NaiveDate) -> f64 {
    let under = |x: &Member| x.tekun.is_some_and(|t| t != crate::codes::Tekun::No);
    if !under(m) {
        return 0.0;
    }
    let Some(taken) = income::taken(h, Snapshot::Identified, on) else {
        return 0.0;
    };
    let paid = super::tekun::paid(h, taken);
    let sharing = h.members_on(on).into_iter().filter(|x| under(x)).count();
    (paid / sharing.max(1) as f64).round()
}

/// 出生日期 from an ID number: digits 7–14 when they are a date (an ID with a wrong check
/// digit still says the birth date the county's checks compute ages from).
fn birth_date(id: &str) -> Option<String> {
    let digits = id.get(6..14)?;
    chrono::NaiveDate::parse_from_str(digits, "%Y%m%d")
        .ok()
        .map(|d| d.format("%Y%m%d").to_string())
}

/// A child whose 文化程度 is 学龄前儿童 and who is at no school.
fn preschool_child(m: &Member) -> bool {
    m.education == Some(Education::PreschoolChild)
        && m.schooling.is_none_or(|s| s == Schooling::NotStudent)
}

fn member_cell(f: Field, m: &Member, on: NaiveDate) -> Cell {
    let yes_no = |b: Option<bool>| text(b.map(v::yes_no_text));
    let work = m.work.as_ref();
    match f {
        Field::PersonCode => Cell::Text(m.id.clone()),
        Field::Name => Cell::Text(m.name.clone()),
        Field::IdNumber => text(m.id_number.clone()),
        Field::Document => text(m.document.map(spell)),
        Field::BirthDate => text(m.id_number.as_deref().and_then(birth_date)),
        Field::WelfarePosts => text(measures::welfare_posts(m, on).map(|(posts, _)| posts)),
        Field::WelfareMonths => number(measures::welfare_posts(m, on).map(|(_, n)| f64::from(n))),
        Field::MemberPhone => text(m.phone.clone()),
        Field::Sex => text(m.sex.map(|s| s.label())),
        Field::Ethnicity => text(m.ethnicity.clone()),
        Field::Relation => text(m.relation.map(|r| v::finer_text(r, m.relation_detail))),
        // A child not yet at school is 学龄前儿童 under 在校生状况, as the monitoring system
        // writes it (5_12_013), and 文化程度 stays empty (3_12_004: not both).
        Field::Education if preschool_child(m) => Cell::Empty,
        // A student's stage is 在校生状况; 文化程度 is for those out of school (3_12_004).
        Field::Education if m.schooling.is_some_and(|s| s != Schooling::NotStudent) => Cell::Empty,
        Field::Education => text(m.education.map(|e| v::finer_text(e, m.education_detail))),
        Field::Schooling if preschool_child(m) => Cell::Text("学龄前儿童".into()),
        // Empty is 非在校生 in the monitoring system's sheets.
        Field::Schooling => text(
            m.schooling
                .filter(|s| *s != Schooling::NotStudent)
                .map(|s| v::finer_text(s, m.schooling_detail)),
        ),
        Field::Health => text(m.health.map(spell)),
        Field::Labor => text(m.labor.map(spell)),
        Field::WorkPlace => text(work.and_then(|w| w.place).map(spell)),
        Field::WorkMonths => number(work.and_then(|w| w.months).map(f64::from)),
        // The county of the latest spell of work in the year by the date (已外出务工).
        Field::WorkLocation => text(
            m.work_spells
                .iter()
                .filter(|s| s.in_year(on.year()) && s.from <= Month::of(on))
                .max_by_key(|s| s.from)
                .and_then(|s| s.county.clone()),
        ),
        Field::MedicalInsurance => yes_no(m.medical_insurance),
        Field::SeriousIllnessInsurance => yes_no(m.serious_illness_insurance),
        Field::PensionInsurance => yes_no(m.pension_insurance),
        Field::EmployeeMedicalInsurance => yes_no(m.employee_medical_insurance),
        Field::EmployeePensionInsurance => yes_no(m.employee_pension_insurance),
        Field::MedicalAssistance => yes_no(m.medical_assistance),
        Field::OutOfSchoolReason => text(m.out_of_school_reason.map(spell)),
        Field::Dibao => text(m.dibao.map(|d| v::dibao_text(d, m.dibao_area))),
        Field::Tekun => text(m.tekun.map(|t| v::tekun_text(t, m.tekun_area))),
        _ => Cell::Empty,
    }
}
