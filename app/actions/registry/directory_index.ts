import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { reindexAgency } from '#services/directory_index'

/** Replaces the items an agency offers, then reindexes it. */
export async function replaceOfferedItems(
  organizationId: number,
  serviceItemIds: number[],
  trx: TransactionClientContract
) {
  await trx.from('agency_service_items').where('organization_id', organizationId).delete()
  if (serviceItemIds.length > 0) {
    await trx.table('agency_service_items').multiInsert(
      serviceItemIds.map((serviceItemId) => ({
        organization_id: organizationId,
        service_item_id: serviceItemId,
      }))
    )
  }
  await reindexAgency(organizationId, trx)
}
