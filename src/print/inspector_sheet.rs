//! The inspector's list (检查清单) as a workbook, from the same village assessment as
//! `assess --village`: sheet 检查清单 lists every household whose recorded status
//! disagrees with the engine's verdict (with the reason), sheet 汇总 the incidence, the
//! village-exit verdict and the counts by status and by verdict, sheet 各户判定 each
//! household's main outcomes.

use super::workbook::{self as wb, xlsx_error, Formats, HEADER};
use crate::codes::Status;
use crate::model::{Household, Village};
use crate::rules::{Outcome, Rule, VillageAssessment};
use crate::Result;
use rust_xlsxwriter::Worksheet;

const LIST: &[(&str, f64)] = &[
    ("序号", 6.0),
    ("户编号", 20.0),
    ("户主", 10.0),
    ("登记户状态", 12.0),
    ("核查规则", 14.0),
    ("判定结果", 10.0),
    ("监测对象类别", 16.0),
    ("说明", 80.0),
];

const SUMMARY: &[(&str, f64)] = &[
    ("项目", 24.0),
    ("是", 10.0),
    ("否", 10.0),
    ("无法判断", 10.0),
];

/// The household rules shown per household (as in the text report).
const SHOWN: &[Rule] = &[
    Rule::Identification,
    Rule::HouseholdExit,
    Rule::Dibao,
    Rule::Tekun,
    Rule::Monitoring,
    Rule::RiskElimination,
];

fn outcome_text(o: Outcome) -> &'static str {
    o.label()
}

fn status_text(code: &str) -> &'static str {
    Status::from_code(code).map_or("未记录", |s| s.label())
}

/// The inspector's list as .xlsx bytes; `households` are the ones assessed (for the
/// heads' names), `village` as of the assessment date.
pub fn inspector_workbook(
    village: &Village,
    va: &VillageAssessment<'_>,
    households: &[Household],
) -> Result<Vec<u8>> {
    let title = format!("{}{}年度检查清单", village.name, va.year);
    let subtitle = format!(
        "{}（村代码{}）　截至{}",
        super::sections::place(village),
        village.code,
        va.as_of
    );
    let head = |code: &str| -> String {
        households
            .iter()
            .find(|h| h.code == code)
            .and_then(|h| h.head())
            .map(|m| m.name.clone())
            .unwrap_or_default()
    };
    let mut book = wb::book(&title, va.as_of)?;
    let f = Formats::new();

    let sheet = book.add_worksheet();
    wb::heading(sheet, "检查清单", &title, &subtitle, LIST, &f)?;
    let mut row = HEADER + 1;
    for (i, d) in va.inspector.disagreements.iter().enumerate() {
        wb::number(sheet, row, 0, Some((i + 1) as f64), None)?;
        wb::text(sheet, row, 1, &d.household, &f)?;
        wb::text(sheet, row, 2, &head(&d.household), &f)?;
        wb::text(sheet, row, 3, d.status.map_or("未记录", |s| s.label()), &f)?;
        wb::text(sheet, row, 4, d.rule.label(), &f)?;
        wb::text(sheet, row, 5, outcome_text(d.outcome), &f)?;
        wb::text(sheet, row, 6, d.kind.map_or("", |k| k.label()), &f)?;
        wb::text(sheet, row, 7, &d.reason, &f)?;
        row += 1;
    }
    if va.inspector.disagreements.is_empty() {
        sheet
            .write_string(row, 0, "未发现户状态与判定结果不一致的户")
            .map_err(xlsx_error)?;
    }

    let sheet = book.add_worksheet();
    wb::heading(sheet, "汇总", &title, &subtitle, SUMMARY, &f)?;
    summary(sheet, va, &f)?;

    let sheet = book.add_worksheet();
    let mut columns = vec![("户编号", 20.0), ("户主", 10.0), ("人均纯收入（元）", 16.0)];
    columns.extend(SHOWN.iter().map(|r| (r.label(), 12.0)));
    wb::heading(sheet, "各户判定", &title, &subtitle, &columns, &f)?;
    for (row, a) in (HEADER + 1..).zip(&va.households) {
        wb::text(sheet, row, 0, a.household, &f)?;
        wb::text(sheet, row, 1, &head(a.household), &f)?;
        wb::number(sheet, row, 2, a.per_capita_net_income, Some(&f.money))?;
        for (i, rule) in SHOWN.iter().enumerate() {
            let kind = a
                .verdict(*rule)
                .and_then(|v| v.kind)
                .map(|k| format!("（{}）", k.label()))
                .unwrap_or_default();
            let cell = format!("{}{kind}", outcome_text(a.outcome(*rule)));
            wb::text(sheet, row, 3 + i as u16, &cell, &f)?;
        }
    }
    book.save_to_buffer().map_err(xlsx_error)
}

/// Incidence and village exit, households by status, outcomes by rule.
fn summary(sheet: &mut Worksheet, va: &VillageAssessment<'_>, f: &Formats) -> Result<()> {
    let i = &va.inspector;
    let mut row = HEADER + 1;
    let mut label = |sheet: &mut Worksheet, text: &str| -> Result<u32> {
        sheet.write_string(row, 0, text).map_err(xlsx_error)?;
        row += 1;
        Ok(row - 1)
    };
    let r = label(sheet, "贫困发生率")?;
    wb::number(sheet, r, 1, va.incidence, Some(&f.percent))?;
    if va.incidence.is_none() {
        wb::text(sheet, r, 1, "无法计算", f)?;
    }
    let r = label(sheet, "未脱贫及返贫人口（人）")?;
    wb::number(sheet, r, 1, Some(f64::from(va.poor_persons)), None)?;
    let r = label(sheet, "农村户籍人口（人）")?;
    wb::number(sheet, r, 1, va.rural_population.map(f64::from), None)?;
    let r = label(sheet, "村退出")?;
    wb::text(sheet, r, 1, outcome_text(i.village_exit), f)?;
    let r = label(sheet, "户状态不一致（户）")?;
    wb::number(sheet, r, 1, Some(i.disagreements.len() as f64), None)?;
    label(sheet, "")?;
    let r = label(sheet, "户状态统计")?;
    sheet
        .write_string_with_format(r, 1, "户数", &f.bold)
        .map_err(xlsx_error)?;
    for (status, n) in &i.by_status {
        let r = label(sheet, status_text(status))?;
        wb::number(sheet, r, 1, Some(*n as f64), None)?;
    }
    label(sheet, "")?;
    let r = label(sheet, "判定结果统计（户）")?;
    for (c, t) in ["是", "否", "无法判断"].iter().enumerate() {
        sheet
            .write_string_with_format(r, 1 + c as u16, *t, &f.bold)
            .map_err(xlsx_error)?;
    }
    for (rule, c) in &i.by_verdict {
        let r = label(sheet, rule.label())?;
        for (k, n) in [c.yes, c.no, c.unknown].iter().enumerate() {
            wb::number(sheet, r, 1 + k as u16, Some(*n as f64), None)?;
        }
    }
    Ok(())
}
