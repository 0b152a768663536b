//! Search for people and households: by name (prefix), household code, full ID number,
//! its last four characters, or pinyin initials (`zs` finds 张三).
//!
//! Every form is an indexed range or equality lookup, so search stays fast at county
//! scale. Pinyin initials are computed on write by the `pinyin` crate.

use super::Ledger;
use crate::Result;
use serde::Serialize;

/// One person found.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct SearchHit {
    pub member_id: String,
    pub name: String,
    pub relation: Option<crate::codes::Relation>,
    pub id_tail: String,
    pub household_id: String,
    pub household_code: String,
    pub village: String,
    /// How the hit matched: `name`, `initials`, `id_number`, `id_tail`, `household_code`.
    pub matched: &'static str,
}

/// How a query is read.
fn forms(query: &str) -> Vec<(&'static str, String, bool)> {
    let q = query.trim();
    let mut out = Vec::new();
    if q.is_empty() {
        return out;
    }
    let id_chars = q
        .chars()
        .all(|c| c.is_ascii_digit() || c == 'x' || c == 'X');
    if q.chars().all(|c| c.is_ascii_alphabetic()) {
        out.push(("initials", q.to_lowercase(), true));
    } else if id_chars && q.len() == 18 {
        out.push(("id_number", q.to_uppercase(), false));
    } else if id_chars && q.len() == 4 {
        out.push(("id_tail", q.to_uppercase(), false));
        out.push(("household_code", q.to_string(), true));
    } else if q.chars().all(|c| c.is_ascii_alphanumeric() || c == '-') {
        out.push(("household_code", q.to_string(), true));
    } else {
        out.push(("name", q.to_string(), true));
    }
    out
}

impl Ledger {
    /// Finds up to `limit` people (living members of live households), best forms first.
    pub fn search(&self, query: &str, limit: usize) -> Result<Vec<SearchHit>> {
        let mut hits = Vec::new();
        for (form, key, prefix) in forms(query) {
            // Ordering by the searched (indexed) column lets SQLite stop at LIMIT instead of
            // sorting every match: common surnames match thousands of people in a county.
            let (column, cond) = match (form, prefix) {
                ("household_code", _) => {
                    ("h.code", "h.code >= ?1 AND h.code < ?1 || char(1114111)")
                }
                (_, true) => (form, ""),
                (_, false) => (form, ""),
            };
            let cond = if cond.is_empty() {
                if prefix {
                    format!("m.{column} >= ?1 AND m.{column} < ?1 || char(1114111)")
                } else {
                    format!("m.{column} = ?1")
                }
            } else {
                cond.to_string()
            };
            let order = if column.contains('.') {
                column.to_string()
            } else {
                format!("m.{column}")
            };
            let sql = format!(
                "SELECT m.id, m.name, m.relation, m.id_tail, h.id, h.code, v.code
                 FROM members m JOIN households h ON h.id = m.household_id JOIN villages v ON v.id = h.village_id
                 WHERE {cond} AND m.deleted = 0 AND h.deleted = 0
                 ORDER BY {order} LIMIT ?2"
            );
            let left = limit.saturating_sub(hits.len());
            if left == 0 {
                break;
            }
            let mut stmt = self.conn().prepare_cached(&sql)?;
            let rows = stmt.query_map(rusqlite::params![key, left as i64], |r| {
                Ok(SearchHit {
                    member_id: r.get(0)?,
                    name: r.get(1)?,
                    relation: r.get(2)?,
                    id_tail: r.get(3)?,
                    household_id: r.get(4)?,
                    household_code: r.get(5)?,
                    village: r.get(6)?,
                    matched: form,
                })
            })?;
            for hit in rows {
                hits.push(hit?);
            }
        }
        Ok(hits)
    }
}

impl Ledger {
    /// The live households outside `village_id` with a live member whose ID number is one of
    /// `citizen_ids` (18 characters; a 残疾人证 number stored after them is found too): for
    /// the check that one person is not registered in two villages (1_01_001).
    pub fn households_elsewhere_holding(
        &self,
        village_id: &str,
        citizen_ids: &[&str],
    ) -> Result<Vec<String>> {
        let mut query = self.conn.prepare_cached(
            "SELECT DISTINCT h.id FROM members m JOIN households h ON h.id = m.household_id
              WHERE m.id_number >= ?1 AND m.id_number < ?2 AND m.deleted = 0
                AND h.deleted = 0 AND h.village_id <> ?3",
        )?;
        let mut out: Vec<String> = Vec::new();
        for id in citizen_ids
            .iter()
            .map(|id| id.trim())
            .filter(|id| !id.is_empty())
        {
            // The ID as stored either way (a check digit x or X), and anything stored
            // after it (an indexed range).
            let upper = id.to_uppercase();
            let lower = id.to_lowercase();
            let forms: &[&str] = if upper == lower {
                &[id]
            } else {
                &[&upper, &lower]
            };
            for form in forms {
                let end = format!("{form}\u{10FFFF}");
                for h in query.query_map(rusqlite::params![form, end, village_id], |r| r.get(0))? {
                    let h: String = h?;
                    if !out.contains(&h) {
                        out.push(h);
                    }
                }
            }
        }
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::forms;

    #[test]
    fn queries_are_read_by_shape() {
        assert_eq!(forms("zs")[0].0, "initials");
        assert_eq!(forms("1234")[0].0, "id_tail");
        assert_eq!(forms("002x")[0].1, "002X", "tails are matched upper-case");
        assert_eq!(forms("11010519491231002X")[0].0, "id_number");
        assert_eq!(forms("张")[0].0, "name");
        assert_eq!(forms("3607291010010001")[0].0, "household_code");
        assert!(forms("  ").is_empty());
    }
}
