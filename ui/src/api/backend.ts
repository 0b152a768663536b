// The Backend interface: one method per command of docs/app-contract.md, in its order,
// with the contract's argument names and the generated types (`@/bindings`). Views and
// stores reach the shell only through it; `tauri.ts` implements it over IPC, tests stub it.

import type {
  AppSettings, BackupInfo, Cadre, ChangePage, ChangeQuery, ChangeRecord, CheckFinding, CardKindArg, BundleLog, BundleSummary, Conflict, ConflictView, Keep, MergeOutcome, MergeSummary, Effective, Finding, Household, HouseholdDetail,
  HouseholdRow, HouseholdVerdicts, IdReading, ImportSummary, LedgerInfo, LedgerStatus, LocalValue,
  LocalValueChange, NewCadre, NoticeKindArg, PassphraseCheck, Printed, Progress, Saved, SearchHit,
  PlanTarget, Township, TownshipView, VillageFacts, VillageOverview,
} from '@/bindings'

/** Household documents printed one card per household. */
export type CardKind = CardKindArg
/** Kinds of public notice (公示名单); `null` lets the core pick by year. */
export type NoticeKind = NoticeKindArg

export interface Backend {
  ledgerInfo(): Promise<LedgerInfo>
  /** The ledger file's state; works while locked (every other command then fails `locked`). */
  ledgerStatus(): Promise<LedgerStatus>
  /** Unlocks an encrypted ledger; a wrong passphrase fails `invalid` (口令不正确…). */
  ledgerUnlock(passphrase: string): Promise<void>
  /** Strength (弱/中/强) and the problem, if any, of a passphrase being chosen (rules in the core). */
  passphraseCheck(passphrase: string): Promise<PassphraseCheck>
  /** Encrypts the open plain ledger in place. */
  ledgerEncrypt(passphrase: string): Promise<void>
  /** A checked backup into the ledger's backup folder now. */
  backupNow(): Promise<BackupInfo>
  /** Restores a backup over the open ledger (backed up first) and reopens it. */
  backupRestore(path: string, passphrase: string | null): Promise<BackupInfo>
  /** Builds the demo village; emits `progress`. */
  loadDemo(): Promise<LedgerInfo>
  villageOverview(village: string, year: number): Promise<VillageOverview>
  /** The village's rows today (`asOf` null), or those registered on `asOf` as they stood then. */
  householdList(village: string, asOf: string | null): Promise<HouseholdRow[]>
  search(query: string): Promise<SearchHit[]>
  /** A household today (`asOf` null), or as it stood on `asOf`; always with its timeline. */
  householdGet(id: string, asOf: string | null): Promise<HouseholdDetail>
  /**
   * Errors and warnings for a household as it stands in a form (required fields may still
   * be empty: the core names them); nothing is saved.
   */
  householdCheck(village: string, household: Household): Promise<Finding[]>
  /** A household's 修改记录 (the audit trail in words), newest first. */
  householdChanges(id: string): Promise<ChangeRecord[]>
  /** The ledger's townships. */
  townshipList(): Promise<Township[]>
  /** One township (the first when `code` is null) in `year`. */
  townshipView(code: string | null, year: number): Promise<TownshipView>
  /** The township's villages as one monitoring-system workbook (year's end, or today), written to `out`; the bytes written. */
  exportTownshipXlsx(township: string, year: number, out: string): Promise<number>
  /** Sets a plan target (replacing it; audited). */
  planTargetSet(target: PlanTarget): Promise<void>
  /** 走访常用语 for a visit to the household today. */
  visitPhrases(id: string): Promise<string[]>
  /** A page of the ledger's 变更记录, newest first. */
  ledgerChanges(query: ChangeQuery): Promise<ChangePage>
  /** The 户编号 offered to a new household of the village. */
  householdCodeNext(village: string): Promise<string>
  /** Sex and birth date read from an ID number; a bad number fails `validation`/`invalid` with the reason. */
  idNumberRead(text: string): Promise<IdReading>
  /**
   * Saves the whole household; `reason` is required when the status changes. `effective`:
   * a change in life from a date, or a correction (null: a change from today); `doc` is
   * the decision's 文号.
   */
  householdSave(
    village: string, household: Household, reason: string | null, effective: Effective | null, doc: string | null,
  ): Promise<Saved>
  /** Verdicts on the year's facts; fails (`invalid`) when the household was not registered that year. */
  assessHousehold(id: string, year: number): Promise<HouseholdVerdicts>
  /** 数据核查: every finding of the village on the year's facts (as `check --json`). */
  villageCheck(village: string, year: number): Promise<CheckFinding[]>
  settingsGet(): Promise<AppSettings>
  settingsSave(settings: AppSettings, reason: string | null): Promise<AppSettings>
  /** Every dated local value (低保标准 … from a date, with 文号, reason, who, when). */
  localValuesList(): Promise<LocalValue[]>
  /** Adds dated values (all or none), audited with `reason`; returns every value. */
  localValueAdd(changes: LocalValueChange[], reason: string): Promise<LocalValue[]>
  /** The village's cadre roster (those who left included). */
  cadreList(village: string): Promise<Cadre[]>
  cadreAdd(village: string, cadre: NewCadre): Promise<Cadre>
  /** Ends a cadre's term in the village (`cadre` is the id). */
  cadreEnd(village: string, cadre: string, end: string, reason: string): Promise<Cadre>
  villageSave(village: string, facts: VillageFacts, reason: string | null, effective: Effective | null, doc: string | null): Promise<null>
  /** One household's card; `code` is the 户编号. */
  printCard(code: string, kind: CardKind, year: number, out: string): Promise<Printed>
  /** Cards of a village (or of `only`, household codes); emits `progress`. */
  printBatch(village: string, kind: CardKind, year: number, out: string, only: string[] | null): Promise<Printed>
  printRoster(village: string, year: number, out: string): Promise<Printed>
  /** 人员花名册: every person of the households on the books in `year`. */
  printPersonRoster(village: string, year: number, out: string): Promise<Printed>
  /** The 花名册 of `year` as an Excel workbook; returns the number of bytes written. */
  exportRosterXlsx(village: string, year: number, out: string): Promise<number>
  /** The 检查清单 of `year` (status against verdict) as an Excel workbook; the bytes written. */
  exportInspectorXlsx(village: string, year: number, out: string): Promise<number>
  /** One cadre's (by id) 结对帮扶工作台账 for `year`. */
  printPairingBook(village: string, cadre: string, year: number, out: string): Promise<Printed>
  /** The 走访计划 of the week holding `week` (YYYY-MM-DD; null: this week). */
  printVisitPlan(village: string, week: string | null, out: string): Promise<Printed>
  printNotice(village: string, year: number, kind: NoticeKind | null, out: string): Promise<Printed>
  /** `newVillage`: the cadre confirmed creating a village the ledger lacks (else refused as `new_village`). */
  importFile(path: string, newVillage?: boolean): Promise<ImportSummary[]>
  /** Several files (exchange files and workbooks) in one transaction: all their villages or none; errors under each file's name. */
  importFiles(paths: string[], newVillage?: boolean): Promise<ImportSummary[]>
  /** Returns the number of bytes written. */
  exportVillage(village: string, path: string): Promise<number>
  /** Whether a file is already at `path` (a save dialog's name completed with its extension). */
  fileExists(path: string): Promise<boolean>
  /** 数据包: writes what changed in the village since its last bundle for `receiver` (null: the last receiver, else 乡镇), everything the first time or with `full` (replacing its earlier bundles for the receiver: one was lost). */
  bundleWrite(village: string, receiver: string | null, path: string, full?: boolean): Promise<BundleSummary>
  /** The bundles written for a village and merged here (of that village, or all), and whom the next one goes to. */
  bundleLog(village: string | null): Promise<BundleLog>
  /** 合并: merges a village's bundle in one transaction (`already_merged` when merged before). */
  bundleMerge(path: string): Promise<MergeSummary>
  /** Several bundle files, each merged on its own by sender and number; one outcome per file. */
  bundleMergeMany(paths: string[]): Promise<MergeOutcome[]>
  /** Conflicts waiting for a decision (of one village, or all), both values in words. */
  conflictList(village: string | null): Promise<ConflictView[]>
  /** Settles one conflict keeping this ledger's value or the sender's (audited). */
  conflictResolve(id: number, keep: Keep, reason: string | null): Promise<Conflict>
  /** Listens to `progress` events; resolves to the function that stops listening. */
  onProgress(cb: (p: Progress) => void): Promise<() => void>
}
