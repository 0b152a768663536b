// The time axis in the UI (issue #9): the header's year drives the date screens read as
// of; editing asks "change or correction, and from when"; the 变化记录 tab lists the
// core's timeline.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import ElementPlus from 'element-plus'
import EffectiveDialog from '@/components/EffectiveDialog.vue'
import TimelineTab from '@/components/household/TimelineTab.vue'
import HouseholdForm from '@/components/forms/HouseholdForm.vue'
import { useSession } from '@/stores/session'
import { useHouseholds } from '@/stores/households'
import { setBackend } from '@/api'
import type { Backend } from '@/api/backend'
import { VILLAGE, recorded, stubBackend } from './stubs'
import type { TimelineEntry } from '@/bindings'
import type { EffectiveAnswer } from '@/forms/useRecordSave'
import { today } from '@/format/dates'

let wrapper: VueWrapper | null = null
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
  document.body.innerHTML = ''
})
const q = (t: string) => document.body.querySelector(`[data-test="${t}"]`) as HTMLElement
const input = (t: string) => (q(t).tagName === 'INPUT' ? q(t) : q(t).querySelector('input')) as HTMLInputElement
async function type(el: HTMLInputElement, value: string) {
  el.value = value
  el.dispatchEvent(new Event('input'))
  await flushPromises()
}
/** Element Plus shows a form item's error after a 100 ms debounce. */
async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 160))
  await flushPromises()
}

describe('the year in the header', () => {
  beforeEach(() => setActivePinia(createPinia()))
  it('offers the years the core gives, the running year first, back to 2014', () => {
    const s = useSession()
    s.setInfo(recorded.ledgerInfo)
    expect(s.currentYear).toBe(2025)
    expect(s.years).toHaveLength(12)
    expect(s.years[0]).toBe(2025)
    expect(s.years.at(-1)).toBe(2014)
  })
  it('defaults to the current year (editable) and turns read-only for a past year', () => {
    const s = useSession()
    s.setInfo(recorded.ledgerInfo)
    expect(s.year).toBe(2025)
    expect(s.asOf).toBeNull()
    expect(s.readOnly).toBe(false)
    s.year = 2016
    expect(s.asOf).toBe('2016-12-31')
    expect(s.readOnly).toBe(true)
    s.year = s.currentYear
    expect(s.asOf).toBeNull()
  })
  it('loads the household list as of the year', async () => {
    const backend = stubBackend()
    const list = vi.mocked(backend.householdList)
    setBackend(backend)
    const s = useSession()
    s.setInfo(recorded.ledgerInfo)
    const rows = useHouseholds()
    await rows.load(VILLAGE)
    expect(list).toHaveBeenLastCalledWith(VILLAGE, null)
    s.year = 2016
    await rows.load(VILLAGE)
    expect(list, 'another year loads again').toHaveBeenLastCalledWith(VILLAGE, '2016-12-31')
    expect(rows.asOf).toBe('2016-12-31')
    await rows.load(VILLAGE)
    expect(list, 'the same year is kept').toHaveBeenCalledTimes(2)
  })
})

