//! Cell text ⇄ values: the Chinese labels of our code lists (`codes`, through `label()` and
//! `from_label()`), the few other spellings the monitoring system uses for the same values,
//! 是/否, months (YYYYMM, YYYY年MM月) and numbers. Errors are Chinese and start with what
//! was found, so a reader's message reads `第7行“在校生状况”：无法识别的值“初三”…`.

use crate::codes::{
    BenefitArea, Cause, DocumentKind, Education, EducationDetail, EliminationMode, Health,
    HouseGrade, Labor, MonitoringKind, OutOfSchoolReason, Relation, RelationDetail, Risk, RoadType,
    Schooling, SchoolingDetail, Sex, Status, Tekun, WorkPlace,
};
use chrono::{Datelike, NaiveDate};

/// A code list as cells spell it: our labels, plus `SPELLINGS` of the monitoring system
/// (the ones marked `true` are also what we write, so its own tools read our files).
pub(super) trait Listed: Copy + PartialEq + 'static {
    const SPELLINGS: &'static [(&'static str, Self, bool)] = &[];
    fn all() -> &'static [Self];
    fn label(self) -> &'static str;
    fn from_label(text: &str) -> Option<Self>;
}

macro_rules! listed {
    ($t:ty $(, [$(($text:literal, $v:expr, $w:literal)),* $(,)?])?) => {
        impl Listed for $t {
            $(const SPELLINGS: &'static [(&'static str, Self, bool)] = &[$(($text, $v, $w)),*];)?
            fn all() -> &'static [Self] {
                <$t>::ALL
            }
            fn label(self) -> &'static str {
                <$t>::label(self)
            }
            fn from_label(text: &str) -> Option<Self> {
                <$t>::from_label(text)
            }
        }
    };
}

listed!(
    Relation,
    [
        ("儿子", Relation::Son, false),
        ("女儿", Relation::Daughter, false),
        ("儿媳", Relation::DaughterInLaw, false),
        ("女婿", Relation::SonInLaw, false),
        ("孙子", Relation::Grandson, false),
        ("孙女", Relation::Granddaughter, false),
        ("外孙子", Relation::GrandsonDaughtersSide, false),
        ("外孙女", Relation::GranddaughterDaughtersSide, false),
        ("父亲", Relation::Father, false),
        ("母亲", Relation::Mother, false),
        ("祖父", Relation::Grandfather, false),
        ("祖母", Relation::Grandmother, false),
        // The system's finer relations (之侄女 …) are `RelationDetail`s.
    ]
);
listed!(
    RelationDetail,
    [("兄弟媳妇", RelationDetail::SiblingInLaw, false)]
);
listed!(EducationDetail);
listed!(SchoolingDetail);
listed!(Sex, [("1", Sex::Male, false), ("2", Sex::Female, false)]);
listed!(
    Education,
    [
        // Written 大专: the system's lists (and the county's checks 5_20_028/030) have
        // 大专 and 本科及以上, not our 大专及以上.
        ("大专", Education::CollegePlus, true),
        // The system's finer values (本科及以上, 技师 …) are `EducationDetail`s.
    ]
);
listed!(
    Schooling,
    [
        ("高中一年级", Schooling::Senior1, true),
        ("高中二年级", Schooling::Senior2, true),
        ("高中三年级", Schooling::Senior3, true),
        ("普通高中一年级", Schooling::Senior1, false),
        ("普通高中二年级", Schooling::Senior2, false),
        ("普通高中三年级", Schooling::Senior3, false),
        ("高职高专一年级", Schooling::HigherVocational1, true),
        ("高职高专二年级", Schooling::HigherVocational2, true),
        ("高职高专三年级", Schooling::HigherVocational3, true),
        // The system's 硕士生及以上 is a `SchoolingDetail`.
    ]
);
listed!(Health, [("大病", Health::SeriousIllness, false)]);
listed!(
    Labor,
    [
        ("普通劳动", Labor::Ordinary, false),
        ("技能劳动能力", Labor::Skilled, false),
        ("弱劳动力", Labor::Weak, false),
        ("半劳动力", Labor::Weak, false),
        ("无劳动能力", Labor::NoLabor, false),
    ]
);
listed!(WorkPlace);
listed!(Cause);
listed!(
    Tekun,
    [
        ("未享受", Tekun::No, false),
        // The system's column says 特困 (城市特困 / 农村特困), not how it is given; the
        // county's checks (4_11_015) read only these. Read back by `tekun`.
        ("农村特困", Tekun::Dispersed, true),
        ("农村特困", Tekun::Centralized, true),
    ]
);
listed!(MonitoringKind);
listed!(
    Risk,
    [
        ("因安全住房", Risk::Housing, true),
        ("因安全饮水", Risk::Water, true),
        ("务工就业不稳", Risk::UnstableWork, false),
    ]
);
listed!(Status);
listed!(DocumentKind, [("身份证", DocumentKind::IdCard, false)]);
listed!(OutOfSchoolReason);
listed!(EliminationMode);

