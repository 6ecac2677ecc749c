import { createHash, timingSafeEqual } from 'node:crypto'
import edge from 'edge.js'
import i18nManager from '@adonisjs/i18n/services/main'
import logger from '@adonisjs/core/services/logger'
import mail from '@adonisjs/mail/services/main'
import { signedUrlFor } from '@adonisjs/core/services/url_builder'
import { appUrl } from '#config/app'
import type User from '#models/user'

/*
 * Password reset links (忘记密码): a URL signed with the application key that
 * expires after an hour and names the account and a fingerprint of its
 * current password hash and session epoch. Setting a password (by the link,
 * by the account page, by a suspension) changes the fingerprint, so a link
 * works once and every older link dies with it. Nothing is stored: the
 * signature proves the market issued the link, the fingerprint that it is
 * still the latest.
 */

export const PASSWORD_RESET_PURPOSE = 'password_reset'

/** How long a link stays valid after it is sent. */
export const PASSWORD_RESET_LIFETIME = '60 mins'

/** A fingerprint of the account's current password and sessions (not reversible). */
export function passwordFingerprint(user: Pick<User, 'id' | 'password' | 'sessionEpoch'>) {
  return createHash('sha256')
    .update(`${user.id}\u0000${user.password}\u0000${user.sessionEpoch}`)
    .digest('hex')
    .slice(0, 32)
}

/** Whether `candidate` is the account's current fingerprint (compared in constant time). */
export function fingerprintMatches(
  user: Pick<User, 'id' | 'password' | 'sessionEpoch'>,
  candidate: unknown
) {
  if (typeof candidate !== 'string') return false
  const expected = Buffer.from(passwordFingerprint(user))
  const given = Buffer.from(candidate)
  return given.length === expected.length && timingSafeEqual(given, expected)
}

/** The absolute, signed link that lets the account's owner choose a new password. */
export function passwordResetUrl(user: User, lifetime: string | number = PASSWORD_RESET_LIFETIME) {
  return signedUrlFor(
    'password.reset.edit',
    { id: user.id },
    {
      expiresIn: lifetime,
      purpose: PASSWORD_RESET_PURPOSE,
      qs: { v: passwordFingerprint(user) },
      prefixUrl: appUrl.replace(/\/+$/, ''),
    }
  )
}

/**
 * Queues the e-mail carrying the link (in Chinese, the market's language).
 * A mail failure is logged, never shown: the answer to the requester is the
 * same whatever happens.
 */
export async function sendPasswordResetEmail(user: User) {
  try {
    const i18n = i18nManager.locale(i18nManager.defaultLocale)
    const url = passwordResetUrl(user)
    const subject = i18n.t('messages.passwordReset.emailSubject')
    const html = await edge.render('emails/password_reset', { i18n, url, name: user.fullName })
    const text = [
      i18n.t('messages.passwordReset.emailGreeting', { name: user.fullName }),
      '',
      i18n.t('messages.passwordReset.emailBody'),
      '',
      url,
      '',
      i18n.t('messages.passwordReset.emailIgnore'),
    ].join('\n')
    await mail.sendLater((message) => {
      message.to(user.email, user.fullName).subject(subject).html(html).text(text)
    })
  } catch (error) {
    logger.error({ err: error, userId: user.id }, 'password reset e-mail could not be queued')
  }
}
