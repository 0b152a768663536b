// The fake backend's stand-ins for the core: a light validation (the common errors with
// the core's messages and paths) and a light assessment (income against the line and the
// guarantees), enough to exercise every screen and form without the shell. The real
// rules live in the Rust core; nothing here is used when the app runs under Tauri.

import type {
  Cadre, Finding, Household, HouseholdVerdicts, Member, Outcome, Reason, Verdict, WhatIf,
} from './types'
import { RELATION, SEX } from '@/format/codes'
import { idNumberError, parseIdNumber } from '@/forms/idNumber'

const FEMALE_RELATIONS = new Set([
  'daughter', 'daughter_in_law', 'granddaughter', 'granddaughter_daughters_side', 'mother',
  'wifes_mother', 'husbands_mother', 'grandmother', 'grandmother_mothers_side',
])
const MALE_RELATIONS = new Set([
  'son', 'son_in_law', 'grandson', 'grandson_daughters_side', 'father', 'wifes_father',
  'husbands_father', 'grandfather', 'grandfather_mothers_side',
])

/** National poverty line by year (domain reference §5); later years keep 2020's. */
export const POVERTY_LINE: Record<number, number> = {
  2011: 2536, 2012: 2625, 2013: 2736, 2014: 2800, 2015: 2855, 2016: 2952, 2017: 2952,
  2018: 2995, 2019: 3218, 2020: 4000,
}
/** Monitoring line by year (examples of §5, one region). */
export const MONITORING_LINE: Record<number, number> = {
  2021: 6000, 2022: 6500, 2023: 7300, 2024: 7800, 2025: 8700, 2026: 8700,
}

export function povertyLine(year: number): number {
  return POVERTY_LINE[year] ?? (year > 2020 ? 4000 : 2300)
}

export function monitoringLine(year: number, override?: number | null): number | null {
  if (year < 2021) return null
  return override ?? MONITORING_LINE[year] ?? 8700
}

