//! Code lists of the fields the county checks need (design note docs/design/0009-monitoring-fields.md).

use super::{Code, Education, MeasureClass, Schooling, Sex};

code_list!(
    /// 证件类型: a disabled person may be registered by the 残疾人证 number (the ID plus 2 or 4 characters).
    DocumentKind {
        IdCard = ("id_card", "", "居民身份证"),
        DisabilityCertificate = ("disability_certificate", "", "残疾人证"),
    }
);

code_list!(
    /// 义务教育阶段未上学原因.
    OutOfSchoolReason {
        Illness = ("illness", "", "因病"),
        Disability = ("disability", "", "因残"),
        Other = ("other", "", "其他"),
    }
);

code_list!(
    /// 与户主关系 the monitoring system lists (its check 2_01_004) beyond the national list:
    /// kept with the member as the detail of 其他 (design note 0018).
    RelationDetail {
        GreatGrandson = ("great_grandson", "", "之曾孙子"),
        GreatGranddaughter = ("great_granddaughter", "", "之曾孙女"),
        Uncle = ("uncle", "", "之叔伯"),
        Sibling = ("sibling", "", "之兄弟姐妹"),
        SiblingInLaw = ("sibling_in_law", "", "之兄弟媳妇"),
        Nephew = ("nephew", "", "之侄儿"),
        Niece = ("niece", "", "之侄女"),
    }
);

impl RelationDetail {
    /// The sex the relation implies (之曾孙子 male, 之侄女 female …); `None` for 之兄弟姐妹.
    pub fn implied_sex(self) -> Option<Sex> {
        use RelationDetail::*;
        match self {
            GreatGrandson | Uncle | Nephew => Some(Sex::Male),
            GreatGranddaughter | SiblingInLaw | Niece => Some(Sex::Female),
            Sibling => None,
        }
    }
}

code_list!(
    /// 文化程度 as the monitoring system writes it where the national list is coarser: kept
    /// with the member as the detail of 大专及以上 or 高中 (design note 0018).
    EducationDetail {
        HigherVocational = ("higher_vocational", "", "高职高专"),
        Bachelor = ("bachelor", "", "本科及以上"),
        BachelorPostgraduate = ("bachelor_postgraduate", "", "本科及研究生及以上"),
        Technician = ("technician", "", "技师"),
    }
);

impl EducationDetail {
    /// The national 文化程度 the detail belongs to.
    pub fn education(self) -> Education {
        match self {
            EducationDetail::Technician => Education::SeniorHigh,
            _ => Education::CollegePlus,
        }
    }
}

code_list!(
    /// 在校生状况 as the monitoring system writes it where the national list is coarser: kept
    /// with the member as the detail of 大专及以上 (design note 0018).
    SchoolingDetail {
        Postgraduate = ("postgraduate", "", "硕士生及以上"),
    }
);

impl SchoolingDetail {
    /// The national 在校生状况 the detail belongs to.
    pub fn schooling(self) -> Schooling {
        Schooling::CollegePlus
    }
}

code_list!(
    /// Whether a member's 低保 or 特困供养 is the rural or the urban scheme (the monitoring
    /// system's 农村低保 / 城市低保, 农村特困 / 城市特困; design note 0018). Not recorded is rural.
    BenefitArea {
        Rural = ("rural", "", "农村"),
        Urban = ("urban", "", "城市"),
    }
);

code_list!(
    /// Who a pairing makes the cadre: 帮扶责任人 (建档立卡 and the transition years) or
    /// 帮扶联系人 (常态化帮扶 of monitored and low-income households).
    PairingKind {
        Responsible = ("responsible", "", "帮扶责任人"),
        Contact = ("contact", "", "帮扶联系人"),
    }
);

code_list!(
    /// 农村低收入人口 categories a household is recorded in by 民政 that the ledger cannot
    /// read from its members (低保对象 and 特困人员 follow from them; 防止返贫监测对象 from
    /// the monitoring record).
    LowIncomeKind {
        DibaoEdge = ("dibao_edge", "", "低保边缘家庭"),
        RigidExpense = ("rigid_expense", "", "刚性支出困难家庭"),
    }
);

code_list!(
    /// 风险消除方式.
    EliminationMode {
        Assisted = ("assisted", "", "帮扶消除"),
        Natural = ("natural", "", "自然消除"),
    }
);

