// 家庭成员 shows each member's 与户主关系, 文化程度 and 在校生状况 in the core's words (the finer
// value where the member has one: 之侄女, 本科及以上), not words of its own; the 人口变动
// form names members the same way.
import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import MembersTab from '@/components/household/MembersTab.vue'
import { setBackend } from '@/api'
import { VILLAGE, stubBackend } from './stubs'

let wrapper: VueWrapper | null = null
afterEach(() => wrapper?.unmount())

describe('MembersTab', () => {
  it('shows the words the core gives for each member', async () => {
    const backend = stubBackend({})
    setBackend(backend)
    const d = await backend.householdGet('h-1', null)
    const people = d.people.map((p, i) => (i === 0
      ? { ...p, relation: '之侄女', education: '本科及以上', schooling: '硕士生及以上' }
      : p))
    wrapper = mount(MembersTab, {
      props: { village: VILLAGE, household: d.household, people },
      global: { plugins: [ElementPlus] },
      attachTo: document.body,
    })
    await flushPromises()
    const first = wrapper.findAll('[data-test=members-table] tbody tr')[0]!.text()
    expect(first).toContain('之侄女')
    expect(first).toContain('本科及以上')
    expect(first).toContain('硕士生及以上')
    // The other members as the shell answered (配偶, 小学, 非在校生).
    const second = wrapper.findAll('[data-test=members-table] tbody tr')[1]!.text()
    expect(second).toContain(d.people[1]!.relation!)
    expect(second).toContain(d.people[1]!.education!)
    expect(second).toContain(d.people[1]!.schooling!)
  })
})
