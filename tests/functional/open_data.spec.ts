// Assertions read best as `(await releasesOf(client, ocid)).map(...)`.
/* eslint-disable @unicorn/no-await-expression-member */
import { test } from '@japa/runner'
import testUtils from '@adonisjs/core/services/test_utils'
import app from '@adonisjs/core/services/app'
import db from '@adonisjs/lucid/services/db'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import AjvDraft04 from 'ajv-draft-04'
import addFormatsModule from 'ajv-formats'
import { SaxesParser } from 'saxes'
import { marketWorld, WORLD_PASSWORD } from '#tests/worlds'
import User from '#models/user'
import Organization from '#models/organization'
import { clock } from '#services/clock'
import { sqlTime } from '#services/sql_time'
import { runTick } from '#actions/market_tick'
import openData from '#config/open_data'
import { countQueries } from '#tests/helpers'

const NOW = new Date('2026-09-29T02:00:00Z')
const DEADLINE = '2026-10-09T04:00:00Z'
const AFTER_DEADLINE = new Date('2026-10-09T04:00:01Z')
// Publicity of 3 working days from Fri 9 Oct (Sat 10 Oct is a make-up working day).
const AFTER_PUBLICITY = new Date('2026-10-13T16:00:00Z')
const PAID_AT = new Date('2026-10-20T02:00:00Z')

const user = (email: string) => User.findByOrFail('email', email)
const agency = (n: number) => user(`agency${n}@demo.example.com`)
const owner = () => user('owner@demo.example.com')
async function itemName(code = 'ZJ-001') {
  return (await db.from('service_items').where('code', code).firstOrFail()).name as string
}
async function usccOf(n: number) {
  return (await Organization.findOrFail((await agency(n)).organizationId)).uscc
}

const TERMS = {
  price: 5_000_000,
  deliverables: '环境影响报告表一份（含附图附件），通过技术评审。',
  timeLimitWorkingDays: 20,
  acceptanceCriteria: '报告表通过生态环境部门组织的技术评审。',
  disputeResolution: '向眉山仲裁委员会申请仲裁。',
  milestones: [
    { title: '签约后预付', amountFen: 1_500_000, condition: '合同生效后 5 个工作日内' },
    { title: '验收后支付', amountFen: 3_500_000 },
  ],
}