code_list!(
    /// 帮扶措施 sub-kinds, each under one class (the monitoring system's measure columns).
    MeasureItem {
        IndustryAward = ("industry_award", "", "产业奖补"),
        TravelSubsidy = ("travel_subsidy", "", "外出务工补贴"),
        LaborExport = ("labor_export", "", "劳务输出"),
        SkillsTraining = ("skills_training", "", "技能培训"),
        PublicWelfarePost = ("public_welfare_post", "", "公益岗位"),
        AssistanceWorkshop = ("assistance_workshop", "", "帮扶车间就业"),
        Yulu = ("yulu", "", "雨露计划"),
        CompulsoryEducationAid = ("compulsory_education_aid", "", "义务教育资助"),
        InsuranceSubsidy = ("insurance_subsidy", "", "医保个人缴费补贴"),
        MedicalAssistance = ("medical_assistance", "", "医疗救助"),
        FamilyDoctor = ("family_doctor", "", "家庭医生签约服务"),
        Dibao = ("dibao", "", "低保"),
        Tekun = ("tekun", "", "特困供养"),
        DisabilityAllowance = ("disability_allowance", "", "残疾人补贴"),
        TemporaryRelief = ("temporary_relief", "", "临时救助"),
        MicroLoan = ("micro_loan", "", "小额信贷"),
        HouseRenovation = ("house_renovation", "", "危房改造"),
        DrinkingWater = ("drinking_water", "", "饮水安全保障"),
    }
);

impl MeasureItem {
    /// The class a sub-kind belongs to.
    pub fn class(self) -> MeasureClass {
        use MeasureItem::*;
        match self {
            IndustryAward => MeasureClass::Industry,
            TravelSubsidy | LaborExport | SkillsTraining | PublicWelfarePost
            | AssistanceWorkshop => MeasureClass::Employment,
            Yulu | CompulsoryEducationAid => MeasureClass::Education,
            InsuranceSubsidy | MedicalAssistance | FamilyDoctor => MeasureClass::Health,
            Dibao | Tekun | DisabilityAllowance | TemporaryRelief => MeasureClass::SocialSecurity,
            MicroLoan => MeasureClass::Microcredit,
            HouseRenovation => MeasureClass::Housing,
            DrinkingWater => MeasureClass::Infrastructure,
        }
    }

    /// The sub-kinds of a class, in list order.
    pub fn of_class(class: MeasureClass) -> Vec<MeasureItem> {
        Self::ALL
            .iter()
            .copied()
            .filter(|i| i.class() == class)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_item_has_a_class_that_lists_it() {
        for item in MeasureItem::ALL {
            assert!(MeasureItem::of_class(item.class()).contains(item));
        }
        assert_eq!(
            MeasureItem::of_class(MeasureClass::SocialSecurity).len(),
            4,
            "低保, 特困供养, 残疾人补贴, 临时救助"
        );
    }
}

code_list!(
    /// The two procedures of a monitoring record: 纳入监测 and 风险消除.
    ProcedureStage {
        Identification = ("identification", "", "纳入监测"),
        Elimination = ("elimination", "", "风险消除"),
    }
);

code_list!(
    /// A step of the monitoring procedure, in the order it is done (防止返贫动态监测和帮扶
    /// 工作要求: 农户申请及承诺授权 → 入户核查 → 信息比对 → 民主评议 → 村内公示 → 乡镇审核 →
    /// 县级审定; 风险消除 repeats the steps from 入户核查 without 信息比对 and the application).
    ProcedureStep {
        Application = ("application", "", "农户申请及承诺授权"),
        HomeCheck = ("home_check", "", "入户核查"),
        DataComparison = ("data_comparison", "", "信息比对"),
        DemocraticReview = ("democratic_review", "", "民主评议"),
        Publicity = ("publicity", "", "村内公示"),
        TownshipReview = ("township_review", "", "乡镇审核"),
        CountyApproval = ("county_approval", "", "县级审定"),
    }
);

impl ProcedureStage {
    /// The steps of this procedure, in order.
    pub fn steps(self) -> &'static [ProcedureStep] {
        use ProcedureStep::*;
        match self {
            ProcedureStage::Identification => ProcedureStep::ALL,
            ProcedureStage::Elimination => &[
                HomeCheck,
                DemocraticReview,
                Publicity,
                TownshipReview,
                CountyApproval,
            ],
        }
    }
}

code_list!(
    /// 就业渠道 of a spell of work (务工月监测).
    WorkChannel {
        OnOwn = ("on_own", "", "自主务工"),
        Organized = ("organized", "", "有组织劳务输出"),
        PublicWelfarePost = ("public_welfare_post", "", "公益性岗位"),
        AssistanceWorkshop = ("assistance_workshop", "", "帮扶车间"),
        LocalEnterprise = ("local_enterprise", "", "本地企业吸纳"),
        Other = ("other", "", "其他"),
    }
);
