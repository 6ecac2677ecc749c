import { test } from '@japa/runner'
import {
  complainantKindOf,
  complaintSchedule,
  dueComplaintStep,
  isEstablishedComplainant,
  isPastLimit,
  nextComplaintState,
  TRACKING_CODE_PATTERN,
  trackingCodeHash,
} from '#domain/complaints'
import { CALENDAR_2026 } from '#database/data/calendar_2026'

const calendar = new Map(CALENDAR_2026.map((entry) => [entry.day, entry.working]))
const RULES = { complaintResponseWorkingDays: 10, complaintReminderWorkingDays: 1 }

test.group('Complaint lifecycle', () => {
  test('filed → assigned → answered; re-assigning an open complaint is allowed', ({ assert }) => {
    assert.equal(nextComplaintState('filed', 'assign'), 'assigned')
    assert.equal(nextComplaintState('assigned', 'assign'), 'assigned')
    assert.equal(nextComplaintState('assigned', 'answer'), 'answered')
  })

  test('an unassigned complaint cannot be answered, and an answered one neither answered nor assigned again', ({
    assert,
  }) => {
    assert.isNull(nextComplaintState('filed', 'answer'))
    assert.isNull(nextComplaintState('answered', 'answer'))
    assert.isNull(nextComplaintState('answered', 'assign'))
  })

  test('the complainant is named when signed in, public with a contact, anonymous otherwise or on request', ({
    assert,
  }) => {
    assert.equal(complainantKindOf({ signedIn: true, anonymous: false, hasContact: false }), 'user')
    assert.equal(
      complainantKindOf({ signedIn: true, anonymous: true, hasContact: false }),
      'anonymous'
    )
    assert.equal(
      complainantKindOf({ signedIn: false, anonymous: false, hasContact: true }),
      'public'
    )
    assert.equal(
      complainantKindOf({ signedIn: false, anonymous: false, hasContact: false }),
      'anonymous'
    )
    assert.equal(
      complainantKindOf({ signedIn: false, anonymous: true, hasContact: true }),
      'anonymous'
    )
  })
})

test.group('Complaint schedule (2026 official calendar)', () => {
  test('ten working days from Tue 29 Sep cross the National Day holiday and count Sat 10 Oct', ({
    assert,
  }) => {
    // Filed 10:00 Beijing. Sep 30 (1), Oct 1–7 off, Oct 8 (2), 9 (3), Sat 10 make-up (4),
    // 12–16 (5–9), Mon 19 (10) → over at 24:00 Beijing on the 19th.
    const { dueAt, remindAt } = complaintSchedule(new Date('2026-09-29T02:00:00Z'), RULES, calendar)
    assert.equal(dueAt.toISOString(), '2026-10-19T16:00:00.000Z')
    // One working day before the limit: when Fri 16 Oct (the 9th) ends.
    assert.equal(remindAt!.toISOString(), '2026-10-16T16:00:00.000Z')
  })

  test('three working days from Wed 30 Sep end on the make-up Saturday 10 Oct, not on Monday 12', ({
    assert,
  }) => {
    const rules = { complaintResponseWorkingDays: 3, complaintReminderWorkingDays: 1 }
    const filedAt = new Date('2026-09-30T07:00:00Z')
    const { dueAt, remindAt } = complaintSchedule(filedAt, rules, calendar)
    assert.equal(dueAt.toISOString(), '2026-10-10T16:00:00.000Z')
    assert.equal(remindAt!.toISOString(), '2026-10-09T16:00:00.000Z')
    // Without the holiday calendar (plain weekends) it would have been Monday 5 October.
    assert.equal(
      complaintSchedule(filedAt, rules, new Map()).dueAt.toISOString(),
      '2026-10-05T16:00:00.000Z'
    )
  })

  test('the filing day is the Beijing day: 01:00 on 1 Oct (still 30 Sep in UTC) counts from the holiday', ({
    assert,
  }) => {
    const rules = { complaintResponseWorkingDays: 1, complaintReminderWorkingDays: 1 }
    const { dueAt, remindAt } = complaintSchedule(new Date('2026-09-30T17:00:00Z'), rules, calendar)
    // The first working day after Thu 1 Oct is Thu 8 Oct.
    assert.equal(dueAt.toISOString(), '2026-10-08T16:00:00.000Z')
    // A limit of one working day leaves no room for a reminder.
    assert.isNull(remindAt)
  })

  test('a limit of 0 working days is over at once; no reminder is set when the rule says 0', ({
    assert,
  }) => {
    const filedAt = new Date('2026-11-02T02:00:00Z')
    const immediate = complaintSchedule(
      filedAt,
      { complaintResponseWorkingDays: 0, complaintReminderWorkingDays: 1 },
      calendar
    )
    assert.equal(immediate.dueAt.getTime(), filedAt.getTime())
    assert.isNull(immediate.remindAt)
    const silent = complaintSchedule(
      filedAt,
      { complaintResponseWorkingDays: 5, complaintReminderWorkingDays: 0 },
      calendar
    )
    assert.isNull(silent.remindAt)
  })
})

