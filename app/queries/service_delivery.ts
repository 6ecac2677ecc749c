import db from '@adonisjs/lucid/services/db'
import type { SqlInteger, SqlTimestamp } from '#services/sql_rows'
import { DateTime } from 'luxon'
import type Contract from '#models/contract'
import Deliverable from '#models/deliverable'
import Evaluation from '#models/evaluation'
import { DISPLAY_ZONE, toInstantDate } from '#domain/time_zone'
import { isProvisionalDay, isWorkingDay, workingDaysBetween } from '#domain/working_days'
import { calendarExceptions, loadedCalendarYears } from '#services/calendar'
import { clock } from '#services/clock'

/**
 * The service clock as both parties see it: the due date, the working days
 * left (today included when it is a working day of the period; negative,
 * the working days overdue, once past the due date),
 * and whether the owner has stopped it.
 */
export async function serviceClockOf(contract: Contract) {
  if (!contract.serviceStartedAt || !contract.serviceDueAt) return null
  const today = DateTime.fromJSDate(clock.now()).setZone(DISPLAY_ZONE).toISODate()!
  // The due date is the end of its last working day: the day before, in Beijing.
  const lastDay = contract.serviceDueAt.setZone(DISPLAY_ZONE).minus({ days: 1 }).toISODate()!
  const [from, to] = today <= lastDay ? [today, lastDay] : [lastDay, today]
  const exceptions = await calendarExceptions(from, to)
  const between = workingDaysBetween(from, to, exceptions)
  // The limit counts from the day after the start: the start day itself is not one of its days.
  const startDay = contract.serviceStartedAt.setZone(DISPLAY_ZONE).toISODate()!
  const todayCounts = today > startDay && isWorkingDay(today, exceptions)
  const remaining = today <= lastDay ? between + (todayCounts ? 1 : 0) : -between
  const pause = contract.pausedAt
    ? await db
        .from('contract_pauses')
        .where('contract_id', contract.id)
        .whereNull('resumed_at')
        .select('reason')
        .first()
    : null
  return {
    startedAt: contract.serviceStartedAt,
    dueAt: contract.serviceDueAt,
    lastDay,
    // Counted from weekends alone: that year's official schedule is not loaded yet.
    provisional: isProvisionalDay(lastDay, await loadedCalendarYears()),
    timeLimitWorkingDays: contract.timeLimitWorkingDays,
    stoppedWorkingDays: contract.pausedWorkingDays,
    remainingWorkingDays: remaining,
    paused: contract.pausedAt ? { since: contract.pausedAt, reason: pause?.reason ?? '' } : null,
    overdueAt: contract.overdueAt,
  }
}

/** Every submission of the agency, newest first, with its files (not their text). */
export async function deliverablesOf(contractId: number) {
  return Deliverable.query()
    .where('contract_id', contractId)
    .preload('files', (files) =>
      files.select('id', 'deliverable_id', 'file_name', 'file_mime', 'file_size').orderBy('id')
    )
    .orderBy('round', 'desc')
}

/** The pauses of the clock (补正), oldest first. */
export async function pausesOf(contractId: number) {
  const rows: {
    id: SqlInteger
    reason: string
    paused_at: SqlTimestamp
    resumed_at: SqlTimestamp | null
    working_days: SqlInteger | null
  }[] = await db.from('contract_pauses').where('contract_id', contractId).orderBy('id')
  return rows.map((row) => ({
    id: Number(row.id),
    reason: row.reason as string,
    pausedAt: toInstantDate(row.paused_at)!,
    resumedAt: toInstantDate(row.resumed_at),
    workingDays: row.working_days === null ? null : Number(row.working_days),
  }))
}

/** The two evaluations of a contract (either may be missing). */
export async function evaluationsOfContract(contractId: number) {
  const rows = await Evaluation.query().where('contract_id', contractId)
  return {
    ofAgency: rows.find((row) => row.direction === 'of_agency') ?? null,
    ofOwner: rows.find((row) => row.direction === 'of_owner') ?? null,
  }
}

