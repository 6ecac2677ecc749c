import type { HttpContext } from '@adonisjs/core/http'
import { listNotificationsValidator } from '#validators/notification'
import { notificationInbox } from '#queries/notifications'
import { markNotificationsRead } from '#services/notifications'
import { presentNotificationForPage } from '#presenters/notification'

/** The notifications of the signed-in user's organisation. */
export default class NotificationsController {
  /** Newest first, unread ones highlighted, each linking to its project. */
  async index({ request, auth, view, i18n }: HttpContext) {
    const { page = 1 } = await request.validateUsing(listNotificationsValidator, {
      data: request.qs(),
    })
    const result = await notificationInbox(auth.getUserOrFail().organizationId, {
      page,
      perPage: 20,
    })
    const notifications = result.all().map((row) => presentNotificationForPage(row, i18n))
    return view.render('pages/notifications/index', { result, notifications })
  }

  /** Marks every notification of the organisation read. */
  async markRead({ auth, response, session, i18n }: HttpContext) {
    await markNotificationsRead(auth.getUserOrFail().organizationId)
    session.flash('success', i18n.t('notifications.page.allRead'))
    return response.redirect().toRoute('notifications.index')
  }
}
