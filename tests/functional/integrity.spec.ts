// Assertions read best as `(await call(…)).body()`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { writeFile, readFile, mkdtemp, rm } from 'node:fs/promises'
import app from '@adonisjs/core/services/app'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { marketWorld } from '#tests/worlds'
import { clock } from '#services/clock'
import User from '#models/user'
import Department from '#models/department'
import { createRegulatorOf } from '#database/factories/account_factories'
import { completeUscc } from '#domain/uscc'
import { idNumberCheckCharacter } from '#domain/id_card'
import { officialsCsv } from '#domain/serving_officials'
import { personIdHash } from '#services/person_identity'
import { WORLD_PASSWORD } from '#tests/world_data'
import { runTick } from '#actions/market_tick'
import {
  AFTER_DEADLINE,
  awardedProject,
  demoAgency,
  demoOwner,
  publishedProject,
} from '#tests/selection_fixtures'

const NOW = new Date('2026-09-29T02:00:00Z')
const RULE =
  '审批部门所属事业单位、主管社会组织及其举办的企业，不得开展与本部门行政审批相关的中介服务'
const OFFICIALS_REFUSAL = '存在在职公职人员兼职情形，请联系监管部门'
/** 眉山市环境科学研究所, a public institution of the environment bureau. */
const INSTITUTE = completeUscc('12511400MB1E5501')
/** 眉山环投发展有限公司, a company the bureau's institute set up. */
const COMPANY = completeUscc('91511400MA6E7702')
/** 黄丽, the manager agency 6 names. */
const HUANG_LI = '51110219860724009' + idNumberCheckCharacter('51110219860724009')

function api(client: any, method: 'get' | 'post' | 'put', url: string, user: User) {
  return client[method](url).withGuard('api').loginAs(user)
}

async function environmentBureau() {
  return createRegulatorOf('市生态环境局')
}

async function registerUnder(
  client: any,
  regulator: User,
  uscc: string,
  name: string,
  relation: string
) {
  const response = await api(
    client,
    'post',
    `/api/v1/regulator/departments/${regulator.departmentId}/affiliates`,
    regulator
  ).json({ uscc, name, relation, reason: '依据机构编制文件登记' })
  response.assertStatus(201)
  return response.body()
}

async function bid(client: any, projectId: number, agency: User, quoteFen = 5_000_000) {
  return api(client, 'post', `/api/v1/projects/${projectId}/bids`, agency).json({ quoteFen })
}

async function offers(organizationId: number, code: string) {
  const row = await db
    .from('agency_service_items as a')
    .join('service_items as s', 's.id', 'a.service_item_id')
    .where('a.organization_id', organizationId)
    .where('s.code', code)
    .first()
  return Boolean(row)
}

