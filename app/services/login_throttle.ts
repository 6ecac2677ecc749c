import User from '#models/user'
import { throttlePasswordCheck } from '#services/password_throttle'

/**
 * Password guessing at login (pages and the API token endpoint alike) is
 * slowed down per account and per address (see password_throttle):
 * - an account (its e-mail, known or not) gets five failures within ten
 *   minutes from all addresses together, then it is locked for ten minutes
 *   everywhere; a success clears the counter;
 * - an address gets twenty attempts that fail within ten minutes whatever
 *   the accounts tried, then it is blocked for ten minutes.
 * The same message answers unknown e-mails and wrong passwords, and the same
 * lockout follows, so nobody learns which accounts exist.
 */
export const LOGIN_BUDGETS = {
  perAccount: { attempts: 5, window: '10 mins' },
  perAddress: { attempts: 20, window: '10 mins' },
}

export async function verifyLoginAttempt(email: string, password: string, ip: string) {
  return throttlePasswordCheck(
    {
      account: { key: `login:account:${email.trim().toLowerCase()}`, ...LOGIN_BUDGETS.perAccount },
      address: { key: `login:address:${ip}`, ...LOGIN_BUDGETS.perAddress },
    },
    () => User.verifyCredentials(email, password)
  )
}
