//! The monitoring procedure from application to 风险消除, dated (issue #12 item 4): the
//! steps of 纳入监测 recorded with the status from the day of 县级审定, the household read
//! back before and after, the 风险消除 steps after it; a step dated before the one it
//! follows is refused (nothing saved), a 公示 too short is named at its field by `check`.

use crate::common::{read, today};
use chrono::NaiveDate;
use yibentong::check::CheckFinding;
use yibentong::codes::{MonitoringKind, ProcedureStage, ProcedureStep, Risk, Status};
use yibentong::dossier::{save, Edit};
use yibentong::exchange::{export_json, import_bytes};
use yibentong::model::{Effective, Monitoring, ProcedureRecord};
use yibentong::rules::Overrides;
use yibentong::store::Ledger;
use yibentong::Error;

const VILLAGE: &str = "360729101099";
const CODE: &str = "3607291010990001";

fn d(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn ledger() -> Ledger {
    let mut l = Ledger::open_in_memory().unwrap();
    l.set_operator("第一书记").unwrap();
    import_bytes(&mut l, &read("village.json"), "village.json", today()).unwrap();
    l
}

fn step(stage: ProcedureStage, step: ProcedureStep, date: &str) -> ProcedureRecord {
    ProcedureRecord {
        stage,
        step,
        date: d(date),
        until: None,
        people: (step == ProcedureStep::HomeCheck).then(|| "王建国、刘芳".to_string()),
        note: None,
    }
}

/// 纳入监测 by the book: applied 2 March 2026, approved by the county on 16 March.
fn identification() -> Vec<ProcedureRecord> {
    use ProcedureStep::*;
    let s = ProcedureStage::Identification;
    vec![
        step(s, Application, "2026-03-02"),
        step(s, HomeCheck, "2026-03-03"),
        step(s, DataComparison, "2026-03-05"),
        step(s, DemocraticReview, "2026-03-07"),
        ProcedureRecord {
            until: Some(d("2026-03-12")),
            ..step(s, Publicity, "2026-03-07")
        },
        step(s, TownshipReview, "2026-03-13"),
        step(s, CountyApproval, "2026-03-16"),
    ]
}

/// 风险消除 approved on 20 October 2026, its 公示 from 8 October until `until`.
fn elimination(until: &str) -> Vec<ProcedureRecord> {
    use ProcedureStep::*;
    let s = ProcedureStage::Elimination;
    vec![
        step(s, HomeCheck, "2026-10-05"),
        step(s, DemocraticReview, "2026-10-08"),
        ProcedureRecord {
            until: Some(d(until)),
            ..step(s, Publicity, "2026-10-08")
        },
        step(s, TownshipReview, "2026-10-15"),
        step(s, CountyApproval, "2026-10-20"),
    ]
}

fn findings(l: &Ledger, on: &str) -> Vec<CheckFinding> {
    yibentong::assess::village_check(l, None, Some(2026), &Overrides::default(), d(on))
        .unwrap()
        .into_iter()
        .filter(|f| f.household == CODE && f.rule.starts_with("procedure."))
        .collect()
}

/// Marks the household monitored from the county's approval, with the procedure's steps.
fn identify(l: &mut Ledger, procedure: Vec<ProcedureRecord>) -> Result<(), Error> {
    let mut h = l.household_by_code(CODE).unwrap().household;
    h.status = Some(Status::Monitored);
    h.monitoring = Some(Monitoring {
        id: None,
        kind: MonitoringKind::UnstableExited,
        identified: d("2026-03-16"),
        channel: None,
        risks: vec![Risk::UnstableWork],
        eliminated: None,
        elimination_mode: None,
        disaster: None,
        risk_note: None,
        procedure,
    });
    let edit = Edit {
        effective: Some(Effective::Change {
            from: d("2026-03-16"),
        }),
        reason: Some("纳入防返贫监测"),
        doc: None,
    };
    save(l, VILLAGE, h, edit, d("2026-03-18")).map(|_| ())
}

#[test]
fn the_procedure_runs_from_application_to_elimination_dated() {
    let mut l = ledger();
    identify(&mut l, identification()).expect("纳入监测 by the book saves");
    let stored = l.household_by_code(CODE).unwrap().household;
    let m = stored.monitoring.clone().unwrap();
    assert_eq!(
        m.procedure,
        identification(),
        "every step kept, with its date"
    );
    assert_eq!(
        stored.as_of(d("2026-03-10")).status,
        Some(Status::Exited),
        "during the 公示 the household is not yet monitored"
    );
    assert_eq!(
        stored.as_of(d("2026-03-16")).status,
        Some(Status::Monitored)
    );
    assert!(findings(&l, "2026-03-18").is_empty());

    // Seven months on: the 风险消除 procedure, then the date of its 县级审定.
    let mut h = stored;
    h.status = Some(Status::RiskEliminated);
    let record = h.monitoring.as_mut().unwrap();
    record.eliminated = Some(d("2026-10-20"));
    record.procedure.extend(elimination("2026-10-12"));
    let edit = Edit {
        effective: Some(Effective::Change {
            from: d("2026-10-20"),
        }),
        reason: Some("风险消除"),
        doc: None,
    };
    save(&mut l, VILLAGE, h, edit, d("2026-10-21")).expect("风险消除 saves");
    let stored = l.household_by_code(CODE).unwrap().household;
    assert_eq!(stored.monitoring.as_ref().unwrap().procedure.len(), 12);
    assert_eq!(
        stored.as_of(d("2026-10-19")).status,
        Some(Status::Monitored)
    );
    assert_eq!(
        stored.as_of(d("2026-10-20")).status,
        Some(Status::RiskEliminated)
    );
    assert!(findings(&l, "2026-10-21").is_empty());
    // The exchange file carries the steps, and reads back the same.
    let file = export_json(&l, VILLAGE).unwrap();
    assert!(file.contains("\"x_procedure\""));
    let mut again = Ledger::open_in_memory().unwrap();
    import_bytes(&mut again, file.as_bytes(), "village.json", d("2026-11-30")).unwrap();
    assert_eq!(
        again.household_by_code(CODE).unwrap().household.monitoring,
        l.household_by_code(CODE).unwrap().household.monitoring
    );
}

#[test]
fn a_step_dated_before_the_one_it_follows_is_refused_and_nothing_is_saved() {
    let mut l = ledger();
    let before = export_json(&l, VILLAGE).unwrap();
    let mut steps = identification();
    // 民主评议 typed as February: before the 信息比对 of 5 March.
    steps[3].date = d("2026-02-07");
    let Err(Error::Validation(found)) = identify(&mut l, steps) else {
        panic!("refused");
    };
    let f = found
        .iter()
        .find(|f| f.rule == "procedure.order")
        .expect("the order is named");
    assert_eq!(f.path, "monitoring.x_procedure[3].date");
    assert!(f.message.contains("信息比对"), "{}", f.message);
    assert_eq!(
        export_json(&l, VILLAGE).unwrap(),
        before,
        "nothing is saved"
    );
}

#[test]
fn a_publicity_shorter_than_the_policy_is_named_at_its_last_day() {
    let mut l = ledger();
    let mut steps = identification();
    steps.extend(elimination("2026-10-10"));
    identify(&mut l, steps).unwrap();
    let found: Vec<CheckFinding> = findings(&l, "2026-10-21")
        .into_iter()
        .filter(|f| f.rule.starts_with("procedure.publicity"))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].rule, "procedure.publicity_short");
    assert!(
        found[0].path.ends_with("monitoring.x_procedure[9].until"),
        "{}",
        found[0].path
    );
    assert!(
        found[0].message.contains("共3天，不足5天"),
        "the days and the policy's minimum: {}",
        found[0].message
    );
}

