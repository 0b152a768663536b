// The browser mode's transport: a command is a POST to /api/<name> with the camelCase
// arguments and the launch's token; a typed failure becomes a BackendError with its code,
// a refusal without the token too (as `unexpected`, with the server's words).
import { afterEach, describe, expect, it, vi } from 'vitest'
import { httpBackend, TOKEN_HEADER } from '@/api/http'
import { BackendError } from '@/api/errors'

afterEach(() => vi.unstubAllGlobals())

function serve(status: number, body: string) {
  const fetch = vi.fn(async (_url: string, _init?: RequestInit) => new Response(body, { status }))
  vi.stubGlobal('fetch', fetch)
  return fetch
}

describe('httpBackend', () => {
  it('posts the command with its arguments and the token', async () => {
    const fetch = serve(200, '[{"id":"h-1"}]')
    const rows = await httpBackend('t0k').householdList('360729101099', null)
    expect(rows).toEqual([{ id: 'h-1' }])
    const [url, init] = fetch.mock.calls.find(([u]) => u.startsWith('/api/'))!
    if (!init) throw new Error('the request has options')
    expect(url).toBe('/api/household_list')
    expect(init.method).toBe('POST')
    expect((init.headers as Record<string, string>)[TOKEN_HEADER]).toBe('t0k')
    expect(JSON.parse(String(init.body))).toEqual({ village: '360729101099', asOf: null })
  })

  it('turns a typed failure into a BackendError with its code and findings', async () => {
    serve(400, JSON.stringify({ code: 'validation', message: '身份证号校验位错误', findings: [{ path: 'members[0].id_number' }] }))
    const e = await httpBackend('t0k').search('zs').catch((x) => x)
    expect(e).toBeInstanceOf(BackendError)
    expect(e.code).toBe('validation')
    expect(e.findings).toHaveLength(1)
  })

  it('reports a refusal in the server\'s words', async () => {
    serve(403, '拒绝访问：缺少或错误的访问令牌。')
    const e = await httpBackend('wrong').ledgerInfo().catch((x) => x)
    expect(e.code).toBe('unexpected')
    expect(e.message).toContain('拒绝访问')
  })
})
