import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUserWithRole, TEST_PASSWORD } from '#database/factories/account_factories'

test.group('Logging in and out (pages)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a user logs in with e-mail and password and reaches the dashboard of its role', async ({
    client,
  }) => {
    const user = await createUserWithRole('agency')
    const response = await client
      .post('/login')
      .form({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/dashboard')

    const dashboard = await client.get('/dashboard').loginAs(user).redirects(0)
    dashboard.assertHeader('location', '/dashboard/agency')
  })

  test('the e-mail is matched whatever its case', async ({ client }) => {
    const user = await createUserWithRole('owner')
    const response = await client
      .post('/login')
      .form({ email: user.email.toUpperCase(), password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    response.assertHeader('location', '/dashboard')
  })

  test('a wrong password is refused with a message that does not reveal whether the account exists', async ({
    client,
  }) => {
    const user = await createUserWithRole('owner')
    const wrongPassword = await client
      .post('/login')
      .header('referer', '/login')
      .form({ email: user.email, password: 'not-the-password' })
      .withCsrfToken()
      .redirects(0)
    wrongPassword.assertStatus(302)
    wrongPassword.assertHeader('location', '/login')
    wrongPassword.assertFlashMessage('error', '邮箱或密码不正确')

    const unknownEmail = await client
      .post('/login')
      .header('referer', '/login')
      .form({ email: 'nobody@test.example.com', password: 'not-the-password' })
      .withCsrfToken()
      .redirects(0)
    unknownEmail.assertFlashMessage('error', '邮箱或密码不正确')
  })

  test('logging out ends the session', async ({ client }) => {
    const user = await createUserWithRole('owner')
    const response = await client.post('/logout').loginAs(user).withCsrfToken().redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/')
    response.assertFlashMessage('success', '您已安全退出。')
  })

  test('a guest who opens a dashboard is sent to the login page', async ({ client }) => {
    const response = await client.get('/dashboard/owner').redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/login')
  })

  test('after five failures within ten minutes the sixth attempt answers 429, even with the right password', async ({
    client,
    assert,
  }) => {
    const user = await createUserWithRole('owner')
    for (let attempt = 1; attempt <= 5; attempt++) {
      const response = await client
        .post('/login')
        .header('referer', '/login')
        .form({ email: user.email, password: `wrong-${attempt}` })
        .withCsrfToken()
        .redirects(0)
      response.assertStatus(302)
    }

    const blocked = await client
      .post('/login')
      .form({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    blocked.assertStatus(429)
    blocked.assertTextIncludes('登录失败次数过多')
    blocked.assertTextIncludes('data-island="countdown"')
    assert.isAbove(Number(blocked.header('retry-after')), 0)
  })
})

test.group('API tokens', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('POST /api/v1/auth/tokens gives a bearer token that opens GET /api/v1/me', async ({
    client,
    assert,
  }) => {
    const user = await createUserWithRole('regulator')
    const response = await client
      .post('/api/v1/auth/tokens')
      .json({ email: user.email, password: TEST_PASSWORD })
    response.assertStatus(200)
    const token = response.body().token

    const me = await client.get('/api/v1/me').bearerToken(token)
    me.assertStatus(200)
    assert.containsSubset(me.body(), { user: { id: user.id, role: 'regulator' } })
    assert.notProperty(me.body().user, 'password')
  })

  test('a wrong password answers 401 with the error shape', async ({ client, assert }) => {
    const user = await createUserWithRole('owner')
    const response = await client
      .post('/api/v1/auth/tokens')
      .json({ email: user.email, password: 'not-the-password' })
    response.assertStatus(401)
    assert.deepEqual(response.body(), {
      errors: [{ code: 'E_INVALID_CREDENTIALS', message: '邮箱或密码不正确' }],
    })
  })

  test('the token endpoint is rate-limited too: 429 with Retry-After', async ({
    client,
    assert,
  }) => {
    const user = await createUserWithRole('owner')
    for (let attempt = 1; attempt <= 5; attempt++) {
      await client.post('/api/v1/auth/tokens').json({ email: user.email, password: 'wrong-one' })
    }
    const response = await client
      .post('/api/v1/auth/tokens')
      .json({ email: user.email, password: TEST_PASSWORD })
    response.assertStatus(429)
    assert.equal(response.body().errors[0].code, 'E_TOO_MANY_REQUESTS')
    assert.isAbove(Number(response.header('retry-after')), 0)
  })

  test('GET /api/v1/me without a token answers 401; with a bad token too', async ({ client }) => {
    const anonymous = await client.get('/api/v1/me')
    anonymous.assertStatus(401)
    anonymous.assertBody({ errors: [{ code: 'E_UNAUTHORIZED_ACCESS', message: '请先登录' }] })

    const forged = await client.get('/api/v1/me').bearerToken('mkt_MQ.forged')
    forged.assertStatus(401)
  })
})
