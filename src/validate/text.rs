//! Text hygiene: every text a household carries is one line (free notes may have line
//! breaks) without control characters, and of a length a form or a card can hold. A
//! newline in a name would forge a line in a list; a 200 MB address would stall printing.

use super::Report;
use crate::model::Household;

/// Short one-line texts (names, codes, phone numbers).
const SHORT: usize = 50;
/// One-line texts (addresses, items, contents).
const LINE: usize = 200;
/// Free notes (what was found and done on a visit, results).
const NOTE: usize = 2000;

/// Checks one text; `path` is only built for a text at fault (most are not).
fn check(
    r: &mut Report,
    path: impl FnOnce() -> String,
    label: &str,
    text: &str,
    max: usize,
    multiline: bool,
) {
    let bad = text
        .chars()
        .find(|c| c.is_control() && !(multiline && (*c == '\n' || *c == '\t' || *c == '\r')));
    // A text of no more bytes than `max` has no more characters either.
    let n = if text.len() > max {
        text.chars().count()
    } else {
        text.len()
    };
    if bad.is_none() && n <= max {
        return;
    }
    let path = path();
    if let Some(c) = bad {
        let what = if c == '\n' || c == '\r' {
            "换行".to_string()
        } else {
            format!("控制字符（U+{:04X}）", c as u32)
        };
        r.error(
            &path,
            "text.control",
            format!("{label}中不能有{what}，请删去后再保存"),
        );
    }
    if n > max {
        r.error(
            &path,
            "text.length",
            format!("{label}过长（{n}个字，最多{max}个字）"),
        );
    }
}

fn opt(
    r: &mut Report,
    path: impl FnOnce() -> String,
    label: &str,
    text: &Option<String>,
    max: usize,
) {
    if let Some(t) = text {
        check(r, path, label, t, max, false);
    }
}

pub(super) fn check_household(h: &Household, r: &mut Report) {
    check(r, || "code".into(), "户编号", &h.code, SHORT, false);
    check(r, || "id".into(), "记录编号", &h.id, 100, false);
    opt(r, || "group".into(), "村民小组", &h.group, SHORT);
    opt(r, || "address".into(), "住址", &h.address, LINE);
    opt(r, || "phone".into(), "联系电话", &h.phone, SHORT);
    for (i, m) in h.members.iter().enumerate() {
        let p = |f: &str| format!("members[{i}].{f}");
        check(r, || p("id"), "成员记录编号", &m.id, 100, false);
        check(r, || p("name"), "姓名", &m.name, SHORT, false);
        opt(r, || p("id_number"), "证件号码", &m.id_number, SHORT);
        opt(r, || p("ethnicity"), "民族", &m.ethnicity, SHORT);
    }
    for (i, l) in h.income.iter().enumerate() {
        check(
            r,
            || format!("income[{i}].item"),
            "收入项目",
            &l.item,
            LINE,
            false,
        );
    }
    for (i, l) in h.expenses.iter().enumerate() {
        check(
            r,
            || format!("expenses[{i}].item"),
            "支出项目",
            &l.item,
            LINE,
            false,
        );
    }
    for (i, l) in h.rigid_expenses.iter().enumerate() {
        check(
            r,
            || format!("rigid_expenses[{i}].item"),
            "支出项目",
            &l.item,
            LINE,
            false,
        );
    }
    for (i, v) in h.visits.iter().enumerate() {
        let p = |f: &str| format!("visits[{i}].{f}");
        check(r, || p("found"), "走访发现", &v.found, NOTE, true);
        check(r, || p("done"), "帮扶举措", &v.done, NOTE, true);
        check(r, || p("follow_up"), "后续安排", &v.follow_up, NOTE, true);
    }
    for (i, m) in h.measures.iter().enumerate() {
        let p = |f: &str| format!("measures[{i}].{f}");
        check(r, || p("content"), "措施内容", &m.content, LINE, true);
        opt(r, || p("scale"), "规模", &m.scale, LINE);
        opt(r, || p("funder"), "资金来源单位", &m.funder, LINE);
        if let Some(t) = &m.result {
            check(r, || p("result"), "成效", t, NOTE, true);
        }
    }
    for (i, e) in h.events.iter().enumerate() {
        if let Some(t) = &e.note {
            check(r, || format!("events[{i}].note"), "变动说明", t, LINE, true);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Member;

    fn findings(h: &Household) -> Vec<String> {
        let mut r = Report::new(&h.code, "");
        check_household(h, &mut r);
        r.findings.into_iter().map(|f| f.rule).collect()
    }

    #[test]
    fn a_newline_in_a_name_and_a_huge_address_are_refused() {
        let h = Household {
            id: "h".into(),
            code: "1".into(),
            address: Some("村".repeat(201)),
            members: vec![Member {
                id: "m".into(),
                name: "张三\n3607291010990009\t李四".into(),
                ..Member::default()
            }],
            ..Household::default()
        };
        assert_eq!(findings(&h), vec!["text.length", "text.control"]);
    }
}
