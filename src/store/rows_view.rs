//! The household list as the app shows it: one row per household with head, size, paired
//! cadres, last visit, warning count and search keys — one query, fast at county scale.

use super::Ledger;
use crate::codes::{Attribute, Cause, Status};
use crate::Result;
use serde::Serialize;

/// One line of the household list.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct HouseholdRow {
    pub id: String,
    pub village: String,
    pub code: String,
    pub head: Option<String>,
    pub group: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub size: i64,
    pub status: Option<Status>,
    pub attribute: Option<Attribute>,
    pub main_cause: Option<Cause>,
    /// Names of the cadres paired now (pairings without an end), joined with 、.
    pub cadres: String,
    /// Ids of the cadres paired now.
    pub cadre_ids: Vec<String>,
    /// Date of the latest visit (YYYY-MM-DD).
    pub last_visit: Option<String>,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub warnings: i64,
    #[cfg_attr(feature = "ts", ts(type = "number"))]
    pub revision: i64,
    /// Lower-case search keys: every member's name, pinyin initials and ID tail, and the code.
    pub keys: String,
}

impl Ledger {
    /// The list rows of one village, or of every village when `village_code` is `None`.
    pub fn household_rows(&self, village_code: Option<&str>) -> Result<Vec<HouseholdRow>> {
        if let Some(code) = village_code {
            self.village(code)?;
        }
        let sql = "SELECT h.id, v.code, h.code, h.group_name, h.status, h.attribute, h.main_cause, h.revision,
                (SELECT m.name FROM members m WHERE m.household_id = h.id AND m.deleted = 0 AND m.relation = 'head' LIMIT 1),
                (SELECT COUNT(*) FROM members m WHERE m.household_id = h.id AND m.deleted = 0
                   AND NOT EXISTS (SELECT 1 FROM member_events e WHERE e.member_id = m.id AND e.deleted = 0
                                   AND e.kind IN ('death', 'marry_out', 'move_out'))),
                (SELECT group_concat(m.name || ' ' || m.initials || ' ' || m.id_tail, ' ')
                   FROM members m WHERE m.household_id = h.id AND m.deleted = 0),
                (SELECT group_concat(c.name, '、') FROM pairings p JOIN cadres c ON c.id = p.cadre_id
                   WHERE p.household_id = h.id AND p.deleted = 0 AND p.end IS NULL),
                (SELECT group_concat(p.cadre_id, ',') FROM pairings p
                   WHERE p.household_id = h.id AND p.deleted = 0 AND p.end IS NULL),
                (SELECT max(x.date) FROM visits x WHERE x.household_id = h.id AND x.deleted = 0),
                (SELECT COUNT(*) FROM findings f WHERE f.household_id = h.id)
            FROM households h JOIN villages v ON v.id = h.village_id
            WHERE h.deleted = 0 AND (?1 IS NULL OR v.code = ?1)
            ORDER BY v.code, h.code";
        let mut stmt = self.conn().prepare_cached(sql)?;
        let rows = stmt.query_map([village_code], |r| {
            let code: String = r.get(2)?;
            let members: Option<String> = r.get(10)?;
            let ids: Option<String> = r.get(12)?;
            Ok(HouseholdRow {
                id: r.get(0)?,
                village: r.get(1)?,
                keys: format!("{} {}", code, members.unwrap_or_default().to_lowercase()),
                code,
                group: r.get(3)?,
                status: r.get(4)?,
                attribute: r.get(5)?,
                main_cause: r.get(6)?,
                revision: r.get(7)?,
                head: r.get(8)?,
                size: r.get(9)?,
                cadres: r.get::<_, Option<String>>(11)?.unwrap_or_default(),
                cadre_ids: ids
                    .map(|s| s.split(',').map(str::to_string).collect())
                    .unwrap_or_default(),
                last_visit: r.get(13)?,
                warnings: r.get(14)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Ledger {
    /// The list rows of a village as they stood on `date`: only households registered then,
    /// with that day's status, members, paired cadres and last visit.
    pub fn household_rows_on(
        &self,
        village_code: &str,
        date: chrono::NaiveDate,
    ) -> Result<Vec<HouseholdRow>> {
        let village = self.village(village_code)?;
        let cadres = self.cadres(&village.id)?;
        let mut out = Vec::new();
        for mut row in self.household_rows(Some(village_code))? {
            let full = self.household(&row.id)?.household;
            if full.registration_on(date) != crate::model::Registration::Registered {
                continue;
            }
            let h = full.into_as_of(date);
            let paired: Vec<&crate::model::Pairing> =
                h.pairings.iter().filter(|p| p.active_on(date)).collect();
            row.status = h.status;
            row.attribute = h.attribute;
            row.main_cause = h.main_cause;
            row.group = h.group.clone();
            row.head = h.head().map(|m| m.name.clone());
            row.size = h.members_on(date).len() as i64;
            row.cadre_ids = paired.iter().map(|p| p.cadre.clone()).collect();
            row.cadres = paired
                .iter()
                .filter_map(|p| cadres.iter().find(|c| c.id == p.cadre))
                .map(|c| c.name.clone())
                .collect::<Vec<_>>()
                .join("、");
            row.last_visit = h.visits.iter().map(|v| v.date).max().map(|d| d.to_string());
            out.push(row);
        }
        Ok(out)
    }
}
