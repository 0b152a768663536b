//! 帮扶 for a demo household: pairings from its registration (sometimes with a change of
//! cadre), visits every few months, and measures after registration, paid by the office
//! of their year (扶贫办 to 2020, 乡村振兴局 after).

use super::names;
use super::story::Story;
use crate::codes::*;
use crate::model::*;
use chrono::{Datelike, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// The county office paying for a measure begun in `year`.
pub fn funder(year: i32) -> &'static str {
    if year <= 2020 {
        "县扶贫办"
    } else {
        "县乡村振兴局"
    }
}

/// The cadre drawn at `index`, or the next one in the list not `taken` (a household's
/// helpers are different people; when every cadre is taken, the one drawn).
fn other_than<'c>(cadres: &'c [Cadre], index: usize, taken: &[&str]) -> &'c Cadre {
    (0..cadres.len())
        .map(|k| &cadres[(index + k) % cadres.len()])
        .find(|c| !taken.contains(&c.id.as_str()))
        .unwrap_or(&cadres[index])
}

pub fn pairings_and_visits(
    rng: &mut ChaCha8Rng,
    h: &mut Household,
    s: &Story,
    cadres: &[Cadre],
    today: NaiveDate,
) {
    if s.identified.is_none() && s.monitoring.is_none() {
        return;
    }
    // The pairing is made on the day of registration (不脱贫不脱钩 from day one).
    let start = s.start.min(today);
    let first = &cadres[rng.random_range(0..cadres.len())];
    let mut spans = vec![(first.id.clone(), start, None)];
    if rng.random_bool(0.3) {
        let change = start + chrono::Days::new(rng.random_range(500..2000));
        if change < today {
            let next = other_than(cadres, rng.random_range(0..cadres.len()), &[&first.id]);
            spans[0].2 = Some(change - chrono::Days::new(1));
            spans.push((next.id.clone(), change, None));
        }
    }
    for (cadre, start, end) in &spans {
        h.pairings.push(Pairing {
            id: None,
            cadre: cadre.clone(),
            role: PairingRole::First,
            kind: None,
            start: *start,
            end: *end,
        });
    }
    if rng.random_bool(0.35) {
        // A second helper is another person than the first ones.
        let taken: Vec<&str> = spans.iter().map(|(id, ..)| id.as_str()).collect();
        let second = other_than(cadres, rng.random_range(0..cadres.len()), &taken);
        h.pairings.push(Pairing {
            id: None,
            cadre: second.id.clone(),
            role: PairingRole::Second,
            kind: None,
            start,
            end: None,
        });
    }
    for (cadre, from, to) in spans {
        let to = to.unwrap_or(today);
        let mut d = from + chrono::Days::new(rng.random_range(5..40));
        while d <= to {
            let (found, done, follow_up) = visit_note(rng, h, d);
            h.visits.push(Visit {
                id: None,
                date: d,
                cadre: cadre.clone(),
                mode: if rng.random_bool(0.8) {
                    VisitMode::Home
                } else {
                    VisitMode::Phone
                },
                found,
                done,
                follow_up,
            });
            d = d + chrono::Days::new(rng.random_range(90..200));
        }
    }
}

