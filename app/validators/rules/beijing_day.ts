import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import { DateTime } from 'luxon'
import { DISPLAY_ZONE } from '#domain/time_zone'

const DAY_ONLY = /^\d{4}-\d{2}-\d{2}$/

/**
 * A date given without a time (a form's date field, `2026-10-14`) is the
 * start of that day in Beijing, where days are counted — not midnight UTC,
 * eight hours later. Instants with a time or an offset are kept as given.
 */
export const beijingDayRule = vine.createRule(
  (value: unknown, _: undefined, field: FieldContext) => {
    const given = field.parent?.[field.name]
    if (!(value instanceof Date) || typeof given !== 'string' || !DAY_ONLY.test(given.trim()))
      return
    field.mutate(DateTime.fromISO(given.trim(), { zone: DISPLAY_ZONE }).toJSDate(), field)
  }
)
