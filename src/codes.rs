//! Code lists of the domain (致贫原因, 与户主关系, 户状态 …), each defined once.
//!
//! Every list is a typed enum. A value knows its exchange code (the string used in
//! `exchange-v1` JSON and in the database), its Chinese label (what the cadre reads)
//! and, where the national system has one, its national code. Unknown codes are
//! rejected on input with a Chinese message listing the valid choices.

/// What every code list offers generically (storage writes codes through this).
pub trait Code: Copy {
    /// The exchange/database code.
    fn code(self) -> &'static str;
}

/// Defines a code list: `Variant = ("exchange_code", "national code or empty", "中文")`.
macro_rules! code_list {
    ($(#[$meta:meta])* $name:ident { $($variant:ident = ($code:literal, $national:literal, $label:literal)),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[cfg_attr(feature = "ts", derive(ts_rs::TS))]
        pub enum $name { $(#[cfg_attr(feature = "ts", ts(rename = $code))] $variant),+ }

        impl $name {
            /// Every value, in the order of the national list.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The exchange/database code, e.g. `illness`.
            pub fn code(self) -> &'static str {
                match self { $($name::$variant => $code),+ }
            }

            /// The Chinese label the cadre reads, e.g. `因病`.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label),+ }
            }

            /// The national system's code (e.g. `01`), if the list has one.
            pub fn national_code(self) -> Option<&'static str> {
                match self { $($name::$variant => if $national.is_empty() { None } else { Some($national) }),+ }
            }

            /// Parses an exchange code.
            pub fn from_code(code: &str) -> Option<Self> {
                match code { $($code => Some($name::$variant),)+ _ => None }
            }

            /// Parses a Chinese label (`因病` → `Illness`), as other systems' files write them.
            pub fn from_label(label: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.label() == label)
            }

            /// The valid codes with their labels, for error messages: `illness(因病)、…`.
            pub fn choices() -> String {
                let parts: Vec<String> = Self::ALL.iter().map(|v| format!("{}({})", v.code(), v.label())).collect();
                parts.join("、")
            }
        }

        impl Code for $name {
            fn code(self) -> &'static str {
                $name::code(self)
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.label())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let text = std::borrow::Cow::<'de, str>::deserialize(d)?;
                $name::from_code(&text).ok_or_else(|| {
                    serde::de::Error::custom(format!("未知代码“{}”，应为：{}", text, $name::choices()))
                })
            }
        }

        impl rusqlite::types::ToSql for $name {
            fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
                Ok(rusqlite::types::ToSqlOutput::from(self.code()))
            }
        }

        impl rusqlite::types::FromSql for $name {
            fn column_result(v: rusqlite::types::ValueRef<'_>) -> rusqlite::types::FromSqlResult<Self> {
                let text = v.as_str()?;
                $name::from_code(text).ok_or_else(|| rusqlite::types::FromSqlError::Other(
                    format!("unknown {} code {text}", stringify!($name)).into()))
            }
        }
    };
}

code_list!(
    /// 经济区域: picks the village-exit threshold (3 % in the west, 2 % elsewhere).
    Region {
        East = ("east", "", "东部"),
        Central = ("central", "", "中部"),
        West = ("west", "", "西部"),
    }
);

code_list!(
    /// 帮扶单位级别.
    UnitLevel {
        Province = ("province", "", "省直"),
        City = ("city", "", "市直"),
        County = ("county", "", "县直"),
        Township = ("township", "", "乡镇"),
        Village = ("village", "", "村级"),
    }
);

code_list!(
    /// 识别标准.
    Standard {
        National = ("national", "1", "国家标准"),
        Provincial = ("provincial", "2", "省定标准"),
        Municipal = ("municipal", "3", "市定标准"),
    }
);

code_list!(
    /// 贫困户属性 (after exit the label reads 一般脱贫户 etc.).
    Attribute {
        General = ("general", "1", "一般贫困户"),
        Dibao = ("dibao", "2", "低保贫困户"),
        Tekun = ("tekun", "3", "特困供养贫困户"),
    }
);

code_list!(
    /// 户状态.
    Status {
        Ordinary = ("ordinary", "", "一般农户"),
        Poor = ("poor", "", "未脱贫"),
        Exited = ("exited", "", "已脱贫"),
        Relapsed = ("relapsed", "", "返贫"),
        Monitored = ("monitored", "", "监测对象"),
        RiskEliminated = ("risk_eliminated", "", "风险消除"),
    }
);

