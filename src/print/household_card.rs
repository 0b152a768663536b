//! 户档案卡: the household's record on paper (一本通), signed by the head, the paired cadre
//! and the village committee (or the resident first secretary).
//!
//! Sections: basic facts, living conditions (☐/☑), members, causes (☐/☑), pairing history,
//! measures with a 户主签名 column, the year's income, the year's verdicts, signatures.

use super::checkbox::{choices, yes_no, Choice};
use super::fonts::Fonts;
use super::layout::{Layout, A4_PORTRAIT};
use super::sections::{self as s, money, number, opt, pair_row, wide_row, IncomeSummary};
use super::stamp::{self, Stamp};
use super::table::{columns, Cell, Composer};
use super::{CardContext, PrintedDocument};
use crate::codes::{Cause, Fuel, HouseGrade, RelocationMode, RoadType};
use crate::model::Member;

/// Prints the household record card.
pub fn household_card(ctx: &CardContext<'_>) -> crate::Result<PrintedDocument> {
    compose(ctx, Fonts::shared()?).render()
}

/// Lays out the household record card.
pub(crate) fn compose(ctx: &CardContext<'_>, fonts: &Fonts) -> Layout {
    let h = ctx.household;
    let head = s::head_name(h);
    let cont = format!("户档案卡（续）　户主：{head}　户编号：{}", h.code);
    let mut c = Composer::new(fonts, A4_PORTRAIT, cont);
    c.title("户档案卡", &format!("{}　{}年度", s::place(ctx.village), ctx.year));

    basics(&mut c, ctx, &head);
    conditions(&mut c, ctx);
    members(&mut c, ctx);
    causes(&mut c, ctx);
    pairings(&mut c, ctx);
    measures(&mut c, ctx);
    income(&mut c, ctx);
    verdicts(&mut c, ctx);
    c.section("九、签字确认", 80.0);
    s::signatures(&mut c, &["户主", "帮扶责任人", "村委会（或驻村第一书记）"]);

    let stamp = Stamp {
        kind: "household",
        identity: format!("{}/{}", ctx.village.code, h.code),
        label: format!("户档案卡　户编号：{}", h.code),
        year: ctx.year,
        revision: ctx.revision,
        printed_on: ctx.printed_on,
    };
    stamp::finish(format!("户档案卡 {}", h.code), c.finish(), &stamp)
}

fn basics(c: &mut Composer<'_>, ctx: &CardContext<'_>, head: &str) {
    let h = ctx.household;
    c.section("一、家庭基本情况", 60.0);
    pair_row(c, ("户编号", h.code.clone()), ("户主姓名", head.to_string()));
    pair_row(c, ("村民小组", opt(h.group.as_ref())), ("联系电话", opt(h.phone.as_ref())));
    wide_row(c, "家庭住址", Cell::value(0.0, opt(h.address.as_ref())));
    pair_row(c, ("识别标准", opt(h.standard)), ("识别年度", opt(h.identified_year)));
    pair_row(c, ("贫困户属性", opt(h.attribute)), ("户状态", opt(h.status)));
    let persons = h.members_on(ctx.reference_date()).len();
    pair_row(c, ("脱贫年度", opt(h.exit_year)), ("家庭人口", format!("{persons} 人")));
    if let Some(m) = &h.monitoring {
        pair_row(c, ("监测对象类型", m.kind.label().to_string()), ("纳入监测日期", s::date(m.identified)));
        let risks: Vec<&str> = m.risks.iter().map(|r| r.label()).collect();
        let end = m.eliminated.map(|d| format!("（{} 风险消除）", s::date(d))).unwrap_or_default();
        wide_row(c, "风险类型", Cell::value(0.0, format!("{}{end}", risks.join("、"))));
    }
}

fn conditions(c: &mut Composer<'_>, ctx: &CardContext<'_>) {
    let k = &ctx.household.conditions;
    let area = |v: Option<f64>, unit: &str| v.map(|v| format!("{} {unit}", number(v))).unwrap_or_default();
    c.section("二、生产生活条件", 60.0);
    pair_row(c, ("耕地面积", area(k.farmland_mu, "亩")), ("有效灌溉面积", area(k.irrigated_mu, "亩")));
    pair_row(c, ("林地面积", area(k.forest_mu, "亩")), ("牧草地面积", area(k.grassland_mu, "亩")));
    pair_row(c, ("水面面积", area(k.water_surface_mu, "亩")), ("住房面积", area(k.house_area_m2, "平方米")));
    let grade: Vec<HouseGrade> = k.house_grade.into_iter().collect();
    wide_row(c, "危房等级", Cell::choices(0.0, choices(HouseGrade::ALL, |v| v.label(), &grade)));
    yes_no_row(c, ("饮水安全", k.drinking_water_safe), ("通生活用电", k.electricity));
    yes_no_row(c, ("卫生厕所", k.sanitary_toilet), ("加入合作社", k.cooperative_member));
    let road: Vec<RoadType> = k.road_type.into_iter().collect();
    wide_row(c, "入户路类型", Cell::choices(0.0, choices(RoadType::ALL, |v| v.label(), &road)));
    let w = s::pair_columns(c);
    c.row(
        vec![
            Cell::label(w[0], "距村主干路"),
            Cell::value(w[1], area(k.road_distance_km, "公里")),
            Cell::label(w[2], "不愁吃不愁穿"),
            Cell::choices(w[3], yes_no(ctx.household.food_clothing_secure)),
        ],
        20.0,
    );
    let fuel: Vec<Fuel> = k.fuel.into_iter().collect();
    wide_row(c, "主要燃料", Cell::choices(0.0, choices(Fuel::ALL, |v| v.label(), &fuel)));
    let mode: Vec<RelocationMode> = k.relocation.as_ref().and_then(|r| r.mode).into_iter().collect();
    let moved_in = k.relocation.as_ref().and_then(|r| r.moved_in);
    c.row(
        vec![
            Cell::label(w[0], "易地扶贫搬迁"),
            Cell::choices(w[1], choices(RelocationMode::ALL, |v| v.label(), &mode)),
            Cell::label(w[2], "是否已入住"),
            Cell::choices(w[3], yes_no(moved_in)),
        ],
        20.0,
    );
}

