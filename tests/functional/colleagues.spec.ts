import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import mail from '@adonisjs/mail/services/main'
import User from '#models/user'
import { createUserWithRole } from '#database/factories/account_factories'

type FakeMailer = ReturnType<typeof mail.fake>

function mailsTo(mailer: FakeMailer, email: string) {
  return mailer.messages
    .queued()
    .concat(mailer.messages.sent())
    .map((message) => message.toJSON().message)
    .filter((message) =>
      (message.to ?? []).some((to) => (typeof to === 'string' ? to : to.address) === email)
    )
}

test.group('A signatory adds colleagues to the organisation', (group) => {
  let mailer: FakeMailer
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    mailer = mail.fake()
    return () => mail.restore()
  })

  test('the colleague joins with the same organisation and role and sets a password through the e-mailed link', async ({
    client,
    assert,
  }) => {
    const agency = await createUserWithRole('agency')
    const added = await client
      .post('/account/colleagues')
      .form({ fullName: '李四', email: 'Li.Si@Example.com' })
      .loginAs(agency)
      .withCsrfToken()
      .redirects(0)
    added.assertStatus(302)
    assert.include(added.flashMessages().success, 'li.si@example.com')
    const colleague = await User.findByOrFail('email', 'li.si@example.com')
    assert.equal(colleague.organizationId, agency.organizationId)
    assert.equal(colleague.role, 'agency')
    assert.equal(colleague.fullName, '李四')
    assert.lengthOf(mailsTo(mailer, 'li.si@example.com'), 1)
    const audit = await db
      .from('audit_events')
      .where({ action: 'account.colleague_added', subject_id: String(colleague.id) })
    assert.lengthOf(audit, 1)

    const page = await client.get('/account/signatories').loginAs(agency)
    page.assertTextIncludes('li.si@example.com')
    page.assertTextIncludes('添加同事')
  })

  test('an e-mail registered already is refused at its field; a colleague who is not a signatory adds nobody', async ({
    client,
    assert,
  }) => {
    const owner = await createUserWithRole('owner')
    const taken = await client
      .post('/api/v1/organization/users')
      .json({ fullName: '王五', email: owner.email })
      .withGuard('api')
      .loginAs(owner)
    taken.assertStatus(422)
    assert.equal(taken.body().errors[0].field, 'email')

    const added = await client
      .post('/api/v1/organization/users')
      .json({ fullName: '王五', email: 'wang.wu@example.com' })
      .withGuard('api')
      .loginAs(owner)
    added.assertStatus(201)
    const colleague = await User.findOrFail(added.body().userId)
    const refused = await client
      .post('/api/v1/organization/users')
      .json({ fullName: '赵六', email: 'zhao.liu@example.com' })
      .withGuard('api')
      .loginAs(colleague)
    refused.assertStatus(403)
    assert.equal(refused.body().errors[0].code, 'E_NOT_SIGNATORY')
    assert.isNull(await User.findBy('email', 'zhao.liu@example.com'))
  })
})
