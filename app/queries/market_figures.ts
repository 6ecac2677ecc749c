import db from '@adonisjs/lucid/services/db'

/**
 * The live figures on the home page: active service items, agencies and
 * owners. Two small aggregate queries, whatever the size of the market.
 */
export async function marketFigures() {
  const [items] = await db.from('service_items').where('status', 'active').count('* as total')
  const organizations = await db
    .from('organizations')
    .whereIn('kind', ['agency', 'owner'])
    .select('kind')
    .count('* as total')
    .groupBy('kind')
  const countOf = (kind: string) =>
    Number(organizations.find((row) => row.kind === kind)?.total ?? 0)
  return {
    serviceItems: Number(items.total),
    agencies: countOf('agency'),
    owners: countOf('owner'),
  }
}
