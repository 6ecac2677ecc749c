import db from '@adonisjs/lucid/services/db'
import type User from '#models/user'
import {
  creditRulesProblems,
  withRepairTerms,
  type CreditIncentives,
  type StoredCreditRules,
} from '#domain/credit'
import { refuseInput } from '#exceptions/invalid_input_exception'
import { recordAuditEvent } from '#services/audit_log'
import { creditRulesInForce } from '#services/credit_ledger'
import { sqlTime } from '#services/sql_time'
import { clock } from '#services/clock'
import { invalidateLists } from '#services/public_cache'

/**
 * A regulator publishes a new version of the credit rule table, with a
 * reason. Events keep the points, validity, class and publication period of
 * the version they were recorded under (the ledger stores them), so a change
 * applies to new events. Each adverse type needs a class (轻微/一般/严重) and
 * publication bounds within that class's legal bounds; a type submitted
 * without them keeps its starting class.
 */
export async function publishCreditRules(
  submitted: { rules: StoredCreditRules; incentives?: CreditIncentives; reason: string },
  regulator: User
) {
  const input = { ...submitted, rules: withRepairTerms(submitted.rules) }
  const problems = creditRulesProblems(input.rules)
  if (problems.length > 0) {
    refuseInput(
      problems.map((problem) => ({
        field: problem.field,
        rule: `creditRules.${problem.rule}`,
        identifier: `credit_repair.rules.${problem.rule}`,
        data: problem.data,
      }))
    )
  }
  return db.transaction(async (trx) => {
    // The latest version row, locked: two regulators publishing at once get consecutive versions.
    const latest = await trx
      .from('credit_rule_sets')
      .orderBy('version', 'desc')
      .forUpdate()
      .firstOrFail()
    const current = await creditRulesInForce(trx)
    const version = Number(latest.version) + 1
    const incentives = input.incentives ?? current.incentives
    await trx
      .insertQuery()
      .table('credit_rule_sets')
      .insert({
        version,
        rules: JSON.stringify(input.rules),
        incentives: JSON.stringify(incentives),
        change_reason: input.reason,
        created_by_user_id: regulator.id,
        created_at: sqlTime(clock.now()),
      })
    await recordAuditEvent(trx, {
      actor: regulator,
      action: 'credit.rules_published',
      subjectType: 'credit_rule_set',
      subjectId: version,
      payload: { version, rules: input.rules, incentives, reason: input.reason },
    })
    // The incentives decide the directory's order (grade A first).
    await invalidateLists(['directory'], trx)
    return { version, rules: input.rules, incentives }
  })
}
