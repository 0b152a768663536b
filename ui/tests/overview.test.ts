// The core's overview (generated type) mapped onto the 首页 model: counts, lines by era, lists.
import { describe, expect, it } from 'vitest'
import { toOverview } from '@/api/tauri'
import type { VillageOverview } from '@/bindings/VillageOverview'

const wire = {
  village: { code: '360729101001', name: '青山村', groups: [] },
  year: 2023, households: 3, people: 9,
  by_status: [{ status: 'exited', households: 2, people: 7 }, { status: null, households: 1, people: 2 }],
  incidence: 0.0069, threshold: 0.02, poor_persons: 7, rural_population: 1018,
  exits_by_year: [{ year: 2018, households: 2 }],
  income_by_year: [{ year: 2020, median: 6100, line: 4000, line_name: '国家扶贫标准' }, { year: 2023, median: 9800, line: 7300, line_name: '防返贫监测范围' }],
  stale_visits: [{ household_id: 'h1', code: '0001', head: '张三', detail: '已400天未走访' }],
  warnings: [], disagreements: [], review_due: [],
} as unknown as VillageOverview

describe('toOverview', () => {
  it('keeps the counts and reads the village exit from incidence against the threshold', () => {
    const o = toOverview(wire)
    expect(o.persons).toBe(9)
    expect(o.households_by_status).toEqual({ exited: 2, unrecorded: 1 })
    expect(o.persons_by_status.exited).toBe(7)
    expect(o.village_exit).toBe('yes')
  })
  it('puts the line before 2021 under the poverty line and after it under monitoring', () => {
    const [y2020, y2023] = toOverview(wire).income_by_year
    expect([y2020.poverty_line, y2020.monitoring_line]).toEqual([4000, null])
    expect([y2023.poverty_line, y2023.monitoring_line]).toEqual([null, 7300])
    expect(toOverview(wire).stale[0].note).toBe('已400天未走访')
  })
})