/// What a visit on `on` found, did and left to follow up, drawn from the household's own
/// facts that day (a pupil in 初中, an ill member, someone working away) or, failing
/// those, the everyday business of a visit.
fn visit_note(rng: &mut ChaCha8Rng, h: &Household, on: NaiveDate) -> (String, String, String) {
    let present: Vec<Member> = h.members_on(on).into_iter().map(|m| m.as_of(on)).collect();
    let mut notes: Vec<(String, &str, &str)> = names::VISIT_EVERYDAY
        .iter()
        .map(|(f, d, u)| (f.to_string(), *d, *u))
        .collect();
    for m in &present {
        let age = m.age_on(on).unwrap_or(0);
        match m.schooling {
            Some(s @ (Schooling::Grade7 | Schooling::Grade8 | Schooling::Grade9)) => notes.push((
                format!("{}在读{}，学习情况良好，享受教育资助", m.name, s.label()),
                "核实教育资助发放情况",
                "下次走访核实补助到账情况",
            )),
            Some(s) if s.is_student() && age >= 15 => notes.push((
                format!("{}在读{}，寄宿在校，家中负担学费生活费", m.name, s.label()),
                "宣讲雨露计划和助学政策",
                "下次走访核实补助到账情况",
            )),
            _ => {}
        }
        if matches!(m.health, Some(Health::Chronic | Health::SeriousIllness)) {
            notes.push((
                format!(
                    "{}{}，医药费负担较重，已按时参加医保",
                    m.name,
                    m.health.map(|x| x.label()).unwrap_or_default()
                ),
                "协助申请医疗救助，联系村医上门随访",
                "跟踪病情和报销进度",
            ));
        }
        if let Some(place) = m.work.as_ref().and_then(|w| w.place) {
            notes.push((
                format!("{}务工（{}），收入稳定", m.name, place.label()),
                "帮助对接县人社局就业岗位信息",
                "继续关注务工稳定情况",
            ));
        }
    }
    let (found, done, follow) = notes.swap_remove(rng.random_range(0..notes.len()));
    (found, done.to_string(), follow.to_string())
}

/// One to three measures begun after registration (危房改造 and 低保兜底 come with the
/// house and the benefit that they changed, not from here). A kind that does not fit the
/// household over the measure's span gives way to the next one in the list (no new draw).
pub fn measures(rng: &mut ChaCha8Rng, h: &mut Household, s: &Story, today: NaiveDate) {
    if s.identified.is_none() && s.monitoring.is_none() {
        return;
    }
    let latest = today - chrono::Days::new(30);
    for _ in 0..rng.random_range(1..=3) {
        let drawn = rng.random_range(0..names::MEASURES.len());
        let start = (s.start + chrono::Days::new(rng.random_range(20..1000))).min(latest);
        let end = start + chrono::Days::new(rng.random_range(60..365));
        let last = (end - chrono::Days::new(1)).min(today);
        let (class, content, scale, funds, gain, done) = (0..names::MEASURES.len())
            .map(|k| names::MEASURES[(drawn + k) % names::MEASURES.len()])
            .find(|(class, content, ..)| fits(h, class, content, start, last))
            .unwrap_or(names::MEASURES[0]);
        // The same figures in the result text and in the fields (rounded to 100 元).
        let draw = |rng: &mut ChaCha8Rng, (lo, hi): (u32, u32)| {
            (hi > 0).then(|| f64::from(rng.random_range(lo / 100..=hi / 100) * 100))
        };
        let funds = draw(rng, funds);
        let gain = draw(rng, gain);
        h.measures.push(Measure {
            id: None,
            class: MeasureClass::from_code(class).unwrap_or(MeasureClass::Other),
            item: item_of(content),
            content: content.into(),
            scale: Some(scale.into()),
            funds,
            funder: Some(funder(start.year()).into()),
            start,
            end: (end <= today).then_some(end),
            result: Some(match gain {
                Some(g) => format!("户年增收约{g}元"),
                None => done.into(),
            }),
            income_gain: gain,
        });
    }
}

/// The sub-kind of a demo measure, where its content clearly is one.
fn item_of(content: &str) -> Option<MeasureItem> {
    Some(match content {
        "生猪养殖产业奖补" => MeasureItem::IndustryAward,
        "介绍外出务工" => MeasureItem::LaborExport,
        "安排护林员公益性岗位" => MeasureItem::PublicWelfarePost,
        "雨露计划职业教育补助" => MeasureItem::Yulu,
        "家庭医生签约服务与慢病卡办理" => MeasureItem::FamilyDoctor,
        "扶贫小额信贷5万元用于养殖" => MeasureItem::MicroLoan,
        _ => return None,
    })
}

