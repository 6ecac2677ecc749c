import type { HttpContext } from '@adonisjs/core/http'
import Contract from '#models/contract'
import Payment from '#models/payment'
import PaymentPolicy from '#policies/payment_policy'
import { ownMilestone } from '#queries/milestone_payments'
import { payMilestone } from '#actions/payments/milestone_payments'
import { presentPayment, presentStartedPayment } from '#presenters/payment'

/** Milestone payments (Stripe PaymentIntents). */
export default class PaymentsController {
  /**
   * POST /api/v1/milestones/:id/payments (the contract's owner) → 201 {paymentId, clientSecret,
   * status}; while an attempt is open, 200 with that same payment.
   */
  async store({ params, auth, bouncer, response }: HttpContext) {
    const user = auth.getUserOrFail()
    const { milestone, contract } = await ownMilestone(params.id, user)
    await bouncer.with(PaymentPolicy).authorize('create', contract)
    const started = await payMilestone(milestone, contract, user)
    return response.status(started.created ? 201 : 200).send(presentStartedPayment(started))
  }

  /** GET /api/v1/payments/:id (both parties, staff): where a payment stands. */
  async show({ params, bouncer }: HttpContext) {
    const payment = await Payment.findOrFail(params.id)
    const contract = await Contract.findOrFail(payment.contractId)
    await bouncer.with(PaymentPolicy).authorize('view', contract)
    return presentPayment(payment)
  }
}
