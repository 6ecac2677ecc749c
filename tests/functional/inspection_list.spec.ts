// Fixtures read best as `(await user(…)).organizationId`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld } from '#tests/worlds'
import User from '#models/user'
import { clock } from '#services/clock'
import { verifyAuditLog } from '#services/audit_log'

const NOW = new Date('2026-09-29T02:00:00Z')
const user = (email: string) => User.findByOrFail('email', email)
const demoRegulator = () => user('regulator@demo.example.com')

function api(client: any, method: 'get' | 'post' | 'put', url: string, as?: User) {
  const request = client[method](url)
  return as ? request.withGuard('api').loginAs(as) : request
}

const ENTRY = {
  itemCode: 'ZJ-001',
  subject: '执业人员资格与备案信息是否一致',
  legalBasis: '《中介服务管理办法》第十条',
}

test.group('Inspection list (抽查事项清单)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('a regulator adds and rewrites entries; everyone reads the list by item, in the API and on /inspections', async ({
    client,
    assert,
  }) => {
    const regulator = await demoRegulator()
    const created = await api(client, 'post', '/api/v1/regulator/inspection-list', regulator).json(
      ENTRY
    )
    created.assertStatus(201)
    assert.containsSubset(created.body(), {
      item: { code: 'ZJ-001' },
      subject: ENTRY.subject,
      legalBasis: ENTRY.legalBasis,
    })
    await api(client, 'post', '/api/v1/regulator/inspection-list', regulator).json({
      ...ENTRY,
      itemCode: 'ZJ-002',
      subject: '是否按规定收费并公示收费标准',
    })
    const updated = await api(
      client,
      'put',
      `/api/v1/regulator/inspection-list/${created.body().id}`,
      regulator
    ).json({ ...ENTRY, legalBasis: '《中介服务管理办法》第十二条' })
    updated.assertStatus(200)
    assert.equal(updated.body().legalBasis, '《中介服务管理办法》第十二条')

    const all = await client.get('/api/v1/public/inspection-list')
    assert.deepEqual(
      all.body().data.map((entry: any) => entry.item.code),
      ['ZJ-001', 'ZJ-002']
    )
    const one = await client.get('/api/v1/public/inspection-list?itemCode=ZJ-002')
    assert.deepEqual(
      one.body().data.map((entry: any) => entry.subject),
      ['是否按规定收费并公示收费标准']
    )
    // Text from regulators is shown as text, never as markup.
    await api(client, 'post', '/api/v1/regulator/inspection-list', regulator).json({
      ...ENTRY,
      subject: '<script>alert(1)</script>是否',
    })
    const page = await client.get('/inspections')
    assert.notInclude(page.text(), '<script>alert(1)</script>')
    page.assertTextIncludes('&lt;script&gt;alert(1)&lt;/script&gt;是否')
    page.assertTextIncludes('抽查事项清单')
    page.assertTextIncludes('《中介服务管理办法》第十二条')
    const audit = await db
      .from('audit_events')
      .whereIn('action', ['inspection.list_entry_created', 'inspection.list_entry_updated'])
    assert.lengthOf(audit, 4)
    assert.isTrue((await verifyAuditLog()).valid)
  })

  test('an unknown item or a short text is refused with 422; agencies, owners and visitors cannot keep the list', async ({
    client,
    assert,
  }) => {
    const regulator = await demoRegulator()
    const fieldsOf = (response: any) => response.body().errors.map((error: any) => error.field)
    const unknown = await api(client, 'post', '/api/v1/regulator/inspection-list', regulator).json({
      ...ENTRY,
      itemCode: 'NO-SUCH',
    })
    unknown.assertStatus(422)
    assert.deepEqual(fieldsOf(unknown), ['itemCode'])
    const short = await api(client, 'post', '/api/v1/regulator/inspection-list', regulator).json({
      ...ENTRY,
      subject: '查',
      legalBasis: '',
    })
    short.assertStatus(422)
    assert.sameMembers(fieldsOf(short), ['subject', 'legalBasis'])
    for (const email of ['agency5@demo.example.com', 'owner@demo.example.com']) {
      const refused = await api(
        client,
        'post',
        '/api/v1/regulator/inspection-list',
        await user(email)
      ).json(ENTRY)
      refused.assertStatus(403)
    }
    ;(await api(client, 'post', '/api/v1/regulator/inspection-list').json(ENTRY)).assertStatus(401)
    const desk = await client
      .get('/regulator/inspection-list')
      .loginAs(await user('agency5@demo.example.com'))
    desk.assertStatus(403)
    assert.lengthOf(await db.from('inspection_list_entries'), 0)
  })

  test('a plan names the entries it covers, shown with it; an entry of another item or an unknown one is refused', async ({
    client,
    assert,
  }) => {
    const regulator = await demoRegulator()
    const own = (
      await api(client, 'post', '/api/v1/regulator/inspection-list', regulator).json(ENTRY)
    ).body()
    const other = (
      await api(client, 'post', '/api/v1/regulator/inspection-list', regulator).json({
        ...ENTRY,
        itemCode: 'ZJ-002',
      })
    ).body()
    const plan = { agencyCount: 1, inspectorCount: 1, itemCode: 'ZJ-001' }
    const outside = await api(client, 'post', '/api/v1/regulator/inspections', regulator).json({
      ...plan,
      entryIds: [own.id, other.id],
    })
    outside.assertStatus(422)
    assert.equal(outside.body().errors[0].field, 'entryIds')
    assert.include(outside.body().errors[0].message, 'ZJ-001')
    const missing = await api(client, 'post', '/api/v1/regulator/inspections', regulator).json({
      ...plan,
      entryIds: [own.id + 1000],
    })
    missing.assertStatus(422)
    assert.lengthOf(await db.from('inspection_plans'), 0)

    const made = await api(client, 'post', '/api/v1/regulator/inspections', regulator).json({
      ...plan,
      entryIds: [own.id],
    })
    made.assertStatus(201)
    assert.deepEqual(
      made.body().entries.map((entry: any) => entry.subject),
      [ENTRY.subject]
    )
    const listed = await client.get('/api/v1/public/inspections')
    assert.deepEqual(
      listed.body().data[0].entries.map((entry: any) => entry.id),
      [own.id]
    )
    const page = await client.get(`/inspections/${made.body().id}`)
    page.assertTextIncludes('涵盖的抽查事项')
    page.assertTextIncludes(ENTRY.legalBasis)
    // A plan over every item may cover any item's entries.
    const wide = await api(client, 'post', '/api/v1/regulator/inspections', regulator).json({
      agencyCount: 1,
      inspectorCount: 1,
      entryIds: [own.id, other.id],
    })
    wide.assertStatus(201)
    assert.lengthOf(wide.body().entries, 2)
  })

  test('regulators keep the list and choose entries from the pages', async ({ client, assert }) => {
    const regulator = await demoRegulator()
    const desk = await client.get('/regulator/inspection-list').loginAs(regulator)
    desk.assertStatus(200)
    const created = await client
      .post('/regulator/inspection-list')
      .form(ENTRY)
      .loginAs(regulator)
      .withCsrfToken()
      .redirects(0)
    created.assertStatus(302)
    const entry = await db.from('inspection_list_entries').firstOrFail()
    const refused = await client
      .post(`/regulator/inspection-list/${entry.id}`)
      .form({ ...ENTRY, subject: '' })
      .loginAs(regulator)
      .withCsrfToken()
      .redirects(0)
    refused.assertStatus(302)
    assert.property(refused.flashMessages().inputErrorsBag, 'subject')
    const updated = await client
      .post(`/regulator/inspection-list/${entry.id}`)
      .form({ ...ENTRY, subject: '是否存在超范围执业' })
      .loginAs(regulator)
      .withCsrfToken()
      .redirects(0)
    updated.assertStatus(302)
    const list = await client.get('/regulator/inspection-list').loginAs(regulator)
    list.assertTextIncludes('是否存在超范围执业')

    const planDesk = await client.get('/regulator/inspections').loginAs(regulator)
    planDesk.assertTextIncludes(`name="entryIds[]" value="${entry.id}"`)
    const made = await client
      .post('/regulator/inspections')
      .form({
        'agencyCount': '1',
        'inspectorCount': '1',
        'itemCode': 'ZJ-001',
        'entryIds[]': [String(entry.id)],
      })
      .loginAs(regulator)
      .withCsrfToken()
      .redirects(0)
    made.assertStatus(302)
    const plan = await db.from('inspection_plans').firstOrFail()
    const covered = await db.from('inspection_plan_entries').where('plan_id', plan.id)
    assert.deepEqual(
      covered.map((row) => Number(row.entry_id)),
      [Number(entry.id)]
    )
  })
})
