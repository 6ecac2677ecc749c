import type { HttpContext } from '@adonisjs/core/http'
import { choicesOf } from '#domain/rules'
import { asApplied, ruleSetHistory, ruleSetsInForce } from '#services/market_rules'
import { clock } from '#services/clock'
import {
  changeValue,
  choiceLabelKey,
  parameterValue,
  RULE_PARAMETER_GROUPS,
} from '#presenters/rule_parameters'

/**
 * GET /rules — the rule sets in force side by side, one column per scope
 * (the general set first, then those for a funding source or a region), as
 * this instance applies them (RULE_* overrides included and marked), and
 * every change, with its reason and date.
 */
export default class RulesController {
  async index({ view }: HttpContext) {
    const history = await ruleSetHistory()
    const now = clock.now().getTime()
    const inForceNow = await ruleSetsInForce(new Date(now))
    const sets = inForceNow.map((entry) => {
      const { parameters, overridden } = asApplied(entry.parameters)
      return { ...entry, parameters, overridden }
    })
    const inForce = sets[0] ?? { ...history.at(-1)!, overridden: [] }
    return view.render('pages/rules/index', {
      history,
      inForce,
      sets,
      overridden: inForce.overridden,
      now,
      groups: RULE_PARAMETER_GROUPS,
      parameterValue,
      choicesOf,
      choiceLabelKey,
      changeValue,
    })
  }
}
