import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import { DateTime } from 'luxon'
import { PROJECT_STATES } from '#domain/project_lifecycle'
import { DISPLAY_ZONE } from '#domain/time_zone'

const ISO_MOMENT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/

/**
 * An ISO 8601 date or date-time. A date alone, or a time without an offset,
 * is Beijing time (a date means from 00:00 that day).
 */
export function parseMoment(value: string): Date | null {
  if (!ISO_MOMENT.test(value)) return null
  const moment = DateTime.fromISO(value, { zone: DISPLAY_ZONE })
  return moment.isValid ? moment.toJSDate() : null
}

const momentRule = vine.createRule((value: unknown, _: undefined, field: FieldContext) => {
  if (typeof value !== 'string') return
  // Reported as a format error: the shared "regex" message says the format is wrong.
  if (!parseMoment(value)) field.report('The {{ field }} field format is invalid', 'regex', field)
})

/** GET /api/v1/ocds/releases?since=&page=&perPage= */
export const ocdsReleasesValidator = vine.create({
  since: vine.string().trim().use(momentRule()).optional(),
  page: vine.number().withoutDecimals().min(1).max(100000).optional(),
  perPage: vine.number().withoutDecimals().min(1).max(100).optional(),
})

const itemCode = () => vine.string().trim().toUpperCase().maxLength(32)

/** GET /feeds/announcements.atom?item=&region= — a region is any administrative division code. */
export const announcementFeedValidator = vine.create({
  item: itemCode().optional(),
  region: vine
    .string()
    .trim()
    .regex(/^\d{6}$/)
    .optional(),
})

/** Public project states: everything but drafts. */
export const PUBLIC_PROJECT_STATES = PROJECT_STATES.filter((state) => state !== 'draft')

/** GET /api/v1/exports/projects.csv?status=&item= */
export const projectExportValidator = vine.create({
  status: vine.enum(PUBLIC_PROJECT_STATES).optional(),
  item: itemCode().optional(),
})

/** GET /api/v1/exports/results.csv?item= and contracts.csv?item= */
export const itemExportValidator = vine.create({
  item: itemCode().optional(),
})
