import { I18n } from '@adonisjs/i18n'
import i18nManager from '@adonisjs/i18n/services/main'
import type { NextFn } from '@adonisjs/core/types/http'
import { requestLocale } from '#services/request_locale'
import { type HttpContext, RequestValidator } from '@adonisjs/core/http'

/**
 * Chooses the language of the response: the visitor's explicit choice (the
 * language switch stores it in a cookie), then — for API clients only — the
 * Accept-Language header, then Chinese. Validation messages follow it.
 */
export default class DetectUserLocaleMiddleware {
  static {
    RequestValidator.messagesProvider = (ctx) => {
      return ctx.i18n.createMessagesProvider()
    }
  }

  async handle(ctx: HttpContext, next: NextFn) {
    ctx.i18n = i18nManager.locale(requestLocale(ctx))
    ctx.containerResolver.bindValue(I18n, ctx.i18n)

    // Pages only: reading ctx.view builds a template renderer, which the JSON API never uses.
    if (!ctx.request.url().startsWith('/api/') && 'view' in ctx) {
      ctx.view.share({ i18n: ctx.i18n })
    }

    return next()
  }
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    i18n: I18n
  }
}
