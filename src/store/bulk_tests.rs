//! The bulk path writes exactly the rows the audited writer writes (only the audit trail
//! differs: one row per household instead of one per record and field).

use super::CheckedHousehold;
use crate::model::Effective;
use crate::store::{Ledger, WriteOptions};
use rusqlite::types::Value;

const TABLES: &[&str] = &[
    "households",
    "members",
    "income_lines",
    "expenses",
    "rigid_expenses",
    "pairings",
    "visits",
    "measures",
    "monitoring",
    "member_events",
    "fact_periods",
    "findings",
];

/// Columns compared: not the write's time, nor the periods' row numbers.
fn kept(table: &str, column: &str) -> bool {
    let stamp = matches!(column, "updated_at" | "recorded_at");
    let period_row = table == "fact_periods" && column == "id";
    !(stamp || period_row)
}

/// Every row of every table but the audit trail, without the write's timestamp.
fn rows(l: &Ledger) -> Vec<(String, Vec<Vec<Value>>)> {
    TABLES
        .iter()
        .map(|t| {
            let mut stmt = l.conn().prepare(&format!("SELECT * FROM {t}")).unwrap();
            let names: Vec<String> = stmt.column_names().map(|n| n.to_string()).collect();
            let mut out: Vec<Vec<Value>> = stmt
                .query_map([], |r| {
                    (0..names.len())
                        .filter(|&i| kept(t, &names[i]))
                        .map(|i| r.get::<_, Value>(i))
                        .collect()
                })
                .unwrap()
                .collect::<rusqlite::Result<_>>()
                .unwrap();
            out.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
            (t.to_string(), out)
        })
        .collect()
}

#[test]
fn bulk_rows_equal_the_audited_writers_rows() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    let doc = crate::demo::generate_on(60, 3, today).remove(0);
    let opts = WriteOptions {
        effective: Effective::Change { from: today },
        reason: Some("导入文件 t.json"),
        doc: None,
        today,
    };
    let mut audited = Ledger::open_in_memory().unwrap();
    audited
        .with_tx(|w| {
            let v = w.save_village_at("v-1", &doc.village, &opts)?;
            for c in &doc.cadres {
                w.save_cadre_at(&v, c, &opts)?;
            }
            for h in &doc.households {
                w.save_household_at(&v, h, &doc.cadres, &opts)?;
            }
            Ok(())
        })
        .unwrap();
    let mut bulk = Ledger::open_in_memory().unwrap();
    bulk.with_tx(|w| {
        let v = w.save_village_at("v-1", &doc.village, &opts)?;
        for c in &doc.cadres {
            w.save_cadre_at(&v, c, &opts)?;
        }
        let mut b = w.bulk()?;
        for h in &doc.households {
            let checked = CheckedHousehold::check(h.clone(), &doc.cadres, today).unwrap();
            b.save(&v, checked, &doc.cadres, &opts, "t.json")?;
        }
        Ok(())
    })
    .unwrap();
    // The same, each household's history merged ahead (as the checking thread does).
    let mut ahead = Ledger::open_in_memory().unwrap();
    ahead
        .with_tx(|w| {
            let v = w.save_village_at("v-1", &doc.village, &opts)?;
            for c in &doc.cadres {
                w.save_cadre_at(&v, c, &opts)?;
            }
            let mut b = w.bulk()?;
            for h in &doc.households {
                let mut checked = CheckedHousehold::check(h.clone(), &doc.cadres, today).unwrap();
                checked.merge_ahead(&opts);
                b.save(&v, checked, &doc.cadres, &opts, "t.json")?;
            }
            Ok(())
        })
        .unwrap();
    let (a, b, c) = (rows(&audited), rows(&bulk), rows(&ahead));
    for (((table, x), (_, y)), (_, z)) in a.iter().zip(&b).zip(&c) {
        assert!(
            !x.is_empty() || *table == "findings",
            "the demo fills {table}"
        );
        assert_eq!(x, y, "{table}: the bulk path stores the same rows");
        assert_eq!(x, z, "{table}: merged ahead, the same rows");
    }
    let count = |l: &Ledger, sql: &str| l.read_count(sql).unwrap();
    let households = doc.households.len() as i64;
    assert_eq!(
        count(
            &bulk,
            "SELECT COUNT(*) FROM audit WHERE table_name = 'households'"
        ),
        households,
        "one audit row per household"
    );
    assert!(
        count(&audited, "SELECT COUNT(*) FROM audit") > 10 * households,
        "the audited writer writes a row per record"
    );
    assert_eq!(
        bulk.audit_verify().unwrap().first_break,
        None,
        "the chain holds"
    );
}

#[test]
fn within_a_load_a_code_used_twice_is_refused_and_a_household_met_again_is_updated() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap();
    let doc = crate::demo::generate_on(6, 5, today).remove(0);
    let opts = WriteOptions::today(today, None);
    let load = |second: crate::model::Household| {
        let dir = tempfile::tempdir().unwrap();
        let mut ledger = Ledger::open(&dir.path().join("l.db")).unwrap();
        let out = ledger.with_load_tx(|w| {
            let v = w.save_village_at("v-1", &doc.village, &opts)?;
            for c in &doc.cadres {
                w.save_cadre_at(&v, c, &opts)?;
            }
            let mut b = w.bulk()?;
            for h in doc.households.iter().cloned().chain([second.clone()]) {
                let checked = CheckedHousehold::check(h, &doc.cadres, today).unwrap();
                b.save(&v, checked, &doc.cadres, &opts, "t.json")?;
            }
            Ok(())
        });
        (out, ledger, dir)
    };
    // Another household under a code the load has already written.
    let mut other = doc.households[1].clone();
    other.id = "h-new".into();
    other.code = doc.households[0].code.clone();
    let (out, ledger, _dir) = load(other);
    let message = out.unwrap_err().to_string();
    assert!(message.contains("已被本村另一户使用"), "{message}");
    assert_eq!(
        ledger
            .read_count("SELECT COUNT(*) FROM households")
            .unwrap(),
        0
    );

    // The same household again, its phone changed: saved field by field.
    let mut again = doc.households[0].clone();
    again.phone = Some("13900001111".into());
    let (out, ledger, _dir) = load(again.clone());
    out.unwrap();
    let n = doc.households.len() as i64;
    assert_eq!(
        ledger
            .read_count("SELECT COUNT(*) FROM households")
            .unwrap(),
        n
    );
    let stored = ledger.household(&again.id).unwrap().household;
    assert_eq!(stored.phone, again.phone);
}
