import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import { marketWorld } from '#tests/worlds'
import { createUserWithRole } from '#database/factories/account_factories'
import { updateAgencyProfile } from '#actions/registry/agency_listing'
import Organization from '#models/organization'
import { countQueries, serviceItemPayload, testDepartment } from '#tests/helpers'
import { createServiceItem } from '#actions/catalog/publish_service_item'

async function addListedAgencies(howMany: number) {
  for (let index = 0; index < howMany; index++) {
    const user = await createUserWithRole('agency')
    const organization = await Organization.findOrFail(user.organizationId)
    await updateAgencyProfile(organization, { items: ['ZJ-001', 'ZJ-007'], region: '510100' }, null)
  }
}

test.group('Catalog and directory pages', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
  })

  test('the catalog page lists the items with time limits and fee standards', async ({
    client,
  }) => {
    const response = await client.get('/service-items')
    response.assertStatus(200)
    response.assertTextIncludes('中介服务事项清单')
    response.assertTextIncludes('地质灾害危险性评估')
    response.assertTextIncludes('参考价（¥5,000.00 – ¥200,000.00）')
    const filtered = await client.get('/service-items').qs({ q: '测绘' })
    filtered.assertTextIncludes('建设工程测绘')
    filtered.assertTextIncludes('共 1 项')
  })

  test('an item page shows the current version and the change history', async ({ client }) => {
    const regulator = await createUserWithRole('regulator')
    const form = {
      name: '地质灾害危险性评估',
      category: '自然资源',
      legalBasis: '《地质灾害防治条例》第二十一条',
      qualificationType: 'geohazard_assessment',
      qualificationLevel: 'b',
      approvalItem: '建设项目用地预审与选址意见书核发',
      approvalDepartment: '市自然资源和规划局',
      timeLimitWorkingDays: '15',
      feeType: 'market',
      status: 'active',
      changeReason: '落实提速 30% 要求，压缩服务时限',
    }
    const revised = await client
      .post('/regulator/service-items/ZJ-004')
      .loginAs(regulator)
      .form(form)
      .withCsrfToken()
      .redirects(0)
    revised.assertStatus(302)
    revised.assertHeader('location', '/service-items/ZJ-004')

    const page = await client.get('/service-items/ZJ-004')
    page.assertTextIncludes('现行版本（第 2 版）')
    page.assertTextIncludes('落实提速 30% 要求，压缩服务时限')
    page.assertTextIncludes('首次发布')
    page.assertTextIncludes('15 个工作日')
  })

  test('the catalog form refuses a change without a reason beside the field', async ({
    client,
  }) => {
    const regulator = await createUserWithRole('regulator')
    const response = await client
      .post('/regulator/service-items/ZJ-004')
      .header('referer', '/regulator/service-items/ZJ-004/edit')
      .loginAs(regulator)
      .form({ name: '地质灾害危险性评估', status: 'active' })
      .withCsrfToken()
    response.assertStatus(200)
    response.assertTextIncludes('请填写调整理由')
  })

  test('an agency cannot open the catalog editor (403)', async ({ client }) => {
    const agency = await createUserWithRole('agency')
    const response = await client.get('/regulator/service-items/ZJ-004/edit').loginAs(agency)
    response.assertStatus(403)
  })

  test('the directory page filters by item and region and links each agency', async ({
    client,
  }) => {
    const response = await client.get('/agencies').qs({ item: 'ZJ-007', region: '510000' })
    response.assertStatus(200)
    response.assertTextIncludes('成都天府测绘工程有限公司')
    response.assertTextIncludes('共 1 家机构')
    const all = await client.get('/agencies')
    all.assertTextIncludes('重庆长江安全技术评价有限公司')
  })

  test('an agency page shows items, qualifications with their status and practitioners', async ({
    client,
  }) => {
    const agency = await Organization.findByOrFail('name', '成都天府测绘工程有限公司')
    const page = await client.get(`/agencies/${agency.id}`)
    page.assertStatus(200)
    page.assertTextIncludes('测绘资质')
    page.assertTextIncludes('甲级')
    page.assertTextIncludes('未核验')
    page.assertTextIncludes('张伟')
    page.assertTextIncludes('不高于公布的参考价')
  })

  test('an agency chooses items on its profile page and is listed at once', async ({ client }) => {
    const agency = await createUserWithRole('agency')
    const saved = await client
      .post('/agency/profile')
      .loginAs(agency)
      .form({ 'items[]': ['ZJ-003'], 'region': '440000', 'commitments[time]': '7 个工作日' })
      .withCsrfToken()
      .redirects(0)
    saved.assertStatus(302)
    saved.assertFlashMessage('success', '机构信息已保存，已在名录中公开展示。')
    const organization = await Organization.findOrFail(agency.organizationId)
    const listed = await client.get('/agencies').qs({ item: 'ZJ-003', region: '440000' })
    listed.assertTextIncludes(organization.name)
  })

  test('an owner has a simple public page, and its API twin', async ({ client, assert }) => {
    const owner = await Organization.findByOrFail('kind', 'owner')
    const page = await client.get(`/organizations/${owner.id}`)
    page.assertStatus(200)
    page.assertTextIncludes(owner.name)
    page.assertTextIncludes(owner.uscc)
    const api = await client.get(`/api/v1/organizations/${owner.id}`)
    api.assertStatus(200)
    assert.containsSubset(api.body(), { id: owner.id, uscc: owner.uscc, kind: 'owner' })
    const regulator = await Organization.findByOrFail('kind', 'regulator')
    const notPublic = await client.get(`/api/v1/organizations/${regulator.id}`)
    notPublic.assertStatus(404)
  })

  test('the directory and the catalog run the same number of queries whatever the number of rows', async ({
    client,
    assert,
  }) => {
    const directoryBefore = await countQueries(() => client.get('/agencies'))
    const filteredBefore = await countQueries(() =>
      client.get('/agencies').qs({ item: 'ZJ-001', region: '510000' })
    )
    const apiBefore = await countQueries(() => client.get('/api/v1/agencies'))
    const catalogBefore = await countQueries(() => client.get('/service-items'))

    await addListedAgencies(25)
    for (let index = 0; index < 10; index++) {
      await testDepartment()
      await createServiceItem(serviceItemPayload() as never, null)
    }

    assert.equal(await countQueries(() => client.get('/agencies')), directoryBefore)
    assert.equal(
      await countQueries(() => client.get('/agencies').qs({ item: 'ZJ-001', region: '510000' })),
      filteredBefore
    )
    assert.equal(await countQueries(() => client.get('/api/v1/agencies')), apiBefore)
    assert.equal(await countQueries(() => client.get('/service-items')), catalogBefore)
    assert.isAtMost(directoryBefore, 5)
  }).timeout(60_000)
})
