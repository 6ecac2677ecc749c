import { test } from '@japa/runner'
import {
  dedicatedMarket,
  startServer,
  type ChildEnv,
  type DedicatedMarket,
} from '#tests/child_processes'
import { productionKeyFiles } from '#tests/production_keys'

/** A production server of the market with Stripe configured (a key, a Stripe-compatible base) and its keys. */
const production = async (extra: ChildEnv): Promise<ChildEnv> => ({
  NODE_ENV: 'production',
  STRIPE_SECRET_KEY: 'sk_test_production_boot_check',
  STRIPE_API_BASE: 'http://127.0.0.1:9',
  ...(await productionKeyFiles()),
  ...extra,
})

test.group('Stripe configuration at boot', (group) => {
  let market: DedicatedMarket
  group.setup(async () => {
    market = await dedicatedMarket('stripe_boot')
    return () => market.drop()
  })

  test('in production, Stripe configured without a webhook secret stops the boot and names STRIPE_WEBHOOK_SECRET; with one the server starts', async ({
    assert,
  }) => {
    // Empty, as an operator's .env copied from .env.example has it (and overriding any local .env).
    const refused = await startServer(market, await production({ STRIPE_WEBHOOK_SECRET: '' })).then(
      async (server) => {
        await server.kill()
        return null
      },
      (error: Error) => error.message
    )
    assert.isNotNull(refused, 'the server started without a webhook secret')
    assert.include(refused!, 'the child server exited')
    assert.include(refused!, 'STRIPE_WEBHOOK_SECRET is not set')

    const server = await startServer(
      market,
      await production({ STRIPE_WEBHOOK_SECRET: 'whsec_production_boot_check_0123456789' })
    )
    try {
      const live = await fetch(`${server.url}/health/live`)
      assert.equal(live.status, 200)
    } finally {
      await server.kill()
    }
  }).timeout(120_000)

  test('in production, the server refuses to start without the market CA and names PKI_CA_KEY_FILE', async ({
    assert,
  }) => {
    const refused = await startServer(
      market,
      await production({
        STRIPE_WEBHOOK_SECRET: 'whsec_production_boot_check_0123456789',
        PKI_CA_KEY_FILE: '',
        PKI_CA_CERT_FILE: '',
      })
    ).then(
      async (server) => {
        await server.kill()
        return null
      },
      (error: Error) => error.message
    )
    assert.isNotNull(refused, 'the server started without its CA')
    assert.include(refused!, 'PKI_CA_KEY_FILE and PKI_CA_CERT_FILE are not set')
  }).timeout(120_000)
})
