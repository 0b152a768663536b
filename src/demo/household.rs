//! One demo household: its story (statuses by date), members growing up, living
//! conditions that improve, benefits that start and stop, income book, pairings, visits,
//! measures, monitoring and member-change events, consistent with each other.

use super::people::{self, Person};
use super::story::{self, date, Story};
use super::timeline::{code, doc_no, Timeline};
use super::{care, home, income, names};
use crate::codes::*;
use crate::model::*;
use chrono::{Datelike, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;
use serde_json::Value;

const AREA: &str = "360729";
const CIVIL_AFFAIRS: &str = "全南县民政局";

/// 低保 and 特困 over time, for the members who draw them.
#[derive(Debug, Clone, Default)]
pub struct Benefits {
    /// 低保: from, until (exclusive).
    pub dibao: Option<(NaiveDate, Option<NaiveDate>)>,
    /// 特困供养 from.
    pub tekun: Option<NaiveDate>,
    /// How many members (the first ones) draw them.
    pub members: usize,
}

impl Benefits {
    pub fn dibao_in(&self, year: i32) -> bool {
        self.dibao
            .is_some_and(|(from, to)| from.year() <= year && to.is_none_or(|t| year < t.year()))
    }

    pub fn tekun_in(&self, year: i32) -> bool {
        self.tekun.is_some_and(|t| t.year() <= year)
    }

    fn dibao_on(&self, d: NaiveDate) -> bool {
        self.dibao
            .is_some_and(|(from, to)| from <= d && to.is_none_or(|t| d < t))
    }

    fn tekun_on(&self, d: NaiveDate) -> bool {
        self.tekun.is_some_and(|t| t <= d)
    }
}

/// The benefits of the household and the attribute (贫困户属性) they give it over time.
fn benefits(
    rng: &mut ChaCha8Rng,
    s: &Story,
    attribute: Option<Attribute>,
    village: &str,
) -> (Benefits, Option<Timeline>) {
    let mut b = Benefits::default();
    let attr = |a: Attribute| code(a.code());
    let Some(identified) = s.identified else {
        // A monitored household may be taken into 低保 soon after identification.
        if let Some(m) = s.monitoring.filter(|_| rng.random_bool(0.4)) {
            b.dibao = Some((
                m.identified + chrono::Days::new(rng.random_range(20..90)),
                None,
            ));
            b.members = 2;
        }
        return (b, None);
    };
    let exit = s.exit.unwrap_or(identified);
    let mut t = attribute.map(|a| Timeline::new("attribute", identified, attr(a)));
    match attribute {
        Some(Attribute::Dibao) => {
            b.members = 2;
            let stop = (exit.year() <= 2019 && rng.random_bool(0.3)).then(|| {
                date(
                    exit.year() + rng.random_range(1..=2),
                    rng.random_range(3..=9),
                    rng.random_range(1..=28),
                )
            });
            b.dibao = Some((identified, stop));
            if let (Some(t), Some(stop)) = (t.as_mut(), stop) {
                t.change(
                    stop,
                    attr(Attribute::General),
                    "家庭收入超过低保标准，退出低保",
                    Some(doc_no(CIVIL_AFFAIRS, village, stop.year(), "dibao_stop")),
                );
            }
        }
        Some(Attribute::Tekun) => {
            // 低保 from identification; 特困供养 (兜底) from the exit year, which lifts
            // the household over the line.
            b.members = 1;
            if exit.year() > identified.year() {
                let from = date(
                    exit.year(),
                    rng.random_range(2..=6),
                    rng.random_range(1..=28),
                );
                b.dibao = Some((identified, Some(from)));
                b.tekun = Some(from);
                t = Some(Timeline::new(
                    "attribute",
                    identified,
                    attr(Attribute::Dibao),
                ));
                if let Some(t) = t.as_mut() {
                    t.change(
                        from,
                        attr(Attribute::Tekun),
                        "纳入特困人员分散供养",
                        Some(doc_no(CIVIL_AFFAIRS, village, from.year(), "tekun")),
                    );
                }
            } else {
                b.tekun = Some(identified);
            }
        }
        _ => {}
    }
    (b, t)
}

/// Sets the benefits on the members who draw them, with their history.
fn apply_benefits(members: &mut [Member], b: &Benefits, household_start: NaiveDate) {
    let mut changes: Vec<NaiveDate> = Vec::new();
    if let Some((from, to)) = b.dibao {
        changes.push(from);
        changes.extend(to);
    }
    changes.extend(b.tekun);
    for m in members.iter_mut().take(b.members) {
        let start = m
            .recorded_from
            .unwrap_or_else(|| household_start.max(m.birth_date().unwrap_or(household_start)));
        let mut dibao = Timeline::new("dibao", start, Value::Bool(b.dibao_on(start)));
        let tekun_code = |on: bool| code(if on { Tekun::Dispersed } else { Tekun::No }.code());
        let mut tekun = Timeline::new("tekun", start, tekun_code(b.tekun_on(start)));
        for &d in changes.iter().filter(|d| **d > start) {
            let reason = if b.dibao_on(d) {
                "纳入农村低保"
            } else {
                "停发低保"
            };
            dibao.change(d, Value::Bool(b.dibao_on(d)), reason, None);
            tekun.change(d, tekun_code(b.tekun_on(d)), "纳入特困人员分散供养", None);
        }
        m.dibao = Some(dibao.current() == &Value::Bool(true));
        m.tekun = Some(if tekun.current() == &tekun_code(true) {
            Tekun::Dispersed
        } else {
            Tekun::No
        });
        let before = m.history.len();
        dibao.write(false, &mut m.history);
        tekun.write(false, &mut m.history);
        if m.history.len() > before {
            m.recorded_from = Some(start);
        }
    }
}

pub fn generate(
    rng: &mut ChaCha8Rng,
    seed: u64,
    village: &str,
    index: usize,
    cadres: &[Cadre],
    today: NaiveDate,
) -> Household {
    let id = derived_id(&[&seed.to_string(), village, "household", &index.to_string()]);
    let mut s = story::draw(rng, village);
    let attribute = s.identified.map(|_| match rng.random_range(0..100) {
        0..=74 => Attribute::General,
        75..=94 => Attribute::Dibao,
        // 特困供养 is 兜底 for life: such a household does not fall back into poverty.
        _ if s.relapse.is_some() => Attribute::General,
        _ => Attribute::Tekun,
    });
    let mut main_cause = s.identified.map(|_| {
        [
            Cause::Illness,
            Cause::Illness,
            Cause::Illness,
            Cause::LackSkills,
            Cause::LackSkills,
            Cause::LackFunds,
            Cause::LackFunds,
            Cause::LackLabor,
            Cause::Disability,
            Cause::Schooling,
            Cause::Disaster,
            Cause::LackMotivation,
            Cause::PoorTransport,
            Cause::LackLand,
        ][rng.random_range(0..14)]
    });
    let tekun = attribute == Some(Attribute::Tekun);
    let mut members = build_members(rng, &id, &s, main_cause, tekun, today);
    if !cause_borne(&s, main_cause, &members, today) {
        main_cause = Some(Cause::LackFunds);
    }
    // A household with nobody able to work stays monitored under 兜底 (风险消除 needs
    // someone who can work).
    let able = members
        .iter()
        .any(|m| m.labor.is_some_and(|l| l.can_work()));
    if let Some(m) = s
        .monitoring
        .as_mut()
        .filter(|m| m.eliminated.is_some() && !able)
    {
        m.eliminated = None;
        s.status = Status::Monitored;
    }
    let (benefits, attribute_t) = benefits(rng, &s, attribute, village);
    apply_benefits(&mut members, &benefits, s.start);
    let events = member_events(rng, &members, s.start, today);
    let home = home::draw(rng, &s, today);
    let mut history = Vec::new();
    story::status_periods(&s, village, &mut history);
    history.extend(home.periods);
    let attribute = match attribute_t {
        Some(t) => {
            let now = t.current().as_str().and_then(Attribute::from_code);
            t.write(false, &mut history);
            now
        }
        None => attribute,
    };
    let group = names::GROUPS[index % names::GROUPS.len()];
    let mut h = Household {
        id: id.clone(),
        code: format!("{village}{:04}", index + 1),
        group: Some(group.to_string()),
        address: Some(format!(
            "江西省赣州市全南县{}{}",
            group,
            people::pick(rng, &["屋场", "新村", "上屋", "下屋", "老屋"])
        )),
        phone: Some(people::phone(rng)),
        identified_year: s.identified_year(),
        standard: s.identified.map(|_| Standard::National),
        attribute,
        status: Some(s.status),
        exit_year: s.exit_year(),
        main_cause,
        other_causes: Vec::new(),
        food_clothing_secure: Some(true),
        conditions: home.conditions,
        members,
        events,
        recorded_from: Some(s.start),
        history,
        ..Household::default()
    };
    if let Some(main) = main_cause {
        for _ in 0..rng.random_range(0..=2) {
            let c = [
                Cause::LackFunds,
                Cause::LackSkills,
                Cause::LackLabor,
                Cause::PoorTransport,
                Cause::Illness,
            ][rng.random_range(0..5)];
            if c != main && !h.other_causes.contains(&c) {
                h.other_causes.push(c);
            }
        }
    }
    income::book(rng, &mut h, &s, &benefits, today);
    care::pairings_and_visits(rng, &mut h, &s, cadres, today);
    care::measures(rng, &mut h, &s, today);
    h.measures.extend(home.rebuild);
    // 兜底 measures with the benefits, from the day the ledger knew them.
    if let Some((from, to)) = benefits.dibao.filter(|(from, _)| *from <= today) {
        h.measures.push(care::dibao_measure(
            from.max(s.start),
            to.filter(|t| *t <= today),
        ));
    }
    if let Some(from) = benefits.tekun.filter(|from| *from <= today) {
        h.measures.push(care::tekun_measure(from.max(s.start)));
    }
    h.measures.sort_by_key(|m| m.start);
    if let Some(m) = s.monitoring {
        monitoring(rng, &mut h, m, cadres, today);
    }
    super::work::record(rng, &mut h, today);
    h
}

/// Whether a member bears the main cause (因病: an ill member; 因学: a student) at the
/// end of every poor year: the cause is the hardship of those years.
fn cause_borne(s: &Story, cause: Option<Cause>, members: &[Member], today: NaiveDate) -> bool {
    let (Some(from), Some(cause)) = (s.identified_year(), cause) else {
        return true;
    };
    let mut to = s.exit_year().map_or(today.year(), |e| e - 1).max(from);
    if let Some(r) = s.relapse {
        // 返贫 brings the cause back until the household is monitored (2020 at the latest).
        to = to.max(r.year().max(2020)).min(today.year());
    }
    (from..=to).all(|y| {
        let on = date(y, 12, 31).min(today);
        members
            .iter()
            .filter(|m| m.birth_date().is_none_or(|b| b <= on))
            .any(|m| {
                let m = m.as_of(on);
                match cause {
                    Cause::Illness => {
                        matches!(m.health, Some(Health::Chronic | Health::SeriousIllness))
                    }
                    Cause::Schooling => m.schooling.is_some_and(|s| s.is_student()),
                    Cause::Disability => m.health == Some(Health::Disabled),
                    _ => true,
                }
            })
    })
}

fn monitoring(
    rng: &mut ChaCha8Rng,
    h: &mut Household,
    m: story::Episode,
    cadres: &[Cadre],
    today: NaiveDate,
) {
    // Risks the members still bear today (a risk borne by someone since gone is not kept).
    let stay: Vec<&Member> = h
        .members_on(today)
        .into_iter()
        .filter(|p| h.is_registered_on(p, m.identified))
        .collect();
    let ill = stay
        .iter()
        .any(|p| matches!(p.health, Some(Health::Chronic | Health::SeriousIllness)));
    let disabled = stay.iter().any(|p| p.health == Some(Health::Disabled));
    let until = m.eliminated.unwrap_or(today);
    let able = (m.identified.year()..=until.year()).any(|y| {
        let on = date(y, 12, 31).min(until).max(m.identified);
        h.members_on(on)
            .iter()
            .any(|p| p.as_of(on).labor.is_some_and(|l| l.can_work()))
    });
    let risk = match h.main_cause {
        Some(Cause::Illness) if ill => Risk::Illness,
        Some(Cause::Disability) if disabled => Risk::Disability,
        _ => {
            let mut choices = vec![Risk::Accident, Risk::Disaster];
            if ill {
                choices.push(Risk::Illness);
            }
            // 务工就业不稳 needs someone able to work and working (work recorded) then and
            // still now: the 就业帮扶 that answers it keeps that job, it does not invent one.
            let works = |p: &&Member, on: NaiveDate| {
                let p = p.as_of(on);
                p.labor.is_some_and(|l| l.can_work())
                    && p.work.as_ref().is_some_and(|w| w.place.is_some())
            };
            if stay
                .iter()
                .any(|p| works(p, m.identified) && works(p, today))
            {
                choices.push(Risk::UnstableWork);
            }
            choices[rng.random_range(0..choices.len())]
        }
    };
    h.measures.extend(care::monitoring_measures(
        rng,
        risk,
        able,
        m.identified,
        &h.measures,
    ));
    h.monitoring = Some(Monitoring {
        id: None,
        kind: m.kind,
        identified: m.identified,
        channel: Some(
            [
                MonitoringChannel::SelfReport,
                MonitoringChannel::CadreCheck,
                MonitoringChannel::DepartmentAlert,
            ][rng.random_range(0..3)],
        ),
        risks: vec![risk],
        eliminated: m.eliminated,
        elimination_mode: m.eliminated.map(|_| EliminationMode::Assisted),
        // 因自然灾害子项: the kind of the year's disaster (by the month it struck).
        disaster: (risk == Risk::Disaster)
            .then(|| ["洪涝", "风雹", "干旱"][m.identified.month0() as usize % 3].to_string()),
        risk_note: None,
        procedure: Vec::new(),
    });
    let mut procedure =
        super::procedure::steps(rng, ProcedureStage::Identification, m.identified, h, cadres);
    if let Some(done) = m.eliminated {
        procedure.extend(super::procedure::steps(
            rng,
            ProcedureStage::Elimination,
            done,
            h,
            cadres,
        ));
    }
    if let Some(record) = h.monitoring.as_mut() {
        record.procedure = procedure;
    }
    if m.kind == MonitoringKind::SuddenHardship || risk == Risk::Illness {
        let amount = rng.random_range(20_000..80_000) as f64;
        h.rigid_expenses.push(RigidExpense {
            id: None,
            date: m.identified - chrono::Days::new(rng.random_range(10..60)),
            kind: RigidKind::Medical,
            item: "住院治疗".into(),
            amount,
            reimbursed: (amount * rng.random_range(0.4..0.7)).round(),
        });
    }
}

fn build_members(
    rng: &mut ChaCha8Rng,
    hid: &str,
    s: &Story,
    cause: Option<Cause>,
    tekun: bool,
    today: NaiveDate,
) -> Vec<Member> {
    let head_sex = if rng.random_bool(0.88) {
        Sex::Male
    } else {
        Sex::Female
    };
    let surname = people::pick(rng, names::SURNAMES).to_string();
    let head_year0 = if tekun {
        rng.random_range(1938..1966)
    } else {
        rng.random_range(1945..1992)
    };
    let head_birth = people::birth_in(rng, head_year0);
    let size = match rng.random_range(0..100) {
        _ if tekun => 1,
        0..=9 => 1,
        10..=28 => 2,
        29..=53 => 3,
        54..=77 => 4,
        78..=92 => 5,
        _ => 6,
    };
    let mut out = Vec::new();
    // Names given so far: a son is not named after his father.
    let mut taken: Vec<String> = Vec::new();
    let mut add =
        |rng: &mut ChaCha8Rng, name: String, sex: Sex, birth: NaiveDate, relation: Relation| {
            let n = out.len();
            let sick = n == 0 && cause == Some(Cause::Illness) || rng.random_bool(0.05);
            // 特困 under 60 means a severe disability (no labour, no supporter).
            let disabled =
                n == 0 && (cause == Some(Cause::Disability) || (tekun && head_year0 > 1953));
            out.push(people::member(
                rng,
                Person {
                    id: derived_id(&[hid, "member", &n.to_string()]),
                    name,
                    sex,
                    birth,
                    relation,
                    start: s.start,
                    today,
                    sick,
                    disabled,
                    tekun: tekun && n == 0,
                    area: AREA,
                },
            ));
        };
    let head_name = people::full_name(rng, head_sex, Some(&surname));
    taken.push(head_name.clone());
    add(rng, head_name, head_sex, head_birth, Relation::Head);
    let head_year = head_birth.year();
    if size >= 2 {
        let sex = if head_sex == Sex::Male {
            Sex::Female
        } else {
            Sex::Male
        };
        let name = people::full_name(rng, sex, None);
        taken.push(name.clone());
        let y = (head_year + rng.random_range(-4..5)).min(1998);
        let birth = people::birth_in(rng, y);
        add(rng, name, sex, birth, Relation::Spouse);
    }
    // One father and one mother at most; children born at least two years apart.
    let mut parents: Vec<Relation> = Vec::new();
    let mut children: Vec<i32> = Vec::new();
    for _ in 2..size {
        let young = head_year + rng.random_range(22..34);
        let parent = if rng.random_bool(0.5) {
            (Sex::Male, Relation::Father)
        } else {
            (Sex::Female, Relation::Mother)
        };
        let parent = [
            parent,
            (Sex::Male, Relation::Father),
            (Sex::Female, Relation::Mother),
        ]
        .into_iter()
        .find(|(_, r)| !parents.contains(r));
        let elder = young > 2024 || (rng.random_bool(0.15) && head_year > 1965);
        if let Some((sex, relation)) = parent.filter(|_| elder) {
            parents.push(relation);
            let family = (sex == Sex::Male).then_some(surname.as_str());
            let name = unique_name(rng, sex, family, &mut taken);
            let y = head_year - rng.random_range(22..30);
            let birth = people::birth_in(rng, y);
            add(rng, name, sex, birth, relation);
        } else {
            let year = (0..12)
                .map(|k| (young + k).min(2024))
                .find(|y| children.iter().all(|c| (c - y).abs() >= 2));
            let Some(year) = year.filter(|_| young <= 2024) else {
                continue;
            };
            children.push(year);
            let sex = if rng.random_bool(0.52) {
                Sex::Male
            } else {
                Sex::Female
            };
            let relation = if sex == Sex::Male {
                Relation::Son
            } else {
                Relation::Daughter
            };
            let name = unique_name(rng, sex, Some(&surname), &mut taken);
            let birth = people::birth_in(rng, year);
            add(rng, name, sex, birth, relation);
        }
    }
    out
}

/// A name no member of the household has yet (a son is not named after his father),
/// added to `taken`.
fn unique_name(
    rng: &mut ChaCha8Rng,
    sex: Sex,
    surname: Option<&str>,
    taken: &mut Vec<String>,
) -> String {
    let mut name = people::full_name(rng, sex, surname);
    for _ in 0..20 {
        if !taken.contains(&name) {
            break;
        }
        name = people::full_name(rng, sex, surname);
    }
    taken.push(name.clone());
    name
}

/// Births after the household was registered, and deaths of the old.
fn member_events(
    rng: &mut ChaCha8Rng,
    members: &[Member],
    start: NaiveDate,
    today: NaiveDate,
) -> Vec<Event> {
    let mut events = Vec::new();
    for m in members {
        let Some(birth) = m.birth_date() else {
            continue;
        };
        if birth > start && birth <= today {
            events.push(Event {
                id: None,
                date: birth,
                kind: EventKind::Birth,
                member: Some(m.id.clone()),
                note: Some("新生儿登记".into()),
            });
        }
        let (first, last) = (start.year() + 1, today.year() - 1);
        if birth.year() < 1950
            && m.relation != Some(Relation::Head)
            && first <= last
            && rng.random_bool(0.25)
        {
            let d = date(
                rng.random_range(first..=last),
                rng.random_range(1..=12),
                rng.random_range(1..=28),
            );
            events.push(Event {
                id: None,
                date: d,
                kind: EventKind::Death,
                member: Some(m.id.clone()),
                note: Some("因病去世，已注销户口".into()),
            });
        }
    }
    events.sort_by_key(|e| e.date);
    events
}
