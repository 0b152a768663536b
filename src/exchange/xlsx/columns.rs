//! The columns of the monitoring system's person-level sheet (监测对象信息) that Yibentong
//! reads and writes: one table, in the order they are written. Headers follow
//! `shared/domain/monitoring-export.md` part 1; `json` is the exchange v1 field a column
//! fills, used to point a validation error back at its cell. Columns of a real export
//! that are not listed here are ignored on import.

/// What a column holds (read and write each match on it, so neither can skip one).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Field {
    County,
    Township,
    Village,
    VillageCode,
    HouseholdCode,
    HouseholdType,
    MainCause,
    Phone,
    MonitoringKind,
    /// 致贫/返贫风险1 … 5 (0-based).
    Risk(usize),
    RiskEliminated,
    Identified,
    EliminatedOn,
    EliminationMode,
    DisasterKind,
    NoLaborGuarantee,
    /// 实施开发式帮扶措施情况: 是 when a developmental measure (产业, 就业, 金融, 公益岗位)
    /// ran in the year, 尚未实施 for a 监测对象 without one; written only.
    Developmental,
    DrinkingWater,
    Electricity,
    Toilet,
    RoadDistance,
    HouseArea,
    Farmland,
    Forest,
    Grassland,
    WaterSurface,
    /// 是否危房户 (the house grade's side of C/D).
    DangerousHouse,
    /// 入户道路是否硬化 (the road type's side of hardened).
    HardenedRoad,
    /// 工资性收入 … 转移性收入 of a snapshot's year (`income.rs`).
    Income(Snapshot, IncomeCategory),
    /// 生产经营性支出 of a snapshot's year.
    ProductionCost(Snapshot),
    /// 家庭纯收入 and 人均纯收入: the rules engine's, written only.
    NetIncome(Snapshot),
    PerCapitaIncome(Snapshot),
    /// 合规自付支出 of a snapshot's year.
    OutOfPocket(Snapshot),
    /// 风险消除后理赔收入: insurance pay-outs of the year of elimination.
    Claims,
    /// 风险消除后是否…: the rules engine's verdict on a guarantee at elimination, written only.
    AfterElimination(Guarantee),
    /// 是否义务教育阶段适龄儿童少年失学辍学 / 是否有家庭成员未参加…医疗保险: the engine's
    /// verdict on the sheet's date, written only.
    Indicator(Guarantee),
    /// A 帮扶措施 column (产业帮扶 …): the measures of the year, written only.
    Assistance(Assist),
    /// 出生日期 (from the ID number), written only.
    BirthDate,
    /// 公益性岗位 and its months in the year (the member's welfare posts), written only.
    WelfarePosts,
    WelfareMonths,
    /// 特困人员救助供养金: a 特困 member's share of the income year's 特困供养金 lines; read
    /// as the household's 特困供养金 (`tekun.rs`).
    TekunAllowance,
    /// A column the county's checks read that the ledger does not keep, written only.
    Unkept(Unkept),
    PersonCode,
    Name,
    IdNumber,
    Document,
    MemberPhone,
    Sex,
    Ethnicity,
    Relation,
    Education,
    Schooling,
    Health,
    Labor,
    WorkPlace,
    WorkMonths,
    /// 务工所在地: a place named in words, read as a 务工状况 category.
    WorkLocation,
    MedicalInsurance,
    SeriousIllnessInsurance,
    PensionInsurance,
    EmployeeMedicalInsurance,
    EmployeePensionInsurance,
    MedicalAssistance,
    OutOfSchoolReason,
    Dibao,
    Tekun,
}

/// Which income snapshot a column is of: the values at identification (the unprefixed
/// columns; for a household not monitored, its last complete year) or those after the
/// risk was eliminated (`风险消除后…`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Snapshot {
    Identified,
    Eliminated,
}

/// The guarantees the 风险消除后是否… columns ask about (是 = the problem is there).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Guarantee {
    Schooling,
    Housing,
    Medical,
    Water,
}

