import type { HttpContext } from '@adonisjs/core/http'
import { choicesOf } from '#domain/rules'
import { asApplied, ruleSetHistory } from '#services/market_rules'
import { clock } from '#services/clock'
import { changeValue, parameterValue, RULE_PARAMETER_GROUPS } from '#presenters/rule_parameters'

/**
 * GET /rules — the rule parameters in force, as this instance applies them
 * (RULE_* overrides included and marked), and every change, with its reason and date.
 */
export default class RulesController {
  async index({ view }: HttpContext) {
    const history = await ruleSetHistory()
    const now = clock.now().getTime()
    const current = history.find((entry) => entry.effectiveFrom.getTime() <= now) ?? history.at(-1)!
    const { parameters, overridden } = asApplied(current.parameters)
    return view.render('pages/rules/index', {
      history,
      inForce: { ...current, parameters },
      overridden,
      now,
      groups: RULE_PARAMETER_GROUPS,
      parameterValue,
      choicesOf,
      changeValue,
    })
  }
}
