//! What a record cannot be saved without (an income line's item, a visit's findings, a
//! member's relation …), and pairings of one role that overlap (更换帮扶人 ends the old
//! pairing before the new one starts: 不脱贫不脱钩 keeps one helper per role at a time;
//! a warning, as files from other tools may carry such history).

use super::Report;
use crate::codes::EventKind;
use crate::model::Household;

fn blank(text: &str) -> bool {
    text.trim().is_empty()
}

pub(super) fn check(h: &Household, r: &mut Report) {
    for (i, m) in h.members.iter().enumerate() {
        if m.relation.is_none() {
            r.error(
                &format!("members[{i}].relation"),
                "member.relation",
                "请选择与户主关系".into(),
            );
        }
    }
    let items = [
        (
            "income",
            "收入项目",
            h.income.iter().map(|l| &l.item).collect::<Vec<_>>(),
        ),
        (
            "expenses",
            "支出项目",
            h.expenses.iter().map(|l| &l.item).collect(),
        ),
        (
            "rigid_expenses",
            "支出项目",
            h.rigid_expenses.iter().map(|l| &l.item).collect(),
        ),
    ];
    for (list, label, texts) in items {
        for (i, t) in texts.into_iter().enumerate() {
            if blank(t) {
                r.error(
                    &format!("{list}[{i}].item"),
                    "item.empty",
                    format!("请填写{label}"),
                );
            }
        }
    }
    for (i, l) in h.rigid_expenses.iter().enumerate() {
        if l.reimbursed > l.amount {
            r.error(
                &format!("rigid_expenses[{i}].reimbursed"),
                "rigid.reimbursed",
                format!("报销金额{}元不能大于支出金额{}元", l.reimbursed, l.amount),
            );
        }
    }
    for (i, v) in h.visits.iter().enumerate() {
        if blank(&v.cadre) {
            r.error(
                &format!("visits[{i}].cadre"),
                "visit.cadre",
                "请选择走访干部".into(),
            );
        }
        if blank(&v.found) {
            r.error(
                &format!("visits[{i}].found"),
                "visit.found",
                "请填写走访了解情况".into(),
            );
        }
    }
    for (i, m) in h.measures.iter().enumerate() {
        if blank(&m.content) {
            r.error(
                &format!("measures[{i}].content"),
                "measure.content",
                "请填写措施内容".into(),
            );
        }
    }
    for (i, e) in h.events.iter().enumerate() {
        if e.kind != EventKind::Other && e.member.is_none() {
            r.error(
                &format!("events[{i}].member"),
                "event.member",
                "请选择变动成员".into(),
            );
        }
    }
    pairings(h, r);
}

fn pairings(h: &Household, r: &mut Report) {
    for (i, p) in h.pairings.iter().enumerate() {
        if blank(&p.cadre) {
            r.error(
                &format!("pairings[{i}].cadre"),
                "pairing.cadre",
                "请选择帮扶责任人".into(),
            );
            continue;
        }
        // An earlier pairing of the same role still running when this one starts.
        let before = h.pairings.iter().enumerate().find(|(j, q)| {
            *j != i
                && q.role == p.role
                && (q.start, *j) < (p.start, i)
                && q.end.is_none_or(|end| end > p.start)
        });
        if let Some((_, q)) = before {
            let until = q.end.map_or("至今".to_string(), |e| format!("至{e}"));
            let same = if q.cadre == p.cadre {
                "（同一帮扶责任人）"
            } else {
                ""
            };
            r.warn(
                &format!("pairings[{i}].start"),
                "pairing.overlap",
                format!(
                    "结对开始日期{}与同类结对（{}起{until}）重叠{same}：更换帮扶人须先结束原结对",
                    p.start, q.start
                ),
            );
        }
    }
}
