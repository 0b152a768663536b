// What the UI needs from the desktop besides the commands: file dialogs, a temp path
// for previews, and opening a PDF in the system viewer (Tauri plugins; tests stub it). The
// browser mode has its own forms of each (`browser.ts`).

import { confirm, open, save } from '@tauri-apps/plugin-dialog'
import { openPath } from '@tauri-apps/plugin-opener'
import { join, tempDir } from '@tauri-apps/api/path'
import { tauriBackend } from './tauri'

export interface FileFilter {
  name: string
  extensions: string[]
}

export interface Desktop {
  /** Asks for a file to read; `null` when cancelled. */
  pickFile(title: string, filters: FileFilter[]): Promise<string | null>
  /** Asks for one file or more to read (a USB stick's bundles); empty when cancelled. */
  pickFiles(title: string, filters: FileFilter[]): Promise<string[]>
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
  async pickFiles(title, filters) {
    const picked = await open({ title, filters, multiple: true, directory: false })
    if (picked === null) return []
    return Array.isArray(picked) ? picked : [picked]
  },
  async pickSavePath(title, defaultPath, filters) {
    const path = await save({ title, defaultPath, filters })
    if (!path) return null
    // Unanswered, the name counts as free: the core never writes over a file it did not write.
    const exists = (p: string) => tauriBackend.fileExists(p).catch(() => false)
    return completeSavePath(path, filters, exists, (question) =>
      confirm(question, { title, kind: 'warning', okLabel: '替换', cancelLabel: '取消' }),
    )
  },
  async tempPath(name) {
    return join(await tempDir(), name)
  },
  async openInViewer(path) {
    await openPath(path)
  },
  async saved() {},
}

/**
 * The path a save dialog gave, with the filters' extension added when the name has none of
 * them: GTK's dialog (UOS, Kylin) keeps a name as typed, and a workbook saved as `花名册`
 * opens nowhere (and an export would take it for another kind of file).
 */
export function withExtension(path: string, filters: FileFilter[]): string {
  const known = filters.flatMap((f) => f.extensions.map((e) => e.toLowerCase()))
  const name = path.split(/[\\/]/).pop() ?? path
  const dot = name.lastIndexOf('.')
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : ''
  if (known.length === 0 || known.includes(extension)) return path
  return `${path}.${known[0]}`
}

/**
 * The save dialog's path with its extension (`withExtension`). GTK asked before replacing
 * only the name as typed: when the completed name is taken, the cadre is asked here, and a
 * no is `null` (nothing written).
 */
export async function completeSavePath(
  path: string,
  filters: FileFilter[],
  exists: (path: string) => Promise<boolean>,
  ask: (question: string) => Promise<boolean>,
): Promise<string | null> {
  const full = withExtension(path, filters)
  if (full === path || !(await exists(full))) return full
  const name = full.split(/[\\/]/).pop() ?? full
  return (await ask(`“${name}”已经存在，要替换它吗？`)) ? full : null
}
