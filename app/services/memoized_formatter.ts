import type { TranslationsFormatterContract } from '@adonisjs/i18n/types'

/**
 * The ICU formatter parses the message and resolves the locale on every call
 * (a new IntlMessageFormat each time), and pages call t() hundreds of times
 * per render. A result depends only on the locale, the message and the
 * values, so results are kept: always for messages without values, and for
 * short lists of plain values (a count, a code, a name) — most of the rest.
 * Bounded: once full, further results are formatted but not kept.
 * (Profiled under `npm run bench`: IntlMessageFormat's locale resolution was
 * the largest single cost of rendering a page.)
 */
const MAX_RESULTS = 20_000

export function memoizedFormatter(
  formatter: TranslationsFormatterContract
): TranslationsFormatterContract {
  const results = new Map<string, string>()
  return {
    name: formatter.name,
    format(message, locale, data) {
      const values = data ? plainValuesKey(data) : ''
      if (values === null) return formatter.format(message, locale, data)
      const key = `${locale}\u0000${message}\u0000${values}`
      let result = results.get(key)
      if (result === undefined) {
        result = formatter.format(message, locale, data)
        if (results.size < MAX_RESULTS) results.set(key, result)
      }
      return result
    },
  }
}

/** A key for a few strings, numbers and booleans; null for anything else (dates, objects…). */
function plainValuesKey(data: Record<string, unknown>) {
  let key = ''
  for (const name in data) {
    const value = data[name]
    const type = typeof value
    if (type !== 'string' && type !== 'number' && type !== 'boolean') return null
    key += `${name}\u0001${type}\u0001${String(value)}\u0002`
    if (key.length > 300) return null
  }
  return key
}
