// Picks the Backend and Desktop: Tauri inside the app (`window.__TAURI_INTERNALS__`), HTTP
// when the page was opened from `yibentong serve` (its address carries `?token=…`). There
// is no stand-in backend: anywhere else every command fails with a message saying so, and
// tests install their own stubs (`setBackend`).

import type { Backend } from './backend'
import { BackendError } from './errors'
import { browserDesktop } from './browser'
import { type Desktop, tauriDesktop } from './desktop'
import { httpBackend, servedToken } from './http'
import { tauriBackend } from './tauri'

export function insideTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window
}

const OUTSIDE = '一本通的界面只能在桌面程序中或用 yibentong serve 打开的地址使用（当前都不是）'

/** Every method rejects: the UI opened outside the desktop app has no ledger. */
function outside<T extends object>(): T {
  return new Proxy({} as T, {
    get: () => () => Promise.reject(new BackendError('unexpected', OUTSIDE)),
  })
}

let backend: Backend | null = null
let desktop: Desktop | null = null

export function useBackend(): Backend {
  const token = servedToken()
  backend ??= insideTauri() ? tauriBackend : token ? httpBackend(token) : outside<Backend>()
  return backend
}

export function useDesktop(): Desktop {
  const token = servedToken()
  desktop ??= insideTauri() ? tauriDesktop : token ? browserDesktop(token) : outside<Desktop>()
  return desktop
}

/** Tests install their own stubs. */
export function setBackend(b: Backend, d?: Desktop): void {
  backend = b
  desktop = d ?? outside<Desktop>()
}

export type { Backend } from './backend'
export { BackendError, errorText } from './errors'
