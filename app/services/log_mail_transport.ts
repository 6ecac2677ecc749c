/*
 * A mail transport that writes each message to the application log instead
 * of sending it: the default when no SMTP server is configured, so that a
 * newcomer's `npm start` works and the messages can still be read.
 */
import logger from '@adonisjs/core/services/logger'
import { MailResponse } from '@adonisjs/mail'
import type { MailTransportContract, NodeMailerMessage, Recipient } from '@adonisjs/mail/types'
import { randomUUID } from 'node:crypto'

function addressOf(recipient: Recipient) {
  return typeof recipient === 'string' ? recipient : recipient.address
}

export class LogMailTransport implements MailTransportContract {
  async send(message: NodeMailerMessage) {
    const messageId = `<${randomUUID()}@log.transport>`
    const from = message.from ? addressOf(message.from) : ''
    const to = (message.to ?? []).map(addressOf)
    logger.info(
      { mail: { messageId, from, to, subject: message.subject, text: message.text } },
      'e-mail not sent (log transport): %s',
      message.subject
    )
    return new MailResponse(messageId, { from, to }, { logged: true })
  }
}
