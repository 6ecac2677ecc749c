import i18nManager from '@adonisjs/i18n/services/main'
import type { HttpContext } from '@adonisjs/core/http'

/** The cookie in which the language switch stores the visitor's choice. */
export const LOCALE_COOKIE = 'locale'

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
