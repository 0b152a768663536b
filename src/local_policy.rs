//! The cadre's local policy in the ledger: undated settings (region, province, county) in
//! one audited setting, dated values (低保标准 from 2023-01-01 …) one audited row each.
//! A value never applies before its date; a change without a reason is refused.

use crate::rules::{LocalPolicy, LocalValue, LocalValueChange};
use crate::store::{Ledger, Setting};
use crate::{Error, Result};

impl Ledger {
    /// The cadre's local policy: the undated settings and every dated value (empty if
    /// never set). Resolve it with `rules::resolve`; each value applies from its date.
    pub fn local_policy(&self) -> Result<LocalPolicy> {
        let mut policy: LocalPolicy = match self.setting(Setting::LocalPolicy)? {
            None => LocalPolicy::default(),
            Some(text) => serde_json::from_str(&text)
                .map_err(|e| Error::Format(format!("本地政策参数无法读取：{e}")))?,
        };
        policy.values = self.local_values()?;
        Ok(policy)
    }

    /// The dated local values, in the order they were recorded.
    pub fn local_values(&self) -> Result<Vec<LocalValue>> {
        self.stored_local_values()
    }

    /// Saves the undated settings (region, province, county) with an audit row. `values`
    /// are ignored (they are added with [`Ledger::add_local_values`]); an undated line or
    /// flag is refused, because a value without a start date would apply to every year.
    pub fn set_local_policy(&mut self, policy: &LocalPolicy, reason: Option<&str>) -> Result<()> {
        let text = stored_policy(policy)?;
        self.set_setting(Setting::LocalPolicy, &text, reason)
    }

    /// Adds dated values (each checked; all or none), each with an audit row carrying
    /// `reason`, which is required.
    pub fn add_local_values(
        &mut self,
        changes: &[LocalValueChange],
        reason: &str,
    ) -> Result<Vec<LocalValue>> {
        let reason = reason.trim();
        if reason.is_empty() {
            return Err(Error::Invalid(
                "请填写修改原因（如依据的文件、会议）".into(),
            ));
        }
        for c in changes {
            c.parameter.check(c.value).map_err(Error::Invalid)?;
        }
        self.with_tx(|w| {
            changes
                .iter()
                .map(|c| w.add_local_value(c, reason))
                .collect()
        })
    }
}

/// The undated settings as stored (JSON), after checking them: an undated line or flag is
/// refused, because a value without a start date would apply to every year.
pub(crate) fn stored_policy(policy: &LocalPolicy) -> Result<String> {
    for (name, v) in [
        ("低保标准", policy.dibao_line),
        ("监测范围", policy.monitoring_line),
        ("省定标准", policy.provincial_standard),
    ] {
        if let Some(v) = v {
            if !(v.is_finite() && v > 0.0) {
                return Err(Error::Invalid(format!(
                    "{name}应为正数（元/人·年），填写的是{v}"
                )));
            }
        }
    }
    if policy.has_undated_values() {
        return Err(Error::Invalid(
            "低保标准、监测范围等参数按日期生效，须注明从哪天起执行（起始日期）和原因，\
                 不能不带日期地修改"
                .into(),
        ));
    }
    let undated = LocalPolicy {
        values: Vec::new(),
        ..policy.clone()
    };
    let text = serde_json::to_string(&undated).map_err(|e| Error::Format(e.to_string()))?;
    Ok(text)
}
