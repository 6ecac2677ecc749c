import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { refuseInput } from '#exceptions/invalid_input_exception'
import type User from '#models/user'
import { ruleChanges, ruleParameterProblems, type RuleParameters } from '#domain/rules'
import { recordAuditEvent } from '#services/audit_log'
import { forgetGradeCutoffs, latestOfScope, publishedRulesOfVersion } from '#services/market_rules'
import type { RuleSetScope } from '#domain/funding_scope'
import { fromSqlTime, sqlTime } from '#services/sql_time'
import { clock } from '#services/clock'
import { DISPLAY_ZONE } from '#domain/time_zone'

/**
 * An admin publishes a new version of the market's rule parameters (SPEC
 * "Rule parameters"), with a reason and the moment it takes effect. A project
 * keeps the version it was published under; the new one applies to projects
 * published from its effective date. Versions take effect in order: never in
 * the past, never before the latest version already published for the same
 * scope. A scope is a region and a funding source (null: all); the first
 * version of a scope is compared with the general set.
 */
export async function publishMarketRules(
  input: {
    parameters: RuleParameters
    effectiveFrom: Date
    reason: string
    scope?: RuleSetScope
  },
  admin: User
) {
  const scope: RuleSetScope = input.scope ?? { regionCode: null, fundingSource: null }
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
    const newest = await trx.from('rule_sets').orderBy('version', 'desc').forUpdate().firstOrFail()
    const ofScope = await latestOfScope(scope, trx)
    const latest = ofScope ?? (await latestOfScope({ regionCode: null, fundingSource: null }, trx))!
    const latestEffective = fromSqlTime(latest.effective_from)
    if (ofScope && effectiveFrom.getTime() < latestEffective.getTime()) {
      refuseInput([
        refuse('effectiveFrom', 'effectiveBeforeLatest', { version: Number(latest.version) }),
      ])
    }
    // As published: an instance's RULE_* overrides are no change of the rules.
    const previous = await publishedRulesOfVersion(Number(latest.version), trx)
    const version = Number(newest.version) + 1
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
        region_code: scope.regionCode,
        funding_source: scope.fundingSource,
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
        regionCode: scope.regionCode,
        fundingSource: scope.fundingSource,
        effectiveFrom: effectiveFrom.toISOString(),
        reason: input.reason,
        changes,
      },
    })
    return { version, ...scope, effectiveFrom, changes }
  })
  forgetGradeCutoffs()
  return published
}
