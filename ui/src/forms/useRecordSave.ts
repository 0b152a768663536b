// The check-and-save flow every household form shares. The core checks the draft (the
// form holds no rule of its own): a field is checked when it is left and its message
// shown there (and cleared once fixed); saving checks everything, shows each error at its
// field and keeps the form open with what was typed.

import { provide, ref, type Ref } from 'vue'
import { BackendError, useBackend } from '@/api'
import type { Effective, Finding, Household, Saved } from '@/bindings'
import { today } from '@/format/dates'
import { type Errors, FIELD_ERRORS, FIELD_WARNINGS, fieldErrors, hasErrors, localPath } from './findings'

/** A form's record put in its household: what the core checks. */
export interface Draft {
  village: string
  /** The whole household with the edited record in place. */
  candidate: Household
  /** Where the record sits (`members[2]`, `income[0]`; '' for the household itself). */
  prefix: string
  /** Other records whose findings are shown at fields keyed by full path (`members[0].name`). */
  alsoAt?: string[]
}

export interface SubmitOptions extends Draft {
  /** Reason for a status change (audited). */
  reason?: string | null
  /** A change from a date or a correction (default: a change from today — new and dated records). */
  effective?: Effective | null
  /** The decision's 文号. */
  doc?: string | null
  /** False: only check (a record of a household not yet saved). */
  persist?: boolean
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

/** True once any of `values` differs from what it held when the form opened. */
export function useDirty(...values: Ref<unknown>[]): () => boolean {
  const start = values.map((v) => stable(v.value))
  return () => values.some((v, i) => stable(v.value) !== start[i])
}

export function useRecordSave() {
  const saving = ref(false)
  const fields = ref<Errors>({})
  const warnings = ref<Errors>({})
  const messages = ref<(string | Finding)[]>([])
  /** Fields the cadre has left: only these show messages before a save. */
  const touched = new Set<string>()
  let asked = 0
  provide(FIELD_ERRORS, fields)
  provide(FIELD_WARNINGS, warnings)

  /** The core's warnings at the fields the cadre has left. */
  function warningsOf(findings: Finding[], d: Draft): Errors {
    const { fields: at } = fieldErrors(findings, d.prefix, 'warning')
    return Object.fromEntries(Object.entries(at).filter(([k]) => touched.has(k)))
  }

  /** The core's errors for the draft, by field of the record. */
  function errorsOf(findings: Finding[], d: Draft): { at: Errors; other: Finding[] } {
    const errors = findings.filter((f) => f.severity === 'error')
    const { fields: at, other: rest } = fieldErrors(errors, d.prefix)
    const other: Finding[] = []
    for (const x of rest) {
      const p = localPath(x.path)
      if ((d.alsoAt ?? []).some((a) => p.startsWith(`${a}.`))) at[p] = at[p] ? `${at[p]}；${x.message}` : x.message
      else other.push(x)
    }
    return { at, other }
  }

  /** A field was left: check the draft and show that field's message (others left keep theirs). */
  async function leave(field: string, draft: Draft): Promise<void> {
    touched.add(field)
    const n = ++asked
    try {
      const findings = await useBackend().householdCheck(draft.village, draft.candidate)
      if (n !== asked || saving.value) return
      const { at } = errorsOf(findings, draft)
      const next: Errors = {}
      for (const [k, v] of Object.entries(at)) if (touched.has(k)) next[k] = v
      fields.value = next
      warnings.value = warningsOf(findings, draft)
    } catch {
      // A check that fails is not the cadre's fault: saving reports it.
    }
  }

  /** Checks the whole draft; shows every error; true when there is none. */
  async function check(draft: Draft, includeOther = true): Promise<boolean> {
    asked++
    const findings = await useBackend().householdCheck(draft.village, draft.candidate)
    const { at, other } = errorsOf(findings, draft)
    for (const k of Object.keys(at)) touched.add(k)
    fields.value = at
    warnings.value = warningsOf(findings, draft)
    messages.value = includeOther ? other : []
    return !hasErrors(at) && !(includeOther && other.length > 0)
  }

  async function submit(o: SubmitOptions): Promise<Saved | 'checked' | null> {
    messages.value = []
    const persist = o.persist ?? true
    saving.value = true
    try {
      if (!(await check(o, persist))) return null
      if (!persist) return 'checked'
      return await useBackend().householdSave(o.village, o.candidate, o.reason ?? null, o.effective ?? changeFromToday(), o.doc ?? null)
    } catch (e) {
      const err = BackendError.from(e)
      if (err.code === 'validation' && err.findings.length) {
        const { at, other } = errorsOf(err.findings, o)
        fields.value = at
        messages.value = other
      } else messages.value = [err.message]
      return null
    } finally {
      saving.value = false
    }
  }

  /** Checks without saving, as the saving flag (an edited record asks first how to date it). */
  async function precheck(draft: Draft): Promise<boolean> {
    saving.value = true
    try {
      return await check(draft)
    } catch (e) {
      messages.value = [BackendError.from(e).message]
      return false
    } finally {
      saving.value = false
    }
  }

  function reset(): void {
    fields.value = {}
    warnings.value = {}
    messages.value = []
    touched.clear()
  }

  return { saving, fields, messages, submit, leave, precheck, reset }
}
