// Chinese labels of every code list, generated from the core (`ui/src/bindings/codes.json`,
// written and checked by src-tauri/tests/bindings.rs from src/codes.rs and the rules'
// labels). Each list keeps the national order, so `options(...)` gives select options in
// the order a cadre expects. No label is written here.

import type {
  Attribute, CardKindArg, Cause, CheckLevel, Education, EventKind, Fuel, Health, HouseGrade, IncomeCategory, Labor,
  MeasureClass, MonitoringChannel, MonitoringKind, NoticeKindArg, Outcome, PairingRole, Region, Relation,
  RelocationMode, RigidKind, Risk, RoadType, Rule, Schooling, Sex, Standard, Status, Tekun,
  UnitLevel, VisitMode, WorkPlace, DocumentKind, OutOfSchoolReason, EliminationMode, MeasureItem, PairingKind, LowIncomeKind,
  ProcedureStage, ProcedureStep, WorkChannel, RelationDetail, EducationDetail, BenefitArea, SchoolingDetail,
} from '@/bindings'
import generated from '@/bindings/codes.json'

type Pairs = readonly (readonly string[])[]
const codes = generated as unknown as Record<string, Pairs> & { AttributeAsPrinted: Record<string, Pairs>; FirstYear: number }

/** A code list from the generated pairs, in their order. */
function labels<K extends string>(pairs: Pairs | undefined): Record<K, string> {
  return Object.fromEntries((pairs ?? []).map(([code, text]) => [code, text])) as Record<K, string>
}

export const REGION = labels<Region>(codes.Region)
export const UNIT_LEVEL = labels<UnitLevel>(codes.UnitLevel)
export const STANDARD = labels<Standard>(codes.Standard)
export const ATTRIBUTE = labels<Attribute>(codes.Attribute)
export const STATUS = labels<Status>(codes.Status)
export const CAUSE = labels<Cause>(codes.Cause)
export const HOUSE_GRADE = labels<HouseGrade>(codes.HouseGrade)
export const RELOCATION_MODE = labels<RelocationMode>(codes.RelocationMode)
export const ROAD_TYPE = labels<RoadType>(codes.RoadType)
export const FUEL = labels<Fuel>(codes.Fuel)
export const RELATION = labels<Relation>(codes.Relation)
export const RELATION_DETAIL = labels<RelationDetail>(codes.RelationDetail)
export const SEX = labels<Sex>(codes.Sex)
export const EDUCATION = labels<Education>(codes.Education)
export const EDUCATION_DETAIL = labels<EducationDetail>(codes.EducationDetail)
/** The 文化程度 each finer value belongs to. */
export const EDUCATION_DETAIL_OF = labels<EducationDetail>(codes.EducationDetailOf) as unknown as Record<EducationDetail, Education>
export const SCHOOLING = labels<Schooling>(codes.Schooling)
export const SCHOOLING_DETAIL = labels<SchoolingDetail>(codes.SchoolingDetail)
/** The 在校生状况 each finer value belongs to. */
export const SCHOOLING_DETAIL_OF = labels<SchoolingDetail>(codes.SchoolingDetailOf) as unknown as Record<SchoolingDetail, Schooling>
export const HEALTH = labels<Health>(codes.Health)
export const LABOR = labels<Labor>(codes.Labor)
export const WORK_PLACE = labels<WorkPlace>(codes.WorkPlace)
export const TEKUN = labels<Tekun>(codes.Tekun)
export const BENEFIT_AREA = labels<BenefitArea>(codes.BenefitArea)
export const INCOME_CATEGORY = labels<IncomeCategory>(codes.IncomeCategory)
export const RIGID_KIND = labels<RigidKind>(codes.RigidKind)
export const PAIRING_ROLE = labels<PairingRole>(codes.PairingRole)
export const VISIT_MODE = labels<VisitMode>(codes.VisitMode)
export const MEASURE_CLASS = labels<MeasureClass>(codes.MeasureClass)
export const MONITORING_KIND = labels<MonitoringKind>(codes.MonitoringKind)
export const MONITORING_CHANNEL = labels<MonitoringChannel>(codes.MonitoringChannel)
export const RISK = labels<Risk>(codes.Risk)
export const EVENT_KIND = labels<EventKind>(codes.EventKind)
export const DOCUMENT_KIND = labels<DocumentKind>(codes.DocumentKind)
export const OUT_OF_SCHOOL_REASON = labels<OutOfSchoolReason>(codes.OutOfSchoolReason)
export const ELIMINATION_MODE = labels<EliminationMode>(codes.EliminationMode)
export const PAIRING_KIND = labels<PairingKind>(codes.PairingKind)
export const LOW_INCOME_KIND = labels<LowIncomeKind>(codes.LowIncomeKind)
export const MEASURE_ITEM = labels<MeasureItem>(codes.MeasureItem)
export const WORK_CHANNEL = labels<WorkChannel>(codes.WorkChannel)
export const PROCEDURE_STAGE = labels<ProcedureStage>(codes.ProcedureStage)
export const PROCEDURE_STEP = labels<ProcedureStep>(codes.ProcedureStep)
/** The steps of each monitoring procedure, in order (纳入监测: 7, 风险消除: 5). */
export const PROCEDURE_STAGE_STEPS = (generated as unknown as { ProcedureStageSteps: Record<ProcedureStage, ProcedureStep[]> }).ProcedureStageSteps
/** The class each measure sub-kind belongs to (措施子项 → 措施类别). */
export const MEASURE_ITEM_CLASS = labels<MeasureItem>(codes.MeasureItemClass) as unknown as Record<MeasureItem, MeasureClass>

/** The sub-kinds a measure of `cls` may have, with their labels, in the core's order. */
export function measureItems(cls: MeasureClass): Partial<Record<MeasureItem, string>> {
  return Object.fromEntries(
    (Object.entries(MEASURE_ITEM) as [MeasureItem, string][]).filter(([code]) => MEASURE_ITEM_CLASS[code] === cls),
  )
}
export const RULE = labels<Rule>(codes.Rule)
export const OUTCOME = labels<Outcome>(codes.Outcome)
/** 数据核查 levels: 错误, 提示, 说明. */
export const CHECK_LEVEL = labels<CheckLevel>(codes.CheckLevel)
/** The first year the app offers (the core's: 建档立卡 began then). */
export const FIRST_YEAR: number = codes.FirstYear
/** Titles of the public notices (公示名单). */
export const NOTICE_KIND = labels<NoticeKindArg>(codes.NoticeKind)
/** Titles of the documents the print centre offers (户档案卡 … 花名册, 公示名单). */
export const PRINT_DOCUMENT = labels<CardKindArg | 'roster' | 'notice'>(codes.PrintDocument)
/** Kinds of timeline entry (变化记录 chips). */
export const TIMELINE_KIND = labels<string>(codes.TimelineKind)

/** 贫困户属性 as the core prints it for each 户状态 (after exit: 一般脱贫户 …). */
const ATTRIBUTE_AS_PRINTED: Record<string, Record<Attribute, string>> = Object.fromEntries(
  Object.entries(codes.AttributeAsPrinted).map(([status, pairs]) => [status, labels<Attribute>(pairs)]),
)

/** The attribute as printed for a household of `status`. */
export function attributeLabel(a: Attribute | null | undefined, status?: Status | null): string {
  if (!a) return ''
  return (status ? ATTRIBUTE_AS_PRINTED[status]?.[a] : undefined) ?? ATTRIBUTE[a]
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
