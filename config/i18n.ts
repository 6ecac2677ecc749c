import app from '@adonisjs/core/services/app'
import { configProvider } from '@adonisjs/core'
import { defineConfig, formatters, loaders } from '@adonisjs/i18n'
import { memoizedFormatter } from '#services/memoized_formatter'

/**
 * Chinese first, English second. Strings live in resources/lang/<locale>/.
 */
const i18nConfig = defineConfig({
  defaultLocale: 'zh-CN',
  supportedLocales: ['zh-CN', 'en'],
  fallbackLocales: { en: 'zh-CN' },
  // ICU, with the messages that take no values formatted once (app/services/memoized_formatter.ts).
  formatter: configProvider.create(async (resolving) => {
    const icu = await formatters.icu().resolver(resolving)
    return (config) => memoizedFormatter(icu(config))
  }),
  loaders: [
    loaders.fs({
      location: app.languageFilesPath(),
    }),
  ],
})

export default i18nConfig
