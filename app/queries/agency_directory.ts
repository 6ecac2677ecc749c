import { creditRulesInForce } from '#services/credit_ledger'
import type { SqlInteger, SqlTimestamp } from '#services/sql_rows'
import db from '@adonisjs/lucid/services/db'
import { sqlTime } from '#services/sql_time'
import { clock } from '#services/clock'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { scoreRangeForGrade, type CreditGrade } from '#domain/credit'
import { gradeCutoffsShown } from '#services/market_rules'
import { whereKeywordFound, whereNameContains, whereUsccBegins } from '#services/search_index'

export type DirectoryFilters = {
  item?: string
  region?: string
  grade?: CreditGrade
  q?: string
  sort?: 'credit' | 'newest' | 'name'
  page?: number
  perPage?: number
}

/**
 * A keyword found in more agencies than this is not counted further: the
 * directory says "1,000+" and the API's meta.totalIsLowerBound is true.
 */
export const KEYWORD_COUNT_CAP = 1000

export type DirectoryRow = {
  id: number
  name: string
  uscc: string
  regionCode: string
  creditScore: number
  listedAt: string | Date | null
  banned: boolean
  items: { code: string; name: string }[]
}

/**
 * The public agency directory (执业公示): listed agencies — active and
 * offering at least one item — filtered by item, region (a province includes
 * its cities), credit grade and keyword. Filters and sorting run on the
 * directory index (see services/directory_index.ts): by item on
 * agency_service_items, otherwise on agency_profiles. At most five queries
 * whatever the number of rows: item lookup, the count or the keyword's
 * agencies (by name, by USCC), page, items of the page.
 */
