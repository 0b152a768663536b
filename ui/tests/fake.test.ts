// The fake backend keeps the contract's behaviour the UI depends on: validation errors
// with findings, a reason for status changes, progress events, verdicts that move with
// the income book.
import { describe, expect, it } from 'vitest'
import { createFakeBackend } from '@/api/fake'
import { BackendError } from '@/api/errors'
import { blankIncome, clone } from '@/forms/blank'

const V = '530825102001'

describe('fake backend', () => {
  it('rejects a bad ID number with a finding at its path', async () => {
    const b = createFakeBackend({ today: '2025-12-31' })
    const d = await b.householdGet('h-01', null)
    const h = clone(d.household)
    h.members[1]!.id_number = '110105194912310021'
    const err = await b.householdSave(V, h, null, null, null).catch((e) => e)
    expect(err).toBeInstanceOf(BackendError)
    expect(err.code).toBe('validation')
    expect(err.findings[0].path).toBe('members[1].id_number')
    expect(err.findings[0].message).toContain('校验位错误')
  })
  it('needs a reason to change the status', async () => {
    const b = createFakeBackend({ today: '2025-12-31' })
    const h = clone((await b.householdGet('h-01', null)).household)
    h.status = 'exited'
    await expect(b.householdSave(V, h, null, null, null)).rejects.toMatchObject({ code: 'invalid' })
    const saved = await b.householdSave(V, h, '2025年民主评议通过', null, null)
    expect(saved.revision).toBe(2)
  })
  it('moves the exit verdict when income is added', async () => {
    const b = createFakeBackend({ today: '2025-12-31' })
    const h = clone((await b.householdGet('h-01', null)).household)
    h.conditions.house_grade = 'B'
    await b.householdSave(V, h, null, null, null)
    const before = await b.assessHousehold('h-01', 2019)
    const exit = (v: typeof before) => v.assessment.verdicts.find((x) => x.rule === 'household_exit')!.outcome
    expect(exit(before)).toBe('no')
    const line = blankIncome(2019)
    line.item = '务工收入'
    line.amount = 20000
    h.income.push(line)
    await b.householdSave(V, h, null, null, null)
    expect(exit(await b.assessHousehold('h-01', 2019))).toBe('yes')
  })
  it('reports progress while loading the demo, starting empty', async () => {
    const b = createFakeBackend({ empty: true })
    expect((await b.ledgerInfo()).households).toBe(0)
    const seen: number[] = []
    const stop = await b.onProgress((p) => seen.push(p.done))
    const info = await b.loadDemo()
    stop()
    expect(info.households).toBe(12)
    expect(seen.at(-1)).toBe(12)
  })
  it('normalises any rejection into a BackendError', () => {
    expect(BackendError.from({ code: 'io', message: '读写文件失败', findings: [] }).code).toBe('io')
    expect(BackendError.from({ code: 'weird', message: 'x' }).code).toBe('unexpected')
    expect(BackendError.from('boom').message).toBe('boom')
  })
})
