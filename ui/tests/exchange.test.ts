// 导入/导出 screen's 数据包 card against the recorded answers: the next receiver comes from
// the core, a bundle is written to the path the cadre picks and said in words, the bundles
// written are listed, and a refusal (a conflict still waiting) is shown as the core words it.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import ExchangeView from '@/views/ExchangeView.vue'
import type { Backend } from '@/api'
import type { Desktop } from '@/api/desktop'
import type { ImportSummary, Progress } from '@/bindings'
import { VILLAGE, recorded, rejection, stubBackend } from './stubs'
import { mountView, unmountView } from './mountView'
import { useSession } from '@/stores/session'

afterEach(unmountView)

const desktop: Desktop = {
  pickFile: async () => null,
  pickFiles: async () => [],
  pickSavePath: vi.fn(async () => '/media/usb/青山村.bundle'),
  tempPath: async (n) => `/tmp/${n}`,
  openInViewer: async () => undefined,
  saved: async () => undefined,
}

async function show(over: Partial<Backend>) {
  const backend = stubBackend(over)
  const w = await mountView(ExchangeView, { backend, desktop, village: VILLAGE })
  return { w, backend }
}

describe('ExchangeView 数据包', () => {
  it('writes the bundle for the receiver the core names and lists it', async () => {
    const { w, backend } = await show({ bundleWrite: async () => recorded.bundleWritten })
    expect(backend.bundleLog).toHaveBeenCalledWith(VILLAGE)
    const input = w.find('input[data-test=bundle-receiver]').element as HTMLInputElement
    expect(input.value).toBe(recorded.bundleLog.receiver)
    const sent = w.find('[data-test=bundles-sent]').text()
    expect(sent).toContain(`第${recorded.bundleLog.sent[0]!.sequence}号`)
    expect(sent).toContain(recorded.bundleLog.sent[0]!.checksum)
    expect(sent).toContain(recorded.bundleLog.sent[0]!.kind)

    await w.find('[data-test=bundle-write]').trigger('click')
    await flushPromises()
    expect(backend.bundleWrite).toHaveBeenCalledWith(VILLAGE, recorded.bundleLog.receiver, '/media/usb/青山村.bundle', false)
    const said = w.find('[data-test=bundle-written]').text()
    const s = recorded.bundleWritten
    expect(said).toContain(s.said)
    expect(s.said).toContain(`第${s.sequence}号（完整）`)
    // The log is read again after writing.
    expect(backend.bundleLog).toHaveBeenCalledTimes(2)
  })

  it('writes a full bundle when the cadre ticks 完整数据包 (one was lost), then goes back to changes', async () => {
    const write = vi.fn().mockResolvedValueOnce(recorded.bundleWrittenFull).mockResolvedValueOnce(recorded.bundleWritten)
    const { w, backend } = await show({ bundleWrite: write })
    expect(w.find('[data-test=bundle-full-hint]').exists()).toBe(false)
    await w.find('[data-test=bundle-full] input').setValue(true)
    expect(w.find('[data-test=bundle-full-hint]').text()).toContain('缺少第N号数据包')
    await w.find('[data-test=bundle-write]').trigger('click')
    await flushPromises()
    expect(backend.bundleWrite).toHaveBeenLastCalledWith(VILLAGE, recorded.bundleLog.receiver, '/media/usb/青山村.bundle', true)
    const s = recorded.bundleWrittenFull
    expect(s.said).toContain(`第${s.sequence}号（完整，可代替此前的第1号）`)
    expect(w.find('[data-test=bundle-written]').text()).toContain(s.said)
    // The box is cleared: the next bundle carries only changes unless ticked again.
    await w.find('[data-test=bundle-write]').trigger('click')
    await flushPromises()
    expect(backend.bundleWrite).toHaveBeenLastCalledWith(VILLAGE, recorded.bundleLog.receiver, '/media/usb/青山村.bundle', false)
  })

  it('does not carry 完整数据包 over to another village', async () => {
    const { w } = await show({})
    await w.find('[data-test=bundle-full] input').setValue(true)
    useSession().villageCode = '360729101002'
    await flushPromises()
    expect((w.find('[data-test=bundle-full] input').element as HTMLInputElement).checked).toBe(false)
  })

  it('says why a bundle is refused, in the core\'s words', async () => {
    const { w } = await show({ bundleWrite: () => Promise.reject(rejection(recorded.bundleRefused)) })
    await w.find('[data-test=bundle-write]').trigger('click')
    await flushPromises()
    const text = w.find('[data-test=bundle-error]').text()
    expect(text).toBe(recorded.bundleRefused.message)
    expect(text).toContain('合并')
    expect(w.find('[data-test=bundle-written]').exists()).toBe(false)
  })
})

