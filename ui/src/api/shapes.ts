// The shapes that cross the UI ⇄ shell boundary, written out by hand from
// docs/app-contract.md and shared/spec/exchange-v1.md (the Rust model in src/model is
// exactly the exchange format). `types.ts` re-exports them; once the ts-rs files in
// `src/bindings/` exist, `types.ts` re-exports those instead and this file can go.
//
// Optional Rust fields (`Option<T>`) are written `field?: T | null` so that code here
// accepts both what serde sends (key left out) and what ts-rs declares (`T | null`).
// New objects are built only in `forms/blank.ts`, which sets every field.
// Shapes added for the time axis (issue #9) come from the generated bindings.

import type { LocalValue } from '@/bindings/LocalValue'

import type { Registration } from '@/bindings/Registration'
import type { TimelineEntry } from '@/bindings/TimelineEntry'

export type Region = 'east' | 'central' | 'west'
export type UnitLevel = 'province' | 'city' | 'county' | 'township' | 'village'
export type Standard = 'national' | 'provincial' | 'municipal'
export type Attribute = 'general' | 'dibao' | 'tekun'
export type Status = 'ordinary' | 'poor' | 'exited' | 'relapsed' | 'monitored' | 'risk_eliminated'
export type Cause =
  | 'illness' | 'disability' | 'schooling' | 'disaster' | 'lack_land' | 'lack_water'
  | 'lack_skills' | 'lack_labor' | 'lack_funds' | 'poor_transport' | 'lack_motivation' | 'other'
export type HouseGrade = 'A' | 'B' | 'C' | 'D' | 'none'
export type RelocationMode = 'centralized' | 'dispersed'
export type RoadType = 'none' | 'dirt' | 'gravel' | 'cement' | 'asphalt'
export type Fuel = 'firewood' | 'dung' | 'coal' | 'clean' | 'other'
export type Relation =
  | 'head' | 'spouse' | 'son' | 'daughter' | 'daughter_in_law' | 'son_in_law' | 'grandson'
  | 'granddaughter' | 'grandson_daughters_side' | 'granddaughter_daughters_side' | 'father'
  | 'mother' | 'wifes_father' | 'wifes_mother' | 'husbands_father' | 'husbands_mother'
  | 'grandfather' | 'grandmother' | 'grandfather_mothers_side' | 'grandmother_mothers_side' | 'other'
export type Sex = 'male' | 'female'
export type Education =
  | 'illiterate' | 'primary' | 'junior_high' | 'senior_high' | 'college_plus' | 'preschool_child'
export type Schooling =
  | 'not_student' | 'preschool' | 'primary' | 'grade7' | 'grade8' | 'grade9' | 'senior1'
  | 'senior2' | 'senior3' | 'vocational1' | 'vocational2' | 'vocational3' | 'higher_vocational1'
  | 'higher_vocational2' | 'higher_vocational3' | 'college_plus'
export type Health = 'healthy' | 'chronic' | 'serious_illness' | 'disabled'
export type Labor = 'ordinary' | 'skilled' | 'weak' | 'lost' | 'none'
export type WorkPlace = 'in_township' | 'in_county' | 'in_province' | 'out_of_province' | 'other'
export type Tekun = 'no' | 'dispersed' | 'centralized'
export type IncomeCategory = 'wage' | 'business' | 'property' | 'transfer'
export type RigidKind = 'medical' | 'education'
export type PairingRole = 'first' | 'second'
export type VisitMode = 'home' | 'phone' | 'other'
export type MeasureClass =
  | 'industry' | 'employment' | 'relocation' | 'education' | 'health' | 'social_security'
  | 'microcredit' | 'housing' | 'infrastructure' | 'public_service' | 'ecological'
  | 'photovoltaic' | 'asset_income' | 'other'
export type MonitoringKind = 'unstable_exited' | 'marginal' | 'sudden_hardship'
export type MonitoringChannel = 'self_report' | 'cadre_check' | 'department_alert'
export type Risk =
  | 'illness' | 'schooling' | 'disability' | 'disaster' | 'accident' | 'industry_failure'
  | 'unstable_work' | 'lack_labor' | 'housing' | 'water' | 'other'
export type EventKind = 'birth' | 'death' | 'marry_in' | 'marry_out' | 'move_in' | 'move_out' | 'other'

/** Verdict rules, named as in the spec's assessment output. */
export type Rule =
  | 'income_above_line' | 'food_clothing' | 'compulsory_education' | 'basic_medical'
  | 'housing_safety' | 'drinking_water' | 'identification' | 'household_exit' | 'dibao'
  | 'tekun' | 'monitoring' | 'risk_elimination' | 'village_exit'
