import { test } from '@japa/runner'
import { idNumberCheckCharacter } from '#domain/id_card'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld } from '#tests/worlds'
import User from '#models/user'
import Bid from '#models/bid'
import { bidReceipt } from '#domain/verifiable_draw'
import { clock } from '#services/clock'

const NOW = new Date('2026-09-29T02:00:00Z')
const DEADLINE = '2026-10-09T04:00:00Z'

async function publishedProject(client: any, overrides: Record<string, unknown> = {}) {
  const owner = await User.findByOrFail('email', 'owner@demo.example.com')
  const draft = await client
    .post('/api/v1/projects')
    .json({
      title: '东坡区滨江大道改造工程环境影响评价',
      serviceItemCode: 'ZJ-001',
      fundingSource: 'fiscal',
      description: '编制东坡区滨江大道改造工程环境影响报告表，并配合完成技术评审。',
      ceilingPriceFen: 8_000_000,
      floorPriceFen: 1_000_000,
      method: 'lowest_price',
      deadline: DEADLINE,
      ...overrides,
    })
    .withGuard('api')
    .loginAs(owner)
  await client.post(`/api/v1/projects/${draft.body().id}/publish`).withGuard('api').loginAs(owner)
  return { id: draft.body().id as number, owner }
}

const agency = (n: number) => User.findByOrFail('email', `agency${n}@demo.example.com`)

