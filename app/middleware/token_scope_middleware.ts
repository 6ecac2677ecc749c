import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import RefusalException from '#exceptions/refusal_exception'
import { abilityNeededFor } from '#domain/token_scopes'

/**
 * Runs after `auth` on the token-authenticated API: a token may only do what
 * its abilities allow — GET with `read`, anything that changes state with
 * `write` — else 403 in the API error shape, naming the missing scope.
 */
export default class TokenScopeMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    const token = ctx.auth.use('api').user?.currentAccessToken
    const needed = abilityNeededFor(ctx.request.method())
    if (token && !token.allows(needed)) {
      ctx.response.header(
        'WWW-Authenticate',
        `Bearer error="insufficient_scope", scope="${needed}"`
      )
      throw new RefusalException(403, 'E_INSUFFICIENT_SCOPE', {
        identifier: 'api.scope.missing',
        data: { ability: needed },
      })
    }
    return next()
  }
}
