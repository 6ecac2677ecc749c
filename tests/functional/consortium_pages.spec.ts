// Assertions read best as `(await call(…)).flashMessages()`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld } from '#tests/worlds'
import type User from '#models/user'
import Organization from '#models/organization'
import { clock } from '#services/clock'
import { AFTER_DEADLINE, demoAgency, publishedProject } from '#tests/selection_fixtures'
import {
  api,
  banPerson,
  firstError,
  namePerson,
  SUN_LI,
  WANG_FANG,
  ZHAO_QIANG,
} from '#tests/named_team_fixtures'

/*
 * 联合中介 on the pages: a lead names its consortium members on the bid
 * page (by name or USCC, with each member's sub-item and persons) under the
 * API's rules and messages, and a member reads on its request page what it
 * is asked to do, and answers there.
 */

const NOW = new Date('2026-09-29T02:00:00Z')

const organizationOf = (user: User) => Organization.findOrFail(user.organizationId)

/** The consortium rows as a browser sends the form's fields: consortium[0][agency]=… */
function asFormFields(rows: Record<string, string | string[]>[]) {
  const fields: Record<string, string> = {}
  for (const [index, row] of rows.entries()) {
    for (const [name, value] of Object.entries(row)) {
      const values = [value].flat()
      if (Array.isArray(value)) {
        for (const [at, one] of values.entries()) {
          fields[`consortium[${index}][${name}][${at}]`] = one
        }
      } else fields[`consortium[${index}][${name}]`] = value
    }
  }
  return fields
}

/** The bid form sent to `path` by the lead: ¥54,321 with the consortium rows given. */
function sendBidForm(
  client: any,
  path: string,
  lead: User,
  rows: Record<string, string | string[]>[]
) {
  return client
    .post(path)
    .loginAs(lead)
    .form({ quoteYuan: '54321', ...asFormFields(rows) })
    .withCsrfToken()
    .redirects(0)
}

const bidFromPage = (client: any, projectId: number, lead: User, rows: any[]) =>
  sendBidForm(client, `/agency/projects/${projectId}/bids`, lead, rows)

/** The project page as the agency sees it after a refused or sent-back form. */
function pageAfter(client: any, projectId: number, agency: User, sent: any) {
  return client
    .get(`/projects/${projectId}`)
    .loginAs(agency)
    .withFlashMessages(sent.flashMessages())
}

const membersOfProject = (projectId: number) =>
  db
    .from('bid_members as m')
    .join('bids as b', 'b.id', 'm.bid_id')
    .where('b.project_id', projectId)
    .where('b.status', 'active')
    .select('m.id', 'm.organization_id', 'm.status')

