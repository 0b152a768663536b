// BackendError: every failure from the shell, typed. The shell sends
// `{ code, message, findings }` (the generated `AppError`, its codes the generated
// `ErrorCode`); anything else (a thrown string, a JS error) becomes code `unexpected` so
// the UI can still branch on `code` and show `message`.

import type { ErrorCode as ShellCode, Finding } from '@/bindings'

export type ErrorCode = ShellCode | 'unexpected'

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
      // The shell's codes are its own (generated type); a shape without a string code is
      // not from the shell.
      const code = typeof r.code === 'string' && r.code !== '' ? (r.code as ShellCode) : 'unexpected'
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

/**
 * Where the cadre fixes what an error names: a `policy` error (a local parameter of the year
 * is missing or out of range) is fixed in 设置 → 本地政策参数; anything else where it happened.
 */
export function fixRoute(e: unknown): string | null {
  return BackendError.from(e).code === 'policy' ? '/settings?tab=policy' : null
}
