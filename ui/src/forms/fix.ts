// 去填写: from a finding or a missing fact (the core's path, `members[2].schooling`) to the
// form where it is filled in. The household view passes the path down; the tab that owns
// the record opens its form, and the form's dialog focuses the field and checks it.

import { inject, type InjectionKey, type Ref, watch } from 'vue'
import type { RouteLocationRaw } from 'vue-router'
import type { Household } from '@/bindings'

/** The path waiting to be filled in (null once a form has taken it). */
export const FIX_REQUEST: InjectionKey<Ref<string | null>> = Symbol('fix-request')

/** A path read as a record of a list (`members`, 2) and the field in it (`schooling`). */
export interface FixTarget {
  /** '' for the household itself (`conditions.farmland_mu`). */
  list: string
  /** null for the list as a whole (`members`: a new record). */
  index: number | null
  /** The field within the record, as the form names it ('' for none). */
  field: string
}

const LISTS = ['members', 'income', 'expenses', 'rigid_expenses', 'pairings', 'visits', 'measures', 'events']

export function parsePath(path: string): FixTarget {
  const p = path.replace(/^households\[\d+\]\./, '')
  // `members[2].schooling`; `income[year=2026]` (a year's book: a new line).
  const m = /^([a-z_]+)(?:\[([^\]]*)\])?(?:\.(.+))?$/.exec(p)
  if (m && LISTS.includes(m[1]!)) {
    const index = m[2] !== undefined && /^\d+$/.test(m[2]) ? Number(m[2]) : null
    return { list: m[1]!, index, field: m[3] ?? '' }
  }
  return { list: '', index: null, field: p }
}

/** The household tab that holds a list. */
function tabOf(list: string): string {
  if (list === 'expenses' || list === 'rigid_expenses') return 'income'
  return list || 'info'
}

/** Where a path is filled in: the household's tab with the form open, or 设置 for a local parameter. */
export function fixRoute(householdId: string, path: string): RouteLocationRaw {
  if (path.startsWith('policy.')) return { path: '/settings', query: { tab: 'policy' } }
  return { path: `/households/${householdId}`, query: { tab: tabOf(parsePath(path).list), fix: path } }
}

/**
 * In a tab: opens the form of a requested record when it is one of `lists` (a record the
 * household no longer has is not opened).
 */
export function onFixRequest(household: () => Household, lists: string[], open: (target: FixTarget) => void): void {
  const request = inject(FIX_REQUEST, null)
  if (!request) return
  watch(request, (path) => {
    if (!path) return
    const target = parsePath(path)
    if (!lists.includes(target.list)) return
    const records = target.list ? (household()[target.list as keyof Household] as unknown[]) : []
    if (target.index !== null && target.index >= records.length) return
    open(target)
  }, { immediate: true })
}

/** In a form's dialog: the field to focus once open; the request is used up. */
export function takeFixField(): () => string | null {
  const request = inject(FIX_REQUEST, null)
  return () => {
    if (!request?.value) return null
    const field = parsePath(request.value).field
    request.value = null
    return field
  }
}
