// The member form against the real commands' recorded answers (the form checks nothing
// itself): the core's findings land at their fields when a field is left and on save, and
// nothing typed is lost; a refused save lands at its fields; a good member saves on Enter;
// a changed form asks before it is discarded.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import MemberForm from '@/components/forms/MemberForm.vue'
import { setBackend } from '@/api'
import type { Backend } from '@/api/backend'
import type { Household } from '@/bindings'
import { VILLAGE, recorded, rejection, stubBackend } from './stubs'

let backend: Backend
let wrapper: VueWrapper | null = null

beforeEach(() => {
  backend = stubBackend({
    householdCheck: async () => [],
    householdSave: async (_v, h) => ({ household_id: h.id, revision: 2, warnings: [] }),
  })
  setBackend(backend)
  document.body.innerHTML = ''
})
afterEach(() => wrapper?.unmount())

async function open(initial: Record<string, unknown> = {}, index: number | null = null) {
  const d = await backend.householdGet('h-1', null)
  wrapper = mount(MemberForm, {
    props: { village: VILLAGE, household: d.household, index, persist: true, initial },
    global: { plugins: [ElementPlus] },
    attachTo: document.body,
  })
  await flushPromises()
  const q = (t: string) => document.body.querySelector(`[data-test="${t}"]`) as HTMLElement
  const input = (t: string) => (q(t).tagName === 'INPUT' ? q(t) : q(t).querySelector('input')) as HTMLInputElement
  return { d, q, input }
}
/** Element Plus shows a form item's error after a 100 ms debounce. */
async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 160))
  await flushPromises()
}
async function type(el: HTMLInputElement, value: string) {
  el.value = value
  el.dispatchEvent(new Event('input'))
  await flushPromises()
}

