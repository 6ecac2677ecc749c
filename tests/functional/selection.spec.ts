// Assertions read best as `(await runTick()).opened`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld } from '#tests/worlds'
import User from '#models/user'
import Organization from '#models/organization'
import { clock } from '#services/clock'
import { runTick } from '#actions/market_tick'
import { withdrawAgency } from '#actions/registry/agency_listing'
import { idNumberCheckCharacter } from '#domain/id_card'
import { textFile, textPdf } from '#tests/file_fixtures'
// The browser's independent implementation recomputes every draw from public data only.
import * as independent from '../../resources/js/draw_v1.js'

const NOW = new Date('2026-09-29T02:00:00Z')
const DEADLINE = '2026-10-09T04:00:00Z'
const AFTER_DEADLINE = new Date('2026-10-09T04:00:01Z')
// Publicity of 3 working days from Fri 9 Oct: Sat 10 (a make-up working day 调休), Mon 12,
// Tue 13 → over at 24:00 Beijing time on the 13th.
const AFTER_PUBLICITY = new Date('2026-10-13T16:00:00Z')

const user = (email: string) => User.findByOrFail('email', email)
const agency = (n: number) => user(`agency${n}@demo.example.com`)
const owner = () => user('owner@demo.example.com')
async function idOfAgency(n: number) {
  const account = await agency(n)
  return account.organizationId
}
/** The demo agencies offering ZJ-001 (environmental impact assessment). */
const ZJ001_AGENCIES = [1, 5, 6, 7, 8]

async function postProject(client: any, overrides: Record<string, unknown> = {}) {
  const draft = await client
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
  draft.assertStatus(201)
  const published = await client
    .post(`/api/v1/projects/${draft.body().id}/publish`)
    .withGuard('api')
    .loginAs(await owner())
  published.assertStatus(200)
  return { id: draft.body().id as number, commitment: published.body().drawCommitment as string }
}

async function bid(client: any, projectId: number, n: number, quoteFen: number, extra = {}) {
  const response = await client
    .post(`/api/v1/projects/${projectId}/bids`)
    .json({ quoteFen, ...extra })
    .withGuard('api')
    .loginAs(await agency(n))
  response.assertStatus(201)
  return response.body().receipt as string
}

async function openAtDeadline() {
  clock.freeze(AFTER_DEADLINE)
  return runTick()
}

async function resultOf(client: any, id: number) {
  const response = await client.get(`/api/v1/projects/${id}`)
  response.assertStatus(200)
  return response.body()
}

async function usccOf(n: number) {
  const organization = await Organization.findOrFail(await idOfAgency(n))
  return organization.uscc
}

