//! Reading the audit trail: a household's history, newest last.

use super::Ledger;
use crate::Result;
use serde::Serialize;

/// One audit row as shown to the cadre.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AuditEntry {
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
    /// The action in words (新增, 修改, 删除, 恢复, 导入).
    pub fn action_label(&self) -> &str {
        match self.action.as_str() {
            "insert" => "新增",
            "update" => "修改",
            "delete" => "删除",
            "restore" => "恢复",
            "import" => "导入",
            other => other,
        }
    }

    /// One Chinese line: `2025-03-01T10:00 张书记 修改 成员 health：healthy → chronic（原因）`.
    pub fn line(&self) -> String {
        let action = match self.action.as_str() {
            "insert" => "新增",
            "update" => "修改",
            "delete" => "删除",
            "restore" => "恢复",
            "import" => "导入",
            other => other,
        };
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
            "SELECT at, operator, table_name, record_id, action, field, old_value, new_value, reason
             FROM audit WHERE {clause} ORDER BY seq"
        );
        let mut stmt = self.conn().prepare_cached(&sql)?;
        let rows = stmt.query_map(rusqlite::params_from_iter(arg), |r| {
            Ok(AuditEntry {
                at: r.get(0)?,
                operator: r.get(1)?,
                table: r.get(2)?,
                record_id: r.get(3)?,
                action: r.get(4)?,
                field: r.get(5)?,
                old_value: r.get(6)?,
                new_value: r.get(7)?,
                reason: r.get(8)?,
            })
        })?;
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
