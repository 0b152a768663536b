// An in-memory Backend: for tests and for running the UI in a plain browser (vite dev or
// preview). Seeded from fixtures/village.json (exchange v1, 12 households); validation
// and assessment are the light stand-ins of fakeRules.ts. Saving keeps the same rules as
// the core where the UI depends on them: errors block the save (code `validation` with
// findings), a status change needs a reason (code `invalid`). It keeps no history: a
// date to read as of is ignored (today's facts, an empty timeline) and so is `effective`.

import type { Backend, CardKind, NoticeKind } from './backend'
import { BackendError } from './errors'
import { assess, checkHousehold, yearIncome } from './fakeRules'
import type {
  AppSettings, AttentionItem, Cadre, Household, HouseholdRow, LedgerInfo, Progress, Status,
  Village, VillageInfo, VillageOverview,
} from './types'
import fixture from './fixtures/village.json'
import { STATUS } from '@/format/codes'
import { daysBetween, today as todayIso } from '@/format/dates'
import { clone } from '@/forms/blank'
import { parseIdNumber } from '@/forms/idNumber'
import type { LocalValue } from '@/bindings/LocalValue'

interface Doc {
  village: Village
  cadres: Cadre[]
  households: Household[]
}

export interface FakeOptions {
  /** Start with an empty ledger (the welcome card); `loadDemo` then loads the fixture. */
  empty?: boolean
  /** The date the fake takes as today (tests pin it). */
  today?: string
  /** Milliseconds each call waits, to show loading states in a browser. */
  latency?: number
  /** Extra synthetic list rows, to try the list at county scale. */
  syntheticRows?: number
}

const BOUNDS = '阿芭擦搭蛾发噶哈机喀垃妈拿哦啪期然撒塌挖昔压匝'
const LETTERS = 'abcdefghjklmnopqrstwxyz'
const collator = new Intl.Collator('zh-CN')

/** Pinyin initials by collation (good enough for the fake; the core uses a real table). */
export function initials(name: string): string {
  let out = ''
  for (const ch of name) {
    if (/[a-z0-9]/i.test(ch)) {
      out += ch.toLowerCase()
      continue
    }
    let r = ''
    for (let i = 0; i < BOUNDS.length; i++) {
      if (collator.compare(ch, BOUNDS[i]!) >= 0) r = LETTERS[i]!
      else break
    }
    out += r
  }
  return out
}

function idTail(n: string | null | undefined): string {
  return n && n.length >= 4 ? n.slice(-4).toUpperCase() : ''
}

const DEFAULT_SETTINGS: AppSettings = {
  operator: '驻村第一书记',
  local_policy: { region: 'west', province: '云南省', county: '景东彝族自治县', dibao_line: null, monitoring_line: null, provincial_standard: null },
  mask_ids: true,
  stale_days: 180,
}

export interface FakeBackend extends Backend {
  /** Emits a progress event (tests). */
  emit(p: Progress): void
  /** The stored household (tests). */
  stored(id: string): Household | undefined
}

