/*
 * Payments need a Stripe. In development, when neither STRIPE_API_BASE nor
 * STRIPE_SECRET_KEY is set, the web server starts the local Stripe mock
 * inside its own process (on STRIPE_MOCK_PORT, by default on a free port,
 * which the app is then told; its state survives restarts in tmp/) and
 * sends its events to its own webhook, signed with the installation's
 * generated STRIPE_WEBHOOK_SECRET. In production a
 * missing key is reported at boot instead of failing at the first payment,
 * and Stripe configured without a webhook secret stops the boot: every
 * payment would otherwise stay unconfirmed (or, with a guessable secret,
 * be forgeable).
 */
import app from '@adonisjs/core/services/app'
import logger from '@adonisjs/core/services/logger'
import env from '#start/env'
import { localWebhookSecret, stripeConfigured, useLocalStripeMock } from '#services/stripe'
import { startStripeMock, type StripeMockOptions } from '#dev/stripe_mock/server'

const configured = env.get('STRIPE_API_BASE') || env.get('STRIPE_SECRET_KEY')

if (app.getMode() !== 'run') {
  // `node ace codegen` assembles the web app without running it: nothing to start.
} else if (app.inProduction && stripeConfigured() && !env.get('STRIPE_WEBHOOK_SECRET')) {
  throw new Error(
    'STRIPE_WEBHOOK_SECRET is not set: Stripe is configured, but its webhooks could not be verified. Set STRIPE_WEBHOOK_SECRET to the signing secret (whsec_…) of the webhook endpoint in Stripe.'
  )
} else if (app.inProduction && !env.get('STRIPE_SECRET_KEY')) {
  logger.error('STRIPE_SECRET_KEY is not set: milestone payments will fail')
} else if (!app.inProduction && !configured) {
  const host = env.get('HOST', '127.0.0.1')
  const options: StripeMockOptions = {
    port: env.get('STRIPE_MOCK_PORT', 0),
    webhookUrl: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${env.get('PORT', 3333)}/api/v1/webhooks/stripe`,
    webhookSecret: localWebhookSecret(),
    stateFile: app.tmpPath('stripe-mock-state.json'),
    log: (message) => logger.debug(`stripe mock: ${message}`),
  }
  const mock = await startStripeMock(options).catch((error) => {
    // Another server (a second instance, or stripe-mock) holds the chosen port: take any free one.
    if (error.code !== 'EADDRINUSE') throw error
    return startStripeMock({ ...options, port: 0 })
  })
  useLocalStripeMock(mock.url)
  logger.info(`local Stripe mock at ${mock.url} (test mode; set STRIPE_SECRET_KEY to use Stripe)`)
  app.terminating(() => mock.close())
}
