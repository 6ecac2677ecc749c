/*
 * Selection benchmarks (`npm run bench`, part "selection"): sealed bids per
 * second on one project through the HTTP API, and the time openProject takes
 * for a project with many bids. Runs on the generated registry: the bidders
 * are generated agencies offering an item that needs no qualification, each
 * given an agency user once (kept for later runs). The projects, bids and
 * notifications of a run are deleted at its end; audit events stay (the
 * chain must remain intact). E-mails are queued to a messenger that drops
 * them: queueing is measured, sending (in the background) is not — and
 * mail.fake() would not do, it sends synchronously inside the commit hooks.
 */
import db from '@adonisjs/lucid/services/db'
import hash from '@adonisjs/core/services/hash'
import encryption from '@adonisjs/core/services/encryption'
import { sealQuote, openSealedQuote } from '#services/sealed_quotes'
import mail from '@adonisjs/mail/services/main'
import { DateTime } from 'luxon'
import User from '#models/user'
import type Project from '#models/project'
import { DEFAULT_GRADE_CUTOFFS } from '#domain/credit'
import { bidReceipt, generateNonce } from '#domain/verifiable_draw'
import { seededRandom } from '#domain/seeded_random'
import { draftProject } from '#actions/projects/draft_project'
import { publishProject } from '#actions/projects/publish_project'
import { openProject } from '#actions/selection/open_selection'
import { clock } from '#services/clock'
import { percentile } from '#benchmarks/measure'
import { Worker } from 'node:worker_threads'
import { once } from 'node:events'
import { loadavg } from 'node:os'
import { machineLoad } from '#benchmarks/server_process'

const NOW = new Date('2026-09-29T02:00:00Z')
const DEADLINE = new Date('2026-10-09T04:00:00Z')
const CEILING_FEN = 8_000_000
const EMAIL_DOMAIN = 'selection.bench.example.com'

export type BiddingResult = {
  mode: 'spread' | 'burst'
  agencies: number
  bidsPerAgency: number
  spreadMs: number
  sent: number
  accepted: number
  refused: number
  lost: number
  duplicated: number
  seconds: number
  bidsPerSecond: number
  p50Ms: number
  p99Ms: number
  maxMs: number
  /** How late the load generator sent its requests (p99): near 0 when it kept to the plan. */
  generatorLateP99Ms: number
  statementsPerBid: number
  sql: SqlStep[]
  /** The machine's 1-minute load average when the storm started (other processes included). */
  loadAverage: number
  /**
   * CPU time of the server's thread (the application's event loop) per bid sent, user and
   * system: what each bid costs the server, whatever else competes for the CPU.
   */
  serverCpuMsPerBid: number
}

export type SqlStep = { step: string; statements: number; ms: number }

export type OpeningResult = {
  label: string
  bids: number
  outcome: string
  seconds: number
  /** SQL time of openProject grouped by statement kind and table, longest first. */
  sql: SqlStep[]
  /** Decrypting every quote and nonce once, outside openProject, for comparison. */
  decryptSeconds: number
}

type BenchAgency = { organizationId: number; uscc: string; user: User }

/** Runs the selection benchmarks and deletes what they created. */
/**
 * The deadline of a storm's project: the measured server runs on the real clock, so the
 * projects are published now with a deadline a month away (the opening, run in the bench
 * process, moves this process's clock past it).
 */
function monthAway() {
  const deadline = new Date(Date.now() + 30 * 86_400_000)
  deadline.setUTCHours(4, 0, 0, 0)
  return deadline
}

