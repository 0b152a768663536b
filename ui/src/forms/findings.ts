// Puts the core's findings next to form fields. A finding's path is the exchange JSON
// path (`members[1].id_number`, `income[3].amount`, `conditions.farmland_mu`); a form
// edits one record at a known prefix and shows each message at the field it names.

import type { InjectionKey, Ref } from 'vue'
import type { Finding } from '@/bindings'

/** Messages by field (`id_number`, `work.months`, `members[0].name`). */
export type Errors = Record<string, string>

/** The open form's messages, read by each FieldItem by its `field`. */
export const FIELD_ERRORS: InjectionKey<Ref<Errors>> = Symbol('field-errors')

/** The open form's warnings (saving is not refused), shown under their fields. */
export const FIELD_WARNINGS: InjectionKey<Ref<Errors>> = Symbol('field-warnings')

export function hasErrors(e: Errors): boolean {
  return Object.keys(e).length > 0
}

/** Drops a leading `households[i].` (paths from a document check). */
export function localPath(path: string): string {
  return path.replace(/^households\[\d+\]\./, '')
}

/**
 * The errors of one record: findings under `prefix` (e.g. `members[1]`, or '' for the
 * household itself), keyed by field (`id_number`, `work.months`, `other_causes`).
 * Findings elsewhere are returned in `other`.
 */
export function fieldErrors(
  findings: Finding[],
  prefix: string,
  severity: 'error' | 'warning' = 'error',
): { fields: Errors; other: Finding[] } {
  const fields: Errors = {}
  const other: Finding[] = []
  for (const f of findings) {
    if (f.severity !== severity) continue
    const p = localPath(f.path)
    let rest: string | null = null
    if (prefix === '') {
      rest = /^(members|income|expenses|rigid_expenses|pairings|visits|measures|events)\b/.test(p) ? null : p
    } else if (p === prefix) {
      rest = ''
    } else if (p.startsWith(`${prefix}.`)) {
      rest = p.slice(prefix.length + 1)
    }
    if (rest === null || rest === '') {
      other.push(f)
      continue
    }
    const key = rest.replace(/\[\d+\]$/, '')
    fields[key] = fields[key] ? `${fields[key]}；${f.message}` : f.message
  }
  return { fields, other }
}

/** Errors only. */
export function errorsOf(findings: Finding[]): Finding[] {
  return findings.filter((f) => f.severity === 'error')
}
