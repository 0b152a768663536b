// A save dialog's path gets the filter's extension when the cadre typed a name without one
// (GTK's dialog on UOS and Kylin keeps it as typed): the file opens, and an export of the
// village is written as the kind the cadre chose (the core tells them apart by extension).
import { describe, expect, it, vi } from 'vitest'
import { completeSavePath, withExtension } from '@/api/desktop'

const xlsx = [{ name: 'Excel 工作簿', extensions: ['xlsx'] }]

describe('withExtension', () => {
  it.each([
    ['/home/cadre/花名册', '/home/cadre/花名册.xlsx'],
    ['/home/cadre/花名册.xlsx', '/home/cadre/花名册.xlsx'],
    ['/home/cadre/花名册.XLSX', '/home/cadre/花名册.XLSX'],
    ['/home/cadre/石洞村.2024', '/home/cadre/石洞村.2024.xlsx'],
    ['/home/cadre.d/花名册', '/home/cadre.d/花名册.xlsx'],
    ['C:\\Users\\村委\\花名册', 'C:\\Users\\村委\\花名册.xlsx'],
    ['/home/cadre/.hidden', '/home/cadre/.hidden.xlsx'],
  ])('%s → %s', (path, want) => {
    expect(withExtension(path, xlsx)).toBe(want)
  })

  it('keeps any extension the filters list, and a path when there is no filter', () => {
    const either = [{ name: '交换文件或Excel表', extensions: ['json', 'xlsx'] }]
    expect(withExtension('/tmp/村.json', either)).toBe('/tmp/村.json')
    expect(withExtension('/tmp/村', either)).toBe('/tmp/村.json')
    expect(withExtension('/tmp/村', [])).toBe('/tmp/村')
  })
})

describe('completeSavePath', () => {
  it('asks before a completed name replaces a file, and a no writes nothing', async () => {
    const exists = vi.fn(async (p: string) => p === '/home/cadre/花名册.xlsx')
    const no = vi.fn(async () => false)
    expect(await completeSavePath('/home/cadre/花名册', xlsx, exists, no)).toBeNull()
    expect(no).toHaveBeenCalledWith('“花名册.xlsx”已经存在，要替换它吗？')
    expect(await completeSavePath('/home/cadre/花名册', xlsx, exists, async () => true)).toBe('/home/cadre/花名册.xlsx')
  })

  it('asks nothing when the name was complete (the dialog asked) or is free', async () => {
    const ask = vi.fn(async () => false)
    const exists = vi.fn(async () => true)
    expect(await completeSavePath('/home/cadre/花名册.xlsx', xlsx, exists, ask)).toBe('/home/cadre/花名册.xlsx')
    expect(exists).not.toHaveBeenCalled()
    expect(await completeSavePath('/home/cadre/新表', xlsx, async () => false, ask)).toBe('/home/cadre/新表.xlsx')
    expect(ask).not.toHaveBeenCalled()
  })
})
