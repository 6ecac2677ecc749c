import vine from '@vinejs/vine'
import { CREDIT_EVENT_TYPES } from '#domain/credit'

/** A regulator records a credit event for an agency, with its reason. */
export const creditEventValidator = vine.create({
  agencyId: vine.number().withoutDecimals().min(1),
  type: vine.enum(CREDIT_EVENT_TYPES),
  points: vine.number().withoutDecimals().min(-100).max(100).optional(),
  reason: vine.string().trim().minLength(4).maxLength(2000),
})
