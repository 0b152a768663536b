//! Word lists for the demo village: surnames weighted as in southern Jiangxi, given-name
//! characters by sex, village and unit names, visit texts.

/// Surnames, common ones repeated so they are drawn more often.
pub const SURNAMES: &[&str] = &[
    "钟", "钟", "钟", "刘", "刘", "刘", "张", "张", "陈", "陈", "赖", "赖", "曾", "曾", "谢", "谢",
    "廖", "廖", "黄", "黄", "李", "李", "王", "张", "张", "张", "杨", "罗", "朱", "温", "叶", "邱",
    "肖", "何", "吴", "周", "郭", "林", "胡", "徐", "蓝", "严", "欧阳", "司马",
];

pub const MALE_CHARS: &[&str] = &[
    "国", "建", "华", "明", "伟", "强", "军", "平", "东", "林", "文", "志", "勇", "福", "生", "海",
    "春", "金", "荣", "德", "昌", "发", "新", "宏", "斌", "辉", "亮", "俊", "峰", "涛", "鹏", "宇",
    "浩", "杰", "赟", "昇", "祥", "贵", "财", "根", "水", "石", "森", "顺", "胜", "帅", "书", "树",
    "盛", "双",
];

pub const FEMALE_CHARS: &[&str] = &[
    "秀", "英", "兰", "芳", "玉", "珍", "梅", "凤", "莲", "娟", "霞", "丽", "萍", "红", "燕", "桂",
    "春", "香", "美", "娇", "琴", "敏", "静", "婷", "雪", "慧", "欣", "怡", "妹", "娣", "淑", "素",
    "思", "诗", "爽",
];

pub const VILLAGE_NAMES: &[&str] = &[
    "青山",
    "龙下",
    "田心",
    "古家营",
    "树垇",
    "兆坑",
    "小溪",
    "川垇",
    "桃江",
    "黄埠",
    "上坪",
    "下围",
    "新屋",
    "石门",
    "水口",
    "岭背",
    "江头",
    "塘尾",
    "坪上",
    "高陂",
];

pub const TOWNSHIPS: &[&str] = &["金龙镇", "南迳镇", "城厢镇", "大吉山镇", "龙下乡", "陂头镇"];

pub const GROUPS: &[&str] = &[
    "一组", "二组", "三组", "四组", "五组", "六组", "七组", "八组", "九组", "十组",
];

/// Pairing units with their level.
pub const UNITS: &[(&str, &str)] = &[
    ("省农业农村厅", "province"),
    ("赣州市农业农村局", "city"),
    ("县乡村振兴局", "county"),
    ("县教育局", "county"),
    ("县卫生健康委", "county"),
    ("县农业农村局", "county"),
    ("县人社局", "county"),
    ("县水利局", "county"),
    ("镇人民政府", "township"),
    ("村民委员会", "village"),
];

pub const POSITIONS: &[&str] = &[
    "科员",
    "副主任科员",
    "副局长",
    "股长",
    "驻村工作队员",
    "村委委员",
    "镇干部",
];

/// The everyday business of a visit (found, done, follow-up), true of any household;
/// notes about members come from their facts (`care::visit_note`).
pub const VISIT_EVERYDAY: &[(&str, &str, &str)] = &[
    (
        "户主在家，家中种植养殖情况正常",
        "宣讲产业奖补和小额信贷政策，核实收入台账",
        "",
    ),
    (
        "户主反映灌溉水渠堵塞",
        "联系镇村组织人员清理水渠",
        "下次走访查看水渠疏通情况",
    ),
    (
        "家庭成员均已参加城乡居民医保和大病保险",
        "核对收入一本账并请户主签字确认",
        "",
    ),
    (
        "户主想学习电商销售技能",
        "告知县里电商培训报名方式",
        "下次走访了解培训报名情况",
    ),
];

/// A measure of the demo: class, content, scale, funds (元, lowest and highest; 0 for
/// none), yearly income gain (元; 0 for none) and the result when there is no gain.
pub type MeasureKind = (
    &'static str,
    &'static str,
    &'static str,
    (u32, u32),
    (u32, u32),
    &'static str,
);

/// The demo's measures, at the scale such measures had: 产业奖补 a few thousand yuan,
/// 小额信贷 a 5万元 loan, 公益岗位 a wage, 雨露计划 1,500 元 a year for two years.
pub const MEASURES: &[MeasureKind] = &[
    (
        "industry",
        "发展脐橙种植产业",
        "脐橙5亩",
        (3_000, 5_000),
        (2_000, 5_000),
        "",
    ),
    (
        "industry",
        "生猪养殖产业奖补",
        "生猪20头",
        (2_000, 4_000),
        (3_000, 8_000),
        "",
    ),
    (
        "employment",
        "介绍外出务工",
        "1人",
        (0, 0),
        (15_000, 30_000),
        "",
    ),
    (
        "employment",
        "安排护林员公益性岗位",
        "1人",
        (6_000, 10_000),
        (6_000, 10_000),
        "",
    ),
    (
        "education",
        "雨露计划职业教育补助",
        "1人",
        (3_000, 3_000),
        (0, 0),
        "补助已按学期发放",
    ),
    (
        "health",
        "家庭医生签约服务与慢病卡办理",
        "全家",
        (0, 0),
        (0, 0),
        "已签约，慢病卡已办理",
    ),
    (
        "microcredit",
        "扶贫小额信贷5万元用于养殖",
        "5万元",
        (50_000, 50_000),
        (3_000, 8_000),
        "",
    ),
    (
        "photovoltaic",
        "村级光伏电站收益分红",
        "每年1次",
        (0, 0),
        (1_000, 3_000),
        "",
    ),
    (
        "asset_income",
        "合作社资产收益分红",
        "每年1次",
        (0, 0),
        (500, 1_500),
        "",
    ),
];