export function createFakeBackend(opts: FakeOptions = {}): FakeBackend {
  const today = opts.today ?? todayIso()
  const listeners = new Set<(p: Progress) => void>()
  let doc: Doc | null = null
  const revisions = new Map<string, number>()
  let settings: AppSettings = clone(DEFAULT_SETTINGS)
  let synthetic: HouseholdRow[] = []
  // A plain ledger, never locked: the passphrase screens are tried against stubs in tests.
  let localValues: LocalValue[] = []
  let lastBackup: string | null = null
  let cadreSeq = 0

  const load = () => {
    doc = clone(fixture as unknown as Doc)
    for (const h of doc.households) revisions.set(h.id, 1)
    synthetic = opts.syntheticRows ? makeSynthetic(opts.syntheticRows) : []
  }
  if (!opts.empty) load()

  const wait = () => new Promise<void>((r) => setTimeout(r, opts.latency ?? 0))
  const emit = (p: Progress) => listeners.forEach((cb) => cb(p))
  const needDoc = (): Doc => {
    if (!doc) throw new BackendError('not_found', '找不到行政村：台账中还没有数据')
    return doc
  }
  const needVillage = (code: string): Doc => {
    const d = needDoc()
    if (d.village.code !== code) throw new BackendError('not_found', `找不到行政村${code}`)
    return d
  }

  function info(): LedgerInfo {
    const villages: VillageInfo[] = doc
      ? [{
        code: doc.village.code, name: doc.village.name, township: doc.village.township ?? null,
        county: doc.village.county ?? null, region: doc.village.region ?? null,
        rural_population: doc.village.rural_population ?? null, groups: doc.village.groups,
        households: doc.households.length + synthetic.length,
      }]
      : []
    return { path: '（内存中的演示台账）', operator: settings.operator, villages, households: villages.reduce((s, v) => s + v.households, 0) }
  }

  function row(h: Household, d: Doc): HouseholdRow {
    const cadreName = (id: string) => d.cadres.find((c) => c.id === id)?.name ?? id
    const current = h.pairings.filter((p) => !p.end)
    const lastVisit = h.visits.map((v) => v.date).sort().at(-1) ?? null
    const head = h.members.find((m) => m.relation === 'head')?.name ?? null
    const keys = [h.code, ...h.members.map((m) => `${m.name} ${initials(m.name)} ${idTail(m.id_number)}`)].join(' ').toLowerCase()
    return {
      id: h.id, village: d.village.code, code: h.code, head, group: h.group ?? null,
      size: yearIncome(h, Number(today.slice(0, 4))).persons, status: h.status ?? null,
      attribute: h.attribute ?? null, main_cause: h.main_cause ?? null,
      cadres: current.map((p) => cadreName(p.cadre)).join('、'), cadre_ids: current.map((p) => p.cadre),
      last_visit: lastVisit,
      warnings: checkHousehold(h, d.cadres, today).filter((f) => f.severity === 'warning').length,
      revision: revisions.get(h.id) ?? 1, keys,
    }
  }

  function find(id: string): Household {
    const h = needDoc().households.find((x) => x.id === id)
    if (!h) throw new BackendError('not_found', `找不到农户${id}`)
    return h
  }

  function overview(village: string, year: number, staleDays: number): VillageOverview {
    const d = needVillage(village)
    const hs = d.households
    const byStatus: Record<string, number> = {}
    const persons: Record<string, number> = {}
    const item = (h: Household, note: string, extra: Partial<AttentionItem> = {}): AttentionItem => ({
      household_id: h.id, code: h.code, head: h.members.find((m) => m.relation === 'head')?.name ?? null, note, ...extra,
    })
    const stale: AttentionItem[] = []
    const warnings: AttentionItem[] = []
    const disagreements: AttentionItem[] = []
    const reviews: AttentionItem[] = []
    let poor = 0
    for (const h of hs) {
      const s = h.status ?? 'unrecorded'
      byStatus[s] = (byStatus[s] ?? 0) + 1
      persons[s] = (persons[s] ?? 0) + h.members.length
      if (h.status === 'poor' || h.status === 'relapsed') poor += h.members.length
      if (h.status && h.status !== 'ordinary') {
        const last = h.visits.map((v) => v.date).sort().at(-1)
        const days = last ? daysBetween(last, today) : null
        if (days === null) stale.push(item(h, '从未走访', { days: null }))
        else if (days > staleDays) stale.push(item(h, `已${days}天未走访（上次${last}）`, { days }))
      }
      const w = checkHousehold(h, d.cadres, today).filter((f) => f.severity === 'warning')
      if (w.length) warnings.push(item(h, w.map((f) => f.message).join('；')))
      const exit = assess(h, year).assessment.verdicts.find((v) => v.rule === 'household_exit')!
      if (h.status === 'exited' && exit.outcome === 'no') {
        disagreements.push(item(h, `记录为“${STATUS.exited}”，但${year}年脱贫退出判定为“否”`))
      } else if ((h.status === 'poor' || h.status === 'relapsed') && exit.outcome === 'yes') {
        disagreements.push(item(h, `记录为“${STATUS[h.status as Status]}”，但${year}年已满足脱贫退出条件`))
      }
      if (h.status === 'monitored' && h.monitoring && !h.monitoring.eliminated) {
        const due = addMonths(h.monitoring.identified, 6)
        if (due <= today) reviews.push(item(h, `${h.monitoring.identified}纳入监测，已满6个月，应评估风险消除`, { due }))
      }
    }
    stale.sort((a, b) => (b.days ?? 1e9) - (a.days ?? 1e9))
    const years = [...new Set(hs.flatMap((h) => h.income.map((l) => l.year)))].sort()
    const exits = new Map<number, { households: number; persons: number }>()
    for (const h of hs) {
      if (h.exit_year) {
        const e = exits.get(h.exit_year) ?? { households: 0, persons: 0 }
        e.households += 1
        e.persons += h.members.length
        exits.set(h.exit_year, e)
      }
    }
    const registered = hs.filter((h) => h.status && h.status !== 'ordinary')
    const incomeByYear = years.map((y) => {
      let net = 0
      let n = 0
      for (const h of registered) {
        const r = yearIncome(h, y)
        if (r.persons > 0 && h.income.some((l) => l.year === y)) {
          net += r.net
          n += r.persons
        }
      }
      const a = hs[0] ? assess(hs[0], y).assessment.policy : null
      return { year: y, per_capita: n ? Math.round((net / n) * 100) / 100 : null, poverty_line: a?.poverty_line ?? null, monitoring_line: a?.monitoring_line ?? null }
    })
    const rural = d.village.rural_population ?? null
    const threshold = d.village.region === 'west' ? 0.03 : 0.02
    const incidence = rural ? poor / rural : null
    return {
      village, year, households: hs.length, persons: hs.reduce((s, h) => s + h.members.length, 0),
      households_by_status: byStatus, persons_by_status: persons, poor_persons: poor,
      rural_population: rural, incidence, threshold,
      village_exit: incidence === null ? 'unknown' : incidence < threshold ? 'yes' : 'no',
      exits_by_year: [...exits.entries()].sort((a, b) => a[0] - b[0]).map(([y, e]) => ({ year: y, ...e })),
      income_by_year: incomeByYear, stale, warnings, disagreements, reviews_due: reviews,
    }
  }

  const printed = (out: string, pages: number) => ({ path: out, pages, checksum: 'a1b2c3d4e5f6' })

  const backend: FakeBackend = {
    emit,
    stored: (id) => doc?.households.find((h) => h.id === id),
    async ledgerInfo() {
      await wait()
      return info()
    },
    async ledgerStatus() {
      await wait()
      return { path: '（内存中的演示台账）', locked: false, encrypted: false, read_only: false, last_backup: lastBackup, households: info().households }
    },
    async ledgerUnlock() {
      await wait()
    },
    async passphraseCheck() {
      await wait()
      return { strength: '中', problem: null }
    },
    async ledgerEncrypt() {
      await wait()
    },
    async backupNow() {
      await wait()
      lastBackup = `/tmp/yibentong.db.backups/manual-${today}.db`
      return { path: lastBackup, taken: `${today} 12:00:00`, audit_rows: 0, encrypted: false }
    },
    async backupRestore(path) {
      await wait()
      return { path, taken: `${today} 12:00:00`, audit_rows: 0, encrypted: false }
    },
    async loadDemo() {
      const total = 12
      for (let i = 1; i <= total; i++) {
        await new Promise((r) => setTimeout(r, opts.latency ?? 0))
        emit({ task: 'demo', done: i, total })
      }
      load()
      return info()
    },
    async villageOverview(village, year, staleDays) {
      await wait()
      return overview(village, year, staleDays)
    },
    async householdList(village, _asOf) {
      await wait()
      const d = needVillage(village)
      return [...d.households.map((h) => row(h, d)), ...synthetic]
    },
    async search(query) {
      await wait()
      const q = query.trim().toLowerCase()
      if (!q || !doc) return []
      const d = doc
      return d.households.flatMap((h) => h.members
        .filter((m) => m.name.startsWith(q) || initials(m.name).startsWith(q) || idTail(m.id_number).toLowerCase() === q)
        .map((m) => ({
          member_id: m.id, name: m.name, relation: m.relation ?? null, id_tail: idTail(m.id_number),
          household_id: h.id, household_code: h.code, village: d.village.code,
          matched: m.name.startsWith(q) ? 'name' : initials(m.name).startsWith(q) ? 'initials' : 'id_tail',
        }))).slice(0, 50)
    },
    async householdGet(id, asOf) {
      await wait()
      const d = needDoc()
      const h = find(id)
      return {
        household: clone(h), revision: revisions.get(id) ?? 1, village: d.village.code,
        cadres: clone(d.cadres), warnings: checkHousehold(h, d.cadres, today).filter((f) => f.severity === 'warning'),
        as_of: asOf, registration: { kind: 'registered' }, registration_note: null, timeline: [],
      }
    },
    async householdCheck(village, household) {
      await wait()
      return checkHousehold(household, needVillage(village).cadres, today)
    },
    async householdSave(village, household, reason, _effective, _doc) {
      await wait()
      const d = needVillage(village)
      const findings = checkHousehold(household, d.cadres, today)
      const errors = findings.filter((f) => f.severity === 'error')
      if (errors.length) {
        throw new BackendError('validation', `数据校验未通过，共${errors.length}处错误`, errors)
      }
      const dup = d.households.find((h) => h.code === household.code && h.id !== household.id)
      if (dup) {
        const f = { severity: 'error' as const, household: household.code, path: 'code', rule: 'household.code.duplicate', message: `户编号${household.code}已被其他农户使用` }
        throw new BackendError('validation', '数据校验未通过，共1处错误', [f])
      }
      const i = d.households.findIndex((h) => h.id === household.id)
      const before = i >= 0 ? d.households[i]! : null
      if (before && (before.status ?? null) !== (household.status ?? null) && !(reason && reason.trim())) {
        throw new BackendError('invalid', '户状态变更须填写原因')
      }
      const copy = clone(household)
      for (const m of copy.members) {
        const p = m.id_number ? parseIdNumber(m.id_number) : null
        if (p && p.ok && !m.sex) m.sex = p.info.sex
      }
      if (i >= 0) d.households[i] = copy
      else d.households.push(copy)
      const rev = (revisions.get(household.id) ?? 0) + 1
      revisions.set(household.id, rev)
      return { household_id: household.id, revision: rev, warnings: findings.filter((f) => f.severity === 'warning') }
    },
    async assessHousehold(id, year) {
      await wait()
      return assess(find(id), year, settings.local_policy.monitoring_line)
    },
    async settingsGet() {
      await wait()
      return clone(settings)
    },
    async settingsSave(next, reason) {
      await wait()
      if (JSON.stringify(next.local_policy) !== JSON.stringify(settings.local_policy) && !(reason && reason.trim())) {
        throw new BackendError('invalid', '修改本地政策须填写原因')
      }
      if (!Number.isInteger(next.stale_days) || next.stale_days < 1) {
        throw new BackendError('invalid', `未走访提醒天数应为正整数，填写的是${next.stale_days}`)
      }
      settings = clone(next)
      return clone(settings)
    },
    async localValuesList() {
      await wait()
      return clone(localValues)
    },
    async localValueAdd(changes, reason) {
      await wait()
      if (!reason.trim()) throw new BackendError('invalid', '请填写修改原因（如依据的文件、会议）')
      localValues = [...localValues, ...changes.map((c) => ({ ...c, doc: c.doc ?? null, reason, recorded_at: `${today} 12:00:00`, operator: settings.operator }))]
      return clone(localValues)
    },
    async cadreList(village) {
      await wait()
      return clone(needVillage(village).cadres)
    },
    async cadreAdd(village, c) {
      await wait()
      const d = needVillage(village)
      const cadre: Cadre = { id: `c-new-${++cadreSeq}`, name: c.name, unit: c.unit ?? null, unit_level: c.unit_level ?? null, position: c.position ?? null, phone: c.phone ?? null, x_start: c.start ?? today }
      d.cadres.push(cadre)
      return clone(cadre)
    },
    async cadreEnd(village, id, end) {
      await wait()
      const c = needVillage(village).cadres.find((x) => x.id === id)
      if (!c) throw new BackendError('not_found', `找不到帮扶干部${id}`)
      c.x_end = end
      return clone(c)
    },
    async printCard(code, _kind: CardKind, _year, out) {
      await wait()
      if (!needDoc().households.some((h) => h.code === code)) throw new BackendError('not_found', `找不到户编号${code}`)
      return printed(out, 1)
    },
    async printBatch(village, _kind, _year, out, only) {
      const d = needVillage(village)
      const total = only ? only.length : d.households.length
      for (let i = 1; i <= total; i++) {
        await new Promise((r) => setTimeout(r, opts.latency ?? 0))
        emit({ task: 'print', done: i, total })
      }
      return printed(out, total)
    },
    async printRoster(village, _year, out) {
      await wait()
      needVillage(village)
      return printed(out, 2)
    },
    async printNotice(village, _year, _kind: NoticeKind | null, out) {
      await wait()
      needVillage(village)
      return printed(out, 1)
    },
    async importFile(path) {
      await wait()
      if (/bad|错误/.test(path)) {
        throw new BackendError('validation', '数据校验未通过，共2处错误', [
          { severity: 'error', household: '5308251020001', path: 'households[0].members[1].id_number', rule: 'id_number.invalid', message: '成员“刘秀英”的身份证号校验位错误：最后一位应为X，实际为1' },
          { severity: 'error', household: '5308251020003', path: 'households[2].income[4].month', rule: 'month.range', message: '月份应为1至12，填写的是13' },
        ])
      }
      if (!doc) load()
      return { village: needDoc().village.code, inserted: 0, updated: 0, unchanged: needDoc().households.length, warnings: 0 }
    },
    async exportVillage(village) {
      await wait()
      const d = needVillage(village)
      return new TextEncoder().encode(JSON.stringify({ format: 'yibentong.village/1', ...d })).length
    },
    async onProgress(cb) {
      listeners.add(cb)
      return () => listeners.delete(cb)
    },
  }
  return backend
}

