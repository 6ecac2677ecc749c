import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { endSession, sessionStillValid } from '#services/account_sessions'

/**
 * Finds out whether a page visitor is logged in, so that public pages can
 * show the right navigation. API requests authenticate with tokens instead.
 * A session ended elsewhere (password changed, account suspended) is logged
 * out here, before any route sees its user.
 */
export default class SilentAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!ctx.request.url().startsWith('/api/')) {
      const user = (await ctx.auth.check()) ? ctx.auth.user : undefined
      if (user && !sessionStillValid(ctx, user)) await endSession(ctx)
    }
    return next()
  }
}
