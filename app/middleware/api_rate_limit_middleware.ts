import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import limiter from '@adonisjs/limiter/services/main'
import apiConfig from '#config/api'

/**
 * Counts every /api/v1 request against a budget per minute: the token's own
 * when a valid bearer token comes with it (one busy integrator does not slow
 * another), else the client IP's. Over budget → 429 in the API error shape
 * with Retry-After. Counters live in the limiter store, shared by instances.
 */
export default class ApiRateLimitMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const { perTokenPerMinute, perIpPerMinute } = apiConfig.rateLimit
    const token = await this.verifiedToken(ctx)
    const [key, requests] = token
      ? [`api:token:${token.identifier}`, perTokenPerMinute]
      : [`api:ip:${ctx.request.ip()}`, perIpPerMinute]

    if (requests > 0) {
      const usage = await limiter.use({ requests, duration: '1 min' }).consume(key)
      ctx.response.header('X-RateLimit-Limit', usage.limit)
      ctx.response.header('X-RateLimit-Remaining', usage.remaining)
    }
    return next()
  }

  /**
   * The token is verified (not merely read from the header), so nobody can
   * spend another integrator's budget by sending its token id. The guard
   * remembers the outcome: `auth` later neither verifies twice nor accepts a
   * token refused here.
   */
  private async verifiedToken(ctx: HttpContext) {
    if (!/^bearer\s/i.test(ctx.request.header('authorization') ?? '')) return null
    const guard = ctx.auth.use('api')
    return (await guard.check()) ? guard.user!.currentAccessToken : null
  }
}
