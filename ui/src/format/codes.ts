// Chinese labels of every code list, exactly as in src/codes.rs (and the rule and
// outcome labels of src/rules/verdict.rs). Each list keeps the national order, so
// `options(...)` gives select options in the order a cadre expects.

import type {
  Attribute, Cause, Education, EventKind, Fuel, Health, HouseGrade, IncomeCategory, Labor,
  MeasureClass, MonitoringChannel, MonitoringKind, Outcome, PairingRole, Region, Relation,
  RelocationMode, RigidKind, Risk, RoadType, Rule, Schooling, Sex, Standard, Status, Tekun,
  UnitLevel, VisitMode, WorkPlace,
} from '@/api/types'

export const REGION: Record<Region, string> = { east: '东部', central: '中部', west: '西部' }
export const UNIT_LEVEL: Record<UnitLevel, string> = {
  province: '省直', city: '市直', county: '县直', township: '乡镇', village: '村级',
}
export const STANDARD: Record<Standard, string> = {
  national: '国家标准', provincial: '省定标准', municipal: '市定标准',
}
export const ATTRIBUTE: Record<Attribute, string> = {
  general: '一般贫困户', dibao: '低保贫困户', tekun: '特困供养贫困户',
}
export const STATUS: Record<Status, string> = {
  ordinary: '一般农户', poor: '未脱贫', exited: '已脱贫', relapsed: '返贫',
  monitored: '监测对象', risk_eliminated: '风险消除',
}
export const CAUSE: Record<Cause, string> = {
  illness: '因病', disability: '因残', schooling: '因学', disaster: '因灾', lack_land: '缺土地',
  lack_water: '缺水', lack_skills: '缺技术', lack_labor: '缺劳动力', lack_funds: '缺资金',
  poor_transport: '交通条件落后', lack_motivation: '自身发展动力不足', other: '其他',
}
export const HOUSE_GRADE: Record<HouseGrade, string> = {
  A: 'A级（安全）', B: 'B级（基本安全）', C: 'C级（局部危房）', D: 'D级（整幢危房）', none: '无住房',
}
export const RELOCATION_MODE: Record<RelocationMode, string> = {
  centralized: '集中安置', dispersed: '分散安置',
}
export const ROAD_TYPE: Record<RoadType, string> = {
  none: '无路', dirt: '泥土路', gravel: '砂石路', cement: '水泥路', asphalt: '沥青路',
}
export const FUEL: Record<Fuel, string> = {
  firewood: '柴草', dung: '干畜粪', coal: '煤炭', clean: '清洁能源', other: '其他',
}
export const RELATION: Record<Relation, string> = {
  head: '户主', spouse: '配偶', son: '之子', daughter: '之女', daughter_in_law: '之儿媳',
  son_in_law: '之女婿', grandson: '之孙子', granddaughter: '之孙女',
  grandson_daughters_side: '之外孙子', granddaughter_daughters_side: '之外孙女', father: '之父',
  mother: '之母', wifes_father: '之岳父', wifes_mother: '之岳母', husbands_father: '之公公',
  husbands_mother: '之婆婆', grandfather: '之祖父', grandmother: '之祖母',
  grandfather_mothers_side: '之外祖父', grandmother_mothers_side: '之外祖母', other: '其他',
}
export const SEX: Record<Sex, string> = { male: '男', female: '女' }
export const EDUCATION: Record<Education, string> = {
  illiterate: '文盲或半文盲', primary: '小学', junior_high: '初中', senior_high: '高中',
  college_plus: '大专及以上', preschool_child: '学龄前儿童',
}
export const SCHOOLING: Record<Schooling, string> = {
  not_student: '非在校生', preschool: '学前教育', primary: '小学', grade7: '七年级',
  grade8: '八年级', grade9: '九年级', senior1: '高一', senior2: '高二', senior3: '高三',
  vocational1: '中职一年级', vocational2: '中职二年级', vocational3: '中职三年级',
  higher_vocational1: '高职一年级', higher_vocational2: '高职二年级',
  higher_vocational3: '高职三年级', college_plus: '大专及以上',
}
export const HEALTH: Record<Health, string> = {
  healthy: '健康', chronic: '长期慢性病', serious_illness: '患有大病', disabled: '残疾',
}
export const LABOR: Record<Labor, string> = {
  ordinary: '普通劳动力', skilled: '技能劳动力', weak: '弱劳动力或半劳动力',
  lost: '丧失劳动力', none: '无劳动力',
}
export const WORK_PLACE: Record<WorkPlace, string> = {
  in_township: '乡(镇)内务工', in_county: '乡(镇)外县内务工', in_province: '县外省内务工',
  out_of_province: '省外务工', other: '其他',
}
export const TEKUN: Record<Tekun, string> = { no: '不享受', dispersed: '分散供养', centralized: '集中供养' }
export const INCOME_CATEGORY: Record<IncomeCategory, string> = {
  wage: '工资性收入', business: '生产经营性收入', property: '财产性收入', transfer: '转移性收入',
}
export const RIGID_KIND: Record<RigidKind, string> = { medical: '医疗', education: '教育' }
export const PAIRING_ROLE: Record<PairingRole, string> = { first: '第一帮扶人', second: '第二帮扶人' }
export const VISIT_MODE: Record<VisitMode, string> = { home: '入户', phone: '电话', other: '其他' }
export const MEASURE_CLASS: Record<MeasureClass, string> = {
  industry: '产业发展', employment: '就业/劳务输出', relocation: '易地扶贫搬迁',
  education: '教育/雨露计划', health: '健康', social_security: '兜底保障',
  microcredit: '扶贫小额信贷', housing: '危房改造', infrastructure: '基础设施',
  public_service: '公共服务', ecological: '生态', photovoltaic: '光伏', asset_income: '资产收益',
  other: '其他',
}
export const MONITORING_KIND: Record<MonitoringKind, string> = {
  unstable_exited: '脱贫不稳定户', marginal: '边缘易致贫户', sudden_hardship: '突发严重困难户',
}
export const MONITORING_CHANNEL: Record<MonitoringChannel, string> = {
  self_report: '农户自主申报', cadre_check: '基层干部排查', department_alert: '部门筛查预警',
}
export const RISK: Record<Risk, string> = {
  illness: '因病', schooling: '因学', disability: '因残', disaster: '因自然灾害',
  accident: '因意外事故', industry_failure: '因产业项目失败', unstable_work: '因务工就业不稳',
  lack_labor: '缺劳动力', housing: '住房出现安全问题', water: '饮水安全问题', other: '其他',
}
export const EVENT_KIND: Record<EventKind, string> = {
  birth: '新生儿', death: '死亡', marry_in: '嫁入', marry_out: '嫁出', move_in: '迁入',
  move_out: '迁出', other: '其他',
}
export const RULE: Record<Rule, string> = {
  income_above_line: '收入达标', food_clothing: '不愁吃、不愁穿',
  compulsory_education: '义务教育有保障', basic_medical: '基本医疗有保障',
  housing_safety: '住房安全有保障', drinking_water: '饮水安全有保障', identification: '贫困户识别',
  household_exit: '脱贫退出', dibao: '纳入低保', tekun: '特困供养', monitoring: '纳入防返贫监测',
  risk_elimination: '风险消除', village_exit: '贫困村退出',
}
export const OUTCOME: Record<Outcome, string> = { yes: '是', no: '否', unknown: '无法判断' }

