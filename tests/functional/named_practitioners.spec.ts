// Assertions read best as `(await call(…)).body()`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld } from '#tests/worlds'
import { clock } from '#services/clock'
import { runTick } from '#actions/market_tick'
import { personIdHash } from '#services/person_identity'
import { sqlTime } from '#services/sql_time'
import { WORLD_PASSWORD } from '#tests/world_data'
import { textPdf } from '#tests/file_fixtures'
import {
  AFTER_DEADLINE,
  AFTER_PUBLICITY,
  demoAgency,
  demoOwner,
  publishedProject,
} from '#tests/selection_fixtures'
import {
  api,
  awardedToLiMing,
  banPerson,
  bidNaming as bid,
  firstError,
  LI_MING,
  namePerson as name,
  WANG_FANG,
  ZHAO_QIANG,
} from '#tests/named_team_fixtures'

const NOW = new Date('2026-09-29T02:00:00Z')
/** The agency-level qualification the item requires, and the person qualification of its lead. */
const QUALIFICATION = '环境影响评价工程师'
const LEAD_QUALIFICATION = 'eia_engineer'
const LEAD_QUALIFICATION_NAME = '注册环境影响评价工程师'

test.group('Named practitioners answer for their work (项目负责人)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld({ items: ['ZJ-001'], agencies: [5, 6] })
    // ZJ-001 requires a qualification here, which agencies 5 and 6 both hold, and its lead
    // must be a registered EIA engineer.
    await db
      .from('service_items')
      .where('code', 'ZJ-001')
      .update({ required_qualification: QUALIFICATION, lead_qualification: LEAD_QUALIFICATION })
    for (const n of [5, 6]) {
      const agency = await demoAgency(n)
      await db.table('qualifications').insert({
        organization_id: agency.organizationId,
        type: QUALIFICATION,
        certificate_no: `HP-${n}`,
        issuer: '四川省生态环境厅',
        valid_until: '2028-12-31',
        status: 'verified',
        created_at: sqlTime(NOW),
      })
    }
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('a response to an item requiring a qualification names a qualified lead; without one, with a lapsed qualification or with another agency’s person it is refused with the reason', async ({
    client,
    assert,
  }) => {
    const agency = await demoAgency(5)
    const other = await demoAgency(6)
    const projectId = await publishedProject(client)
    const li = await name(client, agency, { name: '李明', idNumber: LI_MING })
    const wang = await name(client, agency, {
      name: '王芳',
      idNumber: WANG_FANG,
      validUntil: '2026-10-08',
    })
    const stranger = await name(client, other, { name: '赵强', idNumber: ZHAO_QIANG })

    const noLead = await bid(client, projectId, agency, {})
    noLead.assertStatus(403)
    assert.equal(firstError(noLead).code, 'E_INELIGIBLE')
    assert.include(firstError(noLead).message, `须指定持有该资格的项目负责人`)

    // Valid until the day before the deadline day (9 October): not held at the deadline.
    const lapsed = await bid(client, projectId, agency, {
      leadPractitionerId: li,
      teamPractitionerIds: [wang],
    })
    lapsed.assertStatus(403)
    assert.include(firstError(lapsed).message, '王芳')
    assert.include(firstError(lapsed).message, LEAD_QUALIFICATION_NAME)

    const foreign = await bid(client, projectId, agency, { leadPractitionerId: stranger })
    foreign.assertStatus(422)
    assert.equal(firstError(foreign).field, 'leadPractitionerId')
    const twice = await bid(client, projectId, agency, {
      leadPractitionerId: li,
      teamPractitionerIds: [li],
    })
    twice.assertStatus(422)
    assert.lengthOf(await db.from('bids').where('project_id', projectId), 0)

    const placed = await bid(client, projectId, agency, { leadPractitionerId: li })
    placed.assertStatus(201)
    const named = await db.from('bid_practitioners').orderBy('id')
    assert.deepEqual(
      named.map((row) => [row.name, row.role]),
      [['李明', 'lead']]
    )
    const mine = await api(client, 'get', `/api/v1/projects/${projectId}/bids/mine`, agency)
    assert.deepEqual(mine.body().team, { lead: '李明', members: [] })
    const audit = await db.from('audit_events').where('action', 'bid.placed').firstOrFail()
    assert.include(String(audit.payload), '李明')
    assert.notInclude(String(audit.payload), LI_MING)
  })

  test('a person banned under one agency is refused when another agency names them, and a person the owner names must stand aside', async ({
    client,
    assert,
  }) => {
    const first = await demoAgency(6)
    const agency = await demoAgency(5)
    const projectId = await publishedProject(client)
    // Banned while named by agency 6; agency 5 names the same person later.
    await name(client, first, { name: '王芳', idNumber: WANG_FANG })
    await banPerson(WANG_FANG, '王芳')
    const li = await name(client, agency, { name: '李明', idNumber: LI_MING })
    const wang = await name(client, agency, { name: '王芳', idNumber: WANG_FANG })
    const banned = await bid(client, projectId, agency, {
      leadPractitionerId: li,
      teamPractitionerIds: [wang],
    })
    banned.assertStatus(403)
    assert.include(firstError(banned).message, '王芳')
    assert.include(firstError(banned).message, '禁入')

    // The owner names 李明 as one of its own persons: 回避.
    const owner = await demoOwner()
    ;(
      await api(client, 'post', '/api/v1/owner/persons', owner).json({
        name: '李明',
        idNumber: LI_MING,
        role: 'manager',
      })
    ).assertStatus(201)
    const conflicted = await bid(client, projectId, agency, { leadPractitionerId: li })
    conflicted.assertStatus(403)
    assert.include(firstError(conflicted).message, '李明')
    assert.include(firstError(conflicted).message, '回避')
    assert.lengthOf(await db.from('bids').where('project_id', projectId), 0)
  })

  test('at opening, a bid whose lead was banned since sign-up is invalid with the reason, and the other bid wins; its lead goes into the contract', async ({
    client,
    assert,
  }) => {
    const five = await demoAgency(5)
    const six = await demoAgency(6)
    const projectId = await publishedProject(client)
    const li = await name(client, five, { name: '李明', idNumber: LI_MING })
    const zhao = await name(client, six, { name: '赵强', idNumber: ZHAO_QIANG })
    ;(await bid(client, projectId, five, { leadPractitionerId: li })).assertStatus(201)
    ;(
      await api(client, 'post', `/api/v1/projects/${projectId}/bids`, six).json({
        quoteFen: 5_200_000,
        leadPractitionerId: zhao,
      })
    ).assertStatus(201)
    await banPerson(LI_MING, '李明')

    clock.freeze(AFTER_DEADLINE)
    await runTick()
    const rows = await db.from('bids').where('project_id', projectId).orderBy('id')
    assert.equal(rows[0].invalid_reason, 'practitioner_banned')
    assert.isNull(rows[1].invalid_reason)
    const page = await client.get(`/projects/${projectId}`)
    assert.include(page.text(), '指定人员处于禁入期')

    clock.freeze(AFTER_PUBLICITY)
    await runTick()
    const contract = await api(
      client,
      'get',
      `/api/v1/projects/${projectId}/contract`,
      await demoOwner()
    )
    contract.assertStatus(200)
    const row = await db.from('contracts').where('project_id', projectId).firstOrFail()
    assert.equal(row.lead_name, '赵强')
    assert.equal(Number(row.lead_practitioner_id), zhao)
    assert.include(contract.body().text, '项目负责人：赵强')
  })

  test('at signing, a lead banned after the award stops both signatures, naming the person; the practice record then shows the ban and never the ID number', async ({
    client,
    assert,
  }) => {
    const {
      agency: five,
      owner,
      leadId: li,
      contract: { id, revision, textSha256 },
    } = await awardedToLiMing(client)
    await banPerson(LI_MING, '李明')
    for (const signer of [owner, five]) {
      const refused = await api(client, 'post', `/api/v1/contracts/${id}/sign`, signer).json({
        password: WORLD_PASSWORD,
        revision,
        textSha256,
      })
      refused.assertStatus(403)
      assert.include(firstError(refused).message, '李明')
    }
    assert.lengthOf(await db.from('contract_signatures').where('contract_id', id), 0)

    const record = await api(client, 'get', `/api/v1/practitioners/${li}`)
    record.assertStatus(200)
    assert.equal(record.body().name, '李明')
    assert.equal(record.body().agency.id, five.organizationId)
    assert.lengthOf(record.body().bans, 1)
    assert.isTrue(record.body().bans[0].inForce)
    assert.notInclude(record.text(), LI_MING)
    assert.notInclude(record.text(), personIdHash(LI_MING))
    const page = await client.get(`/practitioners/${li}`)
    page.assertStatus(200)
    assert.include(page.text(), '出具虚假环境影响报告')
    assert.notInclude(page.text(), LI_MING)
  })

  test('a signed contract led by a practitioner appears in the practice record, found by name and agency, with the owner’s rating and an upheld false-report finding; delivery names the lead', async ({
    client,
    assert,
  }) => {
    const {
      agency: five,
      owner,
      projectId,
      leadId: li,
      contract: { id, revision, textSha256 },
    } = await awardedToLiMing(client)
    for (const signer of [owner, five]) {
      ;(
        await api(client, 'post', `/api/v1/contracts/${id}/sign`, signer).json({
          password: WORLD_PASSWORD,
          revision,
          textSha256,
        })
      ).assertStatus(200)
    }
    // The lead named in the contract signs off the submission.
    const delivered = await client
      .post(`/api/v1/contracts/${id}/deliverables`)
      .field('summary', '环境影响报告表（送审稿）')
      .file('files[]', await textPdf('环境影响报告表'))
      .withGuard('api')
      .loginAs(five)
    delivered.assertStatus(201)
    const submission = await db.from('deliverables').where('contract_id', id).firstOrFail()
    assert.equal(submission.lead_name, '李明')
    const service = await client.get(`/contracts/${id}`).loginAs(owner)
    assert.include(service.text(), '项目负责人 李明 对本次提交的服务成果签字负责')

    await db.table('evaluations').insert({
      contract_id: id,
      direction: 'of_agency',
      rater_organization_id: owner.organizationId,
      rated_organization_id: five.organizationId,
      quality: 4,
      timeliness: 5,
      attitude: 5,
      fee_compliance: 5,
      origin: 'rater',
      created_at: sqlTime(clock.now()),
    })
    await db.table('complaints').insert({
      state: 'answered',
      category: 'false_report',
      text: '报告监测数据与现场不符',
      agency_organization_id: five.organizationId,
      project_id: projectId,
      complainant_kind: 'anonymous',
      tracking_code_hash: 'a'.repeat(64),
      rule_version: 1,
      filed_at: sqlTime(clock.now()),
      due_at: sqlTime(clock.now()),
      outcome: 'upheld',
      decision: '经核查，报告引用的监测数据系伪造',
      answered_at: sqlTime(clock.now()),
      created_at: sqlTime(clock.now()),
    })

    const found = await api(client, 'get', '/api/v1/practitioners?name=李&agency=环')
    found.assertStatus(200)
    assert.deepEqual(
      found.body().data.map((row: any) => row.id),
      [li]
    )
    assert.lengthOf(
      (await api(client, 'get', '/api/v1/practitioners?name=李&agency=不存在')).body().data,
      0
    )
    const search = await client.get('/practitioners').qs({ name: '李明' })
    assert.include(search.text(), `/practitioners/${li}`)
    // The directory leads to the search.
    assert.include((await client.get('/agencies')).text(), 'href="/practitioners"')

    const record = (await api(client, 'get', `/api/v1/practitioners/${li}`)).body()
    assert.lengthOf(record.projectsLed, 1)
    assert.equal(record.projectsLed[0].projectId, projectId)
    assert.equal(record.projectsLed[0].ownerRating.quality, 4)
    assert.lengthOf(record.falseReportFindings, 1)
    assert.include(record.falseReportFindings[0].decision, '伪造')
    assert.lengthOf(record.bans, 0)

    // The agency page links each person to their record, and its evaluations name the lead.
    const agencyPage = await client.get(`/agencies/${five.organizationId}`)
    assert.include(agencyPage.text(), `/practitioners/${li}`)
    assert.include(agencyPage.text(), '项目负责人：李明')
    const contractPage = await client.get(`/contracts/${id}`).loginAs(owner)
    assert.include(contractPage.text(), '计入项目负责人 李明 的执业记录')
    ;(await api(client, 'get', '/api/v1/practitioners/999999')).assertStatus(404)
    ;(await client.get('/practitioners/999999')).assertStatus(404)
  })

  test('the bid form lists the agency’s persons with their qualification and places a bid naming the lead and team; without a lead it is refused on the page with the reason', async ({
    client,
    assert,
  }) => {
    const five = await demoAgency(5)
    const projectId = await publishedProject(client)
    const li = await name(client, five, { name: '李明', idNumber: LI_MING })
    const wang = await name(client, five, { name: '王芳', idNumber: WANG_FANG })
    const page = await client.get(`/projects/${projectId}`).loginAs(five)
    assert.include(page.text(), 'name="leadPractitionerId"')
    assert.include(page.text(), `李明（${LEAD_QUALIFICATION_NAME}`)

    const refused = await client
      .post(`/agency/projects/${projectId}/bids`)
      .loginAs(five)
      .form({ quoteYuan: '50000' })
      .withCsrfToken()
    assert.include(refused.text(), '须指定持有该资格的项目负责人')
    assert.lengthOf(await db.from('bids').where('project_id', projectId), 0)

    const placed = await client
      .post(`/agency/projects/${projectId}/bids`)
      .loginAs(five)
      .form({
        'quoteYuan': '50000',
        'leadPractitionerId': String(li),
        'teamPractitionerIds[]': String(wang),
      })
      .withCsrfToken()
      .redirects(0)
    placed.assertStatus(302)
    const named = await db.from('bid_practitioners').orderBy('id')
    assert.deepEqual(
      named.map((row) => [row.name, row.role]),
      [
        ['李明', 'lead'],
        ['王芳', 'member'],
      ]
    )
    const after = await client.get(`/projects/${projectId}`).loginAs(five)
    assert.include(after.text(), '项目负责人：李明；团队成员：王芳')
  })

  test('an agency registers a person’s qualification on its profile page; a qualification without its end date is refused at the field', async ({
    client,
    assert,
  }) => {
    const five = await demoAgency(5)
    const missingDate = await client
      .post('/agency/practitioners')
      .header('referer', '/agency/profile')
      .loginAs(five)
      .form({
        name: '李明',
        idNumber: LI_MING,
        role: 'practitioner',
        qualificationCode: LEAD_QUALIFICATION,
      })
      .withCsrfToken()
      .redirects(0)
    missingDate.assertStatus(302)
    const errors = missingDate.flashMessages().inputErrorsBag as Record<string, string[]>
    assert.properties(errors, ['qualificationValidUntil'])
    assert.lengthOf(await db.from('practitioners').where('name', '李明'), 0)

    const added = await client
      .post('/agency/practitioners')
      .loginAs(five)
      .form({
        name: '李明',
        idNumber: LI_MING,
        role: 'practitioner',
        qualificationCode: LEAD_QUALIFICATION,
        qualificationValidUntil: '2027-06-30',
      })
      .withCsrfToken()
      .redirects(0)
    added.assertStatus(302)
    const row = await db.from('practitioners').where('name', '李明').firstOrFail()
    assert.equal(row.qualification_code, LEAD_QUALIFICATION)
    const profile = await client.get('/agency/profile').loginAs(five)
    assert.include(profile.text(), `${LEAD_QUALIFICATION_NAME}（有效期至 2027-06-30）`)
    assert.include(profile.text(), 'name="qualificationCode"')
  })

  test('a direct selection’s acceptance names its lead too: refused without one on the API, accepted on the page naming the lead', async ({
    client,
    assert,
  }) => {
    const five = await demoAgency(5)
    const projectId = await publishedProject(client, {
      method: 'direct',
      ceilingPriceFen: 3_000_000,
      directAgencyId: five.organizationId,
    })
    const li = await name(client, five, { name: '李明', idNumber: LI_MING })
    const refused = await api(
      client,
      'post',
      `/api/v1/projects/${projectId}/direct/accept`,
      five
    ).json({})
    refused.assertStatus(403)
    assert.include(firstError(refused).message, '须指定持有该资格的项目负责人')

    const page = await client.get(`/projects/${projectId}`).loginAs(five)
    assert.include(page.text(), 'name="leadPractitionerId"')
    const accepted = await client
      .post(`/agency/projects/${projectId}/direct/accept`)
      .loginAs(five)
      .form({ leadPractitionerId: String(li) })
      .withCsrfToken()
      .redirects(0)
    accepted.assertStatus(302)
    const named = await db.from('bid_practitioners').firstOrFail()
    assert.equal(named.name, '李明')
    assert.equal(named.role, 'lead')
    const project = await db.from('projects').where('id', projectId).firstOrFail()
    assert.equal(Number(project.winner_organization_id), five.organizationId)
  })
})
