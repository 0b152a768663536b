// The Backend over Tauri IPC (inside the desktop app): `invoke` with the command's name and
// camelCase arguments; rejections become BackendError. Answers are the generated types as
// the shell sends them (no reshaping here). The calls themselves are in `commands.ts`.

import { invoke } from '@tauri-apps/api/core'
import { listen } from '@tauri-apps/api/event'
import type { Backend } from './backend'
import { commandsOver } from './commands'
import { BackendError } from './errors'
import type { Progress } from '@/bindings'

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args)
  } catch (e) {
    throw BackendError.from(e)
  }
}

export const tauriBackend: Backend = {
  ...commandsOver(call),
  onProgress: (cb) => listen<Progress>('progress', (e) => cb(e.payload)),
}
