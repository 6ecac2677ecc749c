import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld } from '#tests/worlds'
import User from '#models/user'
import { idNumberCheckCharacter } from '#domain/id_card'
import { clock } from '#services/clock'

const user = (email: string) => User.findByOrFail('email', email)

test.group('Market bans (禁入) and the exposure list', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(new Date('2026-09-29T02:00:00Z'))
    return () => clock.unfreeze()
  })

  test('a regulator bans an agency; it is flagged, cannot bid or add items, and is exposed with reason and basis; lifting ends it', async ({
    client,
    assert,
  }) => {
    const regulator = await user('regulator@demo.example.com')
    const banned = await user('agency5@demo.example.com')
    const refused = await client
      .post('/api/v1/regulator/bans')
      .json({ reason: '出具虚假报告', legalBasis: '《行政许可法》', startsAt: '2026-09-01' })
      .withGuard('api')
      .loginAs(regulator)
    refused.assertStatus(422)
    const notRegulator = await client
      .post('/api/v1/regulator/bans')
      .json({
        agencyId: banned.organizationId,
        reason: '出具虚假报告',
        legalBasis: '《行政许可法》',
        startsAt: '2026-09-01',
      })
      .withGuard('api')
      .loginAs(await user('owner@demo.example.com'))
    notRegulator.assertStatus(403)
    const imposed = await client
      .post('/api/v1/regulator/bans')
      .json({
        agencyId: banned.organizationId,
        reason: '出具虚假环境影响报告',
        legalBasis: '《中华人民共和国环境影响评价法》第三十二条',
        startsAt: '2026-09-01',
        endsAt: '2029-09-01',
      })
      .withGuard('api')
      .loginAs(regulator)
    imposed.assertStatus(201)

    const directory = await client.get('/api/v1/agencies').qs({ item: 'ZJ-001' })
    const row = directory.body().data.find((entry: any) => entry.id === banned.organizationId)
    assert.isTrue(row.banned)
    const profile = await client.get(`/api/v1/agencies/${banned.organizationId}`)
    assert.isTrue(profile.body().banned)
    // The pages say so too, linked to the exposure list.
    const directoryPage = await client.get('/agencies').qs({ item: 'ZJ-001' })
    directoryPage.assertTextIncludes('class="badge badge-banned" href="/exposure">禁入</a>')
    assert.equal(directoryPage.text().split('badge-banned').length - 1, 1)
    const agencyPage = await client.get(`/agencies/${banned.organizationId}`)
    agencyPage.assertTextIncludes('该机构处于市场禁入期内')

    const moreItems = await client
      .put('/api/v1/agency/profile')
      .json({ items: ['ZJ-001', 'ZJ-002', 'ZJ-005'], region: '510100' })
      .withGuard('api')
      .loginAs(banned)
    moreItems.assertStatus(409)

    const exposure = await client.get('/api/v1/public/exposure')
    assert.include(exposure.body().data[0], {
      reason: '出具虚假环境影响报告',
      legalBasis: '《中华人民共和国环境影响评价法》第三十二条',
      inForce: true,
    })
    const page = await client.get('/exposure')
    page.assertTextIncludes('出具虚假环境影响报告')
    // The form's bare dates are Beijing days, shown as such on both databases.
    page.assertTextIncludes('2026-09-01 00:00 – 2029-09-01 00:00')

    const lifted = await client
      .post(`/api/v1/regulator/bans/${imposed.body().id}/lift`)
      .json({ reason: '行政复议撤销处罚决定' })
      .withGuard('api')
      .loginAs(regulator)
    lifted.assertStatus(204)
    const after = await client.get(`/api/v1/agencies/${banned.organizationId}`)
    assert.isFalse(after.body().banned)
    const pageAfter = await client.get(`/agencies/${banned.organizationId}`)
    assert.notInclude(pageAfter.text(), '该机构处于市场禁入期内')
    // The old address (deprecated, still answered) reaches the same lifting: already lifted.
    const again = await client
      .delete(`/api/v1/regulator/bans/${imposed.body().id}`)
      .json({ reason: '重复解除' })
      .withGuard('api')
      .loginAs(regulator)
    again.assertStatus(409)
  })

  test('a person banned under one agency is recognised under another by the ID hash; the ID number never shows', async ({
    client,
    assert,
  }) => {
    const regulator = await user('regulator@demo.example.com')
    // 周涛 manages agency 5 (tests/world_data.ts).
    const idNumber = '51010419790203008' + idNumberCheckCharacter('51010419790203008')
    const imposed = await client
      .post('/api/v1/regulator/bans')
      .json({
        personIdNumber: idNumber,
        personName: '周涛',
        reason: '作为项目负责人出具虚假报告',
        legalBasis: '《中介服务管理办法》',
        startsAt: '2026-09-01',
      })
      .withGuard('api')
      .loginAs(regulator)
    imposed.assertStatus(201)
    const agency5 = await user('agency5@demo.example.com')
    const profile = await client.get(`/api/v1/agencies/${agency5.organizationId}`)
    assert.isTrue(profile.body().banned)
    const page = await client.get(`/agencies/${agency5.organizationId}`)
    page.assertTextIncludes('该机构的管理人员 周涛 处于市场禁入期内')
    const exposure = await client.get('/api/v1/public/exposure')
    assert.notInclude(exposure.text(), idNumber)
    assert.include(exposure.body().data[0], { personName: '周涛', inForce: true })
    const [event] = await db.from('audit_events').where('action', 'ban.imposed')
    assert.notInclude(event.payload, idNumber)
  })
})
