// 公民身份号码 (GB 11643-1999) check, the same as src/idcard.rs and with its Chinese
// messages, so the form says exactly what the core would.

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK = ['1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2']

/** The check character for the first 17 digits. */
export function checkChar(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!
  return CHECK[sum % 11]!
}

export interface IdInfo {
  birth: string
  sex: 'male' | 'female'
  tail: string
}

/** Checks an ID number: the parsed facts, or the Chinese message of the first fault. */
export function parseIdNumber(text: string): { ok: true; info: IdInfo } | { ok: false; message: string } {
  const chars = [...text.trim()]
  if (chars.length !== 18) return { ok: false, message: `身份证号应为18位，实际为${chars.length}位` }
  for (let i = 0; i < 18; i++) {
    const c = chars[i]!
    const digit = c >= '0' && c <= '9'
    if (!digit && !(i === 17 && (c === 'X' || c === 'x'))) {
      return { ok: false, message: '身份证号前17位只能是数字，最后一位是数字或X' }
    }
  }
  const dateText = chars.slice(6, 14).join('')
  const y = Number(dateText.slice(0, 4))
  const m = Number(dateText.slice(4, 6))
  const d = Number(dateText.slice(6, 8))
  const dt = new Date(Date.UTC(y, m - 1, d))
  if (y < 1880 || dt.getUTCFullYear() !== y || dt.getUTCMonth() !== m - 1 || dt.getUTCDate() !== d) {
    return { ok: false, message: `身份证号中的出生日期${dateText}不是有效日期` }
  }
  const expected = checkChar(chars.slice(0, 17).join(''))
  const found = chars[17]!.toUpperCase()
  if (expected !== found) {
    return { ok: false, message: `身份证号校验位错误：最后一位应为${expected}，实际为${found}` }
  }
  const birth = `${dateText.slice(0, 4)}-${dateText.slice(4, 6)}-${dateText.slice(6, 8)}`
  const sex = Number(chars[16]) % 2 === 1 ? 'male' : 'female'
  return { ok: true, info: { birth, sex, tail: chars.slice(14).join('').toUpperCase() } }
}

/** The message for a bad ID number, or null when it is valid. */
export function idNumberError(text: string): string | null {
  const r = parseIdNumber(text)
  return r.ok ? null : r.message
}

/** Builds a valid number (demo data, tests); the sequence is made odd for men, even for women. */
export function buildIdNumber(area: string, birth: string, sequence: number, sex: 'male' | 'female'): string {
  let seq = sequence % 1000
  if ((seq % 2 === 1) !== (sex === 'male')) seq = seq === 999 ? 998 : seq + 1
  const first17 = `${area}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`
  return first17 + checkChar(first17)
}

/** `3607**********0011` for display where numbers are masked. */
export function maskIdNumber(text: string): string {
  const chars = [...text]
  if (chars.length <= 8) return '*'.repeat(chars.length)
  return chars.slice(0, 4).join('') + '*'.repeat(chars.length - 8) + chars.slice(-4).join('')
}