/** Checks a household like the core does (the common rules only). */
export function checkHousehold(h: Household, cadres: Cadre[], today: string): Finding[] {
  const out: Finding[] = []
  const push = (severity: 'error' | 'warning', path: string, rule: string, message: string) =>
    out.push({ severity, household: h.code, path, rule, message })
  const error = (path: string, rule: string, message: string) => push('error', path, rule, message)
  const cadreIds = new Set(cadres.map((c) => c.id))

  if (!h.code.trim()) error('code', 'household.code', '户编号不能为空')
  const heads = h.members.filter((m) => m.relation === 'head')
  if (h.members.length === 0) error('members', 'members.empty', '家庭成员不能为空，至少要有户主')
  else if (heads.length === 0) error('members', 'head.none', '没有户主：家庭成员中必须有且只有一名户主')
  else if (heads.length > 1) {
    error('members', 'head.many', `有${heads.length}名户主（${heads.map((m) => m.name).join('、')}），只能有一名`)
  }
  const numbers = new Set<string>()
  h.members.forEach((m: Member, i) => {
    const at = (f: string) => `members[${i}].${f}`
    const who = m.name ? `成员“${m.name}”` : `第${i + 1}名成员`
    if (!m.name.trim()) error(at('name'), 'member.name', `${who}的姓名不能为空`)
    if (m.id_number) {
      const e = idNumberError(m.id_number)
      if (e) error(at('id_number'), 'id_number.invalid', `${who}的${e}`)
      else {
        const upper = m.id_number.toUpperCase()
        if (numbers.has(upper)) error(at('id_number'), 'id_number.duplicate', `${who}的身份证号与本户其他成员重复`)
        numbers.add(upper)
        const p = parseIdNumber(m.id_number)
        if (p.ok) {
          if (p.info.birth > today) error(at('id_number'), 'id_number.future', `${who}的身份证号中的出生日期${p.info.birth}晚于今天`)
          if (m.sex && m.sex !== p.info.sex) {
            error(at('sex'), 'sex.id_number', `${who}的性别“${SEX[m.sex]}”与身份证号不符`)
          }
        }
      }
    }
    const sex = (() => {
      if (m.id_number) {
        const p = parseIdNumber(m.id_number)
        if (p.ok) return p.info.sex
      }
      return m.sex ?? null
    })()
    if (m.relation && sex) {
      const wrong = (MALE_RELATIONS.has(m.relation) && sex === 'female') || (FEMALE_RELATIONS.has(m.relation) && sex === 'male')
      if (wrong) error(at('relation'), 'relation.sex', `${who}与户主关系为“${RELATION[m.relation]}”，但性别为“${SEX[sex]}”`)
    }
    if (m.disability_grade != null && (m.disability_grade < 1 || m.disability_grade > 4)) {
      error(at('disability_grade'), 'disability_grade', `${who}的残疾等级应为1至4级，填写的是${m.disability_grade}`)
    }
    const months = m.work?.months
    if (months != null && (months < 0 || months > 12)) {
      error(at('work.months'), 'work.months', `${who}的务工时间应为0至12个月，填写的是${months}`)
    }
  })
  const maxYear = Number(today.slice(0, 4))
  const lines = (kind: 'income' | 'expenses', what: string) => {
    h[kind].forEach((l, i) => {
      if (l.year < 2000 || l.year > maxYear) error(`${kind}[${i}].year`, 'year.range', `年度${l.year}年不在2000年至今年之间`)
      if (l.month != null && (l.month < 1 || l.month > 12)) error(`${kind}[${i}].month`, 'month.range', `月份应为1至12，填写的是${l.month}`)
      if (l.amount < 0) error(`${kind}[${i}].amount`, 'amount.negative', `${what}“${l.item}”的金额不能为负数（填写的是${l.amount}元）`)
    })
  }
  lines('income', '收入')
  lines('expenses', '支出')
  h.pairings.forEach((p, i) => {
    if (p.start > today) error(`pairings[${i}].start`, 'date.future', `结对开始日期${p.start}晚于今天（${today}）`)
    if (p.end && p.end < p.start) error(`pairings[${i}].end`, 'pairing.end', `结对结束日期${p.end}早于开始日期${p.start}`)
    if (!cadreIds.has(p.cadre)) error(`pairings[${i}].cadre`, 'pairing.cadre', `帮扶责任人编号“${p.cadre}”不在本村干部名单中`)
  })
  h.visits.forEach((v, i) => {
    if (v.date > today) error(`visits[${i}].date`, 'date.future', `走访日期${v.date}晚于今天（${today}）`)
    if (!cadreIds.has(v.cadre)) error(`visits[${i}].cadre`, 'visit.cadre', `走访干部编号“${v.cadre}”不在本村干部名单中`)
  })
  h.measures.forEach((m, i) => {
    if (m.start > today) error(`measures[${i}].start`, 'date.future', `措施开始日期${m.start}晚于今天（${today}）`)
    if (m.end && m.end < m.start) error(`measures[${i}].end`, 'measure.end', `措施完成日期${m.end}早于开始日期${m.start}`)
    if (m.funds != null && m.funds < 0) error(`measures[${i}].funds`, 'amount.negative', `措施资金不能为负数（填写的是${m.funds}）`)
  })
  const memberIds = new Set(h.members.map((m) => m.id))
  h.events.forEach((e, i) => {
    if (e.date > today) error(`events[${i}].date`, 'date.future', `变动日期${e.date}晚于今天（${today}）`)
    if (e.member && !memberIds.has(e.member)) error(`events[${i}].member`, 'event.member', `人口变动所指成员“${e.member}”不在本户成员中`)
  })
  // Warnings (never blocking), a few of the national system's checks.
  if (h.status && h.status !== 'ordinary' && !h.pairings.some((p) => !p.end)) {
    push('warning', 'pairings', 'pairing.none', '本户没有在结对的帮扶责任人')
  }
  if (h.main_cause === 'illness' && !h.members.some((m) => m.health === 'chronic' || m.health === 'serious_illness')) {
    push('warning', 'main_cause', 'cause.illness', '主要致贫原因为“因病”，但没有患病的成员')
  }
  if (h.attribute === 'dibao' && !h.members.some((m) => m.dibao)) {
    push('warning', 'attribute', 'attribute.dibao', '贫困户属性为“低保贫困户”，但没有享受低保的成员')
  }
  return out
}

