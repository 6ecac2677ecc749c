import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { DEFAULT_RULES, withOverrides, type RuleParameters } from '#domain/rules'
import { clock } from '#services/clock'
import { sqlTime } from '#services/sql_time'

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

/** A stored version, with the defaults of parameters added after it was written. */
function storedRules(row: { parameters: string }): RuleParameters {
  return { ...DEFAULT_RULES, ...(JSON.parse(row.parameters) as Partial<RuleParameters>) }
}
