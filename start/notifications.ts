/*
 * Notifications outside the request: the unread badge of the page header and
 * the log line of an e-mail the background mail queue failed to send.
 */
import edge from 'edge.js'
import emitter from '@adonisjs/core/services/emitter'
import logger from '@adonisjs/core/services/logger'
import { unreadNotificationCount } from '#queries/notifications'

// The badge must never break a page (the error pages use the same layout).
edge.global('unreadNotificationCount', async (organizationId: number) => {
  try {
    return await unreadNotificationCount(organizationId)
  } catch (error) {
    logger.warn({ err: error }, 'unread notification count unavailable')
    return 0
  }
})

emitter.on('queued:mail:error', ({ error, mailerName }) => {
  logger.error({ err: error, mailerName }, 'a queued e-mail could not be sent')
})
