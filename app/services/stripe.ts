/*
 * The Stripe client of the platform (the official SDK), configured from
 * STRIPE_SECRET_KEY, STRIPE_WEBHOOK_SECRET and STRIPE_API_BASE. Without a
 * base the SDK talks to api.stripe.com; with one (Stripe's stripe-mock, or
 * the local mock that development and tests start) it talks to that server.
 */
import Stripe from 'stripe'
import env from '#start/env'

/** A test-mode key: the local mock and stripe-mock accept any `sk_test_…`. */
export const LOCAL_STRIPE_SECRET_KEY = 'sk_test_market_local'
export const LOCAL_STRIPE_WEBHOOK_SECRET = 'whsec_market_local_development'

/** The payment method types offered when STRIPE_PAYMENT_METHOD_TYPES does not say otherwise. */
export const DEFAULT_PAYMENT_METHOD_TYPES = ['card', 'alipay', 'wechat_pay']

/** Card test payment methods the development confirm step offers (Stripe test mode). */
export const TEST_PAYMENT_METHODS = ['pm_card_visa', 'pm_card_chargeDeclined'] as const
export type TestPaymentMethod = (typeof TEST_PAYMENT_METHODS)[number]

const settings = {
  secretKey: env.get('STRIPE_SECRET_KEY') || LOCAL_STRIPE_SECRET_KEY,
  webhookSecret: env.get('STRIPE_WEBHOOK_SECRET') || LOCAL_STRIPE_WEBHOOK_SECRET,
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

/**
 * Checks the Stripe-Signature of a webhook against STRIPE_WEBHOOK_SECRET and
 * parses the event; throws Stripe's StripeSignatureVerificationError otherwise.
 */
export function verifiedStripeEvent(rawBody: string, signature: string | undefined) {
  return stripe().webhooks.constructEvent(rawBody, signature ?? '', settings.webhookSecret)
}

export { Stripe }
