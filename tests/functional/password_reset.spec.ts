// Assertions read best as `(await …).assertStatus()`.
/* eslint-disable @unicorn/no-await-expression-member */
/*
 * 忘记密码: a signed, expiring, single-use link sent by e-mail; the same
 * answer for every e-mail; admins can send a link, never choose a password.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import mail from '@adonisjs/mail/services/main'
import User from '#models/user'
import { createUserWithRole, TEST_PASSWORD } from '#database/factories/account_factories'
import { passwordResetUrl } from '#services/password_reset_links'
import { suspendAccount } from '#actions/accounts/account_security'

const NEW_PASSWORD = 'a-fresh-password-2026'

type FakeMailer = ReturnType<typeof mail.fake>

/** The links the fake mailer holds for `email` (path and query, ready for the test client). */
function linksTo(mailer: FakeMailer, email: string) {
  return mailer.messages
    .queued()
    .concat(mailer.messages.sent())
    .map((message) => message.toJSON().message)
    .filter((message) =>
      (message.to ?? []).some((to) => (typeof to === 'string' ? to : to.address) === email)
    )
    .map((message) => {
      const url = /https?:\/\/\S+/.exec(String(message.text))![0]
      const parsed = new URL(url)
      return parsed.pathname + parsed.search
    })
}

function askForLink(client: any, email: string) {
  return client
    .post('/password/forgot')
    .header('referer', '/password/forgot')
    .form({ email })
    .withCsrfToken()
    .redirects(0)
}

function setPassword(client: any, link: string, password: string, confirmation = password) {
  return client
    .post(link)
    .header('referer', link)
    .form({ password, passwordConfirmation: confirmation })
    .withCsrfToken()
    .redirects(0)
}

