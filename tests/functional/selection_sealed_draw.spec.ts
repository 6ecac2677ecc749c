// Assertions read best as `(await client.get(url)).body()`.
/* eslint-disable @unicorn/no-await-expression-member */
/*
 * Nobody can steer a verifiable draw: the seed stays sealed, and no ranking
 * exists, until the set of valid bids is final (abnormally low quotes
 * justified or not and decided by the owner, blind plan scores locked). Only
 * then is the seed revealed and the draw run, once, over the final set.
 */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import encryption from '@adonisjs/core/services/encryption'
import { marketWorld } from '#tests/worlds'
import User from '#models/user'
import Organization from '#models/organization'
import Project from '#models/project'
import { clock } from '#services/clock'
import { runTick } from '#actions/market_tick'
import { blindPlanOrder, drawSeedOf } from '#domain/verifiable_draw'
import { sqlTime } from '#services/sql_time'
// The browser's independent implementation recomputes every draw from public data only.
import * as independent from '../../resources/js/draw_v1.js'

const NOW = new Date('2026-09-29T02:00:00Z')
const DEADLINE = '2026-10-09T04:00:00Z'
const AFTER_DEADLINE = new Date('2026-10-09T04:00:01Z')
/** One working day after Friday 9 Oct: Saturday 10 Oct (调休) ends at 24:00 Beijing time. */
const JUSTIFICATION_OVER = new Date('2026-10-10T16:00:00Z')

const user = (email: string) => User.findByOrFail('email', email)
const agency = (n: number) => user(`agency${n}@demo.example.com`)
const owner = () => user('owner@demo.example.com')
const regulator = () => user('regulator@demo.example.com')
const orgOf = async (n: number) => Organization.findOrFail((await agency(n)).organizationId)

async function draft(client: any, overrides: Record<string, unknown> = {}) {
  return client
    .post('/api/v1/projects')
    .json({
      title: '东坡区滨江大道改造工程环境影响评价',
      serviceItemCode: 'ZJ-001',
      fundingSource: 'fiscal',
      description: '编制东坡区滨江大道改造工程环境影响报告表，并配合完成技术评审。',
      ceilingPriceFen: 8_000_000,
      method: 'random',
      deadline: DEADLINE,
      ...overrides,
    })
    .withGuard('api')
    .loginAs(await owner())
}

async function published(client: any, overrides: Record<string, unknown> = {}) {
  const drafted = await draft(client, overrides)
  drafted.assertStatus(201)
  const id = drafted.body().id as number
  const publication = await client
    .post(`/api/v1/projects/${id}/publish`)
    .withGuard('api')
    .loginAs(await owner())
  publication.assertStatus(200)
  return id
}

async function bid(client: any, id: number, n: number, quoteFen: number, extra = {}) {
  const response = await client
    .post(`/api/v1/projects/${id}/bids`)
    .json({ quoteFen, ...extra })
    .withGuard('api')
    .loginAs(await agency(n))
  response.assertStatus(201)
  return response.body().receipt as string
}

/**
 * A random-method project whose bids are opened at the deadline: agency 7's
 * quote is abnormally low, so the set of valid bids is not final yet.
 */
async function openedWithOneLowQuote(
  client: any,
  quotes: [number, number][] = [
    [1, 6_000_000],
    [5, 6_100_000],
    [6, 6_200_000],
    [7, 2_000_000],
  ]
) {
  const id = await published(client, { method: 'random' })
  const receipts = new Map<number, string>()
  for (const [n, quote] of quotes) {
    receipts.set(n, await bid(client, id, n, quote))
  }
  clock.freeze(AFTER_DEADLINE)
  await runTick()
  return { id, receipts }
}

/** The seed as the platform keeps it sealed (what nobody may learn before the set is final). */
async function sealedSeed(id: number) {
  const row = await db.from('projects').where('id', id).select('draw_seed_encrypted').firstOrFail()
  return encryption.decrypt<string>(row.draw_seed_encrypted)!
}

