//! The 已外出务工 sheet (务工月监测, `monitoring-export.md` §4) beside the person sheet: one
//! row per spell of work, the person by 人编号 or 证件号码. Written as the second worksheet of
//! our exports; read when a workbook has it, each listed person's spells then being the
//! sheet's. Errors name the sheet, row and column, in Chinese.

use super::cell_text::cell_text;
use super::values;
use crate::codes::WorkChannel;
use crate::model::{Month, VillageDocument, WorkSpell};
use crate::validate::{Finding, Severity};
use crate::{Error, Result};
use calamine::{Data, Reader};
use chrono::NaiveDate;
use rust_xlsxwriter::{Format, Workbook, XlsxError};
use std::collections::{BTreeMap, HashMap};

/// The sheet's name, as the monitoring system names its export.
pub(super) const NAME: &str = "已外出务工";

const HEADERS: [&str; 19] = [
    "县",
    "乡",
    "行政村",
    "户编号",
    "人编号",
    "姓名",
    "证件号码",
    "是否已务工",
    "开始时间",
    "结束时间",
    "务工所在县",
    "务工月收入",
    "务工企业名称",
    "所属行业",
    "就业渠道",
    "年度交通费补助",
    // The person's, repeated as the system's sheet does (its checks tell 脱贫人口 from
    // 监测对象 by them); written only.
    "户类型",
    "监测对象类别",
    "劳动技能",
];

fn xlsx_error(e: XlsxError) -> Error {
    Error::Document(format!("生成Excel工作簿失败：{e}"))
}

/// `2026年03月`, as the monitoring system writes a month.
fn month_text(m: Month) -> String {
    format!("{}年{:02}月", m.year, m.month)
}

/// Adds the sheet: every spell begun by `on` of the members registered then (a spell
/// ending after `on` is written as still under way).
pub(super) fn write(book: &mut Workbook, docs: &[&VillageDocument], on: NaiveDate) -> Result<()> {
    let sheet = book.add_worksheet();
    sheet.set_name(NAME).map_err(xlsx_error)?;
    let bold = Format::new().set_bold();
    let as_text = Format::new().set_num_format("@");
    let codes: Vec<&str> = docs.iter().map(|d| d.village.code.as_str()).collect();
    sheet
        .merge_range(0, 0, 0, 18, "已外出务工信息（一本通导出）", &bold)
        .map_err(xlsx_error)?;
    sheet
        .merge_range(
            1,
            0,
            1,
            18,
            &format!("村代码{}  截至{on}", codes.join("、")),
            &Format::new(),
        )
        .map_err(xlsx_error)?;
    for (i, h) in HEADERS.iter().enumerate() {
        sheet
            .write_string_with_format(2, i as u16, *h, &bold)
            .map_err(xlsx_error)?;
        sheet
            .set_column_width(i as u16, (h.chars().count() as f64 * 2.4).clamp(8.0, 22.0))
            .map_err(xlsx_error)?;
    }
    let now = Month::of(on);
    let mut row = 3;
    for (v, h) in docs
        .iter()
        .flat_map(|d| d.households.iter().map(move |h| (&d.village, h)))
    {
        for m in h.members_on(on) {
            for s in m.work_spells.iter().filter(|s| s.from <= now) {
                let to = s.to.filter(|t| *t <= now);
                let texts: [Option<String>; 19] = [
                    v.county.clone(),
                    v.township.clone(),
                    Some(v.name.clone()),
                    Some(h.code.clone()),
                    Some(m.id.clone()),
                    Some(m.name.clone()),
                    m.id_number.clone(),
                    Some(values::yes_no_text(to.is_none()).into()),
                    Some(month_text(s.from)),
                    to.map(month_text),
                    s.county.clone(),
                    None,
                    s.employer.clone(),
                    s.industry.clone(),
                    s.channel.map(|c| c.label().to_string()),
                    None,
                    super::write::household_type(h),
                    h.monitoring.as_ref().map(|m| m.kind.label().to_string()),
                    m.labor.map(|l| values::spell(l).to_string()),
                ];
                for (col, t) in texts.into_iter().enumerate() {
                    if let Some(t) = t {
                        sheet
                            .write_string_with_format(row, col as u16, t, &as_text)
                            .map_err(xlsx_error)?;
                    }
                }
                if let Some(w) = s.wage {
                    sheet.write_number(row, 11, w).map_err(xlsx_error)?;
                }
                if let Some(t) = s.travel_subsidy {
                    sheet.write_number(row, 15, t).map_err(xlsx_error)?;
                }
                row += 1;
            }
        }
    }
    Ok(())
}

