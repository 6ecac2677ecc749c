import { DateTime } from 'luxon'
import { toInstantDate } from '#domain/time_zone'

/**
 * A moment as Lucid stores timestamps on both databases ('yyyy-MM-dd
 * HH:mm:ss', UTC), for comparisons in hand-written queries: SQLite compares
 * these as text, so a Date or DateTime binding would not match.
 */
export function sqlTime(moment: Date | DateTime) {
  const dateTime = moment instanceof Date ? DateTime.fromJSDate(moment) : moment
  return dateTime.toUTC().toFormat('yyyy-MM-dd HH:mm:ss')
}

/**
 * A timestamp read by a hand-written query: MySQL gives a Date, SQLite the
 * stored text ('yyyy-MM-dd HH:mm:ss', UTC), which is not ISO and must not be
 * read as local time.
 */
export function fromSqlTime(value: Date | string): Date
export function fromSqlTime(value: Date | string | null | undefined): Date | null
export function fromSqlTime(value: Date | string | null | undefined) {
  return toInstantDate(value)
}
