import type { HttpContext } from '@adonisjs/core/http'
import i18nManager from '@adonisjs/i18n/services/main'
import { LOCALE_COOKIE } from '#services/request_locale'

export default class LocalesController {
  /** The language switch: remembers the choice for a year and goes back. */
  async update({ request, response }: HttpContext) {
    const locale = i18nManager.getSupportedLocaleFor(String(request.input('locale', '')))
    if (locale) {
      response.plainCookie(LOCALE_COOKIE, locale, { maxAge: '1y', httpOnly: true })
    }
    return response.redirect().back()
  }
}
