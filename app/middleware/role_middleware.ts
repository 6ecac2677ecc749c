import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { AuthorizationResponse, errors } from '@adonisjs/bouncer'
import type { Role } from '#domain/roles'

/**
 * Lets only users of the given roles into a route group (an owner's area, a
 * regulator's API…). Runs after `auth`, so a user is always present; anyone
 * else gets 403 with the translated errors.E_AUTHORIZATION_FAILURE message.
 */
export default class RoleMiddleware {
  async handle(ctx: HttpContext, next: NextFn, options: { roles: Role[] }) {
    const user = ctx.auth.getUserOrFail()
    if (!options.roles.includes(user.role)) {
      throw new errors.E_AUTHORIZATION_FAILURE(AuthorizationResponse.deny())
    }
    return next()
  }
}