test.group('Consortium members on the bid page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('a lead names a member by its USCC with its sub-item: the bid is placed, the member asked, and the lead sees it beside its bid', async ({
    client,
    assert,
  }) => {
    const projectId = await publishedProject(client)
    const lead = await demoAgency(1)
    const member = await organizationOf(await demoAgency(7))
    const form = await client.get(`/projects/${projectId}`).loginAs(lead)
    form.assertTextIncludes('联合体成员（联合中介，选填）')
    form.assertTextIncludes('name="consortium[0][agency]"')

    const placed = await bidFromPage(client, projectId, lead, [
      { agency: member.uscc.toLowerCase(), itemCode: 'zj-002' },
      { agency: '', itemCode: '' },
    ])
    placed.assertStatus(302)
    assert.include(placed.flashMessages().success, '回执')
    const rows = await membersOfProject(projectId)
    assert.deepEqual(
      rows.map((row) => [Number(row.organization_id), row.status]),
      [[member.id, 'pending']]
    )
    const page = await client.get(`/projects/${projectId}`).loginAs(lead)
    page.assertTextIncludes(`${member.name}（ZJ-002）：待确认`)
  })

  test('the form sent back finds a member by its name and lists its persons; the persons chosen are named for it', async ({
    client,
    assert,
  }) => {
    const projectId = await publishedProject(client)
    const lead = await demoAgency(1)
    const memberUser = await demoAgency(7)
    const member = await organizationOf(memberUser)
    const zhao = await namePerson(client, memberUser, { name: '赵强', idNumber: ZHAO_QIANG })
    await namePerson(client, memberUser, { name: '王芳', idNumber: WANG_FANG })

    const sentBack = await sendBidForm(client, `/agency/projects/${projectId}/bids/members`, lead, [
      { agency: member.name, itemCode: 'ZJ-002' },
    ])
    sentBack.assertStatus(302)
    assert.equal(sentBack.header('location'), `/projects/${projectId}#consortium`)
    assert.include(sentBack.flashMessages().warning, '报价尚未提交')
    // Nothing is stored: the form only comes back with the member's persons.
    assert.lengthOf(await db.from('bids').where('project_id', projectId), 0)
    const page = await pageAfter(client, projectId, lead, sentBack)
    page.assertTextIncludes(`已找到：${member.name}（${member.uscc}）`)
    page.assertTextIncludes(`name="consortium[0][practitionerIds][]" value="${zhao}"`)
    page.assertTextIncludes('王芳')
    // A spare row to name one more member.
    page.assertTextIncludes('name="consortium[1][agency]"')

    const placed = await bidFromPage(client, projectId, lead, [
      { agency: member.name, itemCode: 'ZJ-002', practitionerIds: [String(zhao)] },
    ])
    placed.assertStatus(302)
    assert.property(placed.flashMessages(), 'success')
    const named = await db.from('bid_practitioners').orderBy('id')
    assert.deepEqual(
      named.map((row) => [row.name, row.role, Number(row.organization_id)]),
      [['赵强', 'member', member.id]]
    )

    // The form that would replace the bid comes with its members and their persons filled in.
    const replacing = await client.get(`/projects/${projectId}`).loginAs(lead)
    replacing.assertTextIncludes(`name="consortium[0][agency]" type="text" value="${member.uscc}"`)
    replacing.assertTextIncludes('<option value="ZJ-002" selected>')
    replacing.assertTextIncludes(`name="consortium[0][practitionerIds][]" value="${zhao}" checked`)
  })

  test('a member that does not offer the sub-item is refused at its own row with the API’s reason, and the page shows it there', async ({
    client,
    assert,
  }) => {
    const projectId = await publishedProject(client)
    const lead = await demoAgency(1)
    // 乐山嘉州 offers ZJ-001 and ZJ-005, not ZJ-002; the blank first row is the spare one.
    const member = await organizationOf(await demoAgency(6))
    const refused = await bidFromPage(client, projectId, lead, [
      { agency: '', itemCode: '' },
      { agency: member.uscc, itemCode: 'ZJ-002' },
    ])
    refused.assertStatus(302)
    const errors = refused.flashMessages().inputErrorsBag
    assert.deepEqual(errors['consortium.1.agency'], [
      `联合体成员 ${member.name} 未提供其承担的子事项`,
    ])
    assert.lengthOf(await db.from('bids').where('project_id', projectId), 0)

    const page = await pageAfter(client, projectId, lead, refused)
    page.assertTextIncludes(`联合体成员 ${member.name} 未提供其承担的子事项`)
    page.assertTextIncludes(`value="${member.uscc}"`)

    // The API says the same, naming the member's place in the request.
    const viaApi = await api(client, 'post', `/api/v1/projects/${projectId}/bids`, lead).json({
      quoteFen: 5_432_100,
      consortium: [{ agencyId: member.id, itemCode: 'ZJ-002' }],
    })
    viaApi.assertStatus(403)
    assert.equal(firstError(viaApi).message, `联合体成员 ${member.name} 未提供其承担的子事项`)
    assert.equal(firstError(viaApi).field, 'consortium.0.agencyId')
  })

  test('a member nobody goes by, a name two agencies share, a missing sub-item and the lead itself are refused at their fields', async ({
    client,
    assert,
  }) => {
    const projectId = await publishedProject(client)
    const lead = await demoAgency(1)
    const unknown = await bidFromPage(client, projectId, lead, [
      { agency: '不存在的咨询有限公司', itemCode: 'ZJ-002' },
    ])
    assert.deepEqual(unknown.flashMessages().inputErrorsBag['consortium.0.agency'], [
      '联合体成员须为其他已入驻的中介机构，且不得重复',
    ])
    const page = await pageAfter(client, projectId, lead, unknown)
    page.assertTextIncludes('未找到唯一对应的中介机构')

    const member = await organizationOf(await demoAgency(7))
    await db
      .from('organizations')
      .where('id', (await demoAgency(5)).organizationId)
      .update({
        name: member.name,
      })
    const shared = await bidFromPage(client, projectId, lead, [
      { agency: member.name, itemCode: 'ZJ-002' },
    ])
    assert.deepEqual(shared.flashMessages().inputErrorsBag['consortium.0.agency'], [
      '有多家中介机构使用该名称，请填写统一社会信用代码',
    ])

    const noItem = await bidFromPage(client, projectId, lead, [
      { agency: member.uscc, itemCode: '' },
    ])
    assert.isDefined(noItem.flashMessages().inputErrorsBag['consortium.0.itemCode'])

    const itself = await bidFromPage(client, projectId, lead, [
      { agency: (await organizationOf(lead)).uscc, itemCode: 'ZJ-002' },
    ])
    assert.deepEqual(itself.flashMessages().inputErrorsBag['consortium.0.agency'], [
      '联合体成员须为其他已入驻的中介机构，且不得重复',
    ])
    assert.lengthOf(await db.from('bids').where('project_id', projectId), 0)
  })

  test('a person who is not the member’s own, or a banned one, is refused: at the member’s persons, or with the person named', async ({
    client,
    assert,
  }) => {
    const projectId = await publishedProject(client)
    const lead = await demoAgency(1)
    const memberUser = await demoAgency(7)
    const member = await organizationOf(memberUser)
    const stranger = await namePerson(client, await demoAgency(5), {
      name: '王芳',
      idNumber: WANG_FANG,
    })
    const foreign = await bidFromPage(client, projectId, lead, [
      { agency: member.uscc, itemCode: 'ZJ-002', practitionerIds: [String(stranger)] },
    ])
    assert.deepEqual(foreign.flashMessages().inputErrorsBag['consortium.0.practitionerIds.0'], [
      '请从贵机构登记的执业人员中选择',
    ])
    const foreignPage = await pageAfter(client, projectId, lead, foreign)
    foreignPage.assertTextIncludes('请从贵机构登记的执业人员中选择')

    const sun = await namePerson(client, memberUser, { name: '孙丽', idNumber: SUN_LI })
    await banPerson(SUN_LI, '孙丽')
    const banned = await bidFromPage(client, projectId, lead, [
      { agency: member.uscc, itemCode: 'ZJ-002', practitionerIds: [String(sun)] },
    ])
    banned.assertStatus(302)
    assert.include(banned.flashMessages().error, '孙丽')
    assert.include(banned.flashMessages().error, '禁入')
    const bannedPage = await pageAfter(client, projectId, lead, banned)
    bannedPage.assertTextIncludes('孙丽')
    assert.lengthOf(await db.from('bids').where('project_id', projectId), 0)
  })
})

