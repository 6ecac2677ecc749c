import db from '@adonisjs/lucid/services/db'
import Notification from '#models/notification'

export type InboxFilters = { unread?: boolean; page: number; perPage: number }

/**
 * An organisation's notifications, newest first. Two queries whatever the
 * page size (count, rows).
 */
export async function notificationInbox(organizationId: number, filters: InboxFilters) {
  return Notification.query()
    .where('organization_id', organizationId)
    .if(filters.unread, (query) => query.whereNull('read_at'))
    .orderBy('id', 'desc')
    .paginate(filters.page, filters.perPage)
}

/** How many notifications of the organisation are unread: one COUNT on the inbox index. */
export async function unreadNotificationCount(organizationId: number) {
  const row = await db
    .from('notifications')
    .where('organization_id', organizationId)
    .whereNull('read_at')
    .count('* as total')
    .first()
  return Number(row?.total ?? 0)
}
