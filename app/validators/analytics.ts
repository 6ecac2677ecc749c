import vine from '@vinejs/vine'
import { REGION_CODES } from '#domain/regions'

const month = () =>
  vine
    .string()
    .trim()
    .regex(/^\d{4}-(0[1-9]|1[0-2])$/)
    .optional()

/** The dashboard's filters: period (months), item, region, approving department; a CSV panel. */
export const analyticsFiltersValidator = vine.create({
  from: month(),
  to: month(),
  item: vine.string().trim().maxLength(32).optional(),
  region: vine.enum(REGION_CODES).optional(),
  department: vine.string().trim().maxLength(100).optional(),
  panel: vine.enum(['monthly', 'items', 'pairs'] as const).optional(),
})