test.group('Sealed bids', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('an eligible agency bids and gets a receipt it can recompute; the quote is not in clear in the database', async ({
    client,
    assert,
  }) => {
    const { id } = await publishedProject(client)
    const bidder = await agency(1)
    const placed = await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({ quoteFen: 7_654_321 })
      .withGuard('api')
      .loginAs(bidder)
    placed.assertStatus(201)

    const mine = await client
      .get(`/api/v1/projects/${id}/bids/mine`)
      .withGuard('api')
      .loginAs(bidder)
    const project = await db.from('projects').where('id', id).firstOrFail()
    const organization = await db
      .from('organizations')
      .where('id', bidder.organizationId)
      .firstOrFail()
    assert.equal(mine.body().quoteFen, 7_654_321)
    assert.equal(
      placed.body().receipt,
      bidReceipt(project.code, organization.uscc, 7_654_321, mine.body().nonce)
    )

    const [row] = await db.from('bids').where('project_id', id)
    assert.notInclude(JSON.stringify(row), '7654321')
    assert.notInclude(JSON.stringify(row), mine.body().nonce)
  })

  test('a sealed quote does not reveal its number of digits: quotes of 3, 7 and 9 digits are stored at one length, and each agency still reads its own', async ({
    client,
    assert,
  }) => {
    const { id } = await publishedProject(client, {
      floorPriceFen: 100,
      ceilingPriceFen: 150_000_000,
    })
    // Agencies 1, 5 and 6 offer the service item.
    const bidders = [1, 5, 6]
    const quotes = [150, 1_500_000, 150_000_000]
    for (const [index, quoteFen] of quotes.entries()) {
      const placed = await client
        .post(`/api/v1/projects/${id}/bids`)
        .json({ quoteFen })
        .withGuard('api')
        .loginAs(await agency(bidders[index]))
      placed.assertStatus(201)
    }
    const rows = await db.from('bids').where('project_id', id).orderBy('id')
    assert.lengthOf(rows, 3)
    assert.lengthOf(new Set(rows.map((row) => String(row.quote_encrypted).length)), 1)
    for (const [index, quoteFen] of quotes.entries()) {
      const mine = await client
        .get(`/api/v1/projects/${id}/bids/mine`)
        .withGuard('api')
        .loginAs(await agency(bidders[index]))
      assert.equal(mine.body().quoteFen, quoteFen)
    }
  })

  test('before the deadline only the number of responses is public — to everyone, the owner included', async ({
    client,
    assert,
  }) => {
    const { id, owner } = await publishedProject(client)
    await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({ quoteFen: 7_654_321 })
      .withGuard('api')
      .loginAs(await agency(1))
    for (const request of [
      client.get(`/api/v1/projects/${id}`),
      client.get(`/api/v1/projects/${id}`).withGuard('api').loginAs(owner),
      client.get('/api/v1/projects'),
    ]) {
      const response = await request
      assert.notInclude(response.text(), '7654321')
    }
    const shown = await client.get(`/api/v1/projects/${id}`)
    assert.equal(shown.body().responseCount, 1)
    const [event] = await db
      .from('audit_events')
      .where('action', 'bid.placed')
      .orderBy('id', 'desc')
      .limit(1)
    assert.notInclude(event.payload, '7654321')
  })

  test('a new bid replaces the previous one; withdrawing leaves no response', async ({
    client,
    assert,
  }) => {
    const { id } = await publishedProject(client)
    const bidder = await agency(1)
    const first = await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({ quoteFen: 7_000_000 })
      .withGuard('api')
      .loginAs(bidder)
    const second = await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({ quoteFen: 6_500_000 })
      .withGuard('api')
      .loginAs(bidder)
    assert.notEqual(first.body().receipt, second.body().receipt)
    const mine = await client
      .get(`/api/v1/projects/${id}/bids/mine`)
      .withGuard('api')
      .loginAs(bidder)
    assert.equal(mine.body().receipt, second.body().receipt)
    const afterReplacing = await client.get(`/api/v1/projects/${id}`)
    assert.equal(afterReplacing.body().responseCount, 1)
    const stored = await Bid.query().where('project_id', id)
    assert.sameMembers(
      stored.map((bid) => bid.status),
      ['replaced', 'active']
    )

    const withdrawn = await client
      .delete(`/api/v1/projects/${id}/bids/mine`)
      .withGuard('api')
      .loginAs(bidder)
    withdrawn.assertStatus(204)
    const afterWithdrawal = await client.get(`/api/v1/projects/${id}`)
    assert.equal(afterWithdrawal.body().responseCount, 0)
  })

  test('a quote over the ceiling or under the floor is refused with 422', async ({
    client,
    assert,
  }) => {
    const { id } = await publishedProject(client)
    const bidder = await agency(1)
    const over = await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({ quoteFen: 8_000_001 })
      .withGuard('api')
      .loginAs(bidder)
    over.assertStatus(422)
    assert.equal(over.body().errors[0].rule, 'project.quoteOverCeiling')
    const under = await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({ quoteFen: 999_999 })
      .withGuard('api')
      .loginAs(bidder)
    under.assertStatus(422)
  })

  test('an ineligible agency is refused with 403 and the reason', async ({ client, assert }) => {
    const { id } = await publishedProject(client)
    const surveyor = await agency(2) // offers surveying and appraisal, not environmental impact
    const refused = await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({ quoteFen: 7_000_000 })
      .withGuard('api')
      .loginAs(surveyor)
    refused.assertStatus(403)
    assert.equal(refused.body().errors[0].code, 'E_INELIGIBLE')
    assert.include(refused.body().errors[0].message, '未在名录中提供该服务事项')
  })

  test('a required qualification is checked: valid at the deadline passes, missing is refused', async ({
    client,
    assert,
  }) => {
    const { id } = await publishedProject(client, {
      serviceItemCode: 'ZJ-007',
      fundingSource: 'fiscal',
      title: '滨江大道规划放线测量',
    })
    const surveyor = await agency(2) // holds 测绘资质 甲级; the item requires 乙级 or higher
    // The item also requires its lead to be a registered surveyor (注册测绘师).
    await db
      .from('service_items')
      .where('code', 'ZJ-007')
      .update({ lead_qualification: 'surveyor' })
    // The response names its project lead, who holds that person qualification.
    const lead = await client
      .post('/api/v1/agency/practitioners')
      .json({
        name: '孙测量',
        idNumber: '11010119900307001' + idNumberCheckCharacter('11010119900307001'),
        role: 'practitioner',
        qualificationCode: 'surveyor',
        qualificationValidUntil: '2027-12-31',
      })
      .withGuard('api')
      .loginAs(surveyor)
    lead.assertStatus(201)
    const withoutLead = await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({ quoteFen: 5_000_000 })
      .withGuard('api')
      .loginAs(surveyor)
    withoutLead.assertStatus(403)
    assert.include(withoutLead.body().errors[0].message, '项目负责人')
    const accepted = await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({ quoteFen: 5_000_000, leadPractitionerId: lead.body().id })
      .withGuard('api')
      .loginAs(surveyor)
    accepted.assertStatus(201)

    await db
      .from('qualifications')
      .where('organization_id', surveyor.organizationId)
      .update({ valid_until: '2026-10-08' })
    const expired = await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({ quoteFen: 5_000_000, leadPractitionerId: lead.body().id })
      .withGuard('api')
      .loginAs(surveyor)
    expired.assertStatus(403)
    assert.include(expired.body().errors[0].message, '测绘资质（乙级及以上）')
  })

  test('a qualification below the level the item requires is refused, naming the level held', async ({
    client,
    assert,
  }) => {
    const { id } = await publishedProject(client, {
      serviceItemCode: 'ZJ-007',
      fundingSource: 'fiscal',
      title: '滨江大道竣工规划核实测量',
    })
    const surveyor = await agency(2)
    const lead = await client
      .post('/api/v1/agency/practitioners')
      .json({
        name: '孙测量',
        idNumber: '11010119900307001' + idNumberCheckCharacter('11010119900307001'),
        role: 'practitioner',
        qualificationCode: 'surveyor',
        qualificationValidUntil: '2027-12-31',
      })
      .withGuard('api')
      .loginAs(surveyor)
    lead.assertStatus(201)
    // The catalog raises the requirement to 甲级; the surveyor is downgraded to 乙级.
    await db
      .from('service_items')
      .where('code', 'ZJ-007')
      .update({ qualification_level: 'a', required_qualification: '测绘资质（甲级及以上）' })
    await db
      .from('qualifications')
      .where('organization_id', surveyor.organizationId)
      .where('type_code', 'surveying')
      .update({ level_code: 'b', level: '乙级' })
    const refused = await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({ quoteFen: 5_000_000, leadPractitionerId: lead.body().id })
      .withGuard('api')
      .loginAs(surveyor)
    refused.assertStatus(403)
    assert.equal(refused.body().errors[0].code, 'E_INELIGIBLE')
    assert.include(refused.body().errors[0].message, '测绘资质（甲级及以上）')
    assert.include(refused.body().errors[0].message, '测绘资质 乙级')

    // 甲级 meets 甲级: the same agency, upgraded, is accepted.
    await db
      .from('qualifications')
      .where('organization_id', surveyor.organizationId)
      .where('type_code', 'surveying')
      .update({ level_code: 'a', level: '甲级' })
    const accepted = await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({ quoteFen: 5_000_000, leadPractitionerId: lead.body().id })
      .withGuard('api')
      .loginAs(surveyor)
    accepted.assertStatus(201)
  })

  test('after the deadline a bid is refused with 409, and so is a withdrawal', async ({
    client,
  }) => {
    const { id } = await publishedProject(client)
    const bidder = await agency(1)
    await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({ quoteFen: 7_000_000 })
      .withGuard('api')
      .loginAs(bidder)
    clock.freeze(new Date(DEADLINE))
    const late = await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({ quoteFen: 6_000_000 })
      .withGuard('api')
      .loginAs(bidder)
    late.assertStatus(409)
    const lateWithdrawal = await client
      .delete(`/api/v1/projects/${id}/bids/mine`)
      .withGuard('api')
      .loginAs(bidder)
    lateWithdrawal.assertStatus(409)
  })

  test('owners and regulators cannot bid', async ({ client }) => {
    const { id, owner } = await publishedProject(client)
    const ownerBid = await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({ quoteFen: 7_000_000 })
      .withGuard('api')
      .loginAs(owner)
    ownerBid.assertStatus(403)
    const regulator = await User.findByOrFail('email', 'regulator@demo.example.com')
    const regulatorBid = await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({ quoteFen: 7_000_000 })
      .withGuard('api')
      .loginAs(regulator)
    regulatorBid.assertStatus(403)
  })
})
