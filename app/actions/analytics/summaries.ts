/*
 * The regulator's market figures kept as the market writes. A change to a
 * contract, to its project or to the owner's rating queues the contract in
 * analytics_pending, in the transaction of the change (model hooks, see
 * queueContractsForAnalytics). Folding the queue recomputes each queued
 * contract's fact with the very query the figures were once computed from
 * (contractFacts), takes its last folded fact out of the sums and puts the
 * new one in: the sums are always those of the facts, whatever happened in
 * between. Folds run one at a time (a lock on the summary_states row), from
 * the tick and before each reading of the figures.
 */
import db from '@adonisjs/lucid/services/db'
import { foldSummaryQueue, lockSummary } from '#actions/summaries/fold_queue'
import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { addSums, NO_SUMS, sumsOfFact, type FigureSums } from '#domain/market_analytics'
import { summaryFacts, type SummaryFact } from '#queries/market_analytics'
import { sqlTime } from '#services/sql_time'
import { clock } from '#services/clock'

/** The region code of the cells that add up every region: read when no region is chosen. */
export const ALL_REGIONS = ''

/** Contracts folded per transaction. */
const FOLD_BATCH = 2000

type StoredFact = {
  contract_id: number
  project_id: number
  month: string
  service_item_id: number
  region_code: string
  owner_id: number
  agency_id: number
  direct: boolean
  awarded_at: string
  price_fen: number
  ceiling_fen: number
  price_per_working_day_fen: number
  days_to_award_tenths: number
  delivery_working_days: number | null
  delivery_millionths: number | null
  overdue: boolean
  rating_quads: number | null
  bad_rating: boolean
}

function storedFactOf(fact: SummaryFact): StoredFact {
  const sums = sumsOfFact(fact)
  return {
    contract_id: fact.contractId,
    project_id: fact.projectId,
    month: fact.month,
    service_item_id: fact.serviceItemId,
    region_code: fact.regionCode,
    owner_id: fact.ownerId,
    agency_id: fact.agencyId,
    direct: fact.method === 'direct',
    awarded_at: fact.awardedAt,
    price_fen: fact.priceFen,
    ceiling_fen: fact.ceilingFen,
    price_per_working_day_fen: Math.round(fact.priceFen / fact.timeLimitWorkingDays),
    days_to_award_tenths: sums.daysToAwardTenths,
    delivery_working_days: fact.workingDaysToDelivery,
    delivery_millionths: sums.delivered ? sums.deliveryMillionths : null,
    overdue: fact.overdue,
    rating_quads: sums.rated ? sums.ratingQuads : null,
    bad_rating: sums.badRatings === 1,
  }
}

/** A stored fact's share of the sums (the inverse of storedFactOf). */
function sumsOfStored(row: StoredFact): FigureSums {
  const delivered = row.delivery_working_days !== null
  const rated = row.rating_quads !== null
  return {
    contracts: 1,
    valueFen: Number(row.price_fen),
    ceilingFen: Number(row.ceiling_fen),
    daysToAwardTenths: Number(row.days_to_award_tenths),
    delivered: delivered ? 1 : 0,
    deliveryWorkingDays: delivered ? Number(row.delivery_working_days) : 0,
    deliveryMillionths: delivered ? Number(row.delivery_millionths) : 0,
    overdue: Number(row.overdue) ? 1 : 0,
    rated: rated ? 1 : 0,
    ratingQuads: rated ? Number(row.rating_quads) : 0,
    badRatings: rated && Number(row.bad_rating) ? 1 : 0,
  }
}

const MONTH_COLUMNS: Record<keyof FigureSums, string> = {
  contracts: 'contracts',
  valueFen: 'value_fen',
  ceilingFen: 'ceiling_fen',
  daysToAwardTenths: 'days_to_award_tenths',
  delivered: 'delivered',
  deliveryWorkingDays: 'delivery_working_days',
  deliveryMillionths: 'delivery_millionths',
  overdue: 'overdue',
  rated: 'rated',
  ratingQuads: 'rating_quads',
  badRatings: 'bad_ratings',
}

/** The changes to the three kinds of cells that folding some facts makes. */
class CellDeltas {
  months = new Map<string, { key: Record<string, unknown>; sums: FigureSums }>()
  agencies = new Map<
    string,
    { key: Record<string, unknown>; contracts: number; direct: number; valueFen: number }
  >()
  prices = new Map<string, { key: Record<string, unknown>; contracts: number }>()

  /** A fact counts in its district's cells and in the cells of all regions (region_code ''). */
  add(row: StoredFact, sign: 1 | -1) {
    this.addTo(row, row.region_code, sign)
    this.addTo(row, ALL_REGIONS, sign)
  }

  private addTo(row: StoredFact, regionCode: string, sign: 1 | -1) {
    const cell = {
      month: row.month,
      service_item_id: Number(row.service_item_id),
      region_code: regionCode,
    }
    const cellId = `${cell.month}|${cell.service_item_id}|${cell.region_code}`
    const month = this.months.get(cellId) ?? { key: cell, sums: NO_SUMS }
    month.sums = addSums(month.sums, sumsOfStored(row), sign)
    this.months.set(cellId, month)

    const agencyKey = { ...cell, agency_id: Number(row.agency_id), owner_id: Number(row.owner_id) }
    const agencyId = `${cellId}|${agencyKey.agency_id}|${agencyKey.owner_id}`
    const agency = this.agencies.get(agencyId) ?? {
      key: agencyKey,
      contracts: 0,
      direct: 0,
      valueFen: 0,
    }
    agency.contracts += sign
    agency.direct += sign * (Number(row.direct) ? 1 : 0)
    agency.valueFen += sign * Number(row.price_fen)
    this.agencies.set(agencyId, agency)

    const priceKey = {
      ...cell,
      price_fen: Number(row.price_fen),
      price_per_working_day_fen: Number(row.price_per_working_day_fen),
    }
    const priceId = `${cellId}|${priceKey.price_fen}|${priceKey.price_per_working_day_fen}`
    const price = this.prices.get(priceId) ?? { key: priceKey, contracts: 0 }
    price.contracts += sign
    this.prices.set(priceId, price)
  }