code_list!(
    /// 致贫原因 (main cause: exactly one; other causes: at most two, never the main one).
    Cause {
        Illness = ("illness", "01", "因病"),
        Disability = ("disability", "02", "因残"),
        Schooling = ("schooling", "03", "因学"),
        Disaster = ("disaster", "04", "因灾"),
        LackLand = ("lack_land", "05", "缺土地"),
        LackWater = ("lack_water", "06", "缺水"),
        LackSkills = ("lack_skills", "07", "缺技术"),
        LackLabor = ("lack_labor", "08", "缺劳动力"),
        LackFunds = ("lack_funds", "09", "缺资金"),
        PoorTransport = ("poor_transport", "10", "交通条件落后"),
        LackMotivation = ("lack_motivation", "11", "自身发展动力不足"),
        Other = ("other", "99", "其他"),
    }
);

code_list!(
    /// 农村危房鉴定等级 (A/B safe; C/D must be fixed before exit).
    HouseGrade {
        A = ("A", "A", "A级（安全）"),
        B = ("B", "B", "B级（基本安全）"),
        C = ("C", "C", "C级（局部危房）"),
        D = ("D", "D", "D级（整幢危房）"),
        NoHouse = ("none", "", "无住房"),
    }
);

code_list!(
    /// 易地扶贫搬迁安置方式.
    RelocationMode {
        Centralized = ("centralized", "", "集中安置"),
        Dispersed = ("dispersed", "", "分散安置"),
    }
);

code_list!(
    /// 入户路类型.
    RoadType {
        NoRoad = ("none", "", "无路"),
        Dirt = ("dirt", "", "泥土路"),
        Gravel = ("gravel", "", "砂石路"),
        Cement = ("cement", "", "水泥路"),
        Asphalt = ("asphalt", "", "沥青路"),
    }
);

code_list!(
    /// 主要燃料.
    Fuel {
        Firewood = ("firewood", "", "柴草"),
        Dung = ("dung", "", "干畜粪"),
        Coal = ("coal", "", "煤炭"),
        Clean = ("clean", "", "清洁能源"),
        Other = ("other", "", "其他"),
    }
);

code_list!(
    /// 与户主关系.
    Relation {
        Head = ("head", "01", "户主"),
        Spouse = ("spouse", "02", "配偶"),
        Son = ("son", "03", "之子"),
        Daughter = ("daughter", "04", "之女"),
        DaughterInLaw = ("daughter_in_law", "05", "之儿媳"),
        SonInLaw = ("son_in_law", "06", "之女婿"),
        Grandson = ("grandson", "07", "之孙子"),
        Granddaughter = ("granddaughter", "08", "之孙女"),
        GrandsonDaughtersSide = ("grandson_daughters_side", "09", "之外孙子"),
        GranddaughterDaughtersSide = ("granddaughter_daughters_side", "10", "之外孙女"),
        Father = ("father", "11", "之父"),
        Mother = ("mother", "12", "之母"),
        WifesFather = ("wifes_father", "13", "之岳父"),
        WifesMother = ("wifes_mother", "14", "之岳母"),
        HusbandsFather = ("husbands_father", "15", "之公公"),
        HusbandsMother = ("husbands_mother", "16", "之婆婆"),
        Grandfather = ("grandfather", "17", "之祖父"),
        Grandmother = ("grandmother", "18", "之祖母"),
        GrandfatherMothersSide = ("grandfather_mothers_side", "19", "之外祖父"),
        GrandmotherMothersSide = ("grandmother_mothers_side", "20", "之外祖母"),
        Other = ("other", "21", "其他"),
    }
);

impl Relation {
    /// The sex a relation implies (之子 is male, 之女 female …); `None` for 户主, 配偶, 其他.
    pub fn implied_sex(self) -> Option<Sex> {
        use Relation::*;
        match self {
            Head | Spouse | Other => None,
            Son
            | SonInLaw
            | Grandson
            | GrandsonDaughtersSide
            | Father
            | WifesFather
            | HusbandsFather
            | Grandfather
            | GrandfatherMothersSide => Some(Sex::Male),
            Daughter
            | DaughterInLaw
            | Granddaughter
            | GranddaughterDaughtersSide
            | Mother
            | WifesMother
            | HusbandsMother
            | Grandmother
            | GrandmotherMothersSide => Some(Sex::Female),
        }
    }
}

code_list!(
    /// 性别.
    Sex {
        Male = ("male", "1", "男"),
        Female = ("female", "2", "女"),
    }
);

code_list!(
    /// 文化程度.
    Education {
        Illiterate = ("illiterate", "1", "文盲或半文盲"),
        Primary = ("primary", "2", "小学"),
        JuniorHigh = ("junior_high", "3", "初中"),
        SeniorHigh = ("senior_high", "4", "高中"),
        CollegePlus = ("college_plus", "5", "大专及以上"),
        PreschoolChild = ("preschool_child", "6", "学龄前儿童"),
    }
);

