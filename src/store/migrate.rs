//! Forward-only schema migrations, embedded in the binary and numbered from 1.
//!
//! The schema version is SQLite's `user_version`. A database newer than this binary is
//! refused before anything is written. Migrations are never edited once released: a
//! change is a new numbered file.

use crate::{Error, Result};
use rusqlite::Connection;

/// The migrations, in order; index + 1 is the version each one produces.
const MIGRATIONS: &[(&str, &str)] = &[
    ("0001_ledger", include_str!("migrations/0001_ledger.sql")),
    (
        "0002_fact_periods",
        include_str!("migrations/0002_fact_periods.sql"),
    ),
    (
        "0003_local_policy",
        include_str!("migrations/0003_local_policy.sql"),
    ),
    (
        "0004_cadre_terms",
        include_str!("migrations/0004_cadre_terms.sql"),
    ),
    (
        "0005_audit_chain",
        include_str!("migrations/0005_audit_chain.sql"),
    ),
    (
        "0006_decisions",
        include_str!("migrations/0006_decisions.sql"),
    ),
    ("0007_bundles", include_str!("migrations/0007_bundles.sql")),
    (
        "0008_plan_targets",
        include_str!("migrations/0008_plan_targets.sql"),
    ),
    (
        "0009_monitoring_fields",
        include_str!("migrations/0009_monitoring_fields.sql"),
    ),
    (
        "0010_pairing_kind",
        include_str!("migrations/0010_pairing_kind.sql"),
    ),
    (
        "0011_low_income",
        include_str!("migrations/0011_low_income.sql"),
    ),
    (
        "0012_monitoring_procedure",
        include_str!("migrations/0012_monitoring_procedure.sql"),
    ),
    (
        "0013_work_spells",
        include_str!("migrations/0013_work_spells.sql"),
    ),
    (
        "0014_fact_periods_checks",
        include_str!("migrations/0014_fact_periods_checks.sql"),
    ),
    (
        "0015_household_record_ids",
        include_str!("migrations/0015_household_record_ids.sql"),
    ),
    (
        "0016_bundles_replaced",
        include_str!("migrations/0016_bundles_replaced.sql"),
    ),
    (
        "0017_bundles_sent_sender",
        include_str!("migrations/0017_bundles_sent_sender.sql"),
    ),
    (
        "0018_bundle_bases_sent",
        include_str!("migrations/0018_bundle_bases_sent.sql"),
    ),
    (
        "0019_bundle_bases_seen",
        include_str!("migrations/0019_bundle_bases_seen.sql"),
    ),
    (
        "0020_bundle_bases_per_sender",
        include_str!("migrations/0020_bundle_bases_per_sender.sql"),
    ),
    (
        "0021_bundle_bases_crossed",
        include_str!("migrations/0021_bundle_bases_crossed.sql"),
    ),
    (
        "0022_member_details",
        include_str!("migrations/0022_member_details.sql"),
    ),
    (
        "0023_benefit_areas",
        include_str!("migrations/0023_benefit_areas.sql"),
    ),
    (
        "0024_schooling_detail",
        include_str!("migrations/0024_schooling_detail.sql"),
    ),
];

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// The version a database is at.
pub fn version(conn: &Connection) -> Result<i64> {
    Ok(conn.query_row("PRAGMA user_version", [], |r| r.get(0))?)
}

/// Refuses a database written by a newer version (before any write).
pub fn check_not_newer(conn: &Connection) -> Result<()> {
    let found = version(conn)?;
    if found > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            found,
            supported: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// Whether `table` has `column`.
fn has_column(conn: &Connection, table: &str, column: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2)",
        [table, column],
        |r| r.get(0),
    )?)
}

