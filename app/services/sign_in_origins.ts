/*
 * Where accounts register and sign in from, kept only as salted hashes of IP
 * address + user agent, one row per organisation and origin (first and last
 * seen). Read to tell whether an owner and an agency work from one device
 * (app/domain/related_parties.ts); never shown.
 */
import { createHmac } from 'node:crypto'
import db from '@adonisjs/lucid/services/db'
import env from '#start/env'
import type User from '#models/user'
import { originHash } from '#domain/related_parties'
import { clock } from '#services/clock'
import { sqlTime } from '#services/sql_time'

/** A salt derived from APP_KEY: origins compare equal within one installation only. */
function originSalt() {
  return createHmac('sha256', env.get('APP_KEY').release())
    .update('sign-in-origin-salt')
    .digest('hex')
}

/** The hash of a request's origin, or null without a user agent. */
export function requestOriginHash(request: {
  ip(): string
  header(name: string): string | undefined | null
}) {
  return originHash(request.ip(), request.header('user-agent'), originSalt())
}

/** Records (or refreshes) the origin a user registered or signed in from. */
export async function recordSignInOrigin(
  user: Pick<User, 'id' | 'organizationId'>,
  event: 'registration' | 'login',
  request: { ip(): string; header(name: string): string | undefined | null }
) {
  const hash = requestOriginHash(request)
  if (!hash) return
  const now = sqlTime(clock.now())
  const updated = await db
    .from('sign_in_origins')
    .where('organization_id', user.organizationId)
    .where('origin_hash', hash)
    .update({ last_seen_at: now })
  if (Number(Array.isArray(updated) ? updated[0] : updated) > 0) return
  try {
    await db.table('sign_in_origins').insert({
      organization_id: user.organizationId,
      user_id: user.id,
      origin_hash: hash,
      first_event: event,
      first_seen_at: now,
      last_seen_at: now,
    })
  } catch (error) {
    // Another sign-in from the same origin inserted the row meanwhile: it is recorded.
    const again = await db
      .from('sign_in_origins')
      .where('organization_id', user.organizationId)
      .where('origin_hash', hash)
      .first()
    if (!again) throw error
  }
}
