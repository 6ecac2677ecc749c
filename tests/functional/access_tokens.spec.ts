// Answers are read where they arrive: `(await client.get(…)).assertStatus(…)`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import User from '#models/user'
import { createUserWithRole } from '#database/factories/account_factories'

/** A token's plain value, as its user would paste it. */
async function plainToken(user: User, abilities: string[]) {
  const token = await User.accessTokens.create(user, abilities)
  return token.value!.release()
}

test.group('Access tokens (page /account/tokens)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('any signed-in user creates a token with a name and scopes; the plain token is flashed once and works at once', async ({
    client,
    assert,
  }) => {
    const user = await createUserWithRole('regulator')
    const response = await client
      .post('/account/tokens')
      .form({ 'name': '审批系统对接', 'abilities[]': ['read'], 'expiresInDays': 30 })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/account/tokens')
    const flashed = response.flashMessages().newToken as { name: string; value: string }
    assert.equal(flashed.name, '审批系统对接')
    assert.match(flashed.value, /^mkt_/)

    const shownOnce = await client
      .get('/account/tokens')
      .loginAs(user)
      .withFlashMessages({ newToken: flashed })
    shownOnce.assertTextIncludes(flashed.value)
    const later = await client.get('/account/tokens').loginAs(user)
    later.assertStatus(200)
    later.assertTextIncludes('审批系统对接')
    later.assertTextIncludes('从未使用')
    assert.notInclude(later.text(), flashed.value)

    const me = await client.get('/api/v1/me').bearerToken(flashed.value)
    me.assertStatus(200)
    const [token] = await User.accessTokens.all(user)
    assert.deepEqual(token.abilities, ['read'])
    assert.isAbove(token.expiresAt!.getTime(), Date.now() + 29 * 86_400_000)
    assert.isBelow(token.expiresAt!.getTime(), Date.now() + 31 * 86_400_000)
  })

  test('the form is refused without a scope or a name, and a guest is sent to log in', async ({
    client,
    assert,
  }) => {
    const user = await createUserWithRole('owner')
    const response = await client
      .post('/account/tokens')
      .header('referer', '/account/tokens')
      .form({ name: '', expiresInDays: 90 })
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    response.assertStatus(302)
    const errors = response.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.properties(errors, ['name', 'abilities'])
    assert.lengthOf(await User.accessTokens.all(user), 0)

    const guest = await client.get('/account/tokens').redirects(0)
    guest.assertHeader('location', '/login')
  })

  test('revoking a token on the page refuses its next API call with 401; another user cannot revoke it', async ({
    client,
    assert,
  }) => {
    const user = await createUserWithRole('agency')
    const stranger = await createUserWithRole('agency')
    const token = await User.accessTokens.create(user, ['read', 'write'], { name: 'erp' })
    const plain = token.value!.release()

    const refused = await client
      .post(`/account/tokens/${token.identifier}/revoke`)
      .loginAs(stranger)
      .withCsrfToken()
      .redirects(0)
    refused.assertFlashMessage('error', '找不到该令牌。')
    const stillValid = await client.get('/api/v1/me').bearerToken(plain)
    stillValid.assertStatus(200)

    const revoked = await client
      .post(`/account/tokens/${token.identifier}/revoke`)
      .loginAs(user)
      .withCsrfToken()
      .redirects(0)
    revoked.assertFlashMessage('success', '令牌已撤销，使用它的请求将立即被拒绝。')
    const after = await client.get('/api/v1/me').bearerToken(plain)
    after.assertStatus(401)
    assert.equal(after.body().errors[0].code, 'E_UNAUTHORIZED_ACCESS')
  })
})

