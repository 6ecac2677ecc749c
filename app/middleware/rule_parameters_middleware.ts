import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { refreshGradeCutoffs } from '#services/market_rules'

/**
 * Keeps the grade cut-offs in force at hand for the pages, the API and the
 * exports that show grades: one query a minute per instance, none otherwise.
 */
export default class RuleParametersMiddleware {
  async handle(_ctx: HttpContext, next: NextFn) {
    await refreshGradeCutoffs()
    return next()
  }
}
