//! The 帮扶措施 columns of the person sheet (产业帮扶 … 基础设施建设, monitoring-export.md
//! §2.7) and a member's 公益性岗位.
//!
//! Written from the ledger: the measures that ran in the sheet's year up to its date, by
//! kind, as the system writes them (several joined by `,`, e.g. `外出务工补贴,技能培训`),
//! and the welfare posts held then. One table (`words`) gives a measure's column and words.
//!
//! Read back by the same table, reversed (`lay`): each word of a column (split at `,` `，`
//! `、` `;`, line breaks and spaces; 无, 否, 0 and dashes say none) is a measure of that
//! column's class, of the sub-kind the table writes with that word (else of the class
//! alone), the word its content, begun on the sheet's date. A word a measure of the ledger
//! running in the year is already written with adds nothing, and a new measure's id is
//! derived from household, column and word (and the year, when one of that id had ended or
//! not begun by the sheet's date), so our own export read back
//! and a workbook read twice change nothing; the ledger's measures are never changed or
//! deleted. An imported measure without a sub-kind is written back with its own word (the
//! system's lists are open: `其他…`). 公益岗位帮扶 and 社会帮扶 (no class of ours, §2.7), the
//! posts and their months are written only.

use super::columns::{self, Assist, Field};
use super::sheet::Row;
use crate::codes::{MeasureClass, MeasureItem};
use crate::model::{derived_id, Household, Measure, Member, Month};
use chrono::{Datelike, NaiveDate};

/// The table: the column a measure of `class` and `item` is written under, and its words
/// (`None`: a measure of no column's kind).
fn words(class: MeasureClass, item: Option<MeasureItem>) -> Option<(Assist, &'static str)> {
    use MeasureItem as I;
    Some(match item {
        Some(I::PublicWelfarePost) => (Assist::WelfarePost, "公益岗位"),
        Some(I::CompulsoryEducationAid) => (Assist::CompulsoryEducation, "义务教育资助"),
        Some(I::DrinkingWater) => (Assist::Water, "饮水安全保障"),
        // The system's words, which its checks look for (1111_06).
        Some(I::InsuranceSubsidy) => (Assist::Health, "参加城乡居民基本医疗保险个人缴费补贴"),
        Some(item) => (by_class(item.class())?, item.label()),
        None => (
            by_class(class)?,
            match class {
                MeasureClass::Relocation => "搬迁",
                MeasureClass::Housing => "危房改造",
                _ => "其他",
            },
        ),
    })
}

fn by_class(class: MeasureClass) -> Option<Assist> {
    Some(match class {
        MeasureClass::Industry
        | MeasureClass::Photovoltaic
        | MeasureClass::AssetIncome
        | MeasureClass::Ecological => Assist::Industry,
        MeasureClass::Employment => Assist::Employment,
        MeasureClass::Relocation => Assist::Relocation,
        MeasureClass::Education => Assist::Education,
        MeasureClass::Health => Assist::Health,
        MeasureClass::SocialSecurity => Assist::Social,
        MeasureClass::Microcredit => Assist::Finance,
        MeasureClass::Housing => Assist::Housing,
        MeasureClass::Infrastructure => Assist::Infrastructure,
        MeasureClass::PublicService => Assist::LivingConditions,
        // No column of the system's is for "other" measures.
        MeasureClass::Other => return None,
    })
}

/// Every (class, sub-kind) the table knows: the sub-kinds first, then each class alone.
fn kinds() -> impl Iterator<Item = (MeasureClass, Option<MeasureItem>)> {
    let items = MeasureItem::ALL.iter().map(|&i| (i.class(), Some(i)));
    items.chain(MeasureClass::ALL.iter().map(|&c| (c, None)))
}

/// The class of a word the table does not know in column `kind`: the first the table
/// writes there (产业帮扶 → 产业发展, 饮水安全保障 → 基础设施); `None` for the columns an import
/// does not read.
fn class_of(kind: Assist) -> Option<MeasureClass> {
    let unread = matches!(
        kind,
        Assist::WelfarePost | Assist::WelfarePostAlso | Assist::WelfarePostNote | Assist::Social2
    );
    if unread {
        return None;
    }
    kinds()
        .find(|&(c, i)| words(c, i).is_some_and(|(k, _)| k == kind))
        .map(|(c, _)| c)
}

/// Whether an import reads the column (see module doc).
pub(super) fn is_read(kind: Assist) -> bool {
    class_of(kind).is_some()
}

/// The id of the measure an import makes of `word` in column `kind` of household `h`.
/// `year`: the id of one made again in a later (or earlier) year, when a measure of the
/// first id had ended (or not begun) by the sheet's date.
fn imported_id(household: &str, kind: Assist, word: &str, year: Option<i32>) -> String {
    let header = columns::of(Field::Assistance(kind)).header;
    match year {
        None => derived_id(&["xlsx", household, "measure", header, word]),
        Some(y) => derived_id(&["xlsx", household, "measure", header, word, &y.to_string()]),
    }
}

