// Every type the UI uses from the shell, in one place. Today they come from `./shapes`
// (written by hand from docs/app-contract.md); when the ts-rs files land in
// `src/bindings/`, point the two `from` lines at '@/bindings' — nothing else changes.

export type {
  Region, UnitLevel, Standard, Attribute, Status, Cause, HouseGrade, RelocationMode, RoadType,
  Fuel, Relation, Sex, Education, Schooling, Health, Labor, WorkPlace, Tekun, IncomeCategory,
  RigidKind, PairingRole, VisitMode, MeasureClass, MonitoringKind, MonitoringChannel, Risk,
  EventKind, Rule, Outcome, Severity,
  Village, Cadre, Work, Member, Relocation, Conditions, IncomeLine, Expense, RigidExpense,
  Pairing, Visit, Measure, Monitoring, Event, Household, Finding, HouseholdRow, SearchHit, Saved,
  ImportSummary, VillageInfo, LedgerInfo, HouseholdDetail, LocalPolicy, AppSettings, Printed,
  AppError, Reason, Verdict, PolicySummary, Assessment, Obstacle, IncomeRise, WhatIf,
  HouseholdVerdicts, AttentionItem, YearCount, YearIncome, VillageOverview,
} from './shapes'

/** Payload of the `progress` event (defined by the contract, not a Rust type). */
export type { Progress } from './shapes'

/** Time-axis shapes (issue #9): generated from the Rust types. */
export type { Effective } from '@/bindings/Effective'
export type { Registration } from '@/bindings/Registration'
export type { TimelineEntry } from '@/bindings/TimelineEntry'
