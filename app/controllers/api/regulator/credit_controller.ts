import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import Organization from '#models/organization'
import { creditEventValidator, creditRulesValidator } from '#validators/credit'
import CreditRuleSetPolicy from '#policies/credit_rule_set_policy'
import { publishCreditRules } from '#actions/credit/credit_rules'
import { creditRulesInForce, recordCreditEvent } from '#services/credit_ledger'
import { refuse } from '#actions/projects/project_rules'

/** The credit ledger for regulators (API.md "Regulators"). */
export default class CreditController {
  /** POST /api/v1/regulator/credit-events {agencyId, type, points?, reason} */
  async store({ request, response, auth }: HttpContext) {
    const payload = await request.validateUsing(creditEventValidator)
    const agency = await Organization.query()
      .where('id', payload.agencyId)
      .where('kind', 'agency')
      .firstOrFail()
    // Own points only for a penalty or a commendation; every other event follows the rule table.
    const ownPoints =
      payload.type === 'regulator_penalty' || payload.type === 'regulator_commendation'
    if (payload.points !== undefined && !ownPoints) {
      refuse([{ field: 'points', rule: 'pointsByRule' }])
    }
    if (payload.points !== undefined) {
      const wrongSign =
        (payload.type === 'regulator_penalty' && payload.points >= 0) ||
        (payload.type === 'regulator_commendation' && payload.points <= 0)
      if (wrongSign) refuse([{ field: 'points', rule: 'pointsSign' }])
    }
    const recorded = await db.transaction((trx) =>
      recordCreditEvent(trx, {
        organizationId: agency.id,
        type: payload.type,
        reason: payload.reason,
        points: payload.points,
        actor: auth.getUserOrFail(),
      })
    )
    return response.created(recorded)
  }

  /** GET /api/v1/regulator/credit-rules — the rule table in force. */
  async rules() {
    return creditRulesInForce()
  }

  /** PUT /api/v1/regulator/credit-rules {rules, incentives?, reason} — a new version of the table. */
  async updateRules({ request, bouncer, auth }: HttpContext) {
    await bouncer.with(CreditRuleSetPolicy).authorize('publish')
    const input = await request.validateUsing(creditRulesValidator)
    return publishCreditRules(input, auth.getUserOrFail())
  }
}
