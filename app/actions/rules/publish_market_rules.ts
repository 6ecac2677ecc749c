import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { refuseInput } from '#exceptions/invalid_input_exception'
import type User from '#models/user'
import { ruleChanges, ruleParameterProblems, type RuleParameters } from '#domain/rules'
import { recordAuditEvent } from '#services/audit_log'
import { forgetGradeCutoffs, publishedRulesOfVersion } from '#services/market_rules'
import { fromSqlTime, sqlTime } from '#services/sql_time'
import { clock } from '#services/clock'
import { DISPLAY_ZONE } from '#domain/time_zone'

/**
 * An admin publishes a new version of the market's rule parameters (SPEC
 * "Rule parameters"), with a reason and the moment it takes effect. A project
 * keeps the version it was published under; the new one applies to projects
 * published from its effective date. Versions take effect in order: never in
 * the past, never before the latest version already published.
 */
export async function publishMarketRules(
  input: { parameters: RuleParameters; effectiveFrom: Date; reason: string },
  admin: User
) {
  const problems = ruleParameterProblems(input.parameters)
  const refuse = (field: string, rule: string, data: Record<string, unknown> = {}) => ({
    field,
    rule: `rules.${rule}`,
    identifier: `validator.shared.messages.rules.${rule}`,
    data,
  })
  const refusals = problems.map((problem) => refuse(problem.field, problem.rule))
  const now = clock.now()
  const today = DateTime.fromJSDate(now).setZone(DISPLAY_ZONE).startOf('day').toJSDate()
  if (input.effectiveFrom.getTime() < today.getTime()) {
    refusals.push(refuse('effectiveFrom', 'effectiveInPast'))
  }
  // A version for today takes effect now: projects published earlier today keep theirs.
  const effectiveFrom = input.effectiveFrom < now ? now : input.effectiveFrom
  if (refusals.length > 0) refuseInput(refusals)

  const published = await db.transaction(async (trx) => {
    // The latest version row, locked: two admins publishing at once get consecutive versions.
    const latest = await trx.from('rule_sets').orderBy('version', 'desc').forUpdate().firstOrFail()
    const latestEffective = fromSqlTime(latest.effective_from)
    if (effectiveFrom.getTime() < latestEffective.getTime()) {
      refuseInput([
        refuse('effectiveFrom', 'effectiveBeforeLatest', { version: Number(latest.version) }),
      ])
    }
    // As published: an instance's RULE_* overrides are no change of the rules.
    const previous = await publishedRulesOfVersion(Number(latest.version), trx)
    const version = Number(latest.version) + 1
    const changes = ruleChanges(previous, input.parameters)
    if (changes.length === 0) {
      refuseInput([refuse('parameters', 'nothingChanged')])
    }
    await trx
      .insertQuery()
      .table('rule_sets')
      .insert({
        version,
        parameters: JSON.stringify(input.parameters),
        change_reason: input.reason,
        effective_from: sqlTime(effectiveFrom),
        created_by_user_id: admin.id,
        created_at: sqlTime(now),
      })
    await recordAuditEvent(trx, {
      actor: admin,
      action: 'rules.published',
      subjectType: 'rule_set',
      subjectId: version,
      payload: {
        version,
        effectiveFrom: effectiveFrom.toISOString(),
        reason: input.reason,
        changes,
      },
    })
    return { version, effectiveFrom, changes }
  })
  forgetGradeCutoffs()
  return published
}
