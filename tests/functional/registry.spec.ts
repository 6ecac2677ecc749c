import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld, WORLD_PASSWORD } from '#tests/worlds'
import Practitioner from '#models/practitioner'
import { createUserWithRole } from '#database/factories/account_factories'
import { registrationPayload } from '#tests/helpers'

/** A valid 居民身份证号码 (GB 11643 check digit), not a real person's. */
const ID_NUMBER = '11010519491231002X'

test.group('Agency registry (中介机构库) through the API', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
  })

  test('a new agency appears in the directory right after choosing items — no approval, any province', async ({
    client,
    assert,
  }) => {
    const registered = await client
      .post('/api/v1/auth/register')
      .json(
        registrationPayload({ role: 'agency', region: '650000', orgName: '新疆天山测绘有限公司' })
      )
    const token = registered.body().token
    const agencyId = registered.body().organization.id

    const before = await client.get('/api/v1/agencies').qs({ q: '天山测绘' })
    assert.equal(before.body().meta.total, 0)

    const updated = await client
      .put('/api/v1/agency/profile')
      .bearerToken(token)
      .json({
        items: ['ZJ-007', 'zj-001'],
        description: '工程测量甲级',
        region: '650000',
        commitments: {
          time: '10 个工作日内完成',
          fee: '不超过参考价',
          quality: '一次通过率 95% 以上',
        },
      })
    updated.assertStatus(200)
    assert.isTrue(updated.body().listed)
    assert.sameMembers(
      updated.body().items.map((item: { code: string }) => item.code),
      ['ZJ-001', 'ZJ-007']
    )

    const after = await client.get('/api/v1/agencies').qs({ item: 'ZJ-007', q: '天山测绘' })
    after.assertStatus(200)
    assert.equal(after.body().meta.total, 1)
    assert.containsSubset(after.body().data[0], {
      id: agencyId,
      region: '650000',
      items: ['ZJ-001', 'ZJ-007'],
      credit: { score: 80, grade: 'B' },
      banned: false,
    })
  })

  test('unknown or retired items are refused by name', async ({ client, assert }) => {
    const agency = await createUserWithRole('agency')
    const response = await client
      .put('/api/v1/agency/profile')
      .withGuard('api')
      .loginAs(agency)
      .json({ items: ['ZJ-001', 'NOPE-1'], region: '510100' })
    response.assertStatus(422)
    assert.equal(response.body().errors[0].field, 'items')
    assert.include(response.body().errors[0].message, 'NOPE-1')
  })

  test('the directory filters by item, region (a province includes its cities), grade and keyword', async ({
    client,
    assert,
  }) => {
    const all = await client.get('/api/v1/agencies')
    assert.equal(all.body().meta.total, 8)

    const sichuan = await client.get('/api/v1/agencies').qs({ region: '510000' })
    assert.equal(sichuan.body().meta.total, 6)
    const chongqing = await client.get('/api/v1/agencies').qs({ region: '500000' })
    assert.equal(chongqing.body().meta.total, 2)

    const surveying = await client.get('/api/v1/agencies').qs({ item: 'ZJ-007' })
    assert.isAbove(surveying.body().meta.total, 0)
    for (const agency of surveying.body().data) assert.include(agency.items, 'ZJ-007')

    const gradeA = await client.get('/api/v1/agencies').qs({ grade: 'A' })
    assert.equal(gradeA.body().meta.total, 0)
    const gradeB = await client.get('/api/v1/agencies').qs({ grade: 'B' })
    assert.equal(gradeB.body().meta.total, 8)

    const keyword = await client.get('/api/v1/agencies').qs({ q: '绿源' })
    assert.equal(keyword.body().meta.total, 1)
    const literalPercent = await client.get('/api/v1/agencies').qs({ q: '%' })
    assert.equal(literalPercent.body().meta.total, 0)

    const paged = await client.get('/api/v1/agencies').qs({ perPage: 2, page: 2, sort: 'name' })
    assert.lengthOf(paged.body().data, 2)
    assert.deepEqual(paged.body().meta, { total: 8, totalIsLowerBound: false, page: 2, perPage: 2 })

    const bad = await client.get('/api/v1/agencies').qs({ grade: 'Z', page: 0 })
    bad.assertStatus(422)
  })

  test('an agency leaves the market (自愿退出) and comes back; leaving twice is a 409', async ({
    client,
    assert,
  }) => {
    const profile = await client.get('/api/v1/agencies').qs({ q: '绿源' })
    const agencyId = profile.body().data[0].id
    const user = await db.from('users').where('organization_id', agencyId).first()
    const token = await client
      .post('/api/v1/auth/tokens')
      .json({ email: user.email, password: WORLD_PASSWORD })
    const bearer = token.body().token

    const left = await client.post('/api/v1/agency/withdraw').bearerToken(bearer)
    left.assertStatus(200)
    assert.equal(left.body().status, 'withdrawn')
    const hidden = await client.get('/api/v1/agencies').qs({ q: '绿源' })
    assert.equal(hidden.body().meta.total, 0)

    const again = await client.post('/api/v1/agency/withdraw').bearerToken(bearer)
    again.assertStatus(409)
    assert.equal(again.body().errors[0].code, 'E_STATE_CONFLICT')

    const back = await client.post('/api/v1/agency/return').bearerToken(bearer)
    back.assertStatus(200)
    const listed = await client.get('/api/v1/agencies').qs({ q: '绿源' })
    assert.equal(listed.body().meta.total, 1)
  })

  test("a practitioner's ID number is hashed and never appears in any answer", async ({
    client,
    assert,
  }) => {
    const agency = await createUserWithRole('agency')
    await client
      .put('/api/v1/agency/profile')
      .withGuard('api')
      .loginAs(agency)
      .json({ items: ['ZJ-001'], region: '510100' })
    const created = await client
      .post('/api/v1/agency/practitioners')
      .withGuard('api')
      .loginAs(agency)
      .json({
        name: '周工程师',
        idNumber: ID_NUMBER.toLowerCase(),
        role: 'manager',
        certificateNo: 'HP-0001',
      })
    created.assertStatus(201)
    assert.deepEqual(Object.keys(created.body()).sort(), [
      'certificateNo',
      'id',
      'name',
      'qualificationCode',
      'qualificationLevel',
      'qualificationType',
      'qualificationValidUntil',
      'role',
    ])

    const stored = await Practitioner.findOrFail(created.body().id)
    assert.notInclude(stored.idNumberHash, ID_NUMBER)
    assert.lengthOf(stored.idNumberHash, 64)

    const answers = [
      await client.get(`/api/v1/agencies/${agency.organizationId}`),
      await client.get('/api/v1/agency/profile').withGuard('api').loginAs(agency),
      await client.get(`/agencies/${agency.organizationId}`),
      await client.get('/api/v1/agencies'),
      // 执业记录: the practice record and the search that finds it.
      await client.get(`/api/v1/practitioners/${created.body().id}`),
      await client.get(`/practitioners/${created.body().id}`),
      await client.get('/api/v1/practitioners').qs({ name: '周工程师' }),
    ]
    for (const answer of answers) {
      answer.assertStatus(200)
      assert.notInclude(answer.text(), ID_NUMBER)
      assert.notInclude(answer.text(), ID_NUMBER.toLowerCase())
      assert.notInclude(answer.text(), stored.idNumberHash)
    }
    assert.include(answers[0].text(), '周工程师')

    const duplicate = await client
      .post('/api/v1/agency/practitioners')
      .withGuard('api')
      .loginAs(agency)
      .json({ name: '周工程师', idNumber: ID_NUMBER, role: 'practitioner' })
    duplicate.assertStatus(422)

    const badId = await client
      .post('/api/v1/agency/practitioners')
      .withGuard('api')
      .loginAs(agency)
      .json({ name: '李四', idNumber: '110105194912310021', role: 'practitioner' })
    badId.assertStatus(422)
    assert.equal(badId.body().errors[0].field, 'idNumber')
  })

  test('an owner cannot use the agency endpoints (403)', async ({ client }) => {
    const owner = await createUserWithRole('owner')
    const response = await client
      .put('/api/v1/agency/profile')
      .withGuard('api')
      .loginAs(owner)
      .json({ items: ['ZJ-001'], region: '510100' })
    response.assertStatus(403)
  })
})
