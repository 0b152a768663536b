// The dated local parameters as the 设置 screen shows them. STOPGAP: the core has these
// labels (`LocalParameter::label`, src/rules/local_values.rs) but no command sends them
// yet; this copies them word for word, with the kind of value each takes (to pick the
// input), until the shell offers a list. No limits here: the core checks every value.

import type { LocalParameter } from '@/bindings/LocalParameter'

export type ParameterKind = 'line' | 'flag' | 'age'

export const LOCAL_PARAMETERS: { code: LocalParameter; label: string; kind: ParameterKind }[] = [
  { code: 'dibao_line', label: '低保标准', kind: 'line' },
  { code: 'monitoring_line', label: '监测范围', kind: 'line' },
  { code: 'provincial_standard', label: '省定标准', kind: 'line' },
  { code: 'serious_illness_insurance_required', label: '须参加大病保险', kind: 'flag' },
  { code: 'family_doctor_required', label: '须签约家庭医生', kind: 'flag' },
  { code: 'pension_counts_as_income', label: '养老保险金计入收入', kind: 'flag' },
  { code: 'use_cost_ratios', label: '按固定比例核算生产成本', kind: 'flag' },
  { code: 'school_age_min', label: '义务教育适龄下限', kind: 'age' },
  { code: 'school_age_max', label: '义务教育适龄上限', kind: 'age' },
]

export function parameterInfo(code: LocalParameter): { label: string; kind: ParameterKind } {
  return LOCAL_PARAMETERS.find((p) => p.code === code) ?? { label: code, kind: 'line' }
}

/** A value as the cadre reads it: `4800元/人·年`, `是`, `6周岁`. */
export function showValue(code: LocalParameter, value: number | boolean): string {
  if (typeof value === 'boolean') return value ? '是' : '否'
  const kind = parameterInfo(code).kind
  return kind === 'age' ? `${value}周岁` : `${value}元/人·年`
}
