import vine from '@vinejs/vine'

/** Browsing the audit log: by aggregate (type and id), by action prefix, page by page. */
export const auditFiltersValidator = vine.create({
  subjectType: vine
    .string()
    .trim()
    .regex(/^[a-z_]{1,40}$/)
    .optional(),
  subjectId: vine.string().trim().maxLength(40).optional(),
  action: vine.string().trim().maxLength(60).optional(),
  page: vine.number().withoutDecimals().min(1).max(100_000).optional(),
  verify: vine.boolean().optional(),
})
