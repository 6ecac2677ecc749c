import { DateTime } from 'luxon'

/**
 * A moment as Lucid stores timestamps on both databases ('yyyy-MM-dd
 * HH:mm:ss', UTC), for comparisons in hand-written queries: SQLite compares
 * these as text, so a Date or DateTime binding would not match.
 */
export function sqlTime(moment: Date | DateTime) {
  const dateTime = moment instanceof Date ? DateTime.fromJSDate(moment) : moment
  return dateTime.toUTC().toFormat('yyyy-MM-dd HH:mm:ss')
}