describe('ExchangeView 导入', () => {
  it('says what a township\'s workbook did to each of its villages', async () => {
    const summaries: ImportSummary[] = [
      { village: '522729100201', inserted: 2, updated: 0, unchanged: 0, warnings: 3 },
      { village: '522729100202', inserted: 1, updated: 0, unchanged: 0, warnings: 0 },
    ]
    const backend = stubBackend({ importFile: vi.fn(async () => summaries) })
    const w = await mountView(ExchangeView, {
      backend,
      desktop: { ...desktop, pickFiles: async () => ['/media/usb/广顺镇.xlsx'] },
      village: VILLAGE,
    })
    await w.find('[data-test=import-file]').trigger('click')
    await flushPromises()
    expect(backend.importFile).toHaveBeenCalledWith('/media/usb/广顺镇.xlsx', false)
    const said = w.find('[data-test=import-summary]').text()
    expect(said).toContain('2 个行政村：新增 3 户')
    const each = w.findAll('[data-test=import-villages] li').map((li) => li.text())
    expect(each).toEqual([
      '行政村 522729100201：新增 2 户，更新 0 户，未变 0 户，提示 3 条',
      '行政村 522729100202：新增 1 户，更新 0 户，未变 0 户，提示 0 条',
    ])
    expect(w.find('[data-test=import-warnings]').text()).toContain('这 3 条提示')
  })

  it('shows how far a county\'s workbook has come while it is imported, and nothing after', async () => {
    let tell: (p: Progress) => void = () => undefined
    let finish: (s: ImportSummary[]) => void = () => undefined
    const backend = stubBackend({
      onProgress: async (cb) => {
        tell = cb
        return () => undefined
      },
      importFile: () => new Promise<ImportSummary[]>((resolve) => (finish = resolve)),
    })
    const w = await mountView(ExchangeView, {
      backend,
      desktop: { ...desktop, pickFiles: async () => ['/media/usb/长顺县.xlsx'] },
      village: VILLAGE,
    })
    tell({ task: 'import_file', done: 100, total: 1000 })
    await flushPromises()
    expect(w.find('[data-test=import-progress]').exists()).toBe(false) // no import yet
    await w.find('[data-test=import-file]').trigger('click')
    await flushPromises()
    tell({ task: 'import_file', done: 420, total: 1000 })
    tell({ task: 'print_batch', done: 9, total: 10 }) // another task's
    await flushPromises()
    const bar = w.find('[data-test=import-progress]')
    expect(bar.text()).toContain('42%')
    expect(bar.text()).toContain('台账不会改变')
    finish([{ village: '522729100201', inserted: 2, updated: 0, unchanged: 0, warnings: 0 }])
    await flushPromises()
    expect(w.find('[data-test=import-progress]').exists()).toBe(false)
    expect(w.find('[data-test=import-summary]').text()).toContain('新增 2 户')
  })
})

describe('ExchangeView 多选导入', () => {
  it('imports several files in one go and says each village, or names the file at fault', async () => {
    const picked = ['/media/usb/石洞村.xlsx', '/media/usb/新寨村.json']
    const importFiles = vi.fn()
      .mockResolvedValueOnce([
        { village: '522729100201', inserted: 2, updated: 0, unchanged: 0, warnings: 0 },
        { village: '522729100202', inserted: 1, updated: 0, unchanged: 0, warnings: 0 },
      ])
      .mockRejectedValueOnce(rejection({
        code: 'validation',
        message: '数据校验未通过，共1处错误',
        findings: [{ severity: 'error', household: '', path: '石洞村.xlsx：第8行“性别”', rule: 'xlsx.cell', message: '无法识别的值“3”' }],
      }))
    const backend = stubBackend({ importFiles })
    const w = await mountView(ExchangeView, {
      backend,
      desktop: { ...desktop, pickFiles: async () => picked },
      village: VILLAGE,
    })
    await w.find('[data-test=import-file]').trigger('click')
    await flushPromises()
    expect(importFiles).toHaveBeenLastCalledWith(picked, false)
    expect(backend.importFile).not.toHaveBeenCalled()
    expect(w.find('[data-test=import-summary]').text()).toContain('2 个行政村：新增 3 户')

    await w.find('[data-test=import-file]').trigger('click')
    await flushPromises()
    expect(w.find('[data-test=import-error]').text()).toContain('这 2 个文件都未导入')
    expect(w.text()).toContain('石洞村.xlsx：第8行“性别”')
    expect(w.find('[data-test=import-summary]').exists()).toBe(false)
  })
})

describe('ExchangeView 新建行政村', () => {
  it('asks before a file creates a village the ledger lacks, and imports only when confirmed', async () => {
    const asked = '台账中没有村代码为“522729100202”的行政村（文件中的村名：新寨村）；台账已有：测试村（360729101099）。如果确实要新建这个村，请确认新建后重新导入（命令行加 --new-village）'
    const importFile = vi.fn()
      .mockRejectedValueOnce(rejection({ code: 'new_village', message: asked, findings: [] }))
      .mockResolvedValueOnce([{ village: '522729100202', inserted: 1, updated: 0, unchanged: 0, warnings: 0 }])
      .mockRejectedValueOnce(rejection({ code: 'new_village', message: asked, findings: [] }))
    const backend = stubBackend({ importFile })
    const w = await mountView(ExchangeView, {
      backend,
      desktop: { ...desktop, pickFiles: async () => ['/media/usb/新寨村.json'] },
      village: VILLAGE,
    })
    const dialog = () => document.body.querySelector('[data-test=new-village-dialog]')
    await w.find('[data-test=import-file]').trigger('click')
    await flushPromises()
    expect(importFile).toHaveBeenLastCalledWith('/media/usb/新寨村.json', false)
    expect(dialog()?.textContent).toContain('新寨村')
    expect(w.find('[data-test=import-summary]').exists()).toBe(false)
    ;(document.body.querySelector('[data-test=new-village-confirm]') as HTMLElement).click()
    await flushPromises()
    expect(importFile).toHaveBeenLastCalledWith('/media/usb/新寨村.json', true)
    expect(dialog()).toBeNull()
    expect(w.find('[data-test=import-summary]').text()).toContain('行政村 522729100202：新增 1 户')

    // Asked again and declined: nothing more is sent, and the page says so.
    await w.find('[data-test=import-file]').trigger('click')
    await flushPromises()
    ;(document.body.querySelector('[data-test=new-village-cancel]') as HTMLElement).click()
    await flushPromises()
    expect(importFile).toHaveBeenCalledTimes(3)
    expect(w.find('[data-test=import-error]').text()).toContain('不新建')
  })
})
