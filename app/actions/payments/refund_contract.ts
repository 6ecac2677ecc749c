import db from '@adonisjs/lucid/services/db'
import type Contract from '#models/contract'
import Payment from '#models/payment'
import type User from '#models/user'
import { isOpenPayment } from '#domain/payment_state'
import { recordAuditEvent } from '#services/audit_log'
import { stripe } from '#services/stripe'

type Actor = Pick<User, 'id' | 'role'> | null

export type RefundReport = {
  refunds: { paymentId: number; milestoneId: number; refundId: string; amountFen: number }[]
  cancelled: { paymentId: number; milestoneId: number }[]
  errors: { paymentId: number; milestoneId: number; code: string | null; message: string }[]
}

/**
 * 终止退款: when a contract ends early, every paid milestone is refunded in
 * full (what is not refunded yet) and every attempt still open is cancelled
 * so that no money arrives afterwards. Each refund's idempotency key is
 * derived from the payment and what it had refunded, so calling this again
 * before Stripe's webhooks arrive refunds nothing twice. The refunds
 * themselves (fee records, milestone status) are recorded when Stripe
 * reports them (charge.refunded). The termination is the caller's.
 *
 * `only.milestoneIds` limits the refunds to those milestones (a termination
 * refunds what its outcome says: #domain/termination_refunds); open attempts
 * are cancelled whatever the milestone.
 */
export async function refundContract(
  contract: Contract,
  reason: string,
  actor: Actor,
  only?: { milestoneIds: number[] }
): Promise<RefundReport> {
  const report: RefundReport = { refunds: [], cancelled: [], errors: [] }
  const payments = await Payment.query().where('contract_id', contract.id).orderBy('id')
  const refundable = only ? new Set(only.milestoneIds) : null
  for (const payment of payments) {
    const about = { paymentId: payment.id, milestoneId: payment.milestoneId }
    try {
      if (isOpenPayment(payment.status) || payment.status === 'failed') {
        await stripe().paymentIntents.cancel(
          payment.stripePaymentIntentId,
          { cancellation_reason: 'abandoned' },
          { idempotencyKey: `cancel-${payment.idempotencyKey}` }
        )
        report.cancelled.push(about)
      } else if (
        payment.status === 'succeeded' &&
        payment.refundedFen < payment.amountFen &&
        (refundable === null || refundable.has(payment.milestoneId))
      ) {
        const amountFen = payment.amountFen - payment.refundedFen
        const refund = await stripe().refunds.create(
          {
            payment_intent: payment.stripePaymentIntentId,
            amount: amountFen,
            reason: 'requested_by_customer',
            metadata: {
              contract_id: String(contract.id),
              milestone_id: String(payment.milestoneId),
              payment_id: String(payment.id),
              termination_reason: reason.slice(0, 500),
            },
          },
          { idempotencyKey: `refund-${payment.idempotencyKey}-from-${payment.refundedFen}` }
        )
        report.refunds.push({ ...about, refundId: refund.id, amountFen })
      }
    } catch (error: unknown) {
      // One refusal (e.g. already refunded in Stripe's dashboard) does not stop the others.
      const { code, message } = (error ?? {}) as { code?: string | null; message?: unknown }
      report.errors.push({ ...about, code: code ?? null, message: String(message) })
    }
  }
  await db.transaction((trx) =>
    recordAuditEvent(trx, {
      actor,
      action: 'contract.refunds_requested',
      subjectType: 'contract',
      subjectId: contract.id,
      payload: { reason, ...(only ? { milestoneIds: only.milestoneIds } : {}), ...report },
    })
  )
  return report
}
