import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import { recordAuditEvent } from '#services/audit_log'
import { clock } from '#services/clock'
import { DateTime } from 'luxon'
import { fingerprintMatches, sendPasswordResetEmail } from '#services/password_reset_links'

/*
 * Changes that end a user's sessions everywhere: each raises the user's
 * session epoch (app/services/account_sessions.ts) in the same transaction
 * as the change, under a lock on the user row, with an audit log entry.
 */

/**
 * The user's new password. Their other sessions end; the caller starts a
 * fresh one for the session that made the change.
 */
export async function changePassword(user: User, newPassword: string) {
  return db.transaction(async (trx) => {
    const locked = await User.query({ client: trx }).where('id', user.id).forUpdate().firstOrFail()
    locked.password = newPassword
    locked.sessionEpoch += 1
    await locked.save()
    await recordAuditEvent(trx, {
      actor: locked,
      action: 'account.password_changed',
      subjectType: 'user',
      subjectId: String(locked.id),
    })
    return locked
  })
}

/**
 * Someone asked for a password reset link for `email` (忘记密码), or an admin
 * sent one to `target` (`by`). Suspended and unknown accounts get nothing,
 * and the caller answers the same whatever happened here, so the form tells
 * nobody which e-mails have accounts. The request is in the audit log; the
 * e-mail leaves after the commit.
 */
export async function requestPasswordReset(target: User | null, by: User | null) {
  if (!target || target.suspendedAt) return false
  await db.transaction(async (trx) => {
    await recordAuditEvent(trx, {
      actor: by ?? target,
      action: 'account.password_reset_requested',
      subjectType: 'user',
      subjectId: String(target.id),
      payload: { sentBy: by ? 'admin' : 'self' },
    })
    trx.after('commit', () => sendPasswordResetEmail(target))
  })
  return true
}

/**
 * Sets a new password through a reset link. The link's fingerprint is
 * checked again under the row lock, so two uses of one link set at most one
 * password. Every session ends and every API token is deleted: whoever may
 * have held the old password holds nothing now. Returns null when the link
 * is no longer the account's latest (used, superseded, or the account
 * suspended meanwhile).
 */
export async function resetPassword(target: User, fingerprint: string, newPassword: string) {
  return db.transaction(async (trx) => {
    const locked = await User.query({ client: trx })
      .where('id', target.id)
      .forUpdate()
      .firstOrFail()
    if (locked.suspendedAt || !fingerprintMatches(locked, fingerprint)) return null
    locked.password = newPassword
    locked.sessionEpoch += 1
    await locked.save()
    const tokens = await trx.from('auth_access_tokens').where('tokenable_id', locked.id).delete()
    await recordAuditEvent(trx, {
      actor: locked,
      action: 'account.password_reset',
      subjectType: 'user',
      subjectId: String(locked.id),
      payload: { revokedTokens: Number(tokens) },
    })
    return locked
  })
}

/**
 * Suspends an account (停用账号): every session of the user ends and every API
 * token of theirs is deleted; they can no longer log in nor obtain a token
 * until reinstated.
 */
export async function suspendAccount(target: User, by: User, reason: string) {
  return db.transaction(async (trx) => {
    const locked = await User.query({ client: trx })
      .where('id', target.id)
      .forUpdate()
      .firstOrFail()
    locked.suspendedAt = DateTime.fromJSDate(clock.now())
    locked.suspensionReason = reason
    locked.sessionEpoch += 1
    await locked.save()
    const tokens = await trx.from('auth_access_tokens').where('tokenable_id', locked.id).delete()
    await recordAuditEvent(trx, {
      actor: by,
      action: 'account.suspended',
      subjectType: 'user',
      subjectId: String(locked.id),
      payload: { reason, revokedTokens: Number(tokens) },
    })
    return locked
  })
}

/** Lifts a suspension: the user may log in again (their old sessions and tokens stay ended). */
export async function reinstateAccount(target: User, by: User) {
  return db.transaction(async (trx) => {
    const locked = await User.query({ client: trx })
      .where('id', target.id)
      .forUpdate()
      .firstOrFail()
    locked.suspendedAt = null
    locked.suspensionReason = null
    await locked.save()
    await recordAuditEvent(trx, {
      actor: by,
      action: 'account.reinstated',
      subjectType: 'user',
      subjectId: String(locked.id),
    })
    return locked
  })
}
