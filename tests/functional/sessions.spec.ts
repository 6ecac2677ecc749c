// Assertions read best as `(await login(…)).assertStatus(401)`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUserWithRole, TEST_PASSWORD } from '#database/factories/account_factories'
import { throttleSigningPassword } from '#services/password_throttle'
import { requestFrom } from '#tests/helpers'

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

test.group('Password guessing is throttled per account and per address', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  const wrongTokenRequest = (address: string, email: string) =>
    requestFrom(address, 'POST', '/api/v1/auth/tokens', {
      json: { email, password: 'a-wrong-guess' },
    })

  test('a locked account stays locked from every address: after five failures from one address, neither the token endpoint from another address nor the login page take the right password', async ({
    client,
    assert,
  }) => {
    const user = await createUserWithRole('owner')
    for (let attempt = 1; attempt <= 5; attempt++) {
      assert.equal((await wrongTokenRequest('127.0.0.2', user.email)).status, 401)
    }

    const elsewhere = await requestFrom('127.0.0.3', 'POST', '/api/v1/auth/tokens', {
      json: { email: user.email, password: TEST_PASSWORD },
    })
    assert.equal(elsewhere.status, 429)
    assert.equal(elsewhere.body.errors[0].code, 'E_TOO_MANY_REQUESTS')
    assert.isAbove(Number(elsewhere.headers['retry-after']), 0)

    const page = await client
      .post('/login')
      .form({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    page.assertStatus(429)
    page.assertTextIncludes('登录失败次数过多')

    // The lock is the account's: another account logs in from the same address.
    const other = await createUserWithRole('agency')
    const token = await requestFrom('127.0.0.3', 'POST', '/api/v1/auth/tokens', {
      json: { email: other.email, password: TEST_PASSWORD },
    })
    assert.equal(token.status, 200)
  })

  test('one address cannot try many e-mails at the login page: after twenty failures, whatever the e-mails, even a real account with its password is refused there; another address is not', async ({
    client,
    assert,
  }) => {
    const user = await createUserWithRole('owner')
    for (let attempt = 1; attempt <= 20; attempt++) {
      const failure = await client
        .post('/login')
        .header('referer', '/login')
        .form({ email: `guess${attempt}@test.example.com`, password: 'a-wrong-guess' })
        .withCsrfToken()
        .redirects(0)
      failure.assertStatus(302)
    }
    const refused = await client
      .post('/login')
      .form({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    refused.assertStatus(429)
    refused.assertTextIncludes('登录失败次数过多')

    const elsewhere = await requestFrom('127.0.0.2', 'POST', '/api/v1/auth/tokens', {
      json: { email: user.email, password: TEST_PASSWORD },
    })
    assert.equal(elsewhere.status, 200)
  })

  test('one address cannot try many e-mails at the token endpoint either: the twenty-first request answers 429 with Retry-After', async ({
    client,
    assert,
  }) => {
    const user = await createUserWithRole('agency')
    for (let attempt = 1; attempt <= 20; attempt++) {
      const failure = await client
        .post('/api/v1/auth/tokens')
        .json({ email: `guess${attempt}@test.example.com`, password: 'a-wrong-guess' })
      failure.assertStatus(401)
    }
    const refused = await client
      .post('/api/v1/auth/tokens')
      .json({ email: user.email, password: TEST_PASSWORD })
    refused.assertStatus(429)
    assert.equal(refused.body().errors[0].code, 'E_TOO_MANY_REQUESTS')
    assert.isAbove(Number(refused.header('retry-after')), 0)
  })

  test('a right password clears its account’s failures but does not forgive its address the failures against other accounts', async ({
    client,
  }) => {
    const user = await createUserWithRole('owner')
    const login = (email: string, password: string) =>
      client.post('/api/v1/auth/tokens').json({ email, password })
    for (let round = 1; round <= 2; round++) {
      for (let attempt = 1; attempt <= 4; attempt++) {
        ;(await login(user.email, 'a-wrong-guess')).assertStatus(401)
      }
      ;(await login(user.email, TEST_PASSWORD)).assertStatus(200)
    }
    // Eight failures so far from this address; twelve more against others reach its twenty.
    for (let attempt = 1; attempt <= 12; attempt++) {
      ;(await login(`guess${attempt}@test.example.com`, 'a-wrong-guess')).assertStatus(401)
    }
    ;(await login(user.email, TEST_PASSWORD)).assertStatus(429)
  })

  test('one address cannot probe the signing passwords of many users: after twenty wrong passwords there, a further signer is refused at that address only', async ({
    assert,
  }) => {
    const wrong = async () => {
      throw new Error('wrong password')
    }
    for (let userId = 1; userId <= 5; userId++) {
      for (let attempt = 1; attempt <= 4; attempt++) {
        await assert.rejects(() => throttleSigningPassword(userId, '198.51.100.7', wrong))
      }
    }
    const right = async () => 'signed'
    await assert.rejects(
      () => throttleSigningPassword(6, '198.51.100.7', right),
      /Too many requests/
    )
    assert.equal(await throttleSigningPassword(6, '198.51.100.8', right), 'signed')
  })
})