/// Other spellings of a word the table writes, as the system's sheets have them
/// (monitoring-export.md §2.7): read as the table's word.
const ALSO_WRITTEN: [(&str, &str); 2] = [
    (
        "城乡居民基本医疗保险个人缴费补贴",
        "参加城乡居民基本医疗保险个人缴费补贴",
    ),
    ("外出劳务补贴", "外出务工补贴"),
];

/// A cell's word as the table writes it.
fn as_written(word: &str) -> &str {
    ALSO_WRITTEN
        .iter()
        .find(|(other, _)| *other == word)
        .map_or(word, |(_, w)| *w)
}

/// The words of a cell, as the table writes them: parted by commas, 、, semicolons, line
/// breaks (Alt+Enter) or spaces; none for 无, 否, 0 and dashes.
fn cell_words(cell: &str) -> impl Iterator<Item = &str> {
    cell.split(|c: char| matches!(c, ',' | '，' | '、' | ';' | '；') || c.is_whitespace())
        .map(as_written)
        .filter(|w| !w.is_empty() && !says_none(w))
}

/// Whether two cells of a household's rows name the same measures (in any order).
pub(super) fn same_words(a: &str, b: &str) -> bool {
    let set = |c| cell_words(c).collect::<std::collections::BTreeSet<_>>();
    set(a) == set(b)
}

/// Whether a cell's word says "none": 无, 否, 0, a dash or a slash.
fn says_none(word: &str) -> bool {
    matches!(word, "无" | "否" | "0" | "-" | "—" | "/" | "／")
}

/// The column a measure of household `household` is written under, and its words: a
/// measure an import made without a sub-kind (its id says so) under its column with its
/// own word, any other by the table.
fn column<'m>(household: &str, m: &'m Measure) -> Option<(Assist, &'m str)> {
    if let (None, Some(id)) = (m.item, &m.id) {
        let imported = Assist::ALL.iter().copied().find(|&k| {
            class_of(k) == Some(m.class)
                && [None, Some(m.start.year())]
                    .into_iter()
                    .any(|y| *id == imported_id(household, k, &m.content, y))
        });
        if let Some(kind) = imported {
            return Some((kind, m.content.as_str()));
        }
    }
    words(m.class, m.item)
}

/// A measure that ran at some time in the year of `on`, by `on`.
fn ran(m: &Measure, on: NaiveDate) -> bool {
    let first = NaiveDate::from_ymd_opt(on.year(), 1, 1).unwrap_or(on);
    m.start <= on && m.end.is_none_or(|e| e >= first)
}

/// The cell of a 帮扶措施 column: its measures' words, each once, joined by `,`.
pub(super) fn assistance(h: &Household, kind: Assist, on: NaiveDate) -> Option<String> {
    let kind = match kind {
        Assist::WelfarePostAlso => Assist::WelfarePost,
        Assist::WelfarePostNote | Assist::Social2 => return None,
        k => k,
    };
    let mut words: Vec<&str> = Vec::new();
    for m in h.measures.iter().filter(|m| ran(m, on)) {
        let Some((col, word)) = column(&h.id, m) else {
            continue;
        };
        if col == kind && !words.contains(&word) {
            words.push(word);
        }
    }
    (!words.is_empty()).then(|| words.join(","))
}

/// 实施开发式帮扶措施情况 on `on`: 是 when a developmental measure (the 产业, 就业, 金融 and
/// 公益岗位帮扶 columns) ran; 尚未实施 for a 监测对象 whose risk is not eliminated without
/// one (what the county's checks 5_11_030 and 5_12_007 look for); else empty.
pub(super) fn developmental(h: &Household, on: NaiveDate) -> Option<&'static str> {
    let developmental = [
        Assist::Industry,
        Assist::Employment,
        Assist::Finance,
        Assist::WelfarePost,
    ];
    if developmental
        .iter()
        .any(|&kind| assistance(h, kind, on).is_some())
    {
        return Some("是");
    }
    let monitored = h
        .monitoring
        .as_ref()
        .is_some_and(|m| m.identified <= on && m.eliminated.is_none_or(|e| e > on));
    monitored.then_some("尚未实施")
}

