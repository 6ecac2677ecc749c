// Assertions read best as `(await Milestone.findOrFail(id)).status`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import Stripe from 'stripe'
import { parseStripeForm } from '#dev/stripe_mock/form_encoding'
import { startStripeMock, type StripeMock } from '#dev/stripe_mock/server'

const SECRET = 'whsec_unit_test'

/** A webhook receiver that keeps what it was sent. */
async function receiver() {
  const received: { signature: string; body: string }[] = []
  const server: Server = createServer((request, response) => {
    let body = ''
    request.on('data', (chunk) => (body += chunk))
    request.on('end', () => {
      received.push({ signature: String(request.headers['stripe-signature']), body })
      response.end('{"received":true}')
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()))
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`
  return { received, url, close: () => new Promise((resolve) => server.close(resolve)) }
}

function sdk(mock: StripeMock, key = 'sk_test_unit') {
  return new Stripe(key, {
    host: '127.0.0.1',
    port: mock.port,
    protocol: 'http',
    maxNetworkRetries: 0,
  })
}

async function refusal(promise: Promise<unknown>) {
  try {
    await promise
  } catch (error) {
    return error as InstanceType<typeof Stripe.errors.StripeError>
  }
  throw new Error('expected Stripe to refuse')
}

test.group('Stripe mock: form encoding', () => {
  test('reads the bracketed keys the SDK writes', ({ assert }) => {
    assert.deepEqual(
      parseStripeForm(
        'amount=1234&metadata[contract_id]=7&allowed_payment_method_types[0]=card&allowed_payment_method_types[1]=alipay&expand[]=latest_charge&payment_method_options[wechat_pay][client]=web&description=%E6%94%AF%E4%BB%98'
      ),
      {
        amount: '1234',
        metadata: { contract_id: '7' },
        allowed_payment_method_types: ['card', 'alipay'],
        expand: ['latest_charge'],
        payment_method_options: { wechat_pay: { client: 'web' } },
        description: '支付',
      }
    )
  })
})

test.group('Stripe mock: the official SDK against it', (group) => {
  let mock: StripeMock
  let hooks: Awaited<ReturnType<typeof receiver>>
  let stripe: Stripe
  group.each.setup(async () => {
    hooks = await receiver()
    mock = await startStripeMock({
      port: 0,
      webhookUrl: hooks.url,
      webhookSecret: SECRET,
      delivery: 'manual',
    })
    stripe = sdk(mock)
    return async () => {
      await mock.close()
      await hooks.close()
    }
  })

  const create = (key?: string, amount = 300_000) =>
    stripe.paymentIntents.create(
      {
        amount,
        currency: 'cny',
        allowed_payment_method_types: ['card', 'alipay', 'wechat_pay'],
        payment_method_options: { wechat_pay: { client: 'web' } },
        metadata: { contract_id: '7', milestone_id: '9' },
      },
      key ? { idempotencyKey: key } : {}
    )

  test('create: a PaymentIntent in Stripe’s shape; the same idempotency key gives the same object back', async ({
    assert,
  }) => {
    const intent = await create('milestone-9-attempt-1')
    assert.match(intent.id, /^pi_[A-Za-z0-9]{24}$/)
    assert.include(intent, {
      object: 'payment_intent',
      amount: 300_000,
      currency: 'cny',
      status: 'requires_payment_method',
      amount_received: 0,
      livemode: false,
    })
    assert.match(intent.client_secret!, new RegExp(`^${intent.id}_secret_`))
    assert.deepEqual(intent.payment_method_types, ['card', 'alipay', 'wechat_pay'])
    assert.deepEqual(intent.metadata, { contract_id: '7', milestone_id: '9' })

    const again = await create('milestone-9-attempt-1')
    assert.equal(again.id, intent.id)
    assert.equal(again.lastResponse.headers['idempotent-replayed'], 'true')
    assert.equal(mock.state.paymentIntents.size, 1)

    const conflict = await refusal(create('milestone-9-attempt-1', 1))
    assert.equal(conflict.type, 'StripeIdempotencyError')
    assert.equal(conflict.statusCode, 400)
    assert.notEqual((await create('milestone-9-attempt-2')).id, intent.id)
  })

  test('confirm: a test card succeeds once; a second confirmation is refused', async ({
    assert,
  }) => {
    const intent = await create()
    const paid = await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' })
    assert.equal(paid.status, 'succeeded')
    assert.equal(paid.amount_received, 300_000)
    assert.match(paid.latest_charge as string, /^ch_/)
    assert.match(paid.payment_method as string, /^pm_/)
    assert.equal((await stripe.paymentIntents.retrieve(intent.id)).status, 'succeeded')

    const twice = await refusal(
      stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' })
    )
    assert.equal(twice.type, 'StripeInvalidRequestError')
    assert.equal(twice.code, 'payment_intent_unexpected_state')
    assert.deepEqual(
      mock.pendingEvents().map((event) => event.type),
      ['payment_intent.succeeded']
    )
  })

  test('confirm: a declined card answers 402 card_error, leaves the intent open with the error, and sends payment_failed', async ({
    assert,
  }) => {
    const intent = await create()
    const declined = await refusal(
      stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_chargeDeclined' })
    )
    assert.equal(declined.type, 'StripeCardError')
    assert.equal(declined.statusCode, 402)
    assert.equal(declined.code, 'card_declined')
    assert.equal(declined.decline_code, 'generic_decline')
    assert.equal(declined.payment_intent?.id, intent.id)
    const after = await stripe.paymentIntents.retrieve(intent.id)
    assert.equal(after.status, 'requires_payment_method')
    assert.equal(after.last_payment_error?.code, 'card_declined')
    // The payer may try again on the same intent.
    const retried = await stripe.paymentIntents.confirm(intent.id, {
      payment_method: 'pm_card_visa',
    })
    assert.equal(retried.status, 'succeeded')
    assert.deepEqual(
      mock.pendingEvents().map((event) => event.type),
      ['payment_intent.payment_failed', 'payment_intent.succeeded']
    )
  })

  test('cancel: an open intent is cancelled, a succeeded one is not', async ({ assert }) => {
    const open = await create()
    const cancelled = await stripe.paymentIntents.cancel(open.id, {
      cancellation_reason: 'abandoned',
    })
    assert.equal(cancelled.status, 'canceled')
    assert.equal(cancelled.cancellation_reason, 'abandoned')
    const paid = await create()
    await stripe.paymentIntents.confirm(paid.id, { payment_method: 'pm_card_visa' })
    const refused = await refusal(stripe.paymentIntents.cancel(paid.id))
    assert.equal(refused.code, 'payment_intent_unexpected_state')
  })

  test('refunds: partial then the rest of a succeeded intent; never more than was paid', async ({
    assert,
  }) => {
    const intent = await create()
    const notYet = await refusal(stripe.refunds.create({ payment_intent: intent.id }))
    assert.equal(notYet.code, 'charge_not_refundable')
    await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' })

    const part = await stripe.refunds.create({ payment_intent: intent.id, amount: 100_000 })
    assert.include(part, {
      object: 'refund',
      amount: 100_000,
      status: 'succeeded',
      payment_intent: intent.id,
    })
    const tooMuch = await refusal(
      stripe.refunds.create({ payment_intent: intent.id, amount: 250_000 })
    )
    assert.equal(tooMuch.code, 'amount_too_large')
    const rest = await stripe.refunds.create({ payment_intent: intent.id })
    assert.equal(rest.amount, 200_000)
    const none = await refusal(stripe.refunds.create({ payment_intent: intent.id }))
    assert.equal(none.code, 'charge_already_refunded')

    const refundedEvents = mock.pendingEvents().filter((event) => event.type === 'charge.refunded')
    assert.deepEqual(
      refundedEvents.map((event) => [
        event.data.object.amount_refunded,
        event.data.object.refunded,
      ]),
      [
        [100_000, false],
        [300_000, true],
      ]
    )
    assert.deepEqual(refundedEvents[1].data.previous_attributes, {
      amount_refunded: 100_000,
      refunded: false,
    })
  })

  test('errors come in Stripe’s shapes: missing, unknown and invalid parameters, unknown objects, keys', async ({
    assert,
  }) => {
    const missing = await refusal(stripe.paymentIntents.create({ currency: 'cny' } as any))
    assert.include(missing, {
      type: 'StripeInvalidRequestError',
      code: 'parameter_missing',
      param: 'amount',
    })
    const unknown = await refusal(
      stripe.paymentIntents.create({ amount: 100, currency: 'cny', colour: 'red' } as any)
    )
    assert.equal(unknown.code, 'parameter_unknown')
    const notFound = await refusal(stripe.paymentIntents.retrieve('pi_missing'))
    assert.include(notFound, { statusCode: 404, code: 'resource_missing' })
    assert.equal(notFound.message, "No such payment_intent: 'pi_missing'")
    const tooLarge = await refusal(
      stripe.paymentIntents.create({ amount: 100_000_000, currency: 'cny' })
    )
    assert.equal(tooLarge.code, 'amount_too_large')

    const live = await refusal(sdk(mock, 'sk_live_not_here').paymentIntents.retrieve('pi_x'))
    assert.equal(live.type, 'StripeAuthenticationError')
    const raw = await fetch(`${mock.url}/v1/payment_intents/pi_x`)
    assert.equal(raw.status, 401)
    assert.equal(((await raw.json()) as any).error.type, 'invalid_request_error')
  })

  test('webhooks: every event is POSTed signed with Stripe’s scheme, which the SDK verifies', async ({
    assert,
  }) => {
    const intent = await create()
    await stripe.paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' })
    await stripe.refunds.create({ payment_intent: intent.id, amount: 1000 })
    const deliveries = await mock.deliverPending()
    assert.deepEqual(
      deliveries.map((delivery) => [delivery.type, delivery.status]),
      [
        ['payment_intent.succeeded', 200],
        ['charge.refunded', 200],
        ['refund.created', 200],
      ]
    )
    assert.lengthOf(mock.pendingEvents(), 0)
    for (const { signature, body } of hooks.received) {
      assert.match(signature, /^t=\d+,v1=[0-9a-f]{64}$/)
      const event = stripe.webhooks.constructEvent(body, signature, SECRET)
      assert.equal(event.object, 'event')
    }
    const forged = () =>
      stripe.webhooks.constructEvent(
        hooks.received[0].body,
        hooks.received[0].signature,
        'whsec_other'
      )
    assert.throws(forged)
    const succeeded = JSON.parse(hooks.received[0].body)
    assert.equal(succeeded.data.object.id, intent.id)
    assert.equal(succeeded.data.object.status, 'succeeded')
  })

  test('Alipay waits for the payer (requires_action) until the mock is told the outcome', async ({
    assert,
  }) => {
    const intent = await create()
    const waiting = await stripe.paymentIntents.confirm(intent.id, {
      payment_method_data: { type: 'alipay' },
      return_url: 'http://127.0.0.1/return',
    })
    assert.equal(waiting.status, 'requires_action')
    assert.equal(waiting.next_action?.type, 'alipay_handle_redirect')
    const response = await fetch(`${mock.url}/_mock/payment_intents/${intent.id}/complete`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'outcome=succeed',
    })
    assert.equal(((await response.json()) as any).status, 'succeeded')
  })
})

test.group('Stripe mock: background delivery', () => {
  test('in immediate mode events go out right after the request that caused them', async ({
    assert,
  }) => {
    const hooks = await receiver()
    const mock = await startStripeMock({ port: 0, webhookUrl: hooks.url, webhookSecret: SECRET })
    try {
      const stripe = sdk(mock)
      const intent = await stripe.paymentIntents.create({ amount: 500, currency: 'cny' })
      await stripe.paymentIntents.cancel(intent.id)
      await mock.idle()
      assert.lengthOf(hooks.received, 1)
      assert.equal(JSON.parse(hooks.received[0].body).type, 'payment_intent.canceled')
    } finally {
      await mock.close()
      await hooks.close()
    }
  })
})
