import limiter from '@adonisjs/limiter/services/main'
import User from '#models/user'

/**
 * Password guessing is slowed down per e-mail and IP address: five failures
 * within ten minutes block further attempts for ten minutes. A success clears
 * the counter. The same message answers unknown e-mails and wrong passwords,
 * so nobody learns which accounts exist.
 */
const MAX_FAILURES = 5
const WINDOW = '10 mins'

export async function verifyLoginAttempt(email: string, password: string, ip: string) {
  const throttle = limiter.use({ requests: MAX_FAILURES, duration: WINDOW, blockDuration: WINDOW })
  const [blocked, user] = await throttle.penalize(`login:${email}:${ip}`, () =>
    User.verifyCredentials(email, password)
  )
  if (blocked) throw blocked
  return user
}