test.group('Selection: opening and the six methods', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('random: at the deadline the tick opens once, reveals the seed matching the commitment, and anyone recomputes the ranking', async ({
    client,
    assert,
  }) => {
    const { id, commitment } = await postProject(client, { method: 'random' })
    for (const [index, n] of ZJ001_AGENCIES.entries()) {
      await bid(client, id, n, 6_000_000 + index * 100_000)
    }
    const report = await openAtDeadline()
    assert.equal(report.opened, 1)
    assert.deepEqual(await runTick(), {
      opened: 0,
      failed: 0,
      directExpired: 0,
      justificationsClosed: 0,
      ownerDecisionsLapsed: 0,
      awarded: 0,
      contractsExpired: 0,
      servicesOverdue: 0,
      evaluationsDefaulted: 0,
      projectsClosed: 0,
      alertDigests: 0,
      complaintsReminded: 0,
      complaintsOverdue: 0,
      creditAppealsOverdue: 0,
      objectionsOverdue: 0,
      terminationsSettled: 0,
      terminationsOverdue: 0,
      archivesSealed: 0,
      errors: 0,
    })

    const project = await resultOf(client, id)
    assert.equal(project.status, 'publicity')
    const { result } = project
    assert.equal(result.draw.commitment, commitment)
    assert.equal(await independent.sha256Hex(result.draw.seed), commitment)
    assert.lengthOf(result.bids, 5)

    // Everything from the published page alone: receipts, draw seed, ranking.
    for (const published of result.bids) {
      assert.equal(
        await independent.bidReceipt(
          project.code,
          published.agencyUscc,
          published.quoteFen,
          published.nonce
        ),
        published.receipt
      )
    }
    const drawSeed = await independent.drawSeedOf(
      result.draw.seed,
      result.bids.map((entry: any) => entry.receipt)
    )
    assert.equal(drawSeed, result.draw.drawSeed)
    const candidates = result.bids.map((entry: any) => entry.agencyUscc).sort()
    const ranking = await independent.drawCandidates(drawSeed, 'winner', candidates, 5)
    const winner = result.bids.find((entry: any) => entry.agencyId === result.winnerAgencyId)
    assert.equal(winner.agencyUscc, ranking[0])
    assert.deepEqual(
      result.alternates.map(
        (agencyId: number) =>
          result.bids.find((entry: any) => entry.agencyId === agencyId).agencyUscc
      ),
      ranking.slice(1)
    )

    const verification = await client.get(`/api/v1/draws/${id}/verify`)
    assert.isTrue(verification.body().valid)
    assert.equal(verification.body().algorithm, 'market-draw-v1')
    assert.deepEqual(verification.body().picks, ranking)
    assert.isTrue((await independent.verifyProof(verification.body())).valid)

    const openings = await db
      .from('audit_events')
      .where('action', 'project.opened')
      .where('subject_id', String(id))
    assert.lengthOf(openings, 1)
  })

  test('publication notifies the agencies offering the item; opening notifies the bidders; the owner hears when the selection needs them', async ({
    client,
    assert,
  }) => {
    const { id } = await postProject(client, { method: 'credit_preferred', shortlistSize: 2 })
    const kindsOf = async (n: number | 'owner') => {
      const account = n === 'owner' ? await owner() : await agency(n)
      const rows = await db
        .from('notifications')
        .where('organization_id', account.organizationId)
        .where('project_id', id)
        .orderBy('id')
      return rows.map((row: { kind: string }) => row.kind)
    }
    assert.deepEqual(await kindsOf(1), ['project.published'])
    // Agency 2 does not offer ZJ-001.
    assert.deepEqual(await kindsOf(2), [])
    for (const n of [1, 5, 6]) await bid(client, id, n, 5_000_000)
    await openAtDeadline()
    assert.deepEqual(await kindsOf(5), ['project.published', 'project.opened'])
    assert.deepEqual(await kindsOf(7), ['project.published'])
    assert.deepEqual(await kindsOf('owner'), ['project.needs_owner'])
  })

  test('a project that cannot be opened is logged and retried; the other due projects open all the same', async ({
    client,
    assert,
  }) => {
    const broken = await postProject(client, { method: 'lowest_price' })
    const sound = await postProject(client, { method: 'lowest_price' })
    await bid(client, broken.id, 1, 5_000_000)
    await bid(client, sound.id, 1, 5_000_000)
    // A seed that no longer decrypts (as after an APP_KEY change): opening must not guess.
    await db.from('projects').where('id', broken.id).update({ draw_seed_encrypted: 'garbage' })
    const report = await openAtDeadline()
    assert.equal(report.errors, 1)
    assert.equal(report.opened, 1)
    assert.equal((await resultOf(client, broken.id)).status, 'published')
    assert.equal((await resultOf(client, sound.id)).status, 'publicity')
  })

  test('random: publicity ends after 3 working days and the tick awards the winner', async ({
    client,
    assert,
  }) => {
    const { id } = await postProject(client, { method: 'random' })
    for (const n of [1, 5, 6]) await bid(client, id, n, 5_000_000)
    await openAtDeadline()
    clock.freeze(new Date(AFTER_PUBLICITY.getTime() - 1000))
    assert.equal((await runTick()).awarded, 0)
    clock.freeze(AFTER_PUBLICITY)
    assert.equal((await runTick()).awarded, 1)
    const project = await resultOf(client, id)
    assert.equal(project.status, 'awarded')
    assert.isNotNull(project.result.awardedAt)
  })

  test('rotation: a previous win on the same item in the province is shown beside the bid', async ({
    client,
    assert,
  }) => {
    const first = await postProject(client, { method: 'lowest_price' })
    const second = await postProject(client, { method: 'lowest_price' })
    await bid(client, first.id, 5, 5_000_000)
    await bid(client, second.id, 5, 5_000_000)
    await bid(client, second.id, 6, 5_100_000)
    await openAtDeadline()
    const { result } = await resultOf(client, second.id)
    const winsOf = async (n: number) => {
      const agencyId = await idOfAgency(n)
      return result.bids.find((entry: any) => entry.agencyId === agencyId).recentWins
    }
    // Both opened at once: agency 5 won the other one.
    assert.equal(await winsOf(5), 1)
    assert.equal(await winsOf(6), 0)
  })

  test('random: fewer valid sign-ups than 3 fail the selection (流标); the owner re-publishes a new round', async ({
    client,
    assert,
  }) => {
    const { id, commitment } = await postProject(client, { method: 'random' })
    await bid(client, id, 1, 5_000_000)
    await bid(client, id, 5, 5_000_000)
    const report = await openAtDeadline()
    assert.equal(report.failed, 1)
    const failed = await resultOf(client, id)
    assert.equal(failed.status, 'failed')
    assert.equal(failed.failReason, 'too_few_responses')

    const republished = await client
      .post(`/api/v1/projects/${id}/publish`)
      .json({ deadline: '2026-10-16T04:00:00Z' })
      .withGuard('api')
      .loginAs(await owner())
    republished.assertStatus(200)
    assert.equal(republished.body().round, 2)
    assert.notEqual(republished.body().drawCommitment, commitment)
    const again = await resultOf(client, id)
    assert.equal(again.status, 'published')
    assert.equal(again.responseCount, 0)
    assert.isNull(again.result)
  })

  test('an agency that left the market before opening is judged ineligible at opening, with the reason published', async ({
    client,
    assert,
  }) => {
    const { id } = await postProject(client, { method: 'random' })
    for (const n of [1, 5, 6, 7]) await bid(client, id, n, 5_000_000)
    const leaving = await agency(7)
    await withdrawAgency(await Organization.findOrFail(leaving.organizationId), leaving)
    await openAtDeadline()
    const { result } = await resultOf(client, id)
    const left = result.bids.find((entry: any) => entry.agencyId === leaving.organizationId)
    assert.isFalse(left.valid)
    assert.equal(left.invalidReason, 'not_active')
    assert.notEqual(result.winnerAgencyId, leaving.organizationId)
    // The invalid bid's receipt does not enter the draw seed.
    const proof = (await client.get(`/api/v1/draws/${id}/verify`)).body()
    assert.lengthOf(proof.bids, 3)
    assert.isTrue(proof.valid)
  })

  test('conflict of interest: a person named by both the owner and an agency keeps that agency out — at sign-up, and at opening when named later', async ({
    client,
    assert,
  }) => {
    const { id } = await postProject(client, { method: 'random' })
    for (const n of [1, 6, 7]) await bid(client, id, n, 5_000_000)
    // 周涛 manages agency 5; 李秀英 manages agency 1 (tests/world_data.ts).
    const zhouTao = '51010419790203008' + idNumberCheckCharacter('51010419790203008')
    const liXiuying = '51140219800101002' + idNumberCheckCharacter('51140219800101002')
    for (const [name, idNumber] of [
      ['周涛', zhouTao],
      ['李秀英', liXiuying],
    ]) {
      const named = await client
        .post('/api/v1/owner/persons')
        .json({ name, idNumber, role: 'manager' })
        .withGuard('api')
        .loginAs(await owner())
      named.assertStatus(201)
    }
    const refused = await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({ quoteFen: 5_000_000 })
      .withGuard('api')
      .loginAs(await agency(5))
    refused.assertStatus(403)
    assert.include(refused.body().errors[0].message, '周涛')

    await openAtDeadline()
    const { result } = await resultOf(client, id)
    const agencyOne = await idOfAgency(1)
    const first = result.bids.find((entry: any) => entry.agencyId === agencyOne)
    assert.equal(first.invalidReason, 'conflict_of_interest')
  })

  test('lowest price: the lowest quote wins; equal lowest quotes are ordered by the published draw', async ({
    client,
    assert,
  }) => {
    const { id } = await postProject(client, { method: 'lowest_price' })
    await bid(client, id, 1, 6_000_000)
    await bid(client, id, 5, 5_500_000)
    await bid(client, id, 6, 5_500_000)
    await bid(client, id, 7, 7_000_000)
    await openAtDeadline()
    const { result } = await resultOf(client, id)
    const tied = [await usccOf(5), await usccOf(6)].sort()
    assert.lengthOf(result.draw.draws, 1)
    assert.deepEqual(result.draw.draws[0].candidates, tied)
    const order = await independent.drawCandidates(result.draw.drawSeed, 'winner', tied, 2)
    const uscc = (agencyId: number) =>
      result.bids.find((entry: any) => entry.agencyId === agencyId).agencyUscc
    assert.equal(uscc(result.winnerAgencyId), order[0])
    assert.equal(uscc(result.alternates[0]), order[1])
    assert.equal(uscc(result.alternates[1]), await usccOf(1))
    assert.equal(uscc(result.alternates[2]), await usccOf(7))
  })

  test('lowest price with a floor: a quote under the floor is refused with 422', async ({
    client,
    assert,
  }) => {
    const { id } = await postProject(client, { method: 'lowest_price', floorPriceFen: 2_000_000 })
    const response = await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({ quoteFen: 1_999_999 })
      .withGuard('api')
      .loginAs(await agency(1))
    response.assertStatus(422)
    assert.equal(response.body().errors[0].field, 'quoteFen')
  })

  test('average price: highest and lowest dropped, the drawn base applied, the closest quote wins', async ({
    client,
    assert,
  }) => {
    const { id } = await postProject(client, { method: 'average_price' })
    const quotes: Record<number, number> = {
      1: 6_000_000,
      5: 6_200_000,
      6: 5_800_000,
      7: 7_000_000,
      8: 5_000_000,
    }
    for (const [n, quote] of Object.entries(quotes)) await bid(client, id, Number(n), quote)
    await openAtDeadline()
    const { result } = await resultOf(client, id)
    const [base] = await independent.drawCandidates(
      result.draw.drawSeed,
      'base',
      ['95', '96', '97', '98'],
      1
    )
    assert.equal(result.basePercent, Number(base))
    // Kept: 5,800,000 + 6,000,000 + 6,200,000 → mean 6,000,000 × base.
    const reference = 60_000 * Number(base)
    assert.equal(result.referencePriceFen, reference)
    const closest = Object.entries(quotes).sort(
      ([, a], [, b]) => Math.abs(a - reference) - Math.abs(b - reference)
    )[0][0]
    assert.equal(result.winnerAgencyId, (await agency(Number(closest))).organizationId)
  })

  test('abnormally low: the quote is flagged, justified within 1 working day, and the owner rejects it with a published reason', async ({
    client,
    assert,
  }) => {
    const { id } = await postProject(client, { method: 'lowest_price' })
    await bid(client, id, 1, 7_000_000)
    await bid(client, id, 5, 6_900_000)
    await bid(client, id, 6, 3_000_000)
    await openAtDeadline()
    let project = await resultOf(client, id)
    assert.equal(project.status, 'opened')
    assert.equal(project.stage, 'justification')
    const low = project.result.bids.find((entry: any) => entry.abnormallyLow)
    assert.equal(low.quoteFen, 3_000_000)

    const someoneElse = await client
      .post(`/api/v1/bids/${low.id}/justification`)
      .json({ text: '我们有现成的区域监测数据，可以大幅降低成本。' })
      .withGuard('api')
      .loginAs(await agency(1))
    someoneElse.assertStatus(403)
    const justified = await client
      .post(`/api/v1/bids/${low.id}/justification`)
      .json({ text: '我们有现成的区域监测数据，可以大幅降低成本。' })
      .withGuard('api')
      .loginAs(await agency(6))
    justified.assertStatus(200)
    project = await resultOf(client, id)
    assert.equal(project.stage, 'owner_decision')

    const rejected = await client
      .post(`/api/v1/bids/${low.id}/reject`)
      .json({ reason: '报价低于成本，说明不足以证明能保证质量' })
      .withGuard('api')
      .loginAs(await owner())
    rejected.assertStatus(200)
    project = await resultOf(client, id)
    assert.equal(project.status, 'publicity')
    assert.equal(project.result.winnerAgencyId, await idOfAgency(5))
    const published = project.result.bids.find((entry: any) => entry.id === low.id)
    assert.equal(published.invalidReason, 'rejected_abnormally_low')
    assert.equal(published.ownerDecisionReason, '报价低于成本，说明不足以证明能保证质量')
  })

  test('abnormally low: without a justification by the deadline the quote is rejected and the owner may keep others only when justified', async ({
    client,
    assert,
  }) => {
    const { id } = await postProject(client, { method: 'lowest_price' })
    await bid(client, id, 1, 7_000_000)
    await bid(client, id, 5, 6_900_000)
    await bid(client, id, 6, 3_000_000)
    await openAtDeadline()
    const project = await resultOf(client, id)
    const low = project.result.bids.find((entry: any) => entry.abnormallyLow)
    const kept = await client
      .post(`/api/v1/bids/${low.id}/accept`)
      .json({ reason: '业主认为可以接受' })
      .withGuard('api')
      .loginAs(await owner())
    kept.assertStatus(409)

    // One working day after Friday 9 Oct: Saturday 10 Oct (调休) ends at 24:00 Beijing time.
    clock.freeze(new Date('2026-10-10T15:59:59Z'))
    assert.equal((await runTick()).justificationsClosed, 0)
    clock.freeze(new Date('2026-10-10T16:00:00Z'))
    assert.equal((await runTick()).justificationsClosed, 1)
    const after = await resultOf(client, id)
    assert.equal(after.status, 'publicity')
    const rejected = after.result.bids.find((entry: any) => entry.id === low.id)
    assert.equal(rejected.invalidReason, 'no_justification')
    assert.equal(after.result.winnerAgencyId, await idOfAgency(5))
  })

  test('credit preferred: the longlist by credit, a drawn shortlist, and the owner picks from it with a published reason', async ({
    client,
    assert,
  }) => {
    const { id } = await postProject(client, {
      method: 'credit_preferred',
      longlistSize: 4,
      shortlistSize: 2,
    })
    // Agency 8 has the lowest credit score and falls off the longlist of 4.
    await db
      .from('agency_profiles')
      .where('organization_id', await idOfAgency(8))
      .update({ credit_score: 70 })
    for (const n of ZJ001_AGENCIES) await bid(client, id, n, 5_000_000)
    await openAtDeadline()
    let project = await resultOf(client, id)
    assert.equal(project.stage, 'pick')
    const shortlist: number[] = project.result.shortlist
    assert.lengthOf(shortlist, 2)
    const [draw] = project.result.draw.draws
    assert.equal(draw.purpose, 'shortlist')
    assert.lengthOf(draw.candidates, 4)
    assert.notInclude(draw.candidates, await usccOf(8))
    assert.deepEqual(
      await independent.drawCandidates(
        project.result.draw.drawSeed,
        'shortlist',
        draw.candidates,
        2
      ),
      draw.picks
    )

    const outsider = await idOfAgency(8)
    const refused = await client
      .post(`/api/v1/projects/${id}/pick`)
      .json({ agencyId: outsider, reason: '该机构经验丰富' })
      .withGuard('api')
      .loginAs(await owner())
    refused.assertStatus(422)

    const picked = await client
      .post(`/api/v1/projects/${id}/pick`)
      .json({ agencyId: shortlist[1], reason: '承诺工期更短，类似项目经验更多' })
      .withGuard('api')
      .loginAs(await owner())
    picked.assertStatus(200)
    project = await resultOf(client, id)
    assert.equal(project.status, 'publicity')
    assert.equal(project.result.winnerAgencyId, shortlist[1])
    assert.deepEqual(project.result.alternates, [shortlist[0]])
    assert.equal(project.result.pickReason, '承诺工期更短，类似项目经验更多')
  })

  test('scored: the owner scores every plan blind within its weight, then price, credit, performance and plan add up', async ({
    client,
    assert,
  }) => {
    const { id } = await postProject(client, {
      method: 'scored',
      weights: { price: 50, credit: 20, performance: 10, plan: 20 },
    })
    await bid(client, id, 1, 6_000_000, { servicePlan: '方案一：现场踏勘两次，专家内审。' })
    await bid(client, id, 5, 5_000_000, { servicePlan: '方案二：利用既有监测数据。' })
    await openAtDeadline()
    let project = await resultOf(client, id)
    assert.equal(project.stage, 'plan_scores')
    // Blind: the plans under letters, nothing of the bidders.
    const plans = await client
      .get(`/api/v1/projects/${id}/plans`)
      .withGuard('api')
      .loginAs(await owner())
    plans.assertStatus(200)
    const [first, second] = plans.body().data
    assert.deepEqual(
      plans.body().data.map((plan: any) => plan.label),
      ['A', 'B']
    )
    const over = await client
      .post(`/api/v1/projects/${id}/plan-scores`)
      .json({
        scores: [
          { bidId: first.bidId, score: 25, reason: '超出权重' },
          { bidId: second.bidId, score: 10, reason: '一般' },
        ],
      })
      .withGuard('api')
      .loginAs(await owner())
    over.assertStatus(422)
    const scored = await client
      .post(`/api/v1/projects/${id}/plan-scores`)
      .json({
        scores: plans.body().data.map((plan: any) => ({
          bidId: plan.bidId,
          score: plan.label === 'A' ? 20 : 5,
          reason: '按评分细则打分',
        })),
      })
      .withGuard('api')
      .loginAs(await owner())
    scored.assertStatus(200)
    project = await resultOf(client, id)
    assert.equal(project.status, 'publicity')
    const scoreOf = (agencyId: number) =>
      project.result.bids.find((entry: any) => entry.agencyId === agencyId)
    const one = scoreOf(await idOfAgency(1))
    const five = scoreOf(await idOfAgency(5))
    assert.sameMembers([one.planLabel, five.planLabel], ['A', 'B'])
    assert.equal(one.planScore, one.planLabel === 'A' ? 20 : 5)
    // Nobody is rated on ZJ-001 yet: newcomers are scored with the neutral 3, and the result says so.
    assert.equal(project.result.newcomerRating, 3)
    const page = await client.get(`/projects/${id}`)
    page.assertTextIncludes('尚无业主评价的机构，业绩分按本事项已获评价机构的评价中位数 3.00 分')
    // price 50 × lowest/quote + credit 20 × 80/100 + performance 10 × 3/5 + plan
    const expected = (quote: number, plan: number) =>
      Math.round(((5_000_000 / quote) * 50 + 16 + 6 + plan) * 100) / 100
    assert.equal(one.score, expected(6_000_000, one.planScore))
    assert.equal(five.score, expected(5_000_000, five.planScore))
    const winner = one.score > five.score ? one : five
    assert.equal(project.result.winnerAgencyId, winner.agencyId)
  })

  test('direct: only the named agency answers; it accepts at a price within the ceiling and the result is published', async ({
    client,
    assert,
  }) => {
    const named = await agency(1)
    const { id } = await postProject(client, {
      method: 'direct',
      ceilingPriceFen: 3_000_000,
      directAgencyId: named.organizationId,
    })
    let project = await resultOf(client, id)
    assert.equal(project.stage, 'confirmation')
    const other = await client
      .post(`/api/v1/projects/${id}/direct/accept`)
      .withGuard('api')
      .loginAs(await agency(5))
    other.assertStatus(403)
    const tooHigh = await client
      .post(`/api/v1/projects/${id}/direct/accept`)
      .json({ quoteFen: 3_000_001 })
      .withGuard('api')
      .loginAs(named)
    tooHigh.assertStatus(422)
    const accepted = await client
      .post(`/api/v1/projects/${id}/direct/accept`)
      .json({ quoteFen: 2_800_000 })
      .withGuard('api')
      .loginAs(named)
    accepted.assertStatus(200)
    project = await resultOf(client, id)
    assert.equal(project.status, 'publicity')
    assert.equal(project.result.winnerAgencyId, named.organizationId)
    assert.equal(project.result.bids[0].quoteFen, 2_800_000)
  })

  test('direct: a decline fails the round and the owner names another agency; silence past the window fails it too', async ({
    client,
    assert,
  }) => {
    const { id } = await postProject(client, {
      method: 'direct',
      ceilingPriceFen: 3_000_000,
      directAgencyId: await idOfAgency(1),
    })
    const declined = await client
      .post(`/api/v1/projects/${id}/direct/decline`)
      .json({ reason: '近期业务饱和' })
      .withGuard('api')
      .loginAs(await agency(1))
    declined.assertStatus(200)
    assert.equal(declined.body().failReason, 'direct_declined')

    const renamed = await client
      .post(`/api/v1/projects/${id}/publish`)
      .json({ directAgencyId: await idOfAgency(5) })
      .withGuard('api')
      .loginAs(await owner())
    renamed.assertStatus(200)
    assert.equal(renamed.body().round, 2)
    const project = await resultOf(client, id)
    assert.equal(project.directAgencyId, await idOfAgency(5))

    // 2 working days from Tue 29 Sep: Wed 30 Sep and (after the National Day holiday) Thu 8 Oct.
    clock.freeze(new Date('2026-10-08T15:59:59Z'))
    assert.equal((await runTick()).directExpired, 0)
    clock.freeze(new Date('2026-10-08T16:00:00Z'))
    assert.equal((await runTick()).directExpired, 1)
    assert.equal((await resultOf(client, id)).failReason, 'no_confirmation')
  })

  test('consortium: a lead bids with a member for its own sub-item; an ineligible member is refused with 403 naming it', async ({
    client,
    assert,
  }) => {
    const { id } = await postProject(client, { method: 'random' })
    const member = await agency(7)
    const accepted = await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({
        quoteFen: 5_000_000,
        consortium: [{ agencyId: member.organizationId, itemCode: 'ZJ-002' }],
      })
      .withGuard('api')
      .loginAs(await agency(1))
    accepted.assertStatus(201)
    const refused = await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({
        quoteFen: 5_000_000,
        consortium: [{ agencyId: member.organizationId, itemCode: 'ZJ-007' }],
      })
      .withGuard('api')
      .loginAs(await agency(5))
    refused.assertStatus(403)
    assert.include(refused.body().errors[0].message, '眉山市节能技术服务有限公司')

    for (const n of [5, 6]) await bid(client, id, n, 5_000_000)
    await openAtDeadline()
    const { result } = await resultOf(client, id)
    const leadId = await idOfAgency(1)
    const lead = result.bids.find((entry: any) => entry.agencyId === leadId)
    assert.deepEqual(lead.consortium, [
      {
        agencyId: member.organizationId,
        agencyName: '眉山市节能技术服务有限公司',
        itemCode: 'ZJ-002',
        status: 'pending',
      },
    ])
  })
})

