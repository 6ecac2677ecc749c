// Assertions read best as `(await resultOf(…)).bids`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld } from '#tests/worlds'
import type User from '#models/user'
import { clock } from '#services/clock'
import { runTick } from '#actions/market_tick'
import {
  AFTER_DEADLINE,
  demoAgency,
  demoOwner,
  placeBids,
  publishedProject,
} from '#tests/selection_fixtures'

/*
 * 联合中介: a lead names member agencies; each member confirms or declines in
 * the market before the deadline, and sees only who leads and for which
 * project. A bid whose members have not all confirmed is invalid at opening;
 * a member has no bid of its own in the same project.
 */

const NOW = new Date('2026-09-29T02:00:00Z')
const LEAD_QUOTE = 5_432_100

async function agencyId(n: number) {
  return (await demoAgency(n)).organizationId
}

/** Agency `lead` bids with agency `member` for the sub-item ZJ-002; returns the request's id. */
async function consortiumBid(client: any, projectId: number, lead: number, member: number) {
  const response = await client
    .post(`/api/v1/projects/${projectId}/bids`)
    .json({
      quoteFen: LEAD_QUOTE,
      consortium: [{ agencyId: await agencyId(member), itemCode: 'ZJ-002' }],
    })
    .withGuard('api')
    .loginAs(await demoAgency(lead))
  response.assertStatus(201)
  const request = await db
    .from('bid_members as m')
    .join('bids as b', 'b.id', 'm.bid_id')
    .where('b.project_id', projectId)
    .where('b.status', 'active')
    .where('b.organization_id', await agencyId(lead))
    .where('m.organization_id', await agencyId(member))
    .select('m.id')
    .firstOrFail()
  return Number(request.id)
}

function answer(client: any, requestId: number, verb: 'confirm' | 'decline', as: User, body = {}) {
  return client
    .post(`/api/v1/consortium-requests/${requestId}/${verb}`)
    .json(body)
    .withGuard('api')
    .loginAs(as)
}

async function openedBidOf(client: any, projectId: number, n: number) {
  clock.freeze(AFTER_DEADLINE)
  await runTick()
  const project = (await client.get(`/api/v1/projects/${projectId}`)).body()
  const id = await agencyId(n)
  return project.result.bids.find((bid: any) => bid.agencyId === id)
}