describe('MemberForm', () => {
  it('shows the core’s messages at their fields on save and keeps what was typed', async () => {
    vi.mocked(backend.householdCheck).mockResolvedValue(recorded.halfFilled)
    const { q, input } = await open()
    await type(input('member-name'), '李小明')
    await type(input('member-id-number'), '110105194912310021')
    q('form-save').click()
    await settle()
    const errors = [...document.body.querySelectorAll('[data-test="field-error"]')].map((e) => e.textContent?.trim())
    expect(errors).toContain('成员“李小明”的身份证号校验位错误：最后一位应为X，实际为1')
    expect(errors, 'relation is required too').toContain('请选择与户主关系')
    expect(input('member-name').value).toBe('李小明')
    expect(wrapper!.emitted('saved')).toBeUndefined()
  })
  it('checks a field when it is left, shows only that field, and clears the message once fixed', async () => {
    vi.mocked(backend.householdCheck).mockResolvedValue(recorded.halfFilled)
    const { input } = await open()
    await type(input('member-name'), '李小明')
    await type(input('member-id-number'), '110105194912310021')
    input('member-id-number').dispatchEvent(new FocusEvent('focusout', { bubbles: true }))
    await settle()
    await settle()
    let errors = [...document.body.querySelectorAll('[data-test="field-error"]')].map((e) => e.textContent?.trim())
    expect(errors).toEqual(['成员“李小明”的身份证号校验位错误：最后一位应为X，实际为1'])
    // Fixed: the core finds nothing more at that field.
    vi.mocked(backend.householdCheck).mockResolvedValue(recorded.halfFilled.filter((f) => !f.path.endsWith('id_number')))
    await type(input('member-id-number'), '530825198503030078')
    input('member-id-number').dispatchEvent(new FocusEvent('focusout', { bubbles: true }))
    await settle()
    await settle()
    errors = [...document.body.querySelectorAll('[data-test="field-error"]')].map((e) => e.textContent?.trim())
    expect(errors).toEqual([])
    expect(document.body.textContent, 'sex and birth as the core reads them').toContain('1985-03-03')
  })
  it('asks before discarding a changed form', async () => {
    const { q, input } = await open()
    await type(input('member-name'), '李小明')
    q('form-cancel').click()
    await settle()
    expect(document.body.textContent).toContain('填写的内容还没有保存')
    expect(wrapper!.emitted('cancel')).toBeUndefined()
  })
  it('shows the core’s finding at its field (relation against sex from the ID)', async () => {
    // 之子 (a son) for a woman: only the core's check catches this (its recorded answer).
    vi.mocked(backend.householdCheck).mockResolvedValue(recorded.sonFemale)
    const { d, input } = await open({ relation: 'son' })
    await type(input('member-name'), '李小红')
    await type(input('member-id-number'), '11010519491231002X')
    input('member-name').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    await settle()
    const sent = vi.mocked(backend.householdCheck).mock.calls.at(-1)![1]
    expect(sent.members.at(-1), 'the form sends the member the answer was recorded for').toMatchObject({ name: '李小红', relation: 'son', id_number: '11010519491231002X' })
    expect(sent.members).toHaveLength(d.household.members.length + 1)
    const errors = [...document.body.querySelectorAll('[data-test="field-error"]')].map((e) => e.textContent?.trim())
    expect(errors.some((e) => e?.includes('与户主关系为“之子”，但性别为“女”')), errors.join(' | ')).toBe(true)
    expect(backend.householdSave).not.toHaveBeenCalled()
  })
  it('puts a refused save’s findings at their fields and keeps the form open', async () => {
    // The shell's `validation` answer for members[1].id_number (recorded).
    vi.mocked(backend.householdSave).mockRejectedValue(rejection(recorded.badId))
    const { d, input } = await open({}, 1)
    await type(input('member-id-number'), '11010519491231002X')
    input('member-name').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    await settle()
    // An edited member: "change or correction" first (a change from today).
    ;(document.body.querySelector('[data-test="effective-ok"]') as HTMLElement).click()
    await settle()
    expect(backend.householdSave).toHaveBeenCalledTimes(1)
    const errors = [...document.body.querySelectorAll('[data-test="field-error"]')].map((e) => e.textContent?.trim())
    expect(recorded.badId.code).toBe('validation')
    expect(errors).toContain(recorded.badId.findings[0]!.message)
    expect(input('member-name').value).toBe(d.household.members[1]!.name)
    expect(wrapper!.emitted('saved')).toBeUndefined()
  })
  it('keeps the monitoring system’s finer relation, 文化程度, 在校生状况 and urban 低保, and drops the relation’s once 其他 is no longer chosen', async () => {
    const { q, input } = await open({ relation: 'other', x_relation_detail: 'niece', education: 'college_plus', x_education_detail: 'bachelor', dibao: true, x_dibao_area: 'urban', schooling: 'college_plus', x_schooling_detail: 'postgraduate' })
    const shown = (t: string) => q(t)?.querySelector('.el-select__placeholder')?.textContent?.trim()
    expect(shown('member-relation-detail')).toBe('之侄女')
    expect(shown('member-education-detail')).toBe('本科及以上')
    expect(shown('member-dibao-area')).toBe('城市')
    expect(shown('member-schooling-detail')).toBe('硕士生及以上')
    expect(q('member-tekun-area'), 'no 特困供养, no scheme').toBeNull()
    q('member-relation').querySelector('.el-select__wrapper')!.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    await settle()
    const son = [...document.body.querySelectorAll('.el-select-dropdown__item')].find((e) => e.textContent?.trim() === '之子') as HTMLElement
    son.click()
    await settle()
    expect(q('member-relation-detail'), 'a son has no finer relation').toBeNull()
    await type(input('member-name'), '李小军')
    await type(input('member-id-number'), '530825198503030078')
    input('member-id-number').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    await settle()
    const saved = (vi.mocked(backend.householdSave).mock.calls[0]![1] as Household).members.at(-1)!
    expect(saved.relation).toBe('son')
    expect(saved.x_relation_detail ?? null).toBeNull()
    expect(saved.x_education_detail).toBe('bachelor')
    expect(saved.x_dibao_area).toBe('urban')
    expect(saved.x_schooling_detail).toBe('postgraduate')
  })
  it('drops a finer 文化程度 once its 文化程度 is no longer chosen', async () => {
    const { q, input } = await open({ relation: 'son', education: 'college_plus', x_education_detail: 'bachelor' })
    q('member-education').querySelector('.el-select__wrapper')!.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    await settle()
    const primary = [...document.body.querySelectorAll('.el-select-dropdown__item')].find((e) => e.textContent?.trim() === '小学') as HTMLElement
    primary.click()
    await settle()
    expect(q('member-education-detail'), '小学 has no finer value').toBeNull()
    await type(input('member-name'), '李小军')
    await type(input('member-id-number'), '530825198503030078')
    input('member-id-number').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    await settle()
    const saved = (vi.mocked(backend.householdSave).mock.calls[0]![1] as Household).members.at(-1)!
    expect(saved.education).toBe('primary')
    expect(saved.x_education_detail ?? null).toBeNull()
  })
  it('saves a valid member on Enter', async () => {
    const { d, input } = await open({ relation: 'son' })
    await type(input('member-name'), '李小军')
    await type(input('member-id-number'), '530825198503030078')
    input('member-id-number').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    await settle()
    expect(wrapper!.emitted('saved')).toHaveLength(1)
    const saved = vi.mocked(backend.householdSave).mock.calls[0]![1] as Household
    expect(saved.id).toBe(d.household.id)
    expect(saved.members.at(-1)?.name).toBe('李小军')
    expect(saved.members.at(-1)?.sex, 'sex is taken from the ID number').toBe('male')
  })
})
