import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import {
  calendarYearValidator,
  setCalendarDayValidator,
  workingDaysQueryValidator,
} from '#validators/calendar'
import { clearCalendarDay, setCalendarDay } from '#actions/calendar/calendar_days'
import { loadedCalendarYears, workingDaysFrom } from '#services/calendar'
import { isProvisionalDay } from '#domain/working_days'

/** The working-day calendar: public to read, the admin writes it. */
export default class CalendarController {
  /** GET /api/v1/calendar?year=2026: the exceptions of a year (holidays, make-up days). */
  async index({ request }: HttpContext) {
    const { year = new Date().getUTCFullYear() } = await request.validateUsing(
      calendarYearValidator,
      {
        data: request.qs(),
      }
    )
    const rows = await db
      .from('calendar_days')
      .whereBetween('day', [`${year}-01-01`, `${year}-12-31`])
      .orderBy('day')
      .select('day', 'working', 'note')
    return {
      year,
      data: rows.map((row: { day: string; working: unknown; note: string }) => ({
        day: row.day,
        working: Boolean(row.working),
        note: row.note,
      })),
    }
  }

  /**
   * GET /api/v1/calendar/working-days?from=2026-09-29&days=3 → {due, provisional}:
   * `provisional` is true when a year the count crosses has no official
   * schedule loaded yet (counted from weekends alone, the due day may move).
   */
  async workingDays({ request }: HttpContext) {
    const { from, days } = await request.validateUsing(workingDaysQueryValidator, {
      data: request.qs(),
    })
    const due = await workingDaysFrom(from, days)
    const loaded = await loadedCalendarYears()
    const provisional = isProvisionalDay(from, loaded) || isProvisionalDay(due, loaded)
    return { from, days, due, provisional }
  }

  /** PUT /api/v1/admin/calendar/:day {working, note} */
  async update({ params, request, auth }: HttpContext) {
    const payload = await request.validateUsing(setCalendarDayValidator, {
      data: { ...request.all(), day: params.day },
    })
    await setCalendarDay(payload, auth.getUserOrFail())
    return payload
  }

  /** DELETE /api/v1/admin/calendar/:day */
  async destroy({ params, auth, response }: HttpContext) {
    await clearCalendarDay(String(params.day), auth.getUserOrFail())
    return response.noContent()
  }
}
