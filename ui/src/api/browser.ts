// The Desktop in the browser mode (`yibentong serve`), where there are no file dialogs and
// no system viewer: a file to read is chosen with a file input and uploaded to the server,
// whose path the command then reads; a file to write gets a path in the server's session
// folder, and is then opened in a new tab (a PDF: print from there) or downloaded.

import type { Desktop, FileFilter } from './desktop'
import { answerOf, send } from './http'

/** Lets the cadre choose files (one unless `multiple`); empty when the choice is cancelled. */
function chooseFiles(filters: FileFilter[], multiple: boolean): Promise<File[]> {
  return new Promise((resolve) => {
    const input = document.createElement('input')
    input.type = 'file'
    input.multiple = multiple
    input.accept = filters.flatMap((f) => f.extensions.map((e) => `.${e}`)).join(',')
    input.style.display = 'none'
    input.dataset.test = 'browser-file'
    const done = (files: File[]) => {
      input.remove()
      resolve(files)
    }
    input.addEventListener('change', () => done([...(input.files ?? [])]))
    input.addEventListener('cancel', () => done([]))
    document.body.appendChild(input)
    input.click()
  })
}

export function browserDesktop(token: string): Desktop {
  const url = (path: string, download: boolean) =>
    `/files?path=${encodeURIComponent(path)}${download ? '&download=1' : ''}&token=${encodeURIComponent(token)}`
  const reserve = async (name: string) => {
    const res = await send(token, `/files/new?name=${encodeURIComponent(name)}`, { method: 'POST' })
    return (await answerOf<{ path: string }>(res)).path
  }
  const upload = async (file: File) => {
    const res = await send(token, `/files/upload?name=${encodeURIComponent(file.name)}`, { method: 'POST', body: file })
    return (await answerOf<{ path: string }>(res)).path
  }
  return {
    async pickFile(_title, filters) {
      const [file] = await chooseFiles(filters, false)
      return file ? upload(file) : null
    },
    async pickFiles(_title, filters) {
      const files = await chooseFiles(filters, true)
      const paths: string[] = []
      for (const f of files) paths.push(await upload(f))
      return paths
    },
    pickSavePath: (_title, defaultName) => reserve(defaultName),
    tempPath: (name) => reserve(name),
    async openInViewer(path) {
      if (!window.open(url(path, false), '_blank')) throw new Error('浏览器阻止了新窗口')
    },
    async saved(path) {
      const a = document.createElement('a')
      a.href = url(path, true)
      a.download = path.split(/[\\/]/).pop() ?? ''
      document.body.appendChild(a)
      a.click()
      a.remove()
    },
  }
}
