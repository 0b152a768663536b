// What the UI needs from the desktop besides the commands: file dialogs, a temp path
// for previews, and opening a PDF in the system viewer (Tauri plugins; tests stub it). The
// browser mode has its own forms of each (`browser.ts`).

import { open, save } from '@tauri-apps/plugin-dialog'
import { openPath } from '@tauri-apps/plugin-opener'
import { join, tempDir } from '@tauri-apps/api/path'

export interface FileFilter {
  name: string
  extensions: string[]
}

export interface Desktop {
  /** Asks for a file to read; `null` when cancelled. */
  pickFile(title: string, filters: FileFilter[]): Promise<string | null>
  /** Asks where to write; `null` when cancelled. */
  pickSavePath(title: string, defaultName: string, filters: FileFilter[]): Promise<string | null>
  /** A path in the temp directory for a preview file. */
  tempPath(name: string): Promise<string>
  /** Opens a file in the system's default application (a PDF viewer prints). */
  openInViewer(path: string): Promise<void>
  /**
   * A file was written at the path `pickSavePath` gave: the desktop has nothing left to do
   * (it is where the cadre chose); the browser mode downloads it.
   */
  saved(path: string): Promise<void>
}

export const tauriDesktop: Desktop = {
  async pickFile(title, filters) {
    const picked = await open({ title, filters, multiple: false, directory: false })
    return typeof picked === 'string' ? picked : null
  },
  async pickSavePath(title, defaultPath, filters) {
    return (await save({ title, defaultPath, filters })) ?? null
  },
  async tempPath(name) {
    return join(await tempDir(), name)
  },
  async openInViewer(path) {
    await openPath(path)
  },
  async saved() {},
}