export async function searchAgencies(filters: DirectoryFilters) {
  const page = filters.page ?? 1
  const perPage = filters.perPage ?? 20

  let itemId: number | null = null
  if (filters.item) {
    const item = await db.from('service_items').where('code', filters.item).select('id').first()
    if (!item)
      return { rows: [] as DirectoryRow[], total: 0, totalIsLowerBound: false, page, perPage }
    itemId = item.id
  }

  const filtered = () => {
    const query =
      itemId === null
        ? db.from('agency_profiles as x')
        : db.from('agency_service_items as x').where('x.service_item_id', itemId)
    query.where('x.listed', true)
    if (filters.region) applyRegion(query, filters.region)
    if (filters.grade) {
      const { min, max } = scoreRangeForGrade(filters.grade, gradeCutoffsShown())
      if (Number.isFinite(min)) query.where('x.credit_score', '>=', min)
      if (Number.isFinite(max)) query.where('x.credit_score', '<', max)
    }
    return query
  }

  // A keyword: its agencies are read through the index, up to one past the cap. Fewer: the page
  // is read among them and the count is exact. More: the keyword is common, so the page is read
  // in its sort order with the keyword tested on each row (a page fills after a few rows) and
  // the count stops at the cap (a lower bound, "1,000+").
  let total: number
  let totalIsLowerBound = false
  let keywordOf: ((query: DatabaseQueryBuilderContract) => void) | null = null
  let offset = (page - 1) * perPage
  if (filters.q) {
    const keyword = filters.q
    const found = await agenciesFound(filtered, keyword, KEYWORD_COUNT_CAP + 1)
    if (found.length > KEYWORD_COUNT_CAP) {
      total = KEYWORD_COUNT_CAP
      totalIsLowerBound = true
      keywordOf = (query) => whereKeywordFound(query, keyword)
    } else {
      total = found.length
      let ids = found.map((agency) => agency.id)
      if ((filters.sort ?? 'credit') === 'credit') {
        // The default order is of integers: the page is cut here and only its rows are read.
        ids = found
          .sort((a, b) => b.creditScore - a.creditScore || b.id - a.id)
          .slice(offset, offset + perPage)
          .map((agency) => agency.id)
        offset = 0
      }
      if (ids.length === 0)
        return { rows: [] as DirectoryRow[], total, totalIsLowerBound, page, perPage }
      keywordOf = (query) => query.whereIn('x.organization_id', ids)
    }
  } else {
    const [{ count }] = await filtered().count('* as count')
    total = Number(count)
  }

  const pageQuery = filtered()
    .join('organizations as o', 'o.id', 'x.organization_id')
    .select('o.id', 'o.name', 'o.uscc', 'o.region_code', 'x.credit_score')
  if (keywordOf) keywordOf(pageQuery)
  pageQuery.limit(perPage).offset(offset)
  const listedAt = itemId === null ? 'x.listed_at' : 'p.listed_at'
  if (itemId !== null)
    pageQuery.join('agency_profiles as p', 'p.organization_id', 'x.organization_id')
  pageQuery.select(`${listedAt} as listed_at`)
  // Banned (禁入) now: the agency itself or one of its named managers — no extra query.
  const now = sqlTime(clock.now())
  const inForce = `b.starts_at <= ? and b.lifted_at is null and (b.ends_at is null or b.ends_at > ?)`
  pageQuery.select(
    db.raw(
      `(case when exists (select 1 from bans b where b.organization_id = x.organization_id and ${inForce})
        or exists (select 1 from practitioners m join bans b on b.person_id_hash = m.id_number_hash
          where m.organization_id = x.organization_id and m.role = 'manager' and ${inForce})
        then 1 else 0 end) as banned`,
      [now, now, now, now]
    )
  )
  // 守信激励: grade A first whatever the order chosen, when the credit rules grant it.
  const { incentives } = await creditRulesInForce()
  if (incentives.listedFirst && (filters.sort === 'name' || filters.sort === 'newest')) {
    pageQuery.orderByRaw(
      `case when x.credit_score >= ${Number(gradeCutoffsShown().A)} then 0 else 1 end asc`
    )
  }
  switch (filters.sort ?? 'credit') {
    case 'name':
      pageQuery.orderBy('o.name', 'asc').orderBy('o.id', 'asc')
      break
    case 'newest':
      pageQuery.orderBy(listedAt, 'desc').orderBy('x.organization_id', 'desc')
      break
    default:
      // Both descending: the page is read in index order (see the directory indexes).
      pageQuery.orderBy('x.credit_score', 'desc').orderBy('x.organization_id', 'desc')
  }
  const records: {
    id: number
    name: string
    uscc: string
    region_code: string
    credit_score: SqlInteger
    listed_at: SqlTimestamp | null
    banned: SqlInteger
  }[] = await pageQuery

  const ids = records.map((record: { id: number }) => record.id)
  const offered = ids.length
    ? await db
        .from('agency_service_items as a')
        .join('service_items as s', 's.id', 'a.service_item_id')
        .whereIn('a.organization_id', ids)
        .select('a.organization_id', 's.code', 's.name')
        .orderBy('s.code')
    : []
  const itemsByAgency = new Map<number, { code: string; name: string }[]>()
  for (const row of offered) {
    const list = itemsByAgency.get(row.organization_id) ?? []
    list.push({ code: row.code, name: row.name })
    itemsByAgency.set(row.organization_id, list)
  }

  const rows: DirectoryRow[] = records.map((record) => ({
    id: record.id,
    name: record.name,
    uscc: record.uscc,
    regionCode: record.region_code,
    creditScore: Number(record.credit_score),
    listedAt: record.listed_at,
    items: itemsByAgency.get(record.id) ?? [],
    banned: Boolean(Number(record.banned)),
  }))
  return { rows, total, totalIsLowerBound, page, perPage }
}

/**
 * The agencies among the filtered rows that a keyword finds, at most `limit`,
 * with their credit score (the default order):
 * by name through the keyword index, and by the beginning of their
 * 统一社会信用代码. No order: a set, bounded so that a common keyword costs
 * no more than a rare one.
 */
async function agenciesFound(
  filtered: () => DatabaseQueryBuilderContract,
  keyword: string,
  limit: number
) {
  const byOrganization = () =>
    filtered()
      .join('organizations as o', 'o.id', 'x.organization_id')
      .select('x.organization_id', 'x.credit_score')
  const found = new Map<number, number>()
  const add = (rows: Record<string, unknown>[]) => {
    for (const row of rows) found.set(Number(row.organization_id), Number(row.credit_score))
  }
  // The USCC first: a code's beginning shared by more than the cap spares the names.
  const byUscc = whereUsccBegins(byOrganization(), keyword)
  if (byUscc) add(await byUscc.limit(limit))
  if (found.size < limit) {
    const byName = byOrganization().limit(limit)
    if (await whereNameContains(byName, keyword)) add(await byName)
  }
  return [...found].slice(0, limit).map(([id, creditScore]) => ({ id, creditScore }))
}

/** A province (XX0000) includes its cities, a city (XXXX00) its districts. */
function applyRegion(query: DatabaseQueryBuilderContract, region: string) {
  if (region.endsWith('0000')) query.where('x.province_code', region.slice(0, 2))
  else if (region.endsWith('00')) query.where('x.region_code', 'like', `${region.slice(0, 4)}%`)
  else query.where('x.region_code', region)
}
