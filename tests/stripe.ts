/*
 * Stripe in tests. Unless STRIPE_API_BASE points at a Stripe-compatible
 * server (Stripe's own stripe-mock, or `node ace stripe:mock` run apart), the
 * suite starts the local mock in-process with manual webhook delivery: the
 * app's test server shares the test's global transaction, so a webhook must
 * arrive while the test waits for it, never in the background after the
 * rollback. stripe-mock sends no webhooks at all; there, the tests build
 * the events Stripe would send and sign them with the webhook secret, as
 * Stripe does — the webhook endpoint cannot tell the difference.
 */
import env from '#start/env'
import { clock } from '#services/clock'
import { localWebhookSecret, stripe, useLocalStripeMock, type Stripe } from '#services/stripe'
import type Payment from '#models/payment'
import { startStripeMock, type StripeMock, type WebhookDelivery } from '#dev/stripe_mock/server'

let localMock: StripeMock | null = null

/** The app's own webhook on the test server. */
export function webhookUrl() {
  return `http://${env.get('HOST', '127.0.0.1')}:${env.get('PORT', 3333)}/api/v1/webhooks/stripe`
}

/** Runner setup: starts the local mock unless an external Stripe-compatible server is configured. */
export async function startTestStripe(): Promise<() => Promise<void>> {
  if (env.get('STRIPE_API_BASE')) return async () => {}
  const mock = await startStripeMock({
    port: 0,
    webhookUrl: webhookUrl(),
    webhookSecret: localWebhookSecret(),
    delivery: 'manual',
    now: () => clock.now(),
  })
  localMock = mock
  useLocalStripeMock(mock.url)
  return () => mock.close()
}

/** The in-process mock, or null when the tests talk to an external server. */
export function localStripeMock() {
  return localMock
}

/**
 * Between tests: a rolled-back SQLite database hands out the same ids again,
 * so a stateful mock must forget the idempotency keys (and objects) of
 * earlier tests. A separately run `node ace stripe:mock` is reset too;
 * Stripe's stateless stripe-mock has nothing to forget (and answers 404).
 */
export async function resetStripeMock() {
  if (localMock) return localMock.reset()
  const base = env.get('STRIPE_API_BASE')
  if (base) await fetch(new URL('/_mock/reset', base), { method: 'POST' }).catch(() => {})
}

let eventCounter = 0

/** A Stripe event object as Stripe sends it (for the tests that build their own). */
export function stripeEvent(type: string, object: Record<string, unknown>, created = clock.now()) {
  eventCounter += 1
  return {
    id: `evt_test_${Date.now().toString(36)}_${eventCounter}`,
    object: 'event',
    api_version: stripe().getApiField('version'),
    created: Math.floor(created.getTime() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  } as unknown as Stripe.Event
}

/** The PaymentIntent of a payment, as Stripe would show it after the given outcome. */
export function intentOf(
  payment: Payment,
  status: 'succeeded' | 'requires_payment_method' | 'canceled'
) {
  return {
    id: payment.stripePaymentIntentId,
    object: 'payment_intent',
    amount: payment.amountFen,
    amount_received: status === 'succeeded' ? payment.amountFen : 0,
    currency: payment.currency,
    status,
    latest_charge: `ch_of_${payment.stripePaymentIntentId}`,
    cancellation_reason: status === 'canceled' ? 'abandoned' : null,
    last_payment_error:
      status === 'requires_payment_method'
        ? {
            type: 'card_error',
            code: 'card_declined',
            decline_code: 'generic_decline',
            message: 'Your card was declined.',
            charge: `ch_of_${payment.stripePaymentIntentId}`,
          }
        : null,
    metadata: {
      contract_id: String(payment.contractId),
      milestone_id: String(payment.milestoneId),
    },
  }
}

/** The charge of a payment after refunds of `amountRefundedFen` in total (charge.refunded). */
export function refundedChargeOf(payment: Payment, amountRefundedFen: number) {
  return {
    id: `ch_of_${payment.stripePaymentIntentId}`,
    object: 'charge',
    amount: payment.amountFen,
    amount_captured: payment.amountFen,
    amount_refunded: amountRefundedFen,
    refunded: amountRefundedFen >= payment.amountFen,
    currency: payment.currency,
    payment_intent: payment.stripePaymentIntentId,
    status: 'succeeded',
  }
}

/** POSTs an event to the app's webhook, signed with the secret (or with `secret` to forge one). */
export async function postStripeEvent(
  event: object,
  options: { secret?: string; signature?: string | null } = {}
): Promise<{ status: number; body: any }> {
  const payload = JSON.stringify(event, null, 2)
  const signature =
    options.signature !== undefined
      ? options.signature
      : stripe().webhooks.generateTestHeaderString({
          payload,
          secret: options.secret ?? localWebhookSecret(),
        })
  const response = await fetch(webhookUrl(), {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      ...(signature === null ? {} : { 'Stripe-Signature': signature }),
    },
    body: payload,
  })
  return { status: response.status, body: await response.json().catch(() => null) }
}

/**
 * Lets Stripe's webhooks for what just happened reach the app, and waits for
 * them. With the local mock: what it queued, signed by the mock and POSTed
 * by it. With an external server (stripe-mock sends none): `expected`,
 * built by the test from its payments and signed here.
 */
export async function deliverStripeWebhooks(
  expected: () => Stripe.Event[]
): Promise<{ type: string; status: number | null }[]> {
  if (localMock) {
    const deliveries: WebhookDelivery[] = await localMock.deliverPending()
    return deliveries.map(({ type, status }) => ({ type, status }))
  }
  const results = []
  for (const event of expected()) {
    const { status } = await postStripeEvent(event)
    results.push({ type: event.type, status })
  }
  return results
}
