import vine from '@vinejs/vine'

const day = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}$/)
    .optional()

/**
 * Browsing the audit log: by aggregate (type and id), by action prefix, by
 * organisation (who acted, or the organisation the entry is about) and by
 * Beijing days, page by page.
 */
export const auditFiltersValidator = vine.create({
  subjectType: vine
    .string()
    .trim()
    .regex(/^[a-z_]{1,40}$/)
    .optional(),
  subjectId: vine.string().trim().maxLength(40).optional(),
  action: vine.string().trim().maxLength(60).optional(),
  organization: vine.number().withoutDecimals().min(1).optional(),
  from: day(),
  to: day(),
  page: vine.number().withoutDecimals().min(1).max(100_000).optional(),
  verify: vine.boolean().optional(),
})
