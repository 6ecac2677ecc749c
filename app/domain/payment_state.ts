/*
 * Where a milestone payment stands. Stripe reports outcomes by webhook, in
 * any order and possibly more than once, so a payment only moves forward:
 * late or repeated news (a failure after the success, an older refund total)
 * change nothing. A milestone's status is then read off all its payments.
 */
import { contractInForce, type ContractState } from '#domain/contract_lifecycle'

/** Where a milestone stands: read off all its payments. */
export const MILESTONE_STATUSES = ['unpaid', 'processing', 'paid', 'refunded'] as const
export type MilestoneStatus = (typeof MILESTONE_STATUSES)[number]

/**
 * A payment's status is its PaymentIntent's while it is open, then one of
 * the outcomes: `failed` (this attempt failed; a new attempt is a new
 * intent), `canceled`, `succeeded`, `refunded` (in full).
 */
export const CLOSED_PAYMENT_STATUSES = ['succeeded', 'failed', 'canceled', 'refunded'] as const

export function isOpenPayment(status: string) {
  return !(CLOSED_PAYMENT_STATUSES as readonly string[]).includes(status)
}

export type PaymentState = { status: string; amountFen: number; refundedFen: number }

export type PaymentOutcome =
  | { kind: 'succeeded' }
  | { kind: 'failed' }
  | { kind: 'canceled' }
  /** The charge's cumulative refunded amount (Stripe's charge.amount_refunded). */
  | { kind: 'refunded'; amountRefundedFen: number }

/** The payment after a Stripe outcome; never backwards. */
export function paymentAfter(payment: PaymentState, outcome: PaymentOutcome): PaymentState {
  const { status } = payment
  switch (outcome.kind) {
    case 'succeeded':
      // Money arrived: whatever was said before, except that it already went back.
      return status === 'refunded' ? payment : { ...payment, status: 'succeeded' }
    case 'failed':
      return isOpenPayment(status) ? { ...payment, status: 'failed' } : payment
    case 'canceled':
      return isOpenPayment(status) || status === 'failed'
        ? { ...payment, status: 'canceled' }
        : payment
    case 'refunded': {
      const refundedFen = Math.max(payment.refundedFen, outcome.amountRefundedFen)
      // Only a payment that succeeded can be refunded, even if that news is still on its way.
      return {
        ...payment,
        refundedFen,
        status: refundedFen >= payment.amountFen ? 'refunded' : 'succeeded',
      }
    }
  }
}

/**
 * A milestone is paid while one of its payments stands; refunded when its
 * payments were all refunded; processing while an attempt is open; unpaid
 * otherwise.
 */
export function milestoneStatusOf(payments: Pick<PaymentState, 'status'>[]): MilestoneStatus {
  if (payments.some((payment) => payment.status === 'succeeded')) return 'paid'
  if (payments.some((payment) => payment.status === 'refunded')) return 'refunded'
  if (payments.some((payment) => isOpenPayment(payment.status))) return 'processing'
  return 'unpaid'
}

/** The owner may start a payment: a signed contract and a milestone with nothing paid or under way. */
export function milestonePayable(
  contractStatus: ContractState,
  payments: Pick<PaymentState, 'status'>[]
) {
  return contractInForce(contractStatus) && milestoneStatusOf(payments) === 'unpaid'
}