export async function runSelectionBench(
  target: {
    url: string
    inProcessUrl: string
    layout: string
    sample: () => { cpuMs: number }
  },
  sizes: { bidders: number; bidsPerAgency: number; openingBids: number },
  log: (message: string) => void
) {
  mail.setMessenger(() => ({ queue: async () => ({}) }))
  const created: number[] = []
  const loadAtStart = machineLoad()
  try {
    const { itemCode, agencies } = await benchAgencies(
      Math.max(sizes.bidders, sizes.openingBids),
      log
    )
    const owner = await User.findByOrFail('email', 'owner@demo.example.com')

    const bidders = agencies.slice(0, sizes.bidders)
    const storms: BiddingResult[] = []
    const stormDeadline = monthAway()
    const spread = await publishBenchProject(owner, itemCode, stormDeadline)
    created.push(spread.id)
    const burst = await publishBenchProject(owner, itemCode, stormDeadline)
    created.push(burst.id)
    const warmup = await publishBenchProject(owner, itemCode, stormDeadline)
    created.push(warmup.id)
    const sampled = await publishBenchProject(owner, itemCode, stormDeadline)
    created.push(sampled.id)
    // The statements of one bid, counted in this process's copy of the application (the
    // measured server is another process): 20 agencies bid one after the other.
    const perBid = await measureBidding(target.inProcessUrl, sampled, bidders.slice(0, 20), {
      mode: 'burst',
      bidsPerAgency: 1,
      spreadMs: 0,
      seed: 20261007,
      sequential: true,
    })
    const statements = { perBid: perBid.statementsPerBid, sql: perBid.sql }
    // Warm-up, not reported: compiled code paths and open pool connections, as in a server
    // that has been answering for a while.
    await measureBidding(target.url, warmup, bidders.slice(0, 100), {
      mode: 'burst',
      bidsPerAgency: 1,
      spreadMs: 0,
      seed: 20261008,
    })
    log(`Bid storm: ${sizes.bidders} agencies once each, spread over 1 s, on ${spread.code}…`)
    storms.push(
      await measureBidding(
        target.url,
        spread,
        bidders,
        { mode: 'spread', bidsPerAgency: 1, spreadMs: 1000, seed: 20261009 },
        target.sample,
        statements
      )
    )
    log(
      `Burst: ${sizes.bidders} agencies × ${sizes.bidsPerAgency} bids all at once on ${burst.code}…`
    )
    storms.push(
      await measureBidding(
        target.url,
        burst,
        bidders,
        { mode: 'burst', bidsPerAgency: sizes.bidsPerAgency, spreadMs: 0, seed: 20261011 },
        target.sample,
        statements
      )
    )

    clock.freeze(NOW)
    const large = await publishBenchProject(owner, itemCode, DEADLINE)
    created.push(large.id)
    log(`Inserting ${sizes.openingBids} sealed bids on ${large.code}…`)
    await insertSealedBids(large, agencies.slice(0, sizes.openingBids))

    const openings: OpeningResult[] = []
    clock.freeze(new Date(stormDeadline.getTime() + 1000))
    log(`Opening ${burst.code} (${sizes.bidders} bids)…`)
    openings.push(await measureOpening(`the burst's project`, burst.id))
    clock.freeze(new Date(DEADLINE.getTime() + 1000))
    log(`Opening ${large.code} (${sizes.openingBids} bids)…`)
    openings.push(await measureOpening(`set-based inserted bids`, large.id))
    return { storms, openings, itemCode, layout: target.layout, loadAtStart }
  } finally {
    clock.unfreeze()
    await removeProjects(created)
  }
}

/**
 * The storm alone (1 s spread, one bid per agency) against `target`, after a
 * warm-up burst of 100 bids; its projects are removed afterwards. For the
 * measurements with several server processes.
 */
export async function runBidStorm(
  target: { url: string; sample: () => { cpuMs: number } },
  bidders: number,
  log: (message: string) => void
) {
  mail.setMessenger(() => ({ queue: async () => ({}) }))
  const created: number[] = []
  try {
    const { itemCode, agencies } = await benchAgencies(bidders, log)
    const owner = await User.findByOrFail('email', 'owner@demo.example.com')
    const warmup = await publishBenchProject(owner, itemCode, monthAway())
    created.push(warmup.id)
    const storm = await publishBenchProject(owner, itemCode, monthAway())
    created.push(storm.id)
    await measureBidding(target.url, warmup, agencies.slice(0, 100), {
      mode: 'burst',
      bidsPerAgency: 1,
      spreadMs: 0,
      seed: 20261008,
    })
    return await measureBidding(
      target.url,
      storm,
      agencies,
      { mode: 'spread', bidsPerAgency: 1, spreadMs: 1000, seed: 20261009 },
      target.sample,
      { perBid: 0, sql: [] }
    )
  } finally {
    await removeProjects(created)
  }
}

