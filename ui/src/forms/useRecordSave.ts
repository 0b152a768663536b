// The save flow every household form shares: client rules first, then the core's check
// (its findings shown at the fields of the record being edited), then the save. On any
// error the form stays open with what was typed.

import { ref } from 'vue'
import { BackendError, useBackend } from '@/api'
import type { Effective, Finding, Household, Saved } from '@/bindings'
import { today } from '@/format/dates'
import { fieldErrors, localPath } from './findings'
import { type Errors, hasErrors } from './rules'

export interface SubmitOptions {
  village: string
  /** The whole household with the edited record in place. */
  candidate: Household
  /** Where the record sits (`members[2]`, `income[0]`; '' for the household itself). */
  prefix: string
  /** Messages of the client rules, by field. */
  clientErrors: Errors
  /** Reason for a status change (audited). */
  reason?: string | null
  /** A change from a date or a correction (default: a change from today — new and dated records). */
  effective?: Effective | null
  /** The decision's 文号. */
  doc?: string | null
  /** False: only check (a record of a household not yet saved). */
  persist?: boolean
  /** Other records whose findings are shown at fields keyed by full path (`members[0].name`). */
  alsoAt?: string[]
}

/** What EffectiveDialog answers: how an edit of facts is saved. */
export interface EffectiveAnswer {
  effective: Effective
  reason: string | null
  doc: string | null
}

/** A new record or a dated one: a change from today. */
export function changeFromToday(): Effective {
  return { kind: 'change', from: today() }
}

/** Whether two records hold the same values (keys in any order). */
export function sameValues(a: unknown, b: unknown): boolean {
  return stable(a) === stable(b)
}
function stable(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => (x && typeof x === 'object' && !Array.isArray(x)
    ? Object.fromEntries(Object.entries(x as Record<string, unknown>).filter(([, y]) => y !== undefined).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0)))
    : x))
}

export function useRecordSave() {
  const saving = ref(false)
  const fields = ref<Errors>({})
  const messages = ref<(string | Finding)[]>([])

  function showFindings(findings: Finding[], prefix: string, includeOther: boolean, alsoAt: string[] = []): boolean {
    const errors = findings.filter((f) => f.severity === 'error')
    const { fields: f, other: rest } = fieldErrors(errors, prefix)
    const other: Finding[] = []
    for (const x of rest) {
      const p = localPath(x.path)
      if (alsoAt.some((a) => p.startsWith(`${a}.`))) f[p] = f[p] ? `${f[p]}；${x.message}` : x.message
      else other.push(x)
    }
    fields.value = f
    messages.value = includeOther ? other : []
    return hasErrors(f) || (includeOther && other.length > 0)
  }

  async function submit(o: SubmitOptions): Promise<Saved | 'checked' | null> {
    fields.value = { ...o.clientErrors }
    messages.value = []
    if (hasErrors(o.clientErrors)) return null
    const persist = o.persist ?? true
    saving.value = true
    try {
      const backend = useBackend()
      const findings = await backend.householdCheck(o.village, o.candidate)
      if (showFindings(findings, o.prefix, persist, o.alsoAt)) return null
      if (!persist) return 'checked'
      return await backend.householdSave(o.village, o.candidate, o.reason ?? null, o.effective ?? changeFromToday(), o.doc ?? null)
    } catch (e) {
      const err = BackendError.from(e)
      if (err.code === 'validation' && err.findings.length) showFindings(err.findings, o.prefix, true, o.alsoAt)
      else messages.value = [err.message]
      return null
    } finally {
      saving.value = false
    }
  }

  function reset(): void {
    fields.value = {}
    messages.value = []
  }

  return { saving, fields, messages, submit, reset }
}
