// Formatters and code labels: what the cadre reads must match the core's wording.
import { describe, expect, it } from 'vitest'
import { yuan, num, percent } from '@/format/money'
import { dateCn, dateTime, daysBetween, fileStamp, isIsoDate, today } from '@/format/dates'
import { ATTRIBUTE, CAUSE, RELATION, SCHOOLING, STATUS, attributeLabel, label, measureItems, options } from '@/format/codes'

describe('money', () => {
  it('shows yuan with separators and two decimals', () => {
    expect(yuan(12345.6)).toBe('12,345.60 元')
    expect(yuan(0)).toBe('0.00 元')
    expect(yuan(null), 'not recorded is a dash, never 0').toBe('—')
  })
  it('shows plain numbers and rates', () => {
    expect(num(3.5)).toBe('3.5')
    expect(num(1200)).toBe('1,200')
    expect(percent(0.0171)).toBe('1.71%')
    expect(percent(null)).toBe('—')
  })
})

describe('dates', () => {
  it('reads ISO dates and rejects impossible ones', () => {
    expect(isIsoDate('2020-02-29')).toBe(true)
    expect(isIsoDate('2019-02-29'), '2019 is not a leap year').toBe(false)
    expect(isIsoDate('2019-5-1')).toBe(false)
    expect(dateCn('2019-05-10')).toBe('2019年5月10日')
    expect(daysBetween('2024-12-31', '2025-01-02')).toBe(2)
    expect(today(new Date(2024, 0, 5))).toBe('2024-01-05')
  })
})

describe('code labels', () => {
  it('match src/codes.rs', () => {
    expect(CAUSE.illness).toBe('因病')
    expect(CAUSE.lack_motivation).toBe('自身发展动力不足')
    expect(RELATION.wifes_father).toBe('之岳父')
    expect(SCHOOLING.vocational2).toBe('中职二年级')
    expect(STATUS.ordinary).toBe('一般农户')
    expect(Object.keys(RELATION), 'the national relation list has 21 entries').toHaveLength(21)
    expect(Object.keys(SCHOOLING), 'schooling 01–16').toHaveLength(16)
  })
  it('keeps list order in options and reads empty as empty', () => {
    expect(options(CAUSE)[0]).toEqual({ value: 'illness', label: '因病' })
    expect(options(CAUSE).at(-1)?.label).toBe('其他')
    expect(label(CAUSE, null)).toBe('')
  })
  it('offers a measure only the sub-kinds of its class (the core\'s list)', () => {
    expect(measureItems('social_security')).toEqual({
      dibao: '低保', tekun: '特困供养', disability_allowance: '残疾人补贴', temporary_relief: '临时救助',
    })
    expect(Object.values(measureItems('education'))).toEqual(['雨露计划', '义务教育资助'])
    expect(measureItems('photovoltaic'), 'a class without sub-kinds offers none').toEqual({})
  })
  it('renames the attribute after exit', () => {
    expect(attributeLabel('dibao', 'poor')).toBe(ATTRIBUTE.dibao)
    expect(attributeLabel('dibao', 'exited')).toBe('低保脱贫户')
  })
})

describe('dateTime', () => {
  it('shows an audit timestamp in local time to the minute', () => {
    expect(dateTime('2026-11-29 20:56:07')).toBe('2026-11-29 20:56')
    expect(dateTime('')).toBe('')
    expect(dateTime('2026-11-29T20:56:07+00:00')).toMatch(/^2026-11-(29|30) \d{2}:56$/)
  })
})

describe('fileStamp', () => {
  it('is the local date and time, so two files of one day differ', () => {
    expect(fileStamp(new Date(2026, 11, 2, 7, 5))).toBe('2026-12-02-0705')
    expect(fileStamp(new Date(2026, 11, 2, 16, 40))).toBe('2026-12-02-1640')
  })
})