/**
 * Listed, active agencies of grade C or better offering the item (needing no
 * qualification) with the most such agencies, each with an agency user.
 */
async function benchAgencies(count: number, log: (message: string) => void) {
  const [best] = await db
    .from('agency_service_items as a')
    .join('service_items as s', 's.id', 'a.service_item_id')
    .join('agency_profiles as p', 'p.organization_id', 'a.organization_id')
    .where('s.status', 'active')
    .whereNull('s.required_qualification')
    .where('a.listed', true)
    .where('p.status', 'active')
    .where('p.credit_score', '>=', DEFAULT_GRADE_CUTOFFS.C)
    .groupBy('s.id', 's.code')
    .select('s.id', 's.code')
    .count('* as total')
    .orderBy('total', 'desc')
    .limit(1)
  const rows: { id: number; uscc: string }[] = await db
    .from('agency_service_items as a')
    .join('agency_profiles as p', 'p.organization_id', 'a.organization_id')
    .join('organizations as o', 'o.id', 'a.organization_id')
    .where('a.service_item_id', best.id)
    .where('a.listed', true)
    .where('p.status', 'active')
    .where('p.credit_score', '>=', DEFAULT_GRADE_CUTOFFS.C)
    .orderBy('o.id')
    .limit(count)
    .select('o.id', 'o.uscc')
  if (rows.length < count) {
    throw new Error(
      `Only ${rows.length} eligible agencies offer ${best.code}: generate more agencies (--agencies)`
    )
  }

  const users = new Map<number, User>()
  const loadUsers = async (ids: number[]) => {
    for (let start = 0; start < ids.length; start += 1000) {
      const found = await User.query()
        .whereIn('organization_id', ids.slice(start, start + 1000))
        .where('role', 'agency')
        .orderBy('id')
      for (const user of found)
        if (!users.has(user.organizationId)) users.set(user.organizationId, user)
    }
  }
  const ids = rows.map((row) => Number(row.id))
  await loadUsers(ids)
  const missing = ids.filter((id) => !users.has(id))
  if (missing.length > 0) {
    log(`Creating ${missing.length} agency users (once)…`)
    const password = await hash.use('scrypt').make('selection-bench-password')
    const now = DateTime.utc().toFormat(db.connection().dialect.dateTimeFormat)
    for (let start = 0; start < missing.length; start += 1000) {
      await db.table('users').multiInsert(
        missing.slice(start, start + 1000).map((id) => ({
          organization_id: id,
          email: `agency-${id}@${EMAIL_DOMAIN}`,
          password,
          role: 'agency',
          full_name: '投标经办人',
          phone: '13800000000',
          created_at: now,
          updated_at: now,
        }))
      )
    }
    await loadUsers(missing)
  }
  const agencies: BenchAgency[] = rows.map((row) => ({
    organizationId: Number(row.id),
    uscc: row.uscc,
    user: users.get(Number(row.id))!,
  }))
  return { itemCode: best.code as string, agencies }
}

/** A random-method project of the demo owner, drafted and published through the actions. */
async function publishBenchProject(owner: User, itemCode: string, deadline: Date) {
  const draft = await draftProject(
    {
      title: '东坡区滨江大道改造工程环境影响评价（基准测试）',
      serviceItemCode: itemCode,
      fundingSource: 'fiscal',
      description: '编制东坡区滨江大道改造工程环境影响报告表，并配合完成技术评审。',
      ceilingPriceFen: CEILING_FEN,
      method: 'random',
      deadline,
    },
    owner
  )
  return publishProject(draft, owner)
}

/**
 * The load generator, in a worker thread of its own so that the server's
 * event loop cannot delay it (and a busy server cannot hide its queue):
 *
 * - `spread`: an open-loop schedule — request i leaves at its planned time
 *   `i × spreadMs / n`, whatever the earlier ones are doing, and its latency
 *   counts from that planned time, queueing included;
 * - `burst`: every agency at once, each sending its bids one after the
 *   other (a bid's latency counts from its sending).
 *
 * Plain JavaScript (the worker runs without the TypeScript loader).
 */
