// Money and numbers as the cadre reads them: 元 with thousands separators.

const yuanFormat = new Intl.NumberFormat('zh-CN', { minimumFractionDigits: 2, maximumFractionDigits: 2 })
const plainFormat = new Intl.NumberFormat('zh-CN', { maximumFractionDigits: 2 })

/** `12,345.60 元`; '—' when not recorded. */
export function yuan(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—'
  return `${yuanFormat.format(v)} 元`
}

/** A number without trailing zeros: `3.5`, `1,200`. */
export function num(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—'
  return plainFormat.format(v)
}

/** A rate as a percentage with two decimals: `1.71%`. */
export function percent(v: number | null | undefined): string {
  if (v === null || v === undefined || Number.isNaN(v)) return '—'
  return `${(v * 100).toFixed(2)}%`
}
