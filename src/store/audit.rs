//! Reading the audit trail: a household's history (newest last) and the ledger's, page by page.

use super::Ledger;
use crate::Result;
use serde::Serialize;

/// One audit row as shown to the cadre.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
    /// The row's place in the trail (newer rows have higher numbers).
    pub seq: i64,
    /// The household the row belongs to (none for settings and other ledger-wide rows).
    pub household_id: Option<String>,
    pub at: String,
    pub operator: String,
    pub table: String,
    pub record_id: String,
    pub action: String,
    pub field: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
    pub reason: Option<String>,
}

impl AuditEntry {
    /// The action in words (新增, 修改, 删除, 恢复, 导入, 合并).
    pub fn action_label(&self) -> &str {
        match self.action.as_str() {
            "insert" => "新增",
            "update" => "修改",
            "delete" => "删除",
            "restore" => "恢复",
            "import" => "导入",
            "merge" => "合并",
            other => other,
        }
    }

    /// One Chinese line: `2025-03-01T10:00 张书记 修改 成员 health：healthy → chronic（原因）`.
    pub fn line(&self) -> String {
        let action = self.action_label();
        let table = table_label(&self.table);
        let mut out = format!("{} {} {action} {table}", self.at, self.operator);
        match (self.action.as_str(), &self.field) {
            ("update", Some(field)) => out.push_str(&format!(
                " {field}：{} → {}",
                self.old_value.as_deref().unwrap_or("（空）"),
                self.new_value.as_deref().unwrap_or("（空）")
            )),
            _ => {
                if let Some(v) = &self.new_value {
                    out.push_str(&format!(" {v}"));
                }
            }
        }
        if let Some(r) = &self.reason {
            out.push_str(&format!("（原因：{r}）"));
        }
        out
    }
}

/// What an audited table holds, in words (`members` → 成员).
pub fn table_label(table: &str) -> &str {
    match table {
        "households" => "农户",
        "members" => "成员",
        "income_lines" => "收入",
        "expenses" => "支出",
        "rigid_expenses" => "刚性支出",
        "pairings" => "结对",
        "visits" => "走访",
        "measures" => "措施",
        "monitoring" => "监测",
        "member_events" => "人口变动",
        "settings" => "设置",
        "cadres" => "帮扶干部",
        "villages" => "行政村",
        "decisions" => "评议公示",
        "plan_targets" => "脱贫规划",
        "local_policy_values" => "本地政策参数",
        "conflicts" => "合并冲突",
        "bundles_sent" => "数据包",
        "bundles_received" => "合并的数据包",
        other => other,
    }
}

impl Ledger {
    fn audit_where(&self, clause: &str, arg: Option<&str>) -> Result<Vec<AuditEntry>> {
        let sql = format!(
            "SELECT seq, household_id, at, operator, table_name, record_id, action, field,
                    old_value, new_value, reason
             FROM audit WHERE {clause} ORDER BY seq"
        );
        self.audit_query(&sql, rusqlite::params_from_iter(arg))
    }

    fn audit_query(&self, sql: &str, params: impl rusqlite::Params) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn().prepare_cached(sql)?;
        let rows = stmt.query_map(params, |r| {
            Ok(AuditEntry {
                seq: r.get(0)?,
                household_id: r.get(1)?,
                at: r.get(2)?,
                operator: r.get(3)?,
                table: r.get(4)?,
                record_id: r.get(5)?,
                action: r.get(6)?,
                field: r.get(7)?,
                old_value: r.get(8)?,
                new_value: r.get(9)?,
                reason: r.get(10)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The newest `limit` audit rows before row `before` (all when `None`), newest first,
    /// of one operator and from one day on when given (the ledger's 变更记录, page by page).
    pub fn audit_page(
        &self,
        before: Option<i64>,
        limit: u32,
        operator: Option<&str>,
        since: Option<&str>,
    ) -> Result<Vec<AuditEntry>> {
        self.audit_query(
            "SELECT seq, household_id, at, operator, table_name, record_id, action, field,
                    old_value, new_value, reason
             FROM audit
             WHERE seq < ?1 AND (?2 IS NULL OR operator = ?2) AND (?3 IS NULL OR at >= ?3)
               AND table_name <> 'fact_periods'
             ORDER BY seq DESC LIMIT ?4",
            rusqlite::params![before.unwrap_or(i64::MAX), operator, since, limit],
        )
    }

    /// Everyone who has changed the ledger, by name.
    pub fn audit_operators(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn()
            .prepare_cached("SELECT DISTINCT operator FROM audit ORDER BY operator")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every audit row of a household (the household and its records), in order.
    pub fn audit_for(&self, household_id: &str) -> Result<Vec<AuditEntry>> {
        self.audit_where("household_id = ?1", Some(household_id))
    }

    /// Every audit row from `since` (a date, `YYYY-MM-DD`) on, whatever it touched.
    pub fn audit_since(&self, since: &str) -> Result<Vec<AuditEntry>> {
        self.audit_where("at >= ?1", Some(since))
    }

    /// Checks the audit trail's hash chain from the first row to the last.
    pub fn audit_verify(&self) -> Result<super::ChainReport> {
        super::chain::verify(self.conn())
    }

    /// Audit rows of ledger-wide settings (local policy and its dated values, operator …).
    pub fn audit_for_settings(&self) -> Result<Vec<AuditEntry>> {
        self.audit_where("table_name IN ('settings', 'local_policy_values')", None)
    }
}
