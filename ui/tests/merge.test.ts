// 合并 screen against the recorded answers: a bundle merged (and merged again: 已合并过), the
// conflict the shell listed shown with both values in the core's words, and settling it
// sends the choice and the reason, then lists what is left.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { ElMessageBox } from 'element-plus'
import { flushPromises } from '@vue/test-utils'
import MergeView from '@/views/MergeView.vue'
import type { Backend } from '@/api'
import type { Desktop } from '@/api/desktop'
import type { MergeOutcome } from '@/bindings'
import { VILLAGE, recorded, rejection, stubBackend } from './stubs'
import { mountView, unmountView } from './mountView'

afterEach(unmountView)

const desktop: Desktop = {
  pickFile: async () => '/home/cadre/第1号.bundle',
  pickFiles: async () => ['/home/cadre/第1号.bundle'],
  pickSavePath: async () => null,
  tempPath: async (n) => `/tmp/${n}`,
  openInViewer: async () => undefined,
  saved: async () => undefined,
}

async function show(over: Partial<Backend>) {
  const backend = stubBackend(over)
  const w = await mountView(MergeView, { backend, desktop, village: VILLAGE })
  return { w, backend }
}


describe('MergeView', () => {
  it('lists the recorded conflict with both values and settles it with the reason', async () => {
    const list = vi.fn().mockResolvedValueOnce(recorded.conflicts).mockResolvedValue([])
    const { w, backend } = await show({ conflictList: list, conflictResolve: async () => recorded.conflicts[0]! })
    const c = recorded.conflicts[0]!
    // Every village's conflicts (a township merges all its villages' bundles).
    expect(list).toHaveBeenCalledWith(null)
    expect(w.find('[data-test=conflicts-table]').text()).toContain(c.field)
    // All of the open village: no column for the village.
    expect(c.village).toBe(VILLAGE)
    expect(w.find('[data-test=conflict-village]').exists()).toBe(false)
    expect(w.find('[data-test=conflict-mine]').text()).toBe(c.mine_text)
    expect(w.find('[data-test=conflict-theirs]').text()).toBe(c.theirs_text)
    // The household by its head's name (from the core), its code below.
    expect(w.find('[data-test=conflict-head]').text()).toBe(`${c.head}户`)
    await w.find('input[data-test=conflict-reason]').setValue('电话核实')
    await w.find('[data-test=keep-theirs]').trigger('click')
    await flushPromises()
    expect(backend.conflictResolve).toHaveBeenCalledWith(c.id, 'theirs', '电话核实')
    expect(w.find('[data-test=conflicts-empty]').text()).toContain('没有待处理的冲突')
  })

  it('names the village of a conflict of a village other than the one open', async () => {
    const other = { ...recorded.conflicts[0]!, village: '360729101098', village_name: '白石村' }
    const { w } = await show({ conflictList: async () => [recorded.conflicts[0]!, other] })
    const villages = w.findAll('[data-test=conflict-village]').map((v) => v.text())
    expect(villages).toEqual([recorded.conflicts[0]!.village_name, '白石村'])
  })

  it('asks before taking the other side\'s whole household, and takes nothing when told no', async () => {
    const whole = { ...recorded.conflicts[0]!, path: '[]', field: '整户（两边的修改合在一起不合规：…）' }
    const confirm = vi.spyOn(ElMessageBox, 'confirm')
    confirm.mockRejectedValueOnce('cancel').mockResolvedValueOnce('confirm' as never)
    const resolve = vi.fn().mockResolvedValue(whole)
    const { w } = await show({ conflictList: async () => [whole], conflictResolve: resolve })
    await w.find('[data-test=keep-theirs]').trigger('click')
    await flushPromises()
    expect(confirm).toHaveBeenCalledTimes(1)
    expect(String(confirm.mock.calls[0]![0])).toContain(`替换本台账的${whole.household}户`)
    expect(resolve).not.toHaveBeenCalled()
    await w.find('[data-test=keep-theirs]').trigger('click')
    await flushPromises()
    expect(resolve).toHaveBeenCalledWith(whole.id, 'theirs', null)
    confirm.mockRestore()
  })

  it('merges a picked bundle and says when it was merged before', async () => {
    const merge = vi.fn()
      .mockResolvedValueOnce(recorded.merged)
      .mockResolvedValueOnce(recorded.mergedAgain)
    const { w, backend } = await show({ conflictList: async () => [], bundleMerge: merge })
    await w.find('[data-test=merge-file]').trigger('click')
    await flushPromises()
    expect(backend.bundleMerge).toHaveBeenCalledWith('/home/cadre/第1号.bundle')
    // The core's words, as the command line says them.
    expect(w.find('[data-test=merge-summary]').text()).toContain(recorded.merged.title)
    expect(w.find('[data-test=merge-summary]').text()).toContain(recorded.merged.said)
    expect(recorded.merged.said).toContain(`冲突 ${recorded.merged.conflicts} 处`)
    await w.find('[data-test=merge-file]').trigger('click')
    await flushPromises()
    expect(w.find('[data-test=merge-summary]').text()).toContain('已合并过')
    expect(w.find('[data-test=merge-summary]').text()).toContain(recorded.mergedAgain.said)
  })

  it('shows the shell\'s message when a bundle is refused', async () => {
    const { w } = await show({
      conflictList: async () => [],
      bundleMerge: async () => {
        throw rejection({ code: 'invalid', message: '数据包校验失败：内容与校验码不符。文件在生成后被改动或已损坏，未合并任何数据', findings: [] })
      },
    })
    await w.find('[data-test=merge-file]').trigger('click')
    await flushPromises()
    expect(w.find('[data-test=merge-error]').text()).toContain('数据包校验失败')
  })

  it('lists the bundles merged so far, of every village', async () => {
    const { w, backend } = await show({ conflictList: async () => [] })
    expect(backend.bundleLog).toHaveBeenCalledWith(null)
    const r = recorded.bundleLog.received[0]!
    const table = w.find('[data-test=bundles-received]').text()
    expect(table).toContain(r.village_code)
    expect(table).toContain(`第${r.sequence}号`)
    expect(table).toContain(r.sent_by)
  })

  it('merges a USB stick of bundles at once and lists what became of each', async () => {
    const outcomes: MergeOutcome[] = [
      { file: '青山村第1号.bundle', summary: recorded.merged, error_code: null, error: null },
      { file: '龙下村第2号.bundle', summary: null, error_code: 'invalid', error: '数据包校验失败：内容与校验码不符' },
    ]
    const many = vi.fn(async () => outcomes)
    const backend = stubBackend({ conflictList: async () => [], bundleMergeMany: many })
    const w = await mountView(MergeView, {
      backend,
      desktop: { ...desktop, pickFiles: async () => ['/media/usb/青山村第1号.bundle', '/media/usb/龙下村第2号.bundle'] },
      village: VILLAGE,
    })
    await w.find('[data-test=merge-file]').trigger('click')
    await flushPromises()
    expect(many).toHaveBeenCalledWith(['/media/usb/青山村第1号.bundle', '/media/usb/龙下村第2号.bundle'])
    expect(backend.bundleMerge).not.toHaveBeenCalled()
    expect(w.find('[data-test=merge-many-said]').text()).toContain('共 2 个数据包：1 个已处理，1 个未合并')
    expect(w.find('[data-test=merge-outcome-ok]').text()).toBe(`${recorded.merged.title}：${recorded.merged.said}`)
    expect(w.find('[data-test=merge-outcome-refused]').text()).toBe('未合并：数据包校验失败：内容与校验码不符')
    // The ledger is read again: the villages merged are there.
    expect(backend.ledgerInfo).toHaveBeenCalled()
  })
})
