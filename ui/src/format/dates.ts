// Dates are ISO `YYYY-MM-DD` strings throughout (as NaiveDate serialises); these helpers
// read and show them without time zones getting in the way.

/** Today in local time as `YYYY-MM-DD`. */
export function today(now: Date = new Date()): string {
  const y = now.getFullYear()
  const m = String(now.getMonth() + 1).padStart(2, '0')
  const d = String(now.getDate()).padStart(2, '0')
  return `${y}-${m}-${d}`
}

/** Now in local time as `YYYY-MM-DD-HHMM`, for a file name that the next one does not reuse. */
export function fileStamp(now: Date = new Date()): string {
  const h = String(now.getHours()).padStart(2, '0')
  const m = String(now.getMinutes()).padStart(2, '0')
  return `${today(now)}-${h}${m}`
}

/** Whether a string is a real calendar date `YYYY-MM-DD`. */
export function isIsoDate(s: string | null | undefined): s is string {
  if (!s || !/^\d{4}-\d{2}-\d{2}$/.test(s)) return false
  const [y, m, d] = s.split('-').map(Number) as [number, number, number]
  const dt = new Date(Date.UTC(y, m - 1, d))
  return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d
}

/** `2019-05-10` → `2019年5月10日`; '—' when empty. */
export function dateCn(s: string | null | undefined): string {
  if (!isIsoDate(s)) return s ? s : '—'
  const [y, m, d] = s.split('-').map(Number)
  return `${y}年${m}月${d}日`
}

/** Whole days from `a` to `b` (both ISO dates). */
export function daysBetween(a: string, b: string): number {
  const ms = Date.parse(`${b}T00:00:00Z`) - Date.parse(`${a}T00:00:00Z`)
  return Math.round(ms / 86_400_000)
}

/** The year of an ISO date. */
export function yearOf(s: string): number {
  return Number(s.slice(0, 4))
}

/** A timestamp (`2026-11-29T20:56:07+00:00`, or local `YYYY-MM-DD HH:MM:SS`) as local `YYYY-MM-DD HH:MM`. */
export function dateTime(s: string | null | undefined): string {
  if (!s) return ''
  if (!/[Tt]/.test(s) || !/([Zz]|[+-]\d{2}:?\d{2})$/.test(s)) return s.replace('T', ' ').slice(0, 16)
  const d = new Date(s)
  if (Number.isNaN(d.getTime())) return s
  const p = (n: number) => String(n).padStart(2, '0')
  return `${today(d)} ${p(d.getHours())}:${p(d.getMinutes())}`
}
