/*
 * Credit benchmarks (`npm run bench`, part "credit"): the nightly
 * full recompute of every score from the ledger (target under 30 s for
 * 100,000 agencies and 1,000,000 events) and one agency's incremental update
 * (target under 20 ms), with the recomputed scores checked against the pure
 * creditScore() of app/domain/credit.ts. The events are generated once
 * (seeded, batched inserts) and reused; the generated directory scores are
 * saved beside them and put back at the end, so that the directory and
 * selection parts always measure the same dataset.
 */
import db from '@adonisjs/lucid/services/db'
import { DateTime } from 'luxon'
import { creditScore, type CreditEventType } from '#domain/credit'
import { seededRandom } from '#domain/seeded_random'
import { creditRulesInForce, recomputeAllScores, updateScore } from '#services/credit_ledger'
import { rulesInForce } from '#services/market_rules'
import { clock } from '#services/clock'
import { sqlTime } from '#services/sql_time'
import { percentile } from '#benchmarks/measure'

/** The ledger is read as of this moment; events span the three years before it. */
const NOW = new Date('2026-10-01T00:00:00Z')
const HISTORY_YEARS = 3
/** Generated events carry this evidence type (and their serial as evidence id). */
const EVIDENCE_TYPE = 'bench'
/** The directory scores as generated, kept to be put back after the part. */
const SAVED_SCORES = 'credit_bench_generated_scores'

export const TARGET_FULL_SECONDS = 30
export const TARGET_INCREMENTAL_MS = 20

/**
 * How often each event type happens, roughly as a market would see it: mostly
 * good evaluations and first-time approvals, a tail of failures and sanctions.
 */
const TYPE_WEIGHTS: [CreditEventType, number][] = [
  ['evaluation_good', 50],
  ['approval_first_time', 18],
  ['regulator_commendation', 3],
  ['evaluation_bad', 7],
  ['overdue', 6],
  ['approval_rejected', 6],
  ['contract_unsigned', 3],
  ['refused_to_sign', 2],
  ['upheld_complaint', 3],
  ['regulator_penalty', 1.5],
  ['false_qualification', 0.5],
]

const REASONS: Record<CreditEventType, string> = {
  refused_to_sign: '中选后拒签合同',
  contract_unsigned: '未按期签订合同',
  false_qualification: '提供虚假资质材料',
  overdue: '服务超期',
  evaluation_good: '服务评价良好',
  evaluation_bad: '服务评价差',
  upheld_complaint: '投诉查实',
  approval_first_time: '成果一次通过审批',
  approval_rejected: '成果审批未通过',
  regulator_penalty: '监管部门处罚',
  regulator_commendation: '监管部门表彰',
  department_rating_good: '审批部门评价良好',
  department_rating_bad: '审批部门评价差',
}

export type CreditBenchResult = {
  agencies: number
  events: number
  generatedSeconds: number | null
  validEvents: number
  expiredEvents: number
  withdrawnEvents: number
  agenciesWithEvents: number
  agenciesWithValidEvents: number
  /** recomputeAllScores() with every score to rewrite (from the generated scores). */
  fullRunsSeconds: number[]
  fullMedianSeconds: number
  /** recomputeAllScores() again right after: nothing changes. */
  unchangedSeconds: number
  updatedAgencies: number
  scores: { min: number; median: number; max: number; atZero: number; atHundred: number }
  sampled: number
  mismatches: number
  incremental: {
    agencies: number
    p50Ms: number
    p99Ms: number
    maxMs: number
    withCommitP50Ms: number
    withCommitP99Ms: number
    statements: number
    mismatches: number
  }
}

