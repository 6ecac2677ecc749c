import { test } from '@japa/runner'
import router from '@adonisjs/core/services/router'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import emitter from '@adonisjs/core/services/emitter'
import { HttpContextFactory } from '@adonisjs/core/factories/http'
import sessionConfig from '#config/session'
import { createUserWithRole, TEST_PASSWORD } from '#database/factories/account_factories'

/*
 * Security checks that no other file makes: every state-changing
 * form refuses a request without its CSRF token, the session id changes at
 * login, the login lockout does not tell whether an e-mail exists, and a
 * request without the session cookie costs the session store nothing.
 */

/**
 * The header's language and care-mode switches only set a preference cookie of
 * the visitor: they take no token, so that a guest's page needs no session.
 */
const PREFERENCE_SWITCHES = ['/locale', '/care-mode']

/** Every non-API route that changes state, with its parameters filled in. */
function stateChangingPages() {
  return Object.values(router.toJSON())
    .flat()
    .filter((route) => !route.pattern.startsWith('/api/'))
    .filter((route) => !PREFERENCE_SWITCHES.includes(route.pattern))
    .flatMap((route) =>
      route.methods
        .filter((method) => ['POST', 'PUT', 'PATCH', 'DELETE'].includes(method))
        .map((method) => ({
          method,
          path: route.pattern.replace(/:(\w+)\??/g, '1').replace(/\*/g, 'x'),
        }))
    )
}

test.group('Security checks: CSRF, sessions, lockout', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('every state-changing form route refuses a request without its CSRF token: 302 back with E_BAD_CSRF_TOKEN', async ({
    client,
    assert,
  }) => {
    const routes = stateChangingPages()
    assert.isAbove(routes.length, 40)
    assert.deepInclude(routes, { method: 'POST', path: '/login' })
    const regulator = await createUserWithRole('regulator')
    for (const { method, path } of routes) {
      const response = await client
        .request(path, method as any)
        .header('referer', '/dashboard')
        .form({ reason: 'x', password: TEST_PASSWORD })
        .loginAs(regulator)
        .redirects(0)
      assert.equal(response.status(), 302, `${method} ${path}`)
      assert.equal(response.header('location'), '/dashboard', `${method} ${path}`)
      assert.property(
        response.flashMessage('errorsBag') ?? {},
        'E_BAD_CSRF_TOKEN',
        `${method} ${path} was not refused for its missing CSRF token`
      )
    }
  }).timeout(60_000)

  test('logging in issues a new session id (no session fixation); a failed attempt keeps the old one', async ({
    client,
    assert,
  }) => {
    const user = await createUserWithRole('owner')
    const failed = client
      .post('/login')
      .header('referer', '/login')
      .form({ email: user.email, password: 'not-the-password' })
      .withCsrfToken()
      .redirects(0)
    const failedSessionId = (failed as any).sessionClient.sessionId as string
    const failedAnswer = await failed
    assert.equal(failedAnswer.cookie('market-session')?.value, failedSessionId)

    const login = client
      .post('/login')
      .form({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    const sessionIdBefore = (login as any).sessionClient.sessionId as string
    const answer = await login
    answer.assertHeader('location', '/dashboard')
    const sessionIdAfter = answer.cookie('market-session')?.value
    assert.isString(sessionIdAfter)
    assert.notEqual(sessionIdAfter, sessionIdBefore)
  })

  test('the lockout after five failures looks the same for an unknown e-mail and for an existing account', async ({
    client,
    assert,
  }) => {
    const user = await createUserWithRole('owner')
    const lockOut = async (email: string) => {
      for (let attempt = 1; attempt <= 5; attempt++) {
        const failure = await client
          .post('/login')
          .header('referer', '/login')
          .form({ email, password: `wrong-${attempt}` })
          .withCsrfToken()
          .redirects(0)
        failure.assertStatus(302)
        failure.assertFlashMessage('error', '邮箱或密码不正确')
      }
      return client
        .post('/login')
        .form({ email, password: 'wrong-again' })
        .withCsrfToken()
        .redirects(0)
    }
    const known = await lockOut(user.email)
    const unknown = await lockOut('nobody-here@test.example.com')
    assert.equal(known.status(), 429)
    assert.equal(unknown.status(), 429)
    // The message names the time to retry; the two lockouts began a moment
    // apart, so that time may differ by a minute: compare the words around it.
    const message = (text: string) =>
      text.match(/登录失败次数过多[^<]*/)?.[0].replace(/[\d\s/:年月日-]+/g, ' ')
    assert.isString(message(known.text()))
    assert.equal(message(unknown.text()), message(known.text()))

    // The API answers both alike too.
    const apiAnswer = async (email: string) => {
      const response = await client
        .post('/api/v1/auth/tokens')
        .json({ email, password: 'wrong-password' })
      return { status: response.status(), body: response.body() }
    }
    const agency = await createUserWithRole('agency')
    assert.deepEqual(
      await apiAnswer('nobody-at-all@test.example.com'),
      await apiAnswer(agency.email)
    )
  })
})

test.group('Security checks: the session store', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a request without the session cookie asks the store nothing; one with it reads its session', async ({
    assert,
  }) => {
    const config = await sessionConfig.resolver(app)
    const factory = config.stores.database
    const statements: string[] = []
    const count = (query: { sql: string }) => statements.push(query.sql)
    emitter.on('db:query', count)
    try {
      const guest = new HttpContextFactory().create()
      assert.isNull(await factory(guest, config).read('fresh-id-of-a-guest'))
      assert.lengthOf(statements, 0, 'a guest costs the sessions table nothing')

      const returning = new HttpContextFactory().create()
      returning.request.cookie = ((name: string) =>
        name === config.cookieName ? 'kept-id' : undefined) as typeof returning.request.cookie
      const store = factory(returning, config)
      await store.write('kept-id', { locale: 'en' })
      assert.deepEqual(await store.read('kept-id'), { locale: 'en' })
      assert.isTrue(statements.some((sql) => /from [`"]?sessions/i.test(sql)))
    } finally {
      emitter.off('db:query', count)
    }
  })
})