/// One spell read, with the person it belongs to.
struct SpellRow {
    row: u32,
    person: Option<String>,
    id_number: Option<String>,
    spell: WorkSpell,
}

fn error(row: u32, column: &str, message: String) -> Finding {
    Finding {
        severity: Severity::Error,
        household: String::new(),
        path: format!("“{NAME}”表第{row}行“{column}”"),
        rule: "xlsx.cell".into(),
        message,
    }
}

/// The spells of the workbook's 已外出务工 sheet, if it has one.
fn rows(bytes: &[u8]) -> Result<Option<Vec<Result<SpellRow, Finding>>>> {
    // A workbook of either kind (.xlsx, or .xls as older copies of Excel and WPS save it).
    let mut book = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| super::sheet::not_readable(".xlsx/.xls", &e))?;
    let Some(name) = book.sheet_names().into_iter().find(|n| n.contains(NAME)) else {
        return Ok(None);
    };
    let range = book
        .worksheet_range(&name)
        .map_err(|e| Error::Format(format!("无法读取“{name}”表：{e}")))?;
    let top = range.start().map_or(0, |(row, _)| row);
    let all: Vec<&[Data]> = range.rows().collect();
    let clean = |c: &Data| c.to_string().replace([' ', '*'], "");
    let Some(at) = all
        .iter()
        .take(10)
        .position(|r| r.iter().any(|c| clean(c) == "开始时间"))
    else {
        return Err(Error::Format(format!(
            "“{name}”表的前10行中没有“开始时间”表头"
        )));
    };
    let col = |h: &str| all[at].iter().position(|c| clean(c) == h);
    let cols: Vec<Option<usize>> = HEADERS.iter().map(|h| col(h)).collect();
    if cols[4].is_none() && cols[6].is_none() {
        return Err(Error::Format(format!(
            "“{name}”表缺少“人编号”或“证件号码”列"
        )));
    }
    let header_row = top + at as u32 + 1;
    let mut out = Vec::new();
    for (i, r) in all[at + 1..].iter().enumerate() {
        if r.iter().all(|c| matches!(c, Data::Empty)) {
            continue;
        }
        let row = header_row + i as u32 + 1;
        out.push(spell_row(row, r, &cols));
    }
    Ok(Some(out))
}

fn spell_row(row: u32, r: &[Data], cols: &[Option<usize>]) -> Result<SpellRow, Finding> {
    let get = |k: usize| -> Result<Option<String>, Finding> {
        match cols[k].and_then(|c| r.get(c)) {
            None => Ok(None),
            Some(c) => cell_text(c).map_err(|e| error(row, HEADERS[k], e)),
        }
    };
    let month = |k: usize| -> Result<Option<Month>, Finding> {
        get(k)?
            .map(|t| t.parse::<Month>().map_err(|e| error(row, HEADERS[k], e)))
            .transpose()
    };
    let number = |k: usize| -> Result<Option<f64>, Finding> {
        get(k)?
            .map(|t| values::number(&t).map_err(|e| error(row, HEADERS[k], e)))
            .transpose()
    };
    let from = month(8)?.ok_or_else(|| error(row, "开始时间", "开始时间为空".into()))?;
    let channel = get(14)?
        .map(|t| {
            let t = if t == "公益岗位" {
                "公益性岗位".to_string()
            } else {
                t
            };
            WorkChannel::from_label(&t).ok_or_else(|| {
                let names: Vec<&str> = WorkChannel::ALL.iter().map(|c| c.label()).collect();
                error(
                    row,
                    "就业渠道",
                    format!("无法识别的值“{t}”，应为{}", names.join("、")),
                )
            })
        })
        .transpose()?;
    Ok(SpellRow {
        row,
        person: get(4)?,
        id_number: get(6)?,
        spell: WorkSpell {
            from,
            to: month(9)?,
            county: get(10)?,
            wage: number(11)?,
            channel,
            employer: get(12)?,
            industry: get(13)?,
            travel_subsidy: number(15)?,
        },
    })
}