/** After exit the attribute reads 一般脱贫户 etc. (domain reference §2). */
const ATTRIBUTE_EXITED: Record<Attribute, string> = {
  general: '一般脱贫户', dibao: '低保脱贫户', tekun: '特困供养脱贫户',
}

/** The attribute as printed for a household of `status`. */
export function attributeLabel(a: Attribute | null | undefined, status?: Status | null): string {
  if (!a) return ''
  return status === 'exited' ? ATTRIBUTE_EXITED[a] : ATTRIBUTE[a]
}

/** A label from a map, or '' for an empty value, or the raw code when unknown. */
export function label<K extends string>(map: Record<K, string>, code: K | null | undefined): string {
  if (code === null || code === undefined || (code as string) === '') return ''
  return map[code] ?? String(code)
}

export interface Option<K extends string> {
  value: K
  label: string
}

/** Select options in list order. */
export function options<K extends string>(map: Record<K, string>): Option<K>[] {
  return (Object.keys(map) as K[]).map((value) => ({ value, label: map[value] }))
}

/** Element Plus tag type for a household status. */
export function statusTagType(s: Status | null | undefined): 'success' | 'warning' | 'danger' | 'info' | 'primary' {
  switch (s) {
    case 'poor': return 'danger'
    case 'relapsed': return 'danger'
    case 'monitored': return 'warning'
    case 'exited': return 'success'
    case 'risk_eliminated': return 'success'
    case 'ordinary': return 'info'
    default: return 'info'
  }
}

/** Element Plus tag type for a verdict outcome. */
export function outcomeTagType(o: Outcome): 'success' | 'danger' | 'info' {
  return o === 'yes' ? 'success' : o === 'no' ? 'danger' : 'info'
}

/** Yes/no for a recorded flag; '未填写' when not recorded. */
export function yesNo(v: boolean | null | undefined): string {
  return v === true ? '是' : v === false ? '否' : '未填写'
}