/// The system's 帮扶措施 columns (monitoring-export.md §2.7), one per kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Assist {
    Industry,
    Employment,
    WelfarePost,
    Finance,
    Health,
    Education,
    CompulsoryEducation,
    Housing,
    Water,
    Social,
    Relocation,
    Infrastructure,
    /// 生产生活条件改善 (公共服务 measures).
    LivingConditions,
    /// 公益性岗位帮扶: the system's second spelling of 公益岗位帮扶, written as well (its
    /// checks read both).
    WelfarePostAlso,
    /// 社会帮扶 and 公益性岗位帮扶其他备注: columns its checks read that the ledger has no
    /// measure for, written empty.
    Social2,
    WelfarePostNote,
}

impl Assist {
    pub(super) const ALL: &'static [Assist] = &[
        Assist::Industry,
        Assist::Employment,
        Assist::WelfarePost,
        Assist::Finance,
        Assist::Health,
        Assist::Education,
        Assist::CompulsoryEducation,
        Assist::Housing,
        Assist::Water,
        Assist::Social,
        Assist::Relocation,
        Assist::Infrastructure,
        Assist::LivingConditions,
        Assist::WelfarePostAlso,
        Assist::Social2,
        Assist::WelfarePostNote,
    ];
}

/// Columns the county's checks read (and stop on when missing) that the ledger keeps no
/// field for: written empty, or 0 where the checks read a number (the system writes 0 for
/// none there, and its checks cannot read an empty cell).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Unkept {
    /// 信息采集人 and 信息采集人联系电话 (监测联系人).
    Collector,
    CollectorPhone,
    /// 退耕还林面积（亩）, 林果面积（亩）: written 0.
    ReturnedFarmland,
    Orchard,
    /// 就业渠道（易地搬迁后扶使用）.
    RelocationChannel,
}

/// Whose value a column is: repeated on every row of a village or household.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Level {
    Village,
    Household,
    Member,
}

/// One column: its header as written, other spellings accepted on import, its level and
/// the exchange field it fills (relative to the household or the member).
pub(super) struct Column {
    pub field: Field,
    pub header: &'static str,
    pub aliases: &'static [&'static str],
    pub level: Level,
    pub json: &'static str,
}

const fn col(field: Field, header: &'static str, level: Level, json: &'static str) -> Column {
    Column {
        field,
        header,
        aliases: &[],
        level,
        json,
    }
}

use crate::codes::IncomeCategory;
use Field as F;
use Level::{Household as H, Member as M, Village as V};
use Snapshot::{Eliminated as E, Identified as I};