/// Applies every migration the database does not have yet, each in its own transaction.
pub fn migrate(conn: &mut Connection) -> Result<()> {
    check_not_newer(conn)?;
    let current = version(conn)?;
    for (index, (name, sql)) in MIGRATIONS.iter().enumerate() {
        let target = index as i64 + 1;
        if target <= current {
            continue;
        }
        let tx = conn.transaction()?;
        // Run again over a table it already changed (a test rolling `user_version` back),
        // 0017 would put every row under the current id and lose those of an earlier one,
        // 0018 and 0019 would add a column twice, and 0020 and 0021 would copy rows again.
        let done = match *name {
            "0017_bundles_sent_sender" => has_column(&tx, "bundles_sent", "sender")?,
            "0018_bundle_bases_sent" => has_column(&tx, "bundle_bases", "audit_seq")?,
            "0019_bundle_bases_seen" => has_column(&tx, "bundle_bases", "seen_sequence")?,
            "0020_bundle_bases_per_sender" => has_column(&tx, "bundle_bases", "sender")?,
            "0021_bundle_bases_crossed" => has_column(&tx, "bundle_bases_crossed", "sender")?,
            _ => false,
        };
        if !done {
            tx.execute_batch(sql)?;
        }
        if *name == "0005_audit_chain" {
            // Rows written before the chain existed are sealed once, here.
            super::chain::seal(&tx)?;
        }
        if *name == "0015_household_record_ids" {
            // Derived ids are computed in Rust (see the file).
            super::rederive::stored_ids(&tx)?;
        }
        tx.pragma_update(None, "user_version", target)?;
        tx.commit()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migration_names_are_numbered_in_order() {
        let expected = 1..;
        for ((name, _), want) in MIGRATIONS.iter().zip(expected) {
            let number: usize = name[..4]
                .parse()
                .expect("migration names start with 4 digits");
            assert_eq!(number, want, "migration {name} is out of order");
        }
    }

    #[test]
    fn fresh_database_migrates_and_newer_one_is_refused() {
        let mut conn = Connection::open_in_memory().unwrap();
        migrate(&mut conn).unwrap();
        assert_eq!(version(&conn).unwrap(), SCHEMA_VERSION);
        migrate(&mut conn).expect("migrating twice is a no-op");
        conn.pragma_update(None, "user_version", SCHEMA_VERSION + 1)
            .unwrap();
        let err = migrate(&mut conn).unwrap_err();
        assert_eq!(err.code(), "schema_too_new");
        assert!(
            err.to_string().contains("请升级软件"),
            "message tells the cadre what to do"
        );
    }

    /// A ledger of schema 19 keeps one merged version per village and record: 0020 files
    /// each under the sender of the village's last merged bundle, 0021 gives the village's
    /// other senders the same (as before, when one version served all), nothing lost.
    #[test]
    fn merged_versions_go_to_each_sender_of_the_village() {
        let mut conn = Connection::open_in_memory().unwrap();
        for (name, sql) in &MIGRATIONS[..19] {
            conn.execute_batch(sql)
                .unwrap_or_else(|e| panic!("{name}: {e}"));
        }
        conn.pragma_update(None, "user_version", 19).unwrap();
        conn.execute_batch(
            "INSERT INTO bundles_received VALUES
               ('earlier', '乡镇', 1, '360729101099', 'c1', '2026-01-01', '甲', '2026-01-02T08:00:00', '乙', 1, 0, 0, 0),
               ('laptop', '乡镇', 1, '360729101099', 'c2', '2026-02-01', '甲', '2026-02-02T08:00:00', '乙', 0, 1, 0, 0);
             INSERT INTO bundle_bases (village_code, record_key, document, updated_at, audit_seq, seen_receiver, seen_sequence)
             VALUES ('360729101099', 'household:h-1', '{}', '2026-02-02', 7, '驻村', 2),
                    ('360729101088', 'village', '{}', '2026-02-02', 8, NULL, 0);",
        )
        .unwrap();
        migrate(&mut conn).unwrap();
        let rows: Vec<(String, String, String, i64, Option<String>, i64)> = conn
            .prepare("SELECT village_code, record_key, sender, audit_seq, seen_receiver, seen_sequence FROM bundle_bases ORDER BY village_code DESC, sender DESC")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)))
            .unwrap()
            .collect::<rusqlite::Result<_>>()
            .unwrap();
        assert_eq!(
            rows,
            [
                (
                    "360729101099".into(),
                    "household:h-1".into(),
                    "laptop".into(),
                    7,
                    Some("驻村".into()),
                    2
                ),
                (
                    "360729101099".into(),
                    "household:h-1".into(),
                    "earlier".into(),
                    7,
                    None,
                    0
                ),
                (
                    "360729101088".into(),
                    "village".into(),
                    String::new(),
                    8,
                    None,
                    0
                ),
            ]
        );
    }
}
