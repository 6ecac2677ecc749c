import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import DemoSeeder from '#database/seeders/demo_seeder'
import { demoAgency, demoOwner } from '#tests/selection_fixtures'

test.group('The project form: the method first, then only its fields', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(() => new DemoSeeder(db.connection()).run())

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
