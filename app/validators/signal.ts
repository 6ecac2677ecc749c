import vine from '@vinejs/vine'

/**
 * The report-similarity list: the least estimated Jaccard similarity shown.
 * Below 0.3 the band index no longer finds most pairs (app/domain/similarity.ts).
 */
export const similarityQueryValidator = vine.create({
  threshold: vine.number().min(0.3).max(1).optional(),
})
