import { assert } from '@japa/assert'
import { apiClient } from '@japa/api-client'
import app from '@adonisjs/core/services/app'
import type { Config } from '@japa/runner/types'
import { pluginAdonisJS } from '@japa/plugin-adonisjs'
import testUtils from '@adonisjs/core/services/test_utils'
import { authApiClient } from '@adonisjs/auth/plugins/api_client'
import { shieldApiClient } from '@adonisjs/shield/plugins/api_client'
import { sessionApiClient } from '@adonisjs/session/plugins/api_client'
import { sessionBrowserClient } from '@adonisjs/session/plugins/browser_client'
import { authBrowserClient } from '@adonisjs/auth/plugins/browser_client'
import { browserClient } from '@japa/browser-client'
import { chromium } from 'playwright'
import { failTestsOfBrokenSetups } from '#tests/group_setup_failures'

/**
 * The suite runs against the database chosen by DB_CONNECTION (SQLite by
 * default, MySQL in the second CI pass). The schema is rebuilt once per run;
 * each test then runs inside a global transaction that is rolled back.
 */
export const plugins: Config['plugins'] = [
  assert(),
  apiClient(),
  pluginAdonisJS(app),
  sessionApiClient(app),
  shieldApiClient(),
  authApiClient(app),
  browserClient({
    runInSuites: ['browser'],
    // Debian's Chromium: Playwright's own browser download is not available here.
    launcher: (options) =>
      chromium.launch({
        ...options,
        executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
        args: [
          '--headless',
          '--no-sandbox',
          '--disable-gpu',
          '--disable-background-networking',
          '--disable-component-update',
          '--disable-sync',
          '--no-first-run',
        ],
      }),
  }),
  sessionBrowserClient(app),
  authBrowserClient(app),
]

export const runnerHooks: Required<Pick<Config, 'setup' | 'teardown'>> = {
  setup: [
    async () => {
      const ace = await app.container.make('ace')
      // migration:fresh, in two steps: the test database is this run's alone, and MySQL's
      // migration lock is one name for the whole server, so runs on other databases of a
      // shared server would refuse each other (`migration:fresh --disable-locks` hands the
      // flag on to db:wipe, which refuses it).
      for (const [command, args] of [
        ['db:wipe', ['--force']],
        ['migration:run', ['--force', '--disable-locks', '--no-schema-generate']],
      ] as const) {
        const run = await ace.exec(command, [...args])
        if (run.exitCode !== 0) {
          throw run.error ?? new Error(`${command} failed`)
        }
      }
    },
    // The local Stripe mock, unless STRIPE_API_BASE names a Stripe-compatible server.
    async () => {
      const { startTestStripe } = await import('#tests/stripe')
      return startTestStripe()
    },
  ],
  teardown: [],
}

export const configureSuite: Config['configureSuite'] = (suite) => {
  // A throwing group (or suite) setup fails each of its tests instead of skipping them unseen.
  failTestsOfBrokenSetups(suite)
  if (['browser', 'functional', 'e2e'].includes(suite.name)) {
    // Each test starts with an empty cache of public lists: nothing leaks from a rolled-back test.
    const forgetLists = async () => {
      const { clearLists } = await import('#services/public_cache')
      await clearLists()
    }
    // …and with empty rate-limit counters: all requests come from one address, and
    // the per-address password budgets would otherwise add up across the whole run.
    const forgetCounters = async () => {
      const { default: limiter } = await import('@adonisjs/limiter/services/main')
      await limiter.clear()
    }
    suite.onGroup((group) => group.each.setup(forgetLists))
    suite.onTest((test) => test.setup(forgetLists))
    suite.onGroup((group) => group.each.setup(forgetCounters))
    suite.onTest((test) => test.setup(forgetCounters))
    return suite.setup(() => testUtils.httpServer().start())
  }
}