/// Lays a household's 帮扶措施 cells (of its first row) over its measures, the sheet's facts
/// holding on `on` (see module doc). A cell that cannot be read is reported with the other
/// household columns.
pub(super) fn lay(h: &mut Household, row: &Row, on: NaiveDate) {
    for &kind in Assist::ALL {
        let Some(class) = class_of(kind) else {
            continue;
        };
        let Ok(Some(cell)) = row.text(Field::Assistance(kind)) else {
            continue;
        };
        for word in cell_words(cell) {
            let covered = h
                .measures
                .iter()
                .any(|m| ran(m, on) && column(&h.id, m) == Some((kind, word)));
            if covered {
                continue;
            }
            // One made from this word before that had ended (or not yet begun) by the
            // sheet's date: this one is the sheet's year's.
            let taken = |id: &str| h.measures.iter().any(|m| m.id.as_deref() == Some(id));
            let id = [None, Some(on.year())]
                .into_iter()
                .map(|y| imported_id(&h.id, kind, word, y))
                .find(|id| !taken(id));
            let Some(id) = id else {
                continue;
            };
            let known = kinds().find(|&(c, i)| words(c, i) == Some((kind, word)));
            let (class, item) = known.unwrap_or((class, None));
            h.measures.push(Measure {
                id: Some(id),
                class,
                item,
                content: word.to_string(),
                scale: None,
                funds: None,
                funder: None,
                start: on,
                end: None,
                result: None,
                income_gain: None,
            });
        }
    }
}

/// 公益性岗位: the posts held in the year of `on`, by `on`, joined by `,`; and how many
/// months of the year they were held (each month counted once).
pub(super) fn welfare_posts(m: &Member, on: NaiveDate) -> Option<(String, u32)> {
    let now = Month::of(on);
    let held: Vec<_> = m
        .welfare_posts
        .iter()
        .filter(|p| p.in_year(on.year()) && p.from <= now)
        .collect();
    if held.is_empty() {
        return None;
    }
    // The posts held on the date (one after another in a year is not two posts, 3_01_010);
    // else the last one held in the year.
    let mut posts: Vec<&str> = Vec::new();
    for p in held.iter().filter(|p| p.to.is_none_or(|t| t >= now)) {
        if !posts.contains(&p.post.as_str()) {
            posts.push(&p.post);
        }
    }
    if posts.is_empty() {
        if let Some(last) = held.iter().max_by_key(|p| p.to) {
            posts.push(&last.post);
        }
    }
    let months = (1..=now.month)
        .filter_map(|month| Month::new(on.year(), month))
        .filter(|month| {
            held.iter()
                .any(|p| p.from <= *month && p.to.is_none_or(|t| t >= *month))
        })
        .count() as u32;
    Some((posts.join(","), months))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::WelfarePost;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    fn measure(class: MeasureClass, item: Option<MeasureItem>, start: NaiveDate) -> Measure {
        Measure {
            id: None,
            class,
            item,
            content: String::new(),
            scale: None,
            funds: None,
            funder: None,
            start,
            end: None,
            result: None,
            income_gain: None,
        }
    }

    #[test]
    fn measures_of_the_year_are_written_under_the_systems_columns() {
        let mut h = Household::default();
        use MeasureClass as C;
        use MeasureItem as I;
        h.measures = vec![
            measure(C::Employment, Some(I::TravelSubsidy), d(2025, 3, 1)),
            measure(C::Employment, Some(I::SkillsTraining), d(2025, 5, 1)),
            measure(C::Employment, Some(I::PublicWelfarePost), d(2025, 5, 1)),
            measure(C::SocialSecurity, Some(I::Dibao), d(2019, 1, 1)),
            measure(C::Education, Some(I::Yulu), d(2026, 3, 1)),
        ];
        h.measures[3].end = Some(d(2024, 6, 30));
        let on = d(2025, 12, 31);
        assert_eq!(
            assistance(&h, Assist::Employment, on).as_deref(),
            Some("外出务工补贴,技能培训")
        );
        assert_eq!(
            assistance(&h, Assist::WelfarePost, on).as_deref(),
            Some("公益岗位")
        );
        assert_eq!(
            assistance(&h, Assist::Social, on),
            None,
            "低保 ended in 2024"
        );
        assert_eq!(
            assistance(&h, Assist::Education, on),
            None,
            "雨露计划 starts later"
        );
    }

    #[test]
    fn welfare_posts_and_their_months_in_the_year() {
        let mut m = Member::default();
        let month = |y, mo| Month::new(y, mo).unwrap();
        m.welfare_posts = vec![
            WelfarePost {
                post: "护林员".into(),
                from: month(2024, 3),
                to: Some(month(2025, 4)),
                monthly_pay: None,
            },
            WelfarePost {
                post: "保洁员".into(),
                from: month(2025, 4),
                to: None,
                monthly_pay: None,
            },
        ];
        assert_eq!(
            welfare_posts(&m, d(2025, 12, 31)),
            Some(("保洁员".into(), 12)),
            "the post held on the date; the months of both"
        );
        assert_eq!(
            welfare_posts(&m, d(2025, 2, 10)),
            Some(("护林员".into(), 2))
        );
        assert_eq!(welfare_posts(&m, d(2023, 12, 31)), None);
    }
}
