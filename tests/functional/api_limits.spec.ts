import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import limiter from '@adonisjs/limiter/services/main'
import apiConfig from '#config/api'
import User from '#models/user'
import { createUserWithRole } from '#database/factories/account_factories'

async function plainToken(user: User) {
  const token = await User.accessTokens.create(user, ['*'])
  return token.value!.release()
}

test.group('API rate limits', (group) => {
  const configured = { ...apiConfig.rateLimit }
  group.each.setup(async () => {
    apiConfig.rateLimit.perTokenPerMinute = 3
    apiConfig.rateLimit.perIpPerMinute = 2
    await limiter.clear()
    const rollback = await testUtils.db().withGlobalTransaction()
    return async () => {
      Object.assign(apiConfig.rateLimit, configured)
      await limiter.clear()
      await rollback()
    }
  })

  test('a token over its budget gets 429 with Retry-After in the error shape; another token is unaffected', async ({
    client,
    assert,
  }) => {
    const user = await createUserWithRole('owner')
    const busy = await plainToken(user)
    const calm = await plainToken(user)
    for (let call = 1; call <= 3; call++) {
      const response = await client.get('/api/v1/me').bearerToken(busy)
      response.assertStatus(200)
      response.assertHeader('x-ratelimit-remaining', String(3 - call))
    }

    const refused = await client.get('/api/v1/me').bearerToken(busy)
    refused.assertStatus(429)
    assert.equal(refused.body().errors[0].code, 'E_TOO_MANY_REQUESTS')
    assert.isString(refused.body().errors[0].message)
    const retryAfter = Number(refused.header('retry-after'))
    assert.isAbove(retryAfter, 0)
    assert.isAtMost(retryAfter, 60)

    const other = await client.get('/api/v1/me').bearerToken(calm)
    other.assertStatus(200)
  })

  test('without a valid token the budget is per IP address, and a forged token counts there too', async ({
    client,
  }) => {
    const first = await client.get('/api/v1/service-items')
    first.assertStatus(200)
    const forged = await client.get('/api/v1/me').bearerToken('mkt_MQ.forged')
    forged.assertStatus(401)
    const refused = await client.get('/api/v1/service-items')
    refused.assertStatus(429)

    const user = await createUserWithRole('agency')
    const withToken = await client.get('/api/v1/service-items').bearerToken(await plainToken(user))
    withToken.assertStatus(200)
  })
})

test.group('CORS', () => {
  test('CORS is off: neither a cross-origin request nor a preflight gets Access-Control headers', async ({
    client,
    assert,
  }) => {
    const simple = await client
      .get('/api/v1/service-items')
      .header('origin', 'https://elsewhere.example')
    simple.assertStatus(200)
    assert.notProperty(simple.headers(), 'access-control-allow-origin')

    const preflight = await client
      .options('/api/v1/tokens')
      .header('origin', 'https://elsewhere.example')
      .header('access-control-request-method', 'POST')
    assert.notProperty(preflight.headers(), 'access-control-allow-origin')
    assert.notProperty(preflight.headers(), 'access-control-allow-methods')
  })
})
