// The screens of issue #11 and the roster (#16) against stubbed commands: the unlock
// screen, choosing a passphrase, the session's gate at start, a dated local value, the
// cadre dialog and "add the cadre typed" in the cadre picker.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest'
import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import { createPinia, setActivePinia } from 'pinia'
import ElementPlus from 'element-plus'
import { BackendError, setBackend } from '@/api'
import type { Backend } from '@/api/backend'
import type { Cadre, NewCadre } from '@/bindings'
import { VILLAGE, recorded, rejection, stubBackend } from './stubs'
import UnlockScreen from '@/components/security/UnlockScreen.vue'
import PassphraseSetup from '@/components/security/PassphraseSetup.vue'
import LocalValuesPanel from '@/components/settings/LocalValuesPanel.vue'
import CadreDialog from '@/components/CadreDialog.vue'
import CadreSelect from '@/components/CadreSelect.vue'
import { useSession } from '@/stores/session'

let backend: Backend
let wrapper: VueWrapper | null = null
/** The roster entry the shell answers for an added cadre (the recorded roster's shape). */
function added(c: NewCadre): Cadre {
  return { ...recorded.cadres[0]!, id: 'c-added', name: c.name, unit: c.unit ?? null, unit_level: c.unit_level ?? null, position: c.position ?? null, phone: c.phone ?? null, x_start: c.start ?? null, x_end: null }
}

beforeEach(() => {
  backend = stubBackend({
    ledgerEncrypt: async () => undefined,
    localValuesList: async () => [],
    localValueAdd: async () => recorded.valuesAdded,
    // The shell refuses a cadre without a name (its recorded answer).
    cadreAdd: async (_v, c) => (c.name.trim() ? added(c) : Promise.reject(rejection(recorded.noName))),
  })
  setBackend(backend)
  setActivePinia(createPinia())
  document.body.innerHTML = ''
})
afterEach(() => {
  wrapper?.unmount()
  wrapper = null
})

function mountIt(component: unknown, props: Record<string, unknown> = {}) {
  wrapper = mount(component as never, { props, global: { plugins: [ElementPlus] }, attachTo: document.body } as never) as VueWrapper
  return wrapper
}
const q = (t: string) => document.body.querySelector(`[data-test="${t}"]`) as HTMLElement
const input = (t: string) => (q(t).tagName === 'INPUT' ? q(t) : q(t).querySelector('input')) as HTMLInputElement
async function settle() {
  await flushPromises()
  await new Promise((r) => setTimeout(r, 160))
  await flushPromises()
}
async function type(el: HTMLInputElement, value: string) {
  el.value = value
  el.dispatchEvent(new Event('input'))
  el.dispatchEvent(new Event('change'))
  await flushPromises()
}
const fieldErrors = () => [...document.body.querySelectorAll('[data-test="field-error"]')].map((e) => e.textContent?.trim())
const enter = (el: HTMLElement) => el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true }))

describe('UnlockScreen', () => {
  it('calls ledger_unlock on Enter and shows a wrong passphrase at the field', async () => {
    const unlock = vi.fn(async (p: string) => {
      if (p !== '正确的口令2024') throw new BackendError('invalid', '口令不正确，请重新输入')
    })
    backend.ledgerUnlock = unlock
    const w = mountIt(UnlockScreen, { path: '/data/yibentong.db' })
    await flushPromises()
    await type(input('unlock-passphrase'), '错误口令')
    enter(input('unlock-passphrase'))
    await settle()
    expect(unlock).toHaveBeenCalledWith('错误口令')
    expect(fieldErrors()).toContain('口令不正确，请重新输入')
    expect(w.emitted('unlocked')).toBeUndefined()

    await type(input('unlock-passphrase'), '正确的口令2024')
    q('unlock-submit').click()
    await settle()
    expect(w.emitted('unlocked')).toHaveLength(1)
  })

  it('asks for the passphrase when the field is empty', async () => {
    const unlock = vi.spyOn(backend, 'ledgerUnlock')
    mountIt(UnlockScreen)
    await flushPromises()
    q('unlock-submit').click()
    await settle()
    expect(unlock).not.toHaveBeenCalled()
    expect(fieldErrors()).toContain('请输入口令')
  })
})

describe('PassphraseSetup', () => {
  beforeEach(() => {
    // The core's recorded answers for the two passphrases typed (the rule lives in the core).
    backend.passphraseCheck = async (p) => {
      if (p === 'abc') return recorded.weak
      if (p === '我家门前2024有条河') return recorded.strong
      throw new Error(`no recorded answer for ${p}`)
    }
  })

  it('shows the strength as typed, warns that it cannot be recovered, and requires the confirmation', async () => {
    const encrypt = vi.spyOn(backend, 'ledgerEncrypt')
    const w = mountIt(PassphraseSetup)
    await flushPromises()
    expect(q('passphrase-warning').textContent).toContain('口令丢失后无法找回，请另行妥善保管')

    await type(input('passphrase-new'), 'abc')
    await settle()
    expect(q('passphrase-strength').textContent).toBe(recorded.weak.strength)
    expect(q('passphrase-problem').textContent).toContain('至少8位')
    q('passphrase-submit').click()
    await settle()
    expect(fieldErrors()).toContain(recorded.weak.problem)

    await type(input('passphrase-new'), '我家门前2024有条河')
    await settle()
    expect(q('passphrase-strength').textContent).toBe(recorded.strong.strength)
    q('passphrase-submit').click()
    await settle()
    expect(fieldErrors()).toContain('请再次输入口令')

    await type(input('passphrase-confirm'), '我家门前2024有条沟')
    q('passphrase-submit').click()
    await settle()
    expect(fieldErrors()).toContain('两次输入的口令不一致，请重新输入')
    expect(encrypt).not.toHaveBeenCalled()

    await type(input('passphrase-confirm'), '我家门前2024有条河')
    q('passphrase-submit').click()
    await settle()
    expect(encrypt).toHaveBeenCalledWith('我家门前2024有条河')
    expect(w.emitted('done')).toHaveLength(1)
  })
})

