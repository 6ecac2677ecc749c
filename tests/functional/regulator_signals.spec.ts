// Refusals read best as `(await client.get(…)).assertStatus(403)`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import app from '@adonisjs/core/services/app'
import testUtils from '@adonisjs/core/services/test_utils'
import db from '@adonisjs/lucid/services/db'
import { marketWorld, WORLD_PASSWORD } from '#tests/worlds'
import User from '#models/user'
import { clock } from '#services/clock'
import { runTick } from '#actions/market_tick'
import {
  AFTER_DEADLINE,
  AFTER_PUBLICITY,
  awardedProject,
  demoAgency,
  demoOwner,
  placeBids,
  publishedProject,
} from '#tests/selection_fixtures'
import { textFile } from '#tests/file_fixtures'
import { COPIED, OTHER, REPORT } from '#tests/report_texts'
import { countQueries } from '#tests/helpers'

const NOW = new Date('2026-09-29T02:00:00Z')
const CHROME =
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 Chrome/140.0 Safari/537.36'

const demoRegulator = () => User.findByOrFail('email', 'regulator@demo.example.com')

function api(client: any, url: string, user: User) {
  return client.get(url).withGuard('api').loginAs(user)
}

/**
 * A lowest-price project won by the first agency of `quotes`, its contract
 * signed by both sides (the clock then stands after publicity). Returns both ids.
 */
async function signedContract(client: any, quotes: [number, number][]) {
  clock.freeze(NOW)
  const projectId = await awardedProject(client, quotes)
  const owner = await demoOwner()
  const contract = await client
    .get(`/api/v1/projects/${projectId}/contract`)
    .withGuard('api')
    .loginAs(owner)
  const {
    id: contractId,
    revision,
    textSha256,
  } = contract.body() as {
    id: number
    revision: number
    textSha256: string
  }
  for (const signer of [owner, await demoAgency(quotes[0][0])]) {
    const signed = await client
      .post(`/api/v1/contracts/${contractId}/sign`)
      .json({ password: WORLD_PASSWORD, revision, textSha256 })
      .withGuard('api')
      .loginAs(signer)
    if (signed.status() !== 200) throw new Error(`signing failed: ${signed.text()}`)
  }
  return { projectId, contractId }
}

async function deliver(client: any, contractId: number, agency: number, text: string) {
  const response = await client
    .post(`/api/v1/contracts/${contractId}/deliverables`)
    .field('summary', '环境影响报告表（送审稿）')
    .file('files[]', await textFile(text, 'report.txt'))
    .withGuard('api')
    .loginAs(await demoAgency(agency))
  response.assertStatus(201)
  return response
}

async function fileIdOf(contractId: number) {
  const row = await db
    .from('deliverable_files as f')
    .join('deliverables as d', 'd.id', 'f.deliverable_id')
    .where('d.contract_id', contractId)
    .select('f.id')
    .firstOrFail()
  return Number(row.id)
}

