import { test } from '@japa/runner'
import encryption from '@adonisjs/core/services/encryption'
import { sealQuote } from '#services/sealed_quotes'
import type { QueryClientContract } from '@adonisjs/lucid/types/database'
import { verifyAuditLog } from '#services/audit_log'
import { sqlTime } from '#services/sql_time'
import { stripe, stripeSettings } from '#services/stripe'
import { bidReceipt, commitmentOf, generateNonce, generateSeed } from '#domain/verifiable_draw'
import {
  childEnv,
  dedicatedMarket,
  runAce,
  startAce,
  startServer,
  waitFor,
  type ChildServer,
  type DedicatedMarket,
} from '#tests/child_processes'

/*
 * Crash safety: the tick and the Stripe webhook run in child
 * processes on a database of their own and are killed with SIGKILL in the
 * middle of their work; after a restart every transition must have happened
 * exactly once, nothing half-done, and the audit chain must verify.
 */

const PROJECTS = 100
const DEADLINE = new Date('2026-10-09T04:00:00Z')
const AFTER_DEADLINE = '2026-10-09T04:00:01Z'
const PUBLISHED_AT = new Date('2026-09-29T02:00:00Z')

type Facts = {
  ownerOrganizationId: number
  ownerUserId: number
  regionCode: string
  serviceItemId: number
  serviceItemVersion: number
  rulesetVersion: number
  templateId: number
  agencies: { organizationId: number; userId: number; uscc: string }[]
}

/** The test market's owner, agencies 1, 5, 6 and 7 (all offer ZJ-001), the item, rules and template. */
async function worldFacts(client: QueryClientContract): Promise<Facts> {
  const owner = await client
    .from('users as u')
    .join('organizations as o', 'o.id', 'u.organization_id')
    .where('u.email', 'owner@demo.example.com')
    .select('u.id', 'u.organization_id', 'o.region_code')
    .firstOrFail()
  const agencies = []
  for (const n of [1, 5, 6, 7]) {
    const agency = await client
      .from('users as u')
      .join('organizations as o', 'o.id', 'u.organization_id')
      .where('u.email', `agency${n}@demo.example.com`)
      .select('u.id', 'u.organization_id', 'o.uscc')
      .firstOrFail()
    agencies.push({
      organizationId: Number(agency.organization_id),
      userId: Number(agency.id),
      uscc: agency.uscc as string,
    })
  }
  const item = await client.from('service_items').where('code', 'ZJ-001').firstOrFail()
  const rules = await client.from('rule_sets').max('version as version').firstOrFail()
  const template = await client.from('contract_templates').orderBy('id').firstOrFail()
  return {
    ownerOrganizationId: Number(owner.organization_id),
    ownerUserId: Number(owner.id),
    regionCode: owner.region_code,
    serviceItemId: Number(item.id),
    serviceItemVersion: Number(item.version),
    rulesetVersion: Number(rules.version),
    templateId: Number(template.id),
    agencies,
  }
}

/** Project rows as a publication writes them (seed committed and kept encrypted). */
function projectRow(facts: Facts, code: string, method: string, status: string) {
  const seed = generateSeed()
  return {
    code,
    owner_organization_id: facts.ownerOrganizationId,
    created_by_user_id: facts.ownerUserId,
    service_item_id: facts.serviceItemId,
    service_item_version: facts.serviceItemVersion,
    title: `崩溃测试项目 ${code}`,
    description: '进程在开标途中被强制终止后重启，检查每个项目恰好开标一次。',
    deliverables: '环境影响报告表一份',
    location: '眉山市东坡区',
    region_code: facts.regionCode,
    funding_source: 'fiscal',
    ceiling_price_fen: 8_000_000,
    method,
    response_deadline: sqlTime(DEADLINE),
    time_limit_working_days: 20,
    contact_name: '王小明',
    contact_phone: '13912345678',
    status,
    round: 1,
    ruleset_version: facts.rulesetVersion,
    draw_commitment: commitmentOf(seed),
    draw_seed_encrypted: encryption.encrypt(seed),
    published_at: sqlTime(PUBLISHED_AT),
    created_at: sqlTime(PUBLISHED_AT),
  }
}

