import type { TranslationsFormatterContract } from '@adonisjs/i18n/types'

/**
 * The ICU formatter parses the message and resolves the locale on every call
 * (a new IntlMessageFormat each time): pages call t() hundreds of times per
 * render, mostly for labels without values. Those results depend only on the
 * message and the locale, so they are kept; messages with values are
 * formatted by the ICU formatter as before. (Profiled under `npm run bench`:
 * IntlMessageFormat's locale resolution was the largest single cost of
 * rendering a page.)
 */
export function memoizedFormatter(
  formatter: TranslationsFormatterContract
): TranslationsFormatterContract {
  const results = new Map<string, string>()
  return {
    name: formatter.name,
    format(message, locale, data) {
      if (data && Object.keys(data).length > 0) return formatter.format(message, locale, data)
      const key = `${locale}\u0000${message}`
      let result = results.get(key)
      if (result === undefined) {
        result = formatter.format(message, locale, data)
        // Bounded: the translation files hold a few thousand messages.
        if (results.size < 20_000) results.set(key, result)
      }
      return result
    },
  }
}
