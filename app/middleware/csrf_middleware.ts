import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import { CSRF_METHODS, offerCsrfToken, verifyCsrfToken } from '#services/csrf'
import { takesFiles } from '#services/uploads'

/**
 * Routes a forged cross-site form cannot misuse: they only set a display
 * preference cookie of the visitor (language, care mode), so their forms in
 * the header of every page need no token — and a guest no session.
 */
const PREFERENCE_ROUTES = new Set(['locale', 'care_mode'])

/**
 * CSRF for the pages (app/services/csrf.ts). Exempt: the JSON API (bearer
 * tokens, never cookies), the preference switches, and upload forms, whose
 * token is inside the multipart body: the uploads middleware checks it once
 * the route's login and role checks have passed and the body is read.
 */
export default class CsrfMiddleware {
  async handle(ctx: HttpContext, next: NextFn) {
    offerCsrfToken(ctx)
    const exempt =
      !CSRF_METHODS.has(ctx.request.method()) ||
      ctx.request.url().startsWith('/api/') ||
      PREFERENCE_ROUTES.has(ctx.route?.name ?? '') ||
      (ctx.request.bodyType === 'multipart' && takesFiles(ctx.route))
    if (!exempt) verifyCsrfToken(ctx)
    return next()
  }
}
