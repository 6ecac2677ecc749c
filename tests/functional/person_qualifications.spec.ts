// Assertions read best as `(await call(…)).body()`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { marketWorld } from '#tests/worlds'
import { clock } from '#services/clock'
import { runTick } from '#actions/market_tick'
import User from '#models/user'
import { officialsCsv } from '#domain/serving_officials'
import { personIdHash } from '#services/person_identity'
import { sqlTime } from '#services/sql_time'
import { codeLegacyPersonQualifications } from '#services/person_qualification_codes'
import { createUserWithRole } from '#database/factories/account_factories'
import { serviceItemPayload, testDepartment } from '#tests/helpers'
import { WORLD_PASSWORD } from '#tests/world_data'
import { AFTER_DEADLINE, demoAgency, demoOwner, publishedProject } from '#tests/selection_fixtures'
import {
  api,
  awardedToLiMing,
  banPerson,
  bidNaming as bid,
  firstError,
  LI_MING,
  namePerson as name,
  SUN_LI,
  WANG_FANG,
  ZHAO_QIANG,
} from '#tests/named_team_fixtures'

/*
 * Person qualifications (执业资格) from a closed list, the persons each
 * consortium member names, and serving officials among the named persons.
 */

const NOW = new Date('2026-09-29T02:00:00Z')

async function requireLead(code: string, level: string | null = null, item = 'ZJ-001') {
  await db
    .from('service_items')
    .where('code', item)
    .update({ lead_qualification: code, lead_qualification_level: level })
}