async function postProject(client: any, overrides: Record<string, unknown> = {}) {
  const draft = await client
    .post('/api/v1/projects')
    .json({
      title: '东坡区滨江大道改造工程环境影响评价',
      serviceItemCode: 'ZJ-001',
      fundingSource: 'fiscal',
      description: '编制东坡区滨江大道改造工程环境影响报告表，并配合完成技术评审。',
      deliverables: '环境影响报告表一份（含附图附件），通过技术评审。',
      ceilingPriceFen: 8_000_000,
      method: 'lowest_price',
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
  return { id: draft.body().id as number, code: draft.body().code as string }
}

async function bid(client: any, projectId: number, n: number, quoteFen: number) {
  const response = await client
    .post(`/api/v1/projects/${projectId}/bids`)
    .json({ quoteFen })
    .withGuard('api')
    .loginAs(await agency(n))
  response.assertStatus(201)
  return response.body().receipt as string
}

/** Lowest price: agency 5 (¥50,000.00) wins over 6 and 1; publicity ends; the award makes a contract. */
async function awardedProject(client: any, overrides: Record<string, unknown> = {}) {
  const project = await postProject(client, overrides)
  await bid(client, project.id, 5, 5_000_000)
  await bid(client, project.id, 6, 5_200_000)
  await bid(client, project.id, 1, 5_400_000)
  clock.freeze(AFTER_DEADLINE)
  await runTick()
  clock.freeze(AFTER_PUBLICITY)
  const report = await runTick()
  if (report.awarded !== 1) throw new Error(`award failed: ${JSON.stringify(report)}`)
  return project
}

/** The owner fills the terms (two milestones) and both parties sign. */
async function signContract(client: any, projectId: number) {
  const contract = await client
    .get(`/api/v1/projects/${projectId}/contract`)
    .withGuard('api')
    .loginAs(await owner())
  const id = contract.body().id as number
  const filled = await client
    .put(`/api/v1/contracts/${id}`)
    .json(TERMS)
    .withGuard('api')
    .loginAs(await owner())
  filled.assertStatus(200)
  const { revision, textSha256 } = filled.body()
  for (const signer of [await agency(5), await owner()]) {
    ;(
      await client
        .post(`/api/v1/contracts/${id}/sign`)
        .json({ password: WORLD_PASSWORD, revision, textSha256 })
        .withGuard('api')
        .loginAs(signer)
    ).assertStatus(200)
  }
  const milestones = await db.from('milestones').where('contract_id', id).orderBy('position')
  return { contractId: id, milestoneIds: milestones.map((row: any) => Number(row.id)) }
}

/** What the Stripe webhook writes when a milestone is paid (payments land separately). */
async function recordPayment(contractId: number, milestoneId: number, amountFen: number) {
  await db
    .from('milestones')
    .where('id', milestoneId)
    .update({ status: 'paid', paid_at: sqlTime(PAID_AT) })
  const [id] = await db.table('fee_records').insert({
    contract_id: contractId,
    milestone_id: milestoneId,
    payment_id: null,
    kind: 'payment',
    amount_fen: amountFen,
    stripe_object_id: `pi_test_${milestoneId}`,
    stripe_event_id: `evt_test_${milestoneId}`,
    occurred_at: sqlTime(PAID_AT),
    created_at: sqlTime(PAID_AT),
  })
  return Number(id)
}

async function contractedProject(client: any, overrides: Record<string, unknown> = {}) {
  const project = await awardedProject(client, overrides)
  const contract = await signContract(client, project.id)
  return { ...project, ...contract }
}

const ocidOf = (code: string) => `${openData.ocidPrefix}-${code}`

async function releasePackage(client: any, qs: Record<string, unknown> = {}) {
  const response = await client.get('/api/v1/ocds/releases').qs(qs)
  response.assertStatus(200)
  return response.body()
}

async function releasesOf(client: any, ocid: string) {
  const all = await releasePackage(client, { perPage: 100 })
  return (all.releases as any[]).filter((release) => release.ocid === ocid)
}

async function auditIds(projectId: number, actions: string[]) {
  const rows = await db
    .from('audit_events')
    .where('subject_type', 'project')
    .where('subject_id', String(projectId))
    .whereIn('action', actions)
    .orderBy('id')
  return rows.map((row: any) => ({ id: Number(row.id), action: row.action, date: row.occurred_at }))
}

/* ---- OCDS schema (../shared/ocds, when present) and our own structural checks ---- */

const Ajv = (AjvDraft04 as any).default ?? AjvDraft04
const addFormats = (addFormatsModule as any).default ?? addFormatsModule
const OCDS_SCHEMAS = app.makePath('..', 'shared', 'ocds')
const RELEASE_TAGS = new Set([
  'planning',
  'planningUpdate',
  'tender',
  'tenderAmendment',
  'tenderUpdate',
  'tenderCancellation',
  'award',
  'awardUpdate',
  'awardCancellation',
  'contract',
  'contractUpdate',
  'contractAmendment',
  'implementation',
  'implementationUpdate',
  'contractTermination',
  'compiled',
])

let schemas: { releasePackage: any; release: any } | null | undefined
function officialSchemas() {
  if (schemas !== undefined) return schemas
  const packageFile = join(OCDS_SCHEMAS, 'release-package-schema.json')
  const releaseFile = join(OCDS_SCHEMAS, 'release-schema.json')
  if (!existsSync(packageFile) || !existsSync(releaseFile)) return (schemas = null)
  // OCDS 1.1 is JSON Schema draft-04; its codelist/merge annotations are not keywords.
  const ajv = new Ajv({ allErrors: true, strict: false })
  addFormats(ajv)
  const release = JSON.parse(readFileSync(releaseFile, 'utf8'))
  ajv.addSchema(release)
  schemas = {
    releasePackage: ajv.compile(JSON.parse(readFileSync(packageFile, 'utf8'))),
    release: ajv.getSchema(release.id),
  }
  return schemas
}

function assertSchemaValid(assert: any, validate: any, data: unknown) {
  if (!validate) return
  const valid = validate(data)
  assert.isTrue(valid, JSON.stringify(validate.errors?.slice(0, 5), null, 2))
}

/** Every value object, and every organization reference, anywhere in a release. */
function walk(value: unknown, visit: (node: any, key: string) => void, key = '') {
  if (Array.isArray(value)) for (const entry of value) walk(entry, visit, key)
  else if (value && typeof value === 'object') {
    visit(value, key)
    for (const [child, entry] of Object.entries(value)) walk(entry, visit, child)
  }
}

const REFERENCE_KEYS = new Set([
  'buyer',
  'procuringEntity',
  'tenderers',
  'suppliers',
  'payer',
  'payee',
])

function structuralProblems(release: any) {
  const problems: string[] = []
  if (!String(release.ocid).startsWith(`${openData.ocidPrefix}-XM-`)) problems.push('ocid')
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(release.date)) problems.push('date')
  if (!Array.isArray(release.tag) || !release.tag.every((tag: string) => RELEASE_TAGS.has(tag))) {
    problems.push('tag')
  }
  if (release.initiationType !== 'tender') problems.push('initiationType')
  const partyIds = new Set((release.parties ?? []).map((party: any) => party.id))
  if (partyIds.size !== (release.parties ?? []).length) problems.push('duplicate party')
  walk(release, (node, key) => {
    if ('currency' in node) {
      if (node.currency !== 'CNY') problems.push(`currency ${node.currency}`)
      if (!/^\d+(\.\d{1,2})?$/.test(String(node.amount))) problems.push(`amount ${node.amount}`)
    }
    if (REFERENCE_KEYS.has(key) && node.id && !partyIds.has(node.id)) {
      problems.push(`unresolved ${key} ${node.id}`)
    }
  })
  for (const contract of release.contracts ?? []) {
    if (!contract.awardID) problems.push('contract without awardID')
  }
  return problems
}

function assertPackageValid(assert: any, pkg: any) {
  assert.equal(pkg.version, '1.1')
  assert.equal(pkg.publisher.name, openData.publisherName)
  assert.match(pkg.uri, /^https?:\/\/.+\/api\/v1\/ocds\/releases\?/)
  assert.isFalse(Number.isNaN(Date.parse(pkg.publishedDate)))
  const ids = pkg.releases.map((release: any) => release.id)
  assert.equal(new Set(ids).size, ids.length, 'release ids are unique')
  for (const release of pkg.releases) {
    assert.deepEqual(structuralProblems(release), [], release.id)
  }
  assertSchemaValid(assert, officialSchemas()?.releasePackage, pkg)
}

/* ---- XML (saxes is a strict, namespace-aware parser: any well-formedness error throws) ---- */

type XmlNode = {
  name: string
  uri: string
  attributes: Record<string, string>
  children: XmlNode[]
  text: string
}

function parseXml(xml: string): XmlNode {
  const parser = new SaxesParser({ xmlns: true })
  const root: XmlNode = { name: '#document', uri: '', attributes: {}, children: [], text: '' }
  const stack = [root]
  let failure: Error | null = null
  parser.on('error', (error) => {
    failure ??= error
  })
  parser.on('opentag', (tag) => {
    const node: XmlNode = {
      name: tag.local,
      uri: tag.uri,
      attributes: Object.fromEntries(
        Object.values(tag.attributes).map((attribute: any) => [attribute.local, attribute.value])
      ),
      children: [],
      text: '',
    }
    stack.at(-1)!.children.push(node)
    stack.push(node)
  })
  parser.on('text', (text) => {
    stack.at(-1)!.text += text
  })
  parser.on('closetag', () => {
    stack.pop()
  })
  parser.write(xml).close()
  if (failure) throw failure
  return root.children[0]
}

const ATOM = 'http://www.w3.org/2005/Atom'
const child = (node: XmlNode, name: string) =>
  node.children.find((entry) => entry.name === name && entry.uri === ATOM)
const childrenNamed = (node: XmlNode, name: string) =>
  node.children.filter((entry) => entry.name === name && entry.uri === ATOM)

/* ---- CSV (RFC 4180) ---- */

function parseCsv(text: string) {
  const rows: string[][] = []
  let row: string[] = []
  let field = ''
  let quoted = false
  for (let index = 0; index < text.length; index++) {
    const char = text[index]
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        field += '"'
        index++
      } else if (char === '"') quoted = false
      else field += char
    } else if (char === '"') quoted = true
    else if (char === ',') {
      row.push(field)
      field = ''
    } else if (char === '\r' && text[index + 1] === '\n') {
      row.push(field)
      rows.push(row)
      row = []
      field = ''
      index++
    } else field += char
  }
  if (field !== '' || row.length > 0) rows.push([...row, field])
  return rows
}