/** Runs the credit benchmarks on the first `agencies` generated agencies. */
export async function runCreditBench(
  sizes: { agencies: number; events: number; incremental: number; sample: number },
  countQueries: () => number,
  log: (message: string) => void
): Promise<CreditBenchResult> {
  clock.freeze(NOW)
  try {
    const agencyIds = await benchAgencyIds(sizes.agencies)
    const generatedSeconds = await ensureEvents(agencyIds, sizes.events, log)
    await saveGeneratedScores()
    const { rules } = await rulesInForce(clock.now())
    const base = rules.creditBaseScore

    const fullRunsSeconds: number[] = []
    let updatedAgencies = 0
    for (let run = 1; run <= 3; run++) {
      await restoreGeneratedScores()
      await settle(log)
      const started = performance.now()
      updatedAgencies = await recomputeAllScores()
      fullRunsSeconds.push((performance.now() - started) / 1000)
      log(`Full recompute ${run}: ${fullRunsSeconds.at(-1)!.toFixed(2)} s`)
    }
    await settle(log)
    const started = performance.now()
    await recomputeAllScores()
    const unchangedSeconds = (performance.now() - started) / 1000
    log(`Full recompute, scores unchanged: ${unchangedSeconds.toFixed(2)} s`)

    const random = seededRandom(20261001)
    const sample = pickDistinct(agencyIds, sizes.sample, random)
    const mismatches = await countMismatches(sample, base)
    log(`Checked ${sample.length} agencies against creditScore(): ${mismatches} mismatches`)
    const scores = await scoreDistribution()

    // Incremental updates start from the generated scores, so that each one changes a score.
    await restoreGeneratedScores()
    await settle(log)
    const incrementalIds = pickDistinct(agencyIds, sizes.incremental + 20, random)
    const incremental = await measureIncremental(incrementalIds, countQueries)
    const incrementalMismatches = await countMismatches(incrementalIds, base)
    log(
      `Incremental: p50 ${incremental.p50Ms.toFixed(1)} ms, p99 ${incremental.p99Ms.toFixed(1)} ms, ${incrementalMismatches} mismatches`
    )
    await restoreGeneratedScores()

    const statuses = await eventStatuses()
    const sorted = [...fullRunsSeconds].sort((a, b) => a - b)
    return {
      agencies: agencyIds.length,
      events: sizes.events,
      generatedSeconds,
      ...statuses,
      fullRunsSeconds,
      fullMedianSeconds: sorted[Math.floor(sorted.length / 2)],
      unchangedSeconds,
      updatedAgencies,
      scores,
      sampled: sample.length,
      mismatches,
      incremental: { ...incremental, mismatches: incrementalMismatches },
    }
  } finally {
    clock.unfreeze()
  }
}

/**
 * Generates the credit events once (part of the benchmark dataset, dataset.ts);
 * the seconds it took, or null when they were already there.
 */
export async function ensureCreditEvents(
  agencies: number,
  events: number,
  log: (message: string) => void
) {
  return ensureEvents(await benchAgencyIds(agencies), events, log)
}

async function benchAgencyIds(count: number) {
  const rows: { id: number }[] = await db
    .from('organizations')
    .where('kind', 'agency')
    .orderBy('id')
    .limit(count)
    .select('id')
  return rows.map((row) => Number(row.id))
}

/**
 * Generates the events once: `count` events in time order over the agencies,
 * each agency with its own activity level (some none, a few very many), so
 * that one agency's events lie scattered through the table as they would.
 * Returns the seconds it took, or null when the events were already there.
 */
