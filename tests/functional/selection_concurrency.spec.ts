import { test } from '@japa/runner'
import db from '@adonisjs/lucid/services/db'
import { queueProjectsForSignals } from '#services/signal_queue'
import { foldSignalQueue } from '#actions/signals/signal_facts'
import hash from '@adonisjs/core/services/hash'
import mail from '@adonisjs/mail/services/main'
import { DateTime } from 'luxon'
import User from '#models/user'
import Project from '#models/project'
import { clock } from '#services/clock'
import { runTick } from '#actions/market_tick'
import { verifyAuditLog } from '#services/audit_log'
import { nextUscc } from '#database/factories/account_factories'

/*
 * Real concurrency needs real commits: unlike the other functional groups,
 * this one runs WITHOUT the global transaction. It therefore creates its own
 * owner, agencies and service item (never the test market's: later files build it
 * inside rolled-back transactions, with the same e-mails and USCCs) and
 * deletes every row it created in the group teardown. Audit events stay, so
 * the chain remains intact.
 */

/** Marks every row of this run: e-mails, organisation names, the item code. */
const RUN = `cc${Date.now().toString(36)}${Math.floor(Math.random() * 1e4).toString(36)}`
const EMAIL_DOMAIN = `${RUN}.concurrency.test.example.com`
const ITEM_CODE = `CC-${RUN}`.toUpperCase()
const ORG_PREFIX = `并发测试${RUN}`
const PASSWORD = 'concurrency-test-password'

const NOW = new Date('2026-09-29T02:00:00Z')
const TICK_DEADLINE = '2026-10-09T04:00:00Z'
const RUSH_DEADLINE = '2026-10-09T06:00:00Z'

/**
 * The last-second rush: 500 agencies on both databases. The 1,000 bids took
 * 8–13 s on MySQL/MariaDB before the audit log was spread over several chains
 * (every bid queued for its one head row), 4.7 s after; 16–18 s on SQLite
 * (one connection: every transaction queues behind the previous one) on a
 * 2-core machine, well under the ~60 s that would call for a smaller SQLite
 * run. RUSH_AGENCIES overrides it.
 */
const RUSH_AGENCIES = Number(process.env.RUSH_AGENCIES ?? 500)

type Agency = { organizationId: number; uscc: string; user: User }

let serviceItemId: number
let owner: User
let passwordHash: string
let agencySerial = 0

function sqlNow() {
  return DateTime.utc().toFormat(db.connection().dialect.dateTimeFormat)
}

/** Runs `work` on consecutive slices of `chunkSize` rows (under SQLite's parameter limit). */
async function inChunks<T>(rows: T[], chunkSize: number, work: (chunk: T[]) => Promise<unknown>) {
  for (let start = 0; start < rows.length; start += chunkSize) {
    await work(rows.slice(start, start + chunkSize))
  }
}

/** Organisations with one user each, inserted set-based; the password is hashed once. */
async function createOrganizations(kind: 'owner' | 'agency', count: number) {
  const now = sqlNow()
  const organizations = Array.from({ length: count }, () => {
    agencySerial += 1
    return {
      name: `${ORG_PREFIX}${kind === 'owner' ? '业主' : '中介'}${agencySerial}有限公司`,
      uscc: nextUscc('91', '511400'),
      kind,
      region_code: '511400',
      contact_name: '并发测试',
      phone: '13800000000',
      email: `${kind}${agencySerial}@${EMAIL_DOMAIN}`,
      created_at: now,
      updated_at: now,
    }
  })
  await inChunks(organizations, 250, (chunk) => db.table('organizations').multiInsert(chunk))
  const ids = new Map<string, number>()
  await inChunks(organizations, 500, async (chunk) => {
    const rows = await db
      .from('organizations')
      .whereIn(
        'uscc',
        chunk.map((organization) => organization.uscc)
      )
      .select('id', 'uscc')
    for (const row of rows) ids.set(row.uscc, Number(row.id))
  })
  const users = organizations.map((organization) => ({
    organization_id: ids.get(organization.uscc)!,
    email: organization.email,
    password: passwordHash,
    role: kind,
    full_name: '并发测试用户',
    phone: '13800000000',
    created_at: now,
    updated_at: now,
  }))
  await inChunks(users, 250, (chunk) => db.table('users').multiInsert(chunk))
  return organizations.map((organization) => ({
    organizationId: ids.get(organization.uscc)!,
    uscc: organization.uscc,
    email: organization.email,
  }))
}