test.group('红顶中介: affiliations with the approving department', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld({ items: ['ZJ-001', 'ZJ-002'], agencies: [5, 6] })
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('a register change flags and suspends, in one go, the listing and the open bid of an agency whose sponsor the bureau now registers; listing and sign-up are then refused quoting the rule', async ({
    client,
    assert,
  }) => {
    const agency = await demoAgency(6)
    const declared = await api(client, 'put', '/api/v1/agency/declaration', agency).json({
      nature: 'institution',
      sponsorName: '眉山市环境科学研究所',
      sponsorUscc: INSTITUTE,
      shareholders: [],
    })
    declared.assertStatus(200)
    assert.lengthOf(declared.body().suspended, 0)
    const projectId = await publishedProject(client)
    ;(await bid(client, projectId, agency)).assertStatus(201)

    const bureau = await environmentBureau()
    const added = await registerUnder(client, bureau, INSTITUTE, '眉山市环境科学研究所', 'sponsors')
    assert.sameMembers(
      added.suspended.map((row: any) => row.kind),
      ['listing', 'bid']
    )
    assert.isFalse(await offers(agency.organizationId, 'ZJ-001'))
    const bidRow = await db
      .from('bids')
      .where('project_id', projectId)
      .where('organization_id', agency.organizationId)
      .first()
    assert.equal(bidRow.status, 'withdrawn')
    const suspensions = await db
      .from('conflict_suspensions')
      .where('organization_id', agency.organizationId)
    assert.lengthOf(suspensions, 2)
    assert.isTrue(suspensions.every((row) => row.cause === 'register' && row.via === 'sponsor'))
    const told = await db
      .from('notifications')
      .where('kind', 'integrity.suspended')
      .select('organization_id')
    const recipients = new Set(told.map((row) => Number(row.organization_id)))
    assert.isTrue(recipients.has(agency.organizationId))
    assert.isTrue(recipients.has(bureau.organizationId))
    const audit = await db
      .from('audit_events')
      .whereIn('action', [
        'integrity.listing_suspended',
        'integrity.bid_suspended',
        'register.entry_added',
      ])
      .count('* as total')
      .first()
    assert.equal(Number(audit.total), 3)

    // Regulators see the flags on their desk and through the API.
    const flags = await api(client, 'get', '/api/v1/regulator/conflict-suspensions', bureau)
    assert.sameMembers(
      flags.body().data.map((row: any) => `${row.kind}:${row.item}:${row.via}`),
      ['listing:ZJ-001:sponsor', 'bid:ZJ-001:sponsor']
    )
    const desk = await client.get('/regulator/register').loginAs(bureau)
    assert.include(desk.text(), '眉山市环境科学研究所')
    assert.include(desk.text(), '登记簿变更')

    // The agency sees it on its page, and the public register shows the entry.
    const page = await client.get('/agency/declaration').loginAs(agency)
    page.assertStatus(200)
    assert.include(page.text(), '已撤回')
    assert.include(page.text(), '眉山市环境科学研究所')
    const register = await client.get('/api/v1/departments')
    const bureauEntry = register.body().data.find((row: any) => row.id === bureau.departmentId)
    assert.equal(bureauEntry.affiliates[0].uscc, INSTITUTE)

    // Listing again is refused at the items field, quoting the rule.
    const listing = await api(client, 'put', '/api/v1/agency/profile', agency).json({
      items: ['ZJ-001'],
      region: '511100',
    })
    listing.assertStatus(422)
    assert.equal(listing.body().errors[0].field, 'items')
    assert.include(listing.body().errors[0].message, RULE)
    assert.include(listing.body().errors[0].message, '眉山市环境科学研究所')
    // Another department's item stays open to it.
    const other = await api(client, 'put', '/api/v1/agency/profile', agency).json({
      items: ['ZJ-002'],
      region: '511100',
    })
    other.assertStatus(200)

    // Signing up is refused (403) with the same rule.
    const again = await bid(client, projectId, agency)
    again.assertStatus(403)
    assert.equal(again.body().errors[0].code, 'E_INELIGIBLE')
    assert.include(again.body().errors[0].message, RULE)

    // On the page, the form comes back with the rule in its error summary.
    const form = await client
      .post('/agency/profile')
      .form({ 'items[]': 'ZJ-001', 'region': '511100' })
      .header('referer', '/agency/profile')
      .withCsrfToken()
      .loginAs(agency)
    assert.include(form.text(), RULE)
  })

  test('a declaration change flags and suspends the listing and open bid of an agency whose new shareholder the bureau owns; the public page shows the declaration without any ID hash', async ({
    client,
    assert,
  }) => {
    const bureau = await environmentBureau()
    await registerUnder(client, bureau, COMPANY, '眉山环投发展有限公司', 'owns')
    const agency = await demoAgency(5)
    const projectId = await publishedProject(client)
    ;(await bid(client, projectId, agency)).assertStatus(201)

    const declared = await api(client, 'put', '/api/v1/agency/declaration', agency).json({
      nature: 'enterprise',
      shareholders: [
        { name: '眉山环投发展有限公司', uscc: COMPANY, shareBp: 3000 },
        {
          name: '周涛',
          idNumber: '51010419790203008' + idNumberCheckCharacter('51010419790203008'),
          shareBp: 7000,
        },
      ],
    })
    declared.assertStatus(200)
    assert.equal(declared.body().declaration.version, 1)
    assert.sameMembers(
      declared.body().suspended.map((row: any) => row.kind),
      ['listing', 'bid']
    )
    const suspensions = await db
      .from('conflict_suspensions')
      .where('organization_id', agency.organizationId)
    assert.isTrue(
      suspensions.every((row) => row.cause === 'declaration' && row.via === 'shareholder')
    )
    const bureauTold = await db
      .from('notifications')
      .where('kind', 'integrity.suspended')
      .where('organization_id', bureau.organizationId)
    assert.lengthOf(bureauTold, 2)

    const shown = await client.get(`/api/v1/agencies/${agency.organizationId}`)
    const holders = shown.body().declaration.shareholders
    assert.deepEqual(holders[1], { name: '周涛', uscc: null, person: true, shareBp: 7000 })
    assert.notInclude(shown.text(), 'idHash')
    assert.notInclude(
      shown.text(),
      personIdHash('51010419790203008' + idNumberCheckCharacter('51010419790203008'))
    )
    const page = await client.get(`/agencies/${agency.organizationId}`)
    assert.include(page.text(), '眉山环投发展有限公司')
    assert.include(page.text(), '30%')
  })

  test('the declaration page takes a table of shareholders in percentages and shows the new version; the public page names the sponsor', async ({
    client,
    assert,
  }) => {
    const agency = await demoAgency(5)
    const form = await client.get('/agency/declaration').loginAs(agency)
    form.assertStatus(200)
    assert.include(form.text(), RULE)
    const saved = await client
      .post('/agency/declaration')
      .form({
        'nature': 'social_organization',
        'sponsorName': '眉山市环境科学学会',
        'sponsorUscc': INSTITUTE,
        // As the page's table posts them: one row filled, one left empty.
        'shareholders[0][name]': '眉山环投发展有限公司',
        'shareholders[0][uscc]': COMPANY,
        'shareholders[0][idNumber]': '',
        'shareholders[0][sharePercent]': '12.5',
        'shareholders[1][name]': '',
        'shareholders[1][uscc]': '',
        'shareholders[1][idNumber]': '',
        'shareholders[1][sharePercent]': '',
      })
      .withCsrfToken()
      .loginAs(agency)
      .redirects(0)
    saved.assertStatus(302)
    const row = await db
      .from('agency_declarations')
      .where('organization_id', agency.organizationId)
      .first()
    assert.equal(row.version, 1)
    assert.deepEqual(JSON.parse(row.shareholders), [
      { name: '眉山环投发展有限公司', uscc: COMPANY, idHash: null, shareBp: 1250 },
    ])
    const shown = await client.get(`/agencies/${agency.organizationId}`)
    assert.include(shown.text(), '眉山市环境科学学会')
    assert.include(shown.text(), '12.5%')
    assert.include(shown.text(), '社会组织')
  })

  test('a declaration breaking its own rules is refused and changes nothing: an institution without a sponsor, a shareholder under 5 %', async ({
    client,
    assert,
  }) => {
    const agency = await demoAgency(5)
    const noSponsor = await api(client, 'put', '/api/v1/agency/declaration', agency).json({
      nature: 'institution',
      shareholders: [],
    })
    noSponsor.assertStatus(422)
    assert.equal(noSponsor.body().errors[0].field, 'sponsorName')
    const small = await api(client, 'put', '/api/v1/agency/declaration', agency).json({
      nature: 'enterprise',
      shareholders: [{ name: '小股东有限公司', uscc: COMPANY, shareBp: 499 }],
    })
    small.assertStatus(422)
    assert.include(small.body().errors[0].message, '不足 5%')
    assert.lengthOf(await db.from('agency_declarations'), 0)
  })

  test('an agency registered itself under the bureau cannot sign the contract it was awarded: 403 quoting the rule', async ({
    client,
    assert,
  }) => {
    const projectId = await awardedProject(client, [
      [5, 5_000_000],
      [6, 5_200_000],
    ])
    const owner = await demoOwner()
    const contract = (
      await api(client, 'get', `/api/v1/projects/${projectId}/contract`, owner)
    ).body()
    const agency = await demoAgency(5)
    const organization = await db.from('organizations').where('id', agency.organizationId).first()
    const bureau = await environmentBureau()
    await registerUnder(client, bureau, organization.uscc, organization.name, 'owns')

    const refused = await api(client, 'post', `/api/v1/contracts/${contract.id}/sign`, agency).json(
      {
        password: WORLD_PASSWORD,
        revision: contract.revision,
        textSha256: contract.textSha256,
      }
    )
    refused.assertStatus(403)
    assert.include(refused.body().errors[0].message, RULE)
    assert.equal(
      Number(
        (
          await db
            .from('contract_signatures')
            .where('contract_id', contract.id)
            .count('* as n')
            .first()
        ).n
      ),
      0
    )
  })

  test("another department's register does not touch the agency: no suspension, the item stays listed; a renamed bureau still matches", async ({
    client,
    assert,
  }) => {
    const agency = await demoAgency(5)
    await api(client, 'put', '/api/v1/agency/declaration', agency).json({
      nature: 'institution',
      sponsorName: '眉山市环境科学研究所',
      sponsorUscc: INSTITUTE,
    })
    const water = await createRegulatorOf('市水利局')
    const added = await registerUnder(client, water, INSTITUTE, '眉山市环境科学研究所', 'sponsors')
    assert.lengthOf(added.suspended, 0)
    assert.isTrue(await offers(agency.organizationId, 'ZJ-001'))

    // The bureau is renamed; its register and items follow it by id.
    const office = await User.findByOrFail('email', 'regulator@demo.example.com')
    const bureau = await environmentBureau()
    ;(
      await api(client, 'put', `/api/v1/regulator/departments/${bureau.departmentId}`, office).json(
        {
          name: '市生态环境保护局',
          regionCode: '511400',
          reason: '机构改革更名',
        }
      )
    ).assertStatus(200)
    const renamed = await registerUnder(
      client,
      bureau,
      INSTITUTE,
      '眉山市环境科学研究所',
      'sponsors'
    )
    assert.lengthOf(renamed.suspended, 1)
    const projectId = await publishedProject(client)
    const listing = await api(client, 'put', '/api/v1/agency/profile', agency).json({
      items: ['ZJ-001'],
      region: '511400',
    })
    listing.assertStatus(422)
    assert.include(listing.body().errors[0].message, '市生态环境保护局')
    ;(await bid(client, projectId, agency)).assertStatus(403)
  })

  test('the register is kept by the department and the catalog office only; removing an entry needs a reason and keeps it in the history', async ({
    client,
    assert,
  }) => {
    const bureau = await environmentBureau()
    const water = await createRegulatorOf('市水利局')
    const url = `/api/v1/regulator/departments/${bureau.departmentId}/affiliates`
    const body = {
      uscc: INSTITUTE,
      name: '眉山市环境科学研究所',
      relation: 'sponsors',
      reason: '依据机构编制文件登记',
    }
    ;(await api(client, 'post', url, water).json(body)).assertStatus(403)
    const added = await registerUnder(client, bureau, INSTITUTE, '眉山市环境科学研究所', 'sponsors')
    ;(await api(client, 'post', url, bureau).json(body)).assertStatus(422)
    const removeUrl = `/api/v1/regulator/affiliates/${added.entry.id}/remove`
    ;(await api(client, 'post', removeUrl, bureau).json({})).assertStatus(422)
    ;(await api(client, 'post', removeUrl, water).json({ reason: '登记有误' })).assertStatus(403)
    const removed = await api(client, 'post', removeUrl, bureau).json({
      reason: '该所已划转至市科技局',
    })
    removed.assertStatus(200)
    assert.equal(removed.body().removedReason, '该所已划转至市科技局')
    ;(await api(client, 'post', removeUrl, bureau).json({ reason: '再次移出' })).assertStatus(409)
    const page = await client.get('/departments')
    assert.include(page.text(), '该所已划转至市科技局')
    assert.exists(await Department.findBy('name', '市生态环境局'))
  })
})

