//! Checks of the fields added for the county checks (migration 0009): a measure's
//! sub-kind against its class, members' phones, out-of-school reasons and the monitoring
//! record's elimination mode and disaster sub-type, the 低保边缘 category against 低保.

use super::Report;
use crate::codes::{LowIncomeKind, Risk};
use crate::model::Household;

/// 11-digit mobile number (`^1[3-9]\d{9}$`, the monitoring system's rule).
fn is_mobile(phone: &str) -> bool {
    let b = phone.as_bytes();
    b.len() == 11
        && b[0] == b'1'
        && (b'3'..=b'9').contains(&b[1])
        && b.iter().all(u8::is_ascii_digit)
}

pub(super) fn check(h: &Household, r: &mut Report) {
    for (i, m) in h.measures.iter().enumerate() {
        if let Some(item) = m.item {
            if item.class() != m.class {
                r.error(
                    &format!("measures[{i}].x_item"),
                    "measure.item_class",
                    format!(
                        "帮扶措施“{}”的子项“{}”属于“{}”，与所选类别“{}”不符",
                        m.content,
                        item.label(),
                        item.class().label(),
                        m.class.label()
                    ),
                );
            }
        }
    }
    for (i, m) in h.members.iter().enumerate() {
        if let Some(phone) = m.phone.as_deref().map(str::trim) {
            if !is_mobile(phone) {
                r.warn(
                    &format!("members[{i}].x_phone"),
                    "member.phone",
                    format!("成员“{}”的联系电话“{phone}”不是11位手机号码", m.name),
                );
            }
        }
        if m.out_of_school_reason.is_some() && m.schooling.is_some_and(|s| s.is_student()) {
            r.warn(
                &format!("members[{i}].x_out_of_school_reason"),
                "schooling.reason_while_in_school",
                format!(
                    "成员“{}”是在校生，却填了义务教育阶段未上学原因，请核实",
                    m.name
                ),
            );
        }
    }
    if h.low_income == Some(LowIncomeKind::DibaoEdge)
        && h.members.iter().any(|m| m.dibao == Some(true))
    {
        r.warn(
            "x_low_income",
            "low_income.edge_with_dibao",
            "登记为低保边缘家庭，但有成员享受低保：低保边缘家庭是不在低保范围内的家庭，请核实"
                .into(),
        );
    }
    if let Some(mon) = &h.monitoring {
        if mon.elimination_mode.is_some() && mon.eliminated.is_none() {
            r.warn(
                "monitoring.x_elimination_mode",
                "monitoring.mode_without_elimination",
                "填了风险消除方式，但没有风险消除日期".into(),
            );
        }
        let disaster = mon.risks.contains(&Risk::Disaster);
        let sub_kind = mon
            .disaster
            .as_deref()
            .is_some_and(|d| !d.trim().is_empty());
        if disaster && !sub_kind {
            r.warn(
                "monitoring.x_disaster",
                "monitoring.disaster_kind_missing",
                "风险类型有“因自然灾害”，请填写因自然灾害子项（如洪涝、干旱、地质灾害）".into(),
            );
        } else if sub_kind && !disaster {
            r.warn(
                "monitoring.x_disaster",
                "monitoring.disaster_kind_without_risk",
                "填了因自然灾害子项，但风险类型中没有“因自然灾害”".into(),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_mobile;

    #[test]
    fn mobile_numbers_are_eleven_digits_from_13_to_19() {
        assert!(is_mobile("13800001234"));
        assert!(is_mobile("19912345678"));
        assert!(!is_mobile("12800001234"), "no 12x prefix");
        assert!(!is_mobile("0797-1234567"), "a landline");
        assert!(!is_mobile("1380000123"), "ten digits");
    }
}
