import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import ServiceItem from '#models/service_item'
import { createUserWithRole } from '#database/factories/account_factories'
import { serviceItemPayload, testDepartment } from '#tests/helpers'

test.group('Service-item catalog (中介服务事项库)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await testDepartment()
  })

  test('a regulator publishes an item: version 1 with its reason, readable by everyone', async ({
    client,
    assert,
  }) => {
    const regulator = await createUserWithRole('regulator')
    const payload = serviceItemPayload({ changeReason: '纳入网上中介服务超市' })
    const created = await client
      .post('/api/v1/service-items')
      .json(payload)
      .withGuard('api')
      .loginAs(regulator)
    created.assertStatus(201)
    assert.containsSubset(created.body(), { code: payload.code, version: 1, status: 'active' })

    const list = await client.get('/api/v1/service-items')
    list.assertStatus(200)
    const codes = list.body().data.map((item: { code: string }) => item.code)
    assert.include(codes, payload.code)

    const shown = await client.get(`/api/v1/service-items/${payload.code}`)
    assert.lengthOf(shown.body().history, 1)
    assert.equal(shown.body().history[0].changeReason, '纳入网上中介服务超市')
  })

  test('a change without a reason is refused with 422 and changes nothing', async ({
    client,
    assert,
  }) => {
    const regulator = await createUserWithRole('regulator')
    const payload = serviceItemPayload()
    await client.post('/api/v1/service-items').json(payload).withGuard('api').loginAs(regulator)

    const response = await client
      .put(`/api/v1/service-items/${payload.code}`)
      .json({ ...payload, timeLimitWorkingDays: 10, status: 'active' })
      .withGuard('api')
      .loginAs(regulator)
    response.assertStatus(422)
    assert.deepInclude(
      response
        .body()
        .errors.map((error: { field: string; rule: string }) => [error.field, error.rule]),
      ['changeReason', 'required']
    )
    const item = await ServiceItem.findByOrFail('code', payload.code)
    assert.equal(item.version, 1)
    assert.equal(item.timeLimitWorkingDays, 15)
  })

  test('each change creates a new version; the full history is kept, also after retiring', async ({
    client,
    assert,
  }) => {
    const regulator = await createUserWithRole('regulator')
    const payload = serviceItemPayload()
    await client.post('/api/v1/service-items').json(payload).withGuard('api').loginAs(regulator)

    const shortened = await client
      .put(`/api/v1/service-items/${payload.code}`)
      .json({
        ...payload,
        timeLimitWorkingDays: 10,
        status: 'active',
        changeReason: '压缩服务时限',
      })
      .withGuard('api')
      .loginAs(regulator)
    shortened.assertStatus(200)
    assert.equal(shortened.body().version, 2)

    const retired = await client
      .put(`/api/v1/service-items/${payload.code}`)
      .json({
        ...payload,
        timeLimitWorkingDays: 10,
        status: 'retired',
        changeReason: '依法取消该中介服务事项',
      })
      .withGuard('api')
      .loginAs(regulator)
    retired.assertStatus(200)

    const shown = await client.get(`/api/v1/service-items/${payload.code}`)
    assert.equal(shown.body().status, 'retired')
    assert.deepEqual(
      shown
        .body()
        .history.map(
          (version: { version: number; timeLimitWorkingDays: number; status: string }) => [
            version.version,
            version.timeLimitWorkingDays,
            version.status,
          ]
        ),
      [
        [3, 10, 'retired'],
        [2, 10, 'active'],
        [1, 15, 'active'],
      ]
    )
    const active = await client.get('/api/v1/service-items')
    assert.notInclude(
      active.body().data.map((item: { code: string }) => item.code),
      payload.code
    )
  })

  test('fee bounds: required unless market-priced, and the upper bound not below the lower', async ({
    client,
    assert,
  }) => {
    const regulator = await createUserWithRole('regulator')
    const missing = await client
      .post('/api/v1/service-items')
      .json(serviceItemPayload({ feeType: 'government_guided', feeMinFen: null, feeMaxFen: null }))
      .withGuard('api')
      .loginAs(regulator)
    missing.assertStatus(422)
    const inverted = await client
      .post('/api/v1/service-items')
      .json(serviceItemPayload({ feeMinFen: 500_000, feeMaxFen: 100 }))
      .withGuard('api')
      .loginAs(regulator)
    inverted.assertStatus(422)
    assert.equal(inverted.body().errors[0].field, 'feeMaxFen')

    const market = await client
      .post('/api/v1/service-items')
      .json(serviceItemPayload({ feeType: 'market', feeMinFen: null, feeMaxFen: null }))
      .withGuard('api')
      .loginAs(regulator)
    market.assertStatus(201)
  })

  test('an {$self} cannot write the catalog (403)')
    .with(['owner', 'agency'] as const)
    .run(async ({ client, assert }, role) => {
      const user = await createUserWithRole(role)
      const payload = serviceItemPayload()
      const response = await client
        .post('/api/v1/service-items')
        .json(payload)
        .withGuard('api')
        .loginAs(user)
      response.assertStatus(403)
      assert.isNull(await ServiceItem.findBy('code', payload.code))
    })
})
