import vine from '@vinejs/vine'
import { SUSPICION_REASONS } from '#domain/payment_evidence'

/** Filters of the regulators' list of suspicious payment events (page and API). */
export const listSuspiciousPaymentEventsValidator = vine.create({
  reason: vine.enum(SUSPICION_REASONS).optional(),
  page: vine.number().withoutDecimals().min(1).max(100000).optional(),
  perPage: vine.number().withoutDecimals().min(1).max(100).optional(),
})
