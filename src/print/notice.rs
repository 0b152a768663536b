//! 公示名单: the public notice of identification, exit, monitoring or risk elimination.
//!
//! A notice is posted in the village, so it shows names, groups, household size and the
//! decision only — never ID numbers, phone numbers, bank accounts or health status. The
//! input rows carry no such fields, and a decision text that looks like one (a run of 11 or
//! more digits, a health word) is refused rather than printed.

use super::fonts::Fonts;
use super::layout::{Align, Layout, A4_PORTRAIT};
use super::sections::{self as s};
use super::stamp::{self, Stamp};
use super::table::{columns, Cell, Composer, TEXT};
use super::PrintedDocument;
use crate::model::Village;
use chrono::NaiveDate;

/// What the notice announces.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoticeKind {
    /// 贫困户识别 (拟纳入).
    Identification,
    /// 脱贫退出 (拟退出).
    Exit,
    /// 防返贫监测对象识别 (拟纳入监测).
    Monitoring,
    /// 监测对象风险消除.
    RiskEliminated,
}

impl NoticeKind {
    /// The notice's title, e.g. `贫困户脱贫退出公示`.
    pub fn title(self) -> &'static str {
        match self {
            NoticeKind::Identification => "贫困户识别公示",
            NoticeKind::Exit => "贫困户脱贫退出公示",
            NoticeKind::Monitoring => "防返贫监测对象识别公示",
            NoticeKind::RiskEliminated => "防返贫监测对象风险消除公示",
        }
    }
    /// Who the notice would list, for the refusal of an empty one.
    pub fn nobody(self) -> &'static str {
        match self {
            NoticeKind::Identification => "拟识别为贫困户",
            NoticeKind::Exit => "拟退出",
            NoticeKind::Monitoring => "拟纳入监测",
            NoticeKind::RiskEliminated => "拟标注风险消除",
        }
    }

    fn steps(self) -> &'static str {
        match self {
            NoticeKind::Identification => "经农户申请、入户调查、村民代表民主评议和村两委审核",
            NoticeKind::Exit => "经民主评议、村两委和驻村工作队核实、农户签字确认",
            NoticeKind::Monitoring => {
                "经农户申请（或干部排查、部门预警）、入户核查、信息比对和民主评议"
            }
            NoticeKind::RiskEliminated => "经入户核实、民主评议和村两委审核",
        }
    }
}

/// One household on the notice: public facts only.
#[derive(Debug, Clone, PartialEq)]
pub struct NoticeRow {
    pub group: Option<String>,
    /// The household head's name.
    pub head: String,
    pub size: u32,
    /// The proposed decision, e.g. `拟纳入建档立卡贫困户`, `拟退出`.
    pub decision: String,
}

/// The notice's input.
#[derive(Debug, Clone)]
pub struct NoticeContext<'a> {
    pub village: &'a Village,
    pub year: i32,
    pub kind: NoticeKind,
    /// 公示期, first and last day.
    pub period: (NaiveDate, NaiveDate),
    pub revision: i64,
    pub printed_on: NaiveDate,
    /// Set when a past year's paper is printed (补打).
    pub reprint: Option<super::Reprint>,
    pub rows: Vec<NoticeRow>,
}

/// Prints the notice; refuses rows whose text looks like private data.
pub fn notice(ctx: &NoticeContext<'_>) -> crate::Result<PrintedDocument> {
    compose_notice(ctx)?.render()
}

/// Lays out the notice; refuses an empty notice and rows whose text looks like private data.
pub fn compose_notice(ctx: &NoticeContext<'_>) -> crate::Result<Layout> {
    if ctx.rows.is_empty() {
        return Err(crate::Error::Invalid(format!(
            "{}年没有{}的农户，无需公示",
            ctx.year,
            ctx.kind.nobody()
        )));
    }
    for r in &ctx.rows {
        for text in [
            r.head.as_str(),
            r.decision.as_str(),
            r.group.as_deref().unwrap_or(""),
        ] {
            if let Some(why) = private(text) {
                return Err(crate::Error::Invalid(format!(
                    "公示名单不得包含{why}：“{text}”"
                )));
            }
        }
    }
    Ok(compose(ctx, Fonts::shared()?))
}

