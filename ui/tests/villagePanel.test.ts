// 设置 › 本村情况 against the real commands' recorded answers: the village's facts are shown,
// a change asks what kind it is (EffectiveDialog) and sends the answer with the facts; the
// core's refusal lands at the fields it names; nothing changed offers no save.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import VillagePanel from '@/components/settings/VillagePanel.vue'
import { useSession } from '@/stores/session'
import type { Backend } from '@/api'
import { VILLAGE, recorded, rejection, stubBackend } from './stubs'
import { mountView, unmountView } from './mountView'

afterEach(unmountView)

async function show(villageSave: Backend['villageSave']) {
  const backend = stubBackend({ villageSave })
  const w = await mountView(VillagePanel, { backend, village: VILLAGE })
  useSession().setInfo(recorded.ledgerInfo)
  await flushPromises()
  return { w, backend }
}
const q = (t: string) => document.body.querySelector(`[data-test="${t}"]`) as HTMLElement
const input = (t: string) => (q(t).tagName === 'INPUT' ? q(t) : q(t).querySelector('input')) as HTMLInputElement

async function enterPopulation(n: string) {
  const field = input('village-population')
  field.value = n
  field.dispatchEvent(new Event('input'))
  field.dispatchEvent(new Event('change'))
  await flushPromises()
}

describe('VillagePanel', () => {
  it('shows the village and saves a change with the answer of the dialog', async () => {
    const save = vi.fn<Backend['villageSave']>().mockResolvedValue(null)
    const { w } = await show(save)
    const v = recorded.ledgerInfo.villages[0]!
    expect(input('village-name').value).toBe(v.name)
    expect(w.find('[data-test=village-save]').attributes('disabled')).toBeDefined()
    await enterPopulation('1260')
    await w.find('[data-test=village-save]').trigger('click')
    await flushPromises()
    expect(q('effective-dialog')).not.toBeNull()
    const reason = input('effective-reason')
    reason.value = '乡镇统计站2026年数'
    reason.dispatchEvent(new Event('input'))
    q('effective-ok').click()
    await flushPromises()
    expect(save).toHaveBeenCalledTimes(1)
    const [village, facts, why, effective] = save.mock.calls[0]!
    expect(village).toBe(VILLAGE)
    expect(facts).toEqual({ name: v.name, groups: v.groups, rural_population: 1260 })
    expect(why).toBe('乡镇统计站2026年数')
    expect(effective?.kind).toBe('change')
  })

  it('puts the core\'s refusal at the fields it names', async () => {
    const refused = recorded.villageSaveWrong
    const save = vi.fn<Backend['villageSave']>().mockRejectedValue(rejection(refused))
    const { w } = await show(save)
    await enterPopulation('7')
    await w.find('[data-test=village-save]').trigger('click')
    await flushPromises()
    q('effective-ok').click()
    await flushPromises()
    expect(save).toHaveBeenCalledTimes(1)
    // Element Plus shows a form item's error after a 100 ms debounce.
    await new Promise((r) => setTimeout(r, 150))
    await flushPromises()
    const text = w.text()
    for (const f of refused.findings) expect(text).toContain(f.message)
    expect(w.findAll('[data-test=village-error]')).toHaveLength(0)
  })
})
