// Errors keep their kind to the screen: the shell's `{code, message, findings}` becomes a
// BackendError; a `policy` error (recorded from assess_household on a ledger whose stored
// 省定标准 is -1) offers the way to 设置 → 本地政策参数, a `validation` error does not.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import { createMemoryHistory, createRouter } from 'vue-router'
import { BackendError } from '@/api'
import { fixRoute } from '@/api/errors'
import VerdictsTab from '@/components/household/VerdictsTab.vue'
import { recorded, rejection, stubBackend } from './stubs'
import { mountView, unmountView } from './mountView'

afterEach(unmountView)

describe('BackendError', () => {
  it('keeps the shell’s code, message and findings', () => {
    const policy = BackendError.from(recorded.policyError)
    expect(policy.code).toBe('policy')
    expect(policy.message).toBe(recorded.policyError.message)
    const invalid = BackendError.from(recorded.badId)
    expect(invalid.code).toBe('validation')
    expect(invalid.findings[0]?.path).toBe('members[1].id_number')
  })
  it('turns anything else into `unexpected`', () => {
    expect(BackendError.from('boom')).toMatchObject({ code: 'unexpected', message: 'boom' })
    expect(BackendError.from(new Error('x')).code).toBe('unexpected')
    expect(BackendError.from({ message: 'no code' }).code).toBe('unexpected')
  })
  it('sends a policy error to 设置 and nothing else', () => {
    expect(fixRoute(recorded.policyError)).toBe('/settings?tab=policy')
    expect(fixRoute(recorded.badId)).toBeNull()
    expect(fixRoute(new Error('x'))).toBeNull()
  })
})

describe('a policy error on a screen', () => {
  it('shows the core’s message and a way to 本地政策参数', async () => {
    const backend = stubBackend({ assessHousehold: async () => { throw rejection(recorded.policyError) } })
    const router = createRouter({ history: createMemoryHistory(), routes: [{ path: '/', component: { template: '<div />' } }, { path: '/settings', component: { template: '<div />' } }] })
    await router.push('/')
    const push = vi.spyOn(router, 'push')
    await mountView(VerdictsTab, { backend, props: { id: 'h-1', year: 2019, revision: 1 }, router })
    const alert = document.body.querySelector('[data-test="error-alert"]')!
    expect(alert.textContent).toContain(recorded.policyError.message)
    ;(document.body.querySelector('[data-test="error-fix-policy"]') as HTMLElement).click()
    await flushPromises()
    expect(push).toHaveBeenCalledWith('/settings?tab=policy')
  })
  it('shows a verdict answer as recorded (no policy error, no fix button)', async () => {
    await mountView(VerdictsTab, { backend: stubBackend(), props: { id: 'h-1', year: 2019, revision: 1 } })
    expect(document.body.querySelector('[data-test="error-fix-policy"]')).toBeNull()
    const exit = document.body.querySelector('[data-test="verdict-household_exit"]')
    const recordedExit = recorded.verdicts.assessment.verdicts.find((v) => v.rule === 'household_exit')!
    expect(exit?.getAttribute('data-outcome')).toBe(recordedExit.outcome)
  })
})