async function csv(client: any, path: string, qs: Record<string, unknown> = {}) {
  const response = await client.get(`/api/v1/exports/${path}`).qs(qs)
  response.assertStatus(200)
  const text = response.text() as string
  return { response, text, rows: parseCsv(text.replace(/^\uFEFF/, '')) }
}

test.group('Open data: OCDS 1.1 releases and records', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('a project from publication to a paid milestone is one release per event — tender, opening, publicity, award, contract, payment — valid against the OCDS 1.1 schema', async ({
    client,
    assert,
  }) => {
    const { id, code, contractId, milestoneIds } = await contractedProject(client)
    const paymentId = await recordPayment(contractId, milestoneIds[0], 1_500_000)
    const ocid = ocidOf(code)

    const pkg = await releasePackage(client)
    assertPackageValid(assert, pkg)
    // The official schema is really checking: a release with an unknown tag is refused.
    const official = officialSchemas()
    if (official) {
      const broken = { ...pkg, releases: [{ ...pkg.releases[0], tag: ['bogus'] }] }
      assert.isFalse(official.releasePackage(broken))
    }
    assert.deepEqual(pkg.extensions, [
      'https://raw.githubusercontent.com/open-contracting-extensions/ocds_bid_extension/v1.1.5/extension.json',
    ])
    const releases = pkg.releases.filter((release: any) => release.ocid === ocid)
    assert.deepEqual(
      releases.map((release: any) => release.tag),
      [['tender'], ['tenderUpdate'], ['award'], ['award'], ['contract'], ['implementation']]
    )

    // Ids from the append-only audit log, dates as recorded there.
    const events = await auditIds(id, [
      'project.published',
      'project.opened',
      'project.publicity_started',
      'project.awarded',
    ])
    const [signed] = await db
      .from('audit_events')
      .where('action', 'contract.signed')
      .where('subject_id', String(contractId))
    assert.deepEqual(
      releases.map((release: any) => release.id),
      [
        ...events.map((event) => `${ocid}-${event.id}`),
        `${ocid}-${signed.id}`,
        `${ocid}-payment-${paymentId}`,
      ]
    )
    assert.deepEqual(
      releases.slice(0, 4).map((release: any) => release.date),
      events.map((event) => new Date(event.date).toISOString())
    )
    assert.equal(releases[5].date, PAID_AT.toISOString())

    const [tender, opening, publicity, award, contract, payment] = releases
    const ownerOrg = await Organization.findOrFail((await owner()).organizationId)
    assert.deepEqual(tender.buyer, { id: `CN-USCI-${ownerOrg.uscc}`, name: ownerOrg.name })
    assert.include(tender.parties[0].roles, 'buyer')
    assert.deepEqual(tender.parties[0].identifier, {
      scheme: 'CN-USCI',
      id: ownerOrg.uscc,
      legalName: ownerOrg.name,
    })
    assert.equal(tender.tender.id, code)
    assert.equal(tender.tender.title, '东坡区滨江大道改造工程环境影响评价')
    assert.deepEqual(tender.tender.value, { amount: 80000, currency: 'CNY' })
    assert.equal(tender.tender.procurementMethod, 'open')
    assert.equal(tender.tender.procurementMethodDetails, '竞价选取')
    assert.equal(tender.tender.awardCriteria, 'priceOnly')
    assert.equal(tender.tender.status, 'active')
    assert.equal(tender.tender.mainProcurementCategory, 'services')
    assert.equal(tender.tender.items[0].classification.id, 'ZJ-001')
    assert.equal(tender.tender.tenderPeriod.endDate, DEADLINE.replace('Z', '.000Z'))
    assert.notProperty(tender, 'bids')
    assert.notProperty(tender.tender, 'tenderers')

    // Opening: the tenderers and every quote, now public.
    assert.equal(opening.tender.numberOfTenderers, 3)
    assert.sameMembers(
      opening.bids.details.map((detail: any) => detail.value.amount),
      [50000, 52000, 54000]
    )
    assert.isTrue(opening.bids.details.every((detail: any) => detail.status === 'valid'))
    assert.sameMembers(
      opening.tender.tenderers.map((tenderer: any) => tenderer.id),
      [`CN-USCI-${await usccOf(5)}`, `CN-USCI-${await usccOf(6)}`, `CN-USCI-${await usccOf(1)}`]
    )

    // Publicity (pending), then the award (active) of the same award.
    assert.equal(publicity.awards[0].status, 'pending')
    assert.deepEqual(publicity.awards[0].value, { amount: 50000, currency: 'CNY' })
    assert.equal(publicity.awards[0].suppliers[0].id, `CN-USCI-${await usccOf(5)}`)
    assert.include(publicity.awards[0].description, '公示')
    assert.equal(award.awards[0].id, publicity.awards[0].id)
    assert.equal(award.awards[0].status, 'active')
    assert.equal(award.tender.status, 'complete')

    // The signed contract: price, time limit as a period, milestones.
    const signedContract = contract.contracts[0]
    assert.equal(signedContract.awardID, publicity.awards[0].id)
    assert.equal(signedContract.status, 'active')
    assert.deepEqual(signedContract.value, { amount: 50000, currency: 'CNY' })
    assert.equal(signedContract.dateSigned, contract.date)
    assert.equal(signedContract.period.startDate, contract.date)
    assert.isTrue(signedContract.period.endDate > signedContract.period.startDate)
    assert.include(signedContract.description, '20 个工作日')
    assert.deepEqual(
      signedContract.milestones.map((milestone: any) => [
        milestone.title,
        milestone.type,
        milestone.status,
      ]),
      [
        ['签约后预付', 'payment', 'scheduled'],
        ['验收后支付', 'payment', 'scheduled'],
      ]
    )
    assert.include(signedContract.milestones[0].description, '¥15,000.00')

    // The payment: a transaction and the milestone met.
    const implemented = payment.contracts[0]
    assert.equal(implemented.id, signedContract.id)
    assert.deepEqual(implemented.implementation.transactions[0].value, {
      amount: 15000,
      currency: 'CNY',
    })
    assert.equal(implemented.implementation.transactions[0].payer.id, `CN-USCI-${ownerOrg.uscc}`)
    assert.equal(implemented.implementation.transactions[0].payee.id, `CN-USCI-${await usccOf(5)}`)
    assert.deepEqual(implemented.milestones, [
      { id: signedContract.milestones[0].id, status: 'met', dateMet: PAID_AT.toISOString() },
    ])

    // Stable: the same releases on a second read, after more happened elsewhere.
    clock.freeze(NOW)
    await postProject(client, { title: '另一个项目的环境影响评价' })
    assert.deepEqual(await releasesOf(client, ocid), releases)
  })

  test('the record compiles the releases: last value wins, awards and milestones merge by id', async ({
    client,
    assert,
  }) => {
    const { code, contractId, milestoneIds } = await contractedProject(client)
    await recordPayment(contractId, milestoneIds[0], 1_500_000)
    const ocid = ocidOf(code)
    const response = await client.get(`/api/v1/ocds/records/${ocid}`)
    response.assertStatus(200)
    const pkg = response.body()
    assert.equal(pkg.version, '1.1')
    assert.lengthOf(pkg.records, 1)
    const [record] = pkg.records
    assert.equal(record.ocid, ocid)
    assert.lengthOf(record.releases, 6)
    const compiled = record.compiledRelease
    assert.deepEqual(compiled.tag, ['compiled'])
    assert.equal(compiled.date, record.releases.at(-1).date)
    assert.equal(compiled.tender.status, 'complete')
    assert.equal(compiled.tender.procurementMethodDetails, '竞价选取')
    assert.equal(compiled.tender.numberOfTenderers, 3)
    assert.lengthOf(compiled.awards, 1)
    assert.equal(compiled.awards[0].status, 'active')
    assert.equal(compiled.awards[0].title, '中选结果')
    const [contract] = compiled.contracts
    assert.equal(contract.title, '东坡区滨江大道改造工程环境影响评价 中介服务合同')
    assert.deepEqual(
      contract.milestones.map((milestone: any) => milestone.status),
      ['met', 'scheduled']
    )
    assert.equal(contract.milestones[0].title, '签约后预付')
    assert.lengthOf(contract.implementation.transactions, 1)
    const roles = Object.fromEntries(compiled.parties.map((party: any) => [party.id, party.roles]))
    assert.deepEqual(roles[`CN-USCI-${await usccOf(5)}`], ['tenderer', 'supplier'])
    assert.deepEqual(roles[`CN-USCI-${await usccOf(6)}`], ['tenderer'])
    assert.deepEqual(structuralProblems(compiled), [])
    assertSchemaValid(assert, officialSchemas()?.release, compiled)
    for (const release of record.releases) {
      assertSchemaValid(assert, officialSchemas()?.release, release)
    }

    const unknown = await client.get(`/api/v1/ocds/records/${openData.ocidPrefix}-XM-2026-999999`)
    unknown.assertStatus(404)
    const otherPublisher = await client.get(`/api/v1/ocds/records/ocds-abcdef-${code}`)
    otherPublisher.assertStatus(404)
  })

  test('cancellation, failure (流标), re-publication and direct selection map to their tags and methods', async ({
    client,
    assert,
  }) => {
    const cancelled = await postProject(client, { method: 'random' })
    ;(
      await client
        .post(`/api/v1/projects/${cancelled.id}/cancel`)
        .json({ reason: '项目审批条件发生变化，暂停实施' })
        .withGuard('api')
        .loginAs(await owner())
    ).assertStatus(200)

    const failed = await postProject(client, { method: 'random' })
    await bid(client, failed.id, 1, 5_000_000)
    await bid(client, failed.id, 5, 5_000_000)
    clock.freeze(AFTER_DEADLINE)
    assert.equal((await runTick()).failed, 1)
    ;(
      await client
        .post(`/api/v1/projects/${failed.id}/publish`)
        .json({ deadline: '2026-10-20T04:00:00Z' })
        .withGuard('api')
        .loginAs(await owner())
    ).assertStatus(200)

    clock.freeze(NOW)
    const named = await agency(1)
    const direct = await postProject(client, {
      method: 'direct',
      ceilingPriceFen: 3_000_000,
      directAgencyId: named.organizationId,
    })
    ;(
      await client
        .post(`/api/v1/projects/${direct.id}/direct/accept`)
        .json({ quoteFen: 2_800_000 })
        .withGuard('api')
        .loginAs(named)
    ).assertStatus(200)

    const pkg = await releasePackage(client)
    assertPackageValid(assert, pkg)
    const of = (code: string) =>
      pkg.releases.filter((release: any) => release.ocid === ocidOf(code))

    const [announced, cancellation] = of(cancelled.code)
    assert.deepEqual(announced.tag, ['tender'])
    assert.equal(announced.tender.procurementMethodDetails, '随机抽取')
    assert.notProperty(announced.tender, 'awardCriteria')
    assert.include(announced.tender.awardCriteriaDetails, 'market-draw-v1')
    assert.deepEqual(cancellation.tag, ['tenderCancellation'])
    assert.equal(cancellation.tender.status, 'cancelled')
    assert.equal(cancellation.tender.documents[0].documentType, 'cancellationDetails')
    assert.equal(cancellation.tender.documents[0].description, '项目审批条件发生变化，暂停实施')

    assert.deepEqual(
      of(failed.code).map((release: any) => [release.tag[0], release.tender.status ?? null]),
      [
        ['tender', 'active'],
        ['tenderUpdate', null],
        ['tenderUpdate', 'unsuccessful'],
        ['tenderUpdate', 'active'],
      ]
    )
    const republished = of(failed.code)[3]
    assert.equal(republished.tender.tenderPeriod.endDate, '2026-10-20T04:00:00.000Z')

    const directReleases = of(direct.code)
    assert.deepEqual(
      directReleases.map((release: any) => release.tag[0]),
      ['tender', 'tenderUpdate', 'award']
    )
    assert.equal(directReleases[0].tender.procurementMethod, 'direct')
    assert.equal(directReleases[0].tender.procurementMethodDetails, '直接选取')
    assert.notProperty(directReleases[0].tender, 'awardCriteria')
    assert.deepEqual(directReleases[1].bids.details[0].value, { amount: 28000, currency: 'CNY' })
    assert.deepEqual(directReleases[2].awards[0].value, { amount: 28000, currency: 'CNY' })
  })

  test('releases page by `page` and `since`; the number of queries does not grow with the projects', async ({
    client,
    assert,
  }) => {
    const first = await postProject(client)
    clock.freeze(new Date('2026-09-30T02:00:00Z'))
    const second = await postProject(client, { deadline: '2026-10-16T04:00:00Z' })
    const all = await releasePackage(client)
    assert.lengthOf(all.releases, 2)
    assert.notProperty(all, 'links')

    const page1 = await releasePackage(client, { perPage: 1 })
    assert.deepEqual(
      page1.releases.map((release: any) => release.ocid),
      [ocidOf(first.code)]
    )
    assert.match(page1.links.next, /page=2/)
    assert.match(page1.uri, /page=1/)
    const page2 = await releasePackage(client, { perPage: 1, page: 2 })
    assert.deepEqual(
      page2.releases.map((release: any) => release.ocid),
      [ocidOf(second.code)]
    )
    assert.match(page2.links.prev, /page=1/)
    assert.notProperty(page2.links, 'next')

    // A date alone is Beijing time: 30 Sep from 00:00 +08:00 leaves the 29 Sep release out.
    const since = await releasePackage(client, { since: '2026-09-30' })
    assert.deepEqual(
      since.releases.map((release: any) => release.ocid),
      [ocidOf(second.code)]
    )
    const exact = await releasePackage(client, { since: '2026-09-30T02:00:00Z' })
    assert.lengthOf(exact.releases, 1)
    const later = await releasePackage(client, { since: '2026-10-01T00:00:00+08:00' })
    assert.lengthOf(later.releases, 0)

    const invalid = await client.get('/api/v1/ocds/releases').qs({ since: '2026-02-30' })
    invalid.assertStatus(422)
    assert.equal(invalid.body().errors[0].field, 'since')

    const few = await countQueries(() => releasePackage(client))
    clock.freeze(NOW)
    await awardedProject(client)
    clock.freeze(NOW)
    await postProject(client, { title: '第三个项目的环境影响评价' })
    const many = await countQueries(() => releasePackage(client))
    assert.equal(many, few)
  })
})

