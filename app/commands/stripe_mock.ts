import { BaseCommand, flags } from '@adonisjs/core/ace'
import type { CommandOptions } from '@adonisjs/core/types/ace'

/**
 * `node ace stripe:mock` — runs the local Stripe-compatible mock on its own
 * (the development server starts one by itself; this is for running it
 * beside another process, e.g. tests with STRIPE_API_BASE pointing at it).
 */
export default class StripeMockCommand extends BaseCommand {
  static commandName = 'stripe:mock'
  static description = 'Run the local Stripe-compatible mock (PaymentIntents, refunds, webhooks)'

  static options: CommandOptions = { staysAlive: true }

  @flags.number({ description: 'Port to listen on (0 picks a free one)', default: 12111 })
  declare port: number

  @flags.string({ description: 'Address to listen on', default: '127.0.0.1' })
  declare host: string

  @flags.string({
    description: 'Where to deliver signed events (default: this app’s /api/v1/webhooks/stripe)',
  })
  declare webhookUrl?: string

  @flags.string({ description: 'Webhook signing secret (default: STRIPE_WEBHOOK_SECRET)' })
  declare webhookSecret?: string

  @flags.boolean({
    description: 'Hold events until POST /_mock/webhooks/deliver instead of sending them at once',
  })
  declare manual?: boolean

  async run() {
    const { default: env } = await import('#start/env')
    const { startStripeMock } = await import('#dev/stripe_mock/server')
    const { localWebhookSecret } = await import('#services/stripe')
    const appHost = env.get('HOST', '127.0.0.1')
    const webhookUrl =
      this.webhookUrl ??
      `http://${appHost === '0.0.0.0' ? '127.0.0.1' : appHost}:${env.get('PORT', 3333)}/api/v1/webhooks/stripe`
    const mock = await startStripeMock({
      port: this.port,
      host: this.host,
      webhookUrl,
      webhookSecret: this.webhookSecret ?? localWebhookSecret(),
      delivery: this.manual ? 'manual' : 'immediate',
      log: (message) => this.logger.info(message),
    })
    this.logger.success(`Stripe mock listening on ${mock.url} (STRIPE_API_BASE=${mock.url})`)
    this.logger.info(`Events are ${this.manual ? 'held for' : 'delivered to'} ${webhookUrl}`)
    const stop = async () => {
      await mock.close()
      await this.terminate()
    }
    process.once('SIGINT', stop)
    process.once('SIGTERM', stop)
  }
}
