/*
 * 政府机关在职工作人员一律不得在中介服务机构兼职 (seed, attachment 4). The
 * list of serving officials reaches the market only as salted hashes of
 * their ID numbers: `node ace officials:hash` turns a CSV of numbers into a
 * CSV of hashes on the regulator's own machine, and the regulator uploads
 * that. An agency naming a person whose hash is on the list (a manager, a
 * practitioner, a natural-person shareholder) is refused at listing and at
 * sign-up with a reason that does not reveal the list; regulators see who.
 * Pure: parsing and matching only.
 */

/** The header of the hash CSV, and the only column it may have. */
export const OFFICIALS_CSV_HEADER = 'id_hash'
/** Far above any city's civil service; a file above this is refused whole. */
export const MAX_OFFICIAL_ROWS = 200_000
/** 64 hex characters and a line break per row, with room for CRLF and a header. */
export const MAX_OFFICIALS_CSV_BYTES = MAX_OFFICIAL_ROWS * 66 + 1024

export type OfficialsCsvProblem =
  | { code: 'empty' }
  | { code: 'header' }
  | { code: 'too_many_rows'; max: number }
  | { code: 'row_format'; line: number }

export type OfficialsCsv =
  { ok: true; hashes: string[] } | { ok: false; problem: OfficialsCsvProblem }

const HASH = /^[0-9a-f]{64}$/

/**
 * Reads an uploaded hash CSV: the header `id_hash`, then one lower-case hex
 * SHA-256 HMAC per line; blank lines are skipped, duplicates counted once.
 * Anything else (an ID number in clear, a second column) refuses the file
 * and names the first bad line, never its content.
 */
export function parseOfficialsCsv(text: string): OfficialsCsv {
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  const rows = lines.map((line, index) => ({ line: index + 1, value: line.trim() }))
  const filled = rows.filter((row) => row.value !== '')
  if (filled.length === 0) return { ok: false, problem: { code: 'empty' } }
  if (filled[0].value.toLowerCase() !== OFFICIALS_CSV_HEADER) {
    return { ok: false, problem: { code: 'header' } }
  }
  const body = filled.slice(1)
  if (body.length > MAX_OFFICIAL_ROWS) {
    return { ok: false, problem: { code: 'too_many_rows', max: MAX_OFFICIAL_ROWS } }
  }
  const hashes = new Set<string>()
  for (const row of body) {
    const value = row.value.toLowerCase()
    if (!HASH.test(value)) return { ok: false, problem: { code: 'row_format', line: row.line } }
    hashes.add(value)
  }
  if (hashes.size === 0) return { ok: false, problem: { code: 'empty' } }
  return { ok: true, hashes: [...hashes] }
}

/** Writes the hash CSV the regulator uploads. */
export function officialsCsv(hashes: Iterable<string>): string {
  return [OFFICIALS_CSV_HEADER, ...hashes].join('\n') + '\n'
}

/** A person an agency names, as matched against the list. */
export type NamedPerson = {
  organizationId: number
  name: string
  /** manager, practitioner or shareholder */
  capacity: 'manager' | 'practitioner' | 'shareholder'
  idHash: string
}

/** The persons whose hash is on the list of serving officials. */
export function servingOfficialsAmong(
  persons: readonly NamedPerson[],
  officials: ReadonlySet<string>
): NamedPerson[] {
  return persons.filter((person) => officials.has(person.idHash))
}

/**
 * Reads a CSV of ID numbers (the first column; a header line that is not a
 * number is skipped) and answers their hashes, and the line numbers that are
 * not valid ID numbers — never their content.
 */
export function hashIdNumberCsv(
  text: string,
  hash: (idNumber: string) => string,
  isValid: (idNumber: string) => boolean
): { hashes: string[]; badLines: number[] } {
  const hashes = new Set<string>()
  const badLines: number[] = []
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/)
  for (const [index, line] of lines.entries()) {
    const first = line.split(',')[0].trim().replace(/^"|"$/g, '')
    if (first === '') continue
    if (isValid(first)) {
      hashes.add(hash(first))
    } else if (!(index === 0 && !/\d{6}/.test(first))) {
      badLines.push(index + 1)
    }
  }
  return { hashes: [...hashes], badLines }
}
