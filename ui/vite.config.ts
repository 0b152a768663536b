/// <reference types="vitest/config" />
// Vite build of the desktop UI. `base: './'` so the bundle loads from the Tauri asset
// protocol by relative paths; nothing is fetched at run time.
import { defineConfig } from 'vite'
import vue from '@vitejs/plugin-vue'
import components from 'unplugin-vue-components/vite'
import { ElementPlusResolver } from 'unplugin-vue-components/resolvers'
import { fileURLToPath, URL } from 'node:url'

export default defineConfig({
  base: './',
  // Element Plus components are imported where a template uses them (with their CSS), not
  // registered whole: less script and style for the webview to parse and hold. Component
  // tests register Element Plus whole instead (Node cannot import the CSS).
  plugins: [vue(), ...(process.env.VITEST ? [] : [components({ resolvers: [ElementPlusResolver({ importStyle: 'css' })], dts: false })])],
  resolve: {
    alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) },
  },
  clearScreen: false,
  server: { port: 5173, strictPort: true },
  build: {
    outDir: 'dist',
    target: 'es2021',
    chunkSizeWarningLimit: 2500,
  },
  test: {
    environment: 'happy-dom',
    include: ['tests/**/*.test.ts'],
    // A form test mounts Element Plus whole: 15–17 s each on a slow two-core machine.
    testTimeout: 60000,
  },
})
