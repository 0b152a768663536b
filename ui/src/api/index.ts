// Picks the Backend and Desktop: Tauri inside the app (`window.__TAURI_INTERNALS__`). There
// is no stand-in backend: outside the app every command fails with a message saying so, and
// tests install their own stubs (`setBackend`).

import type { Backend } from './backend'
import { BackendError } from './errors'
import { type Desktop, tauriDesktop } from './desktop'
import { tauriBackend } from './tauri'

export function insideTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window
}

const OUTSIDE = '一本通的界面只能在桌面程序中使用（当前不在桌面程序中）'

/** Every method rejects: the UI opened outside the desktop app has no ledger. */
function outside<T extends object>(): T {
  return new Proxy({} as T, {
    get: () => () => Promise.reject(new BackendError('unexpected', OUTSIDE)),
  })
}

let backend: Backend | null = null
let desktop: Desktop | null = null

export function useBackend(): Backend {
  backend ??= insideTauri() ? tauriBackend : outside<Backend>()
  return backend
}

export function useDesktop(): Desktop {
  desktop ??= insideTauri() ? tauriDesktop : outside<Desktop>()
  return desktop
}

/** Tests install their own stubs. */
export function setBackend(b: Backend, d?: Desktop): void {
  backend = b
  desktop = d ?? outside<Desktop>()
}

export type { Backend } from './backend'
export { BackendError, errorText } from './errors'