/// A value from its cell text.
pub(super) fn parse<T: Listed>(text: &str) -> Result<T, String> {
    T::from_label(text)
        .or_else(|| {
            T::SPELLINGS
                .iter()
                .find(|(s, _, _)| *s == text)
                .map(|(_, v, _)| *v)
        })
        .ok_or_else(|| unknown(text, &choices::<T>()))
}

/// A finer value of the monitoring system's (之侄女, 本科及以上, 硕士生及以上) and the value of
/// our list it belongs to (design note 0018).
pub(super) trait Finer: Listed {
    type Of: Listed;
    fn of(self) -> Self::Of;
}

impl Finer for RelationDetail {
    type Of = Relation;
    fn of(self) -> Relation {
        Relation::Other
    }
}

impl Finer for EducationDetail {
    type Of = Education;
    fn of(self) -> Education {
        self.education()
    }
}

impl Finer for SchoolingDetail {
    type Of = Schooling;
    fn of(self) -> Schooling {
        self.schooling()
    }
}

/// A cell of a list the system spells finer: a value of ours, or a finer one with the value
/// it belongs to (之侄女 is 其他, 技师 高中).
pub(super) fn with_finer<D: Finer>(text: &str) -> Result<(D::Of, Option<D>), String> {
    match parse::<D>(text) {
        Ok(d) => Ok((d.of(), Some(d))),
        Err(_) => parse::<D::Of>(text)
            .map(|v| (v, None))
            .map_err(|_| unknown(text, &format!("{}、{}", choices::<D::Of>(), choices::<D>()))),
    }
}

/// A value as written: its finer value where the member has one that belongs to it.
pub(super) fn finer_text<D: Finer>(value: D::Of, detail: Option<D>) -> &'static str {
    match detail {
        Some(d) if d.of() == value => d.label(),
        _ => spell(value),
    }
}

/// The text written for a value: the monitoring system's spelling where it has its own.
pub(super) fn spell<T: Listed>(value: T) -> &'static str {
    T::SPELLINGS
        .iter()
        .find(|(_, v, written)| *written && *v == value)
        .map_or(value.label(), |(s, _, _)| *s)
}

/// The values a cell may hold, as written: `户主、配偶、…`.
pub(super) fn choices<T: Listed>() -> String {
    // What we write, and our own label where it says more (分散供养 beside 农村特困).
    // Then the other spellings read (学龄前儿童 beside 学前教育).
    let mut written: Vec<&str> = Vec::new();
    let read = T::SPELLINGS.iter().map(|(s, _, _)| *s);
    for t in T::all()
        .iter()
        .flat_map(|v| [spell(*v), v.label()])
        .chain(read)
    {
        if !written.contains(&t) {
            written.push(t);
        }
    }
    written.join("、")
}

