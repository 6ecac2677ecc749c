import { isoInstant } from '#domain/time_zone'
import type Payment from '#models/payment'

/** A payment the owner started (or the open one it resumed), with the intent's client secret. */
export type StartedPayment = { payment: Payment; clientSecret: string | null; created: boolean }

/** A milestone payment in API answers (amounts in fen). */
export function presentPayment(payment: Payment) {
  return {
    id: payment.id,
    contractId: payment.contractId,
    milestoneId: payment.milestoneId,
    status: payment.status,
    amountFen: payment.amountFen,
    refundedFen: payment.refundedFen,
    currency: payment.currency,
    paymentIntentId: payment.stripePaymentIntentId,
    createdAt: isoInstant(payment.createdAt),
  }
}

/** API.md: POST /milestones/:id/payments → {paymentId, clientSecret, status}. */
export function presentStartedPayment({ payment, clientSecret }: StartedPayment) {
  return {
    paymentId: payment.id,
    clientSecret,
    status: payment.status,
    amountFen: payment.amountFen,
    currency: payment.currency,
    paymentIntentId: payment.stripePaymentIntentId,
  }
}
