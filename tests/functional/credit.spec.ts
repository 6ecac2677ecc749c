// Assertions read best as `(await scoreOf(5))`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import DemoSeeder from '#database/seeders/demo_seeder'
import User from '#models/user'
import { clock } from '#services/clock'
import { awardedProject } from '#tests/selection_fixtures'
import { recomputeAllScores, recordCreditEvent } from '#services/credit_ledger'

const NOW = new Date('2026-09-29T02:00:00Z')
const user = (email: string) => User.findByOrFail('email', email)
const agency = (n: number) => user(`agency${n}@demo.example.com`)

async function agencyId(n: number) {
  const account = await agency(n)
  return account.organizationId
}

async function scoreOf(n: number) {
  const row = await db
    .from('agency_profiles')
    .where('organization_id', await agencyId(n))
    .select('credit_score')
    .firstOrFail()
  return Number(row.credit_score)
}

test.group('Credit ledger', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await new DemoSeeder(db.connection()).run()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('refusing to sign after winning costs 10 points with the contract as evidence; the directory and the page explain it', async ({
    client,
    assert,
  }) => {
    const owner = await user('owner@demo.example.com')
    const projectId = await awardedProject(client, [[5, 5_000_000]])
    const contract = await client
      .get(`/api/v1/projects/${projectId}/contract`)
      .withGuard('api')
      .loginAs(owner)
    await client
      .post(`/api/v1/contracts/${contract.body().id}/refusal`)
      .json({ reason: '报价测算有误' })
      .withGuard('api')
      .loginAs(await agency(5))

    assert.equal(await scoreOf(5), 70)
    const profile = await client.get(`/api/v1/agencies/${await agencyId(5)}`)
    assert.deepInclude(profile.body().credit, { score: 70, grade: 'C' })
    const [event] = profile.body().credit.events
    assert.include(event, { type: 'refused_to_sign', points: -10, valid: true })
    assert.deepEqual(event.evidence, { type: 'contract', id: contract.body().id })

    const gradeC = await client.get('/api/v1/agencies').qs({ grade: 'C', item: 'ZJ-001' })
    assert.include(
      gradeC.body().data.map((row: any) => row.id),
      await agencyId(5)
    )
    const page = await client.get(`/agencies/${await agencyId(5)}`)
    page.assertTextIncludes('中选后拒签合同')
    page.assertTextIncludes('报价测算有误')
  })

  test('regulators record penalties and commendations with their own points; other events follow the rule table', async ({
    client,
    assert,
  }) => {
    const regulator = await user('regulator@demo.example.com')
    const record = async (body: Record<string, unknown>, as: User = regulator) =>
      client.post('/api/v1/regulator/credit-events').json(body).withGuard('api').loginAs(as)
    const target = await agencyId(1)
    ;(
      await record(
        { agencyId: target, type: 'regulator_penalty', points: -15, reason: '出具报告数据不实' },
        await user('owner@demo.example.com')
      )
    ).assertStatus(403)
    const ownPoints = await record({
      agencyId: target,
      type: 'upheld_complaint',
      points: -1,
      reason: '投诉查实',
    })
    ownPoints.assertStatus(422)
    const wrongSign = await record({
      agencyId: target,
      type: 'regulator_penalty',
      points: 5,
      reason: '出具报告数据不实',
    })
    wrongSign.assertStatus(422)

    const penalty = await record({
      agencyId: target,
      type: 'regulator_penalty',
      points: -15,
      reason: '出具报告数据不实',
    })
    penalty.assertStatus(201)
    assert.equal(penalty.body().score, 65)
    const complaint = await record({
      agencyId: target,
      type: 'upheld_complaint',
      reason: '投诉查实',
    })
    assert.equal(complaint.body().score, 55)
    // Grade D: no longer eligible anywhere.
    const rules = await client
      .get('/api/v1/regulator/credit-rules')
      .withGuard('api')
      .loginAs(regulator)
    assert.deepEqual(rules.body().rules.upheld_complaint, { points: -10, validityYears: 2 })
  })

  test('credit:recompute gives the same numbers as the incremental updates; expired events stop counting', async ({
    assert,
  }) => {
    await db.transaction(async (trx) => {
      await recordCreditEvent(trx, {
        organizationId: await agencyId(1),
        type: 'regulator_commendation',
        points: 30,
        reason: '年度诚信示范机构',
        actor: null,
      })
      await recordCreditEvent(trx, {
        organizationId: await agencyId(6),
        type: 'overdue',
        reason: '服务超期 3 个工作日',
        actor: null,
      })
    })
    const incremental = [await scoreOf(1), await scoreOf(6), await scoreOf(7)]
    assert.deepEqual(incremental, [100, 75, 80])
    await recomputeAllScores()
    assert.deepEqual([await scoreOf(1), await scoreOf(6), await scoreOf(7)], incremental)

    clock.freeze(new Date('2028-09-30T00:00:00Z'))
    await recomputeAllScores()
    assert.deepEqual([await scoreOf(1), await scoreOf(6), await scoreOf(7)], [80, 80, 80])
  })
})