const LOAD_GENERATOR = `
const { parentPort, workerData } = require('node:worker_threads')
const { url, mode, spreadMs, sequential, agencies } = workerData
const results = []
async function send(agency, round, planned) {
  const sentLate = performance.now() - planned
  let status = 0
  let receipt = null
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: {
        'authorization': 'Bearer ' + agency.token,
        'content-type': 'application/json',
        'accept': 'application/json',
      },
      body: JSON.stringify({ quoteFen: agency.quotes[round] }),
    })
    status = response.status
    const body = await response.json().catch(() => ({}))
    receipt = body.receipt ?? null
  } catch (error) {
    status = -1
  }
  results.push({ agency: agency.index, round, status, receipt, ms: performance.now() - planned, sentLate })
}
async function main() {
  const started = performance.now() + 50
  if (mode === 'spread') {
    const pending = []
    const total = agencies.length
    await new Promise((resolve) => {
      agencies.forEach((agency, index) => {
        const planned = started + (index * spreadMs) / total
        setTimeout(() => {
          pending.push(send(agency, 0, planned))
          if (pending.length === total) resolve()
        }, Math.max(0, planned - performance.now()))
      })
    })
    await Promise.all(pending)
  } else if (sequential) {
    for (const agency of agencies) await send(agency, 0, performance.now())
  } else {
    while (performance.now() < started) await new Promise((resolve) => setTimeout(resolve, 1))
    await Promise.all(
      agencies.map(async (agency) => {
        for (let round = 0; round < agency.quotes.length; round++) {
          await send(agency, round, performance.now())
        }
      })
    )
  }
  parentPort.postMessage({ results, seconds: (performance.now() - started) / 1000 })
}
main()
`

type Sent = {
  agency: number
  round: number
  status: number
  receipt: string | null
  ms: number
  sentLate: number
}

/**
 * A bid storm on one project through POST /api/v1/projects/:id/bids:
 * `spread` (each agency once, arrivals spread evenly over `spreadMs`) or
 * `burst` (each agency `bidsPerAgency` times in a row, all agencies at once).
 * Afterwards every accepted receipt must be stored and exactly one bid of
 * each agency active: its last accepted one. Also counts the SQL statements
 * run meanwhile and their time by kind (from the driver's query events).
 */