test.group('Access tokens (API /api/v1/tokens)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a login token creates a token (read and write for 90 days by default), lists it without secrets and revokes it at once', async ({
    client,
    assert,
  }) => {
    const user = await createUserWithRole('owner')
    const loginToken = await plainToken(user, ['*'])

    const created = await client
      .post('/api/v1/tokens')
      .bearerToken(loginToken)
      .json({ name: 'project-sync' })
    created.assertStatus(201)
    assert.containsSubset(created.body(), { name: 'project-sync', abilities: ['read', 'write'] })
    assert.match(created.body().token, /^mkt_/)
    const days = (Date.parse(created.body().expiresAt) - Date.now()) / 86_400_000
    assert.closeTo(days, 90, 0.1)

    const list = await client.get('/api/v1/tokens').bearerToken(created.body().token)
    list.assertStatus(200)
    assert.lengthOf(list.body().data, 2)
    const mine = list.body().data.find((row: any) => row.id === created.body().id)
    assert.isTrue(mine.current)
    assert.isNotNull(mine.lastUsedAt)
    assert.notProperty(mine, 'token')
    assert.notProperty(mine, 'hash')

    const revoked = await client
      .delete(`/api/v1/tokens/${created.body().id}`)
      .bearerToken(loginToken)
    revoked.assertStatus(204)
    const withRevoked = await client.get('/api/v1/me').bearerToken(created.body().token)
    withRevoked.assertStatus(401)
    const withLogin = await client.get('/api/v1/me').bearerToken(loginToken)
    withLogin.assertStatus(200)
  })

  test('a read-only token reads but every state-changing call is refused with 403 naming the scope', async ({
    client,
    assert,
  }) => {
    const user = await createUserWithRole('owner')
    const readOnly = await plainToken(user, ['read'])

    const reads = await client.get('/api/v1/tokens').bearerToken(readOnly)
    reads.assertStatus(200)
    const refused = await client.post('/api/v1/tokens').bearerToken(readOnly).json({ name: 'more' })
    refused.assertStatus(403)
    assert.deepEqual(refused.body(), {
      errors: [
        { code: 'E_INSUFFICIENT_SCOPE', message: '此访问令牌没有“write”权限，不能执行此操作' },
      ],
    })
    refused.assertHeader('www-authenticate', 'Bearer error="insufficient_scope", scope="write"')
    const project = await client
      .post('/api/v1/projects')
      .bearerToken(readOnly)
      .header('accept-language', 'en')
      .json({})
    project.assertStatus(403)
    assert.include(project.body().errors[0].message, 'lacks the "write" scope')
    assert.lengthOf(await User.accessTokens.all(user), 1)
  })

  test("bad input answers 422, and another user's token cannot be revoked (404)", async ({
    client,
    assert,
  }) => {
    const user = await createUserWithRole('agency')
    const other = await createUserWithRole('agency')
    const token = await plainToken(user, ['*'])
    const othersToken = await User.accessTokens.create(other, ['*'])

    const invalid = await client
      .post('/api/v1/tokens')
      .bearerToken(token)
      .json({ name: 'x', abilities: ['admin'], expiresInDays: 1000 })
    invalid.assertStatus(422)
    const fields = invalid.body().errors.map((error: any) => error.field)
    assert.includeMembers(fields, ['abilities.0', 'expiresInDays'])

    const notMine = await client
      .delete(`/api/v1/tokens/${othersToken.identifier}`)
      .bearerToken(token)
    notMine.assertStatus(404)
    assert.equal(notMine.body().errors[0].code, 'E_ROW_NOT_FOUND')
    assert.lengthOf(await User.accessTokens.all(other), 1)
  })
  test('"last used" is written at the first use and then at most once a minute, not on every request', async ({
    client,
    assert,
  }) => {
    const user = await createUserWithRole('agency')
    const token = await User.accessTokens.create(user, ['*'])
    const lastUsed = async () => {
      const row = await db.from('auth_access_tokens').where('id', Number(token.identifier)).first()
      return row.last_used_at === null ? null : new Date(row.last_used_at).getTime()
    }
    assert.isNull(await lastUsed())

    ;(await client.get('/api/v1/me').bearerToken(token.value!.release())).assertStatus(200)
    const first = await lastUsed()
    assert.isNotNull(first)
    ;(await client.get('/api/v1/me').bearerToken(token.value!.release())).assertStatus(200)
    assert.equal(await lastUsed(), first, 'a second use within the minute writes nothing')

    // Two minutes ago: the next use writes the time again.
    const twoMinutesAgo = new Date(Date.now() - 120_000)
    await db
      .from('auth_access_tokens')
      .where('id', Number(token.identifier))
      .update({ last_used_at: twoMinutesAgo })
    ;(await client.get('/api/v1/me').bearerToken(token.value!.release())).assertStatus(200)
    assert.isAbove((await lastUsed())!, twoMinutesAgo.getTime() + 60_000)
  })
})
