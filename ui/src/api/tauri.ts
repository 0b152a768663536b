// The Backend over Tauri IPC. Each method is one `invoke` with the contract's command
// name and camelCase arguments; rejections become BackendError.

import { invoke } from '@tauri-apps/api/core'
import { listen } from '@tauri-apps/api/event'
import type { Backend } from './backend'
import { BackendError } from './errors'
import type { Progress, VillageOverview } from './types'
import type { VillageOverview as WireOverview } from '@/bindings/VillageOverview'

/** The core's overview (generated type) as the 首页 shows it. */
export function toOverview(w: WireOverview): VillageOverview {
  const households_by_status: Record<string, number> = {}
  const persons_by_status: Record<string, number> = {}
  for (const s of w.by_status) {
    const key = s.status ?? 'unrecorded'
    households_by_status[key] = s.households
    persons_by_status[key] = s.people
  }
  const item = (a: WireOverview['warnings'][number]) => ({ household_id: a.household_id, code: a.code, head: a.head, note: a.detail })
  const exit = w.incidence === null || w.threshold === null ? 'unknown' : w.incidence <= w.threshold ? 'yes' : 'no'
  return {
    village: w.village.code,
    year: w.year,
    households: w.households,
    persons: w.people,
    households_by_status,
    persons_by_status,
    poor_persons: w.poor_persons,
    rural_population: w.rural_population,
    incidence: w.incidence,
    threshold: w.threshold,
    village_exit: exit,
    exits_by_year: w.exits_by_year.map((e) => ({ year: e.year, households: e.households, persons: 0 })),
    income_by_year: w.income_by_year.map((p) => ({
      year: p.year,
      per_capita: p.median,
      poverty_line: p.year <= 2020 ? p.line : null,
      monitoring_line: p.year >= 2021 ? p.line : null,
    })),
    stale: w.stale_visits.map(item),
    warnings: w.warnings.map(item),
    disagreements: w.disagreements.map(item),
    reviews_due: w.review_due.map(item),
  }
}

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args)
  } catch (e) {
    throw BackendError.from(e)
  }
}

export const tauriBackend: Backend = {
  ledgerInfo: () => call('ledger_info'),
  ledgerStatus: () => call('ledger_status'),
  ledgerUnlock: (passphrase) => call('ledger_unlock', { passphrase }),
  passphraseCheck: (passphrase) => call('passphrase_check', { passphrase }),
  ledgerEncrypt: (passphrase) => call('ledger_encrypt', { passphrase }),
  backupNow: () => call('backup_now'),
  backupRestore: (path, passphrase) => call('backup_restore', { path, passphrase }),
  loadDemo: () => call('load_demo'),
  villageOverview: async (village, year, staleDays) => toOverview(await call<WireOverview>('village_overview', { village, year, staleDays })),
  householdList: (village, asOf) => call('household_list', { village, asOf }),
  search: (query) => call('search', { query }),
  householdGet: (id, asOf) => call('household_get', { id, asOf }),
  householdCheck: (village, household) => call('household_check', { village, household }),
  householdSave: (village, household, reason, effective, doc) => call('household_save', { village, household, reason, effective, doc }),
  assessHousehold: (id, year) => call('assess_household', { id, year }),
  settingsGet: () => call('settings_get'),
  settingsSave: (settings, reason) => call('settings_save', { settings, reason }),
  localValuesList: () => call('local_values_list'),
  localValueAdd: (changes, reason) => call('local_value_add', { changes, reason }),
  cadreList: (village) => call('cadre_list', { village }),
  cadreAdd: (village, cadre) => call('cadre_add', { village, cadre }),
  cadreEnd: (village, cadre, end, reason) => call('cadre_end', { village, cadre, end, reason }),
  printCard: (code, kind, year, out) => call('print_card', { code, kind, year, out }),
  printBatch: (village, kind, year, out, only) => call('print_batch', { village, kind, year, out, only }),
  printRoster: (village, year, out) => call('print_roster', { village, year, out }),
  printNotice: (village, year, kind, out) => call('print_notice', { village, year, kind, out }),
  importFile: (path) => call('import_file', { path }),
  exportVillage: (village, path) => call('export_village', { village, path }),
  onProgress: (cb) => listen<Progress>('progress', (e) => cb(e.payload)),
}
