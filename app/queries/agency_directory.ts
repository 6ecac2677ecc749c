import db from '@adonisjs/lucid/services/db'
import type { DatabaseQueryBuilderContract } from '@adonisjs/lucid/types/querybuilder'
import { scoreRangeForGrade, type CreditGrade } from '#domain/credit'

export type DirectoryFilters = {
  item?: string
  region?: string
  grade?: CreditGrade
  q?: string
  sort?: 'credit' | 'newest' | 'name'
  page?: number
  perPage?: number
}

export type DirectoryRow = {
  id: number
  name: string
  uscc: string
  regionCode: string
  creditScore: number
  listedAt: string | Date | null
  items: { code: string; name: string }[]
}

/**
 * The public agency directory (执业公示): listed agencies — active and
 * offering at least one item — filtered by item, region (a province includes
 * its cities), credit grade and keyword. Always four queries or fewer,
 * whatever the number of rows: item lookup, count, page, items of the page.
 */
export async function searchAgencies(filters: DirectoryFilters) {
  const page = filters.page ?? 1
  const perPage = filters.perPage ?? 20

  let itemId: number | null = null
  if (filters.item) {
    const item = await db.from('service_items').where('code', filters.item).select('id').first()
    if (!item) return { rows: [] as DirectoryRow[], total: 0, page, perPage }
    itemId = item.id
  }

  const filtered = () => {
    const query = db
      .from('organizations as o')
      .join('agency_profiles as p', 'p.organization_id', 'o.id')
      .where('o.kind', 'agency')
      .where('p.status', 'active')
      .where('p.item_count', '>', 0)
    if (itemId !== null) {
      query.whereIn(
        'o.id',
        db.from('agency_service_items').where('service_item_id', itemId).select('organization_id')
      )
    }
    if (filters.region) applyRegion(query, filters.region)
    if (filters.grade) {
      const { min, max } = scoreRangeForGrade(filters.grade)
      if (Number.isFinite(min)) query.where('p.credit_score', '>=', min)
      if (Number.isFinite(max)) query.where('p.credit_score', '<', max)
    }
    if (filters.q) {
      const keyword = filters.q
      query.where((where) => {
        where
          .whereRaw(`o.name like ? escape '!'`, [`%${escapeLike(keyword)}%`])
          .orWhere('o.uscc', keyword.toUpperCase())
      })
    }
    return query
  }

  const [{ total }] = await filtered().count('* as total')
  const pageQuery = filtered()
    .select('o.id', 'o.name', 'o.uscc', 'o.region_code', 'p.credit_score', 'p.listed_at')
    .limit(perPage)
    .offset((page - 1) * perPage)
  switch (filters.sort ?? 'credit') {
    case 'name':
      pageQuery.orderBy('o.name', 'asc').orderBy('o.id', 'asc')
      break
    case 'newest':
      pageQuery.orderBy('p.listed_at', 'desc').orderBy('o.id', 'desc')
      break
    default:
      pageQuery.orderBy('p.credit_score', 'desc').orderBy('o.id', 'asc')
  }
  const records = await pageQuery

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

  const rows: DirectoryRow[] = records.map((record: any) => ({
    id: record.id,
    name: record.name,
    uscc: record.uscc,
    regionCode: record.region_code,
    creditScore: Number(record.credit_score),
    listedAt: record.listed_at,
    items: itemsByAgency.get(record.id) ?? [],
  }))
  return { rows, total: Number(total), page, perPage }
}

/** A province (XX0000) includes its cities, a city (XXXX00) its districts. */
function applyRegion(query: DatabaseQueryBuilderContract, region: string) {
  if (region.endsWith('0000')) query.where('o.region_code', 'like', `${region.slice(0, 2)}%`)
  else if (region.endsWith('00')) query.where('o.region_code', 'like', `${region.slice(0, 4)}%`)
  else query.where('o.region_code', region)
}

/** Keywords are matched literally: % and _ typed by a visitor are not wildcards. */
function escapeLike(value: string) {
  return value.replace(/[!%_]/g, (char) => `!${char}`)
}
