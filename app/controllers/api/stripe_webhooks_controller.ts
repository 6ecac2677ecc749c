import type { HttpContext } from '@adonisjs/core/http'
import { verifiedStripeEvent, type Stripe } from '#services/stripe'
import { processStripeEvent, StripeUnreachableError } from '#actions/payments/stripe_events'

/** Stripe's webhook: no session, no CSRF token, no login — its signature is the credential. */
export default class StripeWebhooksController {
  /**
   * POST /api/v1/webhooks/stripe: a signed event, processed once; a bad or
   * stale (over five minutes either way) signature is 400; an event the
   * market cannot vouch for is acknowledged as `suspicious` and changes
   * nothing; 503 when Stripe could not be asked to confirm a success (Stripe
   * delivers it again).
   */
  async store({ request, response, i18n }: HttpContext) {
    let event: Stripe.Event
    try {
      // The signature covers the exact bytes Stripe sent, hence the raw body.
      event = verifiedStripeEvent(request.raw() ?? '', request.header('stripe-signature'))
    } catch {
      return response.badRequest({
        errors: [{ code: 'E_STRIPE_SIGNATURE', message: i18n.t('payments.errors.signature') }],
      })
    }
    try {
      return { received: true, outcome: await processStripeEvent(event) }
    } catch (error) {
      if (!(error instanceof StripeUnreachableError)) throw error
      return response.serviceUnavailable({
        errors: [
          {
            code: 'E_PAYMENT_PROVIDER',
            message: i18n.t('payments.errors.provider', { reason: error.message }),
          },
        ],
      })
    }
  }
}