test.group('Person qualifications (执业资格) from a closed list', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld({ items: ['ZJ-001', 'ZJ-002'], agencies: [1, 5, 7] })
    await testDepartment()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('an agency records a person’s qualification by code and level; an unknown code or a level the qualification does not have is refused at the field', async ({
    client,
    assert,
  }) => {
    const agency = await demoAgency(5)
    const post = (body: Record<string, unknown>) =>
      api(client, 'post', '/api/v1/agency/practitioners', agency).json({
        name: '李明',
        idNumber: LI_MING,
        role: 'practitioner',
        qualificationValidUntil: '2027-12-31',
        ...body,
      })
    const unknown = await post({ qualificationCode: '环境影响评价工程师' })
    unknown.assertStatus(422)
    assert.equal(firstError(unknown).field, 'qualificationCode')
    const noSuchLevel = await post({ qualificationCode: 'surveyor', qualificationLevel: 'class_1' })
    noSuchLevel.assertStatus(422)
    assert.equal(firstError(noSuchLevel).field, 'qualificationLevel')
    assert.equal(firstError(noSuchLevel).message, '该执业资格没有这一等级')
    assert.lengthOf(await db.from('practitioners').where('name', '李明'), 0)

    const added = await post({ qualificationCode: 'cost_engineer', qualificationLevel: 'class_1' })
    added.assertStatus(201)
    assert.containsSubset(added.body(), {
      qualificationCode: 'cost_engineer',
      qualificationLevel: 'class_1',
      qualificationType: '注册造价工程师',
      qualificationValidUntil: '2027-12-31',
    })
    // The practitioner list and the practice record show the list's name, in the reader's language.
    const list = await client.get('/practitioners').qs({ name: '李明' })
    assert.include(list.text(), '注册造价工程师（一级）')
    const english = await client
      .get(`/practitioners/${added.body().id}`)
      .withPlainCookie('locale', 'en')
    assert.include(english.text(), 'Registered cost engineer (Class 1)')
    const agencyPage = await client.get(`/agencies/${agency.organizationId}`)
    assert.include(agencyPage.text(), '注册造价工程师（一级）')
  })

  test('a client written before the list may still send the qualification’s name: it is read onto the list with its level, and a name the list does not know is refused at its field', async ({
    client,
    assert,
  }) => {
    const agency = await demoAgency(5)
    const named = await api(client, 'post', '/api/v1/agency/practitioners', agency).json({
      name: '李明',
      idNumber: LI_MING,
      role: 'practitioner',
      qualificationType: '一级造价工程师',
      qualificationValidUntil: '2027-12-31',
    })
    named.assertStatus(201)
    assert.equal(named.body().qualificationCode, 'cost_engineer')
    assert.equal(named.body().qualificationLevel, 'class_1')
    const unknown = await api(client, 'post', '/api/v1/agency/practitioners', agency).json({
      name: '王芳',
      idNumber: WANG_FANG,
      role: 'practitioner',
      qualificationType: '高级按摩师',
      qualificationValidUntil: '2027-12-31',
    })
    unknown.assertStatus(422)
    assert.equal(firstError(unknown).field, 'qualificationType')
    assert.include(firstError(unknown).message, '执业资格')
    const count = await db.from('practitioners').where('name', '王芳').count('* as n')
    assert.equal(Number(count[0].n), 0)
  })

  test('a lead holding a higher level meets the item’s requirement; a lower level is refused with the person and the requirement named', async ({
    client,
    assert,
  }) => {
    // A qualification with levels: 安全评价师 一级 above 二级 above 三级.
    await requireLead('safety_assessor', 'class_2')
    const agency = await demoAgency(5)
    const projectId = await publishedProject(client)
    const third = await name(client, agency, {
      name: '王芳',
      idNumber: WANG_FANG,
      code: 'safety_assessor',
      level: 'class_3',
    })
    const first = await name(client, agency, {
      name: '李明',
      idNumber: LI_MING,
      code: 'safety_assessor',
      level: 'class_1',
    })
    const low = await bid(client, projectId, agency, { leadPractitionerId: third })
    low.assertStatus(403)
    assert.equal(firstError(low).code, 'E_INELIGIBLE')
    assert.include(firstError(low).message, '王芳')
    assert.include(firstError(low).message, '注册安全评价师（二级及以上）')
    ;(await bid(client, projectId, agency, { leadPractitionerId: first })).assertStatus(201)
  })

  test('a regulator names the lead’s person qualification of an item apart from the agency’s; the item page shows it translated, and an unknown code is refused', async ({
    client,
    assert,
  }) => {
    const staff = await createUserWithRole('regulator')
    const payload = serviceItemPayload({
      leadQualification: 'cost_engineer',
      leadQualificationLevel: 'class_2',
    })
    const created = await api(client, 'post', '/api/v1/service-items', staff).json(payload)
    created.assertStatus(201)
    assert.deepEqual(created.body().leadQualification, {
      code: 'cost_engineer',
      level: 'class_2',
      label: '注册造价工程师（二级及以上）',
    })
    assert.isNull(created.body().qualification)
    const stored = await db.from('service_item_versions').orderBy('id', 'desc').firstOrFail()
    assert.equal(stored.lead_qualification, 'cost_engineer')
    const page = await client.get(`/service-items/${payload.code}`)
    assert.include(page.text(), '注册造价工程师（二级及以上）')
    const english = await client
      .get(`/service-items/${payload.code}`)
      .withPlainCookie('locale', 'en')
    assert.include(english.text(), 'Registered cost engineer (Class 2 or higher)')

    // The regulator's editor offers the list, the item's choice selected.
    const editor = await client.get(`/regulator/service-items/${payload.code}/edit`).loginAs(staff)
    editor.assertStatus(200)
    assert.include(editor.text(), 'name="leadQualification"')
    assert.match(editor.text(), /<option value="cost_engineer" selected>/)

    const unknown = await api(client, 'post', '/api/v1/service-items', staff).json(
      serviceItemPayload({ leadQualification: '造价工程师' })
    )
    unknown.assertStatus(422)
    assert.equal(firstError(unknown).field, 'leadQualification')
    const noSuchLevel = await api(client, 'post', '/api/v1/service-items', staff).json(
      serviceItemPayload({ leadQualification: 'cpa', leadQualificationLevel: 'class_1' })
    )
    noSuchLevel.assertStatus(422)
    assert.equal(firstError(noSuchLevel).field, 'leadQualificationLevel')
  })

  test('free text from before the list is coded where it names a listed qualification and kept as written where it does not', async ({
    assert,
  }) => {
    const agency = await demoAgency(5)
    const insert = (personName: string, id: string, text: string) =>
      db.table('practitioners').insert({
        organization_id: agency.organizationId,
        name: personName,
        role: 'practitioner',
        id_number_hash: personIdHash(id),
        qualification_type: text,
        qualification_valid_until: '2027-12-31',
        created_at: sqlTime(NOW),
        updated_at: sqlTime(NOW),
      })
    await insert('李明', LI_MING, '一级注册造价工程师')
    await insert('王芳', WANG_FANG, '高级工程师')
    await db
      .from('service_items')
      .where('code', 'ZJ-001')
      .update({ required_qualification: '环境影响评价工程师', lead_qualification: null })

    assert.equal(await codeLegacyPersonQualifications(db.connection()), 2)
    const coded = async (personName: string) => {
      const row = await db.from('practitioners').where('name', personName).firstOrFail()
      return [row.qualification_type, row.qualification_code, row.qualification_level]
    }
    assert.deepEqual(await coded('李明'), ['一级注册造价工程师', 'cost_engineer', 'class_1'])
    // Unknown to the list: readable as written, meeting no requirement.
    assert.deepEqual(await coded('王芳'), ['高级工程师', null, null])
    const item = await db.from('service_items').where('code', 'ZJ-001').firstOrFail()
    assert.equal(item.lead_qualification, 'eia_engineer')
    // Run again: nothing left to code.
    assert.equal(await codeLegacyPersonQualifications(db.connection()), 0)
  })
})

