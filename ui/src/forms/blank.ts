// New records with every field set (null where not recorded). All new objects are made
// here, so the record shapes stay complete whichever way the types declare optional fields.

import type {
  Conditions, Event, Expense, Household, IncomeLine, Measure, Member, Pairing, RigidExpense, Visit,
} from '@/bindings'
import { today } from '@/format/dates'

/** A random id (UUID v4 where the platform has it). */
export function newId(prefix: string): string {
  const c = globalThis.crypto
  if (c && 'randomUUID' in c) return `${prefix}-${c.randomUUID()}`
  return `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 10)}`
}

/** A household with its living conditions present (the shell leaves out empty ones). */
export type EditableHousehold = Household & { conditions: Conditions }

export function blankConditions(): Conditions {
  return {
    farmland_mu: null, irrigated_mu: null, forest_mu: null, grassland_mu: null,
    water_surface_mu: null, house_area_m2: null, house_grade: null, relocation: null,
    drinking_water_safe: null, electricity: null, sanitary_toilet: null, road_distance_km: null,
    road_type: null, fuel: null, cooperative_member: null,
  }
}

export function blankHousehold(): EditableHousehold {
  return {
    id: newId('h'), code: '', group: null, address: null, phone: null, identified_year: null,
    standard: null, attribute: null, status: null, exit_year: null, main_cause: null,
    other_causes: [], food_clothing_secure: null, conditions: blankConditions(), x_no_labor_guarantee: null, x_low_income: null,
    members: [], income: [], expenses: [], rigid_expenses: [], pairings: [], visits: [],
    measures: [], monitoring: null, events: [],
  }
}

/** A copy of `h` to edit, with its living conditions present. */
export function editable(h: Household): EditableHousehold {
  const c = clone(h)
  return { ...c, conditions: c.conditions ?? blankConditions() }
}

export function blankMember(): Member {
  return {
    id: newId('m'), name: '', id_number: null, relation: null, sex: null, ethnicity: '汉族',
    education: null, schooling: null, schooling_exempt: null, health: null, disability_grade: null,
    labor: null, work: null, medical_insurance: null, serious_illness_insurance: null,
    pension_insurance: null, family_doctor: null, dibao: null, tekun: null,
    has_legal_supporter: null, x_phone: null, x_document: null, x_employee_medical_insurance: null,
    x_employee_pension_insurance: null, x_medical_assistance: null, x_out_of_school_reason: null,
    x_relation_detail: null, x_education_detail: null, x_dibao_area: null, x_tekun_area: null,
    x_schooling_detail: null,
  }
}

export function blankIncome(year: number): IncomeLine {
  return { x_id: newId('i'), year, month: null, category: 'wage', item: '', amount: 0, counted: true }
}

export function blankExpense(year: number): Expense {
  return { x_id: newId('e'), year, month: null, category: 'business', item: '', amount: 0 }
}

export function blankRigid(): RigidExpense {
  return { x_id: newId('r'), date: today(), kind: 'medical', item: '', amount: 0, reimbursed: 0 }
}

export function blankPairing(cadre = ''): Pairing {
  return { x_id: newId('p'), cadre, role: 'first', x_kind: null, start: today(), end: null }
}

export function blankVisit(cadre = ''): Visit {
  return { x_id: newId('v'), date: today(), cadre, mode: 'home', found: '', done: '', follow_up: '' }
}

export function blankMeasure(): Measure {
  return {
    x_id: newId('s'), class: 'industry', x_item: null, content: '', scale: null, funds: null, funder: null,
    start: today(), end: null, result: null, income_gain: null,
  }
}

export function blankEvent(): Event {
  return { x_id: newId('ev'), date: today(), kind: 'birth', member: null, note: null }
}

/** A deep copy (records are plain JSON). */
export function clone<T>(v: T): T {
  return JSON.parse(JSON.stringify(v)) as T
}
