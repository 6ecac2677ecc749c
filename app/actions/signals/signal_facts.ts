/*
 * The facts the regulator's collusion signals are read from, kept as the
 * market writes (migration 0105). A change to a project or to one of its
 * bids queues the project in signal_pending, in the transaction of the
 * change (services/signal_queue.ts); folding the queue recomputes each
 * queued project's facts from its project row and its bids and replaces the
 * stored ones, so the facts are always those of the market, whatever
 * happened in between. Folds run one at a time (a lock on the
 * summary_states row `signals`), from the tick and before each reading.
 *
 * Per project, only what a signal can use is kept:
 * - quotes: the opened quotes of a competitive selection (not at a
 *   government-set price) below the ceiling that are within the
 *   near-identical tolerance of another quote of their round. A quote near
 *   no other can never be part of a finding, and leaving it out changes no
 *   finding: quotes between two near quotes are near too.
 * - origins: bids whose IP address or device another agency's bid on the
 *   same project also came from (any time; the reading applies the period).
 * - award: the winner and the agencies of the deciding round's active bids.
 * - direct: the owner and the agency of a published direct selection.
 */
import db from '@adonisjs/lucid/services/db'
import { foldSummaryQueue, lockSummary } from '#actions/summaries/fold_queue'
import type { QueryClientContract, TransactionClientContract } from '@adonisjs/lucid/types/database'
import { COLLUSION_THRESHOLDS, nearlyEqualQuotes } from '#domain/collusion'
import { AWARDED_STATES } from '#queries/regulator_signals'
import { clock } from '#services/clock'
import { fromSqlTime, sqlTime } from '#services/sql_time'

/** Projects folded per transaction. */
const FOLD_BATCH = 1000
/** Batches a reading folds before it reads (the tick folds the rest). */
export const READING_FOLD_BATCHES = 5

export type QuoteFactRow = {
  project_id: number
  round: number
  agency_id: number
  quote_fen: number
  ceiling_fen: number
  opened_at: string
}
export type OriginFactRow = {
  bid_id: number
  project_id: number
  agency_id: number
  ip: string | null
  device_fingerprint: string | null
  created_at: string
}
export type AwardFactRow = {
  project_id: number
  awarded_at: string
  winner_id: number
  bidder_ids: string
}
export type DirectFactRow = {
  project_id: number
  published_at: string
  owner_id: number
  agency_id: number
}

export type SignalFacts = {
  quotes: QuoteFactRow[]
  origins: OriginFactRow[]
  awards: AwardFactRow[]
  directs: DirectFactRow[]
}

const storedTime = (value: Date | string) => sqlTime(fromSqlTime(value))

/** The signal facts of some projects, computed from their rows and their bids. */
export async function signalFactsOfProjects(
  projectIds: number[],
  client: QueryClientContract
): Promise<SignalFacts> {
  const facts: SignalFacts = { quotes: [], origins: [], awards: [], directs: [] }
  if (projectIds.length === 0) return facts
  const [projects, bids] = await Promise.all([
    client
      .from('projects')
      .whereIn('id', projectIds)
      .orderBy('id')
      .select(
        'id',
        'status',
        'method',
        'round',
        'opened_at',
        'awarded_at',
        'published_at',
        'winner_organization_id',
        'direct_agency_id',
        'owner_organization_id',
        'ceiling_price_fen',
        'service_item_id',
        'service_item_version'
      ),
    client
      .from('bids')
      .whereIn('project_id', projectIds)
      .orderBy('project_id')
      .orderBy('round')
      .orderBy('id')
      .select(
        'id',
        'project_id',
        'round',
        'status',
        'organization_id',
        'quote_fen',
        'ip',
        'device_fingerprint',
        'created_at'
      ),
  ])
  const itemIds = [...new Set(projects.map((row) => Number(row.service_item_id)))]
  const [items, versions] = await Promise.all([
    client.from('service_items').whereIn('id', itemIds).select('id', 'fee_type'),
    client
      .from('service_item_versions')
      .whereIn('service_item_id', itemIds)
      .select('service_item_id', 'version', 'fee_type'),
  ])
  const feeTypeOfItem = new Map(items.map((row) => [Number(row.id), String(row.fee_type)]))
  const feeTypeOfVersion = new Map(
    versions.map((row) => [`${row.service_item_id}|${row.version}`, row.fee_type as string | null])
  )
  const bidsOf = new Map<number, typeof bids>()
  for (const bid of bids) {
    const list = bidsOf.get(Number(bid.project_id)) ?? []
    list.push(bid)
    bidsOf.set(Number(bid.project_id), list)
  }

  for (const project of projects) {
    const projectId = Number(project.id)
    const projectBids = bidsOf.get(projectId) ?? []
    const direct = project.method === 'direct'

    // Near-identical quote candidates.
    const feeType =
      feeTypeOfVersion.get(`${project.service_item_id}|${project.service_item_version}`) ??
      feeTypeOfItem.get(Number(project.service_item_id))
    if (project.opened_at && !direct && feeType !== 'government_priced') {
      const ceiling = Number(project.ceiling_price_fen)
      const rounds = new Map<number, { agencyId: number; quoteFen: number }[]>()
      for (const bid of projectBids) {
        if (bid.status !== 'active' || bid.quote_fen === null || bid.quote_fen === undefined) {
          continue
        }
        const quoteFen = Number(bid.quote_fen)
        if (quoteFen >= ceiling) continue
        const round = rounds.get(Number(bid.round)) ?? []
        round.push({ agencyId: Number(bid.organization_id), quoteFen })
        rounds.set(Number(bid.round), round)
      }
      const openedAt = storedTime(project.opened_at)
      for (const [round, quotes] of rounds) {
        quotes.sort((x, y) => x.quoteFen - y.quoteFen || x.agencyId - y.agencyId)
        const near = (a: number, b: number) =>
          nearlyEqualQuotes(a, b, COLLUSION_THRESHOLDS.nearIdenticalPermille)
        quotes.forEach((quote, index) => {
          const previous = quotes[index - 1]
          const next = quotes[index + 1]
          if (
            (previous && near(previous.quoteFen, quote.quoteFen)) ||
            (next && near(quote.quoteFen, next.quoteFen))
          ) {
            facts.quotes.push({
              project_id: projectId,
              round,
              agency_id: quote.agencyId,
              quote_fen: quote.quoteFen,
              ceiling_fen: ceiling,
              opened_at: openedAt,
            })
          }
        })
      }
    }

    // Bids sharing an origin with another agency's bid on the project.
    const agenciesOf = new Map<string, Set<number>>()
    for (const bid of projectBids) {
      for (const key of [
        bid.ip ? `ip|${bid.ip}` : null,
        bid.device_fingerprint ? `device|${bid.device_fingerprint}` : null,
      ]) {
        if (!key) continue
        const set = agenciesOf.get(key) ?? new Set()
        set.add(Number(bid.organization_id))
        agenciesOf.set(key, set)
      }
    }
    const shared = (key: string) => (agenciesOf.get(key)?.size ?? 0) > 1
    for (const bid of projectBids) {
      if (
        (bid.ip && shared(`ip|${bid.ip}`)) ||
        (bid.device_fingerprint && shared(`device|${bid.device_fingerprint}`))
      ) {
        facts.origins.push({
          bid_id: Number(bid.id),
          project_id: projectId,
          agency_id: Number(bid.organization_id),
          ip: bid.ip ?? null,
          device_fingerprint: bid.device_fingerprint ?? null,
          created_at: storedTime(bid.created_at),
        })
      }
    }

    // The award of a competitive selection: the deciding round's bidders and the winner.
    if (
      !direct &&
      AWARDED_STATES.includes(project.status) &&
      project.winner_organization_id !== null &&
      project.awarded_at
    ) {
      const bidderIds = projectBids
        .filter((bid) => bid.status === 'active' && Number(bid.round) === Number(project.round))
        .map((bid) => Number(bid.organization_id))
      if (bidderIds.length > 0) {
        facts.awards.push({
          project_id: projectId,
          awarded_at: storedTime(project.awarded_at),
          winner_id: Number(project.winner_organization_id),
          bidder_ids: bidderIds.join(','),
        })
      }
    }

    // A direct selection (直接选取) once published, whatever became of it.
    if (
      direct &&
      project.direct_agency_id !== null &&
      !['draft', 'cancelled'].includes(project.status) &&
      project.published_at
    ) {
      facts.directs.push({
        project_id: projectId,
        published_at: storedTime(project.published_at),
        owner_id: Number(project.owner_organization_id),
        agency_id: Number(project.direct_agency_id),
      })
    }
  }
  return facts
}

