// Assertions read best as `(await client.get(…)).text()`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { createUserWithRole } from '#database/factories/account_factories'
import { clock } from '#services/clock'
import { changePassword, suspendAccount } from '#actions/accounts/account_security'

test.group('The audit log reads as Chinese', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => () => clock.unfreeze())

  test('events have Chinese names, roles and a labelled summary; the stored JSON sits behind a toggle', async ({
    client,
    assert,
  }) => {
    const regulator = await createUserWithRole('regulator')
    const agency = await createUserWithRole('agency')
    await suspendAccount(agency, regulator, '出具虚假报告')

    const html = (
      await client
        .get('/regulator/audit')
        .qs({ subjectType: 'user', subjectId: agency.id })
        .loginAs(regulator)
    ).text()
    assert.include(html, '停用账户')
    assert.include(html, `${regulator.fullName}（监管部门）`)
    assert.include(html, '<dt>原因</dt><dd>出具虚假报告</dd>')
    assert.include(html, '<dt>作废令牌数</dt><dd>0</dd>')
    assert.match(html, /<details class="audit-details">\s*<summary>原始记录（JSON）<\/summary>/)
    assert.include(html, '&quot;reason&quot;: &quot;出具虚假报告&quot;')
    assert.include(html, '>账户 ')
  })

  test('the log is filtered by organisation and by Beijing day; bad filters are refused', async ({
    client,
    assert,
  }) => {
    const regulator = await createUserWithRole('regulator')
    const first = await createUserWithRole('owner')
    const second = await createUserWithRole('owner')
    clock.freeze(new Date('2026-10-12T15:30:00Z')) // 23:30 on 12 Oct in Beijing
    await changePassword(first, 'a-new-password-2026')
    clock.freeze(new Date('2026-10-12T16:30:00Z')) // 00:30 on 13 Oct in Beijing
    await changePassword(second, 'a-new-password-2026')
    clock.unfreeze()

    const byOrganization = (
      await client
        .get('/regulator/audit')
        .qs({ organization: first.organizationId, action: 'account.password' })
        .loginAs(regulator)
    ).text()
    assert.include(byOrganization, `>账户 ${first.id}<`)
    assert.notInclude(byOrganization, `>账户 ${second.id}<`)

    const on12 = (
      await client
        .get('/regulator/audit')
        .qs({ from: '2026-10-12', to: '2026-10-12', action: 'account.password' })
        .loginAs(regulator)
    ).text()
    assert.include(on12, `>账户 ${first.id}<`)
    assert.notInclude(on12, `>账户 ${second.id}<`)
    const on13 = (
      await client
        .get('/regulator/audit')
        .qs({ from: '2026-10-13', action: 'account.password' })
        .loginAs(regulator)
    ).text()
    assert.include(on13, `>账户 ${second.id}<`)
    assert.notInclude(on13, `>账户 ${first.id}<`)

    const refused = await client
      .get('/regulator/audit')
      .qs({ from: 'yesterday' })
      .header('referer', '/regulator/audit')
      .loginAs(regulator)
      .redirects(0)
    assert.notEqual(refused.status(), 500)
    assert.notEqual(refused.status(), 200)
  })
})