/**
 * The public evaluations an organisation received (as agency or as owner),
 * newest first, with the project they were about, and the means per
 * dimension.
 */
export async function evaluationsReceived(organizationId: number, limit = 50) {
  const rows: {
    id: SqlInteger
    direction: 'of_agency' | 'of_owner'
    origin: 'rater' | 'default'
    credit_withheld_reason: string | null
    project_id: SqlInteger
    project_code: string
    project_title: string
    rater_name: string
    lead_name: string | null
    quality: SqlInteger | null
    timeliness: SqlInteger | null
    attitude: SqlInteger | null
    fee_compliance: SqlInteger | null
    cooperation: SqlInteger | null
    payment_timeliness: SqlInteger | null
    comment: string | null
    reply: string | null
    created_at: SqlTimestamp
    replied_at: SqlTimestamp | null
  }[] = await db
    .from('evaluations as e')
    .join('contracts as c', 'c.id', 'e.contract_id')
    .join('projects as p', 'p.id', 'c.project_id')
    .join('organizations as r', 'r.id', 'e.rater_organization_id')
    .where('e.rated_organization_id', organizationId)
    .orderBy('e.id', 'desc')
    .limit(limit)
    .select(
      'e.*',
      'p.id as project_id',
      'p.code as project_code',
      'p.title as project_title',
      'r.name as rater_name',
      'c.lead_name'
    )
  const summary = await db
    .from('evaluations')
    .where('rated_organization_id', organizationId)
    .select(
      db.raw('count(*) as count'),
      db.raw('avg(quality) as quality'),
      db.raw('avg(timeliness) as timeliness'),
      db.raw('avg(attitude) as attitude'),
      db.raw('avg(fee_compliance) as fee_compliance'),
      db.raw('avg(cooperation) as cooperation'),
      db.raw('avg(payment_timeliness) as payment_timeliness'),
      db.raw(
        `sum(case when quality <= 2 or timeliness <= 2 or attitude <= 2 or fee_compliance <= 2
          or cooperation <= 2 or payment_timeliness <= 2 then 1 else 0 end) as bad`
      )
    )
    .first()
  const mean = (value: unknown) =>
    value === null || value === undefined ? null : Math.round(Number(value) * 100) / 100
  return {
    summary: {
      count: Number(summary?.count ?? 0),
      bad: Number(summary?.bad ?? 0),
      quality: mean(summary?.quality),
      timeliness: mean(summary?.timeliness),
      attitude: mean(summary?.attitude),
      feeCompliance: mean(summary?.fee_compliance),
      cooperation: mean(summary?.cooperation),
      paymentTimeliness: mean(summary?.payment_timeliness),
    },
    rows: rows.map((row) => ({
      id: Number(row.id),
      direction: row.direction as 'of_agency' | 'of_owner',
      origin: row.origin as 'rater' | 'default',
      countsForCredit: row.credit_withheld_reason === null,
      project: { id: Number(row.project_id), code: row.project_code, title: row.project_title },
      raterName: row.rater_name as string,
      // 项目负责人 of the rated work (an owner's rating of the agency answers for the lead too).
      leadName: row.direction === 'of_agency' ? row.lead_name : null,
      ratings: Object.fromEntries(
        (
          [
            ['quality', row.quality],
            ['timeliness', row.timeliness],
            ['attitude', row.attitude],
            ['feeCompliance', row.fee_compliance],
            ['cooperation', row.cooperation],
            ['paymentTimeliness', row.payment_timeliness],
          ] as const
        )
          .filter(([, value]) => value !== null)
          .map(([key, value]) => [key, Number(value)])
      ) as Record<string, number>,
      comment: row.comment as string | null,
      reply: row.reply as string | null,
      createdAt: toInstantDate(row.created_at)!,
      repliedAt: toInstantDate(row.replied_at),
    })),
  }
}