/**
 * Every channel a party or the public reads, as text: the project API (public
 * and as the caller), the project page as the owner and as the flagged agency,
 * the verify page and API, open data (OCDS, CSV), the feed, every audit event
 * and notification of the project.
 */
async function everythingPublished(client: any, id: number, flagged: number) {
  const texts: string[] = []
  texts.push((await client.get(`/api/v1/projects/${id}`)).text())
  texts.push(
    (
      await client
        .get(`/api/v1/projects/${id}`)
        .withGuard('api')
        .loginAs(await owner())
    ).text()
  )
  texts.push((await client.get(`/projects/${id}`).loginAs(await owner())).text())
  texts.push((await client.get(`/projects/${id}`).loginAs(await agency(flagged))).text())
  texts.push((await client.get(`/projects/${id}`).loginAs(await regulator())).text())
  texts.push((await client.get(`/projects/${id}/verify`)).text())
  texts.push((await client.get(`/api/v1/draws/${id}/verify`)).text())
  texts.push((await client.get('/api/v1/ocds/releases')).text())
  texts.push((await client.get('/api/v1/exports/projects.csv')).text())
  texts.push((await client.get('/api/v1/exports/results.csv')).text())
  texts.push((await client.get('/feeds/announcements.atom')).text())
  const events = await db
    .from('audit_events')
    .where('subject_type', 'project')
    .where('subject_id', String(id))
    .select('payload')
  texts.push(...events.map((event: any) => String(event.payload)))
  const notices = await db.from('notifications').where('project_id', id).select('data')
  texts.push(...notices.map((notice: any) => String(notice.data)))
  return texts.join('\n')
}

