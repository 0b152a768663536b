// 变更记录 (the ledger's audit trail): rows in words with the household as a link to its
// 修改记录; the operator filter and 加载更早的记录 ask the core for the right page.
import { afterEach, describe, expect, it, vi } from 'vitest'
import { flushPromises } from '@vue/test-utils'
import ChangesView from '@/views/ChangesView.vue'
import type { ChangePage, LedgerChange } from '@/bindings'
import { stubBackend } from './stubs'
import { mountView, unmountView } from './mountView'

afterEach(unmountView)

const row = (n: number, operator = '李书记'): LedgerChange => ({
  household_id: 'h-1',
  household: '张三户（3607291010990001）',
  change: { at: `2026-11-${String(n).padStart(2, '0')} 09:00:00`, operator, action: '修改', what: '成员 · 健康状况', old: '健康', new: '患有大病', reason: '入户核实' },
})

describe('ChangesView', () => {
  it('lists changes in words, links the household, filters and pages', async () => {
    const pages: Record<string, ChangePage> = {
      first: { changes: [row(20), row(19, '王书记')], more: 41, operators: ['李书记', '王书记'] },
      next: { changes: [row(3)], more: null, operators: ['李书记', '王书记'] },
    }
    const ledgerChanges = vi.fn(async (q: { before: number | null }) => (q.before === 41 ? pages.next! : pages.first!))
    await mountView(ChangesView, { backend: stubBackend({ ledgerChanges }) })
    const table = document.body.querySelector('[data-test="ledger-changes-table"]')!.textContent ?? ''
    expect(table).toContain('成员 · 健康状况')
    expect(table).toContain('患有大病')
    expect(table).toContain('王书记')
    const link = document.body.querySelector('[data-test="changes-household"]') as HTMLAnchorElement
    expect(link.textContent).toBe('张三户（3607291010990001）')
    expect(link.getAttribute('href')).toBe('/households/h-1?tab=changes')
    ;(document.body.querySelector('[data-test="changes-more"]') as HTMLElement).click()
    await flushPromises()
    expect(ledgerChanges).toHaveBeenLastCalledWith({ operator: null, since: null, before: 41 })
    expect(document.body.querySelectorAll('[data-test="changes-household"]').length).toBe(3)
    expect(document.body.querySelector('[data-test="changes-more"]'), 'the last page').toBeNull()
  })
})
