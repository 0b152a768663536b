// Picks the Backend and Desktop: Tauri inside the app (`window.__TAURI_INTERNALS__`),
// else the in-memory fake. In a browser, `?empty` starts with an empty ledger and
// `?rows=200000` adds synthetic list rows (to try the list at county scale).

import type { Backend } from './backend'
import { type Desktop, fakeDesktop, tauriDesktop } from './desktop'
import { createFakeBackend } from './fake'
import { tauriBackend } from './tauri'

export function insideTauri(): boolean {
  return typeof window !== 'undefined' && '__TAURI_INTERNALS__' in window
}

function browserFake(): Backend {
  const params = new URLSearchParams(typeof location === 'undefined' ? '' : location.search)
  return createFakeBackend({
    empty: params.has('empty'),
    latency: 30,
    syntheticRows: Number(params.get('rows') ?? 0) || 0,
  })
}

let backend: Backend | null = null
let desktop: Desktop | null = null

export function useBackend(): Backend {
  backend ??= insideTauri() ? tauriBackend : browserFake()
  return backend
}

export function useDesktop(): Desktop {
  desktop ??= insideTauri() ? tauriDesktop : fakeDesktop()
  return desktop
}

/** Tests install their own fake. */
export function setBackend(b: Backend, d?: Desktop): void {
  backend = b
  desktop = d ?? fakeDesktop()
}

export type { Backend } from './backend'
export { BackendError, errorText } from './errors'