/** Net income and persons of a year (counted income minus production costs). */
export function yearIncome(h: Household, year: number): { net: number; persons: number } {
  const income = h.income.filter((l) => l.year === year && l.counted).reduce((s, l) => s + l.amount, 0)
  const cost = h.expenses.filter((l) => l.year === year).reduce((s, l) => s + l.amount, 0)
  const left = new Set(h.events.filter((e) => ['death', 'marry_out', 'move_out'].includes(e.kind) && e.date <= `${year}-12-31`).map((e) => e.member))
  const persons = h.members.filter((m) => !left.has(m.id)).length
  return { net: income - cost, persons }
}

function verdict(rule: Verdict['rule'], reasons: Reason[], missing: string[] = []): Verdict {
  let outcome: Outcome = 'yes'
  for (const r of reasons) {
    if (r.met === false) outcome = 'no'
    else if (r.met === null && outcome === 'yes') outcome = 'unknown'
  }
  return { rule, outcome, reasons, missing }
}

const r2 = (v: number) => Math.round(v * 100) / 100

/** A light assessment in the spec's output shape, with a what-if for exit. */
export function assess(h: Household, year: number, monitoringOverride?: number | null): HouseholdVerdicts {
  const line = povertyLine(year)
  const mline = monitoringLine(year, monitoringOverride)
  const { net, persons } = yearIncome(h, year)
  const hasIncome = h.income.some((l) => l.year === year)
  const pc = persons > 0 && hasIncome ? r2(net / persons) : null
  const incomeMet = pc === null ? null : pc >= line
  const income = verdict('income_above_line', [{
    criterion: 'income_above_line', met: incomeMet, value: pc, threshold: line,
    text: pc === null ? `${year}年没有收入记录，无法计算人均纯收入`
      : `人均纯收入${pc}元，${incomeMet ? '高于' : '低于'}${year}年国家扶贫标准${line}元`,
  }], pc === null ? [`income(${year})`] : [])
  const food = verdict('food_clothing', [{
    criterion: 'food_clothing', met: h.food_clothing_secure ?? null, value: h.food_clothing_secure ?? null, threshold: true,
    text: h.food_clothing_secure == null ? '未记录不愁吃、不愁穿情况' : h.food_clothing_secure ? '不愁吃、不愁穿' : '尚未做到不愁吃、不愁穿',
  }], h.food_clothing_secure == null ? ['food_clothing_secure'] : [])
  const medMissing: string[] = []
  const medReasons: Reason[] = h.members.map((m, i) => {
    if (m.medical_insurance == null) medMissing.push(`members[${i}].medical_insurance`)
    return {
      criterion: 'medical_insurance', met: m.medical_insurance ?? null, value: m.medical_insurance ?? null, threshold: true,
      text: m.medical_insurance == null ? `成员${m.name}未填写是否参加城乡居民基本医疗保险`
        : m.medical_insurance ? `成员${m.name}已参加城乡居民基本医疗保险` : `成员${m.name}未参加城乡居民基本医疗保险`,
    }
  })
  const medical = verdict('basic_medical', medReasons, medMissing)
  const school = verdict('compulsory_education', h.members
    .filter((m) => m.schooling && m.schooling !== 'not_student')
    .map((m) => ({ criterion: 'in_school', met: true, value: true, threshold: true, text: `成员${m.name}在校就读` })))
  if (school.reasons.length === 0) school.reasons.push({ criterion: 'no_school_age', met: true, value: null, threshold: null, text: '无义务教育阶段失学辍学成员' })
  const grade = h.conditions.house_grade
  const moved = h.conditions.relocation?.moved_in === true
  const housingMet = grade == null ? (moved ? true : null) : grade === 'A' || grade === 'B' || moved
  const housing = verdict('housing_safety', [{
    criterion: 'house_grade', met: housingMet, value: grade ?? null, threshold: 'B',
    text: grade == null ? '未填写危房等级' : housingMet ? '住房安全（A级或B级）' : `住房为${grade}级危房，需改造`,
  }], grade == null && !moved ? ['conditions.house_grade'] : [])
  const water = h.conditions.drinking_water_safe
  const drinking = verdict('drinking_water', [{
    criterion: 'drinking_water_safe', met: water ?? null, value: water ?? null, threshold: true,
    text: water == null ? '未填写饮水安全情况' : water ? '饮水安全' : '饮水不安全',
  }], water == null ? ['conditions.drinking_water_safe'] : [])
  const guarantees = [food, school, medical, housing, drinking]
  const exitReasons: Reason[] = [income.reasons[0]!, ...guarantees.map((g) => ({
    criterion: g.rule, met: g.outcome === 'yes' ? true : g.outcome === 'no' ? false : null,
    value: null, threshold: null,
    text: `${g.reasons.find((r) => r.met !== true)?.text ?? g.reasons[0]?.text ?? ''}`,
  }))]
  const exit = verdict('household_exit', exitReasons, [...income.missing, ...guarantees.flatMap((g) => g.missing)])
  const ident = verdict('identification', [{
    criterion: 'income_below_line', met: incomeMet === null ? null : !incomeMet, value: pc, threshold: line,
    text: pc === null ? '无法计算人均纯收入' : `人均纯收入${pc}元，${incomeMet ? '不低于' : '低于'}扶贫标准${line}元`,
  }])
  const mon: Verdict = mline === null
    ? { rule: 'monitoring', outcome: 'no', reasons: [{ criterion: 'year', met: false, value: year, threshold: 2021, text: '2021年以前没有防返贫监测' }], missing: [] }
    : verdict('monitoring', [{
      criterion: 'income_in_range', met: pc === null ? null : pc < mline, value: pc, threshold: mline,
      text: pc === null ? '无法计算人均纯收入' : `人均纯收入${pc}元，${pc < mline ? '低于' : '高于'}${year}年监测范围${mline}元`,
    }])
  const verdicts: Verdict[] = [income, food, school, medical, housing, drinking, ident, exit,
    verdict('dibao', [{ criterion: 'dibao_line', met: null, value: pc, threshold: null, text: '未设置低保标准（设置 → 本地政策）' }], ['local_policy.dibao_line']),
    verdict('tekun', [{ criterion: 'tekun', met: h.members.some((m) => m.tekun && m.tekun !== 'no'), value: null, threshold: null, text: '按成员特困供养情况判定' }]),
    mon,
    verdict('risk_elimination', [{ criterion: 'monitored', met: h.status === 'monitored' && pc !== null && mline !== null && pc >= mline, value: pc, threshold: mline, text: h.status === 'monitored' ? '监测对象：收入稳定高于监测范围且风险已消除时可标注风险消除' : '不是监测对象' }]),
  ]
  let whatIf: WhatIf | null = null
  if (exit.outcome !== 'yes') {
    const obstacles = [...guarantees.filter((g) => g.outcome !== 'yes').map((g) => ({
      rule: 'household_exit' as const, criterion: g.rule, text: g.reasons.find((r) => r.met !== true)?.text ?? '',
    })), ...exit.missing.map((p) => ({ rule: 'household_exit' as const, criterion: 'missing', text: `缺少数据：${p}` }))]
    const rises = []
    if (pc !== null && persons > 0 && pc < line) {
      const gap = r2(line - pc)
      const annual = Math.ceil((line * persons - net) * 100) / 100
      rises.push({
        rule: 'household_exit' as const, per_capita_gap: gap, annual_household: annual, persons,
        sufficient: obstacles.length === 0,
        text: `全家年纯收入再增加${annual}元（人均${gap}元）可达到扶贫标准${line}元`,
      })
    }
    whatIf = {
      household: h.code, year, obstacles, income_rises: rises,
      lines: [...obstacles.map((o) => o.text), ...rises.map((r) => r.text)],
    }
  }
  return {
    assessment: {
      household: h.code, year, as_of: `${year}-12-31`,
      policy: { id: `national-${year}`, poverty_line: line, monitoring_line: mline, dibao_line: null, sources: ['国家扶贫标准（演示数据）'] },
      per_capita_net_income: pc,
      verdicts,
    },
    what_if: whatIf,
  }
}
