// Assertions read best as `(await bid(…)).assertStatus(…)`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld, WORLD_PASSWORD } from '#tests/worlds'
import User from '#models/user'
import { clock } from '#services/clock'
import {
  SIGNED_PROJECT_WORLD,
  awardedProject,
  demoAgency,
  demoOwner,
  publishedProject,
} from '#tests/selection_fixtures'
import { disguisedProgram, textFile } from '#tests/file_fixtures'

const NOW = new Date('2026-09-29T02:00:00Z')
const regulatorUser = () => User.findByOrFail('email', 'regulator@demo.example.com')
const BASIS = '《最高人民法院关于公布失信被执行人名单信息的若干规定》第一条'

async function usccOf(agency: User) {
  const row = await db.from('organizations').where('id', agency.organizationId).firstOrFail()
  return String(row.uscc)
}

/** A list file: one line per USCC, listed by the Supreme People's Court on 2 March. */
async function listFile(usccs: string[]) {
  const lines = usccs.map((uscc) => `${uscc},最高人民法院,2026-03-02,"${BASIS}"`)
  return textFile(['uscc,source,date,legal_basis', ...lines].join('\n') + '\n', 'list.csv')
}

async function importList(
  client: any,
  file: string,
  options: { listName?: string; measure?: string; as?: User } = {}
) {
  return client
    .post('/api/v1/regulator/joint-punishments/imports')
    .field('listName', options.listName ?? '失信被执行人名单')
    .field('measure', options.measure ?? 'sign_up')
    .file('file', file)
    .withGuard('api')
    .loginAs(options.as ?? (await regulatorUser()))
}

function bid(client: any, projectId: number, agency: User, quoteFen = 5_000_000) {
  return client
    .post(`/api/v1/projects/${projectId}/bids`)
    .json({ quoteFen })
    .withGuard('api')
    .loginAs(agency)
}

