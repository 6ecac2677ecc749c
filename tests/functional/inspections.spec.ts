// Fixtures read best as `(await agency(1)).organizationId`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld } from '#tests/worlds'
import User from '#models/user'
import { UserFactory } from '#database/factories/account_factories'
import { clock } from '#services/clock'
import { verifyAuditLog } from '#services/audit_log'
import { disguisedProgram, textPdf } from '#tests/file_fixtures'

const NOW = new Date('2026-09-29T02:00:00Z')
const user = (email: string) => User.findByOrFail('email', email)
const demoRegulator = () => user('regulator@demo.example.com')
const agency = (n: number) => user(`agency${n}@demo.example.com`)
/** Agencies 1, 5, 6, 7, 8 offer ZJ-001. */
const ZJ_001_AGENCIES = [1, 5, 6, 7, 8]

/** Another inspector of the regulator's department. */
async function colleague(fullName: string) {
  const regulator = await demoRegulator()
  return UserFactory.merge({
    role: 'regulator',
    organizationId: regulator.organizationId,
    fullName,
  }).create()
}

function api(client: any, method: 'get' | 'post', url: string, as?: User) {
  const request = client[method](url)
  return as ? request.withGuard('api').loginAs(as) : request
}

async function makePlan(client: any, body: Record<string, unknown>, as?: User) {
  return api(client, 'post', '/api/v1/regulator/inspections', as ?? (await demoRegulator())).json(
    body
  )
}

async function scoreOf(organizationId: number) {
  const row = await db
    .from('agency_profiles')
    .where('organization_id', organizationId)
    .select('credit_score')
    .firstOrFail()
  return Number(row.credit_score)
}

