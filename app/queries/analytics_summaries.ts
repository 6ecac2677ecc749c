/*
 * The regulator's market figures read from the summaries kept as the market
 * writes (app/actions/analytics/summaries.ts): sums by month × item ×
 * district, by agency and owner, and by price, added up by the database
 * under the filters — never a scan of the period's contracts. The same
 * figures as contractFacts + the domain's functions (a functional test
 * compares them on a seeded market).
 */
import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import {
  itemFiguresOfSums,
  monthlyFiguresOfSums,
  NO_SUMS,
  addSums,
  repeatedPairsOfSums,
  totalsOfSums,
  type FigureSums,
  type ItemSums,
} from '#domain/market_analytics'
import type { AnalyticsFilters } from '#queries/market_analytics'

/** Pairs of an owner and an agency with this many contracts are listed (as repeatedPairs). */
const PAIR_MINIMUM = 3

function filtered(table: string, filters: AnalyticsFilters) {
  const query = db.from(`${table} as x`)
  if (filters.from) query.where('x.month', '>=', filters.from)
  if (filters.to) query.where('x.month', '<=', filters.to)
  if (filters.item) {
    query.whereIn('x.service_item_id', (sub) =>
      sub.from('service_items').where('code', filters.item!).select('id')
    )
  }
  if (filters.department) {
    query.whereIn('x.service_item_id', (sub) =>
      sub.from('service_items').where('approval_department', filters.department!).select('id')
    )
  }
  // The cells of all regions (region_code '') when no region is chosen: months × items rows.
  if (filters.region) applyRegion(query, filters.region)
  else if (table !== 'analytics_contract_facts') query.where('x.region_code', '')
  return query
}

/** A province (XX0000) includes its cities, a city (XXXX00) its districts. */
function applyRegion(query: DatabaseQueryBuilderContract, region: string) {
  if (region.endsWith('0000')) query.where('x.region_code', 'like', `${region.slice(0, 2)}%`)
  else if (region.endsWith('00')) query.where('x.region_code', 'like', `${region.slice(0, 4)}%`)
  else query.where('x.region_code', region)
}

const SUM_COLUMNS: [keyof FigureSums, string][] = [
  ['contracts', 'contracts'],
  ['valueFen', 'value_fen'],
  ['ceilingFen', 'ceiling_fen'],
  ['daysToAwardTenths', 'days_to_award_tenths'],
  ['delivered', 'delivered'],
  ['deliveryWorkingDays', 'delivery_working_days'],
  ['deliveryMillionths', 'delivery_millionths'],
  ['overdue', 'overdue'],
  ['rated', 'rated'],
  ['ratingQuads', 'rating_quads'],
  ['badRatings', 'bad_ratings'],
]

function sumsOfRow(row: Record<string, unknown>): FigureSums {
  return Object.fromEntries(
    SUM_COLUMNS.map(([field, column]) => [field, Number(row[column] ?? 0)])
  ) as FigureSums
}