/** Fresh agencies, listed and offering this run's item, each with its agency user. */
async function createAgencies(count: number): Promise<Agency[]> {
  const created = await createOrganizations('agency', count)
  const now = sqlNow()
  const listing = { listed: true, region_code: '511400', province_code: '51', credit_score: 80 }
  await inChunks(created, 250, (chunk) =>
    db.table('agency_profiles').multiInsert(
      chunk.map((agency) => ({
        organization_id: agency.organizationId,
        status: 'active',
        item_count: 1,
        ...listing,
        listed_at: now,
        created_at: now,
        updated_at: now,
      }))
    )
  )
  await inChunks(created, 250, (chunk) =>
    db.table('agency_service_items').multiInsert(
      chunk.map((agency) => ({
        organization_id: agency.organizationId,
        service_item_id: serviceItemId,
        ...listing,
      }))
    )
  )
  const users = new Map<string, User>()
  await inChunks(created, 500, async (chunk) => {
    const rows = await User.query().whereIn(
      'email',
      chunk.map((agency) => agency.email)
    )
    for (const user of rows) users.set(user.email, user)
  })
  return created.map((agency) => ({
    organizationId: agency.organizationId,
    uscc: agency.uscc,
    user: users.get(agency.email)!,
  }))
}

/** Deletes every row of this run, children first. Safe to call on a half-built fixture. */
async function removeRunData() {
  const organizations = await db
    .from('organizations')
    .where('name', 'like', `${ORG_PREFIX}%`)
    .select('id')
  const organizationIds = organizations.map((row) => Number(row.id))
  const users = await db.from('users').where('email', 'like', `%@${EMAIL_DOMAIN}`).select('id')
  const userIds = users.map((row) => Number(row.id))
  const projectIds: number[] = []
  await inChunks(organizationIds, 500, async (chunk) => {
    const rows = await db.from('projects').whereIn('owner_organization_id', chunk).select('id')
    projectIds.push(...rows.map((row) => Number(row.id)))
  })
  const bidIds: number[] = []
  await inChunks(projectIds, 500, async (chunk) => {
    const rows = await db.from('bids').whereIn('project_id', chunk).select('id')
    bidIds.push(...rows.map((row) => Number(row.id)))
  })

  await inChunks(bidIds, 500, (chunk) => db.from('bid_members').whereIn('bid_id', chunk).delete())
  await inChunks(projectIds, 500, (chunk) =>
    db.from('objections').whereIn('project_id', chunk).delete()
  )
  await inChunks(bidIds, 500, (chunk) => db.from('bids').whereIn('id', chunk).delete())
  await inChunks(projectIds, 500, (chunk) =>
    db.from('notifications').whereIn('project_id', chunk).delete()
  )
  await inChunks(organizationIds, 500, (chunk) =>
    db.from('notifications').whereIn('organization_id', chunk).delete()
  )
  await inChunks(projectIds, 500, (chunk) => db.from('projects').whereIn('id', chunk).delete())
  // The collusion-signal facts of the deleted projects go with them.
  await inChunks(projectIds, 500, (chunk) => queueProjectsForSignals(chunk, db.connection()))
  await foldSignalQueue()
  await inChunks(organizationIds, 500, async (chunk) => {
    await db.from('agency_service_items').whereIn('organization_id', chunk).delete()
    await db.from('agency_profiles').whereIn('organization_id', chunk).delete()
  })
  await inChunks(userIds, 500, async (chunk) => {
    await db.from('auth_access_tokens').whereIn('tokenable_id', chunk).delete()
    await db.from('users').whereIn('id', chunk).delete()
  })
  await inChunks(organizationIds, 500, (chunk) =>
    db.from('organizations').whereIn('id', chunk).delete()
  )
  await db.from('service_items').where('code', ITEM_CODE).delete()
}