test.group('Open data: quotes stay sealed until opening', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('no OCDS, Atom or CSV output carries a quote or receipt of a published project before its opening; after it they do', async ({
    client,
    assert,
  }) => {
    const { id, code } = await postProject(client, { method: 'lowest_price' })
    const receipt = await bid(client, id, 5, 6_123_457)
    const sealed = ['61234.57', '61,234.57', '6123457', '6,123,457', receipt]
    const outputs = async () => {
      const texts: Record<string, string> = {}
      for (const path of [
        '/api/v1/ocds/releases',
        `/api/v1/ocds/records/${ocidOf(code)}`,
        '/feeds/announcements.atom',
        '/feeds/announcements.atom?item=ZJ-001',
        '/api/v1/exports/projects.csv',
        '/api/v1/exports/results.csv',
        '/api/v1/exports/contracts.csv',
        '/api/v1/exports/agencies.csv',
      ]) {
        const response = await client.get(path)
        response.assertStatus(200)
        texts[path] = response.text()
      }
      return texts
    }

    const before = await outputs()
    for (const [path, text] of Object.entries(before)) {
      for (const secret of sealed) assert.notInclude(text, secret, `${path} leaks ${secret}`)
    }
    assert.include(before['/api/v1/exports/projects.csv'], code)

    clock.freeze(AFTER_DEADLINE)
    await runTick()
    const after = await outputs()
    assert.include(after['/api/v1/ocds/releases'], '61234.57')
    assert.include(after['/api/v1/exports/results.csv'], '61234.57')
    assert.include(after['/api/v1/exports/results.csv'], receipt)
    assert.include(after['/feeds/announcements.atom'], '¥61,234.57')
    assert.include(after['/api/v1/exports/projects.csv'], '61234.57')
  })
})

