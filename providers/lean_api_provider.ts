import type { ApplicationService } from '@adonisjs/core/types'
import type { HttpContext } from '@adonisjs/core/http'
import type { NextFn } from '@adonisjs/core/types/http'
import ShieldMiddleware from '@adonisjs/shield/shield_middleware'
import SessionMiddleware from '@adonisjs/session/session_middleware'
import {
  cspFactory,
  csrfFactory,
  frameGuardFactory,
  hstsFactory,
  noSniffFactory,
} from '@adonisjs/shield/guards'

/** The token-authenticated JSON API (API.md): no cookies, no forms. */
function isApiRequest(ctx: HttpContext) {
  return ctx.request.url().startsWith('/api/')
}

/**
 * The session and shield middleware, built once, and kept off the JSON API
 * under /api/ — which authenticates with bearer tokens, answers every error
 * in JSON (app/exceptions/handler.ts) and is exempt from CSRF checks
 * (config/shield.ts). Stock, every API request opened a session, generated a
 * CSRF secret into it, encrypted it into a cookie the client never sends
 * back, built a CSP nonce and a view renderer to share it with, and (shield
 * binding its middleware anew per request) resolved a dynamic import of
 * edge.js: about a quarter of a bid's time in the storm's profile. JSON
 * answers keep the headers that matter to them: HSTS and nosniff.
 */
export default class LeanApiProvider {
  constructor(protected app: ApplicationService) {}

  register() {
    const app = this.app
    app.container.singleton(ShieldMiddleware, async () => {
      const config = app.config.get<any>('shield', {})
      const encryptionManager = await app.container.make('encryption')
      const encryption = encryptionManager.use()
      const edge = app.usingEdgeJS
        ? await import('edge.js').then((edgeJs) => edgeJs.default)
        : undefined
      // For pages: CSRF, CSP (with its nonce shared to the views), frame guard.
      const pageGuards = [
        csrfFactory(config.csrf || {}, encryption, edge),
        cspFactory(config.csp || {}),
        frameGuardFactory(config.xFrame || {}),
      ]
      // For every response, JSON included.
      const transportGuards = [
        hstsFactory(config.hsts || {}),
        noSniffFactory(config.contentTypeSniffing || {}),
      ]
      return {
        async handle(ctx: HttpContext, next: NextFn) {
          if (!isApiRequest(ctx)) for (const guard of pageGuards) await guard(ctx)
          for (const guard of transportGuards) await guard(ctx)
          return next()
        },
      } as unknown as ShieldMiddleware
    })

    app.container.singleton(SessionMiddleware, async (resolver) => {
      const { configProvider } = await import('@adonisjs/core')
      const config = await configProvider.resolve<any>(app, app.config.get('session', {}))
      const session = new SessionMiddleware(config, await resolver.make('emitter'))
      return {
        handle(ctx: HttpContext, next: NextFn) {
          return isApiRequest(ctx) ? next() : session.handle(ctx, next)
        },
      } as unknown as SessionMiddleware<any>
    })
  }
}