test.group('在职公职人员不得兼职: the list of serving officials', (group) => {
  let directory: string
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld({ items: ['ZJ-001', 'ZJ-002'], agencies: [5, 6] })
    clock.freeze(NOW)
    directory = await mkdtemp(join(tmpdir(), 'officials-'))
    return async () => {
      clock.unfreeze()
      await rm(directory, { recursive: true, force: true })
    }
  })

  async function upload(client: any, regulator: User, content: string) {
    const file = join(directory, 'officials.hashes.csv')
    await writeFile(file, content)
    return client
      .post('/api/v1/regulator/officials')
      .field('source', '市委组织部、市人力资源和社会保障局')
      .field('asOf', '2026-09-01')
      .file('file', file)
      .withGuard('api')
      .loginAs(regulator)
  }

  test('an agency whose manager is on the list is refused at sign-up and at listing without the list being revealed; regulators see who and where', async ({
    client,
    assert,
  }) => {
    const regulator = await User.findByOrFail('email', 'regulator@demo.example.com')
    const loaded = await upload(
      client,
      regulator,
      officialsCsv([personIdHash(HUANG_LI), personIdHash('110101199003071234')])
    )
    loaded.assertStatus(201)
    assert.equal(loaded.body().rows, 2)

    const agency = await demoAgency(6)
    const projectId = await publishedProject(client)
    const refused = await bid(client, projectId, agency)
    refused.assertStatus(403)
    assert.equal(refused.body().errors[0].message, OFFICIALS_REFUSAL)
    assert.notInclude(refused.text(), '黄丽')
    const listing = await api(client, 'put', '/api/v1/agency/profile', agency).json({
      items: ['ZJ-001', 'ZJ-002'],
      region: '511100',
    })
    listing.assertStatus(422)
    assert.equal(listing.body().errors[0].message, OFFICIALS_REFUSAL)
    // Agency 5 names nobody on the list and signs up as before.
    ;(await bid(client, projectId, await demoAgency(5))).assertStatus(201)

    const seen = await api(client, 'get', '/api/v1/regulator/officials', regulator)
    seen.assertStatus(200)
    assert.deepEqual(seen.body().matches, [
      {
        organizationId: agency.organizationId,
        agency: (await db.from('organizations').where('id', agency.organizationId).first()).name,
        uscc: (await db.from('organizations').where('id', agency.organizationId).first()).uscc,
        name: '黄丽',
        capacity: 'manager',
      },
    ])
    assert.equal(seen.body().list.rows, 2)
    assert.notInclude(seen.text(), personIdHash(HUANG_LI))
    const page = await client.get('/regulator/officials').loginAs(regulator)
    assert.include(page.text(), '黄丽')
    ;(await api(client, 'get', '/api/v1/regulator/officials', agency)).assertStatus(403)
  })

  test('a list loaded after sign-up is applied at opening: the bid is invalid, published as a serving-official case without naming anyone', async ({
    client,
    assert,
  }) => {
    const projectId = await publishedProject(client)
    const agency = await demoAgency(6)
    ;(await bid(client, projectId, agency)).assertStatus(201)
    ;(await bid(client, projectId, await demoAgency(5))).assertStatus(201)
    const regulator = await User.findByOrFail('email', 'regulator@demo.example.com')
    ;(await upload(client, regulator, officialsCsv([personIdHash(HUANG_LI)]))).assertStatus(201)

    clock.freeze(AFTER_DEADLINE)
    await runTick()
    const judged = await db
      .from('bids')
      .where('project_id', projectId)
      .where('organization_id', agency.organizationId)
      .first()
    assert.isFalse(Boolean(judged.valid))
    assert.equal(judged.invalid_reason, 'serving_official')
    const other = await db
      .from('bids')
      .where('project_id', projectId)
      .whereNot('organization_id', agency.organizationId)
      .first()
    assert.isTrue(Boolean(other.valid))
  })

  test('node ace officials:hash writes the hash CSV with the market salt, leaving bad lines out by number; the regulator page loads it', async ({
    client,
    assert,
  }) => {
    const numbers = join(directory, 'officials.csv')
    await writeFile(numbers, `身份证号\n${HUANG_LI}\n12345\n`)
    const ace = await app.container.make('ace')
    ace.ui.switchMode('raw')
    const command = await ace.exec('officials:hash', [numbers])
    assert.equal(command.exitCode, 0)
    const written = await readFile(join(directory, 'officials.hashes.csv'), 'utf8')
    assert.equal(written, `id_hash\n${personIdHash(HUANG_LI)}\n`)
    assert.notInclude(written, HUANG_LI)

    const regulator = await User.findByOrFail('email', 'regulator@demo.example.com')
    const page = await client
      .post('/regulator/officials')
      .field('source', '市委组织部')
      .field('asOf', '2026-09-01')
      .file('file', join(directory, 'officials.hashes.csv'))
      .withCsrfToken()
      .loginAs(regulator)
      .redirects(0)
    page.assertStatus(302)
    const shown = await client.get('/regulator/officials').loginAs(regulator)
    assert.include(shown.text(), '市委组织部')
    assert.include(shown.text(), '黄丽')
  })

  test('a hostile upload is refused whole, naming only the line: ID numbers in clear, a wrong header, an empty file; the list in force stays', async ({
    client,
    assert,
  }) => {
    const regulator = await User.findByOrFail('email', 'regulator@demo.example.com')
    ;(await upload(client, regulator, officialsCsv([personIdHash(HUANG_LI)]))).assertStatus(201)
    const clear = await upload(
      client,
      regulator,
      `id_hash\n${personIdHash(HUANG_LI)}\n${HUANG_LI}\n`
    )
    clear.assertStatus(422)
    assert.include(clear.body().errors[0].message, '第 3 行')
    assert.notInclude(clear.text(), HUANG_LI)
    ;(await upload(client, regulator, `id_number\n${HUANG_LI}\n`)).assertStatus(422)
    ;(await upload(client, regulator, 'id_hash\n\n')).assertStatus(422)
    const lists = await db.from('serving_official_lists')
    assert.lengthOf(lists, 1)
    const hashes = await db.from('serving_officials')
    assert.lengthOf(hashes, 1)
    // Only regulators load a list.
    ;(
      await upload(client, await demoAgency(5), officialsCsv([personIdHash(HUANG_LI)]))
    ).assertStatus(403)
  })
})