test.group('Open data: Atom feed of announcements', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('the feed is well-formed Atom with announcements, results, contract notices and cancellations; titles are escaped', async ({
    client,
    assert,
  }) => {
    const hostile = `滨江<script>alert("x")</script>&'测试'项目`
    const cancelled = await postProject(client, { title: hostile, method: 'random' })
    ;(
      await client
        .post(`/api/v1/projects/${cancelled.id}/cancel`)
        .json({ reason: '规划调整 <b>&</b> 暂停' })
        .withGuard('api')
        .loginAs(await owner())
    ).assertStatus(200)
    const contracted = await contractedProject(client)

    const response = await client.get('/feeds/announcements.atom')
    response.assertStatus(200)
    assert.equal(response.header('content-type'), 'application/atom+xml; charset=utf-8')
    const xml = response.text() as string
    assert.notInclude(xml, '<script>')
    assert.include(xml, '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&amp;&apos;测试&apos;')

    const feed = parseXml(xml)
    assert.equal(feed.name, 'feed')
    assert.equal(feed.uri, ATOM)
    assert.equal(child(feed, 'id')!.text, `${openData.baseUrl}/feeds/announcements.atom`)
    assert.equal(child(feed, 'title')!.text, '网上中介服务超市公告')
    assert.isFalse(Number.isNaN(Date.parse(child(feed, 'updated')!.text)))
    const self = childrenNamed(feed, 'link').find((link) => link.attributes.rel === 'self')
    assert.equal(self!.attributes.href, `${openData.baseUrl}/feeds/announcements.atom`)
    assert.equal(child(child(feed, 'author')!, 'name')!.text, openData.publisherName)

    const entries = childrenNamed(feed, 'entry')
    for (const entry of entries) {
      for (const name of ['id', 'title', 'updated', 'summary', 'author']) {
        assert.exists(child(entry, name), name)
      }
      assert.match(child(entry, 'link')!.attributes.href, /\/projects\/\d+$/)
    }
    const ids = entries.map((entry) => child(entry, 'id')!.text)
    assert.equal(new Set(ids).size, ids.length)
    // Newest first: contract notice, result, announcement; then the cancelled project's two.
    assert.deepEqual(
      entries.map((entry) => child(entry, 'category')!.attributes.term),
      ['contract', 'result', 'announcement', 'cancellation', 'announcement']
    )
    const titles = entries.map((entry) => child(entry, 'title')!.text)
    assert.equal(titles[3], `【终止公告】${hostile}`)
    assert.equal(titles[4], `【采购公告】${hostile}`)
    const summaries = entries.map((entry) => child(entry, 'summary')!.text)
    assert.include(summaries[0], '合同价款：¥50,000.00')
    assert.include(summaries[0], '服务期限：20 个工作日')
    assert.include(summaries[1], `中选报价：¥50,000.00`)
    assert.include(summaries[1], await usccOf(5))
    assert.include(summaries[2], '最高限价：¥80,000.00')
    assert.include(summaries[2], '响应截止：2026-10-09 12:00')
    assert.include(summaries[3], '终止原因：规划调整 <b>&</b> 暂停')
    assert.include(ids[0], `/projects/${contracted.id}#notice-`)

    // Stable ids: the same on a second read.
    const again = parseXml((await client.get('/feeds/announcements.atom')).text())
    assert.deepEqual(
      childrenNamed(again, 'entry').map((entry) => child(entry, 'id')!.text),
      ids
    )
  })

  test('the feed filters by item and by region (a province includes its cities)', async ({
    client,
    assert,
  }) => {
    await postProject(client, { region: '511400' })
    const count = async (qs: Record<string, string>) => {
      const response = await client.get('/feeds/announcements.atom').qs(qs)
      response.assertStatus(200)
      return childrenNamed(parseXml(response.text()), 'entry').length
    }
    assert.equal(await count({}), 1)
    assert.equal(await count({ item: 'ZJ-001' }), 1)
    assert.equal(await count({ item: 'zj-001' }), 1)
    assert.equal(await count({ item: 'XX-999' }), 0)
    assert.equal(await count({ region: '510000' }), 1)
    assert.equal(await count({ region: '511400' }), 1)
    assert.equal(await count({ region: '511402' }), 0)
    assert.equal(await count({ region: '500000' }), 0)
    assert.equal(await count({ region: '510000', item: 'ZJ-001' }), 1)
    const self = await client.get('/feeds/announcements.atom').qs({ region: '510000' })
    assert.include(self.text(), 'announcements.atom?region=510000')
    const invalid = await client.get('/feeds/announcements.atom').qs({ region: 'sichuan' })
    invalid.assertStatus(422)

    // The public list links its feed, with the item filter carried over.
    const page = await client.get('/projects').qs({ item: 'ZJ-001' })
    page.assertStatus(200)
    assert.match(
      page.text(),
      /<a rel="alternate" type="application\/atom\+xml" href="\/feeds\/announcements\.atom\?item=ZJ-001">订阅公告（Atom）<\/a>/
    )
  })
})

