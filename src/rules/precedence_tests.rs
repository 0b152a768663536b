//! Unit tests of the policy precedence: override > local > regional shipped > national.

use super::*;
use crate::codes::Region;
use chrono::NaiveDate;

fn end(year: i32) -> NaiveDate {
    year_end(year).unwrap()
}

#[test]
fn shipped_national_line_by_year() {
    let p = resolve(
        2019,
        end(2019),
        &LocalPolicy::default(),
        &Overrides::default(),
    )
    .unwrap();
    assert_eq!(
        p.poverty_line.value, 3218.0,
        "2019 uses the 2019 national line"
    );
    assert_eq!(
        p.poverty_line.origin,
        Origin::Shipped,
        "nothing local: shipped"
    );
    assert_eq!(
        p.summary.poverty_line, 3218.0,
        "the summary carries the line"
    );
    assert_eq!(
        p.monitoring_line, None,
        "no national monitoring line exists"
    );
    assert_eq!(p.dibao_line, None, "低保 is always local");
    assert!(
        p.summary.sources[0].contains("3218"),
        "sources name the line: {:?}",
        p.summary.sources
    );
}

#[test]
fn as_of_in_the_next_year_still_uses_the_assessed_year() {
    let as_of = NaiveDate::from_ymd_opt(2020, 3, 31).unwrap();
    let p = resolve(2019, as_of, &LocalPolicy::default(), &Overrides::default()).unwrap();
    assert_eq!(
        p.poverty_line.value, 3218.0,
        "a 2019 verdict uses 2019 parameters"
    );
    assert!(
        resolve(
            2019,
            end(2018),
            &LocalPolicy::default(),
            &Overrides::default()
        )
        .is_err(),
        "as_of before the year is refused"
    );
}

#[test]
fn two_series_never_mixed_and_2014_identification_reads_2013() {
    let p = |year| {
        resolve(
            year,
            end(year),
            &LocalPolicy::default(),
            &Overrides::default(),
        )
        .unwrap()
    };
    let y2019 = p(2019);
    assert_eq!(y2019.poverty_line.value, 3218.0, "statistics series 2019");
    assert_eq!(y2019.exit_line.value, 3747.0, "exit-check series 2019");
    assert!(
        y2019.exit_line.name.contains("脱贫退出验收标准"),
        "{}",
        y2019.exit_line.name
    );
    assert!(
        y2019.poverty_line.name.contains("统计监测标准"),
        "{}",
        y2019.poverty_line.name
    );
    let y2020 = p(2020);
    assert_eq!(y2020.exit_line.value, 4000.0, "exit-check series 2020");
    assert_eq!(
        y2020.poverty_line.value, 3218.0,
        "the statistics series has no 2020 figure: never the other series' 4000 after its 3218"
    );
    let y2014 = p(2014);
    assert_eq!(
        y2014.identification_income_year, 2013,
        "2014 reads 2013 income"
    );
    assert_eq!(
        y2014.identification_line.value, 2736.0,
        "against the 2013 line"
    );
    assert_eq!(y2014.identification_line.year, 2013);
    let y2016 = p(2016);
    assert_eq!(y2016.identification_income_year, 2016);
    assert_eq!(y2016.identification_line.value, 2952.0);
    let over = resolve(
        2019,
        end(2019),
        &LocalPolicy::default(),
        &Overrides {
            poverty_line: Some(3500.0),
            ..Overrides::default()
        },
    )
    .unwrap();
    assert_eq!(
        (over.poverty_line.value, over.exit_line.value),
        (3500.0, 3500.0),
        "a line given for the run judges both"
    );
}

#[test]
fn province_value_beats_national_and_local_beats_province() {
    let yunnan = LocalPolicy {
        province: Some("云南省".into()),
        region: Some(Region::West),
        ..LocalPolicy::default()
    };
    let p = resolve(2025, end(2025), &yunnan, &Overrides::default()).unwrap();
    assert_eq!(
        p.monitoring_line.as_ref().map(|l| l.value),
        Some(8700.0),
        "Yunnan 2025 shipped line"
    );
    let p2024 = resolve(2024, end(2024), &yunnan, &Overrides::default()).unwrap();
    assert_eq!(
        p2024.monitoring_line, None,
        "no shipped Yunnan value before 2025"
    );
    let own = LocalPolicy {
        monitoring_line: Some(9000.0),
        dibao_line: Some(5000.0),
        ..yunnan.clone()
    };
    let p = resolve(2025, end(2025), &own, &Overrides::default()).unwrap();
    let line = p.monitoring_line.as_ref().unwrap();
    assert_eq!(
        (line.value, line.origin),
        (9000.0, Origin::Local),
        "the cadre's own line wins over the shipped one"
    );
    assert_eq!(
        p.dibao_line.as_ref().map(|l| l.value),
        Some(5000.0),
        "local 低保 line"
    );
    assert_eq!(
        p.summary.dibao_line,
        Some(5000.0),
        "the summary carries the 低保 line"
    );
}