test.group('Selection: publicity and objections', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  async function inPublicity(client: any) {
    const { id } = await postProject(client, { method: 'lowest_price' })
    await bid(client, id, 1, 5_000_000)
    await bid(client, id, 5, 5_200_000)
    await bid(client, id, 6, 5_400_000)
    await openAtDeadline()
    return id
  }

  test('a participant objects; the award waits; an upheld objection re-opens the selection without the disqualified bid', async ({
    client,
    assert,
  }) => {
    const id = await inPublicity(client)
    const outsider = await client
      .post(`/api/v1/projects/${id}/objections`)
      .json({ reason: '中选机构的业绩材料与事实不符，请核查。' })
      .withGuard('api')
      .loginAs(await agency(7))
    outsider.assertStatus(409)
    const filed = await client
      .post(`/api/v1/projects/${id}/objections`)
      .json({ reason: '中选机构的业绩材料与事实不符，请核查。' })
      .withGuard('api')
      .loginAs(await agency(5))
    filed.assertStatus(201)

    clock.freeze(AFTER_PUBLICITY)
    assert.equal((await runTick()).awarded, 0)

    const notRegulator = await client
      .post(`/api/v1/regulator/objections/${filed.body().id}/decide`)
      .json({ upheld: true, decision: '经核查属实' })
      .withGuard('api')
      .loginAs(await owner())
    notRegulator.assertStatus(403)
    const decided = await client
      .post(`/api/v1/regulator/objections/${filed.body().id}/decide`)
      .json({ upheld: true, decision: '经核查，中选机构业绩材料不实，取消其中选资格。' })
      .withGuard('api')
      .loginAs(await user('regulator@demo.example.com'))
    decided.assertStatus(200)
    assert.equal(decided.body().status, 'upheld')

    const project = await resultOf(client, id)
    assert.equal(project.status, 'publicity')
    assert.equal(project.result.winnerAgencyId, await idOfAgency(5))
    const formerWinner = await idOfAgency(1)
    const disqualified = project.result.bids.find((entry: any) => entry.agencyId === formerWinner)
    assert.equal(disqualified.invalidReason, 'objection_upheld')
    assert.equal(project.result.objections[0].status, 'upheld')
    const twice = await client
      .post(`/api/v1/regulator/objections/${filed.body().id}/decide`)
      .json({ upheld: false, decision: '重复处理' })
      .withGuard('api')
      .loginAs(await user('regulator@demo.example.com'))
    twice.assertStatus(409)
  })

  test('an objection carries its evidence: the owner and regulators read it, another agency cannot, the public sees only how many; a file that is not a scan is refused at its field', async ({
    client,
    assert,
  }) => {
    const id = await inPublicity(client)
    const notAScan = await client
      .post(`/api/v1/projects/${id}/objections`)
      .field('reason', '中选机构的业绩材料与事实不符，请核查。')
      .file('files[]', await textFile('不是扫描件'))
      .withGuard('api')
      .loginAs(await agency(5))
    notAScan.assertStatus(422)
    assert.equal(notAScan.body().errors[0].field, 'files.0')
    assert.equal(
      await db
        .from('objections')
        .count('* as n')
        .first()
        .then((row) => Number(row.n)),
      0
    )

    const filed = await client
      .post(`/api/v1/projects/${id}/objections`)
      .field('reason', '中选机构的业绩材料与事实不符，请核查。')
      .file('files[]', await textPdf('CONTRACT-2025-017', '业绩合同.pdf'))
      .file('files[]', await textPdf('ACCEPTANCE-2025-017', '验收报告.pdf'))
      .withGuard('api')
      .loginAs(await agency(5))
    filed.assertStatus(201)
    const files = await db
      .from('objection_files')
      .where('objection_id', filed.body().id)
      .orderBy('id')
    assert.deepEqual(
      // The fixtures' files carry a unique prefix; the client's name is kept as sent.
      files.map((file) => String(file.file_name).replace(/^\d+-\w+-/, '')),
      ['业绩合同.pdf', '验收报告.pdf']
    )
    const audit = await db.from('audit_events').where('action', 'objection.filed').firstOrFail()
    assert.equal(JSON.parse(audit.payload).files, 2)

    for (const reader of [
      await owner(),
      await user('regulator@demo.example.com'),
      await agency(5),
    ]) {
      const read = await client
        .get(`/api/v1/objection-files/${files[0].id}`)
        .withGuard('api')
        .loginAs(reader)
      read.assertStatus(200)
      read.assertHeader('content-type', 'application/pdf')
    }
    const otherAgency = await client
      .get(`/api/v1/objection-files/${files[0].id}`)
      .withGuard('api')
      .loginAs(await agency(6))
    otherAgency.assertStatus(403)

    // The project page: links for the owner, the number only for a visitor.
    const ownerPage = await client.get(`/projects/${id}`).loginAs(await owner())
    assert.include(ownerPage.text(), `/objection-files/${files[0].id}`)
    const publicPage = await client.get(`/projects/${id}`)
    assert.notInclude(publicPage.text(), '/objection-files/')
    assert.include(publicPage.text(), '证据材料 2 份')
  })

  test('a rejected objection lets the award go ahead at the end of publicity', async ({
    client,
    assert,
  }) => {
    const id = await inPublicity(client)
    const filed = await client
      .post(`/api/v1/projects/${id}/objections`)
      .json({ reason: '对评审结果有疑问，请说明。' })
      .withGuard('api')
      .loginAs(await agency(6))
    await client
      .post(`/api/v1/regulator/objections/${filed.body().id}/decide`)
      .json({ upheld: false, decision: '经核查，选取过程符合规则。' })
      .withGuard('api')
      .loginAs(await user('regulator@demo.example.com'))
    clock.freeze(AFTER_PUBLICITY)
    assert.equal((await runTick()).awarded, 1)
    const project = await resultOf(client, id)
    assert.equal(project.status, 'awarded')
    assert.equal(project.result.winnerAgencyId, await idOfAgency(1))
  })

  test('an objection left undecided past its response limit is escalated once — every regulator told, in the audit log, overdue on the desk and in the analytics — and the award stays blocked', async ({
    client,
    assert,
  }) => {
    const id = await inPublicity(client)
    const filed = await client
      .post(`/api/v1/projects/${id}/objections`)
      .json({ reason: '中选机构的业绩材料与事实不符，请核查。' })
      .withGuard('api')
      .loginAs(await agency(5))
    filed.assertStatus(201)
    const dueAt = new Date(filed.body().responseDueAt)
    const regulator = await user('regulator@demo.example.com')

    // Before the limit: nothing to escalate.
    clock.freeze(new Date(dueAt.getTime() - 1000))
    assert.equal((await runTick()).objectionsOverdue, 0)

    clock.freeze(new Date(Math.max(dueAt.getTime(), AFTER_PUBLICITY.getTime()) + 1000))
    const first = await runTick()
    assert.equal(first.objectionsOverdue, 1)
    assert.equal(first.awarded, 0)
    const second = await runTick()
    assert.equal(second.objectionsOverdue, 0)
    assert.equal(second.awarded, 0)

    const regulators = await db.from('organizations').where('kind', 'regulator').select('id')
    assert.isAbove(regulators.length, 0)
    const notices = await db.from('notifications').where('kind', 'objection.overdue')
    assert.sameMembers(
      notices.map((notice) => Number(notice.organization_id)),
      regulators.map((row) => Number(row.id))
    )
    const events = await db.from('audit_events').where('action', 'objection.overdue')
    assert.lengthOf(events, 1)
    assert.equal(JSON.parse(events[0].payload).objectionId, filed.body().id)

    const desk = await client.get('/regulator/objections').loginAs(regulator)
    desk.assertStatus(200)
    desk.assertTextIncludes('已超过答复期限')
    const analytics = await client
      .get('/api/v1/regulator/analytics')
      .withGuard('api')
      .loginAs(regulator)
    analytics.assertStatus(200)
    assert.deepEqual(analytics.body().objections, { pending: 1, overdue: 1 })
    const analyticsPage = await client.get('/regulator/analytics').loginAs(regulator)
    analyticsPage.assertTextIncludes('质疑超期未处理')

    // Never awarded silently: the project waits for the regulator's decision.
    const project = await resultOf(client, id)
    assert.equal(project.status, 'publicity')
    assert.isTrue(project.result.objections[0].overdue)
    const decided = await client
      .post(`/api/v1/regulator/objections/${filed.body().id}/decide`)
      .json({ upheld: false, decision: '经核查，选取过程符合规则。' })
      .withGuard('api')
      .loginAs(regulator)
    decided.assertStatus(200)
    assert.equal((await runTick()).awarded, 1)
  })

  test('objections are refused once publicity is over', async ({ client }) => {
    const id = await inPublicity(client)
    clock.freeze(AFTER_PUBLICITY)
    const late = await client
      .post(`/api/v1/projects/${id}/objections`)
      .json({ reason: '对评审结果有疑问，请说明。' })
      .withGuard('api')
      .loginAs(await agency(6))
    late.assertStatus(409)
  })
})
