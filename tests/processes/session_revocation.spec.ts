// Answers are read where they arrive: `(await browser.get(…)).status`.
/* eslint-disable @unicorn/no-await-expression-member */
/*
 * Sessions that end: a server started as `npm start` starts it (the session
 * store left to its default, i.e. the market's database, SQLite or MySQL as
 * the run's DB_CONNECTION says), real logins over HTTP, and cookies copied
 * the way a thief would copy them. After a logout the copied cookie opens
 * nothing; after a password change the user's other sessions end; after a
 * suspension every session and every API token of the user end, and they can
 * neither log in again nor obtain a token.
 */
import { test } from '@japa/runner'
import { WORLD_PASSWORD } from '#tests/worlds'
import {
  dedicatedMarket,
  startServer,
  type ChildServer,
  type DedicatedMarket,
} from '#tests/child_processes'

/** A tiny browser: keeps the cookies it is sent back, fills the CSRF token of forms. */
class Browser {
  cookies = new Map<string, string>()
  constructor(readonly base: string) {}

  /** Another browser holding a copy of this one's cookies (a stolen cookie). */
  copy() {
    const other = new Browser(this.base)
    other.cookies = new Map(this.cookies)
    return other
  }

  async fetch(path: string, init: RequestInit = {}) {
    const response = await fetch(`${this.base}${path}`, {
      ...init,
      redirect: 'manual',
      headers: {
        ...(init.headers as Record<string, string>),
        cookie: [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; '),
      },
    })
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';')
      const separator = pair.indexOf('=')
      this.cookies.set(pair.slice(0, separator), pair.slice(separator + 1))
    }
    return response
  }

  get(path: string) {
    return this.fetch(path)
  }

  /** Submits a form the way the page would: the CSRF token taken from `fromPage`. */
  async post(path: string, fields: Record<string, string>, fromPage = '/login') {
    const answer = await this.get(fromPage)
    const page = await answer.text()
    const csrf = page.match(/name='_csrf' value='([^']+)'/)?.[1]
    if (!csrf)
      throw new Error(`no CSRF token on ${fromPage} (${answer.status}): ${page.slice(0, 300)}`)
    return this.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ _csrf: csrf, ...fields }).toString(),
    })
  }

  async login(email: string, password = WORLD_PASSWORD) {
    const response = await this.post('/login', { email, password })
    return { status: response.status, location: String(response.headers.get('location')) }
  }
}

/** Where a page request ends: 200, or the address it is sent to. */
async function reach(browser: Browser, path: string) {
  const response = await browser.get(path)
  return response.status === 200 ? 200 : String(response.headers.get('location'))
}