/// Whether a measure kind fits the household from `from` to `to`: 就业帮扶 needs a member
/// with work recorded (so someone can work and does), 雨露计划 a member in 中职/高职.
fn fits(h: &Household, class: &str, content: &str, from: NaiveDate, to: NaiveDate) -> bool {
    let at = |d: NaiveDate, f: fn(&Member) -> bool| h.members_on(d).iter().any(|m| f(&m.as_of(d)));
    let throughout = |f: fn(&Member) -> bool| at(from, f) && at(to, f);
    if item_of(content) == Some(MeasureItem::Yulu) {
        throughout(|m| m.schooling.is_some_and(Schooling::is_vocational))
    } else if class == "employment" {
        throughout(|m| {
            m.labor.is_some_and(|l| l.can_work())
                && m.work.as_ref().is_some_and(|w| w.place.is_some())
        })
    } else {
        true
    }
}

/// The measures that answer a monitored household's risk (一户一策), begun within two
/// months of identification, and 开发式帮扶 for a household that can work when it has
/// none since then.
pub fn monitoring_measures(
    rng: &mut ChaCha8Rng,
    risk: Risk,
    able: bool,
    identified: NaiveDate,
    had: &[Measure],
) -> Vec<Measure> {
    // 一户一策: the measures are agreed at identification.
    let start = identified;
    let measure =
        |item: MeasureItem, content: &str, funds: Option<f64>, funder: &str, result: &str| {
            whole_household(item, content, (funds, funder), result, start, None)
        };
    let mut out = Vec::new();
    match risk {
        Risk::Illness => out.push(measure(
            MeasureItem::MedicalAssistance,
            "医疗救助：住院费用经基本医保、大病保险报销后再救助",
            Some((rng.random_range(20..60) * 100) as f64),
            "县医疗保障局",
            "减轻合规自付医疗费用",
        )),
        Risk::Disability => out.push(measure(
            MeasureItem::DisabilityAllowance,
            "残疾人两项补贴（生活补贴、护理补贴）",
            Some(1_440.0),
            "县残疾人联合会",
            "按月发放残疾人两项补贴",
        )),
        Risk::UnstableWork => out.push(measure(
            MeasureItem::AssistanceWorkshop,
            "就业帮扶：推荐县内工业园区稳定岗位",
            None,
            "县人力资源和社会保障局",
            "已稳定就业",
        )),
        Risk::Accident | Risk::Disaster => out.push(measure(
            MeasureItem::TemporaryRelief,
            if risk == Risk::Disaster {
                "临时救助：受灾后发放临时救助金"
            } else {
                "临时救助：意外事故后发放临时救助金"
            },
            Some((rng.random_range(10..30) * 100) as f64),
            "县民政局",
            "救助金已发放，基本生活有保障",
        )),
        _ => {}
    }
    let development = |m: &Measure| m.class.is_development();
    if able
        && !had
            .iter()
            .filter(|m| m.start <= start)
            .chain(&out)
            .any(development)
    {
        out.push(measure(
            MeasureItem::IndustryAward,
            "产业奖补：发展脐橙种植",
            Some((rng.random_range(10..30) * 100) as f64),
            "县农业农村局",
            "新种脐橙，三年后挂果",
        ));
    }
    out
}

/// 纳入农村低保兜底 on the day the benefit began, ended when it stopped.
pub fn dibao_measure(start: NaiveDate, end: Option<NaiveDate>) -> Measure {
    whole_household(
        MeasureItem::Dibao,
        "纳入农村低保兜底",
        (None, "县民政局"),
        "按月发放低保金",
        start,
        end,
    )
}

/// 纳入特困人员分散供养 on the day the benefit began (for life).
pub fn tekun_measure(start: NaiveDate) -> Measure {
    whole_household(
        MeasureItem::Tekun,
        "纳入特困人员分散供养",
        (None, "县民政局"),
        "按月发放特困供养金",
        start,
        None,
    )
}

/// A measure for the whole household, funded by `funder` (with `funds` when known).
fn whole_household(
    item: MeasureItem,
    content: &str,
    (funds, funder): (Option<f64>, &str),
    result: &str,
    start: NaiveDate,
    end: Option<NaiveDate>,
) -> Measure {
    Measure {
        id: None,
        class: item.class(),
        item: Some(item),
        content: content.into(),
        scale: Some("全户".into()),
        funds,
        funder: Some(funder.into()),
        start,
        end,
        result: Some(result.into()),
        income_gain: None,
    }
}
