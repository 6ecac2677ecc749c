import { isoInstant } from '#domain/time_zone'
/*
 * The public lists as the pages and the API read them, presented: through the cache
 * (app/services/public_cache.ts), as plain rows. Their text is the same in
 * every language (names come from the registry; labels, regions and dates are
 * put into the visitor's language when the page is rendered), so the keys
 * carry the filters only. Writers invalidate the tags named here.
 */
import ServiceItem from '#models/service_item'
import { searchCatalog, catalogCategories, type CatalogFilters } from '#queries/catalog'
import { searchAgencies, type DirectoryFilters } from '#queries/agency_directory'
import { gradeCutoffsShown } from '#services/market_rules'
import { searchProjects } from '#queries/project_pages'
import { marketFigures } from '#queries/market_figures'
import { responseCounts } from '#queries/response_counts'
import { presentServiceItem } from '#presenters/catalog'
import { presentProject } from '#presenters/project'
import { cachedList, listKey } from '#services/public_cache'

export type CatalogRow = ReturnType<typeof presentServiceItem>

/** The catalog with its filters (the catalog page, the item pickers of public pages, the API). */
export function catalogList(filters: CatalogFilters = {}): Promise<CatalogRow[]> {
  const key = listKey('catalog', [filters.status ?? 'active', filters.category, filters.q])
  return cachedList(key, ['catalog'], async () => {
    const items = await searchCatalog(filters)
    return items.map(presentServiceItem)
  })
}

/** The categories in use, for the catalog's filter. */
export function catalogCategoryList(): Promise<string[]> {
  return cachedList('catalog-categories', ['catalog'], catalogCategories)
}

/** The home page's figures and its first twenty active items. */
export function homeLists() {
  return cachedList('home', ['catalog', 'figures'], async () => {
    const items = await ServiceItem.query()
      .withScopes((scopes) => scopes.active())
      .orderBy('code')
      .limit(20)
    return { figures: await marketFigures(), serviceItems: items.map(presentServiceItem) }
  })
}

/**
 * One page of the agency directory, keyed by its normalised filters (the
 * validator has trimmed them; absent ones take their defaults) and by the
 * grade cut-offs in force, which decide the grade filter and the order.
 */
export function directoryPage(filters: DirectoryFilters) {
  const cutoffs = gradeCutoffsShown()
  const key = listKey('directory', [
    filters.item,
    filters.region,
    filters.grade,
    `${cutoffs.A}-${cutoffs.B}-${cutoffs.C}`,
    filters.q,
    filters.sort ?? 'credit',
    filters.page ?? 1,
    filters.perPage ?? 20,
  ])
  return cachedList(key, ['directory', 'catalog'], async () => {
    const result = await searchAgencies(filters)
    const rows = result.rows.map((row) => ({
      ...row,
      listedAt: isoInstant(row.listedAt),
    }))
    return { ...result, rows }
  })
}

export type ProjectListFilters = {
  status?: string
  item?: string
  q?: string
  page?: number
  perPage?: number
}

/**
 * One page of the public project list (never drafts): each project as the
 * API presents it, with its item's code and name for the page. The response
 * counts change with every bid, so they are read live (one query) instead of
 * invalidating the list at each bid.
 */
export async function projectListPage(filters: ProjectListFilters) {
  const page = filters.page ?? 1
  const perPage = filters.perPage ?? 20
  const key = listKey('projects', [filters.status, filters.item, page, perPage, filters.q])
  const cached = await cachedList(key, ['projects', 'catalog'], async () => {
    const result = await searchProjects({ ...filters, page, perPage })
    return {
      rows: result.all().map((project) => ({
        project: presentProject(project),
        serviceItem: { code: project.serviceItem.code, name: project.serviceItem.name },
      })),
      total: result.total,
      page: result.currentPage,
      perPage: result.perPage,
    }
  })
  const counts = await responseCounts(cached.rows.map((row) => row.project.id))
  return {
    ...cached,
    rows: cached.rows.map((row) => ({
      ...row,
      project: { ...row.project, responseCount: counts.get(row.project.id) ?? 0 },
    })),
  }
}
