/*
 * 联合惩戒: lists published elsewhere (严重失信主体名单, 失信被执行人名单…)
 * are imported by regulators as CSV files, one subject a line:
 *
 *   uscc,source,date,legal_basis
 *   91510100MA6CA2XK20,最高人民法院,2026-03-02,《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条
 *
 * Each list carries the measure the market applies to the subjects on it: no
 * sign-up (报名、投标), no signing (签约), or both. Parsing is pure and strict: a
 * file with any bad line is refused whole, naming the lines, so a list is never
 * half-imported.
 */
import { normalizeUscc, usccProblem } from '#domain/uscc'

export const JOINT_PUNISHMENT_MEASURES = ['sign_up', 'signing', 'all'] as const
export type JointPunishmentMeasure = (typeof JOINT_PUNISHMENT_MEASURES)[number]

/** Whether a measure bars signing up and bidding. */
export function barsSignUp(measure: string) {
  return measure === 'sign_up' || measure === 'all'
}

/** Whether a measure bars signing a contract. */
export function barsSigning(measure: string) {
  return measure === 'signing' || measure === 'all'
}

export type ListEntry = { uscc: string; source: string; listedOn: string; legalBasis: string }
export type ListProblem = {
  line: number
  rule:
    | 'header'
    | 'columns'
    | 'uscc'
    | 'duplicate'
    | 'source'
    | 'date'
    | 'futureDate'
    | 'legalBasis'
    | 'formula'
    | 'tooManyRows'
    | 'empty'
}

/** The most lines one file may hold, and how many problems a refusal names. */
export const LIST_LIMITS = { maxRows: 20_000, maxProblems: 20, maxSourceLength: 200 }

const HEADERS: Record<string, keyof ListEntry> = {
  uscc: 'uscc',
  统一社会信用代码: 'uscc',
  source: 'source',
  发布机关: 'source',
  来源: 'source',
  date: 'listedOn',
  列入日期: 'listedOn',
  legal_basis: 'legalBasis',
  法律依据: 'legalBasis',
  认定依据: 'legalBasis',
}

/** One CSV line (RFC 4180: quoted fields, doubled quotes), or null when its quotes never close. */
function splitLine(line: string): string[] | null {
  const fields: string[] = []
  let field = ''
  let quoted = false
  for (let index = 0; index < line.length; index++) {
    const character = line[index]
    if (quoted) {
      if (character === '"' && line[index + 1] === '"') {
        field += '"'
        index++
      } else if (character === '"') {
        quoted = false
      } else {
        field += character
      }
    } else if (character === '"' && field === '') {
      quoted = true
    } else if (character === ',') {
      fields.push(field)
      field = ''
    } else {
      field += character
    }
  }
  if (quoted) return null
  fields.push(field)
  return fields.map((value) => value.trim())
}

/** A day YYYY-MM-DD that exists in the calendar. */
function isDay(value: string) {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false
  const date = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value
}

/**
 * Reads a list file's text (a leading BOM ignored, CRLF or LF): the header
 * names the four columns in any order (English or Chinese names), every
 * other non-blank line is one subject. `today` (YYYY-MM-DD, Beijing) refuses
 * listing dates in the future. Cells that a spreadsheet would run as a
 * formula (=, +, -, @ first) are refused, so a list exported again is safe.
 */
export function parseJointPunishmentList(text: string, today: string) {
  const problems: ListProblem[] = []
  const entries: ListEntry[] = []
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const header = splitLine(lines[0] ?? '')
  const columns = (header ?? []).map((name) => HEADERS[name.toLowerCase()] ?? HEADERS[name])
  const wanted: (keyof ListEntry)[] = ['uscc', 'source', 'listedOn', 'legalBasis']
  if (!header || wanted.some((column) => !columns.includes(column))) {
    return { entries, problems: [{ line: 1, rule: 'header' } as ListProblem] }
  }
  const seen = new Set<string>()
  const report = (problem: ListProblem) => {
    if (problems.length < LIST_LIMITS.maxProblems) problems.push(problem)
  }
  for (let index = 1; index < lines.length; index++) {
    const line = index + 1
    if (lines[index].trim() === '') continue
    if (entries.length >= LIST_LIMITS.maxRows) {
      report({ line, rule: 'tooManyRows' })
      break
    }
    const cells = splitLine(lines[index])
    if (!cells || cells.length !== header.length) {
      report({ line, rule: 'columns' })
      continue
    }
    const row = Object.fromEntries(columns.map((column, at) => [column, cells[at]])) as ListEntry
    if (cells.some((cell) => /^[=+\-@]/.test(cell))) {
      report({ line, rule: 'formula' })
      continue
    }
    const uscc = normalizeUscc(row.uscc ?? '')
    if (usccProblem(uscc)) {
      report({ line, rule: 'uscc' })
      continue
    }
    if (!row.source || row.source.length > LIST_LIMITS.maxSourceLength) {
      report({ line, rule: 'source' })
      continue
    }
    if (!isDay(row.listedOn ?? '')) {
      report({ line, rule: 'date' })
      continue
    }
    if (row.listedOn > today) {
      report({ line, rule: 'futureDate' })
      continue
    }
    if (!row.legalBasis || row.legalBasis.length < 4 || row.legalBasis.length > 2000) {
      report({ line, rule: 'legalBasis' })
      continue
    }
    if (seen.has(uscc)) {
      report({ line, rule: 'duplicate' })
      continue
    }
    seen.add(uscc)
    entries.push({ uscc, source: row.source, listedOn: row.listedOn, legalBasis: row.legalBasis })
  }
  if (problems.length === 0 && entries.length === 0) problems.push({ line: 1, rule: 'empty' })
  return { entries, problems }
}

/**
 * What an import does to a list: the subjects it adds, those it keeps, and
 * those no longer on it (lifted) — by USCC, against the entries in force.
 */
export function listChanges(inForce: readonly string[], imported: readonly string[]) {
  const before = new Set(inForce)
  const after = new Set(imported)
  return {
    added: imported.filter((uscc) => !before.has(uscc)),
    kept: imported.filter((uscc) => before.has(uscc)),
    lifted: inForce.filter((uscc) => !after.has(uscc)),
  }
}
