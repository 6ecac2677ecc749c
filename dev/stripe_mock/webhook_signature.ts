import { createHmac } from 'node:crypto'

/**
 * The `Stripe-Signature` header exactly as Stripe builds it:
 * `t={unix seconds},v1={hex HMAC-SHA256(secret, "{t}.{payload}")}`, so that
 * `stripe.webhooks.constructEvent(payload, header, secret)` accepts it.
 */
export function stripeSignatureHeader(
  payload: string,
  secret: string,
  timestamp = Math.floor(Date.now() / 1000)
) {
  const signature = createHmac('sha256', secret).update(`${timestamp}.${payload}`).digest('hex')
  return `t=${timestamp},v1=${signature}`
}
