import db from '@adonisjs/lucid/services/db'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { DateTime } from 'luxon'
import { DISPLAY_ZONE, toInstant, type InstantLike } from '#domain/time_zone'
import {
  addWorkingDays,
  isProvisionalDay,
  scheduleYearMissing,
  type CalendarExceptions,
} from '#domain/working_days'
import { clock } from '#services/clock'

/**
 * The calendar exceptions between two days (inclusive), from the database.
 * A period of n working days never spans more than a few months, so callers
 * load a window rather than the whole table.
 */
export async function calendarExceptions(
  from: string,
  to: string,
  client: QueryClientContract = db.connection()
): Promise<CalendarExceptions> {
  const rows = await client
    .from('calendar_days')
    .whereBetween('day', [from, to])
    .select('day', 'working')
  return new Map(
    rows.map((row: { day: string; working: unknown }) => [row.day, Boolean(row.working)])
  )
}

/** The day on which n working days after `start` end, by the admin's calendar. */
/** Pass the transaction as `client` inside one (SQLite has a single connection). */
export async function workingDaysFrom(
  start: string,
  n: number,
  client: QueryClientContract = db.connection()
) {
  // Even with the longest holidays, n working days fit in 2n + 30 calendar days.
  const windowEnd = new Date(new Date(`${start}T00:00:00Z`).getTime() + (2 * n + 30) * 86_400_000)
  const exceptions = await calendarExceptions(start, windowEnd.toISOString().slice(0, 10), client)
  return addWorkingDays(start, n, exceptions)
}

/**
 * The moment a period of n working days that starts at `from` is over: the
 * end (24:00 Beijing time) of the n-th working day after the day of `from`.
 * A period of 0 working days is over at once (tests shorten periods this way).
 */
export async function workingPeriodEnd(
  from: Date,
  n: number,
  client: QueryClientContract = db.connection()
): Promise<Date> {
  if (n === 0) return new Date(from.getTime())
  const today = DateTime.fromJSDate(from).setZone(DISPLAY_ZONE).toISODate()!
  const lastDay = await workingDaysFrom(today, n, client)
  return DateTime.fromISO(lastDay, { zone: DISPLAY_ZONE }).plus({ days: 1 }).toJSDate()
}

/** The years for which the admin has entered at least one calendar day. */
export async function loadedCalendarYears(
  client: QueryClientContract = db.connection()
): Promise<Set<number>> {
  const rows: Array<{ year: string | number }> = await client
    .from('calendar_days')
    .select(client.raw('substr(day, 1, 4) as year'))
    .distinct()
  return new Set(rows.map((row) => Number(row.year)))
}

/**
 * Which of these deadlines were counted from weekends alone (their year's
 * official schedule is not loaded): pages mark them as provisional (暂定).
 */
export async function provisionalDeadlines<K extends string>(
  deadlines: Record<K, InstantLike>
): Promise<Record<K, boolean>> {
  const loaded = await loadedCalendarYears()
  const flags = {} as Record<K, boolean>
  for (const [key, value] of Object.entries(deadlines) as [K, InstantLike][]) {
    // A period ends at 24:00 of its last day (00:00 of the next, stored): the last day counts.
    const lastDay = toInstant(value)?.setZone(DISPLAY_ZONE).minus({ milliseconds: 1 }).toISODate()
    flags[key] = lastDay ? isProvisionalDay(lastDay, loaded) : false
  }
  return flags
}

/**
 * The year whose official schedule the admin has yet to load (see
 * scheduleYearMissing), as of the market clock's Beijing day; null when
 * nothing is missing.
 */
export async function missingScheduleYear(client: QueryClientContract = db.connection()) {
  const today = DateTime.fromJSDate(clock.now()).setZone(DISPLAY_ZONE).toISODate()!
  return scheduleYearMissing(today, await loadedCalendarYears(client))
}