  async apply(trx: TransactionClientContract) {
    const upsert = async (
      table: string,
      key: Record<string, unknown>,
      increments: Record<string, number>
    ) => {
      if (Object.values(increments).every((value) => value === 0)) return
      await trx
        .knexQuery()
        .table(table)
        .insert({ ...key, ...increments })
        .onConflict(Object.keys(key))
        .merge(
          Object.fromEntries(
            Object.entries(increments).map(([column, value]) => [
              column,
              trx.knexRawQuery(`${column} + ?`, [value]),
            ])
          )
        )
    }
    for (const { key, sums } of this.months.values()) {
      await upsert(
        'analytics_month_cells',
        key,
        Object.fromEntries(
          (Object.keys(MONTH_COLUMNS) as (keyof FigureSums)[]).map((field) => [
            MONTH_COLUMNS[field],
            sums[field],
          ])
        )
      )
    }
    for (const { key, contracts, direct, valueFen } of this.agencies.values()) {
      await upsert('analytics_agency_cells', key, { contracts, direct, value_fen: valueFen })
    }
    for (const { key, contracts } of this.prices.values()) {
      await upsert('analytics_price_cells', key, { contracts })
    }
  }
}

/** Takes the figures' lock: folds and rebuilds run one at a time. */
/**
 * Folds the queued contracts into the sums, a batch per transaction, until
 * the queue is empty (or `maxBatches` were folded). Returns how many queue
 * entries were folded.
 */
export function foldAnalyticsQueue(maxBatches = Number.POSITIVE_INFINITY) {
  return foldSummaryQueue(
    {
      name: 'analytics',
      queueTable: 'analytics_pending',
      recordColumn: 'contract_id',
      batchSize: FOLD_BATCH,
    },
    async (contractIds, trx) => {
      const [facts, stored] = await Promise.all([
        summaryFacts({ contractIds }, trx),
        trx.from('analytics_contract_facts').whereIn('contract_id', contractIds).select('*'),
      ])
      const deltas = new CellDeltas()
      for (const row of stored as StoredFact[]) deltas.add(row, -1)
      const fresh = facts.map(storedFactOf)
      for (const row of fresh) deltas.add(row, 1)
      await deltas.apply(trx)
      await trx.from('analytics_contract_facts').whereIn('contract_id', contractIds).delete()
      for (let start = 0; start < fresh.length; start += 500) {
        await trx.table('analytics_contract_facts').multiInsert(fresh.slice(start, start + 500))
      }
    },
    maxBatches
  )
}

/**
 * Recomputes every sum from the contracts (`node ace summaries:rebuild`):
 * after a bulk load that bypassed the models, or to repair. One transaction;
 * the queue is emptied. Returns the number of contracts folded.
 */
export async function rebuildAnalyticsSummaries() {
  return db.transaction(async (trx) => {
    await lockSummary('analytics', trx)
    for (const table of [
      'analytics_pending',
      'analytics_contract_facts',
      'analytics_month_cells',
      'analytics_agency_cells',
      'analytics_price_cells',
    ]) {
      await trx.from(table).delete()
    }
    let afterId = 0
    let count = 0
    const deltas = new CellDeltas()
    for (;;) {
      const facts = await summaryFacts({ afterId, limit: 5000 }, trx)
      if (facts.length === 0) break
      afterId = facts[facts.length - 1].contractId
      const rows = facts.map(storedFactOf)
      for (const row of rows) deltas.add(row, 1)
      for (let start = 0; start < rows.length; start += 500) {
        await trx.table('analytics_contract_facts').multiInsert(rows.slice(start, start + 500))
      }
      count += rows.length
    }
    await insertCells(trx, deltas)
    const now = sqlTime(clock.now())
    await trx
      .from('summary_states')
      .where('name', 'analytics')
      .update({ folded_at: now, rebuilt_at: now })
    return count
  })
}

/** Writes freshly computed cells in bulk (the tables are empty). */
async function insertCells(trx: TransactionClientContract, deltas: CellDeltas) {
  const bulk = async (table: string, rows: Record<string, unknown>[]) => {
    for (let start = 0; start < rows.length; start += 500) {
      await trx.table(table).multiInsert(rows.slice(start, start + 500))
    }
  }
  await bulk(
    'analytics_month_cells',
    [...deltas.months.values()].map(({ key, sums }) => ({
      ...key,
      ...Object.fromEntries(
        (Object.keys(MONTH_COLUMNS) as (keyof FigureSums)[]).map((field) => [
          MONTH_COLUMNS[field],
          sums[field],
        ])
      ),
    }))
  )
  await bulk(
    'analytics_agency_cells',
    [...deltas.agencies.values()].map(({ key, contracts, direct, valueFen }) => ({
      ...key,
      contracts,
      direct,
      value_fen: valueFen,
    }))
  )
  await bulk(
    'analytics_price_cells',
    [...deltas.prices.values()].map(({ key, contracts }) => ({ ...key, contracts }))
  )
}
