// Client-side form rules, run before the core's check: each returns the Chinese message
// of the fault or null. Messages follow the core's wording (src/validate/errors.rs).

import { isIsoDate, today as todayIso } from '@/format/dates'
import { idNumberError, parseIdNumber } from './idNumber'

export type Errors = Record<string, string>

export function required(v: unknown, label: string): string | null {
  if (v === null || v === undefined) return `请填写${label}`
  if (typeof v === 'string' && v.trim() === '') return `请填写${label}`
  if (Array.isArray(v) && v.length === 0) return `请选择${label}`
  return null
}

/** Month 1–12; empty is allowed (a yearly line). */
export function month(v: number | null | undefined): string | null {
  if (v === null || v === undefined) return null
  if (!Number.isInteger(v) || v < 1 || v > 12) return `月份应为1至12，填写的是${v}`
  return null
}

/** An amount of money: a number ≥ 0. */
export function amount(v: number | null | undefined, label = '金额'): string | null {
  if (v === null || v === undefined || Number.isNaN(v)) return `请填写${label}`
  if (v < 0) return `${label}不能为负数（填写的是${v}元）`
  return null
}

/** An optional quantity (亩, m², km) ≥ 0. */
export function nonNegative(v: number | null | undefined, label: string): string | null {
  if (v === null || v === undefined) return null
  if (Number.isNaN(v) || v < 0) return `${label}不能为负数（填写的是${v}）`
  return null
}

/** A year between 2000 and this year (as the core checks). */
export function year(v: number | null | undefined, label = '年度', now = todayIso()): string | null {
  if (v === null || v === undefined) return null
  const max = Number(now.slice(0, 4))
  if (!Number.isInteger(v) || v < 2000 || v > max) return `${label}${v}年不在2000年至今年之间`
  return null
}

/** A date that is real and not after today. */
export function dateNotFuture(v: string | null | undefined, label: string, now = todayIso()): string | null {
  if (!v) return `请填写${label}`
  if (!isIsoDate(v)) return `${label}“${v}”不是有效日期`
  if (v > now) return `${label}${v}晚于今天（${now}）`
  return null
}

/** An end date (optional) not before its start. */
export function endNotBeforeStart(start: string | null | undefined, end: string | null | undefined, what = '结对'): string | null {
  if (!end || !start) return null
  if (end < start) return `${what}结束日期${end}早于开始日期${start}`
  return null
}

/** An ID number: empty is allowed (not recorded), else it must pass GB 11643. */
export function idNumber(v: string | null | undefined): string | null {
  if (!v || v.trim() === '') return null
  const err = idNumberError(v)
  if (err) return err
  const r = parseIdNumber(v)
  if (r.ok && r.info.birth > todayIso()) return `身份证号中的出生日期${r.info.birth}晚于今天`
  return null
}

/** Months of work 0–12. */
export function workMonths(v: number | null | undefined): string | null {
  if (v === null || v === undefined) return null
  if (!Number.isInteger(v) || v < 0 || v > 12) return `务工时间应为0至12个月，填写的是${v}`
  return null
}

/** Collects the non-null messages into an Errors map. */
export function collect(entries: Record<string, string | null>): Errors {
  const out: Errors = {}
  for (const [k, v] of Object.entries(entries)) if (v) out[k] = v
  return out
}

export function hasErrors(e: Errors): boolean {
  return Object.keys(e).length > 0
}
