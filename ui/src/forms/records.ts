// Puts an edited record into a copy of the household: the candidate a form checks and
// saves, and the path prefix its findings carry.

import type { Household } from '@/bindings'
import { clone } from './blank'

export type RecordKey = 'members' | 'income' | 'expenses' | 'rigid_expenses' | 'pairings' | 'visits' | 'measures' | 'events'

/** Household copy with `record` at `index` (or appended when index is null). */
export function withRecord<K extends RecordKey>(
  h: Household,
  key: K,
  index: number | null,
  record: Household[K][number],
): { candidate: Household; prefix: string; index: number } {
  const candidate = clone(h)
  const list = candidate[key] as Household[K][number][]
  const at = index ?? list.length
  if (index === null) list.push(clone(record))
  else list[index] = clone(record)
  return { candidate, prefix: `${key}[${at}]`, index: at }
}

/** Household copy without the record at `index`. */
export function withoutRecord(h: Household, key: RecordKey, index: number): Household {
  const candidate = clone(h)
  ;(candidate[key] as unknown[]).splice(index, 1)
  return candidate
}
