import vine from '@vinejs/vine'

/** An agency's quote in fen (the random method takes a quote too, within the bounds). */
export const placeBidValidator = vine.create({
  quoteFen: vine.number().withoutDecimals().min(1).max(1_000_000_000_000),
})
