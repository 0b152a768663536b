//! Where a finding or a missing fact sits, said in Chinese: `members[2].schooling` →
//! 成员“李四”的在校生状况. One wording for the app's verdicts, 数据核查 and forms, so no
//! screen shows a JSON path.

use super::timeline::field_label;
use super::Household;
use crate::rules::parameter_label;
use serde::Serialize;

/// A field of a household by its exchange path, with what the cadre reads.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
pub struct FieldPlace {
    /// `members[2].schooling`, `income`, `policy.dibao_line` (no `households[i].`).
    pub path: String,
    /// 成员“李四”的在校生状况.
    pub text: String,
}

impl FieldPlace {
    pub fn of(household: &Household, path: &str) -> FieldPlace {
        let path = local_path(path);
        FieldPlace {
            text: describe(household, path),
            path: path.to_string(),
        }
    }
}

/// Drops a leading `households[i].` (paths of a document check).
pub fn local_path(path: &str) -> &str {
    match path.strip_prefix("households[") {
        Some(rest) => rest.find("].").map_or(path, |i| &rest[i + 2..]),
        None => path,
    }
}

/// The Chinese name of the place `path` names in `household`.
pub fn describe(household: &Household, path: &str) -> String {
    let path = local_path(path);
    if let Some(code) = path.strip_prefix("policy.") {
        return format!("本地政策参数“{}”", parameter_label(code));
    }
    let (head, rest) = path.split_once('.').unwrap_or((path, ""));
    let (list, index, period) = match head.split_once('[') {
        Some((list, tail)) => {
            let inside = tail.trim_end_matches(']');
            (list, inside.parse::<usize>().ok(), period_of(inside))
        }
        None => (head, None, None),
    };
    let Some(record) = record_name(household, list, index) else {
        return field_label(path).to_string();
    };
    // `income[year=2026,month=11]`: the book of that month or year.
    let record = match period {
        Some(period) => format!("{period}{record}"),
        None => record,
    };
    if rest.is_empty() {
        return record;
    }
    let field = if list == "members" {
        field_label(rest)
    } else {
        record_field_label(rest)
    };
    format!("{record}的{field}")
}

/// The record a list path names (`income[3]` → 2024年务工收入记录), or `None` for a
/// path that is not one of the household's lists.
fn record_name(h: &Household, list: &str, index: Option<usize>) -> Option<String> {
    let whole = match list {
        "members" => "家庭成员",
        "income" => "收入一本账",
        "expenses" => "生产经营支出",
        "rigid_expenses" => "刚性支出",
        "pairings" => "结对帮扶记录",
        "visits" => "走访记录",
        "measures" => "帮扶措施",
        "events" => "人口变动记录",
        _ => return None,
    };
    let Some(i) = index else {
        return Some(whole.to_string());
    };
    let nth = format!("第{}条{whole}", i + 1);
    Some(match list {
        "members" => h.members.get(i).map_or(format!("第{}位成员", i + 1), |m| {
            if m.name.trim().is_empty() {
                format!("第{}位成员", i + 1)
            } else {
                format!("成员“{}”", m.name)
            }
        }),
        "income" => h.income.get(i).map_or(nth, |l| {
            format!("{}收入“{}”", year_month(l.year, l.month), l.item)
        }),
        "expenses" => h.expenses.get(i).map_or(nth, |l| {
            format!("{}支出“{}”", year_month(l.year, l.month), l.item)
        }),
        "rigid_expenses" => h
            .rigid_expenses
            .get(i)
            .map_or(nth, |l| format!("{}刚性支出“{}”", l.date, l.item)),
        "pairings" => h
            .pairings
            .get(i)
            .map_or(nth, |p| format!("{}起结对记录", p.start)),
        "visits" => h
            .visits
            .get(i)
            .map_or(nth, |v| format!("{}走访记录", v.date)),
        "measures" => h.measures.get(i).map_or(nth, |m| {
            let content: String = m.content.chars().take(16).collect();
            format!("帮扶措施“{content}”")
        }),
        _ => nth,
    })
}

