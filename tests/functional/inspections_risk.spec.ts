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
import { recordCreditEvent } from '#services/credit_ledger'
import { drawCandidates } from '#domain/verifiable_draw'
import { drawCountOf } from '#domain/inspection_risk'

const NOW = new Date('2026-09-29T02:00:00Z')
const user = (email: string) => User.findByOrFail('email', email)
const demoRegulator = () => user('regulator@demo.example.com')
const agency = (n: number) => user(`agency${n}@demo.example.com`)
const ascending = (ids: number[]) => [...ids].sort((a, b) => a - b)

function makePlan(client: any, body: Record<string, unknown>, as: User) {
  return client.post('/api/v1/regulator/inspections').withGuard('api').loginAs(as).json(body)
}

async function setScore(organizationId: number, score: number) {
  await db
    .from('agency_profiles')
    .where('organization_id', organizationId)
    .update({ credit_score: score })
}

/**
 * The ZJ-001 market (agencies 1, 5, 6, 7, 8) classed by risk: agency 5 is
 * grade D and agency 7 has two negative credit events this year — high risk;
 * agency 1 is grade A with nothing against it — low risk; 6 and 8 (grade B)
 * are medium.
 */
async function riskMarket() {
  const [a1, a5, a6, a7, a8] = await Promise.all([1, 5, 6, 7, 8].map(agency))
  const regulator = await demoRegulator()
  await db.transaction(async (trx) => {
    for (const reason of ['逾期提交成果', '未按约定签订合同']) {
      await recordCreditEvent(trx, {
        organizationId: a7.organizationId,
        type: 'regulator_penalty',
        points: -1,
        reason,
        actor: regulator,
      })
    }
  })
  await setScore(a1.organizationId, 95)
  await setScore(a5.organizationId, 50)
  await setScore(a6.organizationId, 80)
  await setScore(a7.organizationId, 85)
  await setScore(a8.organizationId, 80)
  return {
    high: ascending([a5.organizationId, a7.organizationId]),
    medium: ascending([a6.organizationId, a8.organizationId]),
    low: [a1.organizationId],
  }
}