test.group('Consortium members name their own persons (联合中介)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld({ items: ['ZJ-001', 'ZJ-002'], agencies: [1, 5, 7] })
    // The lead of ZJ-001 must be an EIA engineer; the sub-item ZJ-002 asks a consulting engineer.
    await requireLead('eia_engineer')
    await requireLead('consulting_engineer', null, 'ZJ-002')
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  /** Agency 1 leads with 李明; agency 7 works on ZJ-002 with the persons given. */
  async function consortiumBid(client: any, projectId: number, memberPersons: number[]) {
    const lead = await demoAgency(1)
    const li = await name(client, lead, { name: '李明', idNumber: LI_MING })
    return bid(client, projectId, lead, {
      leadPractitionerId: li,
      consortium: [
        {
          agencyId: (await demoAgency(7)).organizationId,
          itemCode: 'ZJ-002',
          practitionerIds: memberPersons,
        },
      ],
    })
  }

  test('a member’s persons come from the member’s own practitioners, qualified for its sub-item; another agency’s person is refused at the field', async ({
    client,
    assert,
  }) => {
    const projectId = await publishedProject(client)
    const member = await demoAgency(7)
    const zhao = await name(client, member, {
      name: '赵强',
      idNumber: ZHAO_QIANG,
      code: 'consulting_engineer',
    })
    const stranger = await name(client, await demoAgency(5), {
      name: '孙丽',
      idNumber: SUN_LI,
      code: 'consulting_engineer',
    })
    const foreign = await consortiumBid(client, projectId, [stranger])
    foreign.assertStatus(422)
    assert.equal(firstError(foreign).field, 'consortium.0.practitionerIds.0')
    assert.lengthOf(await db.from('bids').where('project_id', projectId), 0)

    const placed = await bid(client, projectId, await demoAgency(1), {
      leadPractitionerId: (await db.from('practitioners').where('name', '李明').firstOrFail()).id,
      consortium: [
        { agencyId: member.organizationId, itemCode: 'ZJ-002', practitionerIds: [zhao] },
      ],
    })
    placed.assertStatus(201)
    const named = await db.from('bid_practitioners').orderBy('id')
    assert.deepEqual(
      named.map((row) => [row.name, row.role, Number(row.organization_id)]),
      [
        ['李明', 'lead', (await demoAgency(1)).organizationId],
        ['赵强', 'member', member.organizationId],
      ]
    )
  })

  test('a member’s person without the sub-item’s qualification, or banned, makes the response ineligible with the reason and the person', async ({
    client,
    assert,
  }) => {
    const projectId = await publishedProject(client)
    const member = await demoAgency(7)
    // An EIA engineer, but the sub-item asks a consulting engineer.
    const zhao = await name(client, member, { name: '赵强', idNumber: ZHAO_QIANG })
    const unqualified = await consortiumBid(client, projectId, [zhao])
    unqualified.assertStatus(403)
    assert.include(firstError(unqualified).message, '赵强')
    assert.include(firstError(unqualified).message, '咨询工程师（投资）')

    const sun = await name(client, member, {
      name: '孙丽',
      idNumber: SUN_LI,
      code: 'consulting_engineer',
    })
    await banPerson(SUN_LI, '孙丽')
    const lead = await demoAgency(1)
    const banned = await bid(client, projectId, lead, {
      leadPractitionerId: (await db.from('practitioners').where('name', '李明').firstOrFail()).id,
      consortium: [{ agencyId: member.organizationId, itemCode: 'ZJ-002', practitionerIds: [sun] }],
    })
    banned.assertStatus(403)
    assert.include(firstError(banned).message, '孙丽')
    assert.include(firstError(banned).message, '禁入')
    assert.lengthOf(await db.from('bids').where('project_id', projectId), 0)
  })

  test('a member’s person the owner also names must stand aside: the response is refused naming the person', async ({
    client,
    assert,
  }) => {
    const projectId = await publishedProject(client)
    const zhao = await name(client, await demoAgency(7), {
      name: '赵强',
      idNumber: ZHAO_QIANG,
      code: 'consulting_engineer',
    })
    ;(
      await api(client, 'post', '/api/v1/owner/persons', await demoOwner()).json({
        name: '赵强',
        idNumber: ZHAO_QIANG,
        role: 'manager',
      })
    ).assertStatus(201)
    const conflicted = await consortiumBid(client, projectId, [zhao])
    conflicted.assertStatus(403)
    // The member's own eligibility (回避) already names the person and the member.
    assert.include(firstError(conflicted).message, '赵强')
    assert.include(firstError(conflicted).message, '与项目业主存在关联')
  })

  test('at opening, a consortium bid whose member’s person was banned since sign-up is invalid with the reason', async ({
    client,
    assert,
  }) => {
    const projectId = await publishedProject(client)
    const member = await demoAgency(7)
    const zhao = await name(client, member, {
      name: '赵强',
      idNumber: ZHAO_QIANG,
      code: 'consulting_engineer',
    })
    ;(await consortiumBid(client, projectId, [zhao])).assertStatus(201)
    await banPerson(ZHAO_QIANG, '赵强')
    clock.freeze(AFTER_DEADLINE)
    await runTick()
    const judged = await db
      .from('bids')
      .where('project_id', projectId)
      .where('organization_id', (await demoAgency(1)).organizationId)
      .firstOrFail()
    assert.isFalse(Boolean(judged.valid))
    assert.equal(judged.invalid_reason, 'practitioner_banned')
  })
})