async function measureBidding(
  baseUrl: string,
  project: Project,
  agencies: BenchAgency[],
  options: {
    mode: 'spread' | 'burst'
    bidsPerAgency: number
    spreadMs: number
    seed: number
    sequential?: boolean
  },
  sampleServer?: () => { cpuMs: number },
  statements?: { perBid: number; sql: SqlStep[] }
): Promise<BiddingResult> {
  const tokens: string[] = []
  for (const agency of agencies) {
    const token = await User.accessTokens.create(agency.user)
    tokens.push(token.value!.release())
  }
  const random = seededRandom(options.seed)
  const plan = agencies.map((_agency, index) => ({
    index,
    token: tokens[index],
    quotes: Array.from({ length: options.bidsPerAgency }, () =>
      random.integer(CEILING_FEN / 2, CEILING_FEN)
    ),
  }))

  const loadAverage = loadavg()[0]
  const cpuBefore = sampleServer?.().cpuMs ?? 0
  const sql = watchStatements()
  const worker = new Worker(LOAD_GENERATOR, {
    eval: true,
    workerData: {
      url: `${baseUrl}/api/v1/projects/${project.id}/bids`,
      mode: options.mode,
      spreadMs: options.spreadMs,
      sequential: options.sequential ?? false,
      agencies: plan,
    },
  })
  let outcome: { results: Sent[]; seconds: number }
  try {
    ;[outcome] = (await once(worker, 'message')) as [{ results: Sent[]; seconds: number }]
  } finally {
    sql.stop()
    await worker.terminate()
  }
  const cpuMs = (sampleServer?.().cpuMs ?? 0) - cpuBefore
  const { results, seconds } = outcome

  const stored = await db
    .from('bids')
    .where('project_id', project.id)
    .select('organization_id', 'receipt', 'status')
  const storedReceipts = new Set(stored.map((row) => row.receipt as string))
  const activeOf = new Map<number, string[]>()
  for (const row of stored.filter((bid) => bid.status === 'active')) {
    const id = Number(row.organization_id)
    activeOf.set(id, [...(activeOf.get(id) ?? []), row.receipt])
  }
  const accepted = results.filter((sent) => sent.status === 201 && sent.receipt)
  // The last accepted bid of each agency (rounds are sent one after the other).
  const lastReceipts = new Map<number, string>()
  for (const sent of [...accepted].sort((a, b) => a.round - b.round)) {
    lastReceipts.set(agencies[sent.agency].organizationId, sent.receipt!)
  }
  // Lost: accepted but not stored, or an agency whose last accepted bid is not the active one.
  let lost = accepted.filter((sent) => !storedReceipts.has(sent.receipt!)).length
  for (const [organizationId, receipt] of lastReceipts) {
    if (!(activeOf.get(organizationId) ?? []).includes(receipt)) lost += 1
  }
  const duplicated = [...activeOf.values()].reduce((sum, list) => sum + list.length - 1, 0)

  await db
    .from('auth_access_tokens')
    .whereIn(
      'tokenable_id',
      agencies.map((agency) => agency.user.id)
    )
    .delete()

  const durations = results.map((sent) => sent.ms).sort((a, b) => a - b)
  const late = results.map((sent) => sent.sentLate).sort((a, b) => a - b)
  return {
    mode: options.mode,
    agencies: agencies.length,
    bidsPerAgency: options.bidsPerAgency,
    spreadMs: options.spreadMs,
    sent: results.length,
    accepted: accepted.length,
    refused: results.length - accepted.length,
    lost,
    duplicated,
    seconds,
    bidsPerSecond: accepted.length / seconds,
    p50Ms: percentile(durations, 0.5),
    p99Ms: percentile(durations, 0.99),
    maxMs: durations[durations.length - 1],
    generatorLateP99Ms: percentile(late, 0.99),
    statementsPerBid: statements?.perBid ?? sql.total() / Math.max(1, results.length),
    sql: statements?.sql ?? sql.steps(),
    loadAverage,
    serverCpuMsPerBid: cpuMs / Math.max(1, results.length),
  }
}

/** Counts the statements sent on the default connection, and their time by kind. */
function watchStatements() {
  const knex = db.connection().getWriteClient()
  const pending = new Map<string, { key: string; started: number }>()
  const steps = new Map<string, SqlStep>()
  let total = 0
  const onQuery = (query: { __knexQueryUid: string; sql: string }) => {
    total += 1
    pending.set(query.__knexQueryUid, { key: statementKind(query.sql), started: performance.now() })
  }
  const onDone = (_response: unknown, query: { __knexQueryUid: string }) => {
    const entry = pending.get(query.__knexQueryUid)
    if (!entry) return
    pending.delete(query.__knexQueryUid)
    const step = steps.get(entry.key) ?? { step: entry.key, statements: 0, ms: 0 }
    step.statements += 1
    step.ms += performance.now() - entry.started
    steps.set(entry.key, step)
  }
  knex.on('query', onQuery)
  knex.on('query-response', onDone)
  knex.on('query-error', onDone)
  return {
    total: () => total,
    steps: () => [...steps.values()].sort((a, b) => b.ms - a.ms),
    stop() {
      knex.off('query', onQuery)
      knex.off('query-response', onDone)
      knex.off('query-error', onDone)
    },
  }
}

/**
 * Sealed bids inserted set-based, as placeBid stores them: quote and nonce
 * encrypted with the app key, the receipt over code, USCC, quote and nonce.
 */
async function insertSealedBids(project: Project, agencies: BenchAgency[]) {
  const random = seededRandom(20261010)
  const now = DateTime.utc().toFormat(db.connection().dialect.dateTimeFormat)
  for (let start = 0; start < agencies.length; start += 1000) {
    const rows = agencies.slice(start, start + 1000).map((agency) => {
      const quoteFen = random.integer(CEILING_FEN / 2, CEILING_FEN)
      const nonce = generateNonce()
      return {
        project_id: project.id,
        round: project.round,
        organization_id: agency.organizationId,
        submitted_by_user_id: agency.user.id,
        quote_encrypted: sealQuote(quoteFen),
        nonce_encrypted: encryption.encrypt(nonce),
        receipt: bidReceipt(project.code, agency.uscc, quoteFen, nonce),
        status: 'active',
        ip: '127.0.0.1',
        user_agent: 'market-bench',
        created_at: now,
        updated_at: now,
      }
    })
    await db.table('bids').multiInsert(rows)
  }
}

