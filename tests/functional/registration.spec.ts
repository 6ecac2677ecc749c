import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import Organization from '#models/organization'
import User from '#models/user'
import { registrationPayload } from '#tests/helpers'

test.group('Registration through the page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the form is in Chinese and offers both roles', async ({ client }) => {
    const response = await client.get('/register')
    response.assertStatus(200)
    response.assertTextIncludes('注册账户')
    response.assertTextIncludes('统一社会信用代码')
    response.assertTextIncludes('name="role" value="agency"')
  })

  test('an {$self} registers, is logged in and lands on its dashboard')
    .with(['owner', 'agency'])
    .run(async ({ client, assert }, role) => {
      const payload = registrationPayload({ role })
      const response = await client.post('/register').form(payload).withCsrfToken().redirects(0)

      response.assertStatus(302)
      response.assertHeader('location', '/dashboard')
      const user = await User.findByOrFail('email', payload.email)
      assert.equal(user.role, role)
      assert.notEqual(user.password, payload.password)
      assert.match(user.password, /^\$scrypt\$/)
      const organization = await Organization.findOrFail(user.organizationId)
      assert.equal(organization.kind, role)
      assert.equal(organization.uscc, payload.uscc)

      const dashboard = await client.get(`/dashboard/${role}`).loginAs(user)
      dashboard.assertStatus(200)
      dashboard.assertTextIncludes(organization.name)
    })

  test('a duplicate USCC and a duplicate e-mail re-render the form with field errors', async ({
    client,
    assert,
  }) => {
    const first = registrationPayload()
    await client.post('/register').form(first).withCsrfToken()

    const second = registrationPayload({ uscc: first.uscc, email: first.email })
    const response = await client
      .post('/register')
      .header('referer', '/register')
      .form(second)
      .withCsrfToken()
      .redirects(0)

    response.assertStatus(302)
    response.assertHeader('location', '/register')
    response.assertFlashMessage('inputErrorsBag', {
      uscc: ['该统一社会信用代码已被注册'],
      email: ['该电子邮箱已被注册'],
    })
    assert.lengthOf(await Organization.query().where('uscc', first.uscc), 1)
  })

  test('the re-rendered form shows each message beside its field, with the input kept', async ({
    client,
  }) => {
    const payload = registrationPayload({ uscc: '914403001922038217', phone: '12345' })
    const response = await client
      .post('/register')
      .header('referer', '/register')
      .form(payload)
      .withCsrfToken()

    response.assertStatus(200)
    response.assertTextIncludes('统一社会信用代码第 18 位校验码不正确，请核对')
    response.assertTextIncludes('请输入手机号码或带区号的固定电话')
    response.assertTextIncludes(`value="${payload.orgName}"`)
    response.assertTextIncludes('aria-invalid="true"')
  })

  test('a form POST without a CSRF token is refused and creates nothing', async ({
    client,
    assert,
  }) => {
    const payload = registrationPayload()
    const response = await client
      .post('/register')
      .header('referer', '/register')
      .form(payload)
      .redirects(0)

    response.assertStatus(302)
    response.assertFlashMessage('errorsBag', { E_BAD_CSRF_TOKEN: '页面已过期，请刷新后重新提交' })
    assert.isNull(await User.findBy('email', payload.email))
    assert.isNull(await Organization.findBy('uscc', payload.uscc))
  })
})

test.group('Registration through the API', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('POST /api/v1/auth/register answers 201 with the user, organisation and a working token', async ({
    client,
    assert,
  }) => {
    const payload = registrationPayload({ role: 'agency', region: '500000' })
    const response = await client.post('/api/v1/auth/register').json(payload)

    response.assertStatus(201)
    const body = response.body()
    assert.containsSubset(body, {
      user: { email: payload.email, role: 'agency' },
      organization: { name: payload.orgName, uscc: payload.uscc },
    })
    assert.notProperty(body.user, 'password')
    assert.match(body.token, /^mkt_/)

    const me = await client.get('/api/v1/me').bearerToken(body.token)
    me.assertStatus(200)
    assert.equal(me.body().organization.uscc, payload.uscc)
  })

  test('a bad USCC answers 422 naming the field uscc and the defect', async ({
    client,
    assert,
  }) => {
    const response = await client
      .post('/api/v1/auth/register')
      .json(registrationPayload({ uscc: '914403001922038226' }))

    response.assertStatus(422)
    const errors = response.body().errors
    assert.deepInclude(errors, {
      field: 'uscc',
      rule: 'uscc.orgCodeCheck',
      message: '统一社会信用代码第 9–17 位（组织机构代码）校验位不正确，请核对',
    })
  })

  test('messages follow Accept-Language: English when asked', async ({ client, assert }) => {
    const response = await client
      .post('/api/v1/auth/register')
      .header('accept-language', 'en')
      .json(registrationPayload({ uscc: 'ABC' }))

    response.assertStatus(422)
    assert.deepInclude(response.body().errors, {
      field: 'uscc',
      rule: 'uscc.length',
      message: 'A unified social credit code has 18 characters',
    })
  })

  test('duplicates answer 422 on uscc and email, and nothing is half-written', async ({
    client,
    assert,
  }) => {
    const first = registrationPayload()
    const created = await client.post('/api/v1/auth/register').json(first)
    created.assertStatus(201)

    const response = await client
      .post('/api/v1/auth/register')
      .json(registrationPayload({ uscc: first.uscc, email: first.email }))
    response.assertStatus(422)
    const fields = response.body().errors.map((error: { field: string }) => error.field)
    assert.sameMembers(fields, ['uscc', 'email'])
    assert.lengthOf(await User.query().where('email', first.email), 1)
  })

  test('a short password, an unknown role and a bad region are refused', async ({
    client,
    assert,
  }) => {
    const response = await client
      .post('/api/v1/auth/register')
      .json(registrationPayload({ password: 'short', role: 'regulator', region: '999999' }))
    response.assertStatus(422)
    const fields = response.body().errors.map((error: { field: string }) => error.field)
    assert.sameMembers(fields, ['password', 'role', 'region'])
  })

  test('a body that is not JSON answers 4xx in the error shape, never 500', async ({
    client,
    assert,
  }) => {
    const response = await client
      .post('/api/v1/auth/register')
      .header('content-type', 'application/json')
      .unsafeJson('{"role": ')
    assert.isAtLeast(response.status(), 400)
    assert.isBelow(response.status(), 500)
    assert.isArray(response.body().errors)
  })
})
