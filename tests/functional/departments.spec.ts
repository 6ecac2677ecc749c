// Assertions read best as `(await write(…)).assertStatus(…)`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import {
  createRegulatorOf,
  createUserWithRole,
  departmentNamed,
} from '#database/factories/account_factories'
import { serviceItemPayload, TEST_DEPARTMENT, testDepartment } from '#tests/helpers'

/** A regulator's API write to the catalog. */
function write(client: any, method: 'post' | 'put', url: string, user: any, body: object) {
  return client[method](url).json(body).withGuard('api').loginAs(user)
}

test.group('Departments as records: who changes the catalog (谁需求、谁清理、谁调整)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await testDepartment()
  })

  test("a department's regulator publishes and revises its own items; another department's regulator is refused (403) and nothing changes", async ({
    client,
    assert,
  }) => {
    const own = await createRegulatorOf(TEST_DEPARTMENT)
    const other = await createRegulatorOf('市水利局')
    const payload = serviceItemPayload()
    ;(await write(client, 'post', '/api/v1/service-items', own, payload)).assertStatus(201)
    const stored = await db.from('service_items').where('code', payload.code).first()
    assert.equal(Number(stored.department_id), (await testDepartment()).id)

    const revision = {
      ...payload,
      status: 'active',
      changeReason: '调整时限为十个工作日',
      timeLimitWorkingDays: 10,
    }
    const refused = await write(
      client,
      'put',
      `/api/v1/service-items/${payload.code}`,
      other,
      revision
    )
    refused.assertStatus(403)
    const unchanged = await db.from('service_items').where('code', payload.code).first()
    assert.equal(unchanged.version, 1)

    const fresh = serviceItemPayload()
    ;(await write(client, 'post', '/api/v1/service-items', other, fresh)).assertStatus(403)
    ;(
      await write(client, 'put', `/api/v1/service-items/${payload.code}`, own, revision)
    ).assertStatus(200)
  })

  test("a department's regulator cannot hand its item to another department; the catalog office may, and publishes for any department by id", async ({
    client,
    assert,
  }) => {
    const own = await createRegulatorOf(TEST_DEPARTMENT)
    const office = await createUserWithRole('regulator')
    const water = await departmentNamed('市水利局')
    const payload = serviceItemPayload()
    ;(await write(client, 'post', '/api/v1/service-items', own, payload)).assertStatus(201)
    const moved = {
      ...payload,
      approvalDepartment: undefined,
      departmentId: water.id,
      status: 'active',
      changeReason: '审批职责划转至水利部门',
    }
    ;(await write(client, 'put', `/api/v1/service-items/${payload.code}`, own, moved)).assertStatus(
      403
    )
    const byOffice = await write(
      client,
      'put',
      `/api/v1/service-items/${payload.code}`,
      office,
      moved
    )
    byOffice.assertStatus(200)
    assert.equal(byOffice.body().departmentId, water.id)
    assert.equal(byOffice.body().approvalDepartment, '市水利局')

    const forWater = serviceItemPayload({ approvalDepartment: undefined, departmentId: water.id })
    const created = await write(client, 'post', '/api/v1/service-items', office, forWater)
    created.assertStatus(201)
    assert.equal(created.body().approvalDepartment, '市水利局')
  })

  test('an item naming a department not on record is refused at the field (422)', async ({
    client,
    assert,
  }) => {
    const office = await createUserWithRole('regulator')
    const unknownName = serviceItemPayload({ approvalDepartment: '市不存在局' })
    const byName = await write(client, 'post', '/api/v1/service-items', office, unknownName)
    byName.assertStatus(422)
    assert.equal(byName.body().errors[0].field, 'approvalDepartment')
    const unknownId = serviceItemPayload({ approvalDepartment: undefined, departmentId: 999_999 })
    const byId = await write(client, 'post', '/api/v1/service-items', office, unknownId)
    byId.assertStatus(422)
    assert.equal(byId.body().errors[0].field, 'departmentId')
    assert.isNull(await db.from('service_items').where('code', unknownId.code).first())
  })

  test('a regulator without a department (none on record) cannot open the catalog editor', async ({
    client,
  }) => {
    const regulator = await createUserWithRole('regulator')
    await db.from('users').where('id', regulator.id).update({ department_id: null })
    ;(
      await write(client, 'post', '/api/v1/service-items', regulator, serviceItemPayload())
    ).assertStatus(403)
    const page = await client.get('/regulator/service-items/new').loginAs(regulator)
    page.assertStatus(403)
  })
})
