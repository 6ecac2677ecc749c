import db from '@adonisjs/lucid/services/db'
import limiter from '@adonisjs/limiter/services/main'
import complaintsConfig from '#config/complaints'
import type User from '#models/user'
import { isEstablishedComplainant } from '#domain/complaints'
import { clock } from '#services/clock'

/**
 * Public filing is open to anyone, so it is rate-limited like logins: each
 * filing counts against the signed-in user's budget, or the client IP's
 * (`COMPLAINT_FILINGS_PER_HOUR`, 10 by default). An account that is not yet
 * established (see config/complaints.ts) counts against its address's budget
 * as well and against the market-wide budget of new accounts
 * (`COMPLAINT_NEW_ACCOUNT_FILINGS_PER_HOUR`). Over any budget the limiter
 * throws E_TOO_MANY_REQUESTS (429 with Retry-After). Counters live in the
 * limiter store, shared by instances.
 */
export async function countComplaintFiling(user: User | null, ip: string) {
  const requests = complaintsConfig.filingsPerHour
  if (requests <= 0) return
  const address = { key: `complaint:ip:${ip}`, requests, duration: '1 hour' }
  if (!user) {
    await limiter.multi([address]).consume()
    return
  }
  const own = { key: `complaint:user:${user.id}`, requests, duration: '1 hour' }
  if (await isEstablished(user)) {
    await limiter.multi([own]).consume()
    return
  }
  const newAccounts = complaintsConfig.newAccountFilingsPerHour
  // The address first: refused there, nothing else is spent.
  await limiter
    .multi([
      address,
      own,
      ...(newAccounts > 0
        ? [{ key: 'complaint:new-accounts', requests: newAccounts, duration: '1 hour' }]
        : []),
    ])
    .consume()
}

/** A contract signed, or a qualification a regulator verified, is a track record. */
async function isEstablished(user: User) {
  const organizationId = user.organizationId
  const contract = await db
    .from('contracts')
    .where((query) =>
      query
        .where('owner_organization_id', organizationId)
        .orWhere('agency_organization_id', organizationId)
    )
    .whereNotNull('signed_at')
    .select('id')
    .first()
  const qualification = contract
    ? null
    : await db
        .from('qualifications')
        .where('organization_id', organizationId)
        .where('status', 'verified')
        .select('id')
        .first()
  return isEstablishedComplainant({
    createdAt: user.createdAt.toJSDate(),
    now: clock.now(),
    minimumAgeDays: complaintsConfig.establishedAccountDays,
    hasTrackRecord: Boolean(contract || qualification),
  })
}
