/*
 * 投资项目代码: the code the national online approval and supervision
 * platform for investment projects (全国投资项目在线审批监管平台) gives every
 * project, which then names it in every approval, including the
 * intermediary services it needs. Five groups joined by hyphens:
 *
 *   2020-511402-48-01-012345
 *   year of issue · administrative division (6 digits) · industry (2 digits)
 *   · project type (2 digits) · serial number (6 digits)
 *
 * Only its form and what can be checked without the platform are checked:
 * a year from 2014 (the platform's first codes) to the current one, and a
 * division in a province this market knows. Pure functions only.
 */
import { REGION_CODES } from '#domain/regions'

const SHAPE = /^(\d{4})-(\d{6})-(\d{2})-(\d{2})-(\d{6})$/
const FIRST_YEAR = 2014
const PROVINCES = new Set(REGION_CODES.map((code) => code.slice(0, 2)))

export type InvestmentCodeProblem = 'format' | 'year' | 'division'

/** Full-width digits and hyphens, spaces and lower case as people type them, made standard. */
export function normalizeInvestmentCode(value: string) {
  return value
    .trim()
    .replace(/[０-９]/g, (digit) => String.fromCharCode(digit.charCodeAt(0) - 0xfee0))
    .replace(/[－—–]/g, '-')
    .replace(/\s+/g, '')
}

/** Why a code is not a 投资项目代码, or null when its form is right. */
export function investmentCodeProblem(code: string, now: Date): InvestmentCodeProblem | null {
  const parts = SHAPE.exec(code)
  if (!parts) return 'format'
  const year = Number(parts[1])
  if (year < FIRST_YEAR || year > now.getUTCFullYear()) return 'year'
  if (!PROVINCES.has(parts[2].slice(0, 2))) return 'division'
  return null
}
