import type { HttpContext } from '@adonisjs/core/http'
import {
  listNotificationsValidator,
  markNotificationsReadValidator,
} from '#validators/notification'
import { notificationInbox, unreadNotificationCount } from '#queries/notifications'
import { markNotificationsRead } from '#services/notifications'
import { presentNotification } from '#presenters/notification'

/** The token user's organisation's notifications. */
export default class NotificationsController {
  /** GET /api/v1/notifications?unread=&page=&perPage= → {data, meta:{total,page,perPage,unread}} */
  async index({ request, auth, i18n }: HttpContext) {
    const {
      unread,
      page = 1,
      perPage = 20,
    } = await request.validateUsing(listNotificationsValidator, { data: request.qs() })
    const { organizationId } = auth.getUserOrFail()
    const result = await notificationInbox(organizationId, { unread, page, perPage })
    return {
      data: result.all().map((row) => presentNotification(row, i18n)),
      meta: {
        total: result.total,
        page: result.currentPage,
        perPage: result.perPage,
        unread: await unreadNotificationCount(organizationId),
      },
    }
  }

  /** POST /api/v1/notifications/read {ids?} (none → all) → {marked, unread} */
  async markRead({ request, auth }: HttpContext) {
    const { ids } = await request.validateUsing(markNotificationsReadValidator)
    const { organizationId } = auth.getUserOrFail()
    const marked = await markNotificationsRead(organizationId, ids)
    return { marked, unread: await unreadNotificationCount(organizationId) }
  }
}
