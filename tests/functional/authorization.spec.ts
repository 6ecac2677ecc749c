import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUserWithRole } from '#database/factories/account_factories'
import { ROLES } from '#domain/roles'

test.group('Role areas', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('each role opens its own dashboard')
    .with([...ROLES])
    .run(async ({ client }, role) => {
      const user = await createUserWithRole(role)
      const response = await client.get(`/dashboard/${role}`).loginAs(user)
      response.assertStatus(200)
      response.assertTextIncludes(user.email)
    })

  test('an agency gets the 403 page on the owner-only dashboard', async ({ client, assert }) => {
    const agency = await createUserWithRole('agency')
    const response = await client.get('/dashboard/owner').loginAs(agency)
    response.assertStatus(403)
    response.assertTextIncludes('无权访问')
    assert.notInclude(response.text(), agency.email + '</dd>')
  })

  test('an owner gets 403 on the regulator and admin dashboards', async ({ client }) => {
    const owner = await createUserWithRole('owner')
    const regulatorArea = await client.get('/dashboard/regulator').loginAs(owner)
    regulatorArea.assertStatus(403)
    const adminArea = await client.get('/dashboard/admin').loginAs(owner)
    adminArea.assertStatus(403)
  })

  test('an agency gets 403 in the error shape on a regulator API route', async ({ client }) => {
    const agency = await createUserWithRole('agency')
    const response = await client
      .get('/api/v1/regulator/organizations')
      .withGuard('api')
      .loginAs(agency)
    response.assertStatus(403)
    response.assertBody({
      errors: [{ code: 'E_AUTHORIZATION_FAILURE', message: '您的账户无权访问此页面或执行此操作' }],
    })
  })

  test('a regulator lists organisations page by page, filtered by kind', async ({
    client,
    assert,
  }) => {
    const regulator = await createUserWithRole('regulator')
    await createUserWithRole('agency')
    await createUserWithRole('agency')
    const response = await client
      .get('/api/v1/regulator/organizations')
      .qs({ kind: 'agency', perPage: 1 })
      .withGuard('api')
      .loginAs(regulator)
    response.assertStatus(200)
    const body = response.body()
    assert.lengthOf(body.data, 1)
    assert.equal(body.data[0].kind, 'agency')
    assert.deepEqual(body.meta, { total: 2, page: 1, perPage: 1 })
  })

  test('a bad filter answers 422, not 500', async ({ client, assert }) => {
    const regulator = await createUserWithRole('regulator')
    const response = await client
      .get('/api/v1/regulator/organizations')
      .qs({ kind: 'pirate', page: -1 })
      .withGuard('api')
      .loginAs(regulator)
    response.assertStatus(422)
    const fields = response.body().errors.map((error: { field: string }) => error.field)
    assert.sameMembers(fields, ['kind', 'page'])
  })

  test('an unknown API address answers 404 in the error shape', async ({ client }) => {
    const response = await client.get('/api/v1/no-such-thing')
    response.assertStatus(404)
    response.assertBody({ errors: [{ code: 'E_ROUTE_NOT_FOUND', message: '找不到该地址' }] })
  })

  test('an unknown page answers the translated 404 page', async ({ client }) => {
    const response = await client.get('/no-such-page')
    response.assertStatus(404)
    response.assertTextIncludes('页面不存在')
  })
})