async function ensureEvents(agencyIds: number[], count: number, log: (message: string) => void) {
  const [{ total }] = await db
    .from('credit_events')
    .where('evidence_type', EVIDENCE_TYPE)
    .count('* as total')
  const [{ outside }] = await db
    .from('credit_events')
    .where('evidence_type', EVIDENCE_TYPE)
    .where('organization_id', '>', agencyIds.at(-1) ?? 0)
    .count('* as outside')
  if (Number(total) === count && Number(outside) === 0) return null
  if (Number(total) > 0) {
    log(`Deleting ${Number(total).toLocaleString('en-US')} credit events of another size…`)
    await db.from('credit_events').where('evidence_type', EVIDENCE_TYPE).delete()
  }

  const started = performance.now()
  log(
    `Generating ${count.toLocaleString('en-US')} credit events over ${agencyIds.length.toLocaleString('en-US')} agencies…`
  )
  const random = seededRandom(20261002)
  const { version, rules } = await creditRulesInForce()
  // Activity: 15 % of agencies have no event; the others a heavy-tailed weight.
  const cumulative = new Float64Array(agencyIds.length)
  let sum = 0
  for (let i = 0; i < agencyIds.length; i++) {
    sum += random.next() < 0.15 ? 0 : (-Math.log(1 - random.next())) ** 2
    cumulative[i] = sum
  }
  const typeTotal = TYPE_WEIGHTS.reduce((weights, [, weight]) => weights + weight, 0)
  const pickType = () => {
    let roll = random.next() * typeTotal
    for (const [type, weight] of TYPE_WEIGHTS) {
      roll -= weight
      if (roll < 0) return type
    }
    return TYPE_WEIGHTS[0][0]
  }
  const pickAgency = () => {
    const roll = random.next() * sum
    let low = 0
    let high = cumulative.length - 1
    while (low < high) {
      const middle = (low + high) >> 1
      if (cumulative[middle] > roll) high = middle
      else low = middle + 1
    }
    return agencyIds[low]
  }

  const start = DateTime.fromJSDate(NOW).minus({ years: HISTORY_YEARS })
  const spanSeconds = DateTime.fromJSDate(NOW).diff(start, 'seconds').seconds
  const batchSize = 5000
  for (let first = 0; first < count; first += batchSize) {
    const rows = []
    for (let serial = first; serial < Math.min(count, first + batchSize); serial++) {
      const type = pickType()
      let points = rules[type].points
      if (type === 'regulator_penalty') points = -5 * random.integer(1, 6)
      if (type === 'regulator_commendation') points = random.integer(3, 10)
      // Negative events are sometimes revoked on appeal or repaired (信用修复).
      const roll = random.next()
      const status = points >= 0 || roll < 0.78 ? 'valid' : roll < 0.9 ? 'revoked' : 'repaired'
      const occurred = start.plus({
        seconds: Math.floor(((serial + random.next()) / count) * spanSeconds),
      })
      rows.push({
        organization_id: pickAgency(),
        type,
        points,
        reason: REASONS[type],
        evidence_type: EVIDENCE_TYPE,
        evidence_id: serial + 1,
        rule_version: version,
        occurred_at: sqlTime(occurred),
        expires_at: sqlTime(occurred.plus({ years: rules[type].validityYears })),
        status,
        recorded_by_user_id: null,
        created_at: sqlTime(occurred),
      })
    }
    await db.table('credit_events').multiInsert(rows)
    const done = Math.min(count, first + batchSize)
    if (done % 100_000 === 0 || done === count)
      log(`  ${done.toLocaleString('en-US')} / ${count.toLocaleString('en-US')}`)
  }
  await db.rawQuery('ANALYZE TABLE credit_events')
  return (performance.now() - started) / 1000
}

/** Keeps the directory scores as generated (once per agency, before any recompute). */
async function saveGeneratedScores() {
  await db.rawQuery(
    `CREATE TABLE IF NOT EXISTS ${SAVED_SCORES}
      (organization_id INT UNSIGNED PRIMARY KEY, credit_score INT NOT NULL)`
  )
  await db.rawQuery(
    `INSERT IGNORE INTO ${SAVED_SCORES} (organization_id, credit_score)
      SELECT organization_id, credit_score FROM agency_profiles`
  )
}

/** Puts the generated scores back in the profiles and the directory index. */
async function restoreGeneratedScores() {
  await db.rawQuery(
    `UPDATE agency_profiles p JOIN ${SAVED_SCORES} s ON s.organization_id = p.organization_id
      SET p.credit_score = s.credit_score`
  )
  await db.rawQuery(
    `UPDATE agency_service_items i JOIN ${SAVED_SCORES} s ON s.organization_id = i.organization_id
      SET i.credit_score = s.credit_score`
  )
}

/**
 * Waits (up to a minute) until InnoDB has purged the old row versions and
 * stopped writing the dirty pages left by the bulk updates: its background
 * work would otherwise compete with the timed statements on this machine's
 * cores and disk. An idle server may keep dirty pages for long, so what is
 * awaited is their number no longer falling.
 */
async function settle(log: (message: string) => void) {
  const started = performance.now()
  let previousDirty = Number.POSITIVE_INFINITY
  let quietSeconds = 0
  while (quietSeconds < 2 && performance.now() - started < 60_000) {
    await new Promise((resolve) => setTimeout(resolve, 1000))
    const [rows] = await db.rawQuery(
      `SHOW GLOBAL STATUS WHERE variable_name IN
        ('Innodb_history_list_length', 'Innodb_buffer_pool_pages_dirty')`
    )
    const status = new Map<string, number>(
      rows.map((row: any) => [String(row.Variable_name).toLowerCase(), Number(row.Value)])
    )
    const history = status.get('innodb_history_list_length') ?? 0
    const dirty = status.get('innodb_buffer_pool_pages_dirty') ?? 0
    quietSeconds = history < 100 && dirty >= previousDirty ? quietSeconds + 1 : 0
    previousDirty = dirty
  }
  log(
    `Waited ${((performance.now() - started) / 1000).toFixed(0)} s for InnoDB's background writes`
  )
}