test.group('Serving officials among the named persons (在职公职人员不得兼职)', (group) => {
  let directory: string
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld({ items: ['ZJ-001'], agencies: [5, 6] })
    await requireLead('eia_engineer')
    clock.freeze(NOW)
    directory = await mkdtemp(join(tmpdir(), 'officials-'))
    return async () => {
      clock.unfreeze()
      await rm(directory, { recursive: true, force: true })
    }
  })

  async function loadList(client: any, idNumbers: string[]) {
    const regulator = await User.findByOrFail('email', 'regulator@demo.example.com')
    const file = join(directory, 'officials.hashes.csv')
    await writeFile(file, officialsCsv(idNumbers.map((id) => personIdHash(id))))
    const response = await client
      .post('/api/v1/regulator/officials')
      .field('source', '市委组织部')
      .field('asOf', '2026-09-01')
      .file('file', file)
      .withGuard('api')
      .loginAs(regulator)
    response.assertStatus(201)
    return regulator
  }

  test('a named lead on the list of serving officials refuses the response without naming the person; the regulator sees who', async ({
    client,
    assert,
  }) => {
    const agency = await demoAgency(5)
    const projectId = await publishedProject(client)
    const li = await name(client, agency, { name: '李明', idNumber: LI_MING })
    const regulator = await loadList(client, [LI_MING])
    const refused = await bid(client, projectId, agency, { leadPractitionerId: li })
    refused.assertStatus(403)
    assert.equal(firstError(refused).code, 'E_INELIGIBLE')
    assert.include(firstError(refused).message, '请联系监管部门')
    assert.notInclude(refused.text(), '李明')
    assert.lengthOf(await db.from('bids').where('project_id', projectId), 0)

    const seen = await api(client, 'get', '/api/v1/regulator/officials', regulator)
    assert.deepInclude(
      seen.body().matches.map((match: any) => [match.name, match.organizationId]),
      ['李明', agency.organizationId]
    )
  })

  test('a list loaded after sign-up makes the response invalid at opening with the generic reason, naming nobody', async ({
    client,
    assert,
  }) => {
    const agency = await demoAgency(5)
    const projectId = await publishedProject(client)
    const li = await name(client, agency, { name: '李明', idNumber: LI_MING })
    ;(await bid(client, projectId, agency, { leadPractitionerId: li })).assertStatus(201)
    await loadList(client, [LI_MING])
    clock.freeze(AFTER_DEADLINE)
    await runTick()
    const judged = await db.from('bids').where('project_id', projectId).firstOrFail()
    assert.isFalse(Boolean(judged.valid))
    assert.equal(judged.invalid_reason, 'serving_official')
    const result = await client.get(`/api/v1/projects/${projectId}`)
    assert.notInclude(result.text(), '李明')
  })

  test('a named lead put on the list after the award stops both signatures with the generic reason, naming nobody', async ({
    client,
    assert,
  }) => {
    const {
      agency,
      owner,
      contract: { id, revision, textSha256 },
    } = await awardedToLiMing(client)
    await loadList(client, [LI_MING])
    for (const signer of [owner, agency]) {
      const refused = await api(client, 'post', `/api/v1/contracts/${id}/sign`, signer).json({
        password: WORLD_PASSWORD,
        revision,
        textSha256,
      })
      refused.assertStatus(403)
      assert.equal(firstError(refused).code, 'E_INELIGIBLE')
      assert.include(firstError(refused).message, '请联系监管部门')
      assert.notInclude(refused.text(), '李明')
    }
    assert.lengthOf(await db.from('contract_signatures').where('contract_id', id), 0)
  })
})
