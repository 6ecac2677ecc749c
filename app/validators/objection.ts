import vine from '@vinejs/vine'

/** 质疑: a participant's objection, with reasons, to a bid of the result (the winner's by default). */
export const fileObjectionValidator = vine.create({
  reason: vine.string().trim().minLength(10).maxLength(10_000),
  bidId: vine.number().withoutDecimals().min(1).optional(),
})

/** The regulator's decision on an objection. */
export const decideObjectionValidator = vine.create({
  upheld: vine.boolean(),
  decision: vine.string().trim().minLength(4).maxLength(10_000),
})