code_list!(
    /// 在校生状况.
    Schooling {
        NotStudent = ("not_student", "01", "非在校生"),
        Preschool = ("preschool", "02", "学前教育"),
        Primary = ("primary", "03", "小学"),
        Grade7 = ("grade7", "04", "七年级"),
        Grade8 = ("grade8", "05", "八年级"),
        Grade9 = ("grade9", "06", "九年级"),
        Senior1 = ("senior1", "07", "高一"),
        Senior2 = ("senior2", "08", "高二"),
        Senior3 = ("senior3", "09", "高三"),
        Vocational1 = ("vocational1", "10", "中职一年级"),
        Vocational2 = ("vocational2", "11", "中职二年级"),
        Vocational3 = ("vocational3", "12", "中职三年级"),
        HigherVocational1 = ("higher_vocational1", "13", "高职一年级"),
        HigherVocational2 = ("higher_vocational2", "14", "高职二年级"),
        HigherVocational3 = ("higher_vocational3", "15", "高职三年级"),
        CollegePlus = ("college_plus", "16", "大专及以上"),
    }
);

impl Schooling {
    /// 中职 or 高职 (the students 雨露计划 pays for).
    pub fn is_vocational(self) -> bool {
        matches!(
            self,
            Schooling::Vocational1
                | Schooling::Vocational2
                | Schooling::Vocational3
                | Schooling::HigherVocational1
                | Schooling::HigherVocational2
                | Schooling::HigherVocational3
        )
    }

    /// Whether the member is in school (any level, preschool included).
    pub fn is_student(self) -> bool {
        self != Schooling::NotStudent
    }
    /// Senior high school (高中), for the age-plausibility check.
    pub fn is_senior_high(self) -> bool {
        matches!(
            self,
            Schooling::Senior1 | Schooling::Senior2 | Schooling::Senior3
        )
    }
}

code_list!(
    /// 健康状况.
    Health {
        Healthy = ("healthy", "1", "健康"),
        Chronic = ("chronic", "2", "长期慢性病"),
        SeriousIllness = ("serious_illness", "3", "患有大病"),
        Disabled = ("disabled", "4", "残疾"),
    }
);

code_list!(
    /// 劳动能力.
    Labor {
        Ordinary = ("ordinary", "1", "普通劳动力"),
        Skilled = ("skilled", "2", "技能劳动力"),
        Weak = ("weak", "3", "弱劳动力或半劳动力"),
        Lost = ("lost", "4", "丧失劳动力"),
        NoLabor = ("none", "5", "无劳动力"),
    }
);

impl Labor {
    /// Able to work at all (普通, 技能, 弱/半劳动力).
    pub fn can_work(self) -> bool {
        matches!(self, Labor::Ordinary | Labor::Skilled | Labor::Weak)
    }
}

code_list!(
    /// 务工状况 (place of work).
    WorkPlace {
        InTownship = ("in_township", "1", "乡(镇)内务工"),
        InCounty = ("in_county", "2", "乡(镇)外县内务工"),
        InProvince = ("in_province", "3", "县外省内务工"),
        OutOfProvince = ("out_of_province", "4", "省外务工"),
        Other = ("other", "5", "其他"),
    }
);

code_list!(
    /// 特困供养.
    Tekun {
        No = ("no", "", "不享受"),
        Dispersed = ("dispersed", "", "分散供养"),
        Centralized = ("centralized", "", "集中供养"),
    }
);

code_list!(
    /// 收入类别 (the four kinds of income in 人均纯收入).
    IncomeCategory {
        Wage = ("wage", "", "工资性收入"),
        Business = ("business", "", "生产经营性收入"),
        Property = ("property", "", "财产性收入"),
        Transfer = ("transfer", "", "转移性收入"),
    }
);

code_list!(
    /// 合规自付支出 kind.
    RigidKind {
        Medical = ("medical", "", "医疗"),
        Education = ("education", "", "教育"),
    }
);

code_list!(
    /// 结对角色: first helper (一帮一) or second helper (二帮一).
    PairingRole {
        First = ("first", "", "第一帮扶人"),
        Second = ("second", "", "第二帮扶人"),
    }
);

code_list!(
    /// 走访方式.
    VisitMode {
        Home = ("home", "", "入户"),
        Phone = ("phone", "", "电话"),
        Other = ("other", "", "其他"),
    }
);

code_list!(
    /// 帮扶措施类别.
    MeasureClass {
        Industry = ("industry", "", "产业发展"),
        Employment = ("employment", "", "就业/劳务输出"),
        Relocation = ("relocation", "", "易地扶贫搬迁"),
        Education = ("education", "", "教育/雨露计划"),
        Health = ("health", "", "健康"),
        SocialSecurity = ("social_security", "", "兜底保障"),
        Microcredit = ("microcredit", "", "扶贫小额信贷"),
        Housing = ("housing", "", "危房改造"),
        Infrastructure = ("infrastructure", "", "基础设施"),
        PublicService = ("public_service", "", "公共服务"),
        Ecological = ("ecological", "", "生态"),
        Photovoltaic = ("photovoltaic", "", "光伏"),
        AssetIncome = ("asset_income", "", "资产收益"),
        Other = ("other", "", "其他"),
    }
);

