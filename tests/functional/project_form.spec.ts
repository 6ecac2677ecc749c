import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld } from '#tests/worlds'
import { demoAgency, demoOwner } from '#tests/selection_fixtures'
import { createUserWithRole } from '#database/factories/account_factories'
import { clock } from '#services/clock'

test.group('The project form: the method first, then only its fields', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
  })

  test('the first step asks for the item and the method, each method explained, and nothing else', async ({
    client,
    assert,
  }) => {
    const page = await client.get('/owner/projects/new').loginAs(await demoOwner())
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, 'method="GET"')
    assert.include(html, 'name="method" value="scored"')
    assert.include(html, '按信用分入围，抽取短名单')
    assert.notInclude(html, 'name="title"')
  })

  test('a scored project shows the weights, not the list sizes nor the agency; the contact comes from the account', async ({
    client,
    assert,
  }) => {
    const owner = await demoOwner()
    const page = await client
      .get('/owner/projects/new')
      .qs({ item: 'zj-001', method: 'scored' })
      .loginAs(owner)
    page.assertStatus(200)
    const html = page.text()
    assert.include(html, 'name="weights[price]"')
    assert.notInclude(html, 'name="longlistSize"')
    assert.notInclude(html, 'name="directAgencyId"')
    assert.include(html, '<input type="hidden" name="method" value="scored">')
    assert.include(html, `value="${owner.fullName}"`)
    assert.include(html, '选取方式：综合评分')
  })

  test('direct selection lists the agencies offering the item, found by name or USCC, by name and never by number', async ({
    client,
    assert,
  }) => {
    const owner = await demoOwner()
    const agency = await demoAgency(5)
    const organization = await db.from('organizations').where('id', agency.organizationId).first()
    const all = await client
      .get('/owner/projects/new')
      .qs({ item: 'ZJ-001', method: 'direct' })
      .loginAs(owner)
    assert.include(all.text(), `name="directAgencyId" value="${agency.organizationId}"`)
    assert.include(all.text(), organization.name)
    assert.notInclude(all.text(), '直接选取的机构编号')

    const found = await client
      .get('/owner/projects/new')
      .qs({ item: 'ZJ-001', method: 'direct', agencyQuery: organization.uscc })
      .loginAs(owner)
    assert.lengthOf(found.text().match(/name="directAgencyId"/g) ?? [], 1)

    const none = await client
      .get('/owner/projects/new')
      .qs({ item: 'ZJ-001', method: 'direct', agencyQuery: '没有这家机构' })
      .loginAs(owner)
    assert.include(none.text(), '没有找到提供该事项的入驻机构')
  })

  test('an unknown method is refused at its field; an unknown item goes back to the first step', async ({
    client,
    assert,
  }) => {
    const owner = await demoOwner()
    const unknownItem = await client
      .get('/owner/projects/new')
      .qs({ item: 'NO-SUCH', method: 'random' })
      .loginAs(owner)
    unknownItem.assertStatus(200)
    assert.notInclude(unknownItem.text(), 'name="title"')

    const unknownMethod = await client
      .get('/owner/projects/new')
      .qs({ item: 'ZJ-001', method: 'lottery' })
      .header('referer', '/owner/projects/new')
      .loginAs(owner)
    unknownMethod.assertStatus(200)
    assert.include(unknownMethod.text(), 'field-error')
  })
})

test.group('Drafts are edited until publication', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
  })
  group.each.setup(() => {
    clock.freeze(new Date('2026-09-29T02:00:00Z'))
    return () => clock.unfreeze()
  })
  const ceilingOf = async (id: number) => {
    const row = await db.from('projects').where('id', id).firstOrFail()
    return Number(row.ceiling_price_fen)
  }

  const draftBody = {
    title: '滨江大道改造工程环境影响评价',
    serviceItemCode: 'ZJ-001',
    fundingSource: 'fiscal',
    description: '编制滨江大道改造工程环境影响报告表，并配合完成技术评审。',
    ceilingPriceFen: 8_000_000,
    method: 'lowest_price',
    deadline: '2026-10-30T04:00:00Z',
  }

  test('the owner edits a draft on its page: the form is filled from the draft, the change is saved and audited', async ({
    client,
    assert,
  }) => {
    const owner = await demoOwner()
    const created = await client
      .post('/api/v1/projects')
      .json(draftBody)
      .withGuard('api')
      .loginAs(owner)
    created.assertStatus(201)
    const id = created.body().id

    const form = await client.get(`/owner/projects/${id}/edit`).loginAs(owner)
    form.assertStatus(200)
    assert.include(form.text(), 'value="80000.00"')
    assert.include(form.text(), 'value="2026-10-30T12:00"')
    assert.include(form.text(), `action="/owner/projects/${id}"`)

    const saved = await client
      .post(`/owner/projects/${id}`)
      .form({
        title: '滨江大道改造工程环境影响评价（修订）',
        serviceItemCode: 'ZJ-001',
        fundingSource: 'fiscal',
        description: draftBody.description,
        ceilingYuan: '75000.00',
        method: 'lowest_price',
        deadline: '2026-10-30T12:00',
      })
      .withCsrfToken()
      .loginAs(owner)
      .redirects(0)
    saved.assertStatus(302)
    const project = await db.from('projects').where('id', id).firstOrFail()
    assert.equal(project.title, '滨江大道改造工程环境影响评价（修订）')
    assert.equal(project.ceiling_price_fen, 7_500_000)
    const audit = await db
      .from('audit_events')
      .where('action', 'project.draft_edited')
      .firstOrFail()
    assert.include(String(audit.payload), 'ceilingPriceFen')
  })

  test('the API replaces a draft with PUT; bad input is 422 and changes nothing; a published project is 409 and keeps every field', async ({
    client,
    assert,
  }) => {
    const owner = await demoOwner()
    const created = await client
      .post('/api/v1/projects')
      .json(draftBody)
      .withGuard('api')
      .loginAs(owner)
    const id = created.body().id

    const edited = await client
      .put(`/api/v1/projects/${id}`)
      .json({ ...draftBody, ceilingPriceFen: 7_000_000 })
      .withGuard('api')
      .loginAs(owner)
    edited.assertStatus(200)

    const refused = await client
      .put(`/api/v1/projects/${id}`)
      .json({ ...draftBody, ceilingPriceFen: -1 })
      .withGuard('api')
      .loginAs(owner)
    refused.assertStatus(422)
    assert.equal(await ceilingOf(id), 7_000_000)

    const published = await client
      .post(`/api/v1/projects/${id}/publish`)
      .json({})
      .withGuard('api')
      .loginAs(owner)
    published.assertStatus(200)
    const late = await client
      .put(`/api/v1/projects/${id}`)
      .json({ ...draftBody, ceilingPriceFen: 1_000_000 })
      .withGuard('api')
      .loginAs(owner)
    late.assertStatus(409)
    assert.equal(await ceilingOf(id), 7_000_000)

    // The page of a published project offers no editing: the edit address leads back to it.
    const page = await client.get(`/owner/projects/${id}/edit`).loginAs(owner).redirects(0)
    page.assertStatus(302)
    assert.equal(page.header('location'), `/projects/${id}`)
  })

  test('another owner may not edit the draft', async ({ client }) => {
    const owner = await demoOwner()
    const created = await client
      .post('/api/v1/projects')
      .json(draftBody)
      .withGuard('api')
      .loginAs(owner)
    const other = await createUserWithRole('owner')
    const answer = await client
      .put(`/api/v1/projects/${created.body().id}`)
      .json(draftBody)
      .withGuard('api')
      .loginAs(other)
    answer.assertStatus(403)
  })
})