export type Outcome = 'yes' | 'no' | 'unknown'
export type Severity = 'error' | 'warning'

export interface Village {
  code: string
  name: string
  township?: string | null
  county?: string | null
  province?: string | null
  region?: Region | null
  rural_population?: number | null
  groups: string[]
}

export interface Cadre {
  id: string
  name: string
  unit?: string | null
  unit_level?: UnitLevel | null
  phone?: string | null
  position?: string | null
  /** First and last day in the village's roster (exchange extension). */
  x_start?: string | null
  x_end?: string | null
}

export interface Work {
  place?: WorkPlace | null
  months?: number | null
}

export interface Member {
  id: string
  name: string
  id_number?: string | null
  relation?: Relation | null
  sex?: Sex | null
  ethnicity?: string | null
  education?: Education | null
  schooling?: Schooling | null
  schooling_exempt?: boolean | null
  health?: Health | null
  disability_grade?: number | null
  labor?: Labor | null
  work?: Work | null
  medical_insurance?: boolean | null
  serious_illness_insurance?: boolean | null
  pension_insurance?: boolean | null
  family_doctor?: boolean | null
  dibao?: boolean | null
  tekun?: Tekun | null
  has_legal_supporter?: boolean | null
}

export interface Relocation {
  mode?: RelocationMode | null
  moved_in?: boolean | null
}

export interface Conditions {
  farmland_mu?: number | null
  irrigated_mu?: number | null
  forest_mu?: number | null
  grassland_mu?: number | null
  water_surface_mu?: number | null
  house_area_m2?: number | null
  house_grade?: HouseGrade | null
  relocation?: Relocation | null
  drinking_water_safe?: boolean | null
  electricity?: boolean | null
  sanitary_toilet?: boolean | null
  road_distance_km?: number | null
  road_type?: RoadType | null
  fuel?: Fuel | null
  cooperative_member?: boolean | null
}

export interface IncomeLine {
  x_id?: string | null
  year: number
  month?: number | null
  category: IncomeCategory
  item: string
  amount: number
  counted: boolean
}

export interface Expense {
  x_id?: string | null
  year: number
  month?: number | null
  category: IncomeCategory
  item: string
  amount: number
}

export interface RigidExpense {
  x_id?: string | null
  date: string
  kind: RigidKind
  item: string
  amount: number
  reimbursed: number
}

export interface Pairing {
  x_id?: string | null
  cadre: string
  role: PairingRole
  start: string
  end?: string | null
}

export interface Visit {
  x_id?: string | null
  date: string
  cadre: string
  mode: VisitMode
  found: string
  done: string
  follow_up: string
}

export interface Measure {
  x_id?: string | null
  class: MeasureClass
  content: string
  scale?: string | null
  funds?: number | null
  funder?: string | null
  start: string
  end?: string | null
  result?: string | null
  income_gain?: number | null
}

export interface Monitoring {
  x_id?: string | null
  kind: MonitoringKind
  identified: string
  channel?: MonitoringChannel | null
  risks: Risk[]
  eliminated?: string | null
}

export interface Event {
  x_id?: string | null
  date: string
  kind: EventKind
  member?: string | null
  note?: string | null
}

export interface Household {
  id: string
  code: string
  group?: string | null
  address?: string | null
  phone?: string | null
  identified_year?: number | null
  standard?: Standard | null
  attribute?: Attribute | null
  status?: Status | null
  exit_year?: number | null
  main_cause?: Cause | null
  other_causes: Cause[]
  food_clothing_secure?: boolean | null
  conditions: Conditions
  members: Member[]
  income: IncomeLine[]
  expenses: Expense[]
  rigid_expenses: RigidExpense[]
  pairings: Pairing[]
  visits: Visit[]
  measures: Measure[]
  monitoring?: Monitoring | null
  events: Event[]
}

/** One problem found in the data (validate::Finding). */
export interface Finding {
  severity: Severity
  household: string
  path: string
  rule: string
  message: string
}

/** One line of the household list (store::HouseholdRow). */
export interface HouseholdRow {
  id: string
  village: string
  code: string
  head: string | null
  group: string | null
  size: number
  status: Status | null
  attribute: Attribute | null
  main_cause: Cause | null
  cadres: string
  cadre_ids: string[]
  last_visit: string | null
  warnings: number
  revision: number
  keys: string
}

