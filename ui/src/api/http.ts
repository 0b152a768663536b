// The Backend over HTTP, for the browser mode (`yibentong serve`): each command is
// `POST /api/<name>` with its camelCase arguments as JSON and this launch's token in a
// header; a failure comes back as `{ code, message, findings }`, as over IPC, and becomes a
// BackendError. Progress reports are polled from `/events`; a heartbeat tells the server a
// page is still open (it stops a few minutes after the last one). The calls themselves are
// in `commands.ts`.

import type { Backend } from './backend'
import { commandsOver } from './commands'
import { BackendError } from './errors'
import type { Progress } from '@/bindings'

/** The header the server reads the token from. */
export const TOKEN_HEADER = 'X-Yibentong-Token'
/** How often the page says it is still open (the server stops after about 3 minutes without). */
const HEARTBEAT_MS = 30_000
/** How often progress is polled while a screen listens. */
const POLL_MS = 300

/** This launch's token from the page's address (`?token=…`); null outside the browser mode. */
export function servedToken(): string | null {
  if (typeof window === 'undefined') return null
  return new URLSearchParams(window.location.search).get('token')
}

/** A request to the server with the token; a server that is gone becomes a BackendError. */
export async function send(token: string, path: string, init: RequestInit = {}): Promise<Response> {
  try {
    return await fetch(path, { ...init, headers: { ...(init.headers ?? {}), [TOKEN_HEADER]: token } })
  } catch {
    throw new BackendError('unexpected', '无法连接一本通：浏览器模式的程序可能已经停止，请重新运行 yibentong serve')
  }
}

/** The JSON answer of a request, or its `{ code, message }` (or text) as a BackendError. */
export async function answerOf<T>(res: Response): Promise<T> {
  const text = await res.text()
  let body: unknown = text
  try {
    body = text ? JSON.parse(text) : null
  } catch {
    // A refusal (403) is plain text.
  }
  if (!res.ok) throw BackendError.from(body || `请求失败（${res.status}）`)
  return body as T
}

/** Polls `/events` while anyone listens; the first poll only learns where to start. */
function progressOver(token: string): Backend['onProgress'] {
  const listeners = new Set<(p: Progress) => void>()
  let after: number | null = null
  let polling = false
  async function poll(): Promise<void> {
    try {
      const res = await send(token, `/events?after=${after ?? 0}`)
      const { next, events } = await answerOf<{ next: number; events: Progress[] }>(res)
      if (after !== null) for (const e of events) for (const l of listeners) l(e)
      after = next
    } catch {
      // A lost report never stops the work.
    }
    if (listeners.size) setTimeout(poll, POLL_MS)
    else polling = false
  }
  return async (cb) => {
    listeners.add(cb)
    if (!polling) {
      polling = true
      after = null
      await poll()
    }
    return () => {
      listeners.delete(cb)
    }
  }
}

export function httpBackend(token: string): Backend {
  const call = async <T>(command: string, args?: Record<string, unknown>): Promise<T> => {
    const res = await send(token, `/api/${command}`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(args ?? {}),
    })
    return answerOf<T>(res)
  }
  const beat = () => void send(token, '/heartbeat', { method: 'POST' }).catch(() => undefined)
  setInterval(beat, HEARTBEAT_MS)
  return { ...commandsOver(call), onProgress: progressOver(token) }
}
