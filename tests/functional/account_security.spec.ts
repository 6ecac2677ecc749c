/*
 * Password changes and account suspensions through the pages (the session
 * store of the test process; tests/processes/session_revocation.spec.ts
 * replays copied cookies against a server on the database store).
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import User from '#models/user'
import { createUserWithRole, TEST_PASSWORD } from '#database/factories/account_factories'

const NEW_PASSWORD = 'another-password-2026'

test.group("Changing one's password", (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('the password changes and a session started before the change is refused', async ({
    client,
    assert,
  }) => {
    const user = await createUserWithRole('owner')
    const response = await client
      .post('/account/password')
      .form({
        currentPassword: TEST_PASSWORD,
        password: NEW_PASSWORD,
        passwordConfirmation: NEW_PASSWORD,
      })
      .withCsrfToken()
      .loginAs(user)
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/account/password')
    response.assertFlashMessage('success', '密码已修改，其他设备上的登录已全部退出。')

    const changed = await User.findOrFail(user.id)
    assert.isTrue(await hash.verify(changed.password, NEW_PASSWORD))
    assert.equal(changed.sessionEpoch, 1)

    // A session started before the change (loginAs: no epoch of the new password) is logged out.
    const older = await client.get('/dashboard/owner').loginAs(user).redirects(0)
    older.assertStatus(302)
    older.assertHeader('location', '/login')

    const audit = await db
      .from('audit_events')
      .where({ action: 'account.password_changed', subject_id: String(user.id) })
    assert.lengthOf(audit, 1)
  })

  test('a wrong current password or a mismatched confirmation changes nothing and says why', async ({
    client,
    assert,
  }) => {
    const user = await createUserWithRole('agency')
    const wrong = await client
      .post('/account/password')
      .form({
        currentPassword: 'not-my-password',
        password: NEW_PASSWORD,
        passwordConfirmation: NEW_PASSWORD,
      })
      .withCsrfToken()
      .loginAs(user)
      .redirects(0)
    wrong.assertStatus(302)
    wrong.assertFlashMessage('inputErrorsBag', { currentPassword: ['当前密码不正确'] })

    const mismatched = await client
      .post('/account/password')
      .header('referer', '/account/password')
      .form({
        currentPassword: TEST_PASSWORD,
        password: NEW_PASSWORD,
        passwordConfirmation: 'something-else-2026',
      })
      .withCsrfToken()
      .loginAs(user)
      .redirects(0)
    mismatched.assertStatus(302)
    assert.property(mismatched.flashMessages()?.inputErrorsBag ?? {}, 'passwordConfirmation')

    const unchanged = await User.findOrFail(user.id)
    assert.isTrue(await hash.verify(unchanged.password, TEST_PASSWORD))
    assert.equal(unchanged.sessionEpoch, 0)
    const dashboard = await client.get('/dashboard/agency').loginAs(user)
    dashboard.assertStatus(200)
  })

  test('the form shows three password fields', async ({ client }) => {
    const user = await createUserWithRole('agency')
    const page = await client.get('/account/password').loginAs(user)
    page.assertStatus(200)
    page.assertTextIncludes('name="currentPassword"')
    page.assertTextIncludes('name="passwordConfirmation"')
  })
})

test.group('Suspending accounts', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())

  test('a regulator suspends an agency user: its sessions end, its API tokens are deleted, and its next login is refused with the reason', async ({
    client,
    assert,
  }) => {
    const regulator = await createUserWithRole('regulator')
    const agency = await createUserWithRole('agency')
    await User.accessTokens.create(agency, ['*'], { name: 'erp' })

    const list = await client.get('/accounts').qs({ q: agency.email }).loginAs(regulator)
    list.assertStatus(200)
    list.assertTextIncludes(agency.email)

    const response = await client
      .post(`/accounts/${agency.id}/suspend`)
      .form({ reason: '出具虚假报告' })
      .withCsrfToken()
      .loginAs(regulator)
      .redirects(0)
    response.assertStatus(302)
    response.assertHeader('location', '/accounts')

    const suspended = await User.findOrFail(agency.id)
    assert.isNotNull(suspended.suspendedAt)
    assert.equal(suspended.suspensionReason, '出具虚假报告')
    assert.lengthOf(await db.from('auth_access_tokens').where('tokenable_id', agency.id), 0)

    const session = await client.get('/dashboard/agency').loginAs(agency).redirects(0)
    session.assertHeader('location', '/login')

    const login = await client
      .post('/login')
      .header('referer', '/login')
      .form({ email: agency.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    login.assertHeader('location', '/login')
    login.assertFlashMessage('error', '该账户已被停用，如有疑问请联系监管部门。')

    const token = await client
      .post('/api/v1/auth/tokens')
      .json({ email: agency.email, password: TEST_PASSWORD })
    token.assertStatus(403)
    assert.equal(token.body().errors[0].code, 'E_ACCOUNT_SUSPENDED')
  })

  test('a reinstated user logs in again', async ({ client }) => {
    const admin = await createUserWithRole('admin')
    const owner = await createUserWithRole('owner')
    for (const path of ['suspend', 'reinstate']) {
      const response = await client
        .post(`/accounts/${owner.id}/${path}`)
        .form({ reason: '核查中' })
        .withCsrfToken()
        .loginAs(admin)
        .redirects(0)
      response.assertHeader('location', '/accounts')
    }
    const login = await client
      .post('/login')
      .form({ email: owner.email, password: TEST_PASSWORD })
      .withCsrfToken()
      .redirects(0)
    login.assertHeader('location', '/dashboard')
  })

  test('a regulator cannot suspend staff nor itself; an admin cannot suspend itself; owners and agencies cannot suspend anyone', async ({
    client,
    assert,
  }) => {
    const regulator = await createUserWithRole('regulator')
    const otherRegulator = await createUserWithRole('regulator')
    const admin = await createUserWithRole('admin')
    const owner = await createUserWithRole('owner')
    const agency = await createUserWithRole('agency')
    const attempts: [User, User][] = [
      [regulator, otherRegulator],
      [regulator, admin],
      [regulator, regulator],
      [admin, admin],
      [owner, agency],
      [agency, owner],
    ]
    for (const [actor, target] of attempts) {
      const response = await client
        .post(`/accounts/${target.id}/suspend`)
        .header('referer', '/dashboard')
        .form({ reason: '越权停用' })
        .withCsrfToken()
        .loginAs(actor)
        .redirects(0)
      assert.notEqual(response.header('location'), '/accounts', `${actor.role} → ${target.role}`)
    }
    const suspended = await db.from('users').whereNotNull('suspended_at').count('* as n').first()
    assert.equal(Number(suspended.n), 0)
  })
})
