import i18nManager from '@adonisjs/i18n/services/main'

/**
 * A text the market stores or sends whatever the reader's language (a plan's
 * default name, an e-mail): written in the market's default language.
 */
export function marketText(identifier: string, data: Record<string, unknown> = {}) {
  return i18nManager.locale(i18nManager.defaultLocale).t(identifier, data)
}