describe('session gate', () => {
  it('locks on an encrypted ledger waiting for its passphrase', async () => {
    backend.ledgerStatus = async () => ({ path: 'x.db', locked: true, encrypted: true, read_only: false, last_backup: null, households: 0 })
    const info = vi.spyOn(backend, 'ledgerInfo')
    const s = useSession()
    await s.load()
    expect(s.gate).toBe('locked')
    expect(info).not.toHaveBeenCalled()
  })

  it('asks for a passphrase on a new plain ledger; 暂不加密 goes on', async () => {
    backend.ledgerStatus = async () => ({ path: 'x.db', locked: false, encrypted: false, read_only: false, last_backup: null, households: 0 })
    const s = useSession()
    await s.load()
    expect(s.gate).toBe('first')
    await s.skipEncryption()
    expect(s.gate).toBe('open')
    expect(s.info).not.toBeNull()
  })

  it('opens a plain ledger with data (encryption offered in 设置)', async () => {
    const s = useSession()
    await s.load()
    expect(s.gate).toBe('open')
    expect(s.status?.encrypted).toBe(false)
  })
})

describe('LocalValuesPanel', () => {
  it('requires the start date and the reason, then adds the dated value', async () => {
    const add = vi.spyOn(backend, 'localValueAdd')
    const w = mountIt(LocalValuesPanel)
    await settle()
    await type(input('local-value-value-input'), '6000')
    q('local-value-add').click()
    await settle()
    expect(fieldErrors()).toEqual(expect.arrayContaining(['请填写起始日期（从哪天起执行）', '请填写原因（如依据的文件、会议）']))
    expect(add).not.toHaveBeenCalled()

    await type(input('local-value-from-input'), '2025-01-01')
    await type(input('local-value-doc'), '景民发〔2024〕88号')
    await type(input('local-value-reason'), '县民政局2025年低保标准调整')
    q('local-value-add').click()
    await settle()
    expect(add).toHaveBeenCalledWith(
      [{ parameter: 'dibao_line', value: 6000, from: '2025-01-01', doc: '景民发〔2024〕88号' }],
      '县民政局2025年低保标准调整',
    )
    expect(w.emitted('added')).toHaveLength(1)
    expect(q('local-value-parameter').textContent).toBe('低保标准')
    expect(q('local-value-from').textContent).toBe('2025-01-01')
  })
})

describe('CadreDialog', () => {
  it('requires the name, then adds the cadre to the village', async () => {
    const add = vi.spyOn(backend, 'cadreAdd')
    const w = mountIt(CadreDialog, { village: VILLAGE })
    await flushPromises()
    q('cadre-save').click()
    await settle()
    expect(fieldErrors()).toContain('请填写帮扶干部的姓名')
    expect(w.emitted('added')).toBeUndefined()

    await type(input('cadre-name'), '张援朝')
    await type(input('cadre-unit'), '县林业和草原局')
    q('cadre-save').click()
    await settle()
    expect(add).toHaveBeenCalledWith(VILLAGE, expect.objectContaining({ name: '张援朝', unit: '县林业和草原局', start: expect.any(String) }))
    const cadre = w.emitted('added')![0]![0] as { name: string }
    expect(cadre.name).toBe('张援朝')
  })

  it('starts prefilled with the name typed elsewhere', async () => {
    mountIt(CadreDialog, { village: VILLAGE, name: '王新来' })
    await flushPromises()
    expect(input('cadre-name').value).toBe('王新来')
  })
})

describe('CadreSelect', () => {
  it('offers to add a name that is not in the roster and picks the new cadre', async () => {
    const cadres = await backend.cadreList(VILLAGE)
    const w = mountIt(CadreSelect, { village: VILLAGE, cadres, modelValue: '', 'onUpdate:modelValue': (v: string) => w.setProps({ modelValue: v }), 'data-test': 'pick' })
    await flushPromises()
    const field = q('pick').querySelector('input') as HTMLInputElement
    field.dispatchEvent(new Event('focus'))
    q('pick').querySelector('.el-select__wrapper')?.dispatchEvent(new MouseEvent('click', { bubbles: true }))
    await type(field, '王新来')
    await settle()
    const offer = [...document.body.querySelectorAll('.el-select-dropdown__item')].find((e) => e.textContent?.includes('新增帮扶干部“王新来”')) as HTMLElement
    expect(offer).toBeTruthy()
    offer.click()
    await settle()
    expect(input('cadre-name').value).toBe('王新来')
    q('cadre-save').click()
    await settle()
    const cadre = w.emitted('added')![0]![0] as { id: string; name: string }
    expect(cadre.name).toBe('王新来')
    expect((w.props() as { modelValue: string }).modelValue).toBe(cadre.id)
  })
})