test.group('Complaint deadlines kept by the tick', () => {
  const open = {
    state: 'assigned' as const,
    dueAt: new Date('2026-10-19T16:00:00Z'),
    remindAt: new Date('2026-10-16T16:00:00Z'),
    remindedAt: null,
    overdueAt: null,
  }

  test('nothing before the reminder, the reminder once, then the overdue mark once', ({
    assert,
  }) => {
    assert.isNull(dueComplaintStep(open, new Date('2026-10-16T15:59:59Z')))
    assert.equal(dueComplaintStep(open, new Date('2026-10-16T16:00:00Z')), 'reminder')
    const reminded = { ...open, remindedAt: new Date('2026-10-16T16:00:00Z') }
    assert.isNull(dueComplaintStep(reminded, new Date('2026-10-19T15:59:59Z')))
    assert.equal(dueComplaintStep(reminded, new Date('2026-10-19T16:00:00Z')), 'overdue')
    const marked = { ...reminded, overdueAt: new Date('2026-10-19T16:00:00Z') }
    assert.isNull(dueComplaintStep(marked, new Date('2026-10-30T00:00:00Z')))
  })

  test('a limit already passed sends no late reminder, and answered complaints are left alone', ({
    assert,
  }) => {
    assert.equal(dueComplaintStep(open, new Date('2026-10-20T00:00:00Z')), 'overdue')
    assert.isNull(
      dueComplaintStep({ ...open, state: 'answered' }, new Date('2026-10-20T00:00:00Z'))
    )
  })

  test('past the limit: marked, or still open after it; an answer in time is never late', ({
    assert,
  }) => {
    const late = new Date('2026-10-20T00:00:00Z')
    assert.isTrue(isPastLimit(open, late))
    assert.isFalse(isPastLimit(open, new Date('2026-10-19T00:00:00Z')))
    assert.isFalse(isPastLimit({ ...open, state: 'answered' }, late))
    assert.isTrue(isPastLimit({ ...open, state: 'answered', overdueAt: late }, late))
  })
})

test.group('Tracking codes', () => {
  test('only the SHA-256 of a code is kept; the shape check accepts what the platform issues', ({
    assert,
  }) => {
    assert.match(trackingCodeHash('abc'), /^[0-9a-f]{64}$/)
    assert.equal(
      trackingCodeHash('abc'),
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'
    )
    assert.isTrue(TRACKING_CODE_PATTERN.test('q3Zr_8-xYvB2mN4pK7sT1uWa'))
    assert.isFalse(TRACKING_CODE_PATTERN.test('short'))
    assert.isFalse(TRACKING_CODE_PATTERN.test('has spaces in it, sixteen+'))
  })
})

test.group('Complaint budgets', () => {
  const now = new Date('2026-09-29T02:00:00Z')
  const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000)

  test('an account is established only when old enough and with a track record', ({ assert }) => {
    const account = (days: number, hasTrackRecord: boolean) =>
      isEstablishedComplainant({
        createdAt: daysAgo(days),
        now,
        minimumAgeDays: 14,
        hasTrackRecord,
      })
    assert.isTrue(account(14, true))
    assert.isTrue(account(400, true))
    assert.isFalse(account(13.9, true))
    assert.isFalse(account(400, false))
    assert.isFalse(account(0, false))
  })
})
