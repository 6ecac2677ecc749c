import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { refreshGradeCutoffs } from '#services/market_rules'

/**
 * Keeps the grade cut-offs in force at hand for the pages, the API and the
 * exports that show grades: one query a minute per instance, none otherwise.
 * The health checks never wait for it (liveness must not need the database);
 * when the database cannot answer, the last cut-offs known stay in use.
 */
export default class RuleParametersMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!ctx.request.url().startsWith('/health')) {
      try {
        await refreshGradeCutoffs()
      } catch (error) {
        ctx.logger.warn({ err: error }, 'grade cut-offs not refreshed; the last known stay in use')
      }
    }
    return next()
  }
}
