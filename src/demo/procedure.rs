//! The demo's monitoring procedures: the steps of 纳入监测 counted back from its 县级审定
//! (the record's identification date), and of 风险消除 from its own, within the policy's
//! days, each 公示 of 5–7 days, 入户核查 by the paired cadre and a second one.

use crate::codes::{ProcedureStage, ProcedureStep};
use crate::model::{Cadre, Household, ProcedureRecord};
use chrono::{Duration, NaiveDate};
use rand::Rng;
use rand_chacha::ChaCha8Rng;

/// Two cadres who check the household on `on`: its paired cadre (if it has one then) and
/// the first other of the roster.
fn checkers(h: &Household, cadres: &[Cadre], on: NaiveDate) -> Option<String> {
    let paired = h
        .pairings
        .iter()
        .filter(|p| p.start <= on && p.end.is_none_or(|e| e >= on))
        .find_map(|p| cadres.iter().find(|c| c.id == p.cadre));
    let mut two: Vec<&str> = paired.map(|c| c.name.as_str()).into_iter().collect();
    for c in cadres {
        if two.len() == 2 {
            break;
        }
        if !two.contains(&c.name.as_str()) {
            two.push(&c.name);
        }
    }
    (two.len() == 2).then(|| two.join("、"))
}

/// The steps of `stage` ending with 县级审定 on `approved`, counted back.
pub(super) fn steps(
    rng: &mut ChaCha8Rng,
    stage: ProcedureStage,
    approved: NaiveDate,
    h: &Household,
    cadres: &[Cadre],
) -> Vec<ProcedureRecord> {
    let mut back =
        |lo: i64, hi: i64, from: NaiveDate| from - Duration::days(rng.random_range(lo..=hi));
    let township = back(1, 2, approved);
    let until = township - Duration::days(1);
    let publicity = back(4, 6, until);
    // 民主评议 and the 公示 of its result the same day.
    let review = publicity;
    let comparison = back(1, 3, review);
    let home_check = back(0, 1, comparison);
    let application = back(1, 2, home_check);
    let step = |step, date| ProcedureRecord {
        stage,
        step,
        date,
        until: None,
        people: None,
        note: None,
    };
    let mut out: Vec<ProcedureRecord> = stage
        .steps()
        .iter()
        .map(|s| match s {
            ProcedureStep::Application => step(*s, application),
            ProcedureStep::HomeCheck => ProcedureRecord {
                people: checkers(h, cadres, home_check),
                ..step(*s, home_check)
            },
            ProcedureStep::DataComparison => step(*s, comparison),
            ProcedureStep::DemocraticReview => step(*s, review),
            ProcedureStep::Publicity => ProcedureRecord {
                until: Some(until),
                ..step(*s, publicity)
            },
            ProcedureStep::TownshipReview => step(*s, township),
            ProcedureStep::CountyApproval => step(*s, approved),
        })
        .collect();
    out.sort_by_key(|r| r.date);
    out
}
