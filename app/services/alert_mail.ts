/*
 * The e-mail of an announcement alert (订阅提醒), in the market's language:
 * one announcement at once, or the day's digest.
 */
import mail from '@adonisjs/mail/services/main'
import logger from '@adonisjs/core/services/logger'
import i18nManager from '@adonisjs/i18n/services/main'
import edge from 'edge.js'
import { appUrl } from '#config/app'
import { projectPath } from '#services/notifications'

/** An open announcement as an alert lists it (the deadline already in Beijing time). */
export type AnnouncementRow = {
  id: number
  code: string
  title: string
  itemCode: string
  itemName: string
  regionCode: string
  deadline: string
}

/** One e-mail listing announcements; failures are logged, never thrown. */
export async function sendAlertMail(
  recipient: { email: string; fullName: string },
  announcements: AnnouncementRow[],
  digest: boolean
) {
  const i18n = i18nManager.locale(i18nManager.defaultLocale)
  const subject = digest
    ? i18n.t('alerts.email.digestSubject', { count: announcements.length })
    : i18n.t('alerts.email.immediateSubject', { title: announcements[0].title })
  const items = announcements.map((announcement) => ({
    ...announcement,
    url: new URL(projectPath(announcement), appUrl).toString(),
  }))
  try {
    const html = await edge.render('emails/alert', { i18n, subject, items })
    const text = [
      subject,
      '',
      ...items.map(
        (item) =>
          `${item.code} ${item.title}（${item.itemName}）${i18n.t('alerts.email.deadline', { deadline: item.deadline })}\n${item.url}`
      ),
    ].join('\n')
    await mail.sendLater((message) => {
      message.to(recipient.email, recipient.fullName).subject(subject).html(html).text(text)
    })
  } catch (error) {
    logger.error({ err: error, to: recipient.email }, 'alert e-mail could not be sent')
  }
}