test.group('Report similarity (中介文本对比分析)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('two agencies deliver near-identical reports on two projects: the pair is listed and compared with the passages marked; owners and agencies are refused', async ({
    client,
    assert,
  }) => {
    const first = await signedContract(client, [
      [5, 5_000_000],
      [6, 5_200_000],
    ])
    await deliver(client, first.contractId, 5, `${REPORT}\n<script>alert("x")</script>`)
    const second = await signedContract(client, [
      [6, 4_900_000],
      [5, 5_100_000],
    ])
    await deliver(client, second.contractId, 6, `${COPIED}\n<script>alert("x")</script>`)
    const third = await signedContract(client, [
      [7, 4_800_000],
      [5, 5_100_000],
    ])
    await deliver(client, third.contractId, 7, OTHER)
    const [fileA, fileB] = [await fileIdOf(first.contractId), await fileIdOf(second.contractId)]
    const agency5 = (await demoAgency(5)).organizationId
    const agency6 = (await demoAgency(6)).organizationId

    const regulator = await demoRegulator()
    const listed = await api(client, '/api/v1/regulator/similarity', regulator)
    listed.assertStatus(200)
    const body = listed.body()
    assert.equal(body.threshold, 0.5)
    assert.deepEqual(body.files, { total: 3, indexed: 3 })
    assert.lengthOf(body.data, 1)
    const [pair] = body.data
    assert.isAbove(pair.score, 0.8)
    assert.isFalse(pair.sameAgency)
    assert.deepEqual(
      [pair.a.id, pair.a.project.id, pair.a.agency.id],
      [fileA, first.projectId, agency5]
    )
    assert.deepEqual(
      [pair.b.id, pair.b.project.id, pair.b.agency.id],
      [fileB, second.projectId, agency6]
    )
    assert.equal(pair.detailUrl, `/regulator/similarity/${fileA}/${fileB}`)

    const strict = await client
      .get('/api/v1/regulator/similarity')
      .qs({ threshold: 0.99 })
      .withGuard('api')
      .loginAs(regulator)
    assert.lengthOf(strict.body().data, 0)
    for (const threshold of ['0.1', 'high']) {
      const bad = await client
        .get('/api/v1/regulator/similarity')
        .qs({ threshold })
        .withGuard('api')
        .loginAs(regulator)
      bad.assertStatus(422)
      assert.equal(bad.body().errors[0].field, 'threshold')
    }

    const page = await client.get('/regulator/similarity').loginAs(regulator)
    page.assertStatus(200)
    page.assertTextIncludes('中介文本对比分析')
    page.assertTextIncludes(`/regulator/similarity/${fileA}/${fileB}`)
    page.assertTextIncludes(`/agencies/${agency6}`)
    page.assertTextIncludes(`/projects/${second.projectId}`)

    const detail = await client.get(`/regulator/similarity/${fileA}/${fileB}`).loginAs(regulator)
    detail.assertStatus(200)
    const html = detail.text()
    assert.include(html, '<mark>工程位于眉山市东坡区')
    assert.include(html, '<mark>一、建设项目基本情况与工程概况</mark>')
    // The changed names stay unmarked, each on its side.
    assert.include(html, '。青龙湖湿地公园配套道路<mark>')
    assert.include(html, '。滨江大道改造<mark>')
    // Texts are escaped: the delivered markup is shown, never run.
    assert.notInclude(html, '<script>alert')
    assert.include(html, '&lt;script&gt;alert(&quot;x&quot;)&lt;/script')
    assert.include(html, `/projects/${first.projectId}`)
    assert.include(html, `/agencies/${agency5}`)

    ;(await client.get(`/regulator/similarity/${fileA}/999999`).loginAs(regulator)).assertStatus(
      404
    )
    ;(await client.get('/regulator/similarity').loginAs(await demoOwner())).assertStatus(403)
    ;(
      await client.get(`/regulator/similarity/${fileA}/${fileB}`).loginAs(await demoAgency(5))
    ).assertStatus(403)
    ;(await api(client, '/api/v1/regulator/similarity', await demoAgency(5))).assertStatus(403)
    const dashboard = await client.get('/dashboard').loginAs(regulator)
    dashboard.assertTextIncludes('/regulator/similarity')
    dashboard.assertTextIncludes('/regulator/signals')

    // A third copy makes three pairs, read with the same number of queries as one.
    const onePair = await countQueries(() => api(client, '/api/v1/regulator/similarity', regulator))
    const fourth = await signedContract(client, [
      [8, 4_700_000],
      [5, 5_100_000],
    ])
    await deliver(client, fourth.contractId, 8, REPORT.replace('青龙湖', '东坡湖'))
    let threePairs: any
    const queries = await countQueries(async () => {
      threePairs = (await api(client, '/api/v1/regulator/similarity', regulator)).body()
    })
    assert.lengthOf(threePairs.data, 3)
    assert.equal(queries, onePair)
  })

  test('node ace signals:reindex indexes the files left out, and only those unless --all', async ({
    client,
    assert,
  }) => {
    const { contractId } = await signedContract(client, [
      [5, 5_000_000],
      [6, 5_200_000],
    ])
    await deliver(client, contractId, 5, REPORT)
    const fileId = await fileIdOf(contractId)
    const stored = await db
      .from('deliverable_file_signatures')
      .where('deliverable_file_id', fileId)
      .firstOrFail()
    assert.isAbove(Number(stored.shingle_count), 200)
    const bands = await db.from('deliverable_file_bands').where('deliverable_file_id', fileId)
    assert.lengthOf(bands, 40)

    await db.from('deliverable_file_bands').where('deliverable_file_id', fileId).delete()
    await db.from('deliverable_file_signatures').where('deliverable_file_id', fileId).delete()
    const ace = await app.container.make('ace')
    ace.ui.switchMode('raw')
    const reindex = await ace.exec('signals:reindex', [])
    assert.equal(reindex.exitCode, 0)
    const again = await db
      .from('deliverable_file_signatures')
      .where('deliverable_file_id', fileId)
      .firstOrFail()
    assert.equal(again.signature, stored.signature)
    assert.lengthOf(
      await db.from('deliverable_file_bands').where('deliverable_file_id', fileId),
      40
    )

    const { reindexDeliverableFiles } = await import('#actions/similarity/index_deliverable_files')
    assert.equal(await reindexDeliverableFiles(), 0)
    assert.equal(await reindexDeliverableFiles({ all: true }), 1)
    assert.lengthOf(
      await db.from('deliverable_file_bands').where('deliverable_file_id', fileId),
      40
    )
  })
})