function addMonths(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number]
  const total = y * 12 + (m - 1) + months
  const ny = Math.floor(total / 12)
  const nm = (total % 12) + 1
  return `${ny}-${String(nm).padStart(2, '0')}-${String(d).padStart(2, '0')}`
}

const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗'
const GIVEN = '国建明华秀英丽军伟芳海燕志强文春桂兰玉梅'
const STATUSES: Status[] = ['poor', 'exited', 'exited', 'exited', 'monitored', 'ordinary', 'relapsed', 'risk_eliminated']

/** Synthetic list rows (county scale) for trying the virtual table in a browser. */
function makeSynthetic(n: number): HouseholdRow[] {
  const rows: HouseholdRow[] = []
  for (let i = 0; i < n; i++) {
    const name = SURNAMES[i % 20]! + GIVEN[(i * 7) % 20]! + GIVEN[(i * 13 + 3) % 20]!
    const tail = String(1000 + (i % 9000))
    const code = `9${String(i).padStart(12, '0')}`
    rows.push({
      id: `syn-${i}`, village: '530825102001', code, head: name, group: `${(i % 9) + 1}组`,
      size: (i % 5) + 1, status: STATUSES[i % STATUSES.length]!, attribute: 'general',
      main_cause: 'illness', cadres: '李建国', cadre_ids: ['c-01'], last_visit: '2025-01-01',
      warnings: i % 11 === 0 ? 1 : 0, revision: 1,
      keys: `${code} ${name} ${initials(name)} ${tail}`.toLowerCase(),
    })
  }
  return rows
}
