import { isoInstant } from '#domain/time_zone'
import type { I18n } from '@adonisjs/i18n'
import type Notification from '#models/notification'
import { notificationText, projectPath } from '#services/notifications'

/** A notification in API answers, its texts in the reader's language. */
export function presentNotification(notification: Notification, i18n: I18n) {
  return {
    id: notification.id,
    kind: notification.kind,
    projectId: notification.projectId,
    ...notificationText(i18n, notification.kind, notification.placeholders),
    readAt: isoInstant(notification.readAt),
    createdAt: isoInstant(notification.createdAt),
  }
}

/** What the notifications page shows: the API shape plus the project link. */
export function presentNotificationForPage(notification: Notification, i18n: I18n) {
  return {
    ...presentNotification(notification, i18n),
    unread: notification.readAt === null,
    createdAt: notification.createdAt,
    link: notification.projectId ? projectPath({ id: notification.projectId }) : null,
  }
}