/// `无法识别的值“初三”（可填：…）`.
pub(super) fn unknown(text: &str, choices: &str) -> String {
    format!("无法识别的值“{text}”（可填：{choices}）")
}

/// 是 / 否.
pub(super) fn yes_no(text: &str) -> Result<bool, String> {
    match text {
        "是" => Ok(true),
        "否" => Ok(false),
        _ => Err(unknown(text, "是、否")),
    }
}

pub(super) fn yes_no_text(value: bool) -> &'static str {
    if value {
        "是"
    } else {
        "否"
    }
}

/// A number (areas, distances, amounts), also with its thousands set apart by commas as a
/// text cell may hold it (`12,000.50`; only groups of three: `1,5` is not a number).
pub(super) fn number(text: &str) -> Result<f64, String> {
    let (whole, fraction) = text.split_once('.').unwrap_or((text, ""));
    let plain = if whole.contains(',') {
        let digits = whole.strip_prefix('-').unwrap_or(whole);
        let mut groups = digits.split(',');
        let head = groups.next().unwrap_or_default();
        let grouped = (1..=3).contains(&head.len())
            && groups.all(|g| g.len() == 3)
            && digits.bytes().all(|b| b.is_ascii_digit() || b == b',')
            && !fraction.contains(',');
        grouped.then(|| text.replace(',', ""))
    } else {
        Some(text.to_string())
    };
    plain
        .and_then(|t| t.parse::<f64>().ok())
        .filter(|n| n.is_finite())
        .ok_or_else(|| format!("“{text}”不是数字"))
}

/// 务工时间 in whole months, 0–12.
pub(super) fn months(text: &str) -> Result<u8, String> {
    text.parse::<u8>()
        .ok()
        .filter(|m| *m <= 12)
        .ok_or_else(|| format!("“{text}”不是0到12之间的整月数"))
}

/// A month (`202304`, `2023年04月`, `2023年4月`, `2023-04`, `2023/4`, `2023.04`) as its
/// first day, or a full date (`20230415`, `2023-04-15`, `2023/4/15`, `2023.4.15`,
/// `2023年4月15日`) as that day. A month after a point takes two digits: a month typed
/// as a number (2023.10) reaches us as `2023.1`, which could be January or October.
pub(super) fn month(text: &str) -> Result<NaiveDate, String> {
    let bad = || format!("无法识别的日期“{text}”（应写作202304或2023年04月）");
    let digits = |s: &str| !s.is_empty() && s.chars().all(|c| c.is_ascii_digit());
    let ymd = |y: &str, m: &str, d: &str| -> Option<NaiveDate> {
        if y.len() != 4 || !digits(y) || !digits(m) || m.len() > 2 || !digits(d) || d.len() > 2 {
            return None;
        }
        NaiveDate::from_ymd_opt(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?)
    };
    let found = if let Some((y, rest)) = text.split_once('年') {
        match (rest.strip_suffix('月'), rest.strip_suffix('日')) {
            (Some(m), _) => ymd(y, m, "1"),
            (_, Some(md)) => md.split_once('月').and_then(|(m, d)| ymd(y, m, d)),
            _ => None,
        }
    } else if digits(text) && text.len() == 6 {
        ymd(&text[..4], &text[4..], "1")
    } else if digits(text) && text.len() == 8 {
        ymd(&text[..4], &text[4..6], &text[6..])
    } else {
        let point = text.contains('.');
        let parts: Vec<&str> = text.split(['-', '/', '.']).collect();
        match parts.as_slice() {
            [_, m] if point && m.len() != 2 => None,
            [y, m] => ymd(y, m, "1"),
            [y, m, d] => ymd(y, m, d),
            _ => None,
        }
    };
    found.ok_or_else(bad)
}

/// A month as the monitoring system writes it: `202304`.
pub(super) fn month_text(date: NaiveDate) -> String {
    format!("{:04}{:02}", date.year(), date.month())
}

