// 打印中心's 花名册 as an Excel workbook: the button shows for the roster only, asks where to
// save, sends the village and the year in view, and says where the workbook went; a refusal
// is shown in the core's words and nothing is said to be exported.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import PrintView from '@/views/PrintView.vue'
import type { Desktop } from '@/api/desktop'
import { useSession } from '@/stores/session'
import { VILLAGE, rejection, stubBackend } from './stubs'
import { mountView, unmountView } from './mountView'

afterEach(unmountView)

const desktop = (): Desktop => ({
  pickFile: async () => null,
  pickFiles: async () => [],
  pickSavePath: vi.fn(async () => '/media/usb/花名册.xlsx'),
  tempPath: async (n) => `/tmp/${n}`,
  openInViewer: async () => undefined,
  saved: vi.fn(async () => undefined),
})

const click = async (selector: string) => {
  ;(document.body.querySelector(selector) as HTMLElement).click()
  await flushPromises()
}

describe('PrintView 花名册 as Excel', () => {
  it('exports the roster of the year in view where the cadre chose', async () => {
    const exportRosterXlsx = vi.fn(async () => 20480)
    const d = desktop()
    await mountView(PrintView, { backend: stubBackend({ exportRosterXlsx }), desktop: d, village: VILLAGE })
    expect(document.body.querySelector('[data-test="print-roster-xlsx"]'), 'not for a household card').toBeNull()
    await click('[data-test="print-doc-roster"] input')
    await click('[data-test="print-roster-xlsx"]')
    expect(d.pickSavePath).toHaveBeenCalledWith('导出为Excel表', expect.stringMatching(/\.xlsx$/), [{ name: 'Excel 工作簿', extensions: ['xlsx'] }])
    expect(exportRosterXlsx).toHaveBeenCalledWith(VILLAGE, useSession().year, '/media/usb/花名册.xlsx')
    expect(d.saved).toHaveBeenCalledWith('/media/usb/花名册.xlsx')
    expect(document.body.querySelector('[data-test="print-exported"]')!.textContent).toContain('/media/usb/花名册.xlsx（20.0 KB）')
  })

  it('shows a refusal in the core’s words', async () => {
    const refused = { code: 'invalid' as const, message: '年度2012不在台账的年度范围内（2013年至今年2026年）', findings: [] }
    const exportRosterXlsx = vi.fn(async () => { throw rejection(refused) })
    await mountView(PrintView, { backend: stubBackend({ exportRosterXlsx }), desktop: desktop(), village: VILLAGE })
    await click('[data-test="print-doc-roster"] input')
    await click('[data-test="print-roster-xlsx"]')
    expect(document.body.textContent).toContain(refused.message)
    expect(document.body.querySelector('[data-test="print-exported"]')).toBeNull()
  })
})
