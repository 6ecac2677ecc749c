import { test } from '@japa/runner'
import {
  addWorkingDays,
  isProvisionalDay,
  isWorkingDay,
  scheduleYearMissing,
  workingDaysBetween,
} from '#domain/working_days'
import { CALENDAR_2026 } from '#database/data/calendar_2026'
import { beijingWallTime } from '#domain/time_zone'

const calendar = new Map(CALENDAR_2026.map((entry) => [entry.day, entry.working]))

test.group('Working days (2026 official calendar)', () => {
  test('weekdays work, weekends rest, unless the calendar says otherwise', ({ assert }) => {
    assert.isTrue(isWorkingDay('2026-11-23', calendar)) // Monday
    assert.isFalse(isWorkingDay('2026-11-22', calendar)) // Sunday
    assert.isFalse(isWorkingDay('2026-10-01', calendar)) // National Day, Thursday
    assert.isTrue(isWorkingDay('2026-09-20', calendar)) // make-up Sunday
    assert.isTrue(isWorkingDay('2026-10-10', calendar)) // make-up Saturday
    assert.isTrue(isWorkingDay('2026-01-04', calendar)) // make-up Sunday after New Year
  })

  test('three working days from 29 September 2026 end on 9 October, across the National Day holiday', ({
    assert,
  }) => {
    // Tue 29 Sep → Wed 30 Sep (1), 1–7 Oct off, Thu 8 Oct (2), Fri 9 Oct (3).
    assert.equal(addWorkingDays('2026-09-29', 3, calendar), '2026-10-09')
    // Fri 9 Oct + 1 → Sat 10 Oct, a make-up working day.
    assert.equal(addWorkingDays('2026-10-09', 1, calendar), '2026-10-10')
  })

  test('the Spring Festival week and its make-up Saturdays count correctly', ({ assert }) => {
    // Fri 13 Feb → Sat 14 Feb (make-up, 1), 15–23 off, Tue 24 (2), Wed 25 (3).
    assert.equal(addWorkingDays('2026-02-13', 3, calendar), '2026-02-25')
    // 14 (make-up), 24, 25, 26, 27 and 28 (make-up Saturday).
    assert.equal(workingDaysBetween('2026-02-13', '2026-02-28', calendar), 6)
  })

  test('zero working days is the start day; bad input is refused', ({ assert }) => {
    assert.equal(addWorkingDays('2026-05-01', 0, calendar), '2026-05-01')
    assert.throws(() => addWorkingDays('2026-02-30', 1, calendar))
    assert.throws(() => addWorkingDays('2026-05-01', -1, calendar))
    assert.throws(() => addWorkingDays('2026-05-01', 1.5, calendar))
  })

  test('a year the admin has not entered falls back to plain weekends', ({ assert }) => {
    assert.equal(addWorkingDays('2027-01-01', 1, calendar), '2027-01-04')
  })
})

test.group('Beijing wall time', () => {
  test('midnight in Beijing is 16:00 UTC the day before, in every season', ({ assert }) => {
    assert.equal(beijingWallTime(Date.parse('2026-09-30T15:59:59Z')).slice(0, 10), '2026-09-30')
    assert.equal(beijingWallTime(Date.parse('2026-09-30T16:00:00Z')).slice(0, 10), '2026-10-01')
    assert.equal(beijingWallTime(Date.parse('2026-12-31T16:00:00Z')).slice(0, 7), '2027-01')
    assert.equal(beijingWallTime(Date.parse('2026-07-01T04:30:00Z')).slice(11, 16), '12:30')
  })
})

test.group('Working days: the official schedule of the year', () => {
  test('the next year is asked for from 1 November, not before', ({ assert }) => {
    const loaded = new Set([2026])
    assert.isNull(scheduleYearMissing('2026-10-31', loaded))
    assert.equal(scheduleYearMissing('2026-11-01', loaded), 2027)
    assert.equal(scheduleYearMissing('2026-12-31', loaded), 2027)
    assert.isNull(scheduleYearMissing('2026-12-07', new Set([2026, 2027])))
  })

  test('a current year with no schedule at all is asked for at once', ({ assert }) => {
    assert.equal(scheduleYearMissing('2027-03-01', new Set([2026])), 2027)
    assert.equal(scheduleYearMissing('2027-01-01', new Set()), 2027)
  })

  test('a due day is provisional exactly when its year is not loaded', ({ assert }) => {
    const loaded = new Set([2026])
    assert.isFalse(isProvisionalDay('2026-12-31', loaded))
    assert.isTrue(isProvisionalDay('2027-01-04', loaded))
  })
})
