import type { HttpContext } from '@adonisjs/core/http'
import { verifiedStripeEvent, type Stripe } from '#services/stripe'
import { processStripeEvent } from '#actions/payments/stripe_events'

/** Stripe's webhook: no session, no CSRF token, no login — its signature is the credential. */
export default class StripeWebhooksController {
  /** POST /api/v1/webhooks/stripe: a signed event, processed once; a bad signature is 400. */
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
    return { received: true, outcome: await processStripeEvent(event) }
  }
}
