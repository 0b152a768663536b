// The visit form offers 走访常用语 from the core (the household's own facts); a click adds
// one to 了解情况, once.
import { afterEach, describe, expect, it } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import VisitForm from '@/components/forms/VisitForm.vue'
import { setBackend } from '@/api'
import { VILLAGE, stubBackend } from './stubs'

let wrapper: VueWrapper | null = null
afterEach(() => {
  wrapper?.unmount()
  document.body.innerHTML = ''
})

describe('VisitForm', () => {
  it('adds a 常用语 to 了解情况 on click, once', async () => {
    const backend = stubBackend({ visitPhrases: async () => ['了解张三的病情、治疗和医保报销情况', '核对收入一本账'] })
    setBackend(backend)
    const d = await backend.householdGet('h-1', null)
    wrapper = mount(VisitForm, { props: { village: VILLAGE, household: d.household, cadres: [], index: null }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    const chips = [...document.body.querySelectorAll<HTMLElement>('[data-test=visit-phrase]')]
    expect(chips.map((c) => c.textContent?.trim())).toEqual(['了解张三的病情、治疗和医保报销情况', '核对收入一本账'])
    const chip = (i: number) => document.body.querySelectorAll<HTMLElement>('[data-test=visit-phrase]')[i]!
    chip(0).click()
    await flushPromises()
    chip(1).click()
    await flushPromises()
    chip(0).click()
    await flushPromises()
    const found = document.body.querySelector('[data-test=visit-found]') as HTMLTextAreaElement
    const area = found.tagName === 'TEXTAREA' ? found : found.querySelector('textarea')!
    expect(area.value).toBe('了解张三的病情、治疗和医保报销情况；核对收入一本账')
  })
})
