import type { TransactionClientContract } from '@adonisjs/lucid/types/database'
import { agencyTag, invalidateLists } from '#services/public_cache'

/**
 * The directory index: each agency's profile row and item rows carry copies of
 * what the directory filters and sorts on (listed, region, province, credit
 * score), so that a filtered page is answered from one index whatever the
 * size of the registry. Every registry change calls this in its transaction.
 */
export async function reindexAgency(organizationId: number, trx: TransactionClientContract) {
  const organization = await trx
    .from('organizations')
    .where('id', organizationId)
    .select('region_code')
    .firstOrFail()
  const profile = await trx
    .from('agency_profiles')
    .where('organization_id', organizationId)
    .select('status', 'credit_score')
    .firstOrFail()
  const items = await trx
    .from('agency_service_items')
    .where('organization_id', organizationId)
    .select('service_item_id')

  const listed = profile.status === 'active' && items.length > 0
  const fields = {
    listed,
    region_code: organization.region_code,
    province_code: String(organization.region_code).slice(0, 2),
  }
  await trx
    .from('agency_profiles')
    .where('organization_id', organizationId)
    .update({ ...fields, item_count: items.length })
  await trx
    .from('agency_service_items')
    .where('organization_id', organizationId)
    .update({ ...fields, credit_score: profile.credit_score })
  // The directory shows the change once the transaction commits.
  await invalidateLists(['directory', agencyTag(organizationId)], trx)
}