fn yes_no_row(c: &mut Composer<'_>, a: (&str, Option<bool>), b: (&str, Option<bool>)) {
    let w = s::pair_columns(c);
    c.row(
        vec![
            Cell::label(w[0], a.0),
            Cell::choices(w[1], yes_no(a.1)),
            Cell::label(w[2], b.0),
            Cell::choices(w[3], yes_no(b.1)),
        ],
        20.0,
    );
}

fn members(c: &mut Composer<'_>, ctx: &CardContext<'_>) {
    let on = ctx.reference_date();
    let list = ctx.household.members_on(on);
    let w = columns(c.width(), &[0.35, 0.95, 0.72, 0.35, 1.95, 0.4, 0.85, 0.75, 0.8, 0.95, 0.42, 0.42]);
    let titles = [
        "序号", "姓名", "与户主关系", "性别", "身份证号码", "年龄", "文化程度", "在校状况", "健康状况",
        "劳动能力", "医保", "大病保险",
    ];
    c.section("三、家庭成员", 80.0);
    c.header(titles.iter().zip(&w).map(|(t, w)| Cell::head(*w, t)).collect(), 22.0);
    for (i, m) in list.iter().enumerate() {
        let cells = member_cells(ctx, m, on, i + 1);
        c.row(cells.into_iter().zip(&w).map(|((text, center), w)| cell(*w, text, center)).collect(), 20.0);
    }
    if list.is_empty() {
        c.row(w.iter().map(|w| Cell::blank(*w)).collect(), 20.0);
    }
    c.end_table();
}

fn cell(w: f32, text: String, center: bool) -> Cell {
    if center {
        Cell::center(w, text)
    } else {
        Cell::value(w, text)
    }
}

fn member_cells(ctx: &CardContext<'_>, m: &Member, on: chrono::NaiveDate, n: usize) -> Vec<(String, bool)> {
    let id = m.id_number.as_deref().map(|id| if ctx.mask_ids { crate::idcard::mask(id) } else { id.to_string() });
    let health = match (m.health, m.disability_grade) {
        (Some(h), Some(g)) if h == crate::codes::Health::Disabled => format!("{}（{g}级）", h.label()),
        (h, _) => opt(h),
    };
    let yes = |v: Option<bool>| match v {
        Some(true) => "是".to_string(),
        Some(false) => "否".to_string(),
        None => String::new(),
    };
    vec![
        (n.to_string(), true),
        (m.name.clone(), true),
        (opt(m.relation), true),
        (opt(m.effective_sex()), true),
        (opt(id), true),
        (opt(m.age_on(on)), true),
        (opt(m.education), true),
        (opt(m.schooling), true),
        (health, true),
        (opt(m.labor), true),
        (yes(m.medical_insurance), true),
        (yes(m.serious_illness_insurance), true),
    ]
}

fn causes(c: &mut Composer<'_>, ctx: &CardContext<'_>) {
    let h = ctx.household;
    let main: Vec<Cause> = h.main_cause.into_iter().collect();
    let all: Vec<Choice> = choices(Cause::ALL, |v| v.label(), &main);
    c.section("四、致贫原因", 60.0);
    wide_row(c, "主要致贫原因", Cell::choices(0.0, all));
    wide_row(c, "其他致贫原因", Cell::choices(0.0, choices(Cause::ALL, |v| v.label(), &h.other_causes)));
}

