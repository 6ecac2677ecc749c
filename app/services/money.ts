import { DateTime } from 'luxon'
import { DISPLAY_ZONE } from '#domain/time_zone'

/** Yuan as typed in a form (at most two decimals) to integer fen, without float drift. */
export function yuanToFen(yuan: number) {
  return Math.round(yuan * 100)
}

/** A datetime-local value read as Beijing time. */
export function beijingLocalToDate(value: string) {
  return DateTime.fromISO(value, { zone: DISPLAY_ZONE }).toJSDate()
}
