//! The household card's fact sections: basic facts, living conditions and causes as ☐/☑
//! option lists over the full code lists, and the member table (IDs masked on request).

use super::checkbox::{choices, yes_no, Choice};
use super::sections::{self as s, number, opt, pair_row, wide_row};
use super::table::{columns, Cell, Composer};
use super::CardContext;
use crate::codes::{Cause, Fuel, HouseGrade, RelocationMode, RoadType};
use crate::model::Member;

pub(crate) fn basics(c: &mut Composer<'_>, ctx: &CardContext<'_>, head: &str) {
    let h = ctx.household;
    c.section("一、家庭基本情况", 60.0);
    pair_row(
        c,
        ("户编号", h.code.clone()),
        ("户主姓名", head.to_string()),
    );
    pair_row(
        c,
        ("村民小组", opt(h.group.as_ref())),
        ("联系电话", opt(h.phone.as_ref())),
    );
    wide_row(c, "家庭住址", Cell::value(0.0, s::full_address(ctx)));
    pair_row(
        c,
        ("识别标准", opt(h.standard)),
        ("识别年度", opt(h.identified_year)),
    );
    pair_row(
        c,
        ("贫困户属性", s::attribute_text(h.attribute, h.status)),
        ("户状态", opt(h.status)),
    );
    // 家庭人口 is the engine's count (the members the income was divided by).
    let persons = s::figures(ctx)
        .map(|f| f.persons)
        .unwrap_or_else(|| h.members_on(ctx.reference_date()).len());
    pair_row(
        c,
        ("脱贫年度", opt(h.exit_year)),
        ("家庭人口", format!("{persons} 人")),
    );
    if let Some(m) = &h.monitoring {
        pair_row(
            c,
            ("监测对象类型", m.kind.label().to_string()),
            ("纳入监测日期", s::date(m.identified)),
        );
        let risks: Vec<&str> = m.risks.iter().map(|r| r.label()).collect();
        let end = m
            .eliminated
            .map(|d| format!("（{} 风险消除）", s::date(d)))
            .unwrap_or_default();
        wide_row(
            c,
            "风险类型",
            Cell::value(0.0, format!("{}{end}", risks.join("、"))),
        );
    }
}

pub(crate) fn conditions(c: &mut Composer<'_>, ctx: &CardContext<'_>) {
    let k = &ctx.household.conditions;
    let area = |v: Option<f64>, unit: &str| {
        v.map(|v| format!("{} {unit}", number(v)))
            .unwrap_or_default()
    };
    c.section("二、生产生活条件", 60.0);
    pair_row(
        c,
        ("耕地面积", area(k.farmland_mu, "亩")),
        ("有效灌溉面积", area(k.irrigated_mu, "亩")),
    );
    pair_row(
        c,
        ("林地面积", area(k.forest_mu, "亩")),
        ("牧草地面积", area(k.grassland_mu, "亩")),
    );
    pair_row(
        c,
        ("水面面积", area(k.water_surface_mu, "亩")),
        ("住房面积", area(k.house_area_m2, "平方米")),
    );
    let grade: Vec<HouseGrade> = k.house_grade.into_iter().collect();
    wide_row(
        c,
        "危房等级",
        Cell::choices(0.0, choices(HouseGrade::ALL, |v| v.label(), &grade)),
    );
    yes_no_row(
        c,
        ("饮水安全", k.drinking_water_safe),
        ("通生活用电", k.electricity),
    );
    yes_no_row(
        c,
        ("卫生厕所", k.sanitary_toilet),
        ("加入合作社", k.cooperative_member),
    );
    let road: Vec<RoadType> = k.road_type.into_iter().collect();
    wide_row(
        c,
        "入户路类型",
        Cell::choices(0.0, choices(RoadType::ALL, |v| v.label(), &road)),
    );
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
    wide_row(
        c,
        "主要燃料",
        Cell::choices(0.0, choices(Fuel::ALL, |v| v.label(), &fuel)),
    );
    let mode: Vec<RelocationMode> = k
        .relocation
        .as_ref()
        .and_then(|r| r.mode)
        .into_iter()
        .collect();
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

pub(crate) fn members(c: &mut Composer<'_>, ctx: &CardContext<'_>) {
    let on = ctx.reference_date();
    let list = ctx.household.members_on(on);
    let w = columns(
        c.width(),
        &[
            0.35, 0.95, 0.72, 0.42, 1.8, 0.4, 0.95, 0.75, 0.85, 0.95, 0.42, 0.42,
        ],
    );
    let titles = [
        "序号",
        "姓名",
        "与户主\n关系",
        "性别",
        "身份证号码",
        "年龄",
        "文化程度",
        "在校状况",
        "健康状况",
        "劳动能力",
        "医保",
        "大病保险",
    ];
    c.section("三、家庭成员", 80.0);
    c.titles(&titles, &w, 22.0);
    for (i, m) in list.iter().enumerate() {
        let cells = member_cells(ctx, m, on, i + 1);
        c.row(
            cells
                .into_iter()
                .zip(&w)
                .map(|((text, center), w)| cell(*w, text, center))
                .collect(),
            20.0,
        );
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

fn member_cells(
    ctx: &CardContext<'_>,
    m: &Member,
    on: chrono::NaiveDate,
    n: usize,
) -> Vec<(String, bool)> {
    let id = m.id_number.as_deref().map(|id| ctx.id_shown(id));
    let health = match (m.health, m.disability_grade) {
        (Some(h), Some(g)) if h == crate::codes::Health::Disabled => {
            format!("{}（{g}级）", h.label())
        }
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
        (opt(m.relation_label()), true),
        (opt(m.effective_sex()), true),
        (opt(id), true),
        (opt(m.age_on(on)), true),
        (opt(m.education_label()), true),
        (opt(m.schooling_label()), true),
        (health, true),
        (opt(m.labor), true),
        (yes(m.medical_insurance), true),
        (yes(m.serious_illness_insurance), true),
    ]
}

pub(crate) fn causes(c: &mut Composer<'_>, ctx: &CardContext<'_>) {
    let h = ctx.household;
    let main: Vec<Cause> = h.main_cause.into_iter().collect();
    let all: Vec<Choice> = choices(Cause::ALL, |v| v.label(), &main);
    c.section("四、致贫原因", 60.0);
    wide_row(c, "主要致贫原因", Cell::choices(0.0, all));
    wide_row(
        c,
        "其他致贫原因",
        Cell::choices(0.0, choices(Cause::ALL, |v| v.label(), &h.other_causes)),
    );
}