/// `year=2026,month=11` → 2026年11月.
fn period_of(selector: &str) -> Option<String> {
    let mut year = None;
    let mut month = None;
    for part in selector.split(',') {
        match part.split_once('=') {
            Some(("year", v)) => year = v.parse::<i32>().ok(),
            Some(("month", v)) => month = v.parse::<u8>().ok(),
            _ => {}
        }
    }
    year.map(|y| year_month(y, month))
}

fn year_month(year: i32, month: Option<u8>) -> String {
    match month {
        Some(m) => format!("{year}年{m}月"),
        None => format!("{year}年"),
    }
}

/// The Chinese name of the field a path ends in (`households[2].members[1].relation` →
/// 与户主关系), or `None` when it has none.
pub fn field_name(path: &str) -> Option<&str> {
    let local = local_path(path);
    let in_record = local.rfind("].").map(|i| &local[i + 2..]);
    let name = match in_record {
        Some(field) if local.starts_with("members[") => field_label(field),
        Some(field) => record_field_label(field),
        None => field_label(local),
    };
    let field = in_record.unwrap_or(local);
    (name != field).then_some(name)
}

/// Fields of the dated records (members' fields are in `field_label`).
fn record_field_label(field: &str) -> &str {
    match field {
        "year" => "年度",
        "month" => "月份",
        "category" => "类别",
        "item" => "项目",
        "amount" => "金额",
        "counted" => "是否计入收入",
        "date" => "日期",
        "kind" => "类别",
        "reimbursed" => "报销金额",
        "cadre" => "帮扶责任人",
        "role" => "帮扶角色",
        "start" => "开始日期",
        "end" => "结束日期",
        "mode" => "走访方式",
        "found" => "了解情况",
        "done" => "帮扶内容",
        "follow_up" => "下一步打算",
        "class" => "措施类别",
        "x_item" => "措施子项",
        "x_kind" => "帮扶身份",
        "x_elimination_mode" | "elimination_mode" => "风险消除方式",
        "x_disaster" | "disaster" => "因自然灾害子项",
        "x_risk_note" | "risk_note" => "风险备注",
        "x_procedure" | "procedure" => "监测程序",
        "stage" => "程序",
        "step" => "步骤",
        "until" => "公示截止日期",
        "people" => "经办人员",
        "content" => "措施内容",
        "scale" => "规模",
        "funds" => "资金",
        "funder" => "资金来源",
        "result" => "帮扶成效",
        "member" => "成员",
        "reason" => "原因",
        other => field_label(other),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn household() -> Household {
        let text = include_str!("../../tests/data/village.json");
        let doc: crate::model::VillageDocument = serde_json::from_str(text).expect("fixture");
        doc.households.into_iter().next().expect("a household")
    }

    #[test]
    fn every_kind_of_path_reads_as_a_place() {
        let h = household();
        for (path, text) in [
            (
                "households[0].members[1].schooling",
                "成员“李秀英”的在校生状况",
            ),
            (
                "members[0].medical_insurance",
                "成员“张三”的城乡居民基本医疗保险",
            ),
            ("members[9].labor", "第10位成员的劳动能力"),
            ("members", "家庭成员"),
            ("income[0].amount", "2019年收入“务工收入”的金额"),
            ("income", "收入一本账"),
            ("income[year=2026]", "2026年收入一本账"),
            ("income[year=2026,month=11]", "2026年11月收入一本账"),
            ("visits[0].found", "2019-05-10走访记录的了解情况"),
            ("conditions.farmland_mu", "耕地面积"),
            ("monitoring.risks", "风险类型"),
            ("policy.monitoring_line", "本地政策参数“监测范围”"),
        ] {
            assert_eq!(describe(&h, path), text, "{path}");
        }
    }

    #[test]
    fn a_field_is_named_by_its_last_part() {
        assert_eq!(field_name("households[2].main_cause"), Some("主要致贫原因"));
        assert_eq!(
            field_name("households[0].members[1].relation"),
            Some("与户主关系")
        );
        assert_eq!(field_name("households[0].income[3].amount"), Some("金额"));
        assert_eq!(field_name("households[0].x_unknown"), None);
    }

    #[test]
    fn the_place_keeps_the_path_without_the_document_prefix() {
        let p = FieldPlace::of(&household(), "households[3].members[0].name");
        assert_eq!(p.path, "members[0].name");
        assert_eq!(p.text, "成员“张三”的姓名");
    }
}
