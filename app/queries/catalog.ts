import ServiceItem from '#models/service_item'

export type CatalogFilters = { q?: string; category?: string; status?: 'active' | 'retired' }

/**
 * The public catalog: active items by default, filtered by category and
 * keyword (name, code, approval item or department). One query.
 */
export async function searchCatalog(filters: CatalogFilters) {
  return ServiceItem.query()
    .where('status', filters.status ?? 'active')
    .if(filters.category, (query) => query.where('category', filters.category!))
    .if(filters.q, (query) => {
      const keyword = `%${filters.q!.replace(/[!%_]/g, (char) => `!${char}`)}%`
      query.where((where) => {
        where
          .whereRaw(`name like ? escape '!'`, [keyword])
          .orWhereRaw(`code like ? escape '!'`, [keyword])
          .orWhereRaw(`approval_item like ? escape '!'`, [keyword])
          .orWhereRaw(`approval_department like ? escape '!'`, [keyword])
      })
    })
    .orderBy('code')
}

/** The categories in use, for the filter list. One query. */
export async function catalogCategories() {
  const rows = await ServiceItem.query().distinct('category').orderBy('category')
  return rows.map((row) => row.category)
}

/** An item with its full public change history, newest first. */
export async function loadServiceItem(code: string) {
  return ServiceItem.query()
    .where('code', code.toUpperCase())
    .preload('versions', (query) => query.orderBy('version', 'desc'))
    .firstOrFail()
}
