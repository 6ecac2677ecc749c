import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld } from '#tests/worlds'
import { clock } from '#services/clock'
import { demoAgency, publishedProject } from '#tests/selection_fixtures'

/*
 * 直接选取 takes no sealed bids: only the agency the owner names answers,
 * and its bid on the project is its acceptance. A bid from anyone else is
 * refused with the reason and leaves no trace: not counted, not published.
 */

const NOW = new Date('2026-09-29T02:00:00Z')

async function agencyId(n: number) {
  const agency = await demoAgency(n)
  return agency.organizationId
}

async function directProject(client: any, namedAgency: number) {
  return publishedProject(client, {
    method: 'direct',
    ceilingPriceFen: 3_000_000,
    directAgencyId: await agencyId(namedAgency),
  })
}

test.group('Direct selection: who may respond', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('a bid from an agency the direct selection does not name is refused with 403 and the reason on the API; nothing is counted', async ({
    client,
    assert,
  }) => {
    const id = await directProject(client, 1)
    const stray = await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({ quoteFen: 2_000_000 })
      .withGuard('api')
      .loginAs(await demoAgency(5))
    stray.assertStatus(403)
    assert.equal(stray.body().errors[0].code, 'E_NOT_NAMED_AGENCY')
    assert.include(stray.body().errors[0].message, '只有业主指定的中介机构可以应答')
    assert.notProperty(stray.body(), 'receipt')

    const bids = await db.from('bids').where('project_id', id)
    assert.lengthOf(bids, 0)
    const shown = await client.get(`/api/v1/projects/${id}`)
    assert.equal(shown.body().responseCount, 0)
    assert.equal(shown.body().status, 'published')
    assert.equal(shown.body().stage, 'confirmation')
  })

  test('the page offers no bid form to another agency, and a forged form post is refused with the reason', async ({
    client,
    assert,
  }) => {
    const id = await directProject(client, 1)
    const other = await demoAgency(5)
    const page = await client.get(`/projects/${id}`).loginAs(other)
    page.assertStatus(200)
    assert.notInclude(page.text(), `/agency/projects/${id}/bids`)
    assert.notInclude(page.text(), `/agency/projects/${id}/direct/accept`)

    const forged = await client
      .post(`/agency/projects/${id}/bids`)
      .loginAs(other)
      .form({ quoteYuan: '20000' })
      .withCsrfToken()
      .redirects(0)
    forged.assertStatus(302)
    assert.include(forged.flashMessages().error, '只有业主指定的中介机构可以应答')
    assert.lengthOf(await db.from('bids').where('project_id', id), 0)
  })

  test('the named agency’s bid is its acceptance: a receipt, the result published with its quote and nonce, and no stray bid beside it', async ({
    client,
    assert,
  }) => {
    const id = await directProject(client, 1)
    await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({ quoteFen: 1_000_000 })
      .withGuard('api')
      .loginAs(await demoAgency(5))
    const named = await demoAgency(1)
    const accepted = await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({ quoteFen: 2_800_000 })
      .withGuard('api')
      .loginAs(named)
    accepted.assertStatus(201)
    const receipt = accepted.body().receipt as string
    assert.match(receipt, /^[0-9a-f]{64}$/)

    const shown = await client.get(`/api/v1/projects/${id}`)
    const project = shown.body()
    assert.equal(project.status, 'publicity')
    assert.equal(project.result.winnerAgencyId, named.organizationId)
    assert.lengthOf(project.result.bids, 1)
    const [bid] = project.result.bids
    assert.equal(bid.agencyId, named.organizationId)
    assert.equal(bid.quoteFen, 2_800_000)
    assert.equal(bid.receipt, receipt)
    assert.isString(bid.nonce)

    // Answered once: a second bid finds the selection no longer waiting.
    const again = await client
      .post(`/api/v1/projects/${id}/bids`)
      .json({ quoteFen: 2_700_000 })
      .withGuard('api')
      .loginAs(named)
    again.assertStatus(409)
  })
})
