import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld } from '#tests/worlds'
import User from '#models/user'
import { clock } from '#services/clock'
import { demoOwner, publishedProject } from '#tests/selection_fixtures'
import { registerAccount, type RegisterAccountInput } from '#actions/accounts/register_account'
import { registrationPayload } from '#tests/helpers'

const NOW = new Date('2026-09-29T02:00:00Z')
const regulator = () => User.findByOrFail('email', 'regulator@demo.example.com')

test.group('Regulator console', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('every desk shares one left navigation that marks the current page; owners see no console', async ({
    client,
    assert,
  }) => {
    const staff = await regulator()
    for (const url of [
      '/regulator/analytics',
      '/regulator/audit',
      '/regulator/objections',
      '/regulator/fee-records',
      '/regulator/credit-appeals',
      '/regulator/follow-ups',
      '/regulator/credit-rules',
      '/regulator/service-items',
      '/regulator/qualifications',
      '/regulator/inspections',
      '/regulator/signals',
      '/regulator/similarity',
      '/regulator/complaints',
    ]) {
      const page = await client.get(url).loginAs(staff)
      page.assertStatus(200)
      assert.include(page.text(), 'class="console-nav"', url)
      assert.include(page.text(), `href="${url}" aria-current=page`, url)
    }
    const home = await client.get('/').loginAs(await demoOwner())
    assert.notInclude(home.text(), 'console-nav')
  })

  test('the audit log is browsed by aggregate and its chain verified on request; an edited entry is reported', async ({
    client,
    assert,
  }) => {
    // An event of another aggregate, which the project's log must leave out.
    await registerAccount(registrationPayload() as RegisterAccountInput)
    const projectId = await publishedProject(client)
    const staff = await regulator()
    const byProject = await client
      .get(`/regulator/audit?subjectType=project&subjectId=${projectId}`)
      .loginAs(staff)
    assert.include(byProject.text(), 'project.published')
    assert.notInclude(byProject.text(), 'account.registered')

    const verified = await client.get('/regulator/audit?verify=true').loginAs(staff)
    assert.include(verified.text(), '哈希链完整')
    const last = await db.from('audit_events').orderBy('id', 'desc').firstOrFail()
    await db.from('audit_events').where('id', last.id).update({ action: 'project.forged' })
    const broken = await client.get('/regulator/audit?verify=true').loginAs(staff)
    assert.include(broken.text(), `哈希链在第 ${last.id} 条记录处断开`)
    const owner = await client.get('/regulator/audit').loginAs(await demoOwner())
    owner.assertStatus(403)
  })
})
