/*
 * CSRF protection for the server-rendered pages, with the token made only
 * when a page asks for it. Shield's guard makes a secret — and so a session —
 * for every request; here a visitor who only reads public pages (a guest, a
 * crawler) is given no session at all: no cookie, no row in the session store.
 * The first form rendered with `csrfField()` (or a page reading
 * `request.csrfToken`) puts the secret in the session; a state-changing
 * request must then carry a token made from it (the `_csrf` field or the
 * `x-csrf-token` header). Same secret key and tokens as Shield's guard.
 */
import type { HttpContext } from '@adonisjs/core/http'
import edge from 'edge.js'
import Tokens from 'csrf'
import { errors } from '@adonisjs/shield'

const tokens = new Tokens()
const SECRET_KEY = 'csrf-secret'

/** Methods that change state: they must carry a token. */
export const CSRF_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE'])

/**
 * Gives the request a lazily made token (`request.csrfToken`) and the views
 * `csrfField()` and `csrfMeta()`; nothing is stored until one is used.
 */
export function offerCsrfToken(ctx: HttpContext) {
  let token: string | null = null
  const tokenOf = () => {
    if (token === null) {
      let secret = ctx.session.get(SECRET_KEY) as string | undefined
      if (!secret) {
        secret = tokens.secretSync()
        ctx.session.put(SECRET_KEY, secret)
      }
      token = tokens.create(secret)
    }
    return token
  }
  Object.defineProperty(ctx.request, 'csrfToken', { get: tokenOf, configurable: true })
  ctx.view?.share({
    csrfField: () =>
      edge.globals.html.safe(`<input type='hidden' name='_csrf' value='${tokenOf()}'>`),
    csrfMeta: () => edge.globals.html.safe(`<meta name='csrf-token' content='${tokenOf()}'>`),
  })
}

/** Refuses (E_BAD_CSRF_TOKEN) a request whose token was not made from this session's secret. */
export function verifyCsrfToken(ctx: HttpContext) {
  const secret = ctx.session.get(SECRET_KEY) as string | undefined
  const sent = ctx.request.input('_csrf') ?? ctx.request.header('x-csrf-token')
  if (!secret || typeof sent !== 'string' || !tokens.verify(secret, sent)) {
    throw new errors.E_BAD_CSRF_TOKEN()
  }
}