test.group(
  'Sessions that end: logout, password change, suspension (server-side store)',
  (group) => {
    let market: DedicatedMarket
    let server: ChildServer
    group.setup(async () => {
      market = await dedicatedMarket('sessions')
      // The store is the default one (no SESSION_DRIVER), as an operator's `npm start` has it.
      // DEV_MODE: the pages' assets from Vite's dev server (the suite runs without a production build).
      server = await startServer(market, { SESSION_DRIVER: '', REDIS_URL: '', DEV_MODE: 'true' })
      return async () => {
        await server.kill()
        await market.drop()
      }
    })
    group.each.timeout(90_000)

    test('a session cookie copied before logout opens nothing afterwards, and the server no longer holds the session', async ({
      assert,
    }) => {
      const browser = new Browser(server.url)
      const login = await browser.login('agency1@demo.example.com')
      assert.equal(login.status, 302)
      assert.equal(login.location, '/dashboard')
      assert.equal(await reach(browser, '/dashboard/agency'), 200)
      const thief = browser.copy()
      assert.equal(await reach(thief, '/dashboard/agency'), 200, 'the copy works while logged in')

      const logout = await browser.post('/logout', {}, '/dashboard/agency')
      assert.equal(logout.status, 302)
      assert.equal(await reach(thief, '/dashboard/agency'), '/login')
      assert.equal(await reach(browser, '/dashboard/agency'), '/login')

      // The sessions live in the market's database (the default store).
      const held = await market.client.from('sessions').count('* as n').first()
      assert.isAbove(Number(held.n), 0)
    })

    test("after a password change the user's other sessions end; the session that changed it goes on, and the new password logs in", async ({
      assert,
    }) => {
      const email = 'agency2@demo.example.com'
      const laptop = new Browser(server.url)
      const phone = new Browser(server.url)
      await laptop.login(email)
      await phone.login(email)
      const copied = laptop.copy()
      assert.equal(await reach(phone, '/dashboard/agency'), 200)

      // A wrong current password changes nothing.
      const wrong = await laptop.post(
        '/account/password',
        {
          currentPassword: 'not-my-password',
          password: 'a-new-password-2026',
          passwordConfirmation: 'a-new-password-2026',
        },
        '/account/password'
      )
      assert.equal(wrong.status, 302)
      assert.equal(await reach(phone, '/dashboard/agency'), 200)

      const changed = await laptop.post(
        '/account/password',
        {
          currentPassword: WORLD_PASSWORD,
          password: 'a-new-password-2026',
          passwordConfirmation: 'a-new-password-2026',
        },
        '/account/password'
      )
      assert.equal(changed.status, 302)
      assert.equal(await reach(laptop, '/dashboard/agency'), 200, 'the changing session goes on')
      assert.equal(await reach(phone, '/dashboard/agency'), '/login')
      assert.equal(await reach(copied, '/dashboard/agency'), '/login', 'a copy of the old cookie')

      assert.notEqual(
        (await new Browser(server.url).login(email)).location,
        '/dashboard',
        'old password'
      )
      assert.equal(
        (await new Browser(server.url).login(email, 'a-new-password-2026')).location,
        '/dashboard'
      )
    })

    test("a regulator's suspension ends every session and API token of the user; a suspended user can neither log in nor obtain a token, until reinstated", async ({
      assert,
    }) => {
      const email = 'agency3@demo.example.com'
      const user = await market.client.from('users').where('email', email).firstOrFail()
      const first = new Browser(server.url)
      const second = new Browser(server.url)
      await first.login(email)
      await second.login(email)
      const tokenAnswer = await fetch(`${server.url}/api/v1/auth/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept': 'application/json' },
        body: JSON.stringify({ email, password: WORLD_PASSWORD }),
      })
      assert.equal(tokenAnswer.status, 200)
      const { token } = (await tokenAnswer.json()) as { token: string }
      const me = () =>
        fetch(`${server.url}/api/v1/me`, {
          headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
        })
      assert.equal((await me()).status, 200)

      // An agency cannot suspend anyone.
      await first.post(`/accounts/${user.id}/suspend`, { reason: '试图停用' }, '/dashboard/agency')
      const untouched = await market.client.from('users').where('id', user.id).firstOrFail()
      assert.isNull(untouched.suspended_at)
      assert.equal(await reach(first, '/dashboard/agency'), 200)

      const regulator = new Browser(server.url)
      assert.equal((await regulator.login('regulator@demo.example.com')).location, '/dashboard')
      assert.equal(await reach(regulator, `/accounts?q=${encodeURIComponent(email)}`), 200)
      const suspension = await regulator.post(
        `/accounts/${user.id}/suspend`,
        { reason: '出具虚假报告，暂停账户' },
        '/accounts'
      )
      assert.equal(suspension.status, 302)
      assert.equal(suspension.headers.get('location'), '/accounts')

      assert.equal(await reach(first, '/dashboard/agency'), '/login')
      assert.equal(await reach(second, '/dashboard/agency'), '/login')
      assert.equal((await me()).status, 401, 'the API token was deleted')
      const tokens = await market.client.from('auth_access_tokens').where('tokenable_id', user.id)
      assert.lengthOf(tokens, 0)

      // Logging in again is refused with the reason; so is a new token.
      const again = new Browser(server.url)
      assert.notEqual((await again.login(email)).location, '/dashboard')
      assert.include(await (await again.get('/login')).text(), '该账户已被停用')
      const newToken = await fetch(`${server.url}/api/v1/auth/tokens`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'accept': 'application/json' },
        body: JSON.stringify({ email, password: WORLD_PASSWORD }),
      })
      assert.equal(newToken.status, 403)
      assert.equal(((await newToken.json()) as any).errors[0].code, 'E_ACCOUNT_SUSPENDED')

      // Reinstated: the user logs in again (the old sessions stay ended).
      const reinstatement = await regulator.post(`/accounts/${user.id}/reinstate`, {}, '/accounts')
      assert.equal(reinstatement.status, 302)
      assert.equal((await new Browser(server.url).login(email)).location, '/dashboard')
      assert.equal(await reach(first, '/dashboard/agency'), '/login')

      const audit = await market.client
        .from('audit_events')
        .where('subject_type', 'user')
        .where('subject_id', String(user.id))
        .whereIn('action', ['account.suspended', 'account.reinstated'])
        .orderBy('id')
        .select('action')
      assert.deepEqual(
        audit.map((row: any) => row.action),
        ['account.suspended', 'account.reinstated']
      )
    })
  }
)