test.group('Collusion signals (串通投标预警)', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('bids of two agencies from one browser are flagged at once; their near-identical quotes only after opening', async ({
    client,
    assert,
  }) => {
    const projects = [await publishedProject(client), await publishedProject(client)]
    for (const projectId of projects) {
      for (const [n, quoteFen] of [
        [5, 5_000_000],
        [6, 5_020_000],
        [7, 6_000_000],
      ]) {
        const response = await client
          .post(`/api/v1/projects/${projectId}/bids`)
          .header('user-agent', n === 7 ? 'Firefox/140' : CHROME)
          .header('accept-language', 'zh-CN,zh;q=0.9')
          .json({ quoteFen })
          .withGuard('api')
          .loginAs(await demoAgency(n))
        response.assertStatus(201)
      }
    }
    const fingerprints = await db
      .from('bids')
      .whereIn('project_id', projects)
      .distinct('device_fingerprint')
    assert.lengthOf(fingerprints, 2)
    assert.match(fingerprints[0].device_fingerprint, /^[0-9a-f]{64}$/)

    const [agency5, agency6, agency7] = await Promise.all(
      [5, 6, 7].map(async (n) => (await demoAgency(n)).organizationId)
    )
    const regulator = await demoRegulator()
    const sealed = (await api(client, '/api/v1/regulator/signals', regulator)).body()
    const devices = sealed.signals.sharedOrigins.filter((finding: any) => finding.via === 'device')
    assert.deepEqual(
      devices.map((finding: any) => [
        finding.project.id,
        finding.agencies.map((agency: any) => agency.id),
      ]),
      projects.map((id) => [id, [agency5, agency6]])
    )
    // Every test request comes from 127.0.0.1: one IP, three agencies, per project.
    const ips = sealed.signals.sharedOrigins.filter((finding: any) => finding.via === 'ip')
    assert.deepEqual(
      ips.map((finding: any) => finding.agencies.length),
      [3, 3]
    )
    assert.lengthOf(sealed.signals.nearIdenticalQuotes, 0, 'quotes are sealed before opening')

    clock.freeze(AFTER_DEADLINE)
    await runTick()
    const opened = (await api(client, '/api/v1/regulator/signals', regulator)).body()
    assert.lengthOf(opened.signals.nearIdenticalQuotes, 1)
    const [quotes] = opened.signals.nearIdenticalQuotes
    assert.deepEqual(
      quotes.agencies.map((agency: any) => agency.id),
      [agency5, agency6].sort((x, y) => x - y)
    )
    assert.deepEqual(
      quotes.projects.map((project: any) => [project.id, project.differencePermille]),
      projects.map((id) => [id, 3.98])
    )
    assert.notInclude(
      JSON.stringify(quotes),
      `"id":${agency7},`,
      'a quote 16 % higher is not near-identical'
    )
  })

  test('rotating winners, shared contacts and persons, and repeated direct selections are listed with evidence and links; others are refused', async ({
    client,
    assert,
  }) => {
    const [agency1, agency5, agency6, agency7, agency8] = await Promise.all(
      [1, 5, 6, 7, 8].map(async (n) => (await demoAgency(n)).organizationId)
    )
    const owner = await demoOwner()

    // Agencies 5 and 6 bid together on three projects and take turns winning.
    const rotation = []
    for (const winner of [agency5, agency6, agency5]) {
      const id = await publishedProject(client)
      await placeBids(client, id, [
        [5, 5_000_000],
        [6, 5_500_000],
      ])
      rotation.push(id)
      await db.from('projects').where('id', id).update({
        status: 'awarded',
        winner_organization_id: winner,
        awarded_at: '2026-10-14 02:00:00',
      })
    }
    // The owner names agency 7 directly three times.
    const direct = []
    for (let i = 0; i < 3; i++) {
      const id = await publishedProject(client)
      await db
        .from('projects')
        .where('id', id)
        .update({ method: 'direct', direct_agency_id: agency7 })
      direct.push(id)
    }
    clock.freeze(AFTER_PUBLICITY)
    const regulator = await demoRegulator()
    // The first reading folds what the publications and bids queued (signal facts); count the next.
    await api(client, '/api/v1/regulator/signals', regulator)
    const fewer = await countQueries(() => api(client, '/api/v1/regulator/signals', regulator))

    // Agency 8 gives agency 7's phone and names agency 1's manager.
    const { phone } = await db.from('organizations').where('id', agency7).firstOrFail()
    await db.from('organizations').where('id', agency8).update({ phone })
    const manager = await db
      .from('practitioners')
      .where('organization_id', agency1)
      .where('role', 'manager')
      .firstOrFail()
    await db.table('practitioners').insert({
      organization_id: agency8,
      name: manager.name,
      role: 'practitioner',
      id_number_hash: manager.id_number_hash,
      created_at: '2026-09-29 02:00:00',
    })

    let response: any
    const more = await countQueries(async () => {
      response = await api(client, '/api/v1/regulator/signals', regulator)
    })
    assert.equal(more, fewer, 'the number of queries does not grow with the findings')
    response.assertStatus(200)
    const { signals, notCompared } = response.body()
    assert.deepEqual(notCompared, ['address', 'bankAccount'])

    assert.lengthOf(signals.rotatingWinners, 1)
    const [ring] = signals.rotatingWinners
    assert.deepEqual(
      ring.agencies.map((agency: any) => [agency.id, agency.wins]),
      [
        [agency5, 2],
        [agency6, 1],
      ].sort((x, y) => x[0] - y[0])
    )
    assert.deepEqual(
      ring.projects.map((project: any) => [project.id, project.winner.id]),
      [
        [rotation[0], agency5],
        [rotation[1], agency6],
        [rotation[2], agency5],
      ]
    )

    assert.deepEqual(signals.repeatedDirectSelections, [
      {
        owner: { id: owner.organizationId, name: '眉山市东坡区城市建设投资有限公司' },
        agency: { id: agency7, name: signals.repeatedDirectSelections[0].agency.name },
        projects: signals.repeatedDirectSelections[0].projects,
      },
    ])
    assert.deepEqual(
      signals.repeatedDirectSelections[0].projects.map((project: any) => project.id),
      direct
    )

    const contacts = signals.sharedContacts.map((finding: any) => [
      finding.via,
      finding.agencies.map((agency: any) => agency.id),
    ])
    assert.deepEqual(contacts, [
      ['phone', [agency7, agency8].sort((x, y) => x - y)],
      ['person', [agency1, agency8].sort((x, y) => x - y)],
    ])
    assert.notInclude(response.text(), manager.id_number_hash)

    const page = await client.get('/regulator/signals').loginAs(regulator)
    page.assertStatus(200)
    const html = page.text()
    for (const title of [
      '报价雷同',
      '轮流中标',
      '业主反复直接选取同一机构',
      '同一 IP 地址或设备投标',
    ]) {
      assert.include(html, title)
    }
    assert.include(html, `/projects/${rotation[1]}`)
    assert.include(html, `/projects/${direct[2]}`)
    assert.include(html, `/agencies/${agency8}`)
    assert.include(html, `/organizations/${owner.organizationId}`)
    assert.include(html, phone)
    assert.include(html, '平台不登记中介机构的经营地址和银行账户')
    assert.notInclude(html, manager.id_number_hash)

    const english = await client
      .get('/regulator/signals')
      .withPlainCookie('locale', 'en')
      .loginAs(regulator)
    english.assertTextIncludes('Rotating winners')

    ;(await client.get('/regulator/signals').loginAs(owner)).assertStatus(403)
    ;(await api(client, '/api/v1/regulator/signals', await demoAgency(5))).assertStatus(403)
    ;(await api(client, '/api/v1/regulator/signals', owner)).assertStatus(403)
  })
})