export interface SearchHit {
  member_id: string
  name: string
  relation: Relation | null
  id_tail: string
  household_id: string
  household_code: string
  village: string
  matched: string
}

export interface Saved {
  household_id: string
  revision: number
  warnings: Finding[]
}

export interface ImportSummary {
  village: string
  inserted: number
  updated: number
  unchanged: number
  warnings: number
}

export interface VillageInfo {
  code: string
  name: string
  township?: string | null
  county?: string | null
  region?: Region | null
  rural_population?: number | null
  groups: string[]
  households: number
}

export interface LedgerInfo {
  path: string
  operator: string
  villages: VillageInfo[]
  households: number
}

export interface HouseholdDetail {
  household: Household
  revision: number
  /** Village code. */
  village: string
  /** The village's cadres (for pairings and visits). */
  cadres: Cadre[]
  warnings: Finding[]
  /** The date shown as of (null: today's facts, editable). */
  as_of?: string | null
  /** Whether the household was on the books on that date. */
  registration: Registration
  /** Why it was not, as a sentence (null when it was). */
  registration_note?: string | null
  /** Status changes, changed and corrected facts, member changes, pairings … oldest first. */
  timeline: TimelineEntry[]
}

export interface LocalPolicy {
  region?: Region | null
  province?: string | null
  county?: string | null
  dibao_line?: number | null
  monitoring_line?: number | null
  provincial_standard?: number | null
  serious_illness_insurance_required?: boolean | null
  family_doctor_required?: boolean | null
  pension_counts_as_income?: boolean | null
  use_cost_ratios?: boolean | null
  school_age_min?: number | null
  school_age_max?: number | null
  /** Dated values (read only here: they are added with `local_value_add`). */
  values?: LocalValue[]
}

export interface AppSettings {
  operator: string
  local_policy: LocalPolicy
  mask_ids: boolean
  stale_days: number
}

export interface Printed {
  path: string
  pages: number
  checksum: string
}

/** AppError as it arrives over IPC. */
export interface AppError {
  code: string
  message: string
  findings: Finding[]
}

// ---- Assessment (spec: "Assessment output") and what-if ----

export interface Reason {
  criterion: string
  met: boolean | null
  value: number | boolean | string | null
  threshold: number | boolean | string | null
  text: string
}

export interface Verdict {
  rule: Rule
  outcome: Outcome
  kind?: MonitoringKind | null
  incidence?: number | null
  threshold?: number | null
  reasons: Reason[]
  missing: string[]
}

export interface PolicySummary {
  id: string
  poverty_line: number | null
  monitoring_line: number | null
  dibao_line: number | null
  sources: string[]
}

export interface Assessment {
  household: string
  year: number
  as_of: string
  policy: PolicySummary
  per_capita_net_income: number | null
  verdicts: Verdict[]
}

export interface Obstacle {
  rule: Rule
  criterion: string
  text: string
}

export interface IncomeRise {
  rule: Rule
  per_capita_gap: number
  annual_household: number
  persons: number
  sufficient: boolean
  text: string
}

export interface WhatIf {
  household: string
  year: number
  obstacles: Obstacle[]
  income_rises: IncomeRise[]
  lines: string[]
}

export interface HouseholdVerdicts {
  assessment: Assessment
  what_if: WhatIf | null
}

// ---- Village overview (首页) ----

/** A household in one of the overview's "需要关注" lists. */
export interface AttentionItem {
  household_id: string
  code: string
  head: string | null
  /** What to look at, in Chinese (e.g. "已 213 天未走访"). */
  note: string
  /** Days since the last visit (stale list only). */
  days?: number | null
  /** Due date (review list only). */
  due?: string | null
}

export interface YearCount {
  year: number
  households: number
  persons: number
}

export interface YearIncome {
  year: number
  /** Mean per-capita net income of the registered poor and exited households. */
  per_capita: number | null
  poverty_line: number | null
  monitoring_line: number | null
}

export interface VillageOverview {
  village: string
  year: number
  households: number
  persons: number
  /** Households by status code (`unrecorded` when none). */
  households_by_status: Record<string, number>
  persons_by_status: Record<string, number>
  poor_persons: number
  rural_population: number | null
  incidence: number | null
  threshold: number | null
  village_exit: Outcome
  exits_by_year: YearCount[]
  income_by_year: YearIncome[]
  stale: AttentionItem[]
  warnings: AttentionItem[]
  disagreements: AttentionItem[]
  reviews_due: AttentionItem[]
}

/** Payload of the `progress` event. */
export interface Progress {
  task: string
  done: number
  total: number
}
