// Form rules: the ID number check (GB 11643, same cases and messages as src/idcard.rs),
// months, amounts, dates, and mapping the core's finding paths to form fields.
import { describe, expect, it } from 'vitest'
import { buildIdNumber, idNumberError, maskIdNumber, parseIdNumber } from '@/forms/idNumber'
import * as rules from '@/forms/rules'
import { fieldErrors } from '@/forms/findings'
import type { Finding } from '@/bindings'

describe('ID number', () => {
  it('accepts the standard example and reads birth date and sex', () => {
    const r = parseIdNumber('11010519491231002X')
    expect(r.ok).toBe(true)
    if (r.ok) {
      expect(r.info.birth).toBe('1949-12-31')
      expect(r.info.sex, 'sequence 002 is even: female').toBe('female')
      expect(r.info.tail).toBe('002X')
    }
    expect(idNumberError('11010519491231002x'), 'lower-case x is accepted').toBeNull()
  })
  it.each([
    ['1101051949123100', '身份证号应为18位，实际为16位'],
    ['11010519491231002A', '身份证号前17位只能是数字，最后一位是数字或X'],
    ['110105194902300021', '身份证号中的出生日期19490230不是有效日期'],
    ['110105194912310021', '身份证号校验位错误：最后一位应为X，实际为1'],
  ])('rejects %s with the core’s message', (input, message) => {
    expect(idNumberError(input)).toBe(message)
  })
  it('builds valid numbers carrying sex, and masks the middle', () => {
    for (const seq of [0, 1, 998, 999]) {
      for (const sex of ['male', 'female'] as const) {
        const n = buildIdNumber('360729', '1980-02-29', seq, sex)
        const r = parseIdNumber(n)
        expect(r.ok && r.info.sex, `${n} is valid and ${sex}`).toBe(sex)
      }
    }
    expect(maskIdNumber('360729198002290011')).toBe('3607**********0011')
  })
  it('as a form rule allows empty and refuses a birth date after today', () => {
    expect(rules.idNumber('')).toBeNull()
    expect(rules.idNumber(null)).toBeNull()
    const future = buildIdNumber('110105', '2999-01-01', 1, 'male')
    expect(rules.idNumber(future)).toContain('晚于今天')
  })
})

describe('form rules', () => {
  it('month is 1–12 or empty (a yearly line)', () => {
    expect(rules.month(null)).toBeNull()
    expect(rules.month(1)).toBeNull()
    expect(rules.month(12)).toBeNull()
    expect(rules.month(13)).toBe('月份应为1至12，填写的是13')
    expect(rules.month(0)).toBe('月份应为1至12，填写的是0')
    expect(rules.month(2.5)).not.toBeNull()
  })
  it('amounts are required and not negative', () => {
    expect(rules.amount(0)).toBeNull()
    expect(rules.amount(1200.5)).toBeNull()
    expect(rules.amount(-1)).toBe('金额不能为负数（填写的是-1元）')
    expect(rules.amount(null)).toBe('请填写金额')
    expect(rules.amount(Number.NaN)).toBe('请填写金额')
  })
  it('dates are real and not in the future', () => {
    expect(rules.dateNotFuture('2024-05-01', '走访日期', '2025-01-01')).toBeNull()
    expect(rules.dateNotFuture('2025-01-02', '走访日期', '2025-01-01')).toBe('走访日期2025-01-02晚于今天（2025-01-01）')
    expect(rules.dateNotFuture('2023-02-30', '走访日期', '2025-01-01')).toContain('不是有效日期')
    expect(rules.dateNotFuture('', '走访日期')).toBe('请填写走访日期')
  })
  it('a pairing ends on or after its start', () => {
    expect(rules.endNotBeforeStart('2020-01-01', null)).toBeNull()
    expect(rules.endNotBeforeStart('2020-01-01', '2020-01-01')).toBeNull()
    expect(rules.endNotBeforeStart('2020-01-02', '2020-01-01')).toBe('结对结束日期2020-01-01早于开始日期2020-01-02')
  })
  it('years stay within 2000 and this year; required fields say what is missing', () => {
    expect(rules.year(2019, '年度', '2025-06-01')).toBeNull()
    expect(rules.year(1999, '年度', '2025-06-01')).toBe('年度1999年不在2000年至今年之间')
    expect(rules.required('  ', '姓名')).toBe('请填写姓名')
    expect(rules.collect({ a: null, b: 'x' })).toEqual({ b: 'x' })
  })
})

describe('findings at fields', () => {
  const f = (path: string, message = path, severity: 'error' | 'warning' = 'error'): Finding => ({ severity, household: '1', path, rule: 'r', message })
  it('maps a record’s findings to its fields and leaves the rest', () => {
    const { fields, other } = fieldErrors([
      f('members[1].id_number', 'bad id'), f('members[1].work.months'), f('members[0].name'),
      f('members'), f('income[0].amount'), f('members[1].sex', 'warn', 'warning'),
    ], 'members[1]')
    expect(fields).toEqual({ id_number: 'bad id', 'work.months': 'members[1].work.months' })
    expect(other.map((x) => x.path)).toEqual(['members[0].name', 'members', 'income[0].amount'])
  })
  it('maps household fields, folding list indices, and strips a document prefix', () => {
    const { fields, other } = fieldErrors([f('households[3].other_causes[1]', 'dup'), f('conditions.farmland_mu', 'neg'), f('members[0].name')], '')
    expect(fields).toEqual({ other_causes: 'dup', 'conditions.farmland_mu': 'neg' })
    expect(other).toHaveLength(1)
  })
})
