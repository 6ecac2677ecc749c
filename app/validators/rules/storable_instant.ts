import vine from '@vinejs/vine'
import type { FieldContext } from '@vinejs/vine/types'
import { DateTime } from 'luxon'
import { DISPLAY_ZONE, isStorableInstant } from '#domain/time_zone'

/**
 * An instant stored in a TIMESTAMP column must lie in its range (1970 to
 * 2038-01-19, see #domain/time_zone): a date (`vine.date()`) or a form's
 * Beijing-time `YYYY-MM-DDTHH:mm` text.
 */
export const storableInstantRule = vine.createRule(
  (value: unknown, _: undefined, field: FieldContext) => {
    const instant =
      value instanceof Date
        ? value
        : typeof value === 'string'
          ? DateTime.fromISO(value, { zone: DISPLAY_ZONE }).toJSDate()
          : null
    if (!instant || Number.isNaN(instant.getTime())) return
    if (!isStorableInstant(instant)) {
      field.report('The {{ field }} field must be before 19 January 2038', 'storableInstant', field)
    }
  }
)
