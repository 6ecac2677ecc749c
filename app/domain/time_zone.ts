import { DateTime } from 'luxon'

/** Times are stored in UTC and shown, and counted in days, in Beijing time. */
export const DISPLAY_ZONE = 'Asia/Shanghai'

/**
 * Beijing wall time for bulk work (a library call per row is the cost of an
 * analysis over 100,000 contracts): Asia/Shanghai is UTC+8 all year, without
 * daylight saving since 1991. The result reads 'yyyy-MM-ddTHH:mm:ss.sss' as
 * Beijing time (ignore its trailing Z): the day is its first 10 characters,
 * the month its first 7.
 */
export function beijingWallTime(utcMillis: number) {
  return new Date(utcMillis + 8 * 3_600_000).toISOString()
}

/**
 * The instants the database can store. Times live in TIMESTAMP columns,
 * which MySQL/MariaDB keep between 1970 and 2038-01-19 03:14:07 UTC; an
 * instant outside (a deadline in 9999, a ban ending in 2040) is refused as
 * input rather than failing the insert.
 */
export const EARLIEST_STORABLE_INSTANT = new Date('1970-01-02T00:00:00Z')
export const LATEST_STORABLE_INSTANT = new Date('2038-01-19T03:14:07Z')

export function isStorableInstant(instant: Date) {
  const time = instant.getTime()
  return time >= EARLIEST_STORABLE_INSTANT.getTime() && time <= LATEST_STORABLE_INSTANT.getTime()
}

/**
 * A bare date (as VineJS parses it: the process's local midnight) read as a
 * Beijing day: the instant that day starts in Beijing.
 */
export function beijingDayStart(day: Date) {
  const iso = DateTime.fromJSDate(day).toISODate()!
  return DateTime.fromISO(iso, { zone: DISPLAY_ZONE }).toJSDate()
}

/** A deadline as notifications and pages write it: Beijing time, to the minute. */
export function displayDeadline(instant: Date) {
  return DateTime.fromJSDate(instant).setZone(DISPLAY_ZONE).toFormat('yyyy-LL-dd HH:mm')
}
