// The dated local parameters as the 设置 screen shows them: the list, labels, kinds and
// units are generated from the core (`ui/src/bindings/localParameters.json`, written and
// checked by src-tauri/tests/bindings.rs). No limits here: the core checks every value.

import type { LocalParameter } from '@/bindings/LocalParameter'
import generated from '@/bindings/localParameters.json'

export type ParameterKind = 'line' | 'flag' | 'age'

export interface ParameterInfo {
  code: LocalParameter
  label: string
  kind: ParameterKind
  unit: string
}

export const LOCAL_PARAMETERS: ParameterInfo[] = generated as ParameterInfo[]

export function parameterInfo(code: LocalParameter): ParameterInfo {
  return LOCAL_PARAMETERS.find((p) => p.code === code) ?? { code, label: code, kind: 'line', unit: '' }
}

/** A value as the cadre reads it: `4800元/人·年`, `是`, `6周岁`. */
export function showValue(code: LocalParameter, value: number | boolean): string {
  if (typeof value === 'boolean') return value ? '是' : '否'
  return `${value}${parameterInfo(code).unit}`
}