test.group('Joint punishment lists (联合惩戒)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld(SIGNED_PROJECT_WORLD)
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('a listed agency cannot sign up, told the list and its source, shown on its public page; a later import without it lifts the bar', async ({
    client,
    assert,
  }) => {
    const listed = await demoAgency(5)
    const other = await demoAgency(6)
    const imported = await importList(client, await listFile([await usccOf(listed)]))
    imported.assertStatus(201)
    assert.deepInclude(imported.body(), { entries: 1, added: 1, kept: 0, lifted: 0 })

    const projectId = await publishedProject(client)
    const refused = await bid(client, projectId, listed)
    refused.assertStatus(403)
    assert.include(refused.body().errors[0].message, '失信被执行人名单')
    assert.include(refused.body().errors[0].message, '最高人民法院')
    ;(await bid(client, projectId, other)).assertStatus(201)

    const page = await client.get(`/agencies/${listed.organizationId}`)
    page.assertTextIncludes('失信被执行人名单')
    page.assertTextIncludes(BASIS)
    page.assertTextIncludes('禁止报名、投标')
    const profile = await client.get(`/api/v1/agencies/${listed.organizationId}`)
    assert.lengthOf(profile.body().jointPunishments, 1)
    assert.include(profile.body().jointPunishments[0], {
      listName: '失信被执行人名单',
      source: '最高人民法院',
      listedOn: '2026-03-02',
      measure: 'sign_up',
    })

    // The publisher dropped it: the next import of the list lifts it at once.
    const updated = await importList(client, await listFile([await usccOf(other)]))
    updated.assertStatus(201)
    assert.deepInclude(updated.body(), { entries: 1, added: 1, kept: 0, lifted: 1 })
    ;(await bid(client, projectId, listed)).assertStatus(201)
    const lifted = await db
      .from('joint_punishment_entries')
      .where('uscc', await usccOf(listed))
      .firstOrFail()
    assert.isNotNull(lifted.lifted_at)
    const after = await client.get(`/api/v1/agencies/${listed.organizationId}`)
    assert.lengthOf(after.body().jointPunishments, 0)
    assert.lengthOf(await db.from('audit_events').where('action', 'joint_punishment.imported'), 2)
  })

  test('a list barring signing stops the winner from signing; a regulator lifting the entry (once) lets it sign', async ({
    client,
    assert,
  }) => {
    const winner = await demoAgency(5)
    const projectId = await awardedProject(client, [
      [5, 5_000_000],
      [6, 5_200_000],
    ])
    const imported = await importList(client, await listFile([await usccOf(winner)]), {
      listName: '严重失信主体名单',
      measure: 'signing',
    })
    imported.assertStatus(201)
    const contract = await client
      .get(`/api/v1/projects/${projectId}/contract`)
      .withGuard('api')
      .loginAs(await demoOwner())
    const { id, revision, textSha256 } = contract.body()
    const sign = () =>
      client
        .post(`/api/v1/contracts/${id}/sign`)
        .json({ password: WORLD_PASSWORD, revision, textSha256 })
        .withGuard('api')
        .loginAs(winner)
    const refused = await sign()
    refused.assertStatus(403)
    assert.include(refused.body().errors[0].message, '严重失信主体名单')

    const entry = await db.from('joint_punishment_entries').firstOrFail()
    const regulator = await regulatorUser()
    const lift = () =>
      client
        .post(`/api/v1/regulator/joint-punishments/${entry.id}/lift`)
        .json({ reason: '发布机关已将其移出名单' })
        .withGuard('api')
        .loginAs(regulator)
    ;(
      await client
        .post(`/api/v1/regulator/joint-punishments/${entry.id}/lift`)
        .json({ reason: '发布机关已将其移出名单' })
        .withGuard('api')
        .loginAs(winner)
    ).assertStatus(403)
    ;(await lift()).assertStatus(200)
    ;(await lift()).assertStatus(409)
    ;(await sign()).assertStatus(200)
  })

  test('a hostile or broken file is refused whole, naming the lines; only regulators import', async ({
    client,
    assert,
  }) => {
    const program = await importList(client, await disguisedProgram('list.csv'))
    program.assertStatus(422)
    assert.equal(program.body().errors[0].rule, 'file.contentType')
    const agencyUscc = await usccOf(await demoAgency(5))
    const broken = await importList(
      client,
      await textFile(
        [
          'uscc,source,date,legal_basis',
          `${agencyUscc},最高人民法院,2026-03-02,${BASIS}`,
          `${agencyUscc.slice(0, 17)}X,最高人民法院,2026-03-02,${BASIS}`,
          `${agencyUscc},=cmd|' /C calc'!A0,2026-03-02,${BASIS}`,
        ].join('\n'),
        'list.csv'
      )
    )
    broken.assertStatus(422)
    assert.deepEqual(
      broken.body().errors.map((error: any) => error.rule),
      ['jointPunishment.uscc', 'jointPunishment.formula']
    )
    assert.include(broken.body().errors[0].message, '第 3 行')
    const badMeasure = await importList(client, await listFile([agencyUscc]), {
      measure: 'everything',
    })
    badMeasure.assertStatus(422)
    ;(
      await importList(client, await listFile([agencyUscc]), { as: await demoAgency(6) })
    ).assertStatus(403)
    ;(
      await importList(client, await listFile([agencyUscc]), { as: await demoOwner() })
    ).assertStatus(403)
    assert.lengthOf(await db.from('joint_punishment_entries'), 0)
    assert.lengthOf(await db.from('joint_punishment_imports'), 0)
  })

  test('the regulators’ desk imports from its form and lists each entry with the agency it names', async ({
    client,
    assert,
  }) => {
    const regulator = await regulatorUser()
    const listed = await demoAgency(6)
    const posted = await client
      .post('/regulator/joint-punishments/imports')
      .field('listName', '失信被执行人名单')
      .field('measure', 'all')
      .file('file', await listFile([await usccOf(listed)]))
      .withCsrfToken()
      .loginAs(regulator)
      .redirects(0)
    posted.assertStatus(302)
    const desk = await client.get('/regulator/joint-punishments').loginAs(regulator)
    desk.assertStatus(200)
    const name = (await db.from('organizations').where('id', listed.organizationId).firstOrFail())
      .name
    desk.assertTextIncludes(name)
    desk.assertTextIncludes('禁止报名、投标和签订合同')
    const entry = await db.from('joint_punishment_entries').firstOrFail()
    await client
      .post(`/regulator/joint-punishments/${entry.id}/lift`)
      .form({ reason: '发布机关已将其移出名单' })
      .withCsrfToken()
      .loginAs(regulator)
      .redirects(0)
    assert.isNotNull((await db.from('joint_punishment_entries').firstOrFail()).lifted_at)
    ;(await client.get('/regulator/joint-punishments').loginAs(listed)).assertStatus(403)
  })
})
