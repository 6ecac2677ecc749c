import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'

/**
 * Finds out whether a page visitor is logged in, so that public pages can
 * show the right navigation. API requests authenticate with tokens instead.
 */
export default class SilentAuthMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    if (!ctx.request.url().startsWith('/api/')) {
      await ctx.auth.check()
    }
    return next()
  }
}
