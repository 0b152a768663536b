// 数据核查 screen against the recorded answers: the core's findings listed with their
// Chinese level and message, counted and filtered by level; none at all reads 未发现问题.
import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import CheckView from '@/views/CheckView.vue'
import type { CheckFinding } from '@/bindings'
import { VILLAGE, recorded, stubBackend } from './stubs'
import { mountView, unmountView } from './mountView'

afterEach(unmountView)

async function show(findings: CheckFinding[]) {
  return mountView(CheckView, { backend: stubBackend({ villageCheck: async () => findings }), village: VILLAGE })
}

const code = () => recorded.rows[0].code
const finding = (p: Partial<CheckFinding>): CheckFinding => ({
  household: code(), path: 'households[0].members[3].schooling', rule: 'schooling.age', level: 'warning',
  message: '成员“张𠮷”8岁，在校生状况为学前教育，与学前教育的年龄（0至6岁）不符', ...p,
})

describe('CheckView', () => {
  it('lists the findings with level, household, head and message, and filters by level', async () => {
    const w = await show([
      finding({}),
      finding({ path: 'households[0].members[1].id_number', rule: 'person.in_two_households', level: 'error', message: '成员“李秀英”的身份证号同时登记在户3607291010990002，一人只能在一户' }),
    ])
    const messages = () => w.findAll('[data-test=check-message]').map((m) => m.text())
    expect(messages()).toHaveLength(2)
    expect(w.text()).toContain(recorded.rows[0].head ?? '')
    expect(w.find('[data-test=check-level]').text()).toContain('错误 1')
    expect(w.find('[data-test=check-level]').text()).toContain('提示 1')
    const errorsOnly = w.findAll('[data-test=check-level] label').find((l) => l.text().startsWith('错误'))
    await errorsOnly!.trigger('click')
    await flushPromises()
    expect(messages()).toEqual([expect.stringContaining('一人只能在一户')])
    expect(w.text()).not.toContain('households[0]')
  })

  it('offers to fill in the village\'s own fact in 设置 › 本村情况', async () => {
    const w = await show([finding({ household: '', path: 'village.rural_population', rule: 'village.population',
      message: '测试村的农村户籍人口未填写：贫困发生率和村出列判定无法计算' })])
    expect(w.find('[data-test=check-household]').text()).toBe('—')
    expect(w.find('[data-test=check-fix-village]').attributes('href')).toContain('/settings?tab=village')
  })

  it('says so when nothing is found', async () => {
    const w = await show([])
    expect(w.find('[data-test=check-empty]').text()).toContain('数据核查未发现问题')
  })
})
