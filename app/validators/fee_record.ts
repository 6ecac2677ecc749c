import vine from '@vinejs/vine'

/** Filters of the regulators' fee-record list and its CSV export. */
export const listFeeRecordsValidator = vine.create({
  flagged: vine.boolean().optional(),
  item: vine.string().trim().toUpperCase().maxLength(32).optional(),
  page: vine.number().withoutDecimals().min(1).max(100000).optional(),
  perPage: vine.number().withoutDecimals().min(1).max(100).optional(),
})
