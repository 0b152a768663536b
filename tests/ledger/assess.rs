//! Assessment over the ledger: the local policy lives in the ledger, changes with an audit
//! row, and changes the verdicts. (Dated values in detail: `local_policy.rs`.)

use crate::common::{read, today};
use yibentong::assess::{policy_for, village_households};
use yibentong::exchange::import_bytes;
use yibentong::rules::{
    self, LocalParameter, LocalPolicy, LocalValueChange, Outcome, Overrides, ParamValue, Rule,
};
use yibentong::store::Ledger;

fn dibao_outcome(l: &Ledger) -> Outcome {
    let village = l.village("360729101099").unwrap();
    let households = village_households(l, &village.id).unwrap();
    let policy = policy_for(l, &village.village, 2019, None, &Overrides::default()).unwrap();
    rules::assess_household(&households[0], &policy).outcome(Rule::Dibao)
}

#[test]
fn changing_the_local_dibao_line_changes_verdicts_and_is_audited() {
    let mut l = Ledger::open_in_memory().unwrap();
    l.set_operator("第一书记").unwrap();
    import_bytes(&mut l, &read("village.json"), "v.json", today()).unwrap();
    assert_eq!(
        dibao_outcome(&l),
        Outcome::Unknown,
        "without a local 低保 line the verdict cannot be given"
    );

    // The fixture household earns (18000 + 300 + 6000 − 2400) / 4 = 5475 per person in 2019.
    let from_2019 = |value| LocalValueChange {
        parameter: LocalParameter::DibaoLine,
        value: ParamValue::Number(value),
        from: chrono::NaiveDate::from_ymd_opt(2019, 1, 1).unwrap(),
        doc: None,
    };
    l.add_local_values(&[from_2019(4000.0)], "县民政局2019年标准")
        .unwrap();
    assert_eq!(dibao_outcome(&l), Outcome::No, "5475 is above a 4000 line");
    l.add_local_values(&[from_2019(6000.0)], "县民政局调整标准")
        .unwrap();
    assert_eq!(
        dibao_outcome(&l),
        Outcome::Yes,
        "5475 is below a 6000 line (the later entry for the same date wins)"
    );

    let trail = l.audit_for_settings().unwrap();
    let last = trail.last().expect("the change left an audit row");
    assert_eq!(last.operator, "第一书记");
    assert_eq!(last.reason.as_deref(), Some("县民政局调整标准"));
    assert!(
        trail[trail.len() - 2]
            .new_value
            .as_deref()
            .unwrap_or("")
            .contains("4000"),
        "the earlier value is recorded: {trail:?}"
    );
    assert!(
        last.new_value.as_deref().unwrap_or("").contains("6000"),
        "new value recorded: {last:?}"
    );
}

#[test]
fn a_non_positive_line_is_refused_with_a_chinese_message() {
    let mut l = Ledger::open_in_memory().unwrap();
    let err = l
        .set_local_policy(
            &LocalPolicy {
                dibao_line: Some(-1.0),
                ..Default::default()
            },
            None,
        )
        .unwrap_err();
    assert!(err.to_string().contains("低保标准应为正数"), "{err}");
    assert_eq!(
        l.local_policy().unwrap(),
        LocalPolicy::default(),
        "nothing saved"
    );
}