/// The sheet's spells given out village by village, for a workbook imported while it is
/// read (`streamed.rs`): a row with a 人编号 goes to the first member of that id, one with
/// only a 证件号码 to the first member of that number, as `apply` gives them. A row
/// `apply` would give otherwise (a 人编号 no member has, found by its 证件号码), an
/// unreadable one or one naming nobody is left to `apply`, which says what is wrong:
/// `all_given` is false.
pub(super) struct Spells {
    rows: Vec<Option<SpellRow>>,
    unreadable: bool,
    by_person: HashMap<String, Vec<usize>>,
    by_number: HashMap<String, Vec<usize>>,
}

impl Spells {
    /// The workbook's 已外出务工 sheet, if it has one.
    pub fn read(bytes: &[u8]) -> Result<Option<Spells>> {
        let Some(read) = rows(bytes)? else {
            return Ok(None);
        };
        let mut spells = Spells {
            rows: Vec::with_capacity(read.len()),
            unreadable: false,
            by_person: HashMap::new(),
            by_number: HashMap::new(),
        };
        for r in read {
            let Ok(r) = r else {
                spells.unreadable = true;
                continue;
            };
            let at = spells.rows.len();
            match (&r.person, &r.id_number) {
                (Some(p), _) => spells.by_person.entry(p.clone()).or_default().push(at),
                (None, Some(n)) => spells.by_number.entry(n.clone()).or_default().push(at),
                (None, None) => {}
            }
            spells.rows.push(Some(r));
        }
        Ok(Some(spells))
    }

    /// Gives each member of `doc` the sheet lists their spells (in month order).
    pub fn give(&mut self, doc: &mut VillageDocument) {
        for m in doc.households.iter_mut().flat_map(|h| h.members.iter_mut()) {
            let mut listed = self.by_person.remove(&m.id).unwrap_or_default();
            if let Some(n) = m.id_number.as_deref() {
                listed.extend(self.by_number.remove(n).unwrap_or_default());
            }
            if listed.is_empty() {
                continue;
            }
            listed.sort_unstable();
            let mut spells: Vec<WorkSpell> = listed
                .into_iter()
                .filter_map(|i| self.rows[i].take().map(|r| r.spell))
                .collect();
            spells.sort_by_key(|s| s.from);
            m.work_spells = spells;
        }
    }

    /// Whether every row was readable and went to a member.
    pub fn all_given(&self) -> bool {
        !self.unreadable && self.rows.iter().all(Option::is_none)
    }
}

/// Gives each person the sheet lists their spells (in month order); a row naming no person
/// of the village, or an unreadable cell, is an error at its row and column.
pub(super) fn apply(bytes: &[u8], docs: &mut [&mut VillageDocument]) -> Result<Vec<Finding>> {
    let Some(rows) = rows(bytes)? else {
        return Ok(Vec::new());
    };
    let mut errors = Vec::new();
    // Each person of the workbook by 人编号 and by 证件号码 (the first listed, if twice).
    let mut by_id: HashMap<&str, (usize, usize, usize)> = HashMap::new();
    let mut by_number: HashMap<&str, (usize, usize, usize)> = HashMap::new();
    for (d, doc) in docs.iter().enumerate() {
        for (i, h) in doc.households.iter().enumerate() {
            for (j, m) in h.members.iter().enumerate() {
                by_id.entry(m.id.as_str()).or_insert((d, i, j));
                if let Some(n) = m.id_number.as_deref() {
                    by_number.entry(n).or_insert((d, i, j));
                }
            }
        }
    }
    let mut by_person: BTreeMap<(usize, usize, usize), Vec<WorkSpell>> = BTreeMap::new();
    for r in rows {
        let r = match r {
            Ok(r) => r,
            Err(e) => {
                errors.push(e);
                continue;
            }
        };
        let found = r
            .person
            .as_deref()
            .and_then(|p| by_id.get(p))
            .or_else(|| r.id_number.as_deref().and_then(|n| by_number.get(n)))
            .copied();
        match found {
            Some(k) => by_person.entry(k).or_default().push(r.spell),
            None => errors.push(error(
                r.row,
                if r.person.is_some() {
                    "人编号"
                } else {
                    "证件号码"
                },
                format!(
                    "“{}”不是基础信息表所列的人员",
                    r.person.or(r.id_number).unwrap_or_default()
                ),
            )),
        }
    }
    for ((d, i, j), mut spells) in by_person {
        spells.sort_by_key(|s| s.from);
        docs[d].households[i].members[j].work_spells = spells;
    }
    Ok(errors)
}