/** `count` distinct values drawn from `values` (all of them when there are fewer). */
function pickDistinct(
  values: number[],
  count: number,
  random: ReturnType<typeof seededRandom>
): number[] {
  if (count >= values.length) return [...values]
  const chosen = new Set<number>()
  while (chosen.size < count) chosen.add(random.pick(values))
  return [...chosen]
}

/**
 * Agencies whose stored score (profile or any directory row) differs from
 * creditScore() computed here from their events.
 */
async function countMismatches(organizationIds: number[], base: number) {
  const at = clock.now()
  const events: { organization_id: number; points: number; status: string; expires_at: any }[] =
    await db
      .from('credit_events')
      .whereIn('organization_id', organizationIds)
      .select('organization_id', 'points', 'status', 'expires_at')
  const byAgency = new Map<number, { points: number; status: string; expiresAt: Date }[]>()
  for (const row of events) {
    const list = byAgency.get(Number(row.organization_id)) ?? []
    list.push({
      points: Number(row.points),
      status: row.status,
      expiresAt:
        row.expires_at instanceof Date
          ? row.expires_at
          : new Date(`${String(row.expires_at).replace(' ', 'T')}Z`),
    })
    byAgency.set(Number(row.organization_id), list)
  }
  const profiles: { organization_id: number; credit_score: number }[] = await db
    .from('agency_profiles')
    .whereIn('organization_id', organizationIds)
    .select('organization_id', 'credit_score')
  const offers: { organization_id: number; low: number; high: number }[] = await db
    .from('agency_service_items')
    .whereIn('organization_id', organizationIds)
    .groupBy('organization_id')
    .select('organization_id')
    .min('credit_score as low')
    .max('credit_score as high')
  const offered = new Map(offers.map((row) => [Number(row.organization_id), row]))
  let mismatches = 0
  for (const profile of profiles) {
    const id = Number(profile.organization_id)
    const expected = creditScore(base, byAgency.get(id) ?? [], at)
    const offer = offered.get(id)
    const offerWrong = offer && (Number(offer.low) !== expected || Number(offer.high) !== expected)
    if (Number(profile.credit_score) !== expected || offerWrong) mismatches += 1
  }
  return mismatches + (organizationIds.length - profiles.length)
}

/**
 * updateScore() for each agency in its own transaction, after 20 warm-up
 * agencies: the time of the call alone, and with begin and commit.
 */
async function measureIncremental(organizationIds: number[], countQueries: () => number) {
  const warmup = organizationIds.slice(0, 20)
  const measured = organizationIds.slice(20)
  for (const id of warmup) await db.transaction((trx) => updateScore(id, trx))
  const calls: number[] = []
  const transactions: number[] = []
  const queriesBefore = countQueries()
  for (const id of measured) {
    const begun = performance.now()
    await db.transaction(async (trx) => {
      const started = performance.now()
      await updateScore(id, trx)
      calls.push(performance.now() - started)
    })
    transactions.push(performance.now() - begun)
  }
  const statements = (countQueries() - queriesBefore) / measured.length
  calls.sort((a, b) => a - b)
  transactions.sort((a, b) => a - b)
  return {
    agencies: measured.length,
    p50Ms: percentile(calls, 0.5),
    p99Ms: percentile(calls, 0.99),
    maxMs: calls.at(-1) ?? 0,
    withCommitP50Ms: percentile(transactions, 0.5),
    withCommitP99Ms: percentile(transactions, 0.99),
    statements,
  }
}

async function scoreDistribution() {
  const [row] = await db
    .from('agency_profiles')
    .min('credit_score as low')
    .max('credit_score as high')
    .select(
      db.raw('sum(case when credit_score = 0 then 1 else 0 end) as at_zero'),
      db.raw('sum(case when credit_score = 100 then 1 else 0 end) as at_hundred')
    )
  const [[middle]] = await db.rawQuery(
    `SELECT credit_score FROM agency_profiles ORDER BY credit_score
      LIMIT 1 OFFSET ${Math.floor((await profileCount()) / 2)}`
  )
  return {
    min: Number(row.low),
    median: Number(middle?.credit_score ?? 0),
    max: Number(row.high),
    atZero: Number(row.at_zero),
    atHundred: Number(row.at_hundred),
  }
}

