// The list store: filters and instant search over the rows' lower-case keys, fast at
// county scale.
import { beforeEach, describe, expect, it } from 'vitest'
import { createPinia, setActivePinia } from 'pinia'
import { cadresOf, emptyFilters, filterRows, useHouseholds } from '@/stores/households'
import type { HouseholdRow } from '@/bindings'
import { setBackend } from '@/api'
import { VILLAGE, recorded, stubBackend } from './stubs'

function row(p: Partial<HouseholdRow>): HouseholdRow {
  return {
    id: 'h', village: 'v', code: '001', head: '张三', group: '一组', size: 3, status: 'poor',
    attribute: 'general', main_cause: 'illness', cadres: '李四', cadre_ids: ['c1'], last_visit: null,
    warnings: 0, revision: 1, keys: '001 张三 zs 1234', ...p,
  }
}
const rows = [
  row({ id: 'a' }),
  row({ id: 'b', code: '002', head: '王五', group: '二组', status: 'exited', main_cause: 'lack_labor', cadres: '赵六', cadre_ids: ['c2'], keys: '002 王五 ww 567x 王小 wx 0011' }),
  row({ id: 'c', code: '003', head: '刘七', attribute: 'dibao', cadres: '李四、赵六', cadre_ids: ['c1', 'c2'], keys: '003 刘七 lq 8888' }),
]

describe('filterRows', () => {
  it('passes everything with no filter and no query', () => {
    expect(filterRows(rows, emptyFilters(), '')).toHaveLength(3)
  })
  it('applies each filter', () => {
    const ids = (f: Partial<ReturnType<typeof emptyFilters>>, q = '') => filterRows(rows, { ...emptyFilters(), ...f }, q).map((r) => r.id)
    expect(ids({ group: '二组' })).toEqual(['b'])
    expect(ids({ status: 'poor' })).toEqual(['a', 'c'])
    expect(ids({ attribute: 'dibao' })).toEqual(['c'])
    expect(ids({ cause: 'lack_labor' })).toEqual(['b'])
    expect(ids({ cadre: 'c2' }), 'a household with two cadres matches either').toEqual(['b', 'c'])
    expect(ids({ status: 'poor', cadre: 'c2' })).toEqual(['c'])
    const todo = { key: 'stale', title: '超过90天未走访', ids: new Set(['a', 'b']) }
    expect(ids({ todo }), 'a to-do list of 首页 narrows to its households').toEqual(['a', 'b'])
    expect(ids({ todo, status: 'poor' })).toEqual(['a'])
  })
  it('searches names, pinyin initials, ID tails and codes, case-insensitively', () => {
    const ids = (q: string) => filterRows(rows, emptyFilters(), q).map((r) => r.id)
    expect(ids('王小'), 'any member’s name').toEqual(['b'])
    expect(ids('LQ'), 'initials, upper-case typed').toEqual(['c'])
    expect(ids('567X'), 'ID tail with X').toEqual(['b'])
    expect(ids('003')).toEqual(['c'])
    expect(ids('  ww   002 '), 'every word must match').toEqual(['b'])
    expect(ids('nobody')).toEqual([])
  })
  it('filters 200,000 rows quickly', () => {
    const big: HouseholdRow[] = []
    for (let i = 0; i < 200_000; i++) big.push(row({ id: String(i), code: String(i), keys: `${i} 张${i % 97} z${i % 97} ${1000 + (i % 9000)}`, group: `${i % 9}组` }))
    const t = performance.now()
    const out = filterRows(big, { ...emptyFilters(), group: '3组' }, 'z5')
    const ms = performance.now() - t
    expect(out.length).toBeGreaterThan(0)
    expect(ms, `filtering took ${ms.toFixed(1)} ms`).toBeLessThan(300)
  })
  it('lists the cadres named in the rows once each', () => {
    expect(cadresOf(rows).map((c) => c.id).sort()).toEqual(['c1', 'c2'])
    expect(cadresOf(rows).find((c) => c.id === 'c2')?.name).toBe('赵六')
  })
})

describe('households store', () => {
  beforeEach(() => {
    setActivePinia(createPinia())
    setBackend(stubBackend())
  })
  it('loads the village (the recorded list) and filters with the search box', async () => {
    const s = useHouseholds()
    await s.load(VILLAGE)
    expect(s.rows).toEqual(recorded.rows)
    expect(s.rows.map((r) => r.head)).toEqual(['张三', '钟老汉'])
    s.query = 'zs'
    expect(s.filtered.map((r) => r.head), 'pinyin initials from the core’s keys').toEqual(['张三'])
    s.query = ''
    s.filters.group = '二组'
    expect(s.filtered.map((r) => r.head)).toEqual(['钟老汉'])
    s.resetFilters()
    expect(s.filtered).toHaveLength(2)
    expect(s.groups).toEqual(['一组', '二组'].sort((a, b) => a.localeCompare(b, 'zh-CN')))
  })
})
