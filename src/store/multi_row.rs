//! One table's INSERT of many rows per statement, for the bulk path: a household's
//! income lines, visits or fact periods go in a few executions instead of one each (the
//! per-statement work — cursors opened and closed, registers released — was a tenth of
//! a county import).
//!
//! Built from the table's one-row statement: parameters `?1..=?shared` are the same for
//! every row (the household, the write's time), the others are the row's own and are
//! numbered on for each further row. Statements of 1, 2, 4, 8 and 16 rows are prepared
//! when first used; a household's rows go through the largest that fit.

use rusqlite::{Connection, Statement, ToSql};

/// The most rows one statement inserts.
const MOST_ROWS: usize = 16;

/// The INSERT of one table, by number of rows.
pub(crate) struct MultiRowInsert<'c> {
    conn: &'c Connection,
    one_row: &'static str,
    shared: usize,
    own: usize,
    /// Statement of `2^i` rows at `i`, once prepared.
    by_rows: [Option<Statement<'c>>; 5],
    /// Values of the shared parameters after `?1` (bound when a statement is prepared).
    fixed: Vec<String>,
}

impl<'c> MultiRowInsert<'c> {
    /// `one_row` ends in `VALUES (…)`; `?1..=?shared` are shared, `fixed` gives `?2…`.
    pub fn new(
        conn: &'c Connection,
        one_row: &'static str,
        shared: usize,
        fixed: &[&str],
    ) -> MultiRowInsert<'c> {
        debug_assert_eq!(fixed.len() + 1, shared);
        let own = highest_parameter(one_row) - shared;
        MultiRowInsert {
            conn,
            one_row,
            shared,
            own,
            by_rows: Default::default(),
            fixed: fixed.iter().map(|s| s.to_string()).collect(),
        }
    }

    /// Inserts `items` for `first` (the household, `?1`), each row's own values given by
    /// `row` as they would be bound to the one-row statement from `?shared+1` on.
    pub fn insert<T>(
        &mut self,
        first: &str,
        items: &[T],
        row: impl Fn(
            &T,
            usize,
            &mut dyn FnMut(&[&dyn ToSql]) -> rusqlite::Result<()>,
        ) -> rusqlite::Result<()>,
    ) -> rusqlite::Result<()> {
        let mut done = 0;
        while done < items.len() {
            let left = (items.len() - done).min(MOST_ROWS);
            let slot = usize::BITS as usize - 1 - left.leading_zeros() as usize;
            let rows = 1 << slot;
            let (shared, own) = (self.shared, self.own);
            let stmt = self.statement(slot)?;
            stmt.raw_bind_parameter(1, first)?;
            for (r, item) in items[done..done + rows].iter().enumerate() {
                let base = shared + 1 + r * own;
                row(item, done + r, &mut |values: &[&dyn ToSql]| {
                    // A row binding fewer values would leave the last row's in its places.
                    if values.len() != own {
                        return Err(rusqlite::Error::InvalidParameterCount(values.len(), own));
                    }
                    for (i, v) in values.iter().enumerate() {
                        stmt.raw_bind_parameter(base + i, v)?;
                    }
                    Ok(())
                })?;
            }
            stmt.raw_execute()?;
            done += rows;
        }
        Ok(())
    }

    fn statement(&mut self, slot: usize) -> rusqlite::Result<&mut Statement<'c>> {
        if self.by_rows[slot].is_none() {
            let sql = rows_sql(self.one_row, self.shared, self.own, 1 << slot);
            let mut stmt = self.conn.prepare(&sql)?;
            for (i, v) in self.fixed.iter().enumerate() {
                stmt.raw_bind_parameter(i + 2, v.as_str())?;
            }
            self.by_rows[slot] = Some(stmt);
        }
        Ok(self.by_rows[slot].as_mut().expect("prepared above"))
    }
}

