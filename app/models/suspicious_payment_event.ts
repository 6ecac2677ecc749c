import { SuspiciousPaymentEventSchema } from '#database/schema'
import type { Mismatch, SuspicionReason } from '#domain/payment_evidence'

/**
 * 可疑支付事件: a signed Stripe event the market could not vouch for (see
 * app/domain/payment_evidence.ts). It changed nothing; regulators see it.
 */
export default class SuspiciousPaymentEvent extends SuspiciousPaymentEventSchema {
  declare reason: SuspicionReason

  /** Where the event disagreed with the recorded payment. */
  get mismatchList(): Mismatch[] {
    return JSON.parse(this.mismatches)
  }
}
