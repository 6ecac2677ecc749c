import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { createUserWithRole } from '#database/factories/account_factories'
import { registrationPayload, serviceItemPayload, testDepartment } from '#tests/helpers'

test.group('Audit log', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await testDepartment()
  })

  test('registrations, catalog and registry changes are chained events that verify', async ({
    client,
    assert,
  }) => {
    const regulator = await createUserWithRole('regulator')
    const before = await db.from('audit_events').count('* as total')
    await client.post('/api/v1/auth/register').json(registrationPayload({ role: 'agency' }))
    const item = serviceItemPayload()
    await client.post('/api/v1/service-items').json(item).withGuard('api').loginAs(regulator)
    await client
      .put(`/api/v1/service-items/${item.code}`)
      .json({ ...item, status: 'retired', changeReason: '依法取消' })
      .withGuard('api')
      .loginAs(regulator)

    const events = await db.from('audit_events').orderBy('id', 'desc').limit(3)
    assert.deepEqual(
      events.map((event) => event.action),
      ['service_item.retired', 'service_item.created', 'account.registered']
    )
    assert.equal(events[0].actor_user_id, regulator.id)
    const after = await db.from('audit_events').count('* as total')
    assert.equal(Number(after[0].total), Number(before[0].total) + 3)

    const verification = await client
      .get('/api/v1/regulator/audit/verify')
      .withGuard('api')
      .loginAs(regulator)
    verification.assertStatus(200)
    assert.containsSubset(verification.body(), { valid: true, firstBrokenId: null })
  })

  test('an altered event is found by the verify endpoint and the command', async ({
    client,
    assert,
  }) => {
    const regulator = await createUserWithRole('regulator')
    await client.post('/api/v1/auth/register').json(registrationPayload())
    const [target] = await db.from('audit_events').orderBy('id', 'desc').limit(1)
    await db.from('audit_events').where('id', target.id).update({ payload: '{"role":"admin"}' })

    const verification = await client
      .get('/api/v1/regulator/audit/verify')
      .withGuard('api')
      .loginAs(regulator)
    assert.containsSubset(verification.body(), { valid: false, firstBrokenId: Number(target.id) })

    const ace = await app.container.make('ace')
    ace.ui.switchMode('raw')
    const command = await ace.exec('market:audit-verify', [])
    assert.equal(command.exitCode, 1)
  })

  test('only regulators and admins may verify the log', async ({ client }) => {
    const agency = await createUserWithRole('agency')
    const response = await client
      .get('/api/v1/regulator/audit/verify')
      .withGuard('api')
      .loginAs(agency)
    response.assertStatus(403)
  })

  test('ID-card numbers never reach the audit log', async ({ client, assert }) => {
    const agency = await createUserWithRole('agency')
    await client
      .post('/api/v1/agency/practitioners')
      .withGuard('api')
      .loginAs(agency)
      .json({ name: '周工程师', idNumber: '11010519491231002X', role: 'manager' })
    const [event] = await db
      .from('audit_events')
      .where('action', 'practitioner.named')
      .orderBy('id', 'desc')
      .limit(1)
    assert.include(event.payload, '周工程师')
    assert.notInclude(event.payload, '11010519491231002X')
  })
})