/** Inserts rows 50 at a time (under every database's parameter limit). */
async function insertAll(client: QueryClientContract, table: string, rows: object[]) {
  for (let start = 0; start < rows.length; start += 50) {
    await client.table(table).multiInsert(rows.slice(start, start + 50))
  }
}

/** code → id of the projects whose code starts with `prefix`. */
async function projectIds(client: QueryClientContract, prefix: string) {
  const rows = await client
    .from('projects')
    .where('code', 'like', `${prefix}%`)
    .select('id', 'code')
  return new Map(rows.map((row: any) => [row.code as string, Number(row.id)]))
}

/**
 * 100 published projects past their deadline with sealed bids: nine in ten
 * by lowest price with four bids (→ publicity), one in ten at random with two
 * (too few → 流标), so that both outcomes of an opening are crashed into.
 */
async function dueProjects(client: QueryClientContract, facts: Facts) {
  const codes = Array.from({ length: PROJECTS }, (_, i) => `ZC-CRASH-${String(i).padStart(3, '0')}`)
  const failing = (i: number) => i % 10 === 9
  await insertAll(
    client,
    'projects',
    codes.map((code, i) =>
      projectRow(facts, code, failing(i) ? 'random' : 'lowest_price', 'published')
    )
  )
  const ids = await projectIds(client, 'ZC-CRASH-')
  const bids = codes.flatMap((code, i) =>
    facts.agencies.slice(0, failing(i) ? 2 : 4).map((agency, n) => {
      const quoteFen = 5_000_000 + n * 200_000 + i
      const nonce = generateNonce()
      return {
        project_id: ids.get(code),
        organization_id: agency.organizationId,
        submitted_by_user_id: agency.userId,
        round: 1,
        quote_encrypted: sealQuote(quoteFen),
        nonce_encrypted: encryption.encrypt(nonce),
        receipt: bidReceipt(code, agency.uscc, quoteFen, nonce),
        status: 'active',
        created_at: sqlTime(PUBLISHED_AT),
      }
    })
  )
  await insertAll(client, 'bids', bids)
  return [...ids.values()]
}

async function count(query: any) {
  const row = await query.count('* as n').first()
  return Number(row?.n ?? 0)
}

/** subject id → number of audit events of `action` on the given subjects. */
async function auditCounts(
  client: QueryClientContract,
  action: string,
  subjectType: string,
  ids: number[]
) {
  const rows = await client
    .from('audit_events')
    .where('action', action)
    .where('subject_type', subjectType)
    .whereIn('subject_id', ids.map(String))
    .groupBy('subject_id')
    .select('subject_id')
    .count('* as n')
  return new Map(rows.map((row: any) => [Number(row.subject_id), Number(row.n)]))
}