fn pairings(c: &mut Composer<'_>, ctx: &CardContext<'_>) {
    let w = columns(c.width(), &[0.8, 1.9, 0.6, 1.0, 1.15, 0.85, 0.95, 0.95]);
    let titles = ["姓名", "帮扶单位", "单位级别", "职务", "联系电话", "结对角色", "起始日期", "结束日期"];
    c.section("五、帮扶责任人（结对记录）", 70.0);
    c.header(titles.iter().zip(&w).map(|(t, w)| Cell::head(*w, t)).collect(), 22.0);
    let mut list: Vec<_> = ctx.household.pairings.iter().collect();
    list.sort_by_key(|p| (p.start, p.end));
    for p in &list {
        let cadre = ctx.cadre(&p.cadre);
        let name = cadre.map(|k| k.name.clone()).unwrap_or_else(|| format!("（未登记：{}）", p.cadre));
        let texts = [
            name,
            opt(cadre.and_then(|k| k.unit.clone())),
            opt(cadre.and_then(|k| k.unit_level)),
            opt(cadre.and_then(|k| k.position.clone())),
            opt(cadre.and_then(|k| k.phone.clone())),
            p.role.label().to_string(),
            s::date(p.start),
            p.end.map(s::date).unwrap_or_else(|| "至今".to_string()),
        ];
        c.row(texts.into_iter().zip(&w).map(|(t, w)| Cell::center(*w, t)).collect(), 20.0);
    }
    if list.is_empty() {
        c.row(w.iter().map(|w| Cell::blank(*w)).collect(), 20.0);
    }
    c.end_table();
}

fn measures(c: &mut Composer<'_>, ctx: &CardContext<'_>) {
    let w = columns(c.width(), &[0.95, 2.0, 1.15, 1.0, 1.75, 0.8]);
    let titles = ["措施类别", "帮扶措施内容", "规模及资金", "起止时间", "帮扶成效", "户主签名"];
    c.section("六、帮扶措施及成效", 70.0);
    c.header(titles.iter().zip(&w).map(|(t, w)| Cell::head(*w, t)).collect(), 22.0);
    let mut list: Vec<_> = ctx.household.measures.iter().collect();
    list.sort_by_key(|m| (m.start, m.end));
    for m in &list {
        let mut scale: Vec<String> = m.scale.iter().cloned().collect();
        if let Some(f) = m.funds {
            let funder = m.funder.as_ref().map(|f| format!("（{f}）")).unwrap_or_default();
            scale.push(format!("资金 {} 元{funder}", money(f)));
        }
        let end = m.end.map(s::date).unwrap_or_else(|| "至今".to_string());
        let mut result = opt(m.result.as_ref());
        if let Some(g) = m.income_gain {
            result = format!("{result}{}增收 {} 元", if result.is_empty() { "" } else { "；" }, money(g));
        }
        c.row(
            vec![
                Cell::center(w[0], m.class.label()),
                Cell::value(w[1], m.content.clone()),
                Cell::value(w[2], scale.join("\n")),
                Cell::center(w[3], format!("{}\n至 {end}", s::date(m.start))),
                Cell::value(w[4], result),
                Cell::blank(w[5]),
            ],
            30.0,
        );
    }
    if list.is_empty() {
        c.row(w.iter().map(|w| Cell::blank(*w)).collect(), 30.0);
    }
    c.end_table();
}

fn income(c: &mut Composer<'_>, ctx: &CardContext<'_>) {
    let sum = IncomeSummary::of(ctx);
    let w = columns(c.width(), &[1.0; 8]);
    let titles = [
        "工资性收入", "生产经营性收入", "财产性收入", "转移性收入", "生产经营性支出", "家庭纯收入", "家庭人口",
        "人均纯收入",
    ];
    c.section(&format!("七、{}年收入情况（单位：元）", ctx.year), 80.0);
    c.header(titles.iter().zip(&w).map(|(t, w)| Cell::head(*w, t)).collect(), 22.0);
    let mut values: Vec<String> = sum.by_category.iter().map(|(_, a)| money(*a)).collect();
    values.push(money(sum.expenses));
    values.push(money(sum.net));
    values.push(format!("{} 人", sum.persons));
    values.push(sum.per_capita.map(money).unwrap_or_default());
    c.row(values.into_iter().zip(&w).map(|(t, w)| Cell::center(*w, t)).collect(), 20.0);
    c.end_table();
    let line = ctx.line.as_ref().map(|(l, label)| format!("{label} {} 元／人·年", money(*l))).unwrap_or_default();
    pair_row(c, ("当年标准", line), ("对比结果", sum.against_line(ctx.line.as_ref())));
    pair_row(c, ("不计入纯收入", format!("{} 元（一次性补助等）", money(sum.not_counted))), ("计入收入合计", format!("{} 元", money(sum.counted))));
}

fn verdicts(c: &mut Composer<'_>, ctx: &CardContext<'_>) {
    let w = columns(c.width(), &[1.5, 0.8, 3.7]);
    c.section(&format!("八、{}年度核验结论", ctx.year), 70.0);
    c.header(vec![Cell::head(w[0], "核验项目"), Cell::head(w[1], "结论"), Cell::head(w[2], "依据")], 22.0);
    for v in &ctx.verdicts {
        c.row(
            vec![Cell::value(w[0], v.rule_label.clone()), Cell::center(w[1], v.outcome_label.clone()), Cell::value(w[2], v.reason.clone())],
            20.0,
        );
    }
    if ctx.verdicts.is_empty() {
        c.row(vec![Cell::center(w[0] + w[1] + w[2], "（本年度尚未核验）")], 20.0);
    }
    c.end_table();
}
