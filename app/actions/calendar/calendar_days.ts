import db from '@adonisjs/lucid/services/db'
import { refuseInput } from '#exceptions/invalid_input_exception'
import type User from '#models/user'
import { isoDay } from '#domain/working_days'
import { recordAuditEvent } from '#services/audit_log'
import { queueCalendarDayForAnalytics } from '#services/analytics_queue'
import { invalidateLists } from '#services/public_cache'

/**
 * The admin enters the official schedule of a year (the State Council
 * publishes it around November–December): a day becomes a rest day or a
 * make-up working day, with a note. Changing the calendar changes deadlines,
 * so every change is audited.
 */
export async function setCalendarDay(
  input: { day: string; working: boolean; note: string },
  admin: User
) {
  const parsed = new Date(`${input.day}T00:00:00Z`)
  if (Number.isNaN(parsed.getTime()) || isoDay(parsed) !== input.day) {
    refuseInput([
      {
        field: 'day',
        rule: 'date',
        identifier: 'validator.shared.messages.date',
        data: { field: 'day' },
      },
    ])
  }
  await db.transaction(async (trx) => {
    const now = new Date()
    const existing = await trx.from('calendar_days').where('day', input.day).forUpdate().first()
    const fields = {
      working: input.working,
      note: input.note,
      updated_by_user_id: admin.id,
      updated_at: now,
    }
    if (existing) await trx.from('calendar_days').where('day', input.day).update(fields)
    else await trx.table('calendar_days').insert({ day: input.day, ...fields, created_at: now })
    await recordAuditEvent(trx, {
      actor: admin,
      action: 'calendar.day_set',
      subjectType: 'calendar_day',
      subjectId: input.day,
      payload: { working: input.working, note: input.note },
    })
    // The working days to delivery of the contracts spanning the day may change.
    await queueCalendarDayForAnalytics(input.day, trx)
    // The project pages mark deadlines provisional while the year's schedule is missing.
    await invalidateLists(['calendar'], trx)
  })
}

/** The day goes back to the plain rule (Monday–Friday work). */
export async function clearCalendarDay(day: string, admin: User) {
  await db.transaction(async (trx) => {
    const removed = await trx.from('calendar_days').where('day', day).delete()
    if (Number(removed) > 0) {
      await recordAuditEvent(trx, {
        actor: admin,
        action: 'calendar.day_cleared',
        subjectType: 'calendar_day',
        subjectId: day,
      })
      await queueCalendarDayForAnalytics(day, trx)
      await invalidateLists(['calendar'], trx)
    }
  })
}
