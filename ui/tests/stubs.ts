// Typed stubs of the Backend for component tests. Answers are the real commands'
// (`recorded/answers.json`, recorded on the core's test village and checked for drift by
// src-tauri/tests/ipc.rs); a method without a recorded answer rejects, so a test states
// every other answer it relies on. Nothing here decides anything the core decides.

import { vi } from 'vitest'
import type { Backend } from '@/api/backend'
import { BackendError } from '@/api/errors'
import type {
  AppError, AppSettings, BundleLog, BundleSummary, Cadre, ConflictView, Finding, HouseholdDetail, IdReading, HouseholdRow, HouseholdVerdicts, LedgerInfo,
  LedgerStatus, LocalValue, MergeSummary, PassphraseCheck,
} from '@/bindings'
import answers from './recorded/answers.json'

/** The recorded answers, typed as the generated bindings say the shell sends them. */
export const recorded = {
  ledgerStatus: answers.ledger_status as LedgerStatus,
  ledgerInfo: answers.ledger_info as unknown as LedgerInfo,
  settings: answers.settings_get as unknown as AppSettings,
  rows: answers.household_list as unknown as HouseholdRow[],
  detail: answers.household_get as unknown as HouseholdDetail,
  cadres: answers.cadre_list as unknown as Cadre[],
  weak: answers['passphrase_check:weak'] as PassphraseCheck,
  strong: answers['passphrase_check:strong'] as PassphraseCheck,
  /** `household_check` of 户 h-1 with a 之子 whose ID number is a woman's (李小红, 11010519491231002X). */
  sonFemale: answers['household_check:son_female'] as unknown as Finding[],
  /** `household_check` of 户 h-1 with a member half filled in (李小明: no relation, ID 110105194912310021). */
  halfFilled: answers['household_check:half_filled'] as unknown as Finding[],
  /** `id_number_read` of 530825198503030078 (a man born 1985-03-03). */
  male: answers['id_number_read:male'] as unknown as IdReading,
  /** `id_number_read` refusing 110105194912310021 (checksum). */
  badRead: answers['id_number_read:bad'] as unknown as AppError,
  /** `cadre_add` refusing a cadre without a name. */
  noName: answers['cadre_add:no_name'] as unknown as AppError,
  /** `household_code_next` of the village. */
  nextCode: answers.household_code_next as string,
  /** `household_save` refusing 户 h-1 with members[1].id_number = 110105194912310021. */
  badId: answers['household_save:bad_id'] as unknown as AppError,
  /** `assess_household` on a ledger whose stored 省定标准 is -1 (the policy cannot be resolved). */
  policyError: answers['assess_household:policy'] as unknown as AppError,
  verdicts: answers.assess_household as unknown as HouseholdVerdicts,
  /** `conflict_list` after merging a laptop's bundle whose 户 h-1 has another 联系电话 (no common base). */
  conflicts: answers.conflict_list as unknown as ConflictView[],
  /** `village_save` of 本村情况 with the population 0 and 一组 (still holding a household) left out. */
  villageSaveWrong: answers['village_save:wrong'] as unknown as AppError,
  /** `bundle_write` refused while that conflict waits. */
  bundleRefused: answers['bundle_write:conflicts'] as unknown as AppError,
  /** `bundle_write` of the village for 乡镇 once the conflict is settled (the first: complete). */
  bundleWritten: answers.bundle_write as unknown as BundleSummary,
  /** `bundle_write` with `full` right after: the village again, replacing the 1st. */
  bundleWrittenFull: answers['bundle_write:full'] as unknown as BundleSummary,
  /** `bundle_merge` of the laptop's first bundle, and of the same file again. */
  merged: answers.bundle_merge as unknown as MergeSummary,
  mergedAgain: answers['bundle_merge:again'] as unknown as MergeSummary,
  /** `bundle_log` of the village then: that bundle written, the laptop's bundle merged. */
  bundleLog: answers.bundle_log as unknown as BundleLog,
  /** `local_value_add` of 低保标准 6000 from 2025-01-01 (景民发〔2024〕88号). */
  valuesAdded: answers.local_value_add as unknown as LocalValue[],
}

/** The village of the recorded answers. */
export const VILLAGE = recorded.ledgerInfo.villages[0]!.code

/** The error a command rejects with (as `tauri.ts` turns the shell's answer into one). */
export const rejection = (e: AppError) => BackendError.from(e)

function unstubbed(name: string) {
  return () => Promise.reject(new BackendError('unexpected', `测试未提供 ${name} 的应答`))
}

/**
 * A Backend whose methods are `vi.fn`s: the recorded answer where there is one, else a
 * rejection; `over` replaces any of them.
 */
export function stubBackend(over: Partial<Backend> = {}): Backend {
  const copy = <T>(v: T): T => JSON.parse(JSON.stringify(v)) as T
  const base: Partial<Backend> = {
    ledgerStatus: async () => copy(recorded.ledgerStatus),
    ledgerInfo: async () => copy(recorded.ledgerInfo),
    settingsGet: async () => copy(recorded.settings),
    householdList: async () => copy(recorded.rows),
    householdGet: async () => copy(recorded.detail),
    cadreList: async () => copy(recorded.cadres),
    assessHousehold: async () => copy(recorded.verdicts),
    householdCodeNext: async () => recorded.nextCode,
    idNumberRead: async (text) => (text === '530825198503030078' ? copy(recorded.male) : Promise.reject(rejection(recorded.badRead))),
    bundleLog: async () => copy(recorded.bundleLog),
    onProgress: async () => () => undefined,
  }
  // Every method of the interface (the type makes a new command fail to compile here).
  const methods: Record<keyof Backend, true> = {
    ledgerInfo: true, ledgerStatus: true, ledgerUnlock: true, passphraseCheck: true, ledgerEncrypt: true,
    backupNow: true, backupRestore: true, loadDemo: true, villageOverview: true, householdList: true,
    search: true, householdGet: true, householdCheck: true, householdCodeNext: true, householdChanges: true, ledgerChanges: true, visitPhrases: true, townshipList: true, townshipView: true, planTargetSet: true, exportTownshipXlsx: true, idNumberRead: true, householdSave: true,
    assessHousehold: true, villageCheck: true,
    settingsGet: true, settingsSave: true, localValuesList: true, localValueAdd: true, cadreList: true,
    cadreAdd: true, cadreEnd: true, villageSave: true, printCard: true, printBatch: true, printRoster: true, printPersonRoster: true, exportRosterXlsx: true, exportInspectorXlsx: true, printPairingBook: true, printVisitPlan: true,
    printNotice: true, importFile: true, importFiles: true, exportVillage: true, fileExists: true, bundleWrite: true, bundleLog: true, bundleMerge: true, bundleMergeMany: true, conflictList: true,
    conflictResolve: true, onProgress: true,
  }
  const names = Object.keys(methods) as (keyof Backend)[]
  const stub: Record<string, unknown> = {}
  for (const n of names) stub[n] = vi.fn(over[n] ?? base[n] ?? unstubbed(n))
  return stub as unknown as Backend
}
