import app from '@adonisjs/core/services/app'
import i18nManager from '@adonisjs/i18n/services/main'
import { requestLocale } from '#services/request_locale'
import RefusalException from '#exceptions/refusal_exception'
import { pageFieldOf } from '#services/form_fields'
import { type HttpContext, ExceptionHandler } from '@adonisjs/core/http'
import type { StatusPageRange, StatusPageRenderer } from '@adonisjs/core/types/http'

type HttpError = Error & {
  status?: number
  code?: string
  messages?: unknown
  getDefaultHeaders?: () => Record<string, unknown>
  headers?: Record<string, unknown>
}

/**
 * Turns every error into an answer a person or a program can act on:
 * - /api/* always answers JSON in the API.md shape {errors:[{field?, rule?, code?, message}]};
 * - pages answer with translated 403/404/500 pages, and forms re-render with field errors;
 * - refusals of the market rules (RefusalException: 422, 403, 409) are translated here, once,
 *   for both: the API names code, field and reason; a page shows each reason at its field,
 *   in the same bag as VineJS errors, and goes back to the form.
 * Internal details never reach the response outside development.
 */
export default class HttpExceptionHandler extends ExceptionHandler {
  protected debug = app.inDev

  protected renderStatusPages = true

  protected statusPages: Record<StatusPageRange, StatusPageRenderer> = {
    '403': (_, { view }) => view.render('pages/errors/forbidden'),
    '404': (_, { view }) => view.render('pages/errors/not_found'),
    '500..599': (_, { view }) => view.render('pages/errors/server_error'),
  }

  async handle(error: unknown, ctx: HttpContext) {
    this.ensureLocale(ctx)
    const httpError = this.toHttpError(error) as HttpError

    if (error instanceof RefusalException) return this.renderRefusal(error, ctx)

    if (ctx.request.url().startsWith('/api/')) {
      return this.renderApiError(httpError, ctx)
    }

    /**
     * Bouncer answers a refused page view with plain text: show the 403 page
     * instead. Refused form submissions keep bouncer's flash-and-redirect.
     */
    if (httpError.code === 'E_AUTHORIZATION_FAILURE' && ctx.request.method() === 'GET') {
      return this.renderErrorAsHTML(
        Object.assign(httpError, { status: httpError.status ?? 403 }),
        ctx
      )
    }

    return super.handle(error, ctx)
  }

  /**
   * A refusal of the market rules, translated in the request's language. A
   * 422 keeps the VineJS shape ({field, rule, message}); a 403/409 names its
   * code (and the field when the reason concerns one).
   */
  protected async renderRefusal(error: RefusalException, ctx: HttpContext) {
    const isInput = error.status === 422
    const messages = error.reasons.map((reason) => ({
      ...(isInput ? {} : { code: error.code }),
      ...(reason.field === undefined ? {} : { field: reason.field }),
      ...(reason.rule === undefined ? {} : { rule: reason.rule }),
      message: ctx.i18n.t(reason.identifier, reason.data ?? {}),
    }))

    if (ctx.request.url().startsWith('/api/')) {
      const details = error.apiDetails()
      return ctx.response
        .status(error.status)
        .send({ errors: messages.map((message) => ({ ...message, ...details })) })
    }

    // Reasons about a field go where VineJS errors go: at that field of the form.
    const atFields = messages.flatMap((message) =>
      message.field === undefined ? [] : [{ ...message, field: pageFieldOf(message.field, ctx) }]
    )
    if (atFields.length > 0) {
      ctx.session.flashValidationErrors({
        status: error.status,
        code: 'E_VALIDATION_ERROR',
        message: error.message,
        messages: atFields,
      })
    }
    const general = messages.filter((message) => message.field === undefined)
    if (general.length > 0) {
      ctx.session.flash('error', general.map((message) => message.message).join('；'))
    }

    return error.redirectPage(ctx.response)
  }

  protected async renderApiError(error: HttpError, ctx: HttpContext) {
    // Wrong credentials are an authentication failure for API clients (401, not 400).
    const status = error.code === 'E_INVALID_CREDENTIALS' ? 401 : (error.status ?? 500)

    if (error.code === 'E_VALIDATION_ERROR' && Array.isArray(error.messages)) {
      return ctx.response.status(422).send({ errors: error.messages })
    }

    const headers = error.getDefaultHeaders?.() ?? error.headers ?? {}
    for (const [name, value] of Object.entries(headers)) {
      ctx.response.header(name, String(value))
    }

    const code = status >= 500 ? 'E_INTERNAL_SERVER_ERROR' : (error.code ?? `E_HTTP_${status}`)
    const message = ctx.i18n.t(`errors.${code}`, {}, error.message)

    return ctx.response.status(status).send({ errors: [{ code, message }] })
  }

  /**
   * Errors raised before the router middleware ran (an unknown URL) have no
   * request locale yet: detect it here.
   */
  protected ensureLocale(ctx: HttpContext) {
    if (!('i18n' in ctx) || !ctx.i18n) {
      ctx.i18n = i18nManager.locale(requestLocale(ctx))
      if ('view' in ctx) ctx.view.share({ i18n: ctx.i18n })
    }
  }
}
