import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * A market rule refuses the action (the state does not allow it: 409; the
 * actor is not eligible: 403), with a translated reason: the API answers in
 * the error shape, pages flash the reason and go back.
 */
export default class RefusalException extends Exception {
  constructor(
    status: number,
    code: string,
    readonly translation: { identifier: string; data?: Record<string, unknown> },
    message = 'The market rules refuse this action'
  ) {
    super(message, { status, code })
  }

  async handle(error: this, ctx: HttpContext) {
    const message = ctx.i18n.t(error.translation.identifier, error.translation.data ?? {})
    if (ctx.request.url().startsWith('/api/')) {
      return ctx.response.status(error.status).send({ errors: [{ code: error.code, message }] })
    }
    ctx.session.flash('error', message)
    return ctx.response.redirect().back()
  }
}
