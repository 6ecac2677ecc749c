import db from '@adonisjs/lucid/services/db'
import type { SqlInteger, SqlTimestamp } from '#services/sql_rows'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import {
  DEFAULT_RULES,
  overridesKey,
  ruleChanges,
  withOverrides,
  type RuleParameters,
} from '#domain/rules'
import type { GradeCutoffs } from '#domain/credit'
import { clock } from '#services/clock'
import { fromSqlTime, sqlTime } from '#services/sql_time'
import {
  chooseRuleSet,
  sameScope,
  type FundingSource,
  type RuleSetScope,
} from '#domain/funding_scope'

/** Rows of the general rule set: for every region and every funding source. */
function generalScope<Query extends { whereNull(column: string): Query }>(query: Query) {
  return query.whereNull('region_code').whereNull('funding_source')
}

/**
 * The general rule set in force at a moment (every region, every funding
 * source): the latest version of that scope whose effective date has come,
 * with RULE_* environment overrides applied (tests shorten periods). What is
 * market-wide (grade cut-offs, credit, fee flags) reads this one; a project
 * reads the set chosen for it (`rulesForProject`).
 */
export async function rulesInForce(
  at: Date = clock.now(),
  client: QueryClientContract = db.connection()
) {
  const row = await generalScope(client.from('rule_sets'))
    .where('effective_from', '<=', sqlTime(at))
    .orderBy('version', 'desc')
    .firstOrFail()
  return { version: Number(row.version), rules: withOverrides(storedRules(row), process.env) }
}

/** The scope of a stored row. */
function scopeOf(row: { region_code?: string | null; funding_source?: string | null }) {
  return {
    regionCode: row.region_code ?? null,
    fundingSource: (row.funding_source ?? null) as FundingSource | null,
  }
}

/**
 * The rule set a project is published under (app/domain/funding_scope.ts
 * `chooseRuleSet`): the closest scope covering its region and funding source,
 * its latest version in force at `at`; the general set when none is closer.
 */
export async function rulesForProject(
  project: { regionCode: string; fundingSource: string },
  at: Date = clock.now(),
  client: QueryClientContract = db.connection()
) {
  const rows = await client
    .from('rule_sets')
    .where('effective_from', '<=', sqlTime(at))
    .select('version', 'region_code', 'funding_source', 'effective_from', 'parameters')
  const chosen = chooseRuleSet(
    rows.map((row) => ({
      ...scopeOf(row),
      version: Number(row.version),
      effectiveFrom: toDate(row.effective_from),
      row,
    })),
    { regionCode: project.regionCode, fundingSource: project.fundingSource as FundingSource },
    at
  )
  if (!chosen) return rulesInForce(at, client)
  return {
    version: chosen.version,
    rules: withOverrides(storedRules(chosen.row), process.env),
    scope: { regionCode: chosen.regionCode, fundingSource: chosen.fundingSource },
  }
}

/** The latest version of a scope (in force or not), or null when the scope has none yet. */
export async function latestOfScope(scope: RuleSetScope, client: QueryClientContract) {
  const query = client.from('rule_sets').orderBy('version', 'desc')
  if (scope.regionCode === null) query.whereNull('region_code')
  else query.where('region_code', scope.regionCode)
  if (scope.fundingSource === null) query.whereNull('funding_source')
  else query.where('funding_source', scope.fundingSource)
  return query.first()
}

/** The rules of a stored version (a project runs under the version it was published with). */
export async function rulesOfVersion(
  version: number,
  client: QueryClientContract = db.connection()
) {
  const row = await client.from('rule_sets').where('version', version).firstOrFail()
  return withOverrides(storedRules(row), process.env)
}

/** Stored versions already parsed, by their parameters and the overrides in force. */
const parsedVersions = new Map<string, Readonly<RuleParameters>>()

/**
 * The rules of a stored version from its `parameters` column, read by the
 * caller in a statement of its own (the bid path reads it with the
 * eligibility facts): the same as rulesOfVersion, parsed once per process
 * (a stored version never changes) and shared, so frozen.
 */
export function rulesOfStoredParameters(parameters: string): Readonly<RuleParameters> {
  const key = `${overridesKey(process.env)}\u0001${parameters}`
  let rules = parsedVersions.get(key)
  if (!rules) {
    // A handful of versions are in use at a time: the map never grows past a few dozen.
    if (parsedVersions.size >= 64) parsedVersions.clear()
    rules = deepFreeze(withOverrides(storedRules({ parameters }), process.env))
    parsedVersions.set(key, rules)
  }
  return rules
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner)
    Object.freeze(value)
  }
  return value
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
    region_code: string | null
    funding_source: string | null
  }[] = await client
    .from('rule_sets')
    .orderBy('version', 'asc')
    .select(
      'version',
      'parameters',
      'change_reason',
      'effective_from',
      'created_at',
      'region_code',
      'funding_source'
    )
  // Each version changes the one before it in its scope; a scope's first, the general set then.
  const previousOf: { scope: RuleSetScope; parameters: RuleParameters }[] = []
  const history = rows.map((row) => {
    const parameters = storedRules(row)
    const scope = scopeOf(row)
    const previous =
      previousOf.findLast((entry) => sameScope(entry.scope, scope)) ??
      previousOf.findLast((entry) => sameScope(entry.scope, GENERAL))
    const entry = {
      version: Number(row.version),
      ...scope,
      effectiveFrom: toDate(row.effective_from),
      publishedAt: toDate(row.created_at),
      reason: String(row.change_reason),
      parameters,
      changes: ruleChanges(previous?.parameters ?? null, parameters),
    }
    previousOf.push({ scope, parameters })
    return entry
  })
  return history.reverse()
}

const GENERAL: RuleSetScope = { regionCode: null, fundingSource: null }

/** The newest entry of a scope in a history (newest first), or of the general set when it has none. */
export function latestEntryOfScope<Entry extends RuleSetScope>(
  history: Entry[],
  scope: RuleSetScope
) {
  return (
    history.find((entry) => sameScope(entry, scope)) ??
    history.find((entry) => sameScope(entry, GENERAL))!
  )
}

/**
 * Every scope's version in force at `at` (the general set first), for the
 * public rules page to show side by side.
 */
export async function ruleSetsInForce(at: Date, client: QueryClientContract = db.connection()) {
  const history = await ruleSetHistory(client)
  const inForce: (typeof history)[number][] = []
  for (const entry of history) {
    if (entry.effectiveFrom.getTime() > at.getTime()) continue
    if (inForce.some((known) => sameScope(known, entry))) continue
    inForce.push(entry)
  }
  return inForce.sort(
    (a, b) =>
      Number(a.fundingSource !== null) - Number(b.fundingSource !== null) ||
      String(a.fundingSource ?? '').localeCompare(String(b.fundingSource ?? '')) ||
      String(a.regionCode ?? '').localeCompare(String(b.regionCode ?? ''))
  )
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
