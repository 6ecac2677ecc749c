import vine from '@vinejs/vine'
import { FOLLOW_UP_STEPS } from '#domain/service_delivery'

const score = () => vine.number().withoutDecimals().min(1).max(5)
const comment = () => vine.string().trim().maxLength(2000).optional()

/** The owner rates the agency (好差评), 1–5 on each dimension. */
export const agencyEvaluationValidator = vine.create({
  quality: score(),
  timeliness: score(),
  attitude: score(),
  feeCompliance: score(),
  comment: comment(),
})

/** The agency rates the owner (政务诚信), 1–5 on each dimension. */
export const ownerEvaluationValidator = vine.create({
  cooperation: score(),
  paymentTimeliness: score(),
  comment: comment(),
})

/** The rated side answers once, publicly. */
export const evaluationReplyValidator = vine.create({
  text: vine.string().trim().minLength(2).maxLength(2000),
})

/** A regulator records a step of a bad rating's follow-up: 整改, 督办 or 回访. */
export const followUpStepValidator = vine.create({
  step: vine.enum(FOLLOW_UP_STEPS),
  date: vine.date({ formats: ['YYYY-MM-DD'] }).optional(),
  note: vine.string().trim().minLength(4).maxLength(2000),
})
