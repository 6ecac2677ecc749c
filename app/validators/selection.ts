import vine from '@vinejs/vine'

/** 信用择优: the owner picks from the shortlist with a published reason. */
export const shortlistPickValidator = vine.create({
  agencyId: vine.number().withoutDecimals().min(1),
  reason: vine.string().trim().minLength(4).maxLength(2000),
})

/** 综合评分: the owner's score of every valid service plan, each with its reason. */
export const planScoresValidator = vine.create({
  scores: vine
    .array(
      vine.object({
        bidId: vine.number().withoutDecimals().min(1),
        score: vine.number().min(0).max(100).decimal([0, 2]),
        reason: vine.string().trim().minLength(2).maxLength(2000),
      })
    )
    .minLength(1)
    .maxLength(10_000),
})

/** The agency's justification of an abnormally low quote. */
export const justificationValidator = vine.create({
  text: vine.string().trim().minLength(10).maxLength(10_000),
})

/** The owner's published reason for keeping or rejecting an abnormally low quote. */
export const quoteDecisionValidator = vine.create({
  reason: vine.string().trim().minLength(4).maxLength(2000),
})

/** The page form names the decision with its button (the API names it in the path). */
export const quoteDecisionFormValidator = vine.create({
  decision: vine.enum(['kept', 'rejected'] as const),
  reason: vine.string().trim().minLength(4).maxLength(2000),
})