async function profileCount() {
  const [{ total }] = await db.from('agency_profiles').count('* as total')
  return Number(total)
}

async function eventStatuses() {
  const now = sqlTime(clock.now())
  const [row] = await db
    .from('credit_events')
    .where('evidence_type', EVIDENCE_TYPE)
    .select(
      db.raw(
        `sum(case when status = 'valid' and expires_at > ? then 1 else 0 end) as valid_events`,
        [now]
      ),
      db.raw(
        `sum(case when status = 'valid' and expires_at <= ? then 1 else 0 end) as expired_events`,
        [now]
      ),
      db.raw(`sum(case when status <> 'valid' then 1 else 0 end) as withdrawn_events`),
      db.raw('count(distinct organization_id) as agencies')
    )
  const [valid] = await db
    .from('credit_events')
    .where('evidence_type', EVIDENCE_TYPE)
    .where('status', 'valid')
    .where('expires_at', '>', now)
    .countDistinct('organization_id as agencies')
  return {
    agenciesWithEvents: Number(row.agencies),
    agenciesWithValidEvents: Number(valid.agencies),
    validEvents: Number(row.valid_events),
    expiredEvents: Number(row.expired_events),
    withdrawnEvents: Number(row.withdrawn_events),
  }
}

export function creditMarkdown(result: CreditBenchResult, quick: boolean, machine: string) {
  const met = (ok: boolean) => (ok ? 'met' : 'missed')
  const { incremental, scores } = result
  const count = (value: number) => value.toLocaleString('en-US')
  return [
    '## Credit',
    '',
    `Measured by \`npm run bench${quick ? ' -- --quick' : ''}\` (part \`credit\`) on ${new Date().toISOString().slice(0, 10)}.`,
    '',
    `Machine: ${machine}.`,
    `Ledger: ${count(result.events)} generated events (seeded, spread over three years, heavy-tailed activity) on ${count(result.agenciesWithEvents)} of ${count(result.agencies)} agencies,`,
    `read as of ${sqlTime(NOW)} UTC: ${count(result.validEvents)} valid (on ${count(result.agenciesWithValidEvents)} agencies), ${count(result.expiredEvents)} expired, ${count(result.withdrawnEvents)} revoked or repaired.`,
    `Scores after the recompute: min ${scores.min}, median ${scores.median}, max ${scores.max}; ${count(scores.atZero)} clamped at 0, ${count(scores.atHundred)} at 100.`,
    '',
    '| measure | target | result | |',
    '| --- | ---: | ---: | --- |',
    `| full recompute (\`recomputeAllScores\`, ${count(result.updatedAgencies)} agencies), median of ${result.fullRunsSeconds.length} runs each rewriting the scores | < ${TARGET_FULL_SECONDS} s | ${result.fullMedianSeconds.toFixed(2)} s (${result.fullRunsSeconds.map((seconds) => seconds.toFixed(2)).join(', ')}) | ${met(result.fullMedianSeconds < TARGET_FULL_SECONDS)} |`,
    `| full recompute again, no score changing | | ${result.unchangedSeconds.toFixed(2)} s | |`,
    `| incremental \`updateScore\` of one agency, ${incremental.agencies} agencies (${incremental.statements.toFixed(0)} SQL statements each with begin and commit): p50 / p99 / max | < ${TARGET_INCREMENTAL_MS} ms | ${incremental.p50Ms.toFixed(1)} / ${incremental.p99Ms.toFixed(1)} / ${incremental.maxMs.toFixed(1)} ms | ${met(incremental.p99Ms < TARGET_INCREMENTAL_MS)} |`,
    `| the same with begin and commit: p50 / p99 | | ${incremental.withCommitP50Ms.toFixed(1)} / ${incremental.withCommitP99Ms.toFixed(1)} ms | |`,
    `| scores differing from \`creditScore()\` computed from the events: ${count(result.sampled)} random agencies after the full recompute; the ${incremental.agencies + 20} incrementally updated | 0 | ${result.mismatches}; ${incremental.mismatches} | ${met(result.mismatches === 0 && incremental.mismatches === 0)} |`,
    '',
    'Each full run starts from the generated directory scores (put back, untimed), so nearly every score changes;',
    "each timed step waits first for InnoDB's purge and page writes left by the previous bulk update to settle;",
    'a score is checked in `agency_profiles` and in every `agency_service_items` row of the agency. The generated scores are put back at the end.',
  ].join('\n')
}
