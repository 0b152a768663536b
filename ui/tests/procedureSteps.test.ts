// The 监测程序 rows: a date records a step, clearing it removes the step, and the list is
// kept in the core's order (纳入监测 before 风险消除, steps in order) whatever order the cadre
// types the dates in, so the core's findings at monitoring.x_procedure[i] land on the row
// they name.
import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import ProcedureSteps from '@/components/forms/ProcedureSteps.vue'
import type { ProcedureRecord } from '@/bindings'
import { PROCEDURE_STEP } from '@/format/codes'

function mountSteps(list: ProcedureRecord[]) {
  const state = { list }
  const wrapper = mount(ProcedureSteps, {
    props: {
      stage: 'identification',
      modelValue: state.list,
      'onUpdate:modelValue': (v: ProcedureRecord[]) => {
        state.list = v
        void wrapper.setProps({ modelValue: v })
      },
    },
    global: { plugins: [ElementPlus] },
  })
  /** The date picker of a step's row, by the step's label (the core's). */
  const picker = (step: keyof typeof PROCEDURE_STEP) =>
    wrapper.findAllComponents({ name: 'ElFormItem' }).find((f) => f.find('.el-form-item__label').exists() && f.find('.el-form-item__label').text() === PROCEDURE_STEP[step])!.findComponent({ name: 'ElDatePicker' })
  return { wrapper, state, picker }
}

const approvedElimination: ProcedureRecord = {
  stage: 'elimination', step: 'county_approval', date: '2026-10-20', until: null, people: null, note: null,
}

describe('ProcedureSteps', () => {
  it('keeps the steps in the core’s order and maps each row to its index', async () => {
    const { wrapper, state, picker } = mountSteps([approvedElimination])
    expect(wrapper.findAllComponents({ name: 'ElDatePicker' })).toHaveLength(7)
    picker('data_comparison').vm.$emit('update:modelValue', '2026-03-05')
    await wrapper.vm.$nextTick()
    picker('home_check').vm.$emit('update:modelValue', '2026-03-03')
    await wrapper.vm.$nextTick()
    expect(state.list.map((r) => `${r.stage}/${r.step}`)).toEqual([
      'identification/home_check', 'identification/data_comparison', 'elimination/county_approval',
    ])
    // The 核查人员 row appears with the step, at its index.
    expect(wrapper.find('[data-field="monitoring.x_procedure[0].people"]').exists()).toBe(true)
    expect(wrapper.find('[data-field="monitoring.x_procedure[1].date"]').exists()).toBe(true)
  })

  it('removes a step whose date is cleared and keeps the others', async () => {
    const { wrapper, state, picker } = mountSteps([
      { stage: 'identification', step: 'application', date: '2026-03-02', until: null, people: null, note: null },
      { stage: 'identification', step: 'publicity', date: '2026-03-07', until: '2026-03-12', people: null, note: null },
    ])
    picker('application').vm.$emit('update:modelValue', null)
    await wrapper.vm.$nextTick()
    expect(state.list).toEqual([
      { stage: 'identification', step: 'publicity', date: '2026-03-07', until: '2026-03-12', people: null, note: null },
    ])
  })
})
