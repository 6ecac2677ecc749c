import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { withOverrides, type RuleParameters } from '#domain/rules'
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
  const stored = JSON.parse(row.parameters) as RuleParameters
  return { version: Number(row.version), rules: withOverrides(stored, process.env) }
}

/** The rules of a stored version (a project runs under the version it was published with). */
export async function rulesOfVersion(
  version: number,
  client: QueryClientContract = db.connection()
) {
  const row = await client.from('rule_sets').where('version', version).firstOrFail()
  return withOverrides(JSON.parse(row.parameters) as RuleParameters, process.env)
}