test.group(
  'Sealed draw: nobody learns the seed or a ranking before the set of valid bids is final',
  (group) => {
    group.each.setup(() => testUtils.db().withGlobalTransaction())
    group.each.setup(async () => {
      await marketWorld()
      clock.freeze(NOW)
      return () => clock.unfreeze()
    })

    test('an abnormally low quote awaiting justification and the owner keeps the seed, the draw seed and any ranking unpublished on every channel; verify answers 409 E_DRAW_PENDING', async ({
      client,
      assert,
    }) => {
      const { id, receipts } = await openedWithOneLowQuote(client)
      const seed = await sealedSeed(id)
      // The two outcomes the owner (keep / reject) or the flagged agency (justify / stay silent)
      // would choose between, if either draw seed could be computed now.
      const ifKept = drawSeedOf(seed, [...receipts.values()])
      const ifRejected = drawSeedOf(seed, [receipts.get(1)!, receipts.get(5)!, receipts.get(6)!])

      const project = (await client.get(`/api/v1/projects/${id}`)).body()
      assert.equal(project.status, 'opened')
      assert.equal(project.stage, 'justification')
      assert.deepInclude(project.result.draw, {
        commitment: project.drawCommitment,
        seed: null,
        drawSeed: null,
        pending: ['justification'],
        draws: [],
      })
      assert.isNull(project.result.winnerAgencyId)
      assert.deepEqual(project.result.alternates, [])
      assert.isTrue(project.result.bids.every((entry: any) => entry.rank === null))
      // The quotes themselves are open (开标): only the draw waits.
      assert.lengthOf(project.result.bids, 4)

      const verify = await client.get(`/api/v1/draws/${id}/verify`)
      verify.assertStatus(409)
      assert.equal(verify.body().errors[0].code, 'E_DRAW_PENDING')
      assert.deepEqual(verify.body().errors[0].pending, ['justification'])

      const page = await client.get(`/projects/${id}/verify`)
      page.assertStatus(200)
      page.assertTextIncludes('异常低价报价等待机构在期限内作出说明')

      for (const secret of [seed, ifKept, ifRejected]) {
        assert.notInclude(await everythingPublished(client, id, 7), secret)
      }
      const ranked = await db.from('bids').where('project_id', id).whereNotNull('rank')
      assert.lengthOf(ranked, 0)

      // The flagged agency justifies: the owner's decision is now all that is pending.
      const low = project.result.bids.find((entry: any) => entry.abnormallyLow)
      ;(
        await client
          .post(`/api/v1/bids/${low.id}/justification`)
          .json({ text: '我们有现成的区域监测数据，可以大幅降低成本。' })
          .withGuard('api')
          .loginAs(await agency(7))
      ).assertStatus(200)
      const waiting = (await client.get(`/api/v1/projects/${id}`)).body()
      assert.deepEqual(waiting.result.draw.pending, ['owner_decision'])
      assert.isNull(waiting.result.draw.seed)
      for (const secret of [seed, ifKept, ifRejected]) {
        assert.notInclude(await everythingPublished(client, id, 7), secret)
      }

      // The owner keeps it: the set is final, the seed is revealed and the draw runs once.
      ;(
        await client
          .post(`/api/v1/bids/${low.id}/accept`)
          .json({ reason: '说明充分，报价可以保证质量' })
          .withGuard('api')
          .loginAs(await owner())
      ).assertStatus(200)
      const final = (await client.get(`/api/v1/projects/${id}`)).body()
      assert.equal(final.status, 'publicity')
      assert.equal(final.result.draw.seed, seed)
      assert.equal(final.result.draw.drawSeed, ifKept)
      assert.deepEqual(final.result.draw.pending, [])
      const proof = await client.get(`/api/v1/draws/${id}/verify`)
      proof.assertStatus(200)
      assert.isTrue(proof.body().valid)
      assert.lengthOf(proof.body().bids, 4)
      assert.isTrue((await independent.verifyProof(proof.body())).valid)
      const reveals = await db
        .from('audit_events')
        .where('action', 'selection.draw_revealed')
        .where('subject_id', String(id))
      assert.lengthOf(reveals, 1)
    })

    test('the owner rejects a flagged quote without knowing the outcome; the draw then runs over the final set and verifies', async ({
      client,
      assert,
    }) => {
      const { id, receipts } = await openedWithOneLowQuote(client, [
        [1, 6_000_000],
        [5, 6_100_000],
        [6, 6_200_000],
        [8, 6_300_000],
        [7, 2_000_000],
      ])
      const seed = await sealedSeed(id)
      const project = (await client.get(`/api/v1/projects/${id}`)).body()
      const low = project.result.bids.find((entry: any) => entry.abnormallyLow)
      // Rejecting needs no justification: the owner decides while the seed is still sealed.
      const ownerView = await client.get(`/projects/${id}`).loginAs(await owner())
      ownerView.assertTextIncludes('种子尚未公开')
      assert.notInclude(ownerView.text(), seed)
      ;(
        await client
          .post(`/api/v1/bids/${low.id}/reject`)
          .json({ reason: '报价低于成本，无法保证服务质量' })
          .withGuard('api')
          .loginAs(await owner())
      ).assertStatus(200)
      // The draw may be run only once: the agency can no longer justify.
      ;(
        await client
          .post(`/api/v1/bids/${low.id}/justification`)
          .json({ text: '补充说明：我们有现成的监测数据。' })
          .withGuard('api')
          .loginAs(await agency(7))
      ).assertStatus(409)

      const final = (await client.get(`/api/v1/projects/${id}`)).body()
      assert.equal(final.status, 'publicity')
      const remaining = [1, 5, 6, 8].map((n) => receipts.get(n)!)
      assert.equal(final.result.draw.seed, seed)
      assert.equal(final.result.draw.drawSeed, drawSeedOf(seed, remaining))
      const candidates = await Promise.all([1, 5, 6, 8].map(async (n) => (await orgOf(n)).uscc))
      const ranking = await independent.drawCandidates(
        final.result.draw.drawSeed,
        'winner',
        [...candidates].sort(),
        4
      )
      const winner = final.result.bids.find(
        (entry: any) => entry.agencyId === final.result.winnerAgencyId
      )
      assert.equal(winner.agencyUscc, ranking[0])
      const proof = await client.get(`/api/v1/draws/${id}/verify`)
      assert.isTrue(proof.body().valid)
      assert.deepEqual(
        proof
          .body()
          .bids.map((entry: any) => entry.receipt)
          .sort(),
        [...remaining].sort()
      )
    })

    test('a flagged agency that stays silent cannot steer either: the tick closes the window, then reveals the seed and draws once', async ({
      client,
      assert,
    }) => {
      const { id } = await openedWithOneLowQuote(client)
      const seed = await sealedSeed(id)
      const flaggedView = await client.get(`/projects/${id}`).loginAs(await agency(7))
      assert.notInclude(flaggedView.text(), seed)
      clock.freeze(JUSTIFICATION_OVER)
      assert.equal((await runTick()).justificationsClosed, 1)
      const final = (await client.get(`/api/v1/projects/${id}`)).body()
      assert.equal(final.status, 'publicity')
      assert.equal(final.result.draw.seed, seed)
      const silent = final.result.bids.find((entry: any) => entry.abnormallyLow)
      assert.equal(silent.invalidReason, 'no_justification')
      const proof = await client.get(`/api/v1/draws/${id}/verify`)
      assert.isTrue(proof.body().valid)
      assert.notInclude(
        proof.body().bids.map((entry: any) => entry.agencyUscc),
        silent.agencyUscc
      )
    })

    test('an owner who never decides cannot hold the seed either: at the decision deadline the justified quote stands, the seed is revealed and the draw runs once', async ({
      client,
      assert,
    }) => {
      const { id } = await openedWithOneLowQuote(client)
      const seed = await sealedSeed(id)
      const low = (await client.get(`/api/v1/projects/${id}`))
        .body()
        .result.bids.find((entry: any) => entry.abnormallyLow)
      ;(
        await client
          .post(`/api/v1/bids/${low.id}/justification`)
          .json({ text: '我们有现成的区域监测数据，可以大幅降低成本。' })
          .withGuard('api')
          .loginAs(await agency(7))
      ).assertStatus(200)
      // Two working days from Friday 9 Oct: Saturday 10 Oct (调休) and Monday 12 Oct, to 24:00 Beijing time.
      const project = await Project.findOrFail(id)
      assert.equal(project.stage, 'owner_decision')
      assert.equal(project.stageDueAt!.toUTC().toISO(), '2026-10-12T16:00:00.000Z')
      const told = await db
        .from('notifications')
        .where('project_id', id)
        .where('kind', 'project.needs_owner')
      assert.isTrue(told.some((row: any) => String(row.data).includes('2026-10-12 24:00')))

      clock.freeze(new Date('2026-10-12T15:59:00Z'))
      assert.equal((await runTick()).ownerDecisionsLapsed, 0)
      assert.isNull((await client.get(`/api/v1/projects/${id}`)).body().result.draw.seed)

      clock.freeze(new Date('2026-10-12T16:00:01Z'))
      assert.equal((await runTick()).ownerDecisionsLapsed, 1)
      const final = (await client.get(`/api/v1/projects/${id}`)).body()
      assert.equal(final.status, 'publicity')
      assert.equal(final.result.draw.seed, seed)
      const stood = final.result.bids.find((entry: any) => entry.id === low.id)
      assert.equal(stood.ownerDecision, 'lapsed')
      assert.isTrue(stood.valid)
      const proof = await client.get(`/api/v1/draws/${id}/verify`)
      assert.isTrue(proof.body().valid)
      assert.include(
        proof.body().bids.map((entry: any) => entry.agencyUscc),
        stood.agencyUscc
      )
      const lapsed = await db
        .from('audit_events')
        .where('action', 'selection.owner_decisions_lapsed')
        .where('subject_id', String(id))
      assert.lengthOf(lapsed, 1)
      // The owner can no longer decide: the set is final.
      ;(
        await client
          .post(`/api/v1/bids/${low.id}/reject`)
          .json({ reason: '逾期后再否决' })
          .withGuard('api')
          .loginAs(await owner())
      ).assertStatus(409)
    })

    test('the page form names the decision: an unknown one is refused at its field and decides nothing (it was taken as a rejection)', async ({
      client,
      assert,
    }) => {
      const { id } = await openedWithOneLowQuote(client)
      const low = (await client.get(`/api/v1/projects/${id}`))
        .body()
        .result.bids.find((entry: any) => entry.abnormallyLow)
      const refused = await client
        .post(`/owner/bids/${low.id}/decide`)
        .form({ decision: 'maybe', reason: '说明不充分，不予采纳' })
        .withCsrfToken()
        .loginAs(await owner())
        .redirects(0)
      refused.assertStatus(302)
      const errors = refused.flashMessages().inputErrorsBag as Record<string, string[]>
      assert.properties(errors, ['decision'])
      const untouched = await db.from('bids').where('id', low.id).first()
      assert.isNull(untouched.owner_decision)
      assert.isTrue(Boolean(untouched.valid))

      const rejected = await client
        .post(`/owner/bids/${low.id}/decide`)
        .form({ decision: 'rejected', reason: '说明不充分，不予采纳' })
        .withCsrfToken()
        .loginAs(await owner())
        .redirects(0)
      rejected.assertStatus(302)
      const decided = await db.from('bids').where('id', low.id).first()
      assert.equal(decided.owner_decision, 'rejected')
    })

    test('scored: the plans are scored blind — the owner sees 方案 A/B/C in an order drawn from the commitment, no names, no quotes; the scores are locked before the quotes are opened', async ({
      client,
      assert,
    }) => {
      const id = await published(client, {
        method: 'scored',
        weights: { price: 40, credit: 20, performance: 10, plan: 30 },
      })
      const receipts = new Map<number, string>()
      const plans: Record<number, string> = {
        1: '方案甲：现场踏勘两次，专家内审。',
        5: '方案乙：利用既有监测数据，缩短工期。',
        6: '方案丙：无人机航测与实地采样结合。',
      }
      const quotes: Record<number, number> = { 1: 6_000_000, 5: 5_000_000, 6: 5_500_000 }
      for (const n of [1, 5, 6]) {
        receipts.set(n, await bid(client, id, n, quotes[n], { servicePlan: plans[n] }))
      }
      clock.freeze(AFTER_DEADLINE)
      await runTick()

      const project = (await client.get(`/api/v1/projects/${id}`)).body()
      assert.equal(project.stage, 'plan_scores')
      assert.deepEqual(project.result.bids, [])
      assert.deepEqual(project.result.draw.pending, ['plan_scores'])
      // The quotes are still sealed in the database.
      const sealed = await db.from('bids').where('project_id', id).whereNotNull('quote_fen')
      assert.lengthOf(sealed, 0)

      const view = await client
        .get(`/api/v1/projects/${id}/plans`)
        .withGuard('api')
        .loginAs(await owner())
      view.assertStatus(200)
      const order = blindPlanOrder(project.drawCommitment, [...receipts.values()])
      const planOf = new Map([...receipts].map(([n, receipt]) => [receipt, plans[n]]))
      assert.deepEqual(
        view.body().data.map((plan: any) => [plan.label, plan.servicePlan]),
        order.map((receipt, index) => [['A', 'B', 'C'][index], planOf.get(receipt)])
      )
      const ownerPage = await client.get(`/projects/${id}`).loginAs(await owner())
      ownerPage.assertTextIncludes('方案 A')
      ownerPage.assertTextIncludes('方案 C')
      for (const n of [1, 5, 6]) {
        const organization = await orgOf(n)
        for (const text of [view.text(), ownerPage.text()]) {
          assert.notInclude(text, organization.name)
          assert.notInclude(text, organization.uscc)
          assert.notInclude(text, receipts.get(n)!)
          assert.notInclude(text, String(quotes[n]))
          assert.notInclude(text, `¥${(quotes[n] / 100).toLocaleString('en-US')}.00`)
        }
      }
      // Only the owner gets the plans.
      ;(
        await client
          .get(`/api/v1/projects/${id}/plans`)
          .withGuard('api')
          .loginAs(await agency(1))
      ).assertStatus(403)

      const scores = view.body().data.map((plan: any, index: number) => ({
        bidId: plan.bidId,
        score: [30, 20, 10][index],
        reason: '按评分细则打分',
      }))
      ;(
        await client
          .post(`/api/v1/projects/${id}/plan-scores`)
          .json({ scores })
          .withGuard('api')
          .loginAs(await owner())
      ).assertStatus(200)
      // Locked: once the quotes are open the owner cannot score again.
      const again = await client
        .post(`/api/v1/projects/${id}/plan-scores`)
        .json({ scores: scores.map((entry: any) => ({ ...entry, score: 0 })) })
        .withGuard('api')
        .loginAs(await owner())
      again.assertStatus(409)

      const final = (await client.get(`/api/v1/projects/${id}`)).body()
      assert.equal(final.status, 'publicity')
      assert.lengthOf(final.result.bids, 3)
      for (const entry of final.result.bids) {
        const index = order.indexOf(entry.receipt)
        assert.equal(entry.planLabel, ['A', 'B', 'C'][index])
        assert.equal(entry.planScore, [30, 20, 10][index])
      }
      assert.isTrue((await client.get(`/api/v1/draws/${id}/verify`)).body().valid)
      const locked = await db
        .from('audit_events')
        .where('subject_id', String(id))
        .whereIn('action', ['selection.plans_scored', 'selection.draw_revealed'])
        .orderBy('id')
        .select('action')
      assert.deepEqual(
        locked.map((event: any) => event.action),
        ['selection.plans_scored', 'selection.draw_revealed']
      )
    })
  }
)