/** A random-method project on this run's item, drafted and published through the API. */
async function postProject(client: any, deadline: string) {
  const draft = await client
    .post('/api/v1/projects')
    .json({
      title: '东坡区滨江大道改造工程环境影响评价',
      serviceItemCode: ITEM_CODE,
      fundingSource: 'fiscal',
      description: '编制东坡区滨江大道改造工程环境影响报告表，并配合完成技术评审。',
      ceilingPriceFen: 8_000_000,
      method: 'random',
      deadline,
    })
    .withGuard('api')
    .loginAs(owner)
  draft.assertStatus(201)
  const published = await client
    .post(`/api/v1/projects/${draft.body().id}/publish`)
    .withGuard('api')
    .loginAs(owner)
  published.assertStatus(200)
  return draft.body().id as number
}

function sendBid(client: any, projectId: number, user: User, quoteFen: number) {
  return client
    .post(`/api/v1/projects/${projectId}/bids`)
    .json({ quoteFen })
    .withGuard('api')
    .loginAs(user)
}

test.group('Selection under concurrency (real commits, no global transaction)', (group) => {
  group.setup(async () => {
    // Publication and opening notify every agency: keep the e-mails in memory.
    mail.fake()
    try {
      passwordHash = await hash.use('scrypt').make(PASSWORD)
      const now = sqlNow()
      await db.table('service_items').insert({
        code: ITEM_CODE,
        name: '并发测试环境影响评价',
        category: '并发测试',
        legal_basis: '《中华人民共和国环境影响评价法》第十六条',
        required_qualification: null,
        approval_item: '建设项目环境影响评价审批',
        approval_department: '市生态环境局',
        time_limit_working_days: 30,
        fee_type: 'market',
        fee_min_fen: null,
        fee_max_fen: null,
        status: 'active',
        version: 1,
        change_reason: '并发测试',
        effective_date: '2026-01-01',
        created_at: now,
        updated_at: now,
      })
      const item = await db.from('service_items').where('code', ITEM_CODE).firstOrFail()
      serviceItemId = Number(item.id)
      const [created] = await createOrganizations('owner', 1)
      owner = await User.findByOrFail('email', created.email)
    } catch (error) {
      await removeRunData()
      mail.restore()
      throw error
    }
  })

  group.teardown(async () => {
    clock.unfreeze()
    mail.restore()
    await removeRunData()
  })

  group.each.setup(() => {
    clock.freeze(NOW)
    return () => clock.unfreeze()
  })

  test('two ticks at the same time open a due project exactly once', async ({ client, assert }) => {
    const agencies = await createAgencies(4)
    const id = await postProject(client, TICK_DEADLINE)
    for (const [index, agency] of agencies.entries()) {
      const response = await sendBid(client, id, agency.user, 5_000_000 + index * 10_000)
      response.assertStatus(201)
    }

    clock.freeze(new Date(Date.parse(TICK_DEADLINE) + 1000))
    const reports = await Promise.all([runTick(), runTick()])
    assert.equal(reports[0].opened + reports[1].opened, 1)
    assert.equal(reports[0].failed + reports[1].failed, 0)

    const openings = await db
      .from('audit_events')
      .where('action', 'project.opened')
      .where('subject_type', 'project')
      .where('subject_id', String(id))
    assert.lengthOf(openings, 1)
    const publicity = await db
      .from('audit_events')
      .where('action', 'project.publicity_started')
      .where('subject_id', String(id))
    assert.lengthOf(publicity, 1)
    const project = await Project.findOrFail(id)
    assert.include(['publicity', 'opened'], project.status)
    const revealed = await db
      .from('bids')
      .where('project_id', id)
      .whereNotNull('quote_fen')
      .count('* as total')
    assert.equal(Number(revealed[0].total), 4)
    // A third tick finds nothing left to do.
    const third = await runTick()
    assert.equal(third.opened, 0)

    const verification = await verifyAuditLog()
    assert.isTrue(verification.valid)
  })

  test(`${RUSH_AGENCIES} agencies bidding in the last second lose no bid, duplicate none, and the last bid of each counts`, async ({
    client,
    assert,
  }) => {
    const agencies = await createAgencies(RUSH_AGENCIES)
    const id = await postProject(client, RUSH_DEADLINE)
    const firstQuote = (index: number) => 6_000_000 + index
    // Close together (±0.5 %): nothing is abnormally low, the project goes straight to publicity.
    const secondQuote = (index: number) => 5_000_000 + index * 50

    clock.freeze(new Date(Date.parse(RUSH_DEADLINE) - 1000))
    // Every agency at once (all requests in flight together, no batching): the in-process
    // HTTP server and the API client hold them; each agency's two bids go one after the other.
    const started = performance.now()
    const outcomes = await Promise.all(
      agencies.map(async (agency, index) => {
        const first = await sendBid(client, id, agency.user, firstQuote(index))
        const second = await sendBid(client, id, agency.user, secondQuote(index))
        return {
          agency,
          index,
          statuses: [first.status(), second.status()],
          firstReceipt: first.body()?.receipt as string | undefined,
          secondReceipt: second.body()?.receipt as string | undefined,
        }
      })
    )
    const seconds = (performance.now() - started) / 1000
    console.log(
      `      ${agencies.length * 2} bids from ${agencies.length} agencies in ${seconds.toFixed(1)} s (${db.connection().dialect.name})`
    )
    const refused = outcomes.filter((outcome) => outcome.statuses.some((status) => status !== 201))
    assert.deepEqual(
      refused.slice(0, 5).map((outcome) => outcome.statuses),
      [],
      `${refused.length} agencies had a bid refused`
    )

    const counts = await db
      .from('bids')
      .where('project_id', id)
      .groupBy('status')
      .select('status')
      .count('* as total')
    assert.deepEqual(Object.fromEntries(counts.map((row) => [row.status, Number(row.total)])), {
      active: RUSH_AGENCIES,
      replaced: RUSH_AGENCIES,
    })
    const bids = await db
      .from('bids')
      .where('project_id', id)
      .select('organization_id', 'status', 'receipt')
    const activeOf = new Map<number, string>()
    const replacedOf = new Map<number, string>()
    for (const bid of bids) {
      const byAgency = bid.status === 'active' ? activeOf : replacedOf
      assert.isFalse(byAgency.has(Number(bid.organization_id)), 'two bids of one agency')
      byAgency.set(Number(bid.organization_id), bid.receipt)
    }
    for (const outcome of outcomes) {
      assert.equal(activeOf.get(outcome.agency.organizationId), outcome.secondReceipt)
      assert.equal(replacedOf.get(outcome.agency.organizationId), outcome.firstReceipt)
    }

    clock.freeze(new Date(Date.parse(RUSH_DEADLINE) + 1000))
    const report = await runTick()
    assert.equal(report.opened, 1)
    const project = await Project.findOrFail(id)
    assert.equal(project.status, 'publicity')
    const revealed = await db
      .from('bids')
      .where('project_id', id)
      .where('status', 'active')
      .select('organization_id', 'quote_fen', 'valid', 'in_draw_seed')
    assert.lengthOf(revealed, RUSH_AGENCIES)
    const quoteOf = new Map(revealed.map((bid) => [Number(bid.organization_id), bid]))
    for (const outcome of outcomes) {
      const bid = quoteOf.get(outcome.agency.organizationId)
      assert.equal(Number(bid.quote_fen), secondQuote(outcome.index))
      assert.isTrue(Boolean(bid.valid))
      assert.isTrue(Boolean(bid.in_draw_seed))
    }
    const verification = await verifyAuditLog()
    assert.isTrue(verification.valid)
  }).timeout(300_000)
})