test.group('Password reset by e-mail', (group) => {
  let mailer: FakeMailer
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => {
    mailer = mail.fake()
    return () => mail.restore()
  })

  test('an unknown e-mail gets the same answer as a known one, and only the known one gets a link', async ({
    client,
    assert,
  }) => {
    const owner = await createUserWithRole('owner')
    const known = await askForLink(client, owner.email)
    const unknown = await askForLink(client, 'nobody@example.com')
    for (const response of [known, unknown]) {
      response.assertStatus(302)
      response.assertHeader('location', '/password/forgot')
    }
    assert.include(known.flashMessages().success, '如果')
    assert.equal(
      known.flashMessages().success.replace(owner.email, 'X'),
      unknown.flashMessages().success.replace('nobody@example.com', 'X')
    )
    assert.lengthOf(linksTo(mailer, owner.email), 1)
    assert.lengthOf(linksTo(mailer, 'nobody@example.com'), 0)
    const audit = await db
      .from('audit_events')
      .where({ action: 'account.password_reset_requested', subject_id: String(owner.id) })
    assert.lengthOf(audit, 1)
  })

  test('the link sets a new password, ends every session and deletes every API token; the old password stops working', async ({
    client,
    assert,
  }) => {
    const agency = await createUserWithRole('agency')
    await User.accessTokens.create(agency, ['*'], { name: 'erp' })
    await askForLink(client, agency.email)
    const [link] = linksTo(mailer, agency.email)

    const form = await client.get(link)
    form.assertStatus(200)
    form.assertTextIncludes('name="passwordConfirmation"')

    const done = await setPassword(client, link, NEW_PASSWORD)
    done.assertStatus(302)
    done.assertHeader('location', '/login')
    done.assertFlashMessage('success', '新密码已设置，请用新密码登录。')

    const changed = await User.findOrFail(agency.id)
    assert.isTrue(await hash.verify(changed.password, NEW_PASSWORD))
    assert.isFalse(await hash.verify(changed.password, TEST_PASSWORD))
    assert.equal(changed.sessionEpoch, 1)
    assert.lengthOf(await db.from('auth_access_tokens').where('tokenable_id', agency.id), 0)
    const older = await client.get('/dashboard/agency').loginAs(agency).redirects(0)
    older.assertHeader('location', '/login')
    const audit = await db
      .from('audit_events')
      .where({ action: 'account.password_reset', subject_id: String(agency.id) })
    assert.lengthOf(audit, 1)
  })

  test('a link works once, and a newer password kills every older link', async ({ client }) => {
    const owner = await createUserWithRole('owner')
    await askForLink(client, owner.email)
    await askForLink(client, owner.email)
    const [first, second] = linksTo(mailer, owner.email)

    ;(await setPassword(client, first, NEW_PASSWORD)).assertStatus(302)
    const again = await setPassword(client, first, 'yet-another-password-1')
    again.assertStatus(410)
    again.assertTextIncludes('链接已失效')
    ;(await client.get(second)).assertStatus(410)
  })

  test('a tampered, unsigned or expired link is refused and changes nothing', async ({
    client,
    assert,
  }) => {
    const owner = await createUserWithRole('owner')
    const other = await createUserWithRole('owner')
    await askForLink(client, owner.email)
    const [link] = linksTo(mailer, owner.email)

    const otherAccount = link.replace(
      `/password/reset/${owner.id}?`,
      `/password/reset/${other.id}?`
    )
    ;(await setPassword(client, otherAccount, NEW_PASSWORD)).assertStatus(410)
    ;(await setPassword(client, `/password/reset/${owner.id}`, NEW_PASSWORD)).assertStatus(410)
    const forgedFingerprint = link.replace(
      /([?&]v=)[0-9a-f]+/,
      '$10123456789abcdef0123456789abcdef'
    )
    ;(await client.get(forgedFingerprint)).assertStatus(410)

    const shortLived = new URL(passwordResetUrl(owner, 1))
    await new Promise((resolve) => setTimeout(resolve, 1100))
    ;(await client.get(shortLived.pathname + shortLived.search)).assertStatus(410)

    for (const user of [owner, other]) {
      const unchanged = await User.findOrFail(user.id)
      assert.isTrue(await hash.verify(unchanged.password, TEST_PASSWORD))
    }
  })

  test('a mismatched or short new password is refused at the field and the link still works', async ({
    client,
    assert,
  }) => {
    const owner = await createUserWithRole('owner')
    await askForLink(client, owner.email)
    const [link] = linksTo(mailer, owner.email)
    const mismatched = await setPassword(client, link, NEW_PASSWORD, 'something-else-2026')
    mismatched.assertStatus(302)
    assert.property(mismatched.flashMessages()?.inputErrorsBag ?? {}, 'passwordConfirmation')
    const short = await setPassword(client, link, 'short')
    assert.property(short.flashMessages()?.inputErrorsBag ?? {}, 'password')
    ;(await client.get(link)).assertStatus(200)
  })

  test('a suspended account gets no link, and its links stop working', async ({
    client,
    assert,
  }) => {
    const agency = await createUserWithRole('agency')
    await askForLink(client, agency.email)
    const [link] = linksTo(mailer, agency.email)
    await suspendAccount(agency, await createUserWithRole('regulator'), '出具虚假报告')

    const asked = await askForLink(client, agency.email)
    asked.assertStatus(302)
    assert.lengthOf(linksTo(mailer, agency.email), 1)
    ;(await setPassword(client, link, NEW_PASSWORD)).assertStatus(410)
  })

  test('one mailbox gets at most three links an hour, whatever the requests say', async ({
    client,
    assert,
  }) => {
    const owner = await createUserWithRole('owner')
    for (let request = 0; request < 5; request++) {
      const response = await askForLink(client, owner.email)
      response.assertStatus(302)
      assert.include(response.flashMessages().success, owner.email)
    }
    assert.lengthOf(linksTo(mailer, owner.email), 3)
  })

  test('one address asking for many mailboxes is stopped after ten requests an hour', async ({
    client,
    assert,
  }) => {
    for (let request = 0; request < 10; request++) {
      const response = await askForLink(client, `someone${request}@example.com`)
      assert.include(response.flashMessages().success, `someone${request}@example.com`)
    }
    const stopped = await askForLink(client, 'one-more@example.com')
    stopped.assertStatus(302)
    stopped.assertFlashMessage('error', '请求过于频繁，请 1 小时后再试。')
  })

  test('an admin sends a user a reset link and sees an organisation’s users; a regulator cannot send one', async ({
    client,
    assert,
  }) => {
    const admin = await createUserWithRole('admin')
    const regulator = await createUserWithRole('regulator')
    const agency = await createUserWithRole('agency')

    const list = await client
      .get('/accounts')
      .qs({ organization: agency.organizationId })
      .loginAs(admin)
    list.assertStatus(200)
    list.assertTextIncludes(agency.email)
    list.assertTextIncludes('发送重置密码链接')
    assert.notInclude(list.text(), admin.email)

    const refused = await client
      .post(`/accounts/${agency.id}/send-password-reset`)
      .withCsrfToken()
      .loginAs(regulator)
      .redirects(0)
    // Bouncer's answer to a refused form: back, with the refusal flashed.
    refused.assertStatus(302)
    assert.property(refused.flashMessages()?.errorsBag ?? {}, 'E_AUTHORIZATION_FAILURE')
    assert.lengthOf(linksTo(mailer, agency.email), 0)

    const sent = await client
      .post(`/accounts/${agency.id}/send-password-reset`)
      .header('referer', '/accounts')
      .withCsrfToken()
      .loginAs(admin)
      .redirects(0)
    sent.assertStatus(302)
    sent.assertFlashMessage('success', `已向 ${agency.email} 发送重置密码的链接。`)
    assert.lengthOf(linksTo(mailer, agency.email), 1)
    const audit = await db
      .from('audit_events')
      .where({ action: 'account.password_reset_requested', subject_id: String(agency.id) })
      .first()
    assert.equal(audit.actor_user_id, admin.id)
  })
})