test.group('Random inspections weighted by risk (信用风险分类抽查)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('a plan by risk class draws ceil(ratio × size) from each class and publishes the classes, ratios and candidates', async ({
    client,
    assert,
  }) => {
    const classes = await riskMarket()
    const regulator = await demoRegulator()
    const response = await makePlan(
      client,
      {
        sampling: 'risk',
        ratios: { high: 5000, medium: 5000, low: 10_000 },
        inspectorCount: 1,
        itemCode: 'ZJ-001',
      },
      regulator
    )
    response.assertStatus(201)
    const plan = response.body()
    assert.equal(plan.sampling, 'risk')
    assert.deepEqual(plan.riskClasses, [
      { riskClass: 'high', ratioBp: 5000, size: 2, count: 1, notDue: [] },
      { riskClass: 'medium', ratioBp: 5000, size: 2, count: 1, notDue: [] },
      { riskClass: 'low', ratioBp: 10_000, size: 1, count: 1, notDue: [] },
    ])
    assert.equal(plan.agencyCount, 3)
    assert.deepEqual(
      plan.agencies.map((target: any) => target.riskClass),
      ['high', 'medium', 'low']
    )
    assert.include(classes.high, plan.agencies[0].agency.id)
    assert.include(classes.medium, plan.agencies[1].agency.id)
    assert.equal(plan.agencies[2].agency.id, classes.low[0])

    const proof = (await client.get(`/api/v1/public/inspections/${plan.id}/verify`)).body()
    assert.isTrue(proof.valid)
    assert.deepEqual(
      proof.draws.map((draw: any) => draw.purpose),
      [
        'inspection-agencies-high',
        'inspection-agencies-medium',
        'inspection-agencies-low',
        'inspection-inspectors',
      ]
    )
    for (const [index, riskClass] of (['high', 'medium', 'low'] as const).entries()) {
      const draw = proof.draws[index]
      assert.deepEqual(draw.candidates, classes[riskClass])
      // Anyone recomputes each class from the published seed, candidates and ratio.
      const count = drawCountOf(draw.ratioBp, draw.candidates.length)
      assert.deepEqual(
        draw.picks,
        drawCandidates(proof.drawSeed, draw.purpose, draw.candidates, count)
      )
    }
    assert.deepEqual(
      proof.picks,
      plan.agencies.map((target: any) => target.agency.id)
    )
    assert.isTrue((await verifyAuditLog()).valid)
    const audit = await db.from('audit_events').where('action', 'inspection.plan_drawn').first()
    assert.equal(JSON.parse(audit.payload).sampling, 'risk')
  })

  test('ratios left out come from the rule set in force, which /rules shows', async ({
    client,
    assert,
  }) => {
    const rules = await client.get('/rules')
    rules.assertTextIncludes('抽查比例：高风险机构')
    rules.assertTextIncludes('两次抽查最短间隔：低风险机构')
    await riskMarket()
    const response = await makePlan(
      client,
      { sampling: 'risk', inspectorCount: 1, itemCode: 'ZJ-001' },
      await demoRegulator()
    )
    response.assertStatus(201)
    assert.deepEqual(
      response.body().riskClasses.map((entry: any) => [entry.ratioBp, entry.count]),
      [
        [3000, 1],
        [1000, 1],
        [300, 1],
      ]
    )
  })

  test('a ratio outside 0–100 %, a uniform plan without a count and ratios that draw nobody are refused with 422; agencies and owners get 403', async ({
    client,
    assert,
  }) => {
    await riskMarket()
    const regulator = await demoRegulator()
    const fieldsOf = (response: any) => response.body().errors.map((error: any) => error.field)
    const above = await makePlan(
      client,
      { sampling: 'risk', ratios: { high: 10_001, low: -1 }, inspectorCount: 1 },
      regulator
    )
    above.assertStatus(422)
    assert.sameMembers(fieldsOf(above), ['ratios.high', 'ratios.low'])
    const noCount = await makePlan(client, { inspectorCount: 1 }, regulator)
    noCount.assertStatus(422)
    assert.deepEqual(fieldsOf(noCount), ['agencyCount'])
    const nobody = await makePlan(
      client,
      { sampling: 'risk', ratios: { high: 0, medium: 0, low: 0 }, inspectorCount: 1 },
      regulator
    )
    nobody.assertStatus(422)
    assert.deepEqual(fieldsOf(nobody), ['ratios'])
    for (const outsider of [await agency(1), await user('owner@demo.example.com')]) {
      const refused = await makePlan(
        client,
        { sampling: 'risk', inspectorCount: 1, itemCode: 'ZJ-001' },
        outsider
      )
      refused.assertStatus(403)
    }
    assert.lengthOf(await db.from('inspection_plans'), 0)
  })

  test('the desk form explains and draws by risk class; the public page shows each class draw recomputed', async ({
    client,
    assert,
  }) => {
    await riskMarket()
    const regulator = await demoRegulator()
    await UserFactory.merge({
      role: 'regulator',
      organizationId: regulator.organizationId,
      fullName: '赵检查',
    }).create()
    const desk = await client.get('/regulator/inspections').loginAs(regulator)
    desk.assertTextIncludes('按信用风险分类')
    desk.assertTextIncludes('name="ratios[high]"')
    desk.assertTextIncludes('value="3000"')

    const refused = await client
      .post('/regulator/inspections')
      .form({ 'sampling': 'risk', 'ratios[high]': '12000', 'inspectorCount': '1' })
      .loginAs(regulator)
      .withCsrfToken()
      .redirects(0)
    refused.assertStatus(302)
    const errors = refused.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.include(errors['ratios.high'][0], '高风险抽查比例')

    const made = await client
      .post('/regulator/inspections')
      .form({
        'sampling': 'risk',
        'agencyCount': '',
        'ratios[high]': '10000',
        'ratios[medium]': '5000',
        'ratios[low]': '0',
        'inspectorCount': '1',
        'itemCode': 'ZJ-001',
      })
      .loginAs(regulator)
      .withCsrfToken()
      .redirects(0)
    made.assertStatus(302)
    const plan = await db.from('inspection_plans').firstOrFail()
    assert.equal(plan.sampling, 'risk')
    const targets = await db.from('inspection_targets').where('plan_id', plan.id)
    assert.sameMembers(
      targets.map((target) => target.risk_class),
      ['high', 'high', 'medium']
    )
    const page = await client.get(`/inspections/${plan.id}`)
    page.assertStatus(200)
    page.assertTextIncludes('按信用风险分类抽取')
    page.assertTextIncludes('inspection-agencies-high')
    page.assertTextIncludes('inspection-agencies-low')
    page.assertTextIncludes('高风险机构复算一致')
    page.assertTextIncludes('重新计算一致')
    // The browser's own recomputation is given every class draw as data.
    page.assertTextIncludes('data-island="draw-verification"')
    page.assertTextIncludes('&quot;purpose&quot;:&quot;inspection-agencies-medium&quot;')
  })

  test('a uniform plan made before risk classes still verifies as it did', async ({
    client,
    assert,
  }) => {
    const response = await makePlan(
      client,
      { agencyCount: 2, inspectorCount: 1, itemCode: 'ZJ-001' },
      await demoRegulator()
    )
    response.assertStatus(201)
    assert.equal(response.body().sampling, 'uniform')
    assert.isNull(response.body().riskClasses)
    const proof = (
      await client.get(`/api/v1/public/inspections/${response.body().id}/verify`)
    ).body()
    assert.isTrue(proof.valid)
    assert.deepEqual(
      proof.draws.map((draw: any) => draw.purpose),
      ['inspection-agencies', 'inspection-inspectors']
    )
    assert.isTrue(response.body().agencies.every((target: any) => target.riskClass === null))
  })

  test('the drawn agencies are notified when the plan is drawn and when their result is published, and see both on their dashboard', async ({
    client,
    assert,
  }) => {
    const classes = await riskMarket()
    const regulator = await demoRegulator()
    const response = await makePlan(
      client,
      {
        sampling: 'risk',
        ratios: { high: 10_000, medium: 0, low: 0 },
        inspectorCount: 1,
        itemCode: 'ZJ-001',
        name: '高风险环评机构专项抽查',
      },
      regulator
    )
    response.assertStatus(201)
    const plan = response.body()
    const drawn = plan.agencies.map((target: any) => target.agency.id)
    assert.deepEqual(ascending(drawn), classes.high)
    const notices = await db.from('notifications').where('kind', 'inspection.drawn')
    assert.sameMembers(
      notices.map((row) => Number(row.organization_id)),
      classes.high
    )
    assert.equal(JSON.parse(notices[0].data).plan, '高风险环评机构专项抽查')

    const a5 = await agency(5)
    const dashboard = await client.get('/dashboard/agency').loginAs(a5)
    dashboard.assertStatus(200)
    dashboard.assertTextIncludes('高风险环评机构专项抽查')
    dashboard.assertTextIncludes(`/inspections/${plan.id}`)
    const inbox = await client.get('/notifications').loginAs(a5)
    inbox.assertTextIncludes('贵机构被列入双随机抽查')
    // An agency not drawn hears nothing.
    const a1 = await agency(1)
    assert.lengthOf(
      await db
        .from('notifications')
        .where('organization_id', a1.organizationId)
        .where('kind', 'inspection.drawn'),
      0
    )

    const inspector = await User.findOrFail(plan.inspectors[0].id)
    const recorded = await client
      .post(`/api/v1/regulator/inspections/${plan.id}/results`)
      .withGuard('api')
      .loginAs(inspector)
      .json({
        agencyId: a5.organizationId,
        outcome: 'rectification',
        note: '未按规定留存原始记录',
        creditPoints: -5,
      })
    recorded.assertStatus(201)
    const result = await db
      .from('notifications')
      .where('kind', 'inspection.result')
      .where('organization_id', a5.organizationId)
      .firstOrFail()
    assert.equal(JSON.parse(result.data).outcome, 'rectification')
    // The published result feeds the agency's credit record, as a regulator's penalty.
    const event = await db
      .from('credit_events')
      .where('organization_id', a5.organizationId)
      .where('type', 'regulator_penalty')
      .firstOrFail()
    assert.equal(Number(event.points), -5)
    const after = await client.get('/dashboard/agency').loginAs(a5)
    after.assertTextIncludes('责令整改')
  })

  test('抽查频次: an agency drawn lately is left out of its class until the class interval has passed', async ({
    client,
    assert,
  }) => {
    const classes = await riskMarket()
    const regulator = await demoRegulator()
    const body = {
      sampling: 'risk',
      ratios: { high: 10_000, medium: 10_000, low: 10_000 },
      inspectorCount: 1,
      itemCode: 'ZJ-001',
    }
    ;(await makePlan(client, body, regulator)).assertStatus(201)
    // A month later: high risk (no interval) is drawn again; medium (6 months) and low (12) are not.
    clock.freeze(new Date('2026-10-29T02:00:00Z'))
    const later = await makePlan(client, body, regulator)
    later.assertStatus(201)
    assert.deepEqual(
      later.body().riskClasses.map((entry: any) => [entry.size, entry.count, entry.notDue]),
      [
        [2, 2, []],
        [0, 0, classes.medium],
        [0, 0, classes.low],
      ]
    )
    const proof = (await client.get(`/api/v1/public/inspections/${later.body().id}/verify`)).body()
    assert.isTrue(proof.valid)
    assert.deepEqual(proof.candidates, classes.high)
    // Seven months on, medium-risk agencies are due again; the low-risk one is not yet.
    clock.freeze(new Date('2027-04-29T02:00:00Z'))
    const after = await makePlan(client, body, regulator)
    assert.deepEqual(
      after.body().riskClasses.map((entry: any) => entry.size),
      [2, 2, 0]
    )
  })
})
