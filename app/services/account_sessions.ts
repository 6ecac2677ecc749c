import type { HttpContext } from '@adonisjs/core/http'
import type User from '#models/user'
import RefusalException from '#exceptions/refusal_exception'

/*
 * Ending a user's sessions everywhere. Each session remembers the user's
 * session epoch at login; a password change or a suspension raises the
 * epoch on the user row, and every session started under an older one is
 * refused on its next request. The check costs nothing (the session guard
 * loads the user row anyway) and holds in every session store, without
 * listing the user's sessions.
 */

const EPOCH_KEY = 'auth_epoch'

/** Logs the user in on this request's session (a new session id) under their current epoch. */
export async function startSession({ auth, session }: HttpContext, user: User) {
  await auth.use('web').login(user)
  session.put(EPOCH_KEY, user.sessionEpoch ?? 0)
}

/**
 * Logs out: the session id changes and the old id's record is deleted from
 * the store, so a copy of the old cookie opens nothing.
 */
export async function endSession({ auth, session }: HttpContext) {
  await auth.use('web').logout()
  session.forget(EPOCH_KEY)
  session.regenerate()
}

/**
 * Whether this session may still act for its user: the account is not
 * suspended and no password change or suspension happened since the login.
 * A session without an epoch was started at epoch 0.
 */
export function sessionStillValid({ session }: HttpContext, user: User) {
  return user.suspendedAt === null && Number(session.get(EPOCH_KEY, 0)) === user.sessionEpoch
}

/** A suspended account neither logs in nor obtains a token: 403 with the reason (pages flash it). */
export function refuseSuspended(user: User) {
  if (user.suspendedAt !== null) {
    throw new RefusalException(403, 'E_ACCOUNT_SUSPENDED', {
      identifier: 'messages.auth.suspended',
    })
  }
  return user
}