test.group("Scored weights lie within the rule set's bounds", (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('weights outside the bounds or not adding up to 100 are refused with 422 and the field', async ({
    client,
    assert,
  }) => {
    const heavy = await draft(client, {
      method: 'scored',
      weights: { price: 70, credit: 10, performance: 10, plan: 10 },
    })
    heavy.assertStatus(422)
    assert.deepInclude(
      heavy.body().errors.map((error: any) => [error.field, error.message]),
      ['weights.price', '该权重须在规则集规定的 30–60 分之间']
    )
    const short = await draft(client, {
      method: 'scored',
      weights: { price: 40, credit: 20, performance: 10, plan: 20 },
    })
    short.assertStatus(422)
    assert.equal(short.body().errors[0].field, 'weights')
  })

  test('publication checks the weights against the rule set in force then: API 422, page re-rendered with the field errors', async ({
    client,
    assert,
  }) => {
    const drafted = await draft(client, {
      method: 'scored',
      weights: { price: 50, credit: 20, performance: 10, plan: 20 },
    })
    drafted.assertStatus(201)
    const id = drafted.body().id
    // A new rule set narrows the price weight to 30–40 % from today.
    const latest = await db.from('rule_sets').orderBy('version', 'desc').firstOrFail()
    const parameters = JSON.parse(latest.parameters)
    await db.table('rule_sets').insert({
      version: Number(latest.version) + 1,
      parameters: JSON.stringify({
        ...parameters,
        scoredWeightBounds: {
          priceMin: 30,
          priceMax: 40,
          creditMin: 0,
          creditMax: 30,
          performanceMin: 0,
          performanceMax: 30,
          planMin: 0,
          planMax: 40,
        },
      }),
      change_reason: '收紧综合评分价格权重上限',
      effective_from: sqlTime(NOW),
      created_by_user_id: latest.created_by_user_id,
      created_at: sqlTime(NOW),
    })
    const api = await client
      .post(`/api/v1/projects/${id}/publish`)
      .withGuard('api')
      .loginAs(await owner())
    api.assertStatus(422)
    assert.deepEqual(api.body().errors[0], {
      field: 'weights.price',
      rule: 'project.weightOutOfBounds',
      message: '该权重须在规则集规定的 30–40 分之间',
    })

    const page = await client
      .post(`/owner/projects/${id}/publish`)
      .loginAs(await owner())
      .header('referer', `/projects/${id}`)
      .withCsrfToken()
    page.assertStatus(200)
    page.assertTextIncludes('价格权重：该权重须在规则集规定的 30–40 分之间')
    assert.equal((await db.from('projects').where('id', id).firstOrFail()).status, 'draft')
  })
})