test.group('Open data: CSV exports', (group) => {
  group.each.setup(() => testUtils.db().withGlobalTransaction())
  group.each.setup(async () => {
    await marketWorld()
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('each export is UTF-8 with a BOM and one Chinese header row; Chinese, commas, quotes and formulas survive', async ({
    client,
    assert,
  }) => {
    const tricky = '东坡区"滨江大道",改造工程环境影响评价'
    const formula = '=HYPERLINK("http://example.com","点击")环评项目'
    await contractedProject(client, { title: tricky })
    clock.freeze(NOW)
    await postProject(client, { title: formula })

    const projects = await csv(client, 'projects.csv')
    assert.equal(projects.response.header('content-type'), 'text/csv; charset=utf-8')
    assert.include(projects.response.header('content-disposition'), 'projects.csv')
    assert.isTrue(projects.text.startsWith('\uFEFF项目编号,项目名称,'))
    assert.include(projects.text, '"东坡区""滨江大道"",改造工程环境影响评价"')
    assert.deepEqual(projects.rows[0], [
      '项目编号',
      '项目名称',
      '服务事项编码',
      '服务事项',
      '选取方式',
      '最高限价（元）',
      '响应截止时间（北京时间）',
      '状态',
      '响应数',
      '中选机构',
      '中选机构统一社会信用代码',
      '中选报价（元）',
    ])
    assert.isTrue(projects.rows.every((row) => row.length === 12))
    const byTitle = new Map(projects.rows.map((row) => [row[1], row]))
    const won = byTitle.get(tricky)!
    assert.deepEqual(won.slice(3), [
      await itemName(),
      '竞价选取（最低价）',
      '80000.00',
      '2026-10-09 12:00',
      '服务中',
      '3',
      '四川清源环保工程咨询有限公司',
      await usccOf(5),
      '50000.00',
    ])
    // A title Excel would run as a formula is kept as text.
    assert.isTrue(byTitle.has(`'${formula}`))
    assert.deepEqual(byTitle.get(`'${formula}`)!.slice(7), ['公告中', '0', '', '', ''])
    const filtered = await csv(client, 'projects.csv', { status: 'in_service' })
    assert.lengthOf(filtered.rows, 2)
    const none = await csv(client, 'projects.csv', { item: 'XX-999' })
    assert.lengthOf(none.rows, 1)

    const results = await csv(client, 'results.csv')
    assert.isTrue(results.text.startsWith('\uFEFF项目编号,'))
    assert.lengthOf(results.rows, 4)
    const winnerRow = results.rows.find((row) => row[13] === '是')!
    assert.deepEqual(
      [winnerRow[1], winnerRow[7], winnerRow[10], winnerRow[12], winnerRow[13]],
      [tricky, '50000.00', '是', '1', '是']
    )
    assert.match(winnerRow[9], /^[0-9a-f]{64}$/)

    const contracts = await csv(client, 'contracts.csv')
    assert.lengthOf(contracts.rows, 2)
    assert.equal(contracts.rows[0][0], '合同编号')
    const [, signed] = contracts.rows
    assert.equal(signed[2], tricky)
    assert.deepEqual(signed.slice(4, 12), [
      '眉山市东坡区城市建设投资有限公司',
      (await Organization.findOrFail((await owner()).organizationId)).uscc,
      '四川清源环保工程咨询有限公司',
      await usccOf(5),
      '50000.00',
      '20',
      signed[10],
      '已生效',
    ])
    assert.match(signed[10], /^2026-10-1\d \d\d:\d\d$/)
    assert.match(signed[0], /^HT-XM-\d{4}-\d{6}-\d+$/)
  })

  test('the agency export has the directory filters and one row per listed agency', async ({
    client,
    assert,
  }) => {
    const all = await csv(client, 'agencies.csv')
    assert.deepEqual(all.rows[0], [
      '机构名称',
      '统一社会信用代码',
      '所在地区',
      '地区代码',
      '服务事项',
      '信用分',
      '信用等级',
      '处于禁入期',
    ])
    const listed = await client.get('/api/v1/agencies').qs({ perPage: 100 })
    assert.lengthOf(all.rows, listed.body().meta.total + 1)
    const chongqing = await csv(client, 'agencies.csv', { region: '500000' })
    assert.isAbove(chongqing.rows.length, 1)
    assert.isTrue(
      chongqing.rows.slice(1).every((row) => row[2] === '重庆市' && row[3] === '500000')
    )
    const zj001 = await csv(client, 'agencies.csv', { item: 'ZJ-001' })
    assert.lengthOf(zj001.rows, 6)
    const zj001Name = `ZJ-001 ${await itemName()}`
    assert.isTrue(zj001.rows.slice(1).every((row) => row[4].includes(zj001Name)))
    const agency5 = await Organization.findOrFail((await agency(5)).organizationId)
    const row = all.rows.find((entry) => entry[1] === agency5.uscc)!
    assert.equal(row[0], agency5.name)
    assert.match(row[5], /^\d+$/)
    assert.match(row[6], /^[ABCD]$/)
    assert.equal(row[7], '否')
    const invalid = await client.get('/api/v1/exports/agencies.csv').qs({ grade: 'Z' })
    invalid.assertStatus(422)
  })
})
