import type { HttpContext } from '@adonisjs/core/http'
import db from '@adonisjs/lucid/services/db'
import { calendarYearValidator, setCalendarDayValidator } from '#validators/calendar'
import { clearCalendarDay, setCalendarDay } from '#actions/calendar/calendar_days'
import { missingScheduleYear } from '#services/calendar'

/** The admin's page for the working-day calendar of each year. */
export default class CalendarController {
  async index({ request, view }: HttpContext) {
    const { year = new Date().getUTCFullYear() } = await request.validateUsing(
      calendarYearValidator,
      {
        data: request.qs(),
      }
    )
    const days = await db
      .from('calendar_days')
      .whereBetween('day', [`${year}-01-01`, `${year}-12-31`])
      .orderBy('day')
    return view.render('pages/admin/calendar', {
      year,
      days,
      missingYear: await missingScheduleYear(),
    })
  }

  async store({ request, response, auth, session, i18n }: HttpContext) {
    const payload = await request.validateUsing(setCalendarDayValidator)
    await setCalendarDay(payload, auth.getUserOrFail())
    session.flash('success', i18n.t('messages.calendar.saved', { day: payload.day }))
    return response
      .redirect()
      .toRoute('admin.calendar.index', {}, { qs: { year: payload.day.slice(0, 4) } })
  }

  async destroy({ params, response, auth, session, i18n }: HttpContext) {
    await clearCalendarDay(String(params.day), auth.getUserOrFail())
    session.flash('success', i18n.t('messages.calendar.cleared', { day: params.day }))
    return response.redirect().back()
  }
}
