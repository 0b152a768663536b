// The session: the open ledger, the village being worked on, the year in view and the
// settings (operator, local policy, mask ids, stale days). Loaded once at start.

import { defineStore } from 'pinia'
import { computed, ref } from 'vue'
import { useBackend } from '@/api'
import type { AppSettings, LedgerInfo } from '@/api/types'

export const useSession = defineStore('session', () => {
  const info = ref<LedgerInfo | null>(null)
  const settings = ref<AppSettings | null>(null)
  const villageCode = ref<string>('')
  const year = ref<number>(new Date().getFullYear() - 1)
  const loading = ref(false)
  const error = ref<string>('')

  const village = computed(() => info.value?.villages.find((v) => v.code === villageCode.value) ?? null)
  const empty = computed(() => info.value !== null && info.value.households === 0)
  const staleDays = computed(() => settings.value?.stale_days ?? 180)

  async function load(): Promise<void> {
    loading.value = true
    error.value = ''
    try {
      const b = useBackend()
      const [i, s] = await Promise.all([b.ledgerInfo(), b.settingsGet()])
      setInfo(i)
      settings.value = s
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e)
    } finally {
      loading.value = false
    }
  }

  function setInfo(i: LedgerInfo): void {
    info.value = i
    if (!i.villages.some((v) => v.code === villageCode.value)) villageCode.value = i.villages[0]?.code ?? ''
  }

  async function saveSettings(next: AppSettings, reason: string | null): Promise<void> {
    settings.value = await useBackend().settingsSave(next, reason)
    if (info.value) info.value = { ...info.value, operator: settings.value.operator }
  }

  return { info, settings, villageCode, year, loading, error, village, empty, staleDays, load, setInfo, saveSettings }
})
