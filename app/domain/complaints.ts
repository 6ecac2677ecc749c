/*
 * Complaints (投诉举报, SPEC "Regulator console: complaints with deadlines"):
 * the states of a complaint, the only transitions between them, and its
 * schedule in working days. Owners, agencies and the public complain, also
 * anonymously; a regulator assigns it to a colleague, who answers within the
 * response limit. Pure functions: the actions load the calendar and lock rows.
 */
import { createHash } from 'node:crypto'
import { DateTime } from 'luxon'
import { DISPLAY_ZONE } from '#domain/time_zone'
import { addWorkingDays, type CalendarExceptions } from '#domain/working_days'

export const COMPLAINT_STATES = [
  'filed', // 已受理: waiting for a regulator to take it
  'assigned', // 已分派: a named regulator answers it
  'answered', // 已答复: upheld (查实) or rejected (不成立), with a decision
] as const
export type ComplaintState = (typeof COMPLAINT_STATES)[number]

export const COMPLAINT_TRANSITIONS = {
  // Re-assigning an open complaint hands it to another regulator (e.g. after escalation).
  assign: { from: ['filed', 'assigned'], to: 'assigned' },
  answer: { from: ['assigned'], to: 'answered' },
} as const satisfies Record<string, { from: readonly ComplaintState[]; to: ComplaintState }>
export type ComplaintTransition = keyof typeof COMPLAINT_TRANSITIONS

/** The state a transition leads to, or null when the current state does not allow it. */
export function nextComplaintState(
  current: ComplaintState,
  transition: ComplaintTransition
): ComplaintState | null {
  const rule = COMPLAINT_TRANSITIONS[transition]
  return (rule.from as readonly ComplaintState[]).includes(current) ? rule.to : null
}

/**
 * An account files complaints on a budget of its own only once it is
 * established: at least `minimumAgeDays` old and its organisation has a track
 * record in the market. A fresh account shares the budgets of its address and
 * of all new accounts (a handful of new registrations must not multiply one
 * person's budget).
 */
export function isEstablishedComplainant(account: {
  createdAt: Date
  now: Date
  minimumAgeDays: number
  hasTrackRecord: boolean
}) {
  const ageMs = account.now.getTime() - account.createdAt.getTime()
  return account.hasTrackRecord && ageMs >= account.minimumAgeDays * 86_400_000
}

/** Open complaints still run against their response limit. */
export function isOpenComplaint(state: ComplaintState) {
  return state !== 'answered'
}

/** 收费违规 · 服务超期 · 虚假报告 · 串通投标 · 其他 */
export const COMPLAINT_CATEGORIES = [
  'fee_violation',
  'overdue_service',
  'false_report',
  'bid_collusion',
  'other',
] as const
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number]

/**
 * Who complained: a signed-in owner or agency user (named), a member of the
 * public with an optional way to reach them, or nobody known (匿名).
 */
export const COMPLAINANT_KINDS = ['user', 'public', 'anonymous'] as const
export type ComplainantKind = (typeof COMPLAINANT_KINDS)[number]

export const COMPLAINT_OUTCOMES = ['upheld', 'rejected'] as const
export type ComplaintOutcome = (typeof COMPLAINT_OUTCOMES)[number]

/** The complainant's kind from what the form says and whether someone is signed in. */
export function complainantKindOf(input: {
  signedIn: boolean
  anonymous: boolean
  hasContact: boolean
}): ComplainantKind {
  if (input.anonymous) return 'anonymous'
  if (input.signedIn) return 'user'
  return input.hasContact ? 'public' : 'anonymous'
}

/**
 * The moment a period of n working days from `from` is over: 24:00 Beijing
 * time of the n-th working day after the day of `from` (the filing day is not
 * counted); 0 working days is over at once. The same rule as
 * `workingPeriodEnd` in the calendar service, without the database.
 */
export function periodEnd(from: Date, n: number, exceptions: CalendarExceptions): Date {
  if (n === 0) return new Date(from.getTime())
  const day = DateTime.fromJSDate(from).setZone(DISPLAY_ZONE).toISODate()!
  const lastDay = addWorkingDays(day, n, exceptions)
  return DateTime.fromISO(lastDay, { zone: DISPLAY_ZONE }).plus({ days: 1 }).toJSDate()
}

export type ComplaintScheduleRules = {
  complaintResponseWorkingDays: number
  complaintReminderWorkingDays: number
}

/**
 * When a complaint must be answered (the response limit) and when its
 * assignee is reminded: `complaintReminderWorkingDays` working days before
 * the limit, i.e. at the end of the earlier working day. No reminder when
 * the limit is that close to the filing.
 */
export function complaintSchedule(
  filedAt: Date,
  rules: ComplaintScheduleRules,
  exceptions: CalendarExceptions
): { dueAt: Date; remindAt: Date | null } {
  const days = rules.complaintResponseWorkingDays
  const beforeReminder = days - rules.complaintReminderWorkingDays
  return {
    dueAt: periodEnd(filedAt, days, exceptions),
    remindAt:
      rules.complaintReminderWorkingDays > 0 && beforeReminder > 0
        ? periodEnd(filedAt, beforeReminder, exceptions)
        : null,
  }
}

/** The last calendar day the schedule can reach (to load the calendar's exceptions up to it). */
export function scheduleWindowEnd(filedAt: Date, rules: ComplaintScheduleRules) {
  // Even with the longest holidays, n working days fit in 2n + 30 calendar days.
  return DateTime.fromJSDate(filedAt)
    .setZone(DISPLAY_ZONE)
    .plus({ days: 2 * rules.complaintResponseWorkingDays + 30 })
    .toISODate()!
}

/** What the tick owes an open complaint now: nothing, the reminder, or the overdue mark. */
export function dueComplaintStep(
  complaint: {
    state: ComplaintState
    dueAt: Date
    remindAt: Date | null
    remindedAt: Date | null
    overdueAt: Date | null
  },
  now: Date
): 'overdue' | 'reminder' | null {
  if (!isOpenComplaint(complaint.state)) return null
  if (complaint.overdueAt === null && complaint.dueAt.getTime() <= now.getTime()) return 'overdue'
  if (
    complaint.overdueAt === null &&
    complaint.remindedAt === null &&
    complaint.remindAt !== null &&
    complaint.remindAt.getTime() <= now.getTime()
  ) {
    return 'reminder'
  }
  return null
}

/**
 * Past its limit: marked overdue by the tick, or still open after the limit
 * (before the next tick marks it). An answered complaint stays marked if it
 * was answered late.
 */
export function isPastLimit(
  complaint: { state: ComplaintState; dueAt: Date; overdueAt: Date | null },
  now: Date
) {
  return (
    complaint.overdueAt !== null ||
    (isOpenComplaint(complaint.state) && complaint.dueAt.getTime() <= now.getTime())
  )
}

/** An unguessable tracking code: 18 random bytes, URL-safe (24 characters). */
export const TRACKING_CODE_PATTERN = /^[\w-]{16,64}$/

/**
 * What is stored of a tracking code: its SHA-256 (hex). The code itself is
 * shown once to the complainant and never kept, so the table alone does not
 * let anyone follow another person's complaint.
 */
export function trackingCodeHash(code: string) {
  return createHash('sha256').update(code, 'utf8').digest('hex')
}
