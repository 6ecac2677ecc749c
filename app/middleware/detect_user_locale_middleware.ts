import { I18n } from '@adonisjs/i18n'
import i18nManager from '@adonisjs/i18n/services/main'
import type { NextFn } from '@adonisjs/core/types/http'
import { type HttpContext, RequestValidator } from '@adonisjs/core/http'

export const LOCALE_COOKIE = 'locale'

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

/** The locale a request should be answered in (also used by the error handler). */
export function requestLocale(ctx: HttpContext): string {
  const chosen = ctx.request.plainCookie(LOCALE_COOKIE)
  if (chosen) {
    const supported = i18nManager.getSupportedLocaleFor(String(chosen))
    if (supported) return supported
  }
  if (ctx.request.url().startsWith('/api/') && ctx.request.header('accept-language')) {
    const accepted = i18nManager.getSupportedLocaleFor(ctx.request.languages())
    if (accepted) return accepted
  }
  return i18nManager.defaultLocale
}

declare module '@adonisjs/core/http' {
  export interface HttpContext {
    i18n: I18n
  }
}