/// The 风险消除审核表 is read on the day of 风险消除, not on the print date: the engine's
/// conditions then, the steps as recorded; the 承诺授权书 carries the application's date
/// and every member. A household never monitored has no review.
#[test]
fn the_review_and_the_consent_carry_the_decisions_own_dates() {
    use yibentong::cards::compose_household_card;
    use yibentong::print::CardKind;
    let mut l = ledger();
    identify(&mut l, identification()).unwrap();
    let mut h = l.household_by_code(CODE).unwrap().household;
    h.status = Some(Status::RiskEliminated);
    let record = h.monitoring.as_mut().unwrap();
    record.eliminated = Some(d("2026-10-20"));
    record.procedure.extend(elimination("2026-10-12"));
    let edit = Edit {
        effective: Some(Effective::Change {
            from: d("2026-10-20"),
        }),
        reason: Some("风险消除"),
        doc: None,
    };
    save(&mut l, VILLAGE, h, edit, d("2026-10-21")).unwrap();

    let printed = d("2026-11-30");
    let review = compose_household_card(&l, CODE, CardKind::EliminationReview, 2026, printed)
        .unwrap()
        .text();
    assert!(review.contains("按2026年10月20日的台账核算"), "{review}");
    assert!(
        review.contains("2026-10-08至2026-10-12"),
        "the 公示 as recorded"
    );
    // The engine on 20 October: identified 16 March, seven months of monitoring.
    assert!(review.contains("至评估日已监测7个月"), "{review}");
    let consent = compose_household_card(&l, CODE, CardKind::Consent, 2026, printed)
        .unwrap()
        .text();
    assert!(consent.contains("2026年3月2日"), "the application's day");
    let stored = l.household_by_code(CODE).unwrap().household;
    for m in stored.members_on(d("2026-03-02")) {
        assert!(consent.contains(&m.name), "{} signs", m.name);
    }
    let never = compose_household_card(
        &l,
        "3607291010990002",
        CardKind::EliminationReview,
        2021,
        printed,
    )
    .expect_err("not monitored in 2021");
    assert!(never.to_string().contains("风险消除审核表"), "{never}");
}

/// The 公示名单 of the year's new monitored households prints the 公示 the procedure
/// records, without the dates being entered a second time.
#[test]
fn the_notice_prints_the_procedures_publicity() {
    let mut l = ledger();
    identify(&mut l, identification()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("notice.pdf");
    let doc = yibentong::cards::notice(
        &mut l,
        VILLAGE,
        2026,
        yibentong::print::NoticeKind::Monitoring,
        d("2026-03-20"),
        &out,
    )
    .expect("the procedure's 公示 dates are the notice's");
    assert!(doc.pages >= 1);
}
