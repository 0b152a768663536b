// 去填写 (issue #16, plain Chinese): a finding or a missing fact reads as a sentence, never
// as a JSON path, and its link opens the form that fills it in, at the field, with the
// core's message shown there. Policy sources read as documents; the addresses on demand.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { defineComponent, h, provide, ref } from 'vue'
import type { Backend } from '@/api/backend'
import type { Finding } from '@/bindings'
import VerdictsTab from '@/components/household/VerdictsTab.vue'
import MembersTab from '@/components/household/MembersTab.vue'
import { FIX_REQUEST, fixRoute, parsePath } from '@/forms/fix'
import { recorded, stubBackend, VILLAGE } from './stubs'
import { mountView, unmountView } from './mountView'

let backend: Backend
afterEach(unmountView)

describe('paths to forms', () => {
  it('reads a path as a record of a list and a field', () => {
    expect(parsePath('households[0].members[2].schooling')).toEqual({ list: 'members', index: 2, field: 'schooling' })
    expect(parsePath('members[1].work.months')).toEqual({ list: 'members', index: 1, field: 'work.months' })
    expect(parsePath('income')).toEqual({ list: 'income', index: null, field: '' })
    expect(parsePath('income[year=2026]')).toEqual({ list: 'income', index: null, field: '' })
    expect(parsePath('conditions.farmland_mu')).toEqual({ list: '', index: null, field: 'conditions.farmland_mu' })
  })
  it('sends a field to its tab and a local parameter to 设置', () => {
    expect(fixRoute('h-1', 'rigid_expenses[0].reimbursed')).toEqual({ path: '/households/h-1', query: { tab: 'income', fix: 'rigid_expenses[0].reimbursed' } })
    expect(fixRoute('h-1', 'conditions.house_grade')).toEqual({ path: '/households/h-1', query: { tab: 'info', fix: 'conditions.house_grade' } })
    expect(fixRoute('h-1', 'policy.dibao_line')).toEqual({ path: '/settings', query: { tab: 'policy' } })
  })
})

describe('VerdictsTab', () => {
  it('names what is missing in words with a 去填写 link, and cites documents, not addresses', async () => {
    await mountView(VerdictsTab, { backend: stubBackend(), props: { id: 'h-1', year: 2019, revision: 1 } })
    const text = document.body.textContent ?? ''
    expect(text).toMatch(/缺少数据：\s*本地政策参数“低保标准”\s*去填写/)
    expect(text, 'no JSON path on screen').not.toMatch(/policy\.|members\[|_line/)
    const link = document.body.querySelector('[data-test="verdict-fix"]') as HTMLAnchorElement
    expect(link.textContent).toBe('去填写')
    expect(link.getAttribute('href')).toBe('/settings?tab=policy')
    const basis = document.body.querySelector('[data-test="verdict-basis"]')!.textContent ?? ''
    expect(basis).toContain('2019年国家扶贫标准（统计监测标准）（全国）3218元：国家统计局')
    expect(basis, 'addresses only on demand').not.toContain('http')
    const withLink = recorded.verdicts.basis.find((b) => b.links.length)
    if (withLink) {
      ;(document.body.querySelector('[data-test="basis-links"]') as HTMLElement).click()
      await flushPromises()
      expect(document.body.querySelector('[data-test="verdict-basis"]')!.textContent).toContain(withLink.links[0])
    }
  })
})

/** The members tab of the recorded household, asked to fill in `path`. */
async function membersTabAsked(path: string, stub: Backend) {
  backend = stub
  const d = await backend.householdGet('h-1', null)
  const request = ref<string | null>(path)
  const Host = defineComponent({
    setup() {
      provide(FIX_REQUEST, request)
      return () => h(MembersTab, { village: VILLAGE, household: d.household, people: d.people })
    },
  })
  await mountView(Host, { backend })
  return { d, request }
}

describe('a fix request', () => {
  const badId: Finding[] = [{ severity: 'error', household: '', path: 'members[1].id_number', rule: 'id_number.checksum', message: '成员“李秀英”的身份证号校验位错误' }]

  it('opens the member’s form at the field and shows the core’s message there', async () => {
    const { d, request } = await membersTabAsked('members[1].id_number', stubBackend({ householdCheck: async () => badId }))
    await vi.waitFor(() => expect(request.value, 'the request is used up once the form is open').toBeNull(), { timeout: 2000 })
    await vi.waitFor(() => {
      const errors = [...document.body.querySelectorAll('[data-test="field-error"]')].map((e) => e.textContent?.trim())
      expect(errors).toEqual(['成员“李秀英”的身份证号校验位错误'])
    }, { timeout: 2000 })
    const dialog = document.body.querySelector('[data-test="form-dialog"]')!
    expect(dialog.textContent).toContain('修改家庭成员')
    const focused = document.activeElement as HTMLInputElement
    expect(focused.closest('[data-field]')?.getAttribute('data-field')).toBe('id_number')
    expect(focused.value).toBe(d.household.members[1]!.id_number)
  })

  it('does not open a record the household no longer has', async () => {
    await membersTabAsked('members[9].name', stubBackend())
    expect(document.body.querySelector('[data-test="form-dialog"]')).toBeNull()
  })
})
