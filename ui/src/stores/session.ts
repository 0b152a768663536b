// The session: the open ledger, the village being worked on, the year in view and the
// settings (operator, local policy, mask ids, stale days). Loaded once at start.
// The year is the one year every screen shows: the current calendar year is today's
// facts (editable); a past year is the ledger as it stood on 31 December (read-only).

import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useBackend } from '@/api'
import type { AppSettings, LedgerInfo } from '@/bindings'
import type { LedgerStatus } from '@/bindings/LedgerStatus'

/**
 * What the window shows: the unlock screen (an encrypted ledger waiting for its
 * passphrase), the first-start passphrase step (a new plain ledger), the 请先说明您是谁
 * step (no operator named yet: nothing can be changed before), or the app.
 */
export type Gate = 'starting' | 'locked' | 'first' | 'operator' | 'open'


export const useSession = defineStore('session', () => {
  const info = ref<LedgerInfo | null>(null)
  const settings = ref<AppSettings | null>(null)
  const villageCode = ref<string>('')
  /** The running year (today's facts), as the core dates today. */
  const currentYear = computed(() => Number((info.value?.today ?? String(new Date().getFullYear())).slice(0, 4)))
  const year = ref<number>(currentYear.value)
  const loading = ref(false)
  const error = ref<string>('')
  const status = ref<LedgerStatus | null>(null)
  const gate = ref<Gate>('starting')
  /** 暂不加密 was chosen at this start (asked again at the next start while the ledger is empty). */
  const plainChosen = ref(false)

  const village = computed(() => info.value?.villages.find((v) => v.code === villageCode.value) ?? null)
  const empty = computed(() => info.value !== null && info.value.households === 0)
  /** Days without a visit that count as too long (the ledger's setting; null until loaded). */
  const staleDays = computed(() => settings.value?.stale_days ?? null)
  /** The date screens read the ledger as of (`null`: today, editable), as the core says. */
  const asOf = computed(() => info.value?.years.find((y) => y.year === year.value)?.as_of ?? null)
  /** A past year is shown as it stood and cannot be edited. */
  const readOnly = computed(() => asOf.value !== null)
  /** The years of the picker, newest first (the core's: the running year back to 2014). */
  const years = computed(() => info.value?.years.map((y) => y.year) ?? [currentYear.value])

  /** Reads the ledger's state (unlock, first start) and, once it is open, the ledger. */
  async function load(): Promise<void> {
    loading.value = true
    error.value = ''
    try {
      const b = useBackend()
      const st = await b.ledgerStatus()
      status.value = st
      if (st.locked) {
        gate.value = 'locked'
        return
      }
      if (!st.encrypted && st.households === 0 && !st.read_only && !plainChosen.value) {
        gate.value = 'first'
        return
      }
      const [i, s] = await Promise.all([b.ledgerInfo(), b.settingsGet()])
      setInfo(i)
      settings.value = s
      gate.value = s.operator.trim() ? 'open' : 'operator'
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e)
    } finally {
      loading.value = false
    }
  }

  /** Reads the ledger's state again (after a backup, encrypting). */
  async function refreshStatus(): Promise<void> {
    status.value = await useBackend().ledgerStatus()
  }

  /** The operator was named (first use): the app opens. */
  function operatorNamed(): void {
    gate.value = 'open'
  }

  /** 暂不加密 at first start: go on with the plain ledger. */
  async function skipEncryption(): Promise<void> {
    plainChosen.value = true
    await load()
  }

  function setInfo(i: LedgerInfo): void {
    const first = info.value === null
    info.value = i
    if (first || !years.value.includes(year.value)) year.value = currentYear.value
    if (!i.villages.some((v) => v.code === villageCode.value)) villageCode.value = i.villages[0]?.code ?? ''
  }

  async function saveSettings(next: AppSettings, reason: string | null): Promise<void> {
    settings.value = await useBackend().settingsSave(next, reason)
    if (info.value) info.value = { ...info.value, operator: settings.value.operator }
  }

  return {
    info, settings, villageCode, currentYear, year, loading, error, village, empty, staleDays, asOf, readOnly, years,
    status, gate, plainChosen, load, refreshStatus, skipEncryption, setInfo, saveSettings, operatorNamed,
  }
})
