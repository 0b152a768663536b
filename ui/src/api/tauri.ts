// The Backend over Tauri IPC. Each method is one `invoke` with the contract's command
// name and camelCase arguments; rejections become BackendError.

import { invoke } from '@tauri-apps/api/core'
import { listen } from '@tauri-apps/api/event'
import type { Backend } from './backend'
import { BackendError } from './errors'
import type { Progress } from './types'

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args)
  } catch (e) {
    throw BackendError.from(e)
  }
}

export const tauriBackend: Backend = {
  ledgerInfo: () => call('ledger_info'),
  loadDemo: () => call('load_demo'),
  villageOverview: (village, year, staleDays) => call('village_overview', { village, year, staleDays }),
  householdList: (village) => call('household_list', { village }),
  search: (query) => call('search', { query }),
  householdGet: (id) => call('household_get', { id }),
  householdCheck: (village, household) => call('household_check', { village, household }),
  householdSave: (village, household, reason) => call('household_save', { village, household, reason }),
  assessHousehold: (id, year) => call('assess_household', { id, year }),
  settingsGet: () => call('settings_get'),
  settingsSave: (settings, reason) => call('settings_save', { settings, reason }),
  printCard: (code, kind, year, out) => call('print_card', { code, kind, year, out }),
  printBatch: (village, kind, year, out, only) => call('print_batch', { village, kind, year, out, only }),
  printRoster: (village, year, out) => call('print_roster', { village, year, out }),
  printNotice: (village, year, kind, out) => call('print_notice', { village, year, kind, out }),
  importFile: (path) => call('import_file', { path }),
  exportVillage: (village, path) => call('export_village', { village, path }),
  onProgress: (cb) => listen<Progress>('progress', (e) => cb(e.payload)),
}