test.group('A member’s consortium request page', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  /** Agency 1 bids from the page with agency 7 on ZJ-002 and its 赵强; returns the request's id. */
  async function requestNamingZhao(client: any, projectId: number) {
    const memberUser = await demoAgency(7)
    const member = await organizationOf(memberUser)
    const zhao = await namePerson(client, memberUser, { name: '赵强', idNumber: ZHAO_QIANG })
    await namePerson(client, memberUser, { name: '王芳', idNumber: WANG_FANG })
    ;(
      await bidFromPage(client, projectId, await demoAgency(1), [
        { agency: member.uscc, itemCode: 'ZJ-002', practitionerIds: [String(zhao)] },
      ])
    ).assertStatus(302)
    const [row] = await membersOfProject(projectId)
    return Number(row.id)
  }

  test('the member reads the project, its sub-item and the persons named for it — never the quote — and confirms there', async ({
    client,
    assert,
  }) => {
    const projectId = await publishedProject(client)
    const requestId = await requestNamingZhao(client, projectId)
    const member = await demoAgency(7)
    const list = await client.get('/agency/projects').loginAs(member)
    list.assertTextIncludes(`/agency/consortium-requests/${requestId}"`)

    const page = await client.get(`/agency/consortium-requests/${requestId}`).loginAs(member)
    page.assertStatus(200)
    page.assertTextIncludes('滨江大道改造工程环境影响评价')
    page.assertTextIncludes((await organizationOf(await demoAgency(1))).name)
    page.assertTextIncludes('ZJ-002')
    page.assertTextIncludes('赵强')
    // Only the persons the lead named: not the member's other persons, nor the quote.
    assert.notInclude(page.text(), '王芳')
    assert.notInclude(page.text(), '54,321')
    page.assertTextIncludes(`/agency/consortium-requests/${requestId}/confirm`)

    const confirmed = await client
      .post(`/agency/consortium-requests/${requestId}/confirm`)
      .loginAs(member)
      .withCsrfToken()
      .redirects(0)
    confirmed.assertStatus(302)
    assert.equal(confirmed.header('location'), `/agency/consortium-requests/${requestId}`)
    const after = await client.get(`/agency/consortium-requests/${requestId}`).loginAs(member)
    after.assertTextIncludes('已确认参加')
    assert.notInclude(after.text(), `/agency/consortium-requests/${requestId}/confirm`)
    after.assertTextIncludes(`/agency/consortium-requests/${requestId}/decline`)
  })

  test('the member declines there with a reason; after the deadline the page says so and offers no answer', async ({
    client,
    assert,
  }) => {
    const projectId = await publishedProject(client)
    const requestId = await requestNamingZhao(client, projectId)
    const member = await demoAgency(7)
    const declined = await client
      .post(`/agency/consortium-requests/${requestId}/decline`)
      .loginAs(member)
      .form({ reason: '人员安排有变' })
      .withCsrfToken()
      .redirects(0)
    declined.assertStatus(302)
    const page = await client.get(`/agency/consortium-requests/${requestId}`).loginAs(member)
    page.assertTextIncludes('已拒绝')
    page.assertTextIncludes('人员安排有变')

    clock.freeze(AFTER_DEADLINE)
    const closed = await client.get(`/agency/consortium-requests/${requestId}`).loginAs(member)
    closed.assertTextIncludes('报名已截止')
    assert.notInclude(closed.text(), `/agency/consortium-requests/${requestId}/confirm`)
  })

  test('the lead and another agency cannot open the request page', async ({ client, assert }) => {
    const projectId = await publishedProject(client)
    const requestId = await requestNamingZhao(client, projectId)
    for (const n of [1, 5]) {
      const refused = await client
        .get(`/agency/consortium-requests/${requestId}`)
        .loginAs(await demoAgency(n))
        .redirects(0)
      assert.notEqual(refused.status(), 200)
      assert.notInclude(refused.text(), '赵强')
    }
  })
})
