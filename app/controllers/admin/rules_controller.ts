import type { HttpContext } from '@adonisjs/core/http'
import { choicesOf } from '#domain/rules'
import RuleSetPolicy from '#policies/rule_set_policy'
import { marketRulesFormValidator, ruleScopeQueryValidator } from '#validators/market_rules'
import { FUNDING_SOURCES } from '#domain/funding_scope'
import { REGIONS } from '#domain/regions'
import { publishMarketRules } from '#actions/rules/publish_market_rules'
import { latestEntryOfScope, ruleSetHistory } from '#services/market_rules'
import { beijingDayStart } from '#domain/time_zone'
import {
  choiceLabelKey,
  parameterErrorKey,
  parameterFieldName,
  parameterValue,
  RULE_PARAMETER_GROUPS,
} from '#presenters/rule_parameters'

/** The admin's form for a new version of the rule parameters. */
export default class RulesController {
  async edit({ view, request }: HttpContext) {
    // A scope the query does not name well is the general set's.
    const [error, query] = await ruleScopeQueryValidator.tryValidate(request.qs())
    const scope = {
      regionCode: (!error && query.regionCode) || null,
      fundingSource: (!error && query.fundingSource) || null,
    }
    const latest = latestEntryOfScope(await ruleSetHistory(), scope)
    return view.render('pages/admin/rules', {
      latest,
      scope,
      regions: REGIONS,
      fundingSources: FUNDING_SOURCES,
      groups: RULE_PARAMETER_GROUPS,
      parameterValue,
      choicesOf,
      choiceLabelKey,
      parameterFieldName,
      parameterErrorKey,
    })
  }

  async store({ request, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with(RuleSetPolicy).authorize('publish')
    const { parameters, effectiveFrom, reason, regionCode, fundingSource } =
      await request.validateUsing(marketRulesFormValidator)
    const { directSelectionThresholdYuan, ...rest } = parameters
    const { version } = await publishMarketRules(
      {
        parameters: {
          ...rest,
          directSelectionThresholdFen: Math.round(directSelectionThresholdYuan * 100),
        },
        effectiveFrom: beijingDayStart(effectiveFrom),
        reason,
        scope: { regionCode: regionCode ?? null, fundingSource: fundingSource ?? null },
      },
      auth.getUserOrFail()
    )
    session.flash('success', i18n.t('rules.published', { version }))
    return response.redirect().toRoute('rules.index')
  }
}
