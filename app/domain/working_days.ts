/*
 * Working-day arithmetic (时限按工作日计算): weekends are rest days and Monday
 * to Friday working days, except where the official calendar says otherwise —
 * public holidays (法定节假日) and make-up working days (调休). The exceptions
 * are data entered by the admin each year; these functions are pure.
 */
export type CalendarExceptions = ReadonlyMap<string, boolean>

/** YYYY-MM-DD of a UTC calendar date. */
export function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10)
}

function parseDay(day: string): Date {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) throw new RangeError(`Not a YYYY-MM-DD day: ${day}`)
  const date = new Date(`${day}T00:00:00Z`)
  if (Number.isNaN(date.getTime()) || isoDay(date) !== day)
    throw new RangeError(`No such day: ${day}`)
  return date
}

function nextDay(date: Date): Date {
  return new Date(date.getTime() + 86_400_000)
}

export function isWorkingDay(day: string, exceptions: CalendarExceptions): boolean {
  const override = exceptions.get(day)
  if (override !== undefined) return override
  const weekday = parseDay(day).getUTCDay()
  return weekday !== 0 && weekday !== 6
}

/**
 * The day on which a period of n working days ends, counted from the day after
 * `start` (the start day itself is not counted, as in 自受理之日起N个工作日).
 */
export function addWorkingDays(start: string, n: number, exceptions: CalendarExceptions): string {
  if (!Number.isInteger(n) || n < 0) throw new RangeError('n must be a whole number ≥ 0')
  let date = parseDay(start)
  let left = n
  while (left > 0) {
    date = nextDay(date)
    if (isWorkingDay(isoDay(date), exceptions)) left -= 1
  }
  return isoDay(date)
}

/** Working days after `from` up to and including `to` (0 when `to` is not after `from`). */
export function workingDaysBetween(
  from: string,
  to: string,
  exceptions: CalendarExceptions
): number {
  let date = parseDay(from)
  const end = parseDay(to)
  let count = 0
  while (date < end) {
    date = nextDay(date)
    if (isWorkingDay(isoDay(date), exceptions)) count += 1
  }
  return count
}

/**
 * The year whose official schedule (法定节假日和调休安排, published by the
 * State Council around November) the admin should load now, or null: the
 * current year when it has no entry at all, or — from 1 November — the next
 * year when it has none. `today` is YYYY-MM-DD in Beijing time; a year counts
 * as loaded when the calendar holds at least one entry for it.
 */
export function scheduleYearMissing(today: string, loadedYears: ReadonlySet<number>) {
  const year = Number(today.slice(0, 4))
  const month = Number(today.slice(5, 7))
  if (!loadedYears.has(year)) return year
  if (month >= 11 && !loadedYears.has(year + 1)) return year + 1
  return null
}

/**
 * Whether a due day was counted from weekends alone: its year's official
 * schedule is not loaded, so a holiday or make-up day may still move it.
 */
export function isProvisionalDay(day: string, loadedYears: ReadonlySet<number>) {
  return !loadedYears.has(Number(day.slice(0, 4)))
}
