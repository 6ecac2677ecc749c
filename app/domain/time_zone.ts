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

/**
 * Anything that names an instant, as the code meets it: a Luxon DateTime
 * (Lucid models), a Date (MySQL rows, JavaScript), a number of milliseconds,
 * or text — ISO 8601 from JSON, or the 'yyyy-MM-dd HH:mm:ss' that SQLite rows
 * hold (UTC, as Lucid and `sqlTime` store every timestamp).
 */
export type InstantLike = DateTime | Date | string | number | null | undefined

/**
 * The instant behind any `InstantLike`, or null for none or an unreadable
 * one (never an "Invalid DateTime"). Text without an offset is UTC: that is
 * how both databases hold timestamps.
 */
export function toInstant(value: InstantLike): DateTime | null {
  if (value === null || value === undefined || value === '') return null
  let moment: DateTime
  if (DateTime.isDateTime(value)) moment = value
  else if (value instanceof Date) moment = DateTime.fromJSDate(value)
  else if (typeof value === 'number') moment = DateTime.fromMillis(value)
  else {
    const text = value.trim()
    moment = DateTime.fromSQL(text, { zone: 'utc' })
    if (!moment.isValid) moment = DateTime.fromISO(text, { zone: 'utc' })
  }
  return moment.isValid ? moment : null
}

/** The instant as a Date (for rows read by hand-written queries), or null. */
export function toInstantDate(value: InstantLike): Date | null {
  return toInstant(value)?.toJSDate() ?? null
}

/**
 * Every instant an API answer carries: ISO 8601 with its offset, in Beijing
 * time ('2026-12-07T09:53:33.000+08:00'), whichever database or type it came from.
 */
export function isoInstant(value: InstantLike): string | null {
  return toInstant(value)?.setZone(DISPLAY_ZONE).toISO() ?? null
}

/** `isoInstant` for an instant that is always there. */
export function requiredIsoInstant(value: Exclude<InstantLike, null | undefined>): string {
  const iso = isoInstant(value)
  if (iso === null) throw new TypeError(`Not an instant: ${String(value)}`)
  return iso
}

/*
 * The one way pages, mails and notifications write times (Beijing time,
 * digits only, the same in every language). Each accepts any InstantLike,
 * from either database, and writes '' for none rather than "Invalid DateTime".
 */

/** An instant to the minute: '2026-12-07 09:53'. */
export function formatDateTime(value: InstantLike) {
  return toInstant(value)?.setZone(DISPLAY_ZONE).toFormat('yyyy-MM-dd HH:mm') ?? ''
}

/**
 * A calendar day: '2026-12-07'. A date column (a Lucid date, a MySQL Date at
 * local midnight, 'yyyy-MM-dd' text) is its own day; any other instant is
 * the Beijing day it falls on.
 */
export function formatDate(value: InstantLike) {
  if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())) return value.trim()
  const moment = toInstant(value)
  if (!moment) return ''
  if (
    typeof value !== 'string' &&
    moment.hour === 0 &&
    moment.minute === 0 &&
    moment.second === 0
  ) {
    return moment.toISODate()!
  }
  return moment.setZone(DISPLAY_ZONE).toISODate()!
}

/**
 * A deadline, written one way everywhere. A period that ends with a day (a
 * number of working days ends at 24:00 Beijing time of its last day, stored
 * as 00:00 of the next) is written as that last day at 24:00:
 * '2026-12-14 24:00' — never '2026-12-15 00:00', which reads as a day later.
 * A deadline within a day keeps its minute: '2026-10-09 12:00'. Pages add
 * "前" (before) through their own wording.
 */
export function formatDeadline(value: InstantLike) {
  const moment = toInstant(value)?.setZone(DISPLAY_ZONE)
  if (!moment) return ''
  if (moment.hour === 0 && moment.minute === 0 && moment.second === 0) {
    return `${moment.minus({ days: 1 }).toFormat('yyyy-MM-dd')} 24:00`
  }
  return moment.toFormat('yyyy-MM-dd HH:mm')
}

/** A deadline as notifications write it (the same form as pages). */
export function displayDeadline(instant: InstantLike) {
  return formatDeadline(instant)
}
