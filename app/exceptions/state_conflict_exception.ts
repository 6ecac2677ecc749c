import { Exception } from '@adonisjs/core/exceptions'
import type { HttpContext } from '@adonisjs/core/http'

/**
 * A state change that the current state does not allow (withdrawing an agency
 * that already left, bidding after the deadline…): 409 for the API, a flashed
 * message and a way back for pages.
 */
export default class StateConflictException extends Exception {
  static status = 409
  static code = 'E_STATE_CONFLICT'

  constructor(
    readonly translation: { identifier: string; data?: Record<string, unknown> },
    message = 'The record is not in a state that allows this change'
  ) {
    super(message, { status: 409, code: 'E_STATE_CONFLICT' })
  }

  async handle(error: this, ctx: HttpContext) {
    const message = ctx.i18n.t(error.translation.identifier, error.translation.data ?? {})
    if (ctx.request.url().startsWith('/api/')) {
      return ctx.response.status(409).send({ errors: [{ code: 'E_STATE_CONFLICT', message }] })
    }
    ctx.session.flash('error', message)
    return ctx.response.redirect().back()
  }
}