/// Health words a notice must not show.
pub(crate) const HEALTH_WORDS: &[&str] = &[
    "大病",
    "重病",
    "残疾",
    "慢性病",
    "患有",
    "疾病",
    "病情",
    "癌",
    "精神病",
];

/// Why a text may not be posted (ID/phone/account number, health status), if so.
pub(crate) fn private(text: &str) -> Option<&'static str> {
    let mut run = 0;
    let mut longest = 0;
    for c in text.chars() {
        run = if c.is_ascii_digit() { run + 1 } else { 0 };
        longest = longest.max(run);
    }
    if longest >= 11 {
        return Some("身份证号、电话号码或银行账号");
    }
    if HEALTH_WORDS.iter().any(|w| text.contains(w)) {
        return Some("健康状况");
    }
    None
}

fn compose(ctx: &NoticeContext<'_>, fonts: &Fonts) -> Layout {
    let title = format!("{}{}年{}", ctx.village.name, ctx.year, ctx.kind.title());
    let mut c = Composer::new(fonts, A4_PORTRAIT, format!("{title}（续）"));
    c.title(&title, "");
    let (from, to) = ctx.period;
    let days = (to - from).num_days() + 1;
    c.paragraph(
        &format!(
            "根据有关政策规定，{}，现将{}年{}名单（共 {} 户 {} 人）予以公示，接受群众监督。",
            ctx.kind.steps(),
            ctx.year,
            ctx.kind.title().trim_end_matches("公示"),
            ctx.rows.len(),
            ctx.rows.iter().map(|r| r.size).sum::<u32>(),
        ),
        Align::Left,
        TEXT + 1.0,
    );
    let w = columns(c.width(), &[0.5, 1.3, 1.3, 0.8, 2.2]);
    let titles = ["序号", "村民小组", "户主姓名", "家庭人口", "公示结果"];
    c.titles(&titles, &w, 22.0);
    for (i, r) in ctx.rows.iter().enumerate() {
        c.row(
            vec![
                Cell::center(w[0], (i + 1).to_string()),
                Cell::center(w[1], r.group.clone().unwrap_or_default()),
                Cell::center(w[2], r.head.clone()),
                Cell::center(w[3], format!("{} 人", r.size)),
                Cell::center(w[4], r.decision.clone()),
            ],
            22.0,
        );
    }
    c.end_table();
    c.gap(10.0);
    c.paragraph(
        &format!(
            "公示期：{} 至 {}（共 {days} 天）。公示期内，如对公示对象有异议，可以书面或口头形式向村民委员会或{}人民政府反映。",
            s::date_cn(from),
            s::date_cn(to),
            ctx.village.township.as_deref().unwrap_or("乡（镇）"),
        ),
        Align::Left,
        TEXT + 1.0,
    );
    c.gap(24.0);
    c.paragraph(
        &format!("{}村民委员会（盖章）", ctx.village.name),
        Align::Right,
        TEXT + 1.5,
    );
    c.paragraph(&s::date_cn(from), Align::Right, TEXT + 1.5);

    let stamp = Stamp {
        kind: "notice",
        identity: ctx.village.code.clone(),
        label: format!("公示名单　村代码：{}", ctx.village.code),
        year: ctx.year,
        revision: ctx.revision,
        printed_on: ctx.printed_on,
        reprint: ctx.reprint.map(|r| r.mark(ctx.year)),
    };
    stamp::finish(title, c.finish(), &stamp)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn private_text_is_recognised() {
        assert!(
            private("13800138000").is_some(),
            "a phone number is private"
        );
        assert!(
            private("36073119800101123X").is_some(),
            "an ID number is private"
        );
        assert!(
            private("因患有大病拟纳入").is_some(),
            "health status is private"
        );
        assert!(
            private("拟纳入监测对象").is_none(),
            "a plain decision is public"
        );
    }
}
