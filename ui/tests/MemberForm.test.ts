// The member form against the fake backend: a bad ID number shows the Chinese message
// at its field and nothing is lost; a good one saves; Enter saves.
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import MemberForm from '@/components/forms/MemberForm.vue'
import { setBackend } from '@/api'
import { createFakeBackend, type FakeBackend } from '@/api/fake'
import { buildIdNumber } from '@/forms/idNumber'

let backend: FakeBackend
let wrapper: VueWrapper | null = null

beforeEach(() => {
  backend = createFakeBackend({ today: '2025-12-31' })
  setBackend(backend)
  document.body.innerHTML = ''
})
afterEach(() => wrapper?.unmount())

async function open(initial: Record<string, unknown> = {}) {
  const d = await backend.householdGet('h-02', null)
  wrapper = mount(MemberForm, {
    props: { village: '530825102001', household: d.household, index: null, persist: true, initial },
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
  it('shows the checksum message at the ID field and keeps what was typed', async () => {
    const { q, input } = await open()
    await type(input('member-name'), '李小明')
    await type(input('member-id-number'), '110105194912310021')
    q('form-save').click()
    await settle()
    const errors = [...document.body.querySelectorAll('[data-test="field-error"]')].map((e) => e.textContent?.trim())
    expect(errors).toContain('身份证号校验位错误：最后一位应为X，实际为1')
    expect(errors, 'relation is required too').toContain('请填写与户主关系')
    expect(input('member-name').value).toBe('李小明')
    expect(wrapper!.emitted('saved')).toBeUndefined()
  })
  it('shows the core’s finding at its field (relation against sex from the ID)', async () => {
    // 之子 (a son) for a woman: only the core's check catches this.
    const { d, input } = await open({ relation: 'son' })
    await type(input('member-name'), '李小红')
    await type(input('member-id-number'), buildIdNumber('530825', '1990-01-01', 5, 'female'))
    input('member-name').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    await settle()
    const errors = [...document.body.querySelectorAll('[data-test="field-error"]')].map((e) => e.textContent?.trim())
    expect(errors.some((e) => e?.includes('与户主关系为“之子”，但性别为“女”')), errors.join(' | ')).toBe(true)
    expect(backend.stored(d.household.id)!.members).toHaveLength(d.household.members.length)
  })
  it('saves a valid member on Enter', async () => {
    const { d, input } = await open({ relation: 'son' })
    await type(input('member-name'), '李小军')
    await type(input('member-id-number'), buildIdNumber('530825', '1985-03-03', 7, 'male'))
    input('member-id-number').dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))
    await settle()
    expect(wrapper!.emitted('saved')).toHaveLength(1)
    const stored = backend.stored(d.household.id)!
    expect(stored.members.at(-1)?.name).toBe('李小军')
    expect(stored.members.at(-1)?.sex, 'sex is taken from the ID number').toBe('male')
  })
})
