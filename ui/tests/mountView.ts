// One way to put a screen on the page in a component test: the stub backend (and desktop)
// set, a fresh store with the session's village, a memory router, Element Plus; the screen
// unmounted and the page emptied after the test (`unmountView`, in each file's afterEach).

import { flushPromises, mount, type VueWrapper } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import { createPinia, setActivePinia } from 'pinia'
import type { Component } from 'vue'
import { createMemoryHistory, createRouter, type Router } from 'vue-router'
import { setBackend, type Backend } from '@/api'
import type { Desktop } from '@/api/desktop'
import { useSession } from '@/stores/session'

export interface ViewSetup {
  backend: Backend
  desktop?: Desktop
  /** The village the session has chosen (none: the session as it starts). */
  village?: string
  props?: Record<string, unknown>
  /** A router the test holds (to spy on); else one that matches every path. */
  router?: Router
}

let mounted: VueWrapper | null = null

/** A router with one empty route for every path. */
export function anyPathRouter(): Router {
  return createRouter({ history: createMemoryHistory(), routes: [{ path: '/:p(.*)*', component: { render: () => null } }] })
}

/** Mounts `view` as the app would show it, once its first answers have come. */
export async function mountView(view: Component, setup: ViewSetup): Promise<VueWrapper> {
  setBackend(setup.backend, setup.desktop)
  const pinia = createPinia()
  setActivePinia(pinia)
  if (setup.village) useSession().villageCode = setup.village
  const router = setup.router ?? anyPathRouter()
  mounted = mount(view, { props: setup.props, global: { plugins: [ElementPlus, pinia, router] }, attachTo: document.body })
  await flushPromises()
  return mounted
}

/** Unmounts what `mountView` mounted and empties the page. */
export function unmountView() {
  mounted?.unmount()
  mounted = null
  document.body.innerHTML = ''
}