/**
 * Times openProject and, from the driver's query events, the SQL time it
 * spent per statement kind and table (the rest is JavaScript: decryption,
 * the draw, building payloads).
 */
async function measureOpening(label: string, projectId: number): Promise<OpeningResult> {
  const [{ total }] = await db
    .from('bids')
    .where('project_id', projectId)
    .where('status', 'active')
    .count('* as total')
  const sealed = await db
    .from('bids')
    .where('project_id', projectId)
    .where('status', 'active')
    .select('quote_encrypted', 'nonce_encrypted')
  const decryptStarted = performance.now()
  for (const bid of sealed) {
    openSealedQuote(bid.quote_encrypted)
    encryption.decrypt(bid.nonce_encrypted)
  }
  const decryptSeconds = (performance.now() - decryptStarted) / 1000

  const sql = watchStatements()
  const started = performance.now()
  let outcome: string
  try {
    outcome = await openProject(projectId)
  } catch (error) {
    // The driver's own message (the failed statement itself may be megabytes long).
    const { code, sqlMessage, message } = error as {
      code?: string
      sqlMessage?: string
      message: string
    }
    outcome = `failed: ${sqlMessage ? `${code} ${sqlMessage}` : message.slice(0, 200)}`
  } finally {
    sql.stop()
  }
  const seconds = (performance.now() - started) / 1000
  return {
    label,
    bids: Number(total),
    outcome,
    seconds,
    sql: sql.steps(),
    decryptSeconds,
  }
}

