import type { HttpContext } from '@adonisjs/core/http'
import PaymentPolicy from '#policies/payment_policy'
import { ownPayment } from '#queries/milestone_payments'
import { testConfirmationValidator } from '#validators/payment'
import { confirmTestPayment } from '#actions/payments/milestone_payments'

/** The test-mode confirm step (no Stripe.js here): the server confirms with a test card. */
export default class PaymentConfirmationsController {
  /** POST /api/v1/payments/:id/confirm {paymentMethod} (owner, Stripe test mode). */
  async store({ params, request, auth, bouncer }: HttpContext) {
    const { payment, contract } = await ownPayment(params.id, auth.getUserOrFail())
    await bouncer.with(PaymentPolicy).authorize('create', contract)
    const { paymentMethod } = await request.validateUsing(testConfirmationValidator)
    const outcome = await confirmTestPayment(payment, paymentMethod)
    return { paymentId: payment.id, ...outcome }
  }
}
