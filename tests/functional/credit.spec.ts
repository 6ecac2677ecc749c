// Assertions read best as `(await scoreOf(5))`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld } from '#tests/worlds'
import User from '#models/user'
import { clock } from '#services/clock'
import { runTick } from '#actions/market_tick'
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
    await marketWorld()
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
      .post(`/api/v1/contracts/${contract.body().id}/refuse`)
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
    assert.deepEqual(rules.body().rules.upheld_complaint, {
      points: -10,
      validityYears: 2,
      severity: 'general',
      minPublicationMonths: 3,
      maxPublicationMonths: 12,
    })
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

  test('an agency replies once and appeals within 3 working days; a granted appeal revokes the event and restores the score; a late or second appeal is refused', async ({
    client,
    assert,
  }) => {
    const regulator = await user('regulator@demo.example.com')
    const target = await agency(1)
    // Recorded Tue 29 Sep: the 3 working days of the appeal window are 30 Sep, 9 and 10 Oct (National Day in between).
    const penalty = await client
      .post('/api/v1/regulator/credit-events')
      .json({
        agencyId: target.organizationId,
        type: 'regulator_penalty',
        points: -15,
        reason: '出具报告数据不实',
      })
      .withGuard('api')
      .loginAs(regulator)
    const eventId = (await db.from('credit_events').orderBy('id', 'desc').firstOrFail()).id
    assert.equal(penalty.body().score, 65)
    const as = (path: string, body: Record<string, unknown>, who: User) =>
      client.post(path).json(body).withGuard('api').loginAs(who)

    ;(
      await as(`/api/v1/credit-events/${eventId}/reply`, { text: '数据已更正' }, await agency(5))
    ).assertStatus(403)
    ;(
      await as(`/api/v1/credit-events/${eventId}/reply`, { text: '数据已更正' }, target)
    ).assertStatus(200)
    ;(await as(`/api/v1/credit-events/${eventId}/reply`, { text: '再答复' }, target)).assertStatus(
      409
    )
    const short = await as(`/api/v1/credit-events/${eventId}/appeal`, { reason: '' }, target)
    short.assertStatus(422)

    const appeal = await as(
      `/api/v1/credit-events/${eventId}/appeal`,
      { reason: '报告数据经复核无误，附检测原始记录' },
      target
    )
    appeal.assertStatus(201)
    assert.equal(appeal.body().status, 'pending')
    ;(
      await as(`/api/v1/credit-events/${eventId}/appeal`, { reason: '再次申诉理由' }, target)
    ).assertStatus(409)

    const pending = await client
      .get('/api/v1/regulator/credit-appeals')
      .withGuard('api')
      .loginAs(regulator)
    assert.equal(pending.body().data[0].id, appeal.body().id)
    assert.isFalse(pending.body().data[0].overdue)
    // Past its decision limit, the regulators' desk marks it.
    clock.freeze(new Date('2026-10-20T02:00:00Z'))
    const desk = await client.get('/regulator/credit-appeals').loginAs(regulator)
    desk.assertTextIncludes('已超过处理期限')
    // The tick marks it once and tells the regulators.
    assert.equal((await runTick()).creditAppealsOverdue, 1)
    assert.equal((await runTick()).creditAppealsOverdue, 0)
    const notices = await db
      .from('notifications')
      .where('kind', 'credit.appeal_overdue')
      .where('organization_id', regulator.organizationId)
    assert.lengthOf(notices, 1)
    assert.lengthOf(await db.from('audit_events').where('action', 'credit.appeal_overdue'), 1)
    clock.freeze(new Date('2026-09-29T02:00:00Z'))
    ;(
      await as(
        `/api/v1/regulator/credit-appeals/${appeal.body().id}/decide`,
        { granted: true, decision: '复核属实' },
        target
      )
    ).assertStatus(403)
    const decided = await as(
      `/api/v1/regulator/credit-appeals/${appeal.body().id}/decide`,
      { granted: true, decision: '经复核，原始记录证明数据无误，撤销该记录' },
      regulator
    )
    decided.assertStatus(200)
    assert.equal(decided.body().status, 'granted')
    assert.equal(await scoreOf(1), 80)
    ;(
      await as(
        `/api/v1/regulator/credit-appeals/${appeal.body().id}/decide`,
        { granted: false, decision: '再次决定' },
        regulator
      )
    ).assertStatus(409)
    // The agency's own page shows the event as revoked, with the reply; the public no longer sees it.
    const page = await client.get(`/agencies/${target.organizationId}`).loginAs(target)
    assert.include(page.text(), '已撤销（申诉成立）')
    assert.include(page.text(), '数据已更正')
    const publicPage = await client.get(`/agencies/${target.organizationId}`)
    assert.notInclude(publicPage.text(), '数据已更正')

    // A later event: appealed after its window, refused.
    await as(
      '/api/v1/regulator/credit-events',
      { agencyId: target.organizationId, type: 'upheld_complaint', reason: '投诉查实' },
      regulator
    )
    const laterId = (await db.from('credit_events').orderBy('id', 'desc').firstOrFail()).id
    clock.freeze(new Date('2026-10-20T02:00:00Z'))
    const late = await as(
      `/api/v1/credit-events/${laterId}/appeal`,
      { reason: '不服投诉处理结果' },
      target
    )
    late.assertStatus(409)
    assert.include(late.body().errors[0].message, '3')
  })

  // Credit repair (信用修复) has its own spec: tests/functional/credit_repair.spec.ts.

  test('regulators publish a new version of the credit rules with a reason; new events use it; bad tables and other roles are refused', async ({
    client,
    assert,
  }) => {
    const regulator = await user('regulator@demo.example.com')
    const current = await client
      .get('/api/v1/regulator/credit-rules')
      .withGuard('api')
      .loginAs(regulator)
    const rules = { ...current.body().rules, upheld_complaint: { points: -12, validityYears: 3 } }
    const put = (body: Record<string, unknown>, as: User = regulator) =>
      client.put('/api/v1/regulator/credit-rules').json(body).withGuard('api').loginAs(as)
    ;(await put({ rules, reason: '加大对投诉查实的惩戒力度' }, await agency(1))).assertStatus(403)
    const missingType = { ...rules } as Record<string, unknown>
    delete missingType.overdue
    const bad = await put({
      rules: { ...missingType, evaluation_bad: { points: 500, validityYears: 0 } },
      reason: 'x',
    })
    bad.assertStatus(422)
    assert.includeMembers(
      bad.body().errors.map((error: any) => error.field),
      [
        'rules.overdue',
        'rules.evaluation_bad.points',
        'rules.evaluation_bad.validityYears',
        'reason',
      ]
    )
    assert.equal((await db.from('credit_rule_sets').count('* as n').first()).n, 1)

    const published = await put({
      rules,
      incentives: { scoredCreditPartInFull: false, listedFirst: true },
      reason: '加大对投诉查实的惩戒力度',
    })
    published.assertStatus(200)
    assert.equal(published.body().version, 2)
    const recorded = await client
      .post('/api/v1/regulator/credit-events')
      .json({ agencyId: await agencyId(1), type: 'upheld_complaint', reason: '投诉查实' })
      .withGuard('api')
      .loginAs(regulator)
    assert.equal(recorded.body().points, -12)
    assert.equal(recorded.body().score, 68)
    const now = await client
      .get('/api/v1/regulator/credit-rules')
      .withGuard('api')
      .loginAs(regulator)
    assert.equal(now.body().version, 2)
    assert.isFalse(now.body().incentives.scoredCreditPartInFull)
  })

  test('grade A is marked 守信 in the directory and listed first in any order while the rules grant it', async ({
    client,
    assert,
  }) => {
    const regulator = await user('regulator@demo.example.com')
    const commended = await agency(8)
    await client
      .post('/api/v1/regulator/credit-events')
      .json({
        agencyId: commended.organizationId,
        type: 'regulator_commendation',
        points: 10,
        reason: '年度考评优秀',
      })
      .withGuard('api')
      .loginAs(regulator)
    const byName = await client.get('/agencies?sort=name')
    const first = byName.text().indexOf('class="card"')
    const commendedName = (
      await db.from('organizations').where('id', commended.organizationId).firstOrFail()
    ).name
    assert.isAbove(byName.text().indexOf(commendedName), first)
    assert.isBelow(
      byName.text().indexOf(commendedName),
      byName.text().indexOf('class="card"', first + 1)
    )
    assert.include(byName.text(), '守信')
  })
})