code_list!(
    /// 监测对象类型 (2021 →).
    MonitoringKind {
        UnstableExited = ("unstable_exited", "", "脱贫不稳定户"),
        Marginal = ("marginal", "", "边缘易致贫户"),
        SuddenHardship = ("sudden_hardship", "", "突发严重困难户"),
    }
);

code_list!(
    /// 监测对象发现渠道.
    MonitoringChannel {
        SelfReport = ("self_report", "", "农户自主申报"),
        CadreCheck = ("cadre_check", "", "基层干部排查"),
        DepartmentAlert = ("department_alert", "", "部门筛查预警"),
    }
);

code_list!(
    /// 风险类型 (up to five per monitored household).
    Risk {
        Illness = ("illness", "", "因病"),
        Schooling = ("schooling", "", "因学"),
        Disability = ("disability", "", "因残"),
        Disaster = ("disaster", "", "因自然灾害"),
        Accident = ("accident", "", "因意外事故"),
        IndustryFailure = ("industry_failure", "", "因产业项目失败"),
        UnstableWork = ("unstable_work", "", "因务工就业不稳"),
        LackLabor = ("lack_labor", "", "缺劳动力"),
        Housing = ("housing", "", "住房出现安全问题"),
        Water = ("water", "", "饮水安全问题"),
        Other = ("other", "", "其他"),
    }
);

code_list!(
    /// 人口变动 (member-change events; a member is never silently deleted).
    EventKind {
        Birth = ("birth", "", "新生儿"),
        Death = ("death", "", "死亡"),
        MarryIn = ("marry_in", "", "嫁入"),
        MarryOut = ("marry_out", "", "嫁出"),
        MoveIn = ("move_in", "", "迁入"),
        MoveOut = ("move_out", "", "迁出"),
        Other = ("other", "", "其他"),
    }
);

impl EventKind {
    /// Whether the event adds a member to the household (新生儿, 嫁入, 迁入).
    pub fn joins(self) -> bool {
        matches!(
            self,
            EventKind::Birth | EventKind::MarryIn | EventKind::MoveIn
        )
    }
    /// Whether the event removes a member from the household (死亡, 嫁出, 迁出).
    pub fn leaves(self) -> bool {
        matches!(
            self,
            EventKind::Death | EventKind::MarryOut | EventKind::MoveOut
        )
    }
}

impl Status {
    /// On the monitoring system's books (what the county's exports and the 人员花名册
    /// carry): 建档立卡 (未脱贫, 已脱贫, 返贫) or monitored, 风险消除 included. Ordinary
    /// households are not.
    pub fn is_on_the_books(self) -> bool {
        matches!(
            self,
            Status::Poor
                | Status::Exited
                | Status::Relapsed
                | Status::Monitored
                | Status::RiskEliminated
        )
    }
}

impl MeasureClass {
    /// 开发式帮扶: measures that build the household's own income (产业, 就业, 小额信贷,
    /// 光伏, 资产收益), as against 兜底 and 保障.
    pub fn is_development(self) -> bool {
        matches!(
            self,
            MeasureClass::Industry
                | MeasureClass::Employment
                | MeasureClass::Microcredit
                | MeasureClass::Photovoltaic
                | MeasureClass::AssetIncome
        )
    }
}

mod fields_2026;
pub use fields_2026::{
    BenefitArea, DocumentKind, EducationDetail, EliminationMode, LowIncomeKind, MeasureItem,
    OutOfSchoolReason, PairingKind, ProcedureStage, ProcedureStep, RelationDetail, SchoolingDetail,
    WorkChannel,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_carry_national_codes() {
        for c in Cause::ALL {
            assert_eq!(
                Cause::from_code(c.code()),
                Some(*c),
                "every cause code parses back"
            );
        }
        assert_eq!(Cause::Illness.national_code(), Some("01"));
        assert_eq!(Relation::WifesFather.national_code(), Some("13"));
        assert_eq!(Schooling::Vocational2.label(), "中职二年级");
        assert_eq!(Schooling::Vocational2.national_code(), Some("11"));
    }

    #[test]
    fn unknown_code_names_the_choices_in_chinese() {
        let err = serde_json::from_str::<Cause>("\"bad_luck\"")
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("未知代码“bad_luck”"),
            "message names the bad code: {err}"
        );
        assert!(
            err.contains("illness(因病)"),
            "message lists the valid codes: {err}"
        );
    }
}
