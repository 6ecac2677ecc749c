import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUserWithRole, TEST_PASSWORD } from '#database/factories/account_factories'

test.group('Security basics', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('pages carry the security headers', async ({ client }) => {
    const response = await client.get('/')
    response.assertHeader('x-frame-options', 'DENY')
    response.assertHeader('x-content-type-options', 'nosniff')
    response.assertHeader('strict-transport-security', 'max-age=15552000')
  })

  test('API answers open no session and set no cookie, and keep HSTS and nosniff', async ({
    client,
    assert,
  }) => {
    const agency = await createUserWithRole('agency')
    const answers = [
      await client.get('/api/v1/agencies'),
      await client.get('/api/v1/bids/mine').withGuard('api').loginAs(agency),
    ]
    for (const answer of answers) {
      answer.assertStatus(200)
      assert.isUndefined(answer.header('set-cookie'))
      answer.assertHeader('x-content-type-options', 'nosniff')
      answer.assertHeader('strict-transport-security', 'max-age=15552000')
    }
  })

  test('the Content-Security-Policy allows scripts from this origin only: no inline script, no eval', async ({
    client,
    assert,
  }) => {
    const home = await client.get('/')
    const policy = String(home.header('content-security-policy'))
    const scripts = policy.split(';').find((directive) => directive.trim().startsWith('script-src'))
    assert.exists(scripts)
    assert.include(scripts!, "'self'")
    assert.notInclude(scripts!, 'unsafe-inline')
    assert.notInclude(scripts!, 'unsafe-eval')
    assert.include(policy, "object-src 'none'")
    assert.include(policy, "frame-ancestors 'none'")
  })

  test('the session cookie is HttpOnly and SameSite=Lax, and a new one is issued at login', async ({
    client,
    assert,
  }) => {
    const user = await createUserWithRole('owner')
    const before = await client.get('/login')
    const sessionBefore = before.cookie('market-session')

    const login = await client
      .post('/login')
      .form({ email: user.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    const setCookies = ([] as string[]).concat(login.header('set-cookie') ?? [])
    const sessionCookie = setCookies.find((cookie) => cookie.startsWith('market-session='))
    assert.exists(sessionCookie)
    assert.match(sessionCookie!, /HttpOnly/i)
    assert.match(sessionCookie!, /SameSite=Lax/i)
    assert.notEqual(login.cookie('market-session')?.value, sessionBefore?.value)
  })

  test('stored passwords are scrypt hashes, never the password', async ({ assert }) => {
    const user = await createUserWithRole('agency')
    assert.match(user.password, /^\$scrypt\$/)
    assert.notInclude(user.password, TEST_PASSWORD)
  })
})