test.group('Crash safety: SIGKILL in the middle of a tick or a webhook burst', (group) => {
  let market: DedicatedMarket
  let facts: Facts
  group.setup(async () => {
    market = await dedicatedMarket('crash')
    facts = await worldFacts(market.client)
    return () => market.drop()
  })

  test('a tick killed while opening 100 due projects: after a restart and one more tick each project is opened exactly once, none half-opened, and the audit chain verifies', async ({
    assert,
  }) => {
    const client = market.client
    const ids = await dueProjects(client, facts)
    const opened = () => count(client.from('projects').whereIn('id', ids).whereNotNull('opened_at'))
    const environment = childEnv(market, { MARKET_CLOCK: AFTER_DEADLINE })

    // Kill somewhere between the 5th and the 35th opening, at a random moment inside a project.
    const killAfter = 5 + Math.floor(Math.random() * 30)
    const tick = startAce(['market:tick'], environment)
    let exitedEarly = false
    tick.finished.then(() => (exitedEarly = true))
    await waitFor(
      `${killAfter} openings`,
      async () => {
        if (exitedEarly) throw new Error(`the tick ended before the kill:\n${tick.output()}`)
        return (await opened()) >= killAfter
      },
      45_000,
      5
    )
    const killed = await tick.kill()
    assert.equal(killed.signal, 'SIGKILL')

    const openedBeforeCrash = await opened()
    assert.isAbove(openedBeforeCrash, 0)
    assert.isBelow(openedBeforeCrash, PROJECTS, 'the kill came after the last opening')
    // Nothing half-opened: a project is either untouched or fully opened with its bids revealed.
    const projects = () => client.from('projects').whereIn('id', ids)
    assert.equal(await count(projects().where('status', 'published').whereNotNull('opened_at')), 0)
    assert.equal(await count(projects().whereNot('status', 'published').whereNull('opened_at')), 0)
    const revealedOfUnopened = client
      .from('bids')
      .whereIn('project_id', projects().where('status', 'published').select('id'))
      .where((query) => query.whereNotNull('quote_fen').orWhereNotNull('valid'))
    assert.equal(await count(revealedOfUnopened), 0)

    const rerun = await runAce(['market:tick'], environment)
    assert.equal(rerun.code, 0, rerun.output)
    const report = rerun.output.match(/Opened (\d+), failed (\d+)/)
    assert.isNotNull(report, rerun.output)
    assert.equal(Number(report![1]) + Number(report![2]), PROJECTS - openedBeforeCrash)

    // Every project opened once: publicity (a winner) or 流标, never still published.
    const statuses = await projects().groupBy('status').select('status').count('* as n')
    assert.deepEqual(Object.fromEntries(statuses.map((row: any) => [row.status, Number(row.n)])), {
      publicity: 90,
      failed: 10,
    })
    assert.equal(await count(projects().whereNull('opened_at')), 0)
    assert.equal(await count(projects().whereNull('draw_seed_mixed')), 0)
    assert.equal(
      await count(projects().where('status', 'publicity').whereNull('winner_organization_id')),
      0
    )
    assert.equal(
      await count(
        client
          .from('bids')
          .whereIn('project_id', ids)
          .where((query) => query.whereNull('quote_fen').orWhereNull('nonce').orWhereNull('valid'))
      ),
      0
    )

    // Exactly one opening (and one outcome) in the audit log and one notice per bidder.
    const openings = await auditCounts(client, 'project.opened', 'project', ids)
    assert.equal(openings.size, PROJECTS)
    assert.deepEqual([...new Set(openings.values())], [1])
    const publicity = await auditCounts(client, 'project.publicity_started', 'project', ids)
    const failures = await auditCounts(client, 'project.failed', 'project', ids)
    assert.equal(publicity.size, 90)
    assert.equal(failures.size, 10)
    assert.deepEqual([...new Set([...publicity.values(), ...failures.values()])], [1])
    const notices = await client
      .from('notifications')
      .whereIn('project_id', ids)
      .where('kind', 'project.opened')
      .groupBy('project_id', 'organization_id')
      .select('project_id')
      .count('* as n')
    assert.equal(notices.length, 9 * 10 * 4 + 10 * 2)
    assert.deepEqual([...new Set(notices.map((row: any) => Number(row.n)))], [1])

    const chain = await verifyAuditLog(client)
    assert.isTrue(chain.valid, JSON.stringify(chain))
  }).timeout(120_000)

  test('a server killed in the middle of a Stripe webhook burst: after a restart and the retries each fee record exists exactly once', async ({
    assert,
  }) => {
    const client = market.client
    const PAYMENTS = 60
    const AMOUNT = 500_000
    const REFUND = 100_000
    const codes = Array.from({ length: PAYMENTS }, (_, i) => `ZC-PAYCRASH-${i}`)
    await insertAll(
      client,
      'projects',
      codes.map((code) => projectRow(facts, code, 'random', 'contracted'))
    )
    const ids = await projectIds(client, 'ZC-PAYCRASH-')
    const agency = facts.agencies[0]
    const now = sqlTime(PUBLISHED_AT)
    await insertAll(
      client,
      'bids',
      codes.map((code) => ({
        project_id: ids.get(code),
        organization_id: agency.organizationId,
        submitted_by_user_id: agency.userId,
        round: 1,
        quote_encrypted: sealQuote(1_000_000),
        nonce_encrypted: encryption.encrypt('0'.repeat(32)),
        receipt: commitmentOf(code),
        status: 'active',
        created_at: now,
      }))
    )
    const bidRows = await client
      .from('bids')
      .whereIn('project_id', [...ids.values()])
      .select('id', 'project_id')
    const bidOf = new Map(bidRows.map((row: any) => [Number(row.project_id), Number(row.id)]))
    await insertAll(
      client,
      'contracts',
      codes.map((code) => ({
        project_id: ids.get(code),
        template_id: facts.templateId,
        owner_organization_id: facts.ownerOrganizationId,
        agency_organization_id: agency.organizationId,
        bid_id: bidOf.get(ids.get(code)!),
        price_fen: AMOUNT,
        status: 'signed',
        field_values: '{}',
        revision: 1,
        text_hash: '0'.repeat(64),
        signing_due_at: now,
        signed_at: now,
        created_at: now,
      }))
    )
    const contracts = await client
      .from('contracts')
      .whereIn('project_id', [...ids.values()])
      .orderBy('id')
      .select('id')
    const contractIds = contracts.map((row: any) => Number(row.id))
    await insertAll(
      client,
      'milestones',
      contractIds.map((contractId) => ({
        contract_id: contractId,
        position: 1,
        title: '全部价款',
        amount_fen: AMOUNT,
        status: 'processing',
      }))
    )
    const milestones = await client
      .from('milestones')
      .whereIn('contract_id', contractIds)
      .orderBy('id')
      .select('id', 'contract_id')
    // Real intents at Stripe (the test's mock), paid there: the server confirms each success.
    const intentIds: string[] = []
    for (const milestone of milestones) {
      const intent = await stripe().paymentIntents.create({
        amount: AMOUNT,
        currency: 'cny',
        allowed_payment_method_types: ['card'],
        metadata: {
          contract_id: String(milestone.contract_id),
          milestone_id: String(milestone.id),
        },
      })
      await stripe().paymentIntents.confirm(intent.id, { payment_method: 'pm_card_visa' })
      intentIds.push(intent.id)
    }
    await insertAll(
      client,
      'payments',
      milestones.map((milestone: any, i: number) => ({
        contract_id: milestone.contract_id,
        milestone_id: milestone.id,
        created_by_user_id: facts.ownerUserId,
        stripe_payment_intent_id: intentIds[i],
        idempotency_key: `crash-test-${milestone.id}`,
        amount_fen: AMOUNT,
        refunded_fen: 0,
        currency: 'cny',
        status: 'processing',
        created_at: now,
      }))
    )
    const payments = await client
      .from('payments')
      .whereIn('stripe_payment_intent_id', intentIds)
      .select('id', 'stripe_payment_intent_id', 'contract_id', 'milestone_id')
    const paymentIds = payments.map((payment: any) => Number(payment.id))
    assert.lengthOf(payments, PAYMENTS)

    // Each payment succeeds; every third is then partly refunded (Stripe's charge.refunded).
    const created = Math.floor(Date.parse(AFTER_DEADLINE) / 1000)
    const event = (id: string, type: string, object: object) => ({
      id,
      object: 'event',
      api_version: stripe().getApiField('version'),
      created,
      data: { object },
      livemode: false,
      pending_webhooks: 1,
      request: { id: null, idempotency_key: null },
      type,
    })
    const events = payments.flatMap((payment: any, i: number) => {
      const intent = payment.stripe_payment_intent_id as string
      const metadata = {
        contract_id: String(payment.contract_id),
        milestone_id: String(payment.milestone_id),
      }
      const succeeded = event(`evt_crash_ok_${i}`, 'payment_intent.succeeded', {
        id: intent,
        object: 'payment_intent',
        amount: AMOUNT,
        amount_received: AMOUNT,
        currency: 'cny',
        status: 'succeeded',
        latest_charge: `ch_${intent}`,
        metadata,
      })
      if (i % 3 !== 0) return [succeeded]
      return [
        succeeded,
        event(`evt_crash_refund_${i}`, 'charge.refunded', {
          id: `ch_${intent}`,
          object: 'charge',
          amount: AMOUNT,
          amount_captured: AMOUNT,
          amount_refunded: REFUND,
          refunded: false,
          currency: 'cny',
          payment_intent: intent,
          status: 'succeeded',
        }),
      ]
    })
    const refundedIds = paymentIds.filter((_id, i) => i % 3 === 0)

    /** Signs each delivery afresh (as Stripe does) and POSTs it; null when the server is gone. */
    const deliver = async (server: ChildServer, body: object) => {
      const payload = JSON.stringify(body)
      const signature = stripe().webhooks.generateTestHeaderString({
        payload,
        secret: stripeSettings().webhookSecret!,
      })
      try {
        const response = await fetch(`${server.url}/api/v1/webhooks/stripe`, {
          method: 'POST',
          headers: { 'Content-Type': 'application/json', 'Stripe-Signature': signature },
          body: payload,
        })
        return { status: response.status, body: (await response.json().catch(() => null)) as any }
      } catch {
        return null
      }
    }
    /** Six deliveries at a time; `onAnswer` may kill the server. */
    const burst = async (server: ChildServer, onAnswer: (answered: number) => void = () => {}) => {
      const queue = [...events]
      const answers: ({ status: number; body: any } | null)[] = []
      await Promise.all(
        Array.from({ length: 6 }, async () => {
          while (queue.length > 0) {
            const answer = await deliver(server, queue.shift()!)
            answers.push(answer)
            if (answer) onAnswer(answers.filter(Boolean).length)
          }
        })
      )
      return answers
    }

    const stripeEnv = {
      STRIPE_API_BASE: stripeSettings().apiBase ?? 'http://127.0.0.1:12111',
      STRIPE_WEBHOOK_SECRET: stripeSettings().webhookSecret!,
      LOG_LEVEL: 'error',
    }
    const first = await startServer(market, stripeEnv)
    const killAfter = 10 + Math.floor(Math.random() * 30)
    let killing: Promise<unknown> | null = null
    const firstAnswers = await burst(first, (answered) => {
      if (answered >= killAfter && !killing) killing = first.kill()
    })
    const killed = await first.kill()
    assert.equal(killed.signal, 'SIGKILL')
    const answered = firstAnswers.filter(Boolean)
    assert.isAtLeast(answered.length, killAfter)
    assert.isBelow(answered.length, events.length, 'the kill came after the burst')
    for (const answer of answered) {
      assert.equal(answer!.status, 200, `${JSON.stringify(answer)}\n${killed.output}`)
    }

    // Stripe retries what got no answer; here everything is sent again, answered or not.
    const second = await startServer(market, stripeEnv)
    try {
      const retries = await burst(second)
      for (const answer of retries) {
        assert.equal(answer?.status, 200, `${JSON.stringify(answer)}\n${second.output()}`)
        assert.oneOf(answer!.body.outcome, ['processed', 'duplicate'])
      }
    } finally {
      await second.kill()
    }

    assert.equal(
      await count(client.from('stripe_events').where('id', 'like', 'evt_crash_%')),
      events.length
    )
    const feeRecords = async (kind: string) =>
      client
        .from('fee_records')
        .whereIn('payment_id', paymentIds)
        .where('kind', kind)
        .groupBy('payment_id')
        .select('payment_id')
        .count('* as n')
        .sum('amount_fen as total')
    const paid = await feeRecords('payment')
    assert.lengthOf(paid, PAYMENTS)
    for (const row of paid) {
      assert.equal(Number(row.n), 1, `payment ${row.payment_id} has ${row.n} payment records`)
      assert.equal(Number(row.total), AMOUNT)
    }
    const refunds = await feeRecords('refund')
    assert.sameMembers(
      refunds.map((row: any) => Number(row.payment_id)),
      refundedIds
    )
    for (const row of refunds) {
      assert.equal(Number(row.n), 1)
      assert.equal(Number(row.total), REFUND)
    }
    assert.equal(
      await count(client.from('fee_records').whereIn('payment_id', paymentIds)),
      PAYMENTS + refundedIds.length
    )
    assert.equal(
      await count(
        client.from('payments').whereIn('id', paymentIds).whereNot('status', 'succeeded')
      ),
      0
    )
    assert.equal(
      await count(client.from('payments').whereIn('id', refundedIds).where('refunded_fen', REFUND)),
      refundedIds.length
    )
    assert.equal(
      await count(
        client.from('milestones').whereIn('contract_id', contractIds).whereNot('status', 'paid')
      ),
      0
    )
    const succeededEvents = await auditCounts(client, 'payment.succeeded', 'payment', paymentIds)
    assert.equal(succeededEvents.size, PAYMENTS)
    assert.deepEqual([...new Set(succeededEvents.values())], [1])
    const refundEvents = await auditCounts(client, 'payment.refunded', 'payment', paymentIds)
    assert.equal(refundEvents.size, refundedIds.length)
    assert.deepEqual([...new Set(refundEvents.values())], [1])

    const chain = await verifyAuditLog(client)
    assert.isTrue(chain.valid, JSON.stringify(chain))
  }).timeout(120_000)
})