/// Whether two dates fall in the same month (a month cell then keeps the stored day).
pub(super) fn same_month(a: NaiveDate, b: NaiveDate) -> bool {
    a.year() == b.year() && a.month() == b.month()
}

/// 享受低保政策情况: 城市低保 / 农村低保 are 低保; 未享受 (or 不享受) is not.
/// 享受低保政策情况: whether the member receives 低保 and, for 城市低保, the urban scheme.
pub(super) fn dibao(text: &str) -> Result<(bool, Option<BenefitArea>), String> {
    match text {
        "城市低保" => Ok((true, Some(BenefitArea::Urban))),
        "农村低保" | "是" => Ok((true, None)),
        "未享受" | "不享受" | "否" => Ok((false, None)),
        _ => Err(unknown(text, "农村低保、城市低保、未享受")),
    }
}

pub(super) fn dibao_text(value: bool, area: Option<BenefitArea>) -> &'static str {
    match (value, area) {
        (true, Some(BenefitArea::Urban)) => "城市低保",
        (true, _) => "农村低保",
        (false, _) => "未享受",
    }
}

/// 享受特困供养政策情况 as written: 城市特困 for the urban scheme.
pub(super) fn tekun_text(value: Tekun, area: Option<BenefitArea>) -> &'static str {
    match (value, area) {
        (Tekun::Dispersed | Tekun::Centralized, Some(BenefitArea::Urban)) => "城市特困",
        _ => spell(value),
    }
}

/// 享受特困供养政策情况. The monitoring system writes 农村特困 / 城市特困 without the way
/// of support: a member the ledger has keeps the way it records (`stored`), a new one is
/// entered as 分散供养 (living at home; 集中供养 is the care home), which the cadre corrects
/// where it is not.
/// 城市特困 is the urban scheme.
pub(super) fn tekun(
    text: &str,
    stored: Option<Tekun>,
) -> Result<(Tekun, Option<BenefitArea>), String> {
    if matches!(text, "农村特困" | "城市特困") {
        let way = match stored {
            Some(t @ (Tekun::Dispersed | Tekun::Centralized)) => t,
            _ => Tekun::Dispersed,
        };
        return Ok((way, (text == "城市特困").then_some(BenefitArea::Urban)));
    }
    parse(text).map(|t| (t, None))
}

/// Whether a house grade is a 危房 for 是否危房户 (C, D, and no house of one's own).
fn dangerous(grade: HouseGrade) -> bool {
    matches!(grade, HouseGrade::C | HouseGrade::D | HouseGrade::NoHouse)
}

/// 是否危房户 over the grade the ledger records: a grade on the same side stays; else 是
/// is C (局部危房) and 否 is B (基本安全), the grades nearest the line (the sheet says
/// which side, not how far). A grade (`C`, `C级（局部危房）`) is taken as written.
pub(super) fn house_grade(text: &str, stored: Option<HouseGrade>) -> Result<HouseGrade, String> {
    let side = match text {
        "是" => true,
        "否" => false,
        _ => {
            return HouseGrade::from_label(text)
                .or_else(|| HouseGrade::from_code(text))
                .ok_or_else(|| unknown(text, "是、否"))
        }
    };
    Ok(match stored {
        Some(g) if dangerous(g) == side => g,
        _ if side => HouseGrade::C,
        _ => HouseGrade::B,
    })
}

/// 是否危房户 as written.
pub(super) fn house_grade_text(grade: HouseGrade) -> &'static str {
    yes_no_text(dangerous(grade))
}

fn hardened(road: RoadType) -> bool {
    matches!(road, RoadType::Cement | RoadType::Asphalt)
}

