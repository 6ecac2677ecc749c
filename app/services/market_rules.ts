import db from '@adonisjs/lucid/services/db'
import type { SqlInteger, SqlTimestamp } from '#services/sql_rows'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { DEFAULT_RULES, ruleChanges, withOverrides, type RuleParameters } from '#domain/rules'
import type { GradeCutoffs } from '#domain/credit'
import { clock } from '#services/clock'
import { fromSqlTime, sqlTime } from '#services/sql_time'

/**
 * The rule set in force at a moment: the latest version whose effective date
 * has come, with RULE_* environment overrides applied (tests shorten periods).
 */
export async function rulesInForce(
  at: Date = clock.now(),
  client: QueryClientContract = db.connection()
) {
  const row = await client
    .from('rule_sets')
    .where('effective_from', '<=', sqlTime(at))
    .orderBy('version', 'desc')
    .firstOrFail()
  return { version: Number(row.version), rules: withOverrides(storedRules(row), process.env) }
}

/** The rules of a stored version (a project runs under the version it was published with). */
export async function rulesOfVersion(
  version: number,
  client: QueryClientContract = db.connection()
) {
  const row = await client.from('rule_sets').where('version', version).firstOrFail()
  return withOverrides(storedRules(row), process.env)
}

/**
 * The rules of a stored version from its `parameters` column, read by the
 * caller in a statement of its own (the bid path reads it with the
 * eligibility facts): the same as rulesOfVersion.
 */
export function rulesOfStoredParameters(parameters: string) {
  return withOverrides(storedRules({ parameters }), process.env)
}

/**
 * A stored version as it was published, without this instance's RULE_*
 * overrides: what a new version is compared with.
 */
export async function publishedRulesOfVersion(
  version: number,
  client: QueryClientContract = db.connection()
) {
  const row = await client.from('rule_sets').where('version', version).firstOrFail()
  return storedRules(row)
}

/**
 * A stored version, with the defaults of parameters added after it was
 * written — except the signature level: a version written before it existed
 * had contracts signed with the password, so it reads `simple`.
 */
function storedRules(row: { parameters: string }): RuleParameters {
  return {
    ...DEFAULT_RULES,
    minimumSignatureLevel: 'simple',
    ...(JSON.parse(row.parameters) as Partial<RuleParameters>),
  }
}

/**
 * A version's parameters as they apply on this instance: with the RULE_*
 * environment overrides, and the names of the parameters those overrides change.
 */
export function asApplied(parameters: RuleParameters) {
  const applied = withOverrides(parameters, process.env)
  const overridden = ruleChanges(parameters, applied).map((change) => change.parameter)
  return { parameters: applied, overridden }
}

/** Every version, newest first, with what it changed from the one before (the public change log). */
export async function ruleSetHistory(client: QueryClientContract = db.connection()) {
  const rows: {
    version: SqlInteger
    parameters: string
    change_reason: string
    effective_from: SqlTimestamp | number
    created_at: SqlTimestamp | number
  }[] = await client
    .from('rule_sets')
    .orderBy('version', 'asc')
    .select('version', 'parameters', 'change_reason', 'effective_from', 'created_at')
  let previous: RuleParameters | null = null
  const history = rows.map((row) => {
    const parameters = storedRules(row)
    const entry = {
      version: Number(row.version),
      effectiveFrom: toDate(row.effective_from),
      publishedAt: toDate(row.created_at),
      reason: String(row.change_reason),
      parameters,
      changes: ruleChanges(previous, parameters),
    }
    previous = parameters
    return entry
  })
  return history.reverse()
}

/** A stored moment: a Date (MySQL), the stored text (SQLite), or epoch milliseconds (a row written with a Date on SQLite). */
function toDate(value: Date | string | number) {
  if (typeof value === 'number' || /^\d+$/.test(String(value))) return new Date(Number(value))
  return fromSqlTime(value)
}

/*
 * The grade cut-offs in force, read where grades are shown (pages, API,
 * exports) without a query each time: `refreshGradeCutoffs()` (a middleware
 * calls it on each request) reloads them once a minute, and at once when a
 * version published for a later date comes into force. A version published on
 * this instance replaces them at once; other instances follow within a minute.
 */
let shown: { cutoffs: GradeCutoffs; until: number } | null = null
const CUTOFFS_REFRESH_MS = 60_000

export async function refreshGradeCutoffs(client: QueryClientContract = db.connection()) {
  const now = clock.now().getTime()
  if (shown && now < shown.until) return
  const { rules } = await rulesInForce(new Date(now), client)
  const next = await client
    .from('rule_sets')
    .where('effective_from', '>', sqlTime(new Date(now)))
    .min('effective_from as at')
    .first()
  const nextAt = next?.at ? toDate(next.at).getTime() : Number.POSITIVE_INFINITY
  shown = { cutoffs: rules.gradeCutoffs, until: Math.min(now + CUTOFFS_REFRESH_MS, nextAt) }
}

export function gradeCutoffsShown(): GradeCutoffs {
  return shown?.cutoffs ?? withOverrides(DEFAULT_RULES, process.env).gradeCutoffs
}

/** Forget the cut-offs (a new version was published, or a test rolled one back). */
export function forgetGradeCutoffs() {
  shown = null
}