const FACT_TABLES = [
  'signal_quote_facts',
  'signal_origin_facts',
  'signal_award_facts',
  'signal_direct_facts',
] as const

async function insertFacts(trx: TransactionClientContract, facts: SignalFacts) {
  const bulk = async (table: string, rows: Record<string, unknown>[]) => {
    for (let start = 0; start < rows.length; start += 500) {
      await trx.table(table).multiInsert(rows.slice(start, start + 500))
    }
  }
  await bulk('signal_quote_facts', facts.quotes)
  await bulk('signal_origin_facts', facts.origins)
  await bulk('signal_award_facts', facts.awards)
  await bulk('signal_direct_facts', facts.directs)
}

/** Takes the signals' lock: folds and rebuilds run one at a time. */
/**
 * Folds the queued projects into the facts, a batch per transaction, until
 * the queue is empty (or `maxBatches` were folded). Returns how many queue
 * entries were folded.
 */
export function foldSignalQueue(maxBatches = Number.POSITIVE_INFINITY) {
  return foldSummaryQueue(
    {
      name: 'signals',
      queueTable: 'signal_pending',
      recordColumn: 'project_id',
      batchSize: FOLD_BATCH,
    },
    async (projectIds, trx) => {
      const facts = await signalFactsOfProjects(projectIds, trx)
      for (const table of FACT_TABLES) {
        await trx.from(table).whereIn('project_id', projectIds).delete()
      }
      await insertFacts(trx, facts)
    },
    maxBatches
  )
}

/**
 * Recomputes every signal fact from the projects and their bids (`node ace
 * summaries:rebuild`): after a bulk load that bypassed the models, or to
 * repair. One transaction; the queue is emptied. Returns the number of
 * projects read.
 */
export async function rebuildSignalFacts() {
  return db.transaction(async (trx) => {
    await lockSummary('signals', trx)
    await trx.from('signal_pending').delete()
    for (const table of FACT_TABLES) await trx.from(table).delete()
    let afterId = 0
    let count = 0
    for (;;) {
      const rows = await trx
        .from('projects')
        .where('id', '>', afterId)
        .whereNot('status', 'draft')
        .orderBy('id')
        .limit(FOLD_BATCH)
        .select('id')
      const ids = rows.map((row) => Number(row.id))
      if (ids.length === 0) break
      afterId = ids[ids.length - 1]
      await insertFacts(trx, await signalFactsOfProjects(ids, trx))
      count += ids.length
    }
    const now = sqlTime(clock.now())
    await trx
      .from('summary_states')
      .where('name', 'signals')
      .update({ folded_at: now, rebuilt_at: now })
    return count
  })
}
