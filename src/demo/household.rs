//! One demo household: members, status history, income book, pairings, visits, measures,
//! monitoring and member-change events, consistent with each other.

use super::names;
use super::people::{self, Person};
use crate::codes::*;
use crate::model::*;
use chrono::{Datelike, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

const AREA: &str = "360729";

/// The line a household's income is steered around (national line to 2020, then a
/// monitoring-scale line). Only shapes the demo; the rules engine has its own parameters.
fn line(year: i32) -> f64 {
    match year {
        i32::MIN..=2014 => 2800.0,
        2015 => 2855.0,
        2016 | 2017 => 2952.0,
        2018 => 2995.0,
        2019 => 3218.0,
        2020 => 4000.0,
        2021 => 6000.0,
        2022 => 6500.0,
        2023 => 7300.0,
        2024 => 8000.0,
        _ => 8700.0,
    }
}

fn date(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("valid demo date")
}

/// The status story of one household.
struct Story {
    identified: Option<i32>,
    exit: Option<i32>,
    status: Status,
    relapse: Option<i32>,
    monitoring: Option<(MonitoringKind, NaiveDate, Option<NaiveDate>)>,
}

fn story(rng: &mut ChaCha8Rng) -> Story {
    let registered = rng.random_bool(0.36);
    let mut s = Story {
        identified: None,
        exit: None,
        status: Status::Ordinary,
        relapse: None,
        monitoring: None,
    };
    if registered {
        let identified = *[2014, 2014, 2014, 2015, 2016, 2017]
            .get(rng.random_range(0..6))
            .unwrap_or(&2014);
        s.identified = Some(identified);
        let roll: f64 = rng.random();
        let exit = [2015, 2016, 2016, 2017, 2017, 2018, 2018, 2019, 2019, 2020]
            [rng.random_range(0..10)]
        .max(identified + 1);
        if roll < 0.025 {
            s.status = Status::Poor;
        } else if roll < 0.05 {
            s.status = Status::Relapsed;
            s.exit = Some(exit.min(2018));
            s.relapse = Some(s.exit.unwrap_or(2018) + 2);
        } else {
            s.status = Status::Exited;
            s.exit = Some(exit.min(2020));
            if roll < 0.1 {
                s.relapse = Some(s.exit.unwrap_or(2017) + 1);
            }
        }
    }
    let m: f64 = rng.random();
    if m < 0.07 && s.status != Status::Poor && s.status != Status::Relapsed {
        let kind = match (s.status, m < 0.025) {
            (Status::Exited, _) => MonitoringKind::UnstableExited,
            (_, true) => MonitoringKind::SuddenHardship,
            _ => MonitoringKind::Marginal,
        };
        let identified = date(
            rng.random_range(2021..=2024),
            rng.random_range(1..=12),
            rng.random_range(1..=28),
        );
        let eliminated = (identified.year() <= 2023 && rng.random_bool(0.6))
            .then(|| identified + chrono::Days::new(rng.random_range(200..500)));
        s.status = if eliminated.is_some() {
            Status::RiskEliminated
        } else {
            Status::Monitored
        };
        s.monitoring = Some((kind, identified, eliminated));
    }
    s
}

pub fn generate(
    rng: &mut ChaCha8Rng,
    seed: u64,
    village: &str,
    index: usize,
    cadres: &[Cadre],
) -> Household {
    let id = derived_id(&[&seed.to_string(), village, "household", &index.to_string()]);
    let s = story(rng);
    let attribute = s.identified.map(|_| match rng.random_range(0..100) {
        0..=74 => Attribute::General,
        75..=94 => Attribute::Dibao,
        _ => Attribute::Tekun,
    });
    let main_cause = s.identified.map(|_| {
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
    let mut members = build_members(rng, &id, &s, attribute, main_cause);
    if attribute == Some(Attribute::Tekun) {
        members.truncate(1);
        members[0].labor = Some(Labor::Lost);
        members[0].work = None;
        members[0].tekun = Some(Tekun::Dispersed);
        members[0].dibao = Some(false);
        members[0].has_legal_supporter = Some(false);
    }
    let events = member_events(rng, &id, &members, s.identified.unwrap_or(2021));
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
        identified_year: s.identified,
        standard: s.identified.map(|_| Standard::National),
        attribute,
        status: Some(s.status),
        exit_year: s.exit,
        main_cause,
        other_causes: Vec::new(),
        food_clothing_secure: Some(true),
        conditions: conditions(rng, s.status),
        members,
        events,
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
    income_book(rng, &mut h, &s);
    pairings_and_visits(rng, &mut h, &s, cadres);
    measures(rng, &mut h, &s);
    if let Some((kind, identified, eliminated)) = s.monitoring {
        let risk = match main_cause {
            Some(Cause::Illness) => Risk::Illness,
            Some(Cause::Disability) => Risk::Disability,
            _ => [
                Risk::Illness,
                Risk::UnstableWork,
                Risk::Accident,
                Risk::Disaster,
            ][rng.random_range(0..4)],
        };
        h.monitoring = Some(Monitoring {
            id: None,
            kind,
            identified,
            channel: Some(
                [
                    MonitoringChannel::SelfReport,
                    MonitoringChannel::CadreCheck,
                    MonitoringChannel::DepartmentAlert,
                ][rng.random_range(0..3)],
            ),
            risks: vec![risk],
            eliminated,
        });
        if kind == MonitoringKind::SuddenHardship || risk == Risk::Illness {
            let amount = rng.random_range(20_000..80_000) as f64;
            h.rigid_expenses.push(RigidExpense {
                id: None,
                date: identified - chrono::Days::new(rng.random_range(10..60)),
                kind: RigidKind::Medical,
                item: "住院治疗".into(),
                amount,
                reimbursed: (amount * rng.random_range(0.4..0.7)).round(),
            });
        }
    }
    h
}

fn build_members(
    rng: &mut ChaCha8Rng,
    hid: &str,
    s: &Story,
    attribute: Option<Attribute>,
    cause: Option<Cause>,
) -> Vec<Member> {
    let on = date(2025, 12, 31);
    let head_sex = if rng.random_bool(0.88) {
        Sex::Male
    } else {
        Sex::Female
    };
    let surname = people::pick(rng, names::SURNAMES).to_string();
    let head_year0 = rng.random_range(1945..1992);
    let head_birth = people::birth_in(rng, head_year0);
    let size = match rng.random_range(0..100) {
        0..=9 => 1,
        10..=28 => 2,
        29..=53 => 3,
        54..=77 => 4,
        78..=92 => 5,
        _ => 6,
    };
    let dibao = attribute == Some(Attribute::Dibao);
    let mut out = Vec::new();
    let mut add =
        |rng: &mut ChaCha8Rng, name: String, sex: Sex, birth: NaiveDate, relation: Relation| {
            let n = out.len();
            let sick = n == 0 && cause == Some(Cause::Illness) || rng.random_bool(0.05);
            let disabled = n == 0 && cause == Some(Cause::Disability);
            out.push(people::member(
                rng,
                Person {
                    id: derived_id(&[hid, "member", &n.to_string()]),
                    name,
                    sex,
                    birth,
                    relation,
                    on,
                    sick,
                    disabled,
                    dibao: dibao && n < 2,
                    tekun: false,
                    area: AREA,
                },
            ));
        };
    let head_name = people::full_name(rng, head_sex, Some(&surname));
    add(rng, head_name, head_sex, head_birth, Relation::Head);
    let head_year = head_birth.year();
    if size >= 2 {
        let sex = if head_sex == Sex::Male {
            Sex::Female
        } else {
            Sex::Male
        };
        let name = people::full_name(rng, sex, None);
        let y = (head_year + rng.random_range(-4..5)).min(1998);
        let birth = people::birth_in(rng, y);
        add(rng, name, sex, birth, Relation::Spouse);
    }
    for _ in 2..size {
        let young = head_year + rng.random_range(22..34);
        if young > 2024 || (rng.random_bool(0.15) && head_year > 1965) {
            let sex = if rng.random_bool(0.5) {
                Sex::Male
            } else {
                Sex::Female
            };
            let relation = if sex == Sex::Male {
                Relation::Father
            } else {
                Relation::Mother
            };
            let name = people::full_name(
                rng,
                sex,
                if sex == Sex::Male {
                    Some(&surname)
                } else {
                    None
                },
            );
            let y = head_year - rng.random_range(22..30);
            let birth = people::birth_in(rng, y);
            add(rng, name, sex, birth, relation);
        } else {
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
            let name = people::full_name(rng, sex, Some(&surname));
            let birth = people::birth_in(rng, young.min(2024));
            add(rng, name, sex, birth, relation);
        }
    }
    if cause == Some(Cause::Schooling)
        && !out
            .iter()
            .any(|m| m.schooling.is_some_and(|s| s.is_student()))
    {
        if let Some(last) = out
            .last_mut()
            .filter(|m| m.relation != Some(Relation::Head))
        {
            last.schooling = Some(Schooling::Vocational2);
        }
    }
    let _ = s;
    out
}

fn member_events(
    rng: &mut ChaCha8Rng,
    hid: &str,
    members: &[Member],
    identified: i32,
) -> Vec<Event> {
    let mut events = Vec::new();
    for m in members {
        let Some(birth) = m.birth_date() else {
            continue;
        };
        if birth.year() > identified && birth.year() <= 2025 {
            events.push(Event {
                id: None,
                date: birth,
                kind: EventKind::Birth,
                member: Some(m.id.clone()),
                note: Some("新生儿登记".into()),
            });
        }
        if birth.year() < 1950 && m.relation != Some(Relation::Head) && rng.random_bool(0.25) {
            let year = rng.random_range(2016..=2025);
            let d = date(year, rng.random_range(1..=12), rng.random_range(1..=28));
            events.push(Event {
                id: None,
                date: d,
                kind: EventKind::Death,
                member: Some(m.id.clone()),
                note: Some("因病去世，已注销户口".into()),
            });
        }
    }
    let _ = hid;
    events.sort_by_key(|e| e.date);
    events
}

fn conditions(rng: &mut ChaCha8Rng, status: Status) -> Conditions {
    let grade = if status == Status::Poor && rng.random_bool(0.5) {
        HouseGrade::C
    } else if rng.random_bool(0.7) {
        HouseGrade::A
    } else {
        HouseGrade::B
    };
    let relocated = rng.random_bool(0.06);
    Conditions {
        farmland_mu: Some((rng.random_range(5..60) as f64) / 10.0),
        irrigated_mu: Some((rng.random_range(0..20) as f64) / 10.0),
        forest_mu: Some(rng.random_range(0..30) as f64),
        grassland_mu: Some(0.0),
        water_surface_mu: Some(0.0),
        house_area_m2: Some(rng.random_range(40..180) as f64),
        house_grade: Some(grade),
        relocation: relocated.then_some(Relocation {
            mode: Some(RelocationMode::Centralized),
            moved_in: Some(true),
        }),
        drinking_water_safe: Some(status != Status::Poor || rng.random_bool(0.5)),
        electricity: Some(true),
        sanitary_toilet: Some(rng.random_bool(0.85)),
        road_distance_km: Some((rng.random_range(0..50) as f64) / 10.0),
        road_type: Some(if rng.random_bool(0.8) {
            RoadType::Cement
        } else {
            RoadType::Gravel
        }),
        fuel: Some([Fuel::Firewood, Fuel::Clean, Fuel::Clean, Fuel::Coal][rng.random_range(0..4)]),
        cooperative_member: Some(rng.random_bool(0.3)),
    }
}

/// Net income per person steered around the line: below it while poor, above it after exit.
fn target_per_person(rng: &mut ChaCha8Rng, s: &Story, year: i32) -> f64 {
    let l = line(year);
    let registered_poor =
        s.identified.is_some_and(|i| year >= i) && s.exit.is_none_or(|e| year < e);
    let relapsed = s
        .relapse
        .is_some_and(|r| year == r || (s.status == Status::Relapsed && year >= r));
    let monitored = s.monitoring.is_some_and(|(_, d, e)| {
        year == d.year() || e.is_none_or(|e| year < e.year()) && year >= d.year()
    });
    if registered_poor || relapsed {
        l * rng.random_range(0.55..0.95)
    } else if monitored {
        line(year.max(2021)) * rng.random_range(0.8..1.05)
    } else if s.identified.is_some() {
        l * rng.random_range(1.25..1.9)
            * (1.0 + 0.06 * (year - s.exit.unwrap_or(year)).max(0) as f64)
    } else {
        rng.random_range(9_000.0..24_000.0) * (1.0 + 0.05 * (year - 2021) as f64)
    }
}

fn income_book(rng: &mut ChaCha8Rng, h: &mut Household, s: &Story) {
    let first = s
        .identified
        .unwrap_or(2021)
        .min(s.monitoring.map(|m| m.1.year()).unwrap_or(2100));
    for year in first..=2025 {
        let people = h.members_on(date(year, 12, 31)).len().max(1) as f64;
        let net = (target_per_person(rng, s, year) * people).round();
        let workers = h.members.iter().any(|m| m.work.is_some());
        let dibao = h.members.iter().any(|m| m.dibao == Some(true));
        let tekun = h
            .members
            .iter()
            .any(|m| m.tekun.is_some_and(|t| t != Tekun::No));
        let mut transfer = 0.0;
        let push = |h: &mut Household, category, item: &str, amount: f64, counted| {
            if amount > 0.0 {
                h.income.push(IncomeLine {
                    id: None,
                    year,
                    month: None,
                    category,
                    item: item.into(),
                    amount: amount.round(),
                    counted,
                });
            }
        };
        if dibao {
            transfer += 2400.0 * people.min(2.0);
            push(
                h,
                IncomeCategory::Transfer,
                "低保金",
                2400.0 * people.min(2.0),
                true,
            );
        }
        if tekun {
            transfer += 5400.0;
            push(h, IncomeCategory::Transfer, "特困供养金", 5400.0, true);
        }
        let eco = (rng.random_range(1..6) * 60) as f64;
        transfer += eco;
        push(h, IncomeCategory::Transfer, "生态补偿金", eco, true);
        let rest = (net - transfer).max(net * 0.2);
        let property = if year >= 2018 && s.identified.is_some() {
            (rest * 0.08).round()
        } else {
            0.0
        };
        push(h, IncomeCategory::Property, "光伏分红", property, true);
        let wage = if workers {
            ((rest - property) * rng.random_range(0.55..0.8)).round()
        } else {
            0.0
        };
        push(h, IncomeCategory::Wage, "务工收入", wage, true);
        let farming_net = rest - property - wage;
        let gross = (farming_net / 0.6).round();
        push(h, IncomeCategory::Business, "种植养殖收入", gross, true);
        if gross > 0.0 {
            h.expenses.push(Expense {
                id: None,
                year,
                month: None,
                category: IncomeCategory::Business,
                item: "种子化肥饲料投入".into(),
                amount: (gross - farming_net).round(),
            });
        }
        if s.identified.is_some_and(|i| year >= i) && year <= 2020 && rng.random_bool(0.3) {
            push(h, IncomeCategory::Transfer, "产业扶持补助", 1500.0, false);
        }
    }
}

fn pairings_and_visits(rng: &mut ChaCha8Rng, h: &mut Household, s: &Story, cadres: &[Cadre]) {
    let start = match (s.identified, s.monitoring) {
        (Some(y), _) => date(y, rng.random_range(3..=6), rng.random_range(1..=28)),
        (None, Some((_, d, _))) => d + chrono::Days::new(rng.random_range(3..15)),
        _ => return,
    };
    let end_of_history = date(2025, 12, 31);
    let first = &cadres[rng.random_range(0..cadres.len())];
    let mut spans = vec![(first.id.clone(), start, None)];
    if rng.random_bool(0.3) {
        let change = start + chrono::Days::new(rng.random_range(500..2000));
        if change < end_of_history {
            let next = &cadres[rng.random_range(0..cadres.len())];
            spans[0].2 = Some(change - chrono::Days::new(1));
            spans.push((next.id.clone(), change, None));
        }
    }
    for (cadre, start, end) in &spans {
        h.pairings.push(Pairing {
            id: None,
            cadre: cadre.clone(),
            role: PairingRole::First,
            start: *start,
            end: *end,
        });
    }
    if rng.random_bool(0.35) {
        let second = &cadres[rng.random_range(0..cadres.len())];
        h.pairings.push(Pairing {
            id: None,
            cadre: second.id.clone(),
            role: PairingRole::Second,
            start,
            end: None,
        });
    }
    for (cadre, from, to) in spans {
        let to = to.unwrap_or(end_of_history);
        let mut d = from + chrono::Days::new(rng.random_range(5..40));
        while d <= to {
            h.visits.push(Visit {
                id: None,
                date: d,
                cadre: cadre.clone(),
                mode: if rng.random_bool(0.8) {
                    VisitMode::Home
                } else {
                    VisitMode::Phone
                },
                found: people::pick(rng, names::VISIT_FOUND).into(),
                done: people::pick(rng, names::VISIT_DONE).into(),
                follow_up: people::pick(rng, names::VISIT_FOLLOW).into(),
            });
            d = d + chrono::Days::new(rng.random_range(90..200));
        }
    }
}

fn measures(rng: &mut ChaCha8Rng, h: &mut Household, s: &Story) {
    let Some(first) = s.identified.or(s.monitoring.map(|m| m.1.year())) else {
        return;
    };
    for _ in 0..rng.random_range(1..=3) {
        let (class, content, scale) = names::MEASURES[rng.random_range(0..names::MEASURES.len())];
        let start = date(
            rng.random_range(first..=first + 2).min(2025),
            rng.random_range(1..=12),
            rng.random_range(1..=28),
        );
        let end = start + chrono::Days::new(rng.random_range(60..365));
        h.measures.push(Measure {
            id: None,
            class: MeasureClass::from_code(class).unwrap_or(MeasureClass::Other),
            content: content.into(),
            scale: Some(scale.into()),
            funds: Some((rng.random_range(5..60) * 1000) as f64),
            funder: Some("县乡村振兴局".into()),
            start,
            end: (end <= date(2025, 12, 31)).then_some(end),
            result: Some(format!("户年增收约{}元", rng.random_range(10..60) * 100)),
            income_gain: Some((rng.random_range(10..60) * 100) as f64),
        });
    }
}
