import type { HttpContext } from '@adonisjs/core/http'
import PaymentPolicy from '#policies/payment_policy'
import { ownMilestone, ownPayment } from '#queries/milestone_payments'
import { testConfirmationValidator } from '#validators/payment'
import { confirmTestPayment, payMilestone } from '#actions/payments/milestone_payments'

/** The owner pays milestones from the contract page (partials/milestone_payments.edge). */
export default class PaymentsController {
  /** POST /owner/milestones/:id/payments: starts (or finds) the milestone's payment. */
  async store({ params, auth, bouncer, session, i18n, response }: HttpContext) {
    const user = auth.getUserOrFail()
    const { milestone, contract } = await ownMilestone(params.id, user)
    await bouncer.with(PaymentPolicy).authorize('create', contract)
    const started = await payMilestone(milestone, contract, user)
    session.flash(
      'success',
      i18n.t(started.created ? 'payments.flash.created' : 'payments.flash.existing')
    )
    return response.redirect().back()
  }

  /** POST /owner/payments/:id/confirm {paymentMethod}: the test-mode confirm step. */
  async confirm({ params, request, auth, bouncer, session, i18n, response }: HttpContext) {
    const { payment, contract } = await ownPayment(params.id, auth.getUserOrFail())
    await bouncer.with(PaymentPolicy).authorize('create', contract)
    const { paymentMethod } = await request.validateUsing(testConfirmationValidator)
    const outcome = await confirmTestPayment(payment, paymentMethod)
    if (outcome.status === 'declined') {
      session.flash('error', i18n.t('payments.flash.declined', { message: outcome.message }))
    } else {
      const status = i18n.t(`payments.paymentStatus.${outcome.status}`, {}, outcome.status)
      session.flash('success', i18n.t('payments.flash.confirmed', { status }))
    }
    return response.redirect().back()
  }
}
