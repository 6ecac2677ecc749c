/*
 * The Stripe client of the platform (the official SDK), configured from
 * STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET and STRIPE_API_BASE. Without a
 * base the SDK talks to api.stripe.com; with one (Stripe's stripe-mock, or
 * the local mock that development and tests start) it talks to that server.
 *
 * There is no webhook secret in the code: Stripe's comes from the endpoint's
 * settings, and the local mock's is generated per installation into .env
 * (bin/env_defaults.ts). Without one every webhook is refused.
 */
import { randomBytes } from 'node:crypto'
import Stripe from 'stripe'
import app from '@adonisjs/core/services/app'
import env from '#start/env'

/** A test-mode key: the local mock and stripe-mock accept any `sk_test_…`. */
export const LOCAL_STRIPE_SECRET_KEY = 'sk_test_market_local'

/**
 * How far a webhook's signed timestamp may lie from this server's clock, in
 * seconds, in either direction: an older one is a replay, a later one was
 * signed by a clock that is not Stripe's.
 */
export const WEBHOOK_TOLERANCE_SECONDS = 300

/** The payment method types offered when STRIPE_PAYMENT_METHOD_TYPES does not say otherwise. */
export const DEFAULT_PAYMENT_METHOD_TYPES = ['card', 'alipay', 'wechat_pay']

/** Card test payment methods the development confirm step offers (Stripe test mode). */
export const TEST_PAYMENT_METHODS = ['pm_card_visa', 'pm_card_chargeDeclined'] as const
export type TestPaymentMethod = (typeof TEST_PAYMENT_METHODS)[number]

const settings = {
  secretKey: env.get('STRIPE_SECRET_KEY') || LOCAL_STRIPE_SECRET_KEY,
  webhookSecret: env.get('STRIPE_WEBHOOK_SECRET') || null,
  apiBase: env.get('STRIPE_API_BASE') || null,
  // Card, Alipay and WeChat Pay where the Stripe account allows them (CNY).
  paymentMethodTypes: (
    env.get('STRIPE_PAYMENT_METHOD_TYPES') || DEFAULT_PAYMENT_METHOD_TYPES.join(',')
  )
    .split(',')
    .map((type) => type.trim())
    .filter(Boolean),
  localMock: false,
}

let client: Stripe | null = null

/** The current configuration (read-only). */
export function stripeSettings(): Readonly<typeof settings> {
  return settings
}

/**
 * Points the client at a local Stripe-compatible server: the development
 * preload and the test bootstrap call it after starting the local mock.
 */
export function useLocalStripeMock(apiBase: string) {
  settings.apiBase = apiBase
  settings.localMock = true
  client = null
}

/**
 * The secret the local mock signs its events with: STRIPE_WEBHOOK_SECRET
 * (generated into .env on the first run), or, where there is neither (an
 * environment without .env), one generated for this process alone.
 */
export function localWebhookSecret() {
  settings.webhookSecret ??= `whsec_${randomBytes(24).toString('base64url')}`
  return settings.webhookSecret
}

/** Whether Stripe is configured (a key or a Stripe-compatible server), as opposed to nothing at all. */
export function stripeConfigured() {
  return Boolean(env.get('STRIPE_SECRET_KEY') || env.get('STRIPE_API_BASE'))
}

/** Whether the development confirm step is offered: Stripe test mode, never in production. */
export function testConfirmationAvailable() {
  return stripeTestMode() && !app.inProduction
}

/** Whether payments run in Stripe's test mode (test keys: test cards, no real money). */
export function stripeTestMode() {
  return settings.secretKey.startsWith('sk_test_') || settings.secretKey.startsWith('rk_test_')
}

function connectionOf(apiBase: string | null) {
  if (!apiBase) return {}
  const url = new URL(apiBase)
  const protocol = url.protocol === 'https:' ? 'https' : 'http'
  return {
    host: url.hostname,
    port: Number(url.port || (protocol === 'https' ? 443 : 80)),
    protocol,
  } as const
}

/** The SDK client, built on first use. */
export function stripe(): Stripe {
  client ??= new Stripe(settings.secretKey, {
    ...connectionOf(settings.apiBase),
    maxNetworkRetries: 2,
    timeout: 20_000,
    appInfo: { name: 'intermediary-market' },
  })
  return client
}

/** The signed timestamp of a Stripe-Signature header, read as the SDK reads it (the last `t=`). */
function signedTimestamp(header: string) {
  let timestamp = Number.NaN
  for (const item of header.split(',')) {
    const [key, value] = item.split('=')
    if (key === 't') timestamp = Number.parseInt(value, 10)
  }
  return timestamp
}

function signatureError(message: string, header: string, payload: string) {
  return new Stripe.errors.StripeSignatureVerificationError(header, payload, { message })
}

/**
 * Checks the Stripe-Signature of a webhook against STRIPE_WEBHOOK_SECRET and
 * parses the event; throws Stripe's StripeSignatureVerificationError
 * otherwise — also without a configured secret, and when the signed
 * timestamp lies more than WEBHOOK_TOLERANCE_SECONDS in the past (the SDK
 * checks that) or in the future (the SDK does not: checked here).
 */
export function verifiedStripeEvent(
  rawBody: string,
  signature: string | undefined,
  receivedAtMs = Date.now()
) {
  const header = signature ?? ''
  if (!settings.webhookSecret) {
    throw signatureError('No webhook secret is configured', header, rawBody)
  }
  const event = stripe().webhooks.constructEvent(
    rawBody,
    header,
    settings.webhookSecret,
    WEBHOOK_TOLERANCE_SECONDS,
    undefined,
    receivedAtMs
  )
  const ahead = signedTimestamp(header) - Math.floor(receivedAtMs / 1000)
  if (!(ahead <= WEBHOOK_TOLERANCE_SECONDS)) {
    throw signatureError('Timestamp outside the tolerance zone (in the future)', header, rawBody)
  }
  return event
}

export { Stripe }