test.group('Consortium members confirm in the market', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('the named member is asked — the lead and the project, never the quote — confirms, and the bid counts at opening', async ({
    client,
    assert,
  }) => {
    const id = await publishedProject(client)
    const requestId = await consortiumBid(client, id, 1, 7)
    const member = await demoAgency(7)

    const listed = await client.get('/api/v1/consortium-requests').withGuard('api').loginAs(member)
    listed.assertStatus(200)
    assert.lengthOf(listed.body().data, 1)
    const [request] = listed.body().data
    assert.equal(request.id, requestId)
    assert.equal(request.status, 'pending')
    assert.equal(request.projectId, id)
    assert.equal(request.leadAgencyId, await agencyId(1))
    assert.equal(request.itemCode, 'ZJ-002')
    assert.notInclude(listed.text(), String(LEAD_QUOTE))
    assert.notInclude(listed.text(), 'quote')

    const [notice] = await db
      .from('notifications')
      .where('organization_id', member.organizationId)
      .where('kind', 'consortium.requested')
    assert.equal(notice.project_id, id)
    assert.notInclude(notice.data, String(LEAD_QUOTE))
    const page = await client.get('/agency/projects').loginAs(member)
    page.assertTextIncludes(request.leadAgencyName)
    assert.notInclude(page.text(), '54,321.00')

    const confirmed = await answer(client, requestId, 'confirm', member)
    confirmed.assertStatus(200)
    assert.equal(confirmed.body().status, 'confirmed')
    const [event] = await db.from('audit_events').where('action', 'consortium.member_confirmed')
    assert.equal(event.subject_id, id)

    // The lead sees the answer beside its own bid; replacing the bid keeps it.
    const lead = await demoAgency(1)
    await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({
        quoteFen: LEAD_QUOTE - 100,
        consortium: [{ agencyId: member.organizationId, itemCode: 'ZJ-002' }],
      })
      .withGuard('api')
      .loginAs(lead)
    const mine = await client.get(`/api/v1/projects/${id}/bids/mine`).withGuard('api').loginAs(lead)
    assert.deepInclude(mine.body().consortium[0], {
      agencyId: member.organizationId,
      status: 'confirmed',
    })

    await placeBids(client, id, [
      [5, 5_000_000],
      [6, 5_100_000],
      [8, 5_200_000],
    ])
    const bid = await openedBidOf(client, id, 1)
    assert.isTrue(bid.valid)
    assert.deepEqual(bid.consortium, [
      {
        agencyId: member.organizationId,
        agencyName: '眉山市节能技术服务有限公司',
        itemCode: 'ZJ-002',
        status: 'confirmed',
      },
    ])
  })

  test('a member that never confirmed makes the lead’s bid invalid at opening, with the reason published', async ({
    client,
    assert,
  }) => {
    const id = await publishedProject(client)
    await consortiumBid(client, id, 1, 7)
    await placeBids(client, id, [
      [5, 5_000_000],
      [6, 5_100_000],
      [8, 5_200_000],
    ])
    const bid = await openedBidOf(client, id, 1)
    assert.isFalse(bid.valid)
    assert.equal(bid.invalidReason, 'member_unconfirmed')
    assert.isNull(bid.rank)
    assert.equal(bid.consortium[0].status, 'pending')
    const page = await client.get(`/projects/${id}`)
    page.assertTextIncludes('联合体成员未在截止前确认参加')
  })

  test('a member declines with a reason: the lead is told, and the bid is invalid at opening', async ({
    client,
    assert,
  }) => {
    const id = await publishedProject(client)
    const requestId = await consortiumBid(client, id, 1, 7)
    const declined = await answer(client, requestId, 'decline', await demoAgency(7), {
      reason: '本机构未同意参加该联合体',
    })
    declined.assertStatus(200)
    assert.equal(declined.body().status, 'declined')
    const [notice] = await db
      .from('notifications')
      .where('organization_id', await agencyId(1))
      .where('kind', 'consortium.answered')
    assert.include(notice.data, 'declined')

    await placeBids(client, id, [
      [5, 5_000_000],
      [6, 5_100_000],
      [8, 5_200_000],
    ])
    const bid = await openedBidOf(client, id, 1)
    assert.isFalse(bid.valid)
    assert.equal(bid.invalidReason, 'member_declined')
  })

  test('an agency with a bid of its own cannot confirm as a member, and a confirmed member cannot bid on its own nor join another consortium: 403 with the reasons', async ({
    client,
    assert,
  }) => {
    const id = await publishedProject(client)
    // Naming an agency does not hold it back: agency 7 still bids on its own…
    const requestOf7 = await consortiumBid(client, id, 1, 7)
    await placeBids(client, id, [[7, 5_000_000]])
    // …and then cannot confirm.
    const refused = await answer(client, requestOf7, 'confirm', await demoAgency(7))
    refused.assertStatus(403)
    assert.equal(refused.body().errors[0].code, 'E_CONSORTIUM_CONFLICT')
    assert.include(refused.body().errors[0].message, '已在本项目中单独报名')

    // Agency 5 confirms as the member of agency 6's bid…
    const requestOf5 = await consortiumBid(client, id, 6, 5)
    ;(await answer(client, requestOf5, 'confirm', await demoAgency(5))).assertStatus(200)
    // …so its own bid is refused, naming the lead,
    const own = await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({ quoteFen: 5_000_000 })
      .withGuard('api')
      .loginAs(await demoAgency(5))
    own.assertStatus(403)
    assert.equal(own.body().errors[0].code, 'E_CONSORTIUM_CONFLICT')
    assert.include(own.body().errors[0].message, '乐山嘉州环境评价有限公司')
    // …and so is a second consortium.
    const second = await consortiumBid(client, id, 8, 5)
    const twice = await answer(client, second, 'confirm', await demoAgency(5))
    twice.assertStatus(403)
    assert.equal(twice.body().errors[0].code, 'E_CONSORTIUM_CONFLICT')
    assert.equal((await db.from('bid_members').where('id', second).firstOrFail()).status, 'pending')
  })

  test('a member that also bids on its own is caught at opening: the consortium bid is invalid', async ({
    client,
    assert,
  }) => {
    const id = await publishedProject(client)
    const requestId = await consortiumBid(client, id, 1, 7)
    await placeBids(client, id, [
      [7, 5_000_000],
      [5, 5_100_000],
      [6, 5_200_000],
    ])
    // A confirmation recorded before the rule held (or raced it): the opening still sees both.
    await db.from('bid_members').where('id', requestId).update({ status: 'confirmed' })
    const lead = await openedBidOf(client, id, 1)
    assert.isFalse(lead.valid)
    assert.equal(lead.invalidReason, 'member_bids_alone')
    const project = (await client.get(`/api/v1/projects/${id}`)).body()
    const alone = project.result.bids.find(
      (bid: any) => bid.agencyId === lead.consortium[0].agencyId
    )
    assert.isTrue(alone.valid)
  })

  test('after the deadline, or once the lead withdrew, an answer is refused with 409 and changes nothing', async ({
    client,
    assert,
  }) => {
    const id = await publishedProject(client)
    const requestId = await consortiumBid(client, id, 1, 7)
    const member = await demoAgency(7)
    clock.freeze(AFTER_DEADLINE)
    const late = await answer(client, requestId, 'confirm', member)
    late.assertStatus(409)
    assert.include(late.body().errors[0].message, '报名已截止')
    assert.equal(
      (await db.from('bid_members').where('id', requestId).firstOrFail()).status,
      'pending'
    )

    clock.freeze(NOW)
    const other = await publishedProject(client, { title: '东坡区污水管网工程环境影响评价' })
    const withdrawn = await consortiumBid(client, other, 1, 7)
    await client
      .delete(`/api/v1/projects/${other}/bids/mine`)
      .withGuard('api')
      .loginAs(await demoAgency(1))
    const gone = await answer(client, withdrawn, 'confirm', member)
    gone.assertStatus(409)
    assert.include(gone.body().errors[0].message, '已撤回或替换')
  })

  test('only the member sees and answers a request: the lead, another agency and the owner are refused, the lists of others stay empty', async ({
    client,
    assert,
  }) => {
    const id = await publishedProject(client)
    const requestId = await consortiumBid(client, id, 1, 7)
    for (const n of [1, 5]) {
      const stranger = await demoAgency(n)
      for (const verb of ['confirm', 'decline'] as const) {
        const refused = await answer(client, requestId, verb, stranger)
        refused.assertStatus(403)
        assert.equal(refused.body().errors[0].code, 'E_AUTHORIZATION_FAILURE')
      }
      const list = await client
        .get('/api/v1/consortium-requests')
        .withGuard('api')
        .loginAs(stranger)
      assert.deepEqual(list.body().data, [])
      const page = await client.get('/agency/projects').loginAs(stranger)
      assert.notInclude(page.text(), 'consortium-requests')
    }
    const owner = await answer(client, requestId, 'confirm', await demoOwner())
    owner.assertStatus(403)
    const visitor = await client.post(`/api/v1/consortium-requests/${requestId}/confirm`)
    visitor.assertStatus(401)
    assert.equal(
      (await db.from('bid_members').where('id', requestId).firstOrFail()).status,
      'pending'
    )
  })

  test('on the pages: the dashboard points the member to the request, and the forms confirm and decline it', async ({
    client,
    assert,
  }) => {
    const id = await publishedProject(client)
    const requestId = await consortiumBid(client, id, 1, 7)
    const member = await demoAgency(7)
    const dashboard = await client.get('/dashboard/agency').loginAs(member)
    dashboard.assertTextIncludes('有 1 个联合体成员邀请待您确认')
    const list = await client.get('/agency/projects').loginAs(member)
    list.assertTextIncludes(`/agency/consortium-requests/${requestId}/confirm`)

    const confirmed = await client
      .post(`/agency/consortium-requests/${requestId}/confirm`)
      .loginAs(member)
      .withCsrfToken()
      .redirects(0)
    confirmed.assertStatus(302)
    assert.equal(confirmed.flashMessages().success, '已确认作为联合体成员参加。')
    const declined = await client
      .post(`/agency/consortium-requests/${requestId}/decline`)
      .loginAs(member)
      .form({ reason: '人员安排有变' })
      .withCsrfToken()
      .redirects(0)
    declined.assertStatus(302)
    const row = await db.from('bid_members').where('id', requestId).firstOrFail()
    assert.equal(row.status, 'declined')
    assert.equal(row.decline_reason, '人员安排有变')

    const forged = await client
      .post(`/agency/consortium-requests/${requestId}/confirm`)
      .loginAs(await demoAgency(5))
      .withCsrfToken()
      .redirects(0)
    forged.assertStatus(302)
    assert.property(forged.flashMessages().errorsBag, 'E_AUTHORIZATION_FAILURE')
  })
})
