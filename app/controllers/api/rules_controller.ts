import type { HttpContext } from '@adonisjs/core/http'
import RuleSetPolicy from '#policies/rule_set_policy'
import { marketRulesValidator } from '#validators/market_rules'
import { publishMarketRules } from '#actions/rules/publish_market_rules'
import { beijingDayStart } from '#domain/time_zone'
import { latestEntryOfScope, ruleSetHistory } from '#services/market_rules'
import type { RuleParameters } from '#domain/rules'

/** The rule parameters: every version (public), and a new one (admins). */
export default class RulesController {
  /** GET /api/v1/rules — every version, newest first, with what it changed. */
  async index() {
    const history = await ruleSetHistory()
    return {
      data: history.map((entry) => ({
        version: entry.version,
        regionCode: entry.regionCode,
        fundingSource: entry.fundingSource,
        effectiveFrom: entry.effectiveFrom.toISOString(),
        publishedAt: entry.publishedAt.toISOString(),
        reason: entry.reason,
        parameters: entry.parameters,
        changes: entry.changes,
      })),
    }
  }

  /** POST /api/v1/admin/rules {parameters (those to change), effectiveFrom, reason} */
  async store({ request, response, auth, bouncer }: HttpContext) {
    await bouncer.with(RuleSetPolicy).authorize('publish')
    const input = await request.validateUsing(marketRulesValidator)
    const scope = {
      regionCode: input.regionCode ?? null,
      fundingSource: input.fundingSource ?? null,
    }
    const latest = latestEntryOfScope(await ruleSetHistory(), scope)
    const changed = input.parameters as Partial<RuleParameters>
    const parameters: RuleParameters = {
      ...latest.parameters,
      ...changed,
      minValidResponses: { ...latest.parameters.minValidResponses, ...changed.minValidResponses },
      gradeCutoffs: { ...latest.parameters.gradeCutoffs, ...changed.gradeCutoffs },
      scoredWeightBounds: {
        ...latest.parameters.scoredWeightBounds,
        ...changed.scoredWeightBounds,
      },
      compositeWeights: { ...latest.parameters.compositeWeights, ...changed.compositeWeights },
      allowedMethods: { ...latest.parameters.allowedMethods, ...changed.allowedMethods },
    }
    const published = await publishMarketRules(
      {
        parameters,
        effectiveFrom: beijingDayStart(input.effectiveFrom),
        reason: input.reason,
        scope,
      },
      auth.getUserOrFail()
    )
    return response.created({
      version: published.version,
      regionCode: published.regionCode,
      fundingSource: published.fundingSource,
      effectiveFrom: published.effectiveFrom.toISOString(),
      changes: published.changes,
    })
  }
}
