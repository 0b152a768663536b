// BackendError: every failure from the shell, typed. The shell sends
// `{ code, message, findings }`; anything else (a thrown string, a JS error) becomes
// code `unexpected` so the UI can still branch on `code` and show `message`.

import type { Finding } from './types'

export type ErrorCode =
  | 'validation' | 'format' | 'not_found' | 'invalid' | 'schema_too_new' | 'storage' | 'io'
  | 'document' | 'locked' | 'unexpected'

const KNOWN: readonly string[] = [
  'validation', 'format', 'not_found', 'invalid', 'schema_too_new', 'storage', 'io', 'document', 'locked',
]

export class BackendError extends Error {
  readonly code: ErrorCode
  readonly findings: Finding[]

  constructor(code: ErrorCode, message: string, findings: Finding[] = []) {
    super(message)
    this.name = 'BackendError'
    this.code = code
    this.findings = findings
  }

  /** Turns whatever a command rejected with into a BackendError. */
  static from(raw: unknown): BackendError {
    if (raw instanceof BackendError) return raw
    if (raw && typeof raw === 'object' && 'code' in raw && 'message' in raw) {
      const r = raw as { code: unknown; message: unknown; findings?: unknown }
      const code = typeof r.code === 'string' && KNOWN.includes(r.code) ? (r.code as ErrorCode) : 'unexpected'
      const findings = Array.isArray(r.findings) ? (r.findings as Finding[]) : []
      return new BackendError(code, String(r.message), findings)
    }
    if (raw instanceof Error) return new BackendError('unexpected', raw.message)
    return new BackendError('unexpected', String(raw))
  }
}

/** The message to show for any error (Chinese from the core, or a fallback). */
export function errorText(e: unknown): string {
  const err = BackendError.from(e)
  return err.message || '操作失败'
}
