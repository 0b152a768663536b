// 乡镇概览: villages side by side, the plan by year with the township's row first, and a
// target set through the core (its refusal shown in the dialog, nothing closed).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import TownshipView from '@/views/TownshipView.vue'
import type { TownshipView as View } from '@/bindings'
import type { Desktop } from '@/api/desktop'
import { rejection, stubBackend } from './stubs'
import { mountView, unmountView } from './mountView'

afterEach(unmountView)

const view: View = {
  township: { code: '360729101', name: '金龙镇', villages: 2 },
  year: 2026,
  villages: [
    { code: '360729101001', name: '青山村', households: 300, people: 990, monitored: 12, overdue_visits: 5, last_bundle: '2026-11-20 10:02' },
    { code: '360729101002', name: '龙下村', households: 280, people: 900, monitored: 8, overdue_visits: 0, last_bundle: null },
  ],
  plan: [
    { year: 2016, area: '360729101', name: '金龙镇', planned_households: 60, planned_persons: 200, doc: '金龙镇2016年脱贫计划', exited_households: 49, exited_persons: 153 },
    { year: 2016, area: '360729101001', name: '青山村', planned_households: null, planned_persons: null, doc: null, exited_households: 30, exited_persons: 90 },
    { year: 2016, area: '360729101002', name: '龙下村', planned_households: null, planned_persons: null, doc: null, exited_households: 19, exited_persons: 63 },
  ],
}

describe('TownshipView', () => {
  it('shows the villages and the plan, and sets a target through the core', async () => {
    const planTargetSet = vi.fn()
      .mockRejectedValueOnce(rejection({ code: 'invalid', message: '2016年规划脱贫5人少于10户：人数应不少于户数', findings: [] }))
      .mockResolvedValueOnce(undefined)
    await mountView(TownshipView, { backend: stubBackend({ townshipList: async () => [view.township], townshipView: async () => view, planTargetSet }) })
    const villages = document.body.querySelector('[data-test=township-villages]')!.textContent ?? ''
    expect(villages).toContain('青山村')
    expect(villages).toContain('2026-11-20 10:02')
    expect(villages).toContain('未收到')
    const plan = document.body.querySelector('[data-test=township-plan]')!.textContent ?? ''
    expect(plan).toContain('金龙镇（全乡镇）')
    expect([...document.body.querySelectorAll('[data-test=plan-exited]')].map((e) => e.textContent)).toEqual(['49', '30', '19'])

    ;(document.body.querySelectorAll('[data-test=plan-edit]')[1] as HTMLElement).click()
    await flushPromises()
    const input = (t: string) => document.body.querySelector(`[data-test=${t}] input, input[data-test=${t}]`) as HTMLInputElement
    input('plan-households').value = '10'
    input('plan-households').dispatchEvent(new Event('input'))
    input('plan-households').dispatchEvent(new Event('change'))
    input('plan-persons').value = '5'
    input('plan-persons').dispatchEvent(new Event('input'))
    input('plan-persons').dispatchEvent(new Event('change'))
    await flushPromises()
    ;(document.body.querySelector('[data-test=plan-save]') as HTMLElement).click()
    await flushPromises()
    expect(document.body.querySelector('[data-test=plan-error]')?.textContent).toContain('人数应不少于户数')
    expect(planTargetSet).toHaveBeenLastCalledWith({ area: '360729101001', year: 2016, households: 10, persons: 5, doc: null })
    ;(document.body.querySelector('[data-test=plan-save]') as HTMLElement).click()
    await flushPromises()
    expect(document.body.querySelector('[data-test=plan-error]')).toBeNull()
  })

  it('exports every village of the township as one workbook where the cadre chooses', async () => {
    const exportTownshipXlsx = vi.fn(async () => 20480)
    const saved = vi.fn(async () => undefined)
    const desktop: Desktop = {
      pickFile: async () => null,
      pickFiles: async () => [],
      pickSavePath: vi.fn(async () => '/media/usb/金龙镇.xlsx'),
      tempPath: async (n) => `/tmp/${n}`,
      openInViewer: async () => undefined,
      saved,
    }
    await mountView(TownshipView, {
      backend: stubBackend({ townshipList: async () => [view.township], townshipView: async () => view, exportTownshipXlsx }),
      desktop,
    })
    ;(document.body.querySelector('[data-test=township-export]') as HTMLElement).click()
    await flushPromises()
    expect(desktop.pickSavePath).toHaveBeenCalledWith('导出全乡镇监测对象信息表', '金龙镇-监测对象信息-2026.xlsx', [{ name: 'Excel 工作簿', extensions: ['xlsx'] }])
    expect(exportTownshipXlsx).toHaveBeenCalledWith('360729101', 2026, '/media/usb/金龙镇.xlsx')
    expect(saved).toHaveBeenCalledWith('/media/usb/金龙镇.xlsx')
    expect(document.body.querySelector('[data-test=township-exported]')?.textContent).toContain('/media/usb/金龙镇.xlsx（20.0 KB）')
  })
})