#[test]
fn override_beats_everything() {
    let local = LocalPolicy {
        monitoring_line: Some(9000.0),
        dibao_line: Some(5000.0),
        ..LocalPolicy::default()
    };
    let over = Overrides {
        poverty_line: Some(3500.0),
        monitoring_line: Some(7000.0),
        dibao_line: Some(4200.0),
    };
    let p = resolve(2019, end(2019), &local, &over).unwrap();
    assert_eq!(
        (p.poverty_line.value, p.poverty_line.origin),
        (3500.0, Origin::Override),
        "poverty line override"
    );
    assert_eq!(
        p.monitoring_line.as_ref().map(|l| l.value),
        Some(7000.0),
        "monitoring override beats local"
    );
    assert_eq!(
        p.dibao_line.as_ref().map(|l| l.value),
        Some(4200.0),
        "dibao override beats local"
    );
    assert!(
        p.id.ends_with("+local+override"),
        "the id says where values came from: {}",
        p.id
    );
    let bad = Overrides {
        dibao_line: Some(-1.0),
        ..Overrides::default()
    };
    assert!(
        resolve(2019, end(2019), &local, &bad).is_err(),
        "a negative line is refused"
    );
}

#[test]
fn flags_and_thresholds_resolve() {
    let p = resolve(
        2019,
        end(2019),
        &LocalPolicy::default(),
        &Overrides::default(),
    )
    .unwrap();
    assert!(
        p.serious_illness_insurance_required.value,
        "大病保险 required by default"
    );
    assert!(
        !p.family_doctor_required.value,
        "家庭医生 not required nationally"
    );
    assert!(
        p.pension_counts_as_income.value,
        "养老保险金 counted by default"
    );
    assert_eq!(
        p.village_exit_threshold(Region::West).value,
        0.03,
        "west 3 %"
    );
    assert_eq!(
        p.village_exit_threshold(Region::East).value,
        0.02,
        "east 2 %"
    );
    assert_eq!(
        (p.school_age_min.value, p.school_age_max.value),
        (6.0, 15.0),
        "school ages 6–15"
    );
    let local = LocalPolicy {
        family_doctor_required: Some(true),
        pension_counts_as_income: Some(false),
        ..LocalPolicy::default()
    };
    let p = resolve(2019, end(2019), &local, &Overrides::default()).unwrap();
    assert!(
        p.family_doctor_required.value && !p.pension_counts_as_income.value,
        "local flags override shipped ones"
    );
}

#[test]
fn local_policy_round_trips_as_json() {
    let local = LocalPolicy {
        region: Some(Region::West),
        province: Some("贵州省".into()),
        dibao_line: Some(4500.0),
        ..LocalPolicy::default()
    };
    let text = serde_json::to_string(&local).unwrap();
    assert_eq!(
        text, r#"{"region":"west","province":"贵州省","dibao_line":4500.0}"#,
        "only set fields are written"
    );
    let back: LocalPolicy = serde_json::from_str(&text).unwrap();
    assert_eq!(back, local, "settings read back unchanged");
}

#[test]
fn a_dated_local_value_wins_from_its_date_and_an_undated_one_before_it() {
    let dated = |parameter, value, y| LocalValue {
        parameter,
        value,
        from: NaiveDate::from_ymd_opt(y, 1, 1).unwrap(),
        doc: Some("县教发〔2023〕1号".into()),
        reason: String::new(),
        recorded_at: String::new(),
        operator: String::new(),
    };
    // An undated value only comes from a run's own settings (tests, files); the ledger
    // stores dated values. Both may meet here: the dated one wins where it is in force.
    let local = LocalPolicy {
        school_age_max: Some(15),
        values: vec![dated(
            LocalParameter::SchoolAgeMax,
            ParamValue::Number(16.0),
            2023,
        )],
        ..LocalPolicy::default()
    };
    let at = |y| resolve(y, end(y), &local, &Overrides::default()).unwrap();
    assert_eq!(
        at(2022).school_age_max.value,
        15.0,
        "before its date: undated"
    );
    let p = at(2023);
    assert_eq!(p.school_age_max.value, 16.0, "from its date: dated");
    assert_eq!(
        p.school_age_max.source,
        "本地设置：县教发〔2023〕1号（2023-01-01起）"
    );
    assert!(
        p.school_age_max.cite.contains("2023-01-01起"),
        "the citation names the date"
    );
}
