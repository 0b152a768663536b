// The Backend's commands over any transport, written once: each method is one `call` with
// the contract's command name and camelCase arguments. `tauri.ts` (IPC inside the desktop
// app) and `http.ts` (the browser mode, `yibentong serve`) supply `call` and progress.
// src-tauri/tests/contract.rs reads the calls below and checks each against the core's
// command table (`src/app/commands/mod.rs`) and its arguments.

import type { Backend } from './backend'

/** Sends one command with its arguments; rejects with a BackendError. */
export type Call = <T>(command: string, args?: Record<string, unknown>) => Promise<T>

/** Every method of the Backend but `onProgress`, over `call`. */
export function commandsOver(call: Call): Omit<Backend, 'onProgress'> {
  return {
    ledgerInfo: () => call('ledger_info'),
    ledgerStatus: () => call('ledger_status'),
    ledgerUnlock: (passphrase) => call('ledger_unlock', { passphrase }),
    passphraseCheck: (passphrase) => call('passphrase_check', { passphrase }),
    ledgerEncrypt: (passphrase) => call('ledger_encrypt', { passphrase }),
    backupNow: () => call('backup_now'),
    backupRestore: (path, passphrase) => call('backup_restore', { path, passphrase }),
    loadDemo: () => call('load_demo'),
    villageOverview: (village, year) => call('village_overview', { village, year }),
    householdList: (village, asOf) => call('household_list', { village, asOf }),
    search: (query) => call('search', { query }),
    householdGet: (id, asOf) => call('household_get', { id, asOf }),
    householdCheck: (village, household) => call('household_check', { village, household }),
    householdCodeNext: (village) => call('household_code_next', { village }),
    householdChanges: (id) => call('household_changes', { id }),
    ledgerChanges: (query) => call('ledger_changes', { query }),
    visitPhrases: (id) => call('visit_phrases', { id }),
    townshipList: () => call('township_list'),
    townshipView: (code, year) => call('township_view', { code, year }),
    exportTownshipXlsx: (township, year, out) => call('export_township_xlsx', { township, year, out }),
    planTargetSet: (target) => call('plan_target_set', { target }),
    idNumberRead: (text) => call('id_number_read', { text }),
    householdSave: (village, household, reason, effective, doc) => call('household_save', { village, household, reason, effective, doc }),
    assessHousehold: (id, year) => call('assess_household', { id, year }),
    villageCheck: (village, year) => call('village_check', { village, year }),
    settingsGet: () => call('settings_get'),
    settingsSave: (settings, reason) => call('settings_save', { settings, reason }),
    localValuesList: () => call('local_values_list'),
    localValueAdd: (changes, reason) => call('local_value_add', { changes, reason }),
    cadreList: (village) => call('cadre_list', { village }),
    cadreAdd: (village, cadre) => call('cadre_add', { village, cadre }),
    cadreEnd: (village, cadre, end, reason) => call('cadre_end', { village, cadre, end, reason }),
    villageSave: (village, facts, reason, effective, doc) => call('village_save', { village, facts, reason, effective, doc }),
    printCard: (code, kind, year, out) => call('print_card', { code, kind, year, out }),
    printBatch: (village, kind, year, out, only) => call('print_batch', { village, kind, year, out, only }),
    printRoster: (village, year, out) => call('print_roster', { village, year, out }),
    printPersonRoster: (village, year, out) => call('print_person_roster', { village, year, out }),
    exportRosterXlsx: (village, year, out) => call('export_roster_xlsx', { village, year, out }),
    exportInspectorXlsx: (village, year, out) => call('export_inspector_xlsx', { village, year, out }),
    printPairingBook: (village, cadre, year, out) => call('print_pairing_book', { village, cadre, year, out }),
    printVisitPlan: (village, week, out) => call('print_visit_plan', { village, week, out }),
    printNotice: (village, year, kind, out) => call('print_notice', { village, year, kind, out }),
    importFile: (path, newVillage = false) => call('import_file', { path, newVillage }),
    importFiles: (paths, newVillage = false) => call('import_files', { paths, newVillage }),
    exportVillage: (village, path) => call('export_village', { village, path }),
    fileExists: (path) => call('file_exists', { path }),
    bundleWrite: (village, receiver, path, full = false) => call('bundle_write', { village, receiver, path, full }),
    bundleLog: (village) => call('bundle_log', { village }),
    bundleMerge: (path) => call('bundle_merge', { path }),
    bundleMergeMany: (paths) => call('bundle_merge_many', { paths }),
    conflictList: (village) => call('conflict_list', { village }),
    conflictResolve: (id, keep, reason) => call('conflict_resolve', { id, keep, reason }),
  }
}
