import type { HttpContext } from '@adonisjs/core/http'
import { choicesOf } from '#domain/rules'
import RuleSetPolicy from '#policies/rule_set_policy'
import { marketRulesFormValidator } from '#validators/market_rules'
import { publishMarketRules } from '#actions/rules/publish_market_rules'
import { ruleSetHistory } from '#services/market_rules'
import { beijingDayStart } from '#domain/time_zone'
import {
  parameterErrorKey,
  parameterFieldName,
  parameterValue,
  RULE_PARAMETER_GROUPS,
} from '#presenters/rule_parameters'

/** The admin's form for a new version of the rule parameters. */
export default class RulesController {
  async edit({ view }: HttpContext) {
    const [latest] = await ruleSetHistory()
    return view.render('pages/admin/rules', {
      latest,
      groups: RULE_PARAMETER_GROUPS,
      parameterValue,
      choicesOf,
      parameterFieldName,
      parameterErrorKey,
    })
  }

  async store({ request, response, auth, bouncer, session, i18n }: HttpContext) {
    await bouncer.with(RuleSetPolicy).authorize('publish')
    const { parameters, effectiveFrom, reason } =
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
      },
      auth.getUserOrFail()
    )
    session.flash('success', i18n.t('rules.published', { version }))
    return response.redirect().toRoute('rules.index')
  }
}
