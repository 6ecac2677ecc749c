import vine from '@vinejs/vine'

/** Filters and pagination of an organisation's notifications. */
export const listNotificationsValidator = vine.create({
  unread: vine.boolean().optional(),
  page: vine.number().withoutDecimals().min(1).max(100000).optional(),
  perPage: vine.number().withoutDecimals().min(1).max(100).optional(),
})

/** Which notifications to mark read; none given means all of them. */
export const markNotificationsReadValidator = vine.create({
  ids: vine.array(vine.number().withoutDecimals().min(1)).maxLength(1000).optional(),
})