/// 入户道路是否硬化 over the road type the ledger records: a type on the same side stays;
/// else 是 is 水泥路 (the village's usual hardened road) and 否 is 泥土路. A road type
/// (`砂石路`) is taken as written.
pub(super) fn road_type(text: &str, stored: Option<RoadType>) -> Result<RoadType, String> {
    let side = match text {
        "是" => true,
        "否" => false,
        _ => {
            return RoadType::from_label(text).ok_or_else(|| {
                let types: Vec<&str> = RoadType::ALL.iter().map(|r| r.label()).collect();
                unknown(text, &format!("是、否、{}", types.join("、")))
            })
        }
    };
    Ok(match stored {
        Some(r) if hardened(r) == side => r,
        _ if side => RoadType::Cement,
        _ => RoadType::Dirt,
    })
}

/// 入户道路是否硬化 as written.
pub(super) fn road_type_text(road: RoadType) -> &'static str {
    yes_no_text(hardened(road))
}

/// An amount of money in yuan (income columns): a number, not negative, below 1亿 (the
/// limit validation sets for every line: larger is a typing slip).
pub(super) fn amount(text: &str) -> Result<f64, String> {
    let n = number(text.trim_end_matches('元'))?;
    if n < 0.0 {
        return Err(format!("“{text}”是负数：收入和支出应填0或正数"));
    }
    if n > crate::validate::AMOUNT_MAX {
        return Err(format!("“{text}”超过1亿元，请检查是否多写了数字"));
    }
    Ok(n)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_and_the_monitoring_systems_spellings_read_and_write_back() {
        assert_eq!(parse::<Relation>("之岳父"), Ok(Relation::WifesFather));
        assert_eq!(parse::<Relation>("女儿"), Ok(Relation::Daughter));
        assert_eq!(parse::<Sex>("2"), Ok(Sex::Female));
        assert_eq!(parse::<Schooling>("普通高中二年级"), Ok(Schooling::Senior2));
        assert_eq!(spell(Schooling::Senior2), "高中二年级");
        assert_eq!(spell(Risk::Water), "因安全饮水");
        for s in Schooling::ALL {
            assert_eq!(parse::<Schooling>(spell(*s)), Ok(*s), "{s:?} reads back");
        }
        for r in Risk::ALL {
            assert_eq!(parse::<Risk>(spell(*r)), Ok(*r), "{r:?} reads back");
        }
        let err = parse::<Schooling>("初三").unwrap_err();
        assert!(err.starts_with("无法识别的值“初三”"), "{err}");
        // 农村特困 says 特困 but not how: the way the ledger records stays, else 分散供养;
        // 城市特困 is the urban scheme.
        let urban = Some(BenefitArea::Urban);
        assert_eq!(tekun("农村特困", None), Ok((Tekun::Dispersed, None)));
        assert_eq!(
            tekun("城市特困", Some(Tekun::Centralized)),
            Ok((Tekun::Centralized, urban))
        );
        assert_eq!(
            tekun("农村特困", Some(Tekun::No)),
            Ok((Tekun::Dispersed, None))
        );
        assert_eq!(tekun("集中供养", None), Ok((Tekun::Centralized, None)));
        assert_eq!(dibao("城市低保"), Ok((true, urban)));
        assert_eq!(dibao("农村低保"), Ok((true, None)));
        assert_eq!(dibao("未享受"), Ok((false, None)));
        // What we write is what the system and the county's checks read.
        assert_eq!(spell(Tekun::Centralized), "农村特困");
        assert_eq!(spell(Education::CollegePlus), "大专");
        for t in Tekun::ALL {
            for area in [None, urban] {
                let area = area.filter(|_| *t != Tekun::No);
                assert_eq!(
                    tekun(tekun_text(*t, area), Some(*t)),
                    Ok((*t, area)),
                    "{t:?} reads back"
                );
            }
        }
        for d in [false, true] {
            for area in [None, urban] {
                let area = area.filter(|_| d);
                assert_eq!(
                    dibao(dibao_text(d, area)),
                    Ok((d, area)),
                    "{d} {area:?} reads back"
                );
            }
        }
    }

    #[test]
    fn yes_no_of_house_and_road_keeps_a_recorded_grade_on_the_same_side() {
        use HouseGrade as G;
        assert_eq!(house_grade("是", None), Ok(G::C));
        assert_eq!(house_grade("是", Some(G::D)), Ok(G::D));
        assert_eq!(house_grade("是", Some(G::A)), Ok(G::C));
        assert_eq!(house_grade("否", Some(G::D)), Ok(G::B));
        assert_eq!(house_grade("否", Some(G::A)), Ok(G::A));
        assert_eq!(house_grade("D", None), Ok(G::D));
        assert!(house_grade("也许", None).is_err());
        for g in G::ALL {
            assert_eq!(house_grade(house_grade_text(*g), Some(*g)), Ok(*g));
        }
        assert_eq!(road_type("是", None), Ok(RoadType::Cement));
        assert_eq!(
            road_type("是", Some(RoadType::Asphalt)),
            Ok(RoadType::Asphalt)
        );
        assert_eq!(road_type("否", Some(RoadType::Cement)), Ok(RoadType::Dirt));
        assert_eq!(
            road_type("否", Some(RoadType::Gravel)),
            Ok(RoadType::Gravel)
        );
        assert_eq!(road_type("砂石路", None), Ok(RoadType::Gravel));
        for r in RoadType::ALL {
            assert_eq!(road_type(road_type_text(*r), Some(*r)), Ok(*r));
        }
        assert_eq!(amount("3500.5"), Ok(3500.5));
        assert_eq!(amount("12,000"), Ok(12000.0));
        assert_eq!(amount("1,234,567.5元"), Ok(1234567.5));
        assert!(amount("1,5").is_err(), "a decimal comma is not guessed");
        assert!(amount("12,00").is_err());
        assert!(amount("1234,567").is_err());
        assert!(amount("12,000.5,0").is_err());
        assert!(amount("-1").is_err());
        assert!(amount("522729196804051316").is_err(), "an ID number pasted");
        assert!(amount("三千").is_err());
    }

    #[test]
    fn months_read_in_every_spelling_of_the_exports() {
        let d = |y, m, day| NaiveDate::from_ymd_opt(y, m, day).unwrap();
        assert_eq!(month("202304"), Ok(d(2023, 4, 1)));
        assert_eq!(month("2023年04月"), Ok(d(2023, 4, 1)));
        assert_eq!(month("2023年4月"), Ok(d(2023, 4, 1)));
        assert_eq!(month("2023-04-15"), Ok(d(2023, 4, 15)));
        assert_eq!(month("20230415"), Ok(d(2023, 4, 15)));
        // As cadres type them into a text column.
        assert_eq!(month("2023/4"), Ok(d(2023, 4, 1)));
        assert_eq!(month("2023/04/15"), Ok(d(2023, 4, 15)));
        assert_eq!(month("2023.04"), Ok(d(2023, 4, 1)));
        assert_eq!(month("2023.10"), Ok(d(2023, 10, 1)));
        assert_eq!(month("2023.4.15"), Ok(d(2023, 4, 15)));
        assert_eq!(month("2023年4月15日"), Ok(d(2023, 4, 15)));
        assert_eq!(month("2023年04月01日"), Ok(d(2023, 4, 1)));
        assert!(
            month("2023.1").is_err(),
            "2023.10 typed as a number reads 2023.1: January or October, not guessed"
        );
        assert!(month("2023-").is_err());
        assert!(month("2023/4/15/1").is_err());
        assert!(month("23.04").is_err());
        assert!(month("2023年4月15").is_err());
        assert!(month("202313").is_err());
        assert!(month("2023年13月").is_err());
        assert!(month("四月").is_err());
        assert_eq!(month_text(d(2023, 4, 15)), "202304");
    }
}