/** Totals, months, items and repeated pairs under the filters, from the summaries. */
export async function summaryAnalytics(filters: AnalyticsFilters) {
  const sums = SUM_COLUMNS.map(([, column]) => db.raw(`sum(x.${column}) as ${column}`))
  const [months, items, agencies, prices, perDay, pairs] = await Promise.all([
    filtered('analytics_month_cells', filters)
      .groupBy('x.month')
      .select('x.month', ...sums),
    filtered('analytics_month_cells', filters)
      .groupBy('x.service_item_id')
      .havingRaw('sum(x.contracts) > 0')
      .select(
        'x.service_item_id',
        db.raw('sum(x.contracts) as contracts'),
        db.raw('sum(x.value_fen) as value_fen'),
        db.raw('sum(x.rated) as rated'),
        db.raw('sum(x.rating_quads) as rating_quads')
      ),
    filtered('analytics_agency_cells', filters)
      .groupBy('x.service_item_id', 'x.agency_id')
      .havingRaw('sum(x.contracts) > 0')
      .select('x.service_item_id', db.raw('sum(x.value_fen) as value_fen')),
    filtered('analytics_price_cells', filters)
      .groupBy('x.service_item_id', 'x.price_fen')
      .havingRaw('sum(x.contracts) > 0')
      .select('x.service_item_id', 'x.price_fen', db.raw('sum(x.contracts) as contracts')),
    filtered('analytics_price_cells', filters)
      .groupBy('x.service_item_id', 'x.price_per_working_day_fen')
      .havingRaw('sum(x.contracts) > 0')
      .select(
        'x.service_item_id',
        'x.price_per_working_day_fen',
        db.raw('sum(x.contracts) as contracts')
      ),
    filtered('analytics_agency_cells', filters)
      .groupBy('x.owner_id', 'x.agency_id')
      .havingRaw('sum(x.contracts) >= ?', [PAIR_MINIMUM])
      .select(
        'x.owner_id',
        'x.agency_id',
        db.raw('sum(x.contracts) as contracts'),
        db.raw('sum(x.direct) as direct'),
        db.raw('sum(x.value_fen) as value_fen')
      ),
  ])

  const monthSums = months.map((row) => ({ month: String(row.month), ...sumsOfRow(row) }))
  const itemRows = await db
    .from('service_items')
    .whereIn(
      'id',
      items.map((row) => Number(row.service_item_id))
    )
    .select('id', 'code', 'name')
  const names = new Map(itemRows.map((row) => [Number(row.id), row]))
  const itemSums = new Map<number, ItemSums>()
  for (const row of items) {
    const item = names.get(Number(row.service_item_id))
    itemSums.set(Number(row.service_item_id), {
      itemCode: item.code,
      itemName: item.name,
      contracts: Number(row.contracts),
      valueFen: Number(row.value_fen),
      rated: Number(row.rated),
      ratingQuads: Number(row.rating_quads),
      agencyValuesFen: [],
      prices: [],
      pricesPerWorkingDay: [],
    })
  }
  for (const row of agencies) {
    itemSums.get(Number(row.service_item_id))?.agencyValuesFen.push(Number(row.value_fen))
  }
  for (const row of prices) {
    itemSums
      .get(Number(row.service_item_id))
      ?.prices.push([Number(row.price_fen), Number(row.contracts)])
  }
  for (const row of perDay) {
    itemSums
      .get(Number(row.service_item_id))
      ?.pricesPerWorkingDay.push([Number(row.price_per_working_day_fen), Number(row.contracts)])
  }

  return {
    totals: totalsOfSums(monthSums.reduce((total, month) => addSums(total, month), NO_SUMS)),
    monthly: monthlyFiguresOfSums(monthSums),
    items: itemFiguresOfSums([...itemSums.values()]),
    repeatedPairs: repeatedPairsOfSums(await pairsWithProjects(pairs, filters), PAIR_MINIMUM),
  }
}

/** The repeated pairs with their names and their projects in the order of the awards. */
async function pairsWithProjects(pairs: Record<string, unknown>[], filters: AnalyticsFilters) {
  if (pairs.length === 0) return []
  const key = (ownerId: unknown, agencyId: unknown) => `${Number(ownerId)}:${Number(agencyId)}`
  const wanted = new Set(pairs.map((row) => key(row.owner_id, row.agency_id)))
  const organizationIds = [
    ...new Set(pairs.flatMap((row) => [Number(row.owner_id), Number(row.agency_id)])),
  ]
  const [facts, organizations] = await Promise.all([
    filtered('analytics_contract_facts', filters)
      .whereIn(
        'x.owner_id',
        pairs.map((row) => Number(row.owner_id))
      )
      .whereIn(
        'x.agency_id',
        pairs.map((row) => Number(row.agency_id))
      )
      .orderBy('x.awarded_at')
      .orderBy('x.contract_id')
      .select('x.owner_id', 'x.agency_id', 'x.project_id'),
    db.from('organizations').whereIn('id', organizationIds).select('id', 'name'),
  ])
  const names = new Map(organizations.map((row) => [Number(row.id), String(row.name)]))
  const projects = new Map<string, number[]>()
  for (const row of facts) {
    const id = key(row.owner_id, row.agency_id)
    if (!wanted.has(id)) continue
    const list = projects.get(id) ?? []
    list.push(Number(row.project_id))
    projects.set(id, list)
  }
  return pairs.map((row) => ({
    ownerId: Number(row.owner_id),
    ownerName: names.get(Number(row.owner_id)) ?? '',
    agencyId: Number(row.agency_id),
    agencyName: names.get(Number(row.agency_id)) ?? '',
    contracts: Number(row.contracts),
    direct: Number(row.direct),
    valueFen: Number(row.value_fen),
    projectIds: projects.get(key(row.owner_id, row.agency_id)) ?? [],
  }))
}
