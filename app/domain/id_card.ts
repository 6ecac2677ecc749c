/*
 * 居民身份证号码 (GB 11643-1999): 17 digits and an ISO 7064 MOD 11-2 check
 * character. Persons named by agencies are identified only by a salted hash of
 * this number, so that a banned manager is found again under another agency
 * while the number itself is never stored (SPEC "Identity").
 */
import { createHmac } from 'node:crypto'

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
const CHECK_CHARACTERS = '10X98765432'

export function normalizeIdNumber(input: string): string {
  return input.replace(/\s+/g, '').toUpperCase()
}

export function idNumberCheckCharacter(first17: string): string {
  let sum = 0
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]
  return CHECK_CHARACTERS[sum % 11]
}

export function isValidIdNumber(input: string): boolean {
  const id = normalizeIdNumber(input)
  if (!/^\d{17}[\dX]$/.test(id)) return false
  const month = Number(id.slice(10, 12))
  const day = Number(id.slice(12, 14))
  if (month < 1 || month > 12 || day < 1 || day > 31) return false
  return idNumberCheckCharacter(id.slice(0, 17)) === id[17]
}

/** Keyed SHA-256 (HMAC) of the normalised number, hex. */
export function hashIdNumber(input: string, salt: string): string {
  return createHmac('sha256', salt).update(normalizeIdNumber(input)).digest('hex')
}
