import { SuspiciousPaymentEventSchema } from '#database/schema'
import { belongsTo } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { Mismatch, SuspicionReason } from '#domain/payment_evidence'
import Contract from '#models/contract'

/**
 * 可疑支付事件: a signed Stripe event the market could not vouch for (see
 * app/domain/payment_evidence.ts). It changed nothing; regulators see it.
 */
export default class SuspiciousPaymentEvent extends SuspiciousPaymentEventSchema {
  declare reason: SuspicionReason

  @belongsTo(() => Contract)
  declare contract: BelongsTo<typeof Contract>

  /** Where the event disagreed with the recorded payment. */
  get mismatchList(): Mismatch[] {
    return JSON.parse(this.mismatches)
  }
}
