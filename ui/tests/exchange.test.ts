// 导入/导出 screen's 数据包 card against the recorded answers: the next receiver comes from
// the core, a bundle is written to the path the cadre picks and said in words, the bundles
// written are listed, and a refusal (a conflict still waiting) is shown as the core words it.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import { createMemoryHistory, createRouter } from 'vue-router'
import ExchangeView from '@/views/ExchangeView.vue'
import { setBackend, type Backend } from '@/api'
import type { Desktop } from '@/api/desktop'
import { useSession } from '@/stores/session'
import { VILLAGE, recorded, rejection, stubBackend } from './stubs'

let wrapper: VueWrapper | null = null
afterEach(() => wrapper?.unmount())

const desktop: Desktop = {
  pickFile: async () => null,
  pickSavePath: vi.fn(async () => '/media/usb/青山村.bundle'),
  tempPath: async (n) => `/tmp/${n}`,
  openInViewer: async () => undefined,
  saved: async () => undefined,
}

async function show(over: Partial<Backend>) {
  const backend = stubBackend(over)
  setBackend(backend, desktop)
  const pinia = createPinia()
  setActivePinia(pinia)
  useSession().villageCode = VILLAGE
  const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: ExchangeView }] })
  wrapper = mount(ExchangeView, { global: { plugins: [ElementPlus, pinia, router] }, attachTo: document.body })
  await flushPromises()
  return { w: wrapper, backend }
}

describe('ExchangeView 数据包', () => {
  beforeEach(() => { document.body.innerHTML = '' })

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
    expect(backend.bundleWrite).toHaveBeenCalledWith(VILLAGE, recorded.bundleLog.receiver, '/media/usb/青山村.bundle')
    const said = w.find('[data-test=bundle-written]').text()
    const s = recorded.bundleWritten
    expect(said).toContain(s.said)
    expect(s.said).toContain(`第${s.sequence}号（完整）`)
    // The log is read again after writing.
    expect(backend.bundleLog).toHaveBeenCalledTimes(2)
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
