import limiter from '@adonisjs/limiter/services/main'

/**
 * A budget of password attempts on one key within a window; the key is
 * blocked for the window once the budget is spent.
 */
export type PasswordBudget = {
  key: string
  attempts: number
  window: string
}

/**
 * Guards a password check (login, API token, signing) with two budgets that
 * hold whatever the other side does:
 * - per account, whatever the address: a locked account stays locked from
 *   every address, and a correct password clears the account's failures;
 * - per address, whatever the account: one address cannot try many accounts,
 *   and a success there forgives only its own attempt, never others' failures.
 *
 * Each attempt is counted before the check runs (the store increments
 * atomically), so concurrent guesses cannot slip past a budget that a read
 * followed by a write would miss. Over either budget the limiter's
 * E_TOO_MANY_REQUESTS is thrown (429 with Retry-After), even when the
 * password would have been right. `check` throws when the password is wrong.
 */
export async function throttlePasswordCheck<T>(
  budgets: { account: PasswordBudget; address: PasswordBudget },
  check: () => Promise<T>
): Promise<T> {
  const address = limiterOf(budgets.address)
  const account = limiterOf(budgets.account)
  await address.consume(budgets.address.key)
  await account.consume(budgets.account.key)
  const result = await check()
  await account.delete(budgets.account.key)
  await address.decrement(budgets.address.key)
  return result
}

function limiterOf(budget: PasswordBudget) {
  return limiter.use({
    requests: budget.attempts,
    duration: budget.window,
    blockDuration: budget.window,
  })
}

/**
 * Signing asks for the password again: the same guard, on counters of its
 * own (per user and per address), so that a session cannot serve as a
 * password oracle — five wrong passwords within ten minutes lock signing for
 * that user for ten minutes. The counters are not the login's: strangers who
 * fail logins with a winner's e-mail cannot stop it from signing in time.
 */
export const SIGNING_BUDGETS = {
  perAccount: { attempts: 5, window: '10 mins' },
  perAddress: { attempts: 20, window: '10 mins' },
}

export function throttleSigningPassword<T>(userId: number, ip: string, check: () => Promise<T>) {
  return throttlePasswordCheck(
    {
      account: { key: `sign:user:${userId}`, ...SIGNING_BUDGETS.perAccount },
      address: { key: `sign:address:${ip}`, ...SIGNING_BUDGETS.perAddress },
    },
    check
  )
}
