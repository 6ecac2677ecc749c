/*
 * 统一社会信用代码 (unified social credit code) checks, GB 32100-2015.
 * 18 characters: registration authority (1), organisation category (1),
 * administrative division (6), organisation code per GB 11714 (9, its own
 * check character last) and the overall check character (1).
 */

/** The 31 characters GB 32100 allows, in value order (no I, O, S, V, Z). */
export const USCC_ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY'

/** Weights of positions 1–17: 3^i mod 31. */
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28]

/** Weights of the 8 body characters of a GB 11714 organisation code. */
const ORG_CODE_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2]

export type UsccProblem = 'length' | 'charset' | 'orgCodeCheck' | 'checkCharacter'

/** Why a code is not a valid USCC, or null when it is valid. */
export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return 'length'
  for (const char of code) {
    if (!USCC_ALPHABET.includes(char)) return 'charset'
  }
  if (orgCodeCheckCharacter(code.slice(8, 16)) !== code[16]) return 'orgCodeCheck'
  if (usccCheckCharacter(code.slice(0, 17)) !== code[17]) return 'checkCharacter'
  return null
}

export function isValidUscc(code: string): boolean {
  return usccProblem(code) === null
}

/** Upper-cases and removes spaces, the two harmless ways people mistype a code. */
export function normalizeUscc(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase()
}

/** GB 32100 check character over the first 17 characters. */
export function usccCheckCharacter(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) {
    sum += USCC_ALPHABET.indexOf(first17[i]) * USCC_WEIGHTS[i]
  }
  return USCC_ALPHABET[(31 - (sum % 31)) % 31]
}

/** GB 11714 check character over the 8-character organisation code body. */
export function orgCodeCheckCharacter(body: string): string {
  let sum = 0
  for (let i = 0; i < 8; i++) {
    sum += orgCodeCharValue(body[i]) * ORG_CODE_WEIGHTS[i]
  }
  const check = 11 - (sum % 11)
  if (check === 10) return 'X'
  if (check === 11) return '0'
  return String(check)
}

/** Digits count as themselves, letters A–Z as 10–35. */
function orgCodeCharValue(char: string): number {
  const code = char.charCodeAt(0)
  return code <= 57 ? code - 48 : code - 55
}

/**
 * Completes a 16-character prefix (authority, category, division, 8-character
 * organisation body) into a valid USCC: used by the demo seeder and factories.
 */
export function completeUscc(prefix16: string): string {
  const first17 = prefix16 + orgCodeCheckCharacter(prefix16.slice(8, 16))
  return first17 + usccCheckCharacter(first17)
}