/// The highest `?N` in `sql`.
fn highest_parameter(sql: &str) -> usize {
    numbered(sql, |n| n).1
}

/// Rewrites every `?N` of `sql` through `f`; returns the text and the highest N seen.
fn numbered(sql: &str, f: impl Fn(usize) -> usize) -> (String, usize) {
    let mut out = String::with_capacity(sql.len());
    let mut highest = 0;
    let mut chars = sql.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        out.push(c);
        if c != '?' {
            continue;
        }
        let start = i + 1;
        let mut end = start;
        while let Some((j, d)) = chars.peek().copied() {
            if !d.is_ascii_digit() {
                break;
            }
            end = j + 1;
            chars.next();
        }
        if let Ok(n) = sql[start..end].parse::<usize>() {
            highest = highest.max(n);
            out.push_str(&f(n).to_string());
        }
    }
    (out, highest)
}

/// The statement of `rows` rows: the one-row tuple repeated, each copy's own parameters
/// numbered after the previous copy's. `OR FAIL`: a row that breaks a constraint stops
/// the statement with the rows before it kept, so SQLite need not journal every page the
/// statement touches to undo them (it must for the default `ABORT`). The bulk path
/// returns the error and its transaction rolls back whole.
fn rows_sql(one_row: &str, shared: usize, own: usize, rows: usize) -> String {
    let at = one_row
        .rfind("VALUES")
        .expect("an INSERT … VALUES statement")
        + "VALUES".len();
    let (head, tuple) = one_row.split_at(at);
    let tuples: Vec<String> = (0..rows)
        .map(|r| numbered(tuple.trim(), |n| if n > shared { n + r * own } else { n }).0)
        .collect();
    let head = head.replacen("INSERT INTO", "INSERT OR FAIL INTO", 1);
    format!("{head} {}", tuples.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_further_row_numbers_its_own_parameters_on() {
        let one = "INSERT INTO t (id, h, a, b) VALUES (?3, ?1, ?4, coalesce(?5, ?2))";
        assert_eq!(highest_parameter(one), 5);
        assert_eq!(
            rows_sql(one, 2, 3, 2),
            "INSERT OR FAIL INTO t (id, h, a, b) VALUES (?3, ?1, ?4, coalesce(?5, ?2)), \
             (?6, ?1, ?7, coalesce(?8, ?2))"
        );
    }

    #[test]
    fn rows_go_in_the_fewest_statements_and_in_order() {
        let conn = Connection::open_in_memory().unwrap();
        conn.execute_batch("CREATE TABLE t (seq INTEGER, h TEXT, v TEXT, at TEXT)")
            .unwrap();
        let mut insert = MultiRowInsert::new(
            &conn,
            "INSERT INTO t (seq, h, v, at) VALUES (?3, ?1, ?4, ?2)",
            2,
            &["2026-01-15"],
        );
        let items: Vec<String> = (0..23).map(|i| format!("v{i}")).collect();
        insert
            .insert("h-1", &items, |v, i, bind| bind(&[&(i as i64), v]))
            .unwrap();
        insert
            .insert("h-2", &items[..1], |v, i, bind| bind(&[&(i as i64), v]))
            .unwrap();
        // 23 = 16 + 4 + 2 + 1: four statements prepared, each bound afresh.
        let prepared = insert.by_rows.iter().filter(|s| s.is_some()).count();
        assert_eq!(prepared, 4);
        let rows: Vec<(i64, String, String, String)> = conn
            .prepare("SELECT seq, h, v, at FROM t ORDER BY rowid")
            .unwrap()
            .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(rows.len(), 24);
        for (i, row) in rows[..23].iter().enumerate() {
            assert_eq!(
                row,
                &(i as i64, "h-1".into(), format!("v{i}"), "2026-01-15".into())
            );
        }
        assert_eq!(
            rows[23],
            (0, "h-2".into(), "v0".into(), "2026-01-15".into())
        );
    }
}