/// Every column, in the order written.
pub(super) static COLUMNS: &[Column] = &[
    Column {
        aliases: &["县（市、区、旗）"],
        ..col(F::County, "县", V, "")
    },
    Column {
        aliases: &["乡（镇）"],
        ..col(F::Township, "乡", V, "")
    },
    Column {
        aliases: &["行政村"],
        ..col(F::Village, "村", V, "")
    },
    Column {
        aliases: &["行政村代码", "村编码", "行政区划代码"],
        ..col(F::VillageCode, "村代码", V, "")
    },
    col(F::HouseholdCode, "户编号", H, "code"),
    col(F::HouseholdType, "户类型", H, "status"),
    col(F::MainCause, "主要致贫原因", H, "main_cause"),
    col(F::Phone, "户联系电话", H, "phone"),
    col(F::Unkept(Unkept::Collector), "信息采集人", H, ""),
    col(
        F::Unkept(Unkept::CollectorPhone),
        "信息采集人联系电话",
        H,
        "",
    ),
    col(F::MonitoringKind, "监测对象类别", H, "monitoring.kind"),
    col(F::Risk(0), "致贫/返贫风险1", H, "monitoring.risks"),
    col(F::Risk(1), "致贫/返贫风险2", H, ""),
    col(F::Risk(2), "致贫/返贫风险3", H, ""),
    col(F::Risk(3), "致贫/返贫风险4", H, ""),
    col(F::Risk(4), "致贫/返贫风险5", H, ""),
    col(F::RiskEliminated, "风险是否已消除", H, ""),
    col(F::Identified, "识别监测时间", H, "monitoring.identified"),
    col(F::EliminatedOn, "消除监测时间", H, "monitoring.eliminated"),
    col(
        F::EliminationMode,
        "风险消除方式",
        H,
        "monitoring.x_elimination_mode",
    ),
    col(
        F::DisasterKind,
        "因自然灾害子项",
        H,
        "monitoring.x_disaster",
    ),
    col(
        F::NoLaborGuarantee,
        "整户无劳动能力兜底保障户",
        H,
        "x_no_labor_guarantee",
    ),
    col(F::Developmental, "实施开发式帮扶措施情况", H, ""),
    col(F::DangerousHouse, "是否危房户", H, "conditions.house_grade"),
    col(
        F::DrinkingWater,
        "是否解决安全饮用水",
        H,
        "conditions.drinking_water_safe",
    ),
    col(
        F::Indicator(Guarantee::Schooling),
        "是否义务教育阶段适龄儿童少年失学辍学",
        H,
        "",
    ),
    col(
        F::Indicator(Guarantee::Medical),
        "是否有家庭成员未参加城乡居民（职工）基本医疗保险",
        H,
        "",
    ),
    col(
        F::Electricity,
        "是否通生活用电",
        H,
        "conditions.electricity",
    ),
    Column {
        aliases: &["卫生厕所是否能正常使用"],
        ..col(F::Toilet, "是否有卫生厕所", H, "conditions.sanitary_toilet")
    },
    Column {
        aliases: &["入户路类型"],
        ..col(
            F::HardenedRoad,
            "入户道路是否硬化",
            H,
            "conditions.road_type",
        )
    },
    col(
        F::RoadDistance,
        "与村主干路距离",
        H,
        "conditions.road_distance_km",
    ),
    col(F::HouseArea, "住房面积", H, "conditions.house_area_m2"),
    Column {
        aliases: &["耕地面积"],
        ..col(F::Farmland, "耕地面积（亩）", H, "conditions.farmland_mu")
    },
    Column {
        aliases: &["林地面积"],
        ..col(F::Forest, "林地面积（亩）", H, "conditions.forest_mu")
    },
    col(
        F::Unkept(Unkept::ReturnedFarmland),
        "退耕还林面积（亩）",
        H,
        "",
    ),
    col(F::Unkept(Unkept::Orchard), "林果面积（亩）", H, ""),
    col(F::Grassland, "牧草地面积", H, "conditions.grassland_mu"),
    col(
        F::WaterSurface,
        "水面面积",
        H,
        "conditions.water_surface_mu",
    ),
    col(
        F::Income(I, IncomeCategory::Wage),
        "工资性收入",
        H,
        "income",
    ),
    col(
        F::Income(I, IncomeCategory::Business),
        "生产经营性收入",
        H,
        "",
    ),
    col(F::Income(I, IncomeCategory::Property), "财产性收入", H, ""),
    col(F::Income(I, IncomeCategory::Transfer), "转移性收入", H, ""),
    col(F::ProductionCost(I), "生产经营性支出", H, "expenses"),
    col(F::NetIncome(I), "家庭纯收入", H, ""),
    Column {
        aliases: &["人均纯收入", "家庭人均纯收入"],
        ..col(F::PerCapitaIncome(I), "人均纯收入（元）", H, "")
    },
    col(F::OutOfPocket(I), "合规自付支出", H, "rigid_expenses"),
    // The 风险消除后 snapshot (FI–FU of the system's sheet, in its order).
    col(
        F::AfterElimination(Guarantee::Schooling),
        "风险消除后是否义务教育阶段适龄儿童少年失学辍学",
        H,
        "",
    ),
    col(
        F::AfterElimination(Guarantee::Housing),
        "风险消除后是否住房损毁",
        H,
        "",
    ),
    col(
        F::AfterElimination(Guarantee::Medical),
        "风险消除后是否有家庭成员未参加城乡居民（职工）基本医疗保险",
        H,
        "",
    ),
    col(
        F::AfterElimination(Guarantee::Water),
        "风险消除后是否饮水设施损毁",
        H,
        "",
    ),
    col(
        F::Income(E, IncomeCategory::Wage),
        "风险消除后工资性收入",
        H,
        "",
    ),
    col(
        F::Income(E, IncomeCategory::Business),
        "风险消除后生产经营性收入",
        H,
        "",
    ),
    col(
        F::Income(E, IncomeCategory::Property),
        "风险消除后财产性收入",
        H,
        "",
    ),
    col(
        F::Income(E, IncomeCategory::Transfer),
        "风险消除后转移性收入",
        H,
        "",
    ),
    col(F::ProductionCost(E), "风险消除后生产经营性支出", H, ""),
    col(F::NetIncome(E), "风险消除后家庭纯收入", H, ""),
    Column {
        aliases: &["风险消除后人均纯收入"],
        ..col(F::PerCapitaIncome(E), "风险消除后家庭人均纯收入", H, "")
    },
    col(F::Claims, "风险消除后理赔收入", H, ""),
    col(F::OutOfPocket(E), "风险消除后合规自付支出", H, ""),
    col(F::Assistance(Assist::Industry), "产业帮扶", H, ""),
    col(F::Assistance(Assist::Employment), "就业帮扶", H, ""),
    col(F::Assistance(Assist::WelfarePost), "公益岗位帮扶", H, ""),
    col(
        F::Assistance(Assist::WelfarePostAlso),
        "公益性岗位帮扶",
        H,
        "",
    ),
    col(
        F::Assistance(Assist::WelfarePostNote),
        "公益性岗位帮扶其他备注",
        H,
        "",
    ),
    col(F::Assistance(Assist::Finance), "金融帮扶", H, ""),
    col(F::Assistance(Assist::Health), "健康帮扶", H, ""),
    col(F::Assistance(Assist::Education), "教育帮扶", H, ""),
    col(
        F::Assistance(Assist::CompulsoryEducation),
        "义务教育保障",
        H,
        "",
    ),
    col(F::Assistance(Assist::Housing), "住房安全保障", H, ""),
    col(F::Assistance(Assist::Water), "饮水安全保障", H, ""),
    col(F::Assistance(Assist::Social), "综合保障", H, ""),
    col(F::Assistance(Assist::Relocation), "搬迁", H, ""),
    col(F::Assistance(Assist::Infrastructure), "基础设施建设", H, ""),
    col(
        F::Assistance(Assist::LivingConditions),
        "生产生活条件改善",
        H,
        "",
    ),
    col(F::Assistance(Assist::Social2), "社会帮扶", H, ""),
    col(F::PersonCode, "人编号", M, "id"),
    col(F::Name, "姓名", M, "name"),
    col(F::IdNumber, "证件号码", M, "id_number"),
    col(F::Document, "证件类型", M, "x_document"),
    col(F::BirthDate, "出生日期", M, ""),
    col(F::MemberPhone, "家庭成员联系电话", M, "x_phone"),
    col(F::Sex, "性别", M, "sex"),
    col(F::Ethnicity, "民族", M, "ethnicity"),
    col(F::Relation, "与户主关系", M, "relation"),
    col(F::Education, "文化程度", M, "education"),
    col(F::Schooling, "在校生状况", M, "schooling"),
    col(F::Health, "健康状况", M, "health"),
    col(F::Labor, "劳动技能", M, "labor"),
    col(F::WorkPlace, "务工状况", M, "work.place"),
    col(F::WorkMonths, "务工时间（月）", M, "work.months"),
    col(F::WorkLocation, "务工所在地", M, ""),
    col(F::WelfarePosts, "公益性岗位", M, ""),
    col(
        F::Unkept(Unkept::RelocationChannel),
        "就业渠道（易地搬迁后扶使用）",
        M,
        "",
    ),
    // Half-width brackets: the system's own spelling, which its checks read (3_01_006).
    col(F::WelfareMonths, "公益性岗位(月数)", M, ""),
    col(
        F::MedicalInsurance,
        "是否参加城乡居民基本医疗保险",
        M,
        "medical_insurance",
    ),
    col(
        F::SeriousIllnessInsurance,
        "是否参加大病保险",
        M,
        "serious_illness_insurance",
    ),
    col(
        F::PensionInsurance,
        "是否参加城乡居民基本养老保险",
        M,
        "pension_insurance",
    ),
    col(
        F::EmployeeMedicalInsurance,
        "是否参加城镇职工基本医疗保险",
        M,
        "x_employee_medical_insurance",
    ),
    col(
        F::EmployeePensionInsurance,
        "是否参加城镇职工基本养老保险",
        M,
        "x_employee_pension_insurance",
    ),
    col(
        F::MedicalAssistance,
        "是否接受医疗救助",
        M,
        "x_medical_assistance",
    ),
    Column {
        aliases: &["失学或辍学原因"],
        ..col(
            F::OutOfSchoolReason,
            "义务教育阶段未上学原因",
            M,
            "x_out_of_school_reason",
        )
    },
    col(F::Dibao, "享受低保政策情况", M, "dibao"),
    col(F::Tekun, "享受特困供养政策情况", M, "tekun"),
    col(F::TekunAllowance, "特困人员救助供养金", M, ""),
];