describe('EffectiveDialog', () => {
  function open(props: Record<string, unknown> = {}) {
    wrapper = mount(EffectiveDialog, { props: { today: '2025-06-30', ...props }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    return wrapper
  }
  const answer = () => wrapper!.emitted('ok')?.[0]?.[0] as EffectiveAnswer | undefined

  it('answers a change from today by default', async () => {
    open()
    await flushPromises()
    q('effective-ok').click()
    await flushPromises()
    expect(answer()).toEqual({ effective: { kind: 'change', from: '2025-06-30' }, reason: null, doc: null })
  })
  it('answers a correction of the value in force, with reason and 文号', async () => {
    open()
    await flushPromises()
    input('effective-correction').click()
    await type(input('effective-reason'), '身份证号录入错误')
    await type(input('effective-doc'), '景扶〔2016〕3号')
    q('effective-ok').click()
    await flushPromises()
    expect(answer()).toEqual({ effective: { kind: 'correction', on: null }, reason: '身份证号录入错误', doc: '景扶〔2016〕3号' })
  })
  it('takes the chosen date of a change', async () => {
    open()
    await flushPromises()
    const vm = wrapper!.vm as unknown as { from: string }
    vm.from = '2024-03-01'
    await flushPromises()
    q('effective-ok').click()
    await flushPromises()
    expect(answer()?.effective).toEqual({ kind: 'change', from: '2024-03-01' })
  })
  it('refuses a date in the future and a missing reason when one is required', async () => {
    open({ reasonRequired: true })
    await flushPromises()
    const vm = wrapper!.vm as unknown as { from: string }
    vm.from = '2025-07-01'
    q('effective-ok').click()
    await settle()
    const errors = [...document.body.querySelectorAll('[data-test="field-error"]')].map((e) => e.textContent?.trim())
    expect(errors).toContain('日期不能晚于今天')
    expect(errors).toContain('请填写原因')
    expect(wrapper!.emitted('ok')).toBeUndefined()
  })
})

describe('saving an edited household', () => {
  let backend: Backend
  beforeEach(() => {
    setActivePinia(createPinia())
    backend = stubBackend({
      householdCheck: async () => [],
      householdSave: async (_v, h) => ({ household_id: h.id, revision: 2, warnings: [] }),
    })
    setBackend(backend)
  })
  it('asks change or correction, then sends effective, reason and 文号', async () => {
    const save = vi.mocked(backend.householdSave)
    const d = await backend.householdGet('h-1', null)
    wrapper = mount(HouseholdForm, {
      props: { village: VILLAGE, household: d.household, groups: [] },
      global: { plugins: [ElementPlus] },
      attachTo: document.body,
    })
    await flushPromises()
    await type(input('household-code'), `${d.household.code}9`)
    q('form-save').click()
    await settle()
    expect(q('effective-dialog'), 'the dialog asks before saving').toBeTruthy()
    expect(save).not.toHaveBeenCalled()
    input('effective-correction').click()
    await type(input('effective-doc'), '文号1')
    q('effective-ok').click()
    await settle()
    expect(save).toHaveBeenCalledTimes(1)
    const [, , reason, effective, doc] = save.mock.calls[0]!
    expect({ reason, effective, doc }).toEqual({ reason: null, effective: { kind: 'correction', on: null }, doc: '文号1' })
    expect(wrapper.emitted('saved')).toHaveLength(1)
  })
  it('does not ask for a new household (a change from today)', async () => {
    const save = vi.mocked(backend.householdSave)
    wrapper = mount(HouseholdForm, {
      props: { village: VILLAGE, household: null, groups: [] },
      global: { plugins: [ElementPlus] },
      attachTo: document.body,
    })
    await flushPromises()
    await type(input('household-code'), '5308251020019999')
    await type(input('head-name'), '王新')
    q('form-save').click()
    await settle()
    expect(q('effective-dialog')).toBeNull()
    expect(save).toHaveBeenCalledTimes(1)
    expect(save.mock.calls[0]![3]).toEqual({ kind: 'change', from: today() })
  })
})

describe('TimelineTab', () => {
  const timeline: TimelineEntry[] = [
    { date: null, kind: 'fact', text: '危房等级：C级', reason: null, doc: null },
    { date: '2014-05-10', kind: 'status', text: '户状态：一般农户 → 未脱贫', reason: '识别为贫困户', doc: null },
    { date: '2016-03-01', kind: 'visit', text: '李明走访', reason: null, doc: null },
    { date: '2018-11-20', kind: 'status', text: '户状态：未脱贫 → 已脱贫', reason: '经民主评议、公示', doc: '景扶〔2018〕21号' },
  ]
  function open(t = timeline) {
    wrapper = mount(TimelineTab, { props: { timeline: t }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    return wrapper
  }
  const texts = (sel: string) => [...document.body.querySelectorAll(sel)].map((e) => e.textContent?.trim())

  it('lists entries newest first with date, text, reason and 文号', async () => {
    open()
    await flushPromises()
    expect(texts('[data-test="timeline-date"]')).toEqual(['2018年11月20日', '2016年3月1日', '2014年5月10日', '最初登记'])
    expect(texts('[data-test="timeline-text"]')[0]).toBe('户状态：未脱贫 → 已脱贫')
    const first = document.body.querySelector('[data-test="timeline-entry"]')!.textContent!
    expect(first).toContain('原因：经民主评议、公示')
    expect(first).toContain('文号：景扶〔2018〕21号')
  })
  it('turns to oldest first and filters by kind', async () => {
    open()
    await flushPromises()
    ;(wrapper!.vm as unknown as { newestFirst: boolean }).newestFirst = false
    await flushPromises()
    expect(texts('[data-test="timeline-date"]')[0]).toBe('最初登记')
    q('timeline-chip-visit').click()
    await flushPromises()
    expect(texts('[data-test="timeline-text"]')).not.toContain('李明走访')
    expect(texts('[data-test="timeline-count"]')).toEqual(['共 3 条'])
  })
  it('says so when there is nothing', async () => {
    open([])
    await flushPromises()
    expect(document.body.textContent).toContain('还没有变化记录')
  })
})
