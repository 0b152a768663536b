//! 走访常用语: what a visit to this household should look into, drawn from its own facts on
//! the day (who is ill, who studies, who works away, its monitoring risks, its house and
//! water, its 低保), offered in the visit form so the cadre writes less and forgets nothing.

use crate::codes::{Health, HouseGrade, Risk, Status};
use crate::model::Household;
use chrono::NaiveDate;

/// The phrases for a visit on `on`, most specific first, without repeats.
pub fn visit_phrases(h: &Household, on: NaiveDate) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut add = |text: String| {
        if !out.contains(&text) {
            out.push(text);
        }
    };
    let members = h.members_on(on);
    for m in &members {
        match m.health {
            Some(Health::SeriousIllness | Health::Chronic) => {
                add(format!("了解{}的病情、治疗和医保报销情况", m.name))
            }
            Some(Health::Disabled) => add(format!("了解{}的康复和残疾人补贴发放情况", m.name)),
            _ => {}
        }
        if m.schooling.is_some_and(|s| s.is_student()) {
            add(format!("了解{}在校就读和教育资助落实情况", m.name));
        }
        if m.work.as_ref().is_some_and(|w| w.place.is_some()) {
            add(format!("核实{}的务工收入和就业稳定情况", m.name));
        }
    }
    if let Some(monitoring) = h.monitoring.as_ref().filter(|m| m.eliminated.is_none()) {
        for risk in &monitoring.risks {
            add(match risk {
                Risk::Illness => "核实因病风险：医疗费用支出和报销是否落实".to_string(),
                Risk::Schooling => "核实因学风险：教育支出和资助是否落实".to_string(),
                Risk::Disability => "核实因残风险：残疾人两项补贴和康复服务是否落实".to_string(),
                Risk::Disaster => "核实灾后损失和救助、恢复生产情况".to_string(),
                Risk::UnstableWork => "核实务工就业是否稳定，有无就业帮扶需求".to_string(),
                Risk::Housing => "查看住房安全状况和改造进度".to_string(),
                Risk::Water => "核实饮水安全问题是否解决".to_string(),
                other => format!("核实{}风险的帮扶措施落实情况", other.label()),
            });
        }
        add("评估风险是否已稳定消除（收入、两不愁三保障和饮水安全）".to_string());
    }
    if matches!(
        h.conditions.house_grade,
        Some(HouseGrade::C | HouseGrade::D | HouseGrade::NoHouse)
    ) {
        add("查看住房安全状况".to_string());
    }
    if h.conditions.drinking_water_safe == Some(false) {
        add("核实饮水安全（水量、水质、取水方便程度）".to_string());
    }
    if members.iter().any(|m| m.dibao == Some(true)) {
        add("核实低保金按时足额发放".to_string());
    }
    if matches!(h.status, Some(Status::Exited | Status::Monitored)) {
        add("宣传防返贫监测政策和申报渠道".to_string());
    }
    add("核对收入一本账".to_string());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn household() -> Household {
        let text = include_str!("../tests/data/village.json");
        let doc: crate::model::VillageDocument = serde_json::from_str(text).expect("fixture");
        doc.households.into_iter().next().expect("a household")
    }

    #[test]
    fn phrases_come_from_the_households_own_facts() {
        let h = household();
        let on = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let phrases = visit_phrases(&h, on);
        // 张三 has a chronic illness and works in the county; 张小明 is at school.
        assert!(
            phrases.contains(&"了解张三的病情、治疗和医保报销情况".to_string()),
            "{phrases:?}"
        );
        assert!(
            phrases.contains(&"核实张三的务工收入和就业稳定情况".to_string()),
            "{phrases:?}"
        );
        assert!(
            phrases.iter().any(|p| p.starts_with("了解张小明在校")),
            "{phrases:?}"
        );
        assert_eq!(phrases.last().map(String::as_str), Some("核对收入一本账"));
        assert!(
            !phrases.iter().any(|p| p.contains("李秀英")),
            "she is healthy and at home: {phrases:?}"
        );
    }

    #[test]
    fn a_monitored_risk_asks_for_its_own_check() {
        let mut h = household();
        h.status = Some(Status::Monitored);
        h.monitoring = Some(crate::model::Monitoring {
            id: None,
            kind: crate::codes::MonitoringKind::UnstableExited,
            identified: NaiveDate::from_ymd_opt(2025, 3, 1).unwrap(),
            channel: None,
            risks: vec![Risk::Water],
            eliminated: None,
            elimination_mode: None,
            disaster: None,
            risk_note: None,
            procedure: Vec::new(),
        });
        let phrases = visit_phrases(&h, NaiveDate::from_ymd_opt(2026, 3, 1).unwrap());
        assert!(
            phrases.contains(&"核实饮水安全问题是否解决".to_string()),
            "{phrases:?}"
        );
        assert!(phrases
            .iter()
            .any(|p| p.starts_with("评估风险是否已稳定消除")));
        assert!(phrases.contains(&"宣传防返贫监测政策和申报渠道".to_string()));
    }
}