/// The header row's 1-based number in the monitoring system's exports.
pub(super) const HEADER_ROW: u32 = 3;

/// A header as written, without spaces, line breaks or the `*` of required columns.
pub(super) fn normalize(header: &str) -> String {
    header
        .chars()
        .filter(|c| !c.is_whitespace() && *c != '*' && *c != '\u{3000}')
        .map(|c| match c {
            '(' => '（',
            ')' => '）',
            c => c,
        })
        .collect()
}

/// The column a header names, if Yibentong reads it.
pub(super) fn by_header(header: &str) -> Option<&'static Column> {
    let h = normalize(header);
    COLUMNS
        .iter()
        .find(|c| normalize(c.header) == h || c.aliases.iter().any(|a| normalize(a) == h))
}

/// A column written for the system and its checks but never read: the rules engine's
/// figures and what is derived from other records (an import leaves those records alone,
/// and a cell of it can neither refuse a workbook nor change the ledger). The 帮扶措施
/// columns of a kind of ours are read (`measures.rs`).
pub(super) fn written_only(f: Field) -> bool {
    if let Field::Assistance(kind) = f {
        return !super::measures::is_read(kind);
    }
    matches!(
        f,
        Field::NetIncome(_)
            | Field::PerCapitaIncome(_)
            | Field::AfterElimination(_)
            | Field::Indicator(_)
            | Field::BirthDate
            | Field::WelfarePosts
            | Field::WelfareMonths
            | Field::Developmental
            | Field::Unkept(_)
    )
}

/// The column of a field.
pub(super) fn of(field: Field) -> &'static Column {
    COLUMNS
        .iter()
        .find(|c| c.field == field)
        .expect("every field has a column in COLUMNS")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_unique_and_every_field_has_one_column() {
        let mut seen = std::collections::HashSet::new();
        for c in COLUMNS {
            for h in std::iter::once(&c.header).chain(c.aliases) {
                assert!(seen.insert(normalize(h)), "header {h} is listed twice");
                assert!(
                    std::ptr::eq(by_header(h).unwrap(), c),
                    "{h} finds its column"
                );
            }
            assert!(std::ptr::eq(of(c.field), c), "{:?} has one column", c.field);
        }
        assert_eq!(
            by_header(" 户编号* ").map(|c| c.field),
            Some(F::HouseholdCode)
        );
        assert_eq!(by_header("行政村").map(|c| c.field), Some(F::Village));
    }
}
