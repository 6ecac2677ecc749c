import limiter from '@adonisjs/limiter/services/main'
import complaintsConfig from '#config/complaints'
import type User from '#models/user'

/**
 * Public filing is open to anyone, so it is rate-limited like logins: each
 * filing counts against the signed-in user's budget, or the client IP's
 * (`COMPLAINT_FILINGS_PER_HOUR`, 10 by default). Over budget the limiter
 * throws E_TOO_MANY_REQUESTS (429 with Retry-After). Counters live in the
 * limiter store, shared by instances.
 */
export async function countComplaintFiling(user: User | null, ip: string) {
  const requests = complaintsConfig.filingsPerHour
  if (requests <= 0) return
  const key = user ? `complaint:user:${user.id}` : `complaint:ip:${ip}`
  await limiter.use({ requests, duration: '1 hour' }).consume(key)
}