/** "update bids", "select agency_profiles", "insert audit_events"… */
function statementKind(sql: string) {
  const verb = sql.trim().split(/\s+/)[0].toLowerCase()
  const table = /\b(?:from|into|update)\s+[`"]?(\w+)/i.exec(sql)?.[1] ?? '?'
  return `${verb} ${table}`
}

/** Removes the run's projects with their bids and notifications (audit events stay). */
async function removeProjects(projectIds: number[]) {
  if (projectIds.length === 0) return
  const bids = await db.from('bids').whereIn('project_id', projectIds).select('id')
  const bidIds = bids.map((row) => Number(row.id))
  for (let start = 0; start < bidIds.length; start += 1000) {
    const chunk = bidIds.slice(start, start + 1000)
    await db.from('bid_members').whereIn('bid_id', chunk).delete()
    await db.from('objections').whereIn('bid_id', chunk).delete()
    await db.from('bids').whereIn('id', chunk).delete()
  }
  await db.from('notifications').whereIn('project_id', projectIds).delete()
  await db.from('projects').whereIn('id', projectIds).delete()
  // The collusion-signal facts of the deleted projects go with them.
  const { queueProjectsForSignals } = await import('#services/signal_queue')
  const { foldSignalQueue } = await import('#actions/signals/signal_facts')
  await queueProjectsForSignals(projectIds, db.connection())
  await foldSignalQueue()
}

export function selectionMarkdown(
  result: {
    storms: BiddingResult[]
    openings: OpeningResult[]
    itemCode: string
    layout: string
    loadAtStart: string
  },
  quick: boolean,
  machine: string
) {
  const { storms, openings } = result
  const [spread, burst] = storms
  const row = (storm: BiddingResult, label: string) =>
    `| ${label} | ${storm.sent} | ${storm.accepted} | ${storm.refused} | ${storm.lost} | ${storm.duplicated} | ${storm.seconds.toFixed(2)} | ${storm.bidsPerSecond.toFixed(0)} | ${storm.p50Ms.toFixed(0)} | ${storm.p99Ms.toFixed(0)} | ${storm.maxMs.toFixed(0)} | ${storm.statementsPerBid.toFixed(1)} | ${storm.serverCpuMsPerBid.toFixed(2)} | ${storm.loadAverage.toFixed(1)} |`
  const sqlOf = (storm: BiddingResult) =>
    storm.sql
      .slice(0, 8)
      .map((step) => `${step.step} ${(step.ms / step.statements).toFixed(2)}`)
      .join('; ')
  const lines = [
    '## Selection',
    '',
    `Measured by \`npm run bench${quick ? ' -- --quick' : ''}\` (part \`selection\`) on ${new Date().toISOString().slice(0, 10)}.`,
    '',
    `Machine: ${machine}.`,
    `Bidders: generated agencies offering ${result.itemCode}; e-mails queued to a messenger that drops them; projects, bids and notifications deleted afterwards.`,
    '',
    '### Bid storm on one project',
    '',
    'Through `POST /api/v1/projects/:id/bids` on the production build in a process of its own',
    `(${result.layout}), the requests sent by a load generator in a worker thread of the bench process;`,
    `machine at the start: ${result.loadAtStart}:`,
    '',
    `- **storm** (the target: p99 < 250 ms, nothing lost): ${spread.agencies.toLocaleString('en-US')} agencies bid once each, their arrivals spread evenly over ${spread.spreadMs / 1000} s —`,
    '  an open-loop schedule: each request leaves at its planned time whatever the earlier ones are',
    `  doing, and its latency counts from that planned time, so queueing is not hidden (the generator sent p99 ${spread.generatorLateP99Ms.toFixed(0)} ms late);`,
    `- **burst** (harder): ${burst.agencies.toLocaleString('en-US')} agencies all at once, each sending ${burst.bidsPerAgency} bids one after the other (each replacing its previous one;`,
    '  latency from sending).',
    '',
    'Lost: an accepted bid not stored, or an agency whose last accepted bid is not its active one; duplicated: a second active bid of one agency.',
    'SQL statements: those one bid sends through Lucid (BEGIN and COMMIT not counted), counted in the bench process’s own copy of the application over 20 bids sent one after the other (the measured server is another process); the API rate limiter adds 2 more per request (autocommitted, app/services/rate_limit_store.ts), on a pooled connection the count does not see.',
    'Server CPU: the CPU time (user + system) of the server’s process(es), read from /proc/<pid>/stat before and after the run, per bid sent.',
    'Load average: the machine’s 1-minute load when the run started, this benchmark’s own work included — on 2 cores, well above 2 means other processes were taking CPU from the server and the database.',
    '',
    '| run | bids sent | accepted | refused | lost | duplicated | seconds | bids/s | p50 ms | p99 ms | max ms | SQL statements / bid | server CPU ms / bid | load average |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    row(spread, 'storm, spread over 1 s'),
    row(burst, `burst, ${burst.bidsPerAgency} bids each at once`),
    '',
    `Targets for the storm: nothing lost — ${spread.lost === 0 && spread.duplicated === 0 && spread.refused === 0 ? 'met' : 'missed'} (${spread.lost} lost, ${spread.duplicated} duplicated, ${spread.refused} refused); p99 < 250 ms — ${spread.p99Ms < 250 ? 'met' : 'missed'} (${spread.p99Ms.toFixed(0)} ms).`,
    '',
    `Mean SQL time per statement in the storm, ms (queueing for a pooled connection included): ${sqlOf(spread)}.`,
    '',
    '### Opening (`openProject`, random method)',
    '',
    'Run in the bench process (a call of the action, no HTTP), its clock moved past the deadline.',
    '',
    '| bids | from | outcome | seconds | of which SQL (s) | decrypting alone (s) | SQL time by statement: ms (statements) |',
    '| ---: | --- | --- | ---: | ---: | ---: | --- |',
  ]
  for (const opening of openings) {
    const sqlMs = opening.sql.reduce((sum, step) => sum + step.ms, 0)
    const sql = opening.sql
      .slice(0, 6)
      .map((step) => `${step.step} ${step.ms.toFixed(0)} (${step.statements})`)
      .join('; ')
    lines.push(
      `| ${opening.bids.toLocaleString('en-US')} | ${opening.label} | ${opening.outcome.replace(/\|/g, '\\|')} | ${opening.seconds.toFixed(2)} | ${(sqlMs / 1000).toFixed(2)} | ${opening.decryptSeconds.toFixed(2)} | ${sql} |`
    )
  }
  return lines.join('\n')
}