test.group('Random inspections (双随机、一公开)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('a regulator makes a plan: agencies in scope and inspectors are drawn at once, and anyone recomputes both draws', async ({
    client,
    assert,
  }) => {
    await colleague('赵检查')
    await colleague('钱检查')
    const response = await makePlan(client, {
      agencyCount: 3,
      inspectorCount: 2,
      itemCode: 'ZJ-001',
      name: '2026 年第三季度环评机构抽查',
    })
    response.assertStatus(201)
    const plan = response.body()
    assert.equal(plan.name, '2026 年第三季度环评机构抽查')
    assert.deepEqual(plan.item.code, 'ZJ-001')
    assert.lengthOf(plan.agencies, 3)
    assert.lengthOf(plan.inspectors, 2)
    const inScope = await Promise.all(
      ZJ_001_AGENCIES.map(async (n) => (await agency(n)).organizationId)
    )
    for (const target of plan.agencies) assert.include(inScope, target.agency.id)
    assert.isTrue(plan.agencies.every((target: any) => target.outcome === null))

    const proof = await client.get(`/api/v1/public/inspections/${plan.id}/verify`)
    proof.assertStatus(200)
    assert.isTrue(proof.body().valid)
    assert.equal(proof.body().seed, plan.seed)
    assert.equal(proof.body().algorithm, 'market-draw-v1')
    assert.deepEqual(
      proof.body().candidates,
      [...inScope].sort((a, b) => a - b)
    )
    assert.deepEqual(
      proof.body().picks,
      plan.agencies.map((target: any) => target.agency.id)
    )
    assert.deepEqual(
      proof.body().draws[1].picks,
      plan.inspectors.map((inspector: any) => inspector.id)
    )
    const page = await client.get(`/inspections/${plan.id}`)
    page.assertStatus(200)
    page.assertTextIncludes('重新计算一致')
    page.assertTextIncludes(plan.seed)
    assert.isTrue((await verifyAuditLog()).valid)
  })

  test('counts above the candidates, zero counts and unknown items are refused with 422; owners and agencies get 403', async ({
    client,
    assert,
  }) => {
    await colleague('赵检查')
    const fieldsOf = (response: any) => response.body().errors.map((error: any) => error.field)

    const tooMany = await makePlan(client, {
      agencyCount: 6,
      inspectorCount: 1,
      itemCode: 'ZJ-001',
    })
    tooMany.assertStatus(422)
    assert.deepEqual(fieldsOf(tooMany), ['agencyCount'])
    assert.include(tooMany.body().errors[0].message, '5')
    const tooManyInspectors = await makePlan(client, { agencyCount: 1, inspectorCount: 3 })
    tooManyInspectors.assertStatus(422)
    assert.deepEqual(fieldsOf(tooManyInspectors), ['inspectorCount'])
    const zero = await makePlan(client, { agencyCount: 0, inspectorCount: 0 })
    zero.assertStatus(422)
    assert.sameMembers(fieldsOf(zero), ['agencyCount', 'inspectorCount'])
    const unknownItem = await makePlan(client, {
      agencyCount: 1,
      inspectorCount: 1,
      itemCode: 'NO-SUCH',
    })
    unknownItem.assertStatus(422)
    assert.deepEqual(fieldsOf(unknownItem), ['itemCode'])
    // No demo agency is in Beijing.
    const outOfRegion = await makePlan(client, {
      agencyCount: 1,
      inspectorCount: 1,
      itemCode: 'ZJ-001',
      regionCode: '110000',
    })
    outOfRegion.assertStatus(422)

    const byOwner = await makePlan(
      client,
      { agencyCount: 1, inspectorCount: 1 },
      await user('owner@demo.example.com')
    )
    byOwner.assertStatus(403)
    const byAgency = await makePlan(client, { agencyCount: 1, inspectorCount: 1 }, await agency(1))
    byAgency.assertStatus(403)
    assert.equal(Number((await db.from('inspection_plans').count('* as n'))[0].n), 0)
  })

  test('an inspector related to a drawn agency is never drawn: a declared relation, or a practitioner of the same name', async ({
    client,
    assert,
  }) => {
    const regulator = await demoRegulator()
    const related = await colleague('赵检查')
    // 李秀英 is a manager named by agency 1.
    const namesake = await colleague('李秀英')
    const agencyOne = (await agency(1)).organizationId
    for (const n of ZJ_001_AGENCIES) {
      const declared = await api(
        client,
        'post',
        '/api/v1/regulator/inspection-recusals',
        regulator
      ).json({
        userId: related.id,
        agencyId: (await agency(n)).organizationId,
        reason: '曾在该机构任职',
      })
      declared.assertStatus(201)
    }
    const again = await api(
      client,
      'post',
      '/api/v1/regulator/inspection-recusals',
      regulator
    ).json({
      userId: related.id,
      agencyId: agencyOne,
      reason: '曾在该机构任职',
    })
    again.assertStatus(409)
    const notInspector = await api(
      client,
      'post',
      '/api/v1/regulator/inspection-recusals',
      regulator
    ).json({
      userId: (await agency(1)).id,
      agencyId: agencyOne,
      reason: '不是检查人员',
    })
    notInspector.assertStatus(422)

    // Every ZJ-001 agency is drawn: only the world's regulator remains.
    const tooFew = await makePlan(client, { agencyCount: 5, inspectorCount: 2, itemCode: 'ZJ-001' })
    tooFew.assertStatus(422)
    assert.include(tooFew.body().errors[0].message, '1')
    const plan = await makePlan(client, { agencyCount: 5, inspectorCount: 1, itemCode: 'ZJ-001' })
    plan.assertStatus(201)
    assert.deepEqual(
      plan.body().inspectors.map((inspector: any) => inspector.id),
      [regulator.id]
    )
    const proof = (await client.get(`/api/v1/public/inspections/${plan.body().id}/verify`)).body()
    assert.isTrue(proof.valid)
    assert.deepInclude(proof.excludedInspectors, {
      userId: namesake.id,
      agencyId: agencyOne,
      reason: 'practitionerName',
    })
    assert.deepInclude(proof.excludedInspectors, {
      userId: related.id,
      agencyId: agencyOne,
      reason: 'declaredRecusal',
    })
    assert.deepEqual(proof.draws[1].candidates, [regulator.id])
    const page = await client.get(`/inspections/${plan.body().id}`)
    page.assertTextIncludes(`检查人员 #${related.id} 与机构 #${agencyOne}：已申报回避`)
    const english = await client
      .get(`/inspections/${plan.body().id}`)
      .withPlainCookie('locale', 'en')
    english.assertTextIncludes('same name as one of the agency')
  })

  test('a drawn inspector records each result once, with files and a credit penalty; others get 403, a second result 409', async ({
    client,
    assert,
  }) => {
    const regulator = await demoRegulator()
    const other = await colleague('赵检查')
    const plan = (
      await makePlan(client, { agencyCount: 2, inspectorCount: 1, itemCode: 'ZJ-001' })
    ).body()
    const drawnId = plan.inspectors[0].id
    const inspector = drawnId === regulator.id ? regulator : other
    const bystander = drawnId === regulator.id ? other : regulator
    const target = plan.agencies[0].agency.id
    const url = `/api/v1/regulator/inspections/${plan.id}/results`
    const before = await scoreOf(target)

    const notDrawn = await api(client, 'post', url, bystander).json({
      agencyId: target,
      outcome: 'qualified',
      note: '资料齐全，执业规范',
    })
    notDrawn.assertStatus(403)
    const byAgency = await api(client, 'post', url, await agency(1)).json({
      agencyId: target,
      outcome: 'qualified',
      note: '资料齐全，执业规范',
    })
    byAgency.assertStatus(403)
    const penaltyWhenCompliant = await api(client, 'post', url, inspector).json({
      agencyId: target,
      outcome: 'qualified',
      note: '资料齐全，执业规范',
      creditPoints: -5,
    })
    penaltyWhenCompliant.assertStatus(422)
    const undrawnAgency = await api(client, 'post', url, inspector).json({
      agencyId: (await agency(2)).organizationId,
      outcome: 'qualified',
      note: '资料齐全，执业规范',
    })
    undrawnAgency.assertStatus(422)
    const disguised = await api(client, 'post', url, inspector)
      .field('agencyId', String(target))
      .field('outcome', 'rectification')
      .field('note', '报告底稿缺失')
      .file('files[]', await disguisedProgram())
    disguised.assertStatus(422)

    const recorded = await api(client, 'post', url, inspector)
      .field('agencyId', String(target))
      .field('outcome', 'rectification')
      .field('note', '报告底稿缺失，责令 15 日内整改')
      .field('creditPoints', '-5')
      .file('files[]', await textPdf('inspection record'))
    recorded.assertStatus(201)
    assert.isNumber(recorded.body().creditEventId)
    assert.equal(await scoreOf(target), before - 5)
    const event = await db.from('credit_events').where('id', recorded.body().creditEventId).first()
    assert.equal(event.type, 'regulator_penalty')
    assert.equal(event.evidence_type, 'inspection_target')

    const second = await api(client, 'post', url, inspector).json({
      agencyId: target,
      outcome: 'qualified',
      note: '重复记录',
    })
    second.assertStatus(409)
    assert.equal(await scoreOf(target), before - 5)

    // 一公开: the result is on the public list, the plan page and the agency's page.
    const list = await client.get('/api/v1/public/inspections')
    list.assertStatus(200)
    const published = list.body().data.find((row: any) => row.id === plan.id)
    const result = published.agencies.find((row: any) => row.agency.id === target)
    assert.include(result, { outcome: 'rectification', fileCount: 1 })
    assert.notProperty(result, 'files')
    const portal = await client.get('/inspections')
    portal.assertTextIncludes('责令整改')
    portal.assertTextIncludes('报告底稿缺失，责令 15 日内整改')
    const agencyPage = await client.get(`/agencies/${target}`)
    agencyPage.assertTextIncludes(plan.name)
    agencyPage.assertTextIncludes('责令整改')

    // The evidence goes to staff and the inspected agency only.
    const [file] = await db.from('inspection_files')
    const guest = await client.get(`/inspection-files/${file.id}`).redirects(0)
    guest.assertStatus(302)
    const inspected = await User.query()
      .where('organization_id', target)
      .where('role', 'agency')
      .firstOrFail()
    ;(await client.get(`/inspection-files/${file.id}`).loginAs(inspected)).assertStatus(200)
    const stranger = (await agency(2)).organizationId === target ? await agency(3) : await agency(2)
    ;(await client.get(`/inspection-files/${file.id}`).loginAs(stranger)).assertStatus(403)
    ;(await client.get(`/inspection-files/${file.id}`).loginAs(bystander)).assertStatus(200)
    assert.isTrue((await verifyAuditLog()).valid)
  })

  test('regulators work from the pages: the form draws a plan, the plan page offers the result forms to the drawn inspector only', async ({
    client,
    assert,
  }) => {
    const regulator = await demoRegulator()
    const dashboard = await client.get('/dashboard/regulator').loginAs(regulator)
    dashboard.assertTextIncludes('/regulator/inspections')
    const desk = await client.get('/regulator/inspections').loginAs(regulator)
    desk.assertStatus(200)
    const refused = await client
      .post('/regulator/inspections')
      .form({ agencyCount: '99', inspectorCount: '1' })
      .loginAs(regulator)
      .withCsrfToken()
      .redirects(0)
    refused.assertStatus(302)
    assert.property(refused.flashMessages().inputErrorsBag, 'agencyCount')

    const made = await client
      .post('/regulator/inspections')
      .form({ agencyCount: '2', inspectorCount: '1', itemCode: 'ZJ-001', regionCode: '' })
      .loginAs(regulator)
      .withCsrfToken()
      .redirects(0)
    made.assertStatus(302)
    const plan = await db.from('inspection_plans').firstOrFail()
    made.assertHeader('location', `/regulator/inspections/${plan.id}`)
    const page = await client.get(`/regulator/inspections/${plan.id}`).loginAs(regulator)
    page.assertStatus(200)
    page.assertTextIncludes('记录并公开')
    const target = await db.from('inspection_targets').where('plan_id', plan.id).firstOrFail()
    const recorded = await client
      .post(`/regulator/inspections/${plan.id}/results`)
      .form({
        agencyId: String(target.organization_id),
        outcome: 'case_opened',
        note: '涉嫌出具虚假报告',
      })
      .loginAs(regulator)
      .withCsrfToken()
      .redirects(0)
    recorded.assertStatus(302)
    const after = await client.get(`/regulator/inspections/${plan.id}`).loginAs(regulator)
    after.assertTextIncludes(`/regulator/bans/new?agencyId=${target.organization_id}`)
    const banForm = await client
      .get(`/regulator/bans/new?agencyId=${target.organization_id}`)
      .loginAs(regulator)
    banForm.assertTextIncludes(`value="${target.organization_id}"`)

    const other = await colleague('赵检查')
    const notDrawn = await client.get(`/regulator/inspections/${plan.id}`).loginAs(other)
    notDrawn.assertTextIncludes('只有本计划抽中的检查人员可以记录结果')
    const owner = await client
      .get('/regulator/inspections')
      .loginAs(await user('owner@demo.example.com'))
    owner.assertStatus(403)
    const portal = await client.get('/')
    portal.assertTextIncludes('href="/inspections"')
  })
})
