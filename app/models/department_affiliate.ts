import { DepartmentAffiliateSchema } from '#database/schema'
import type { AffiliateRelation } from '#domain/affiliations'

/**
 * An organisation an approval department sponsors, supervises or owns, in
 * the regulators' public register; removed entries stay with their reason.
 */
export default class DepartmentAffiliate extends DepartmentAffiliateSchema {
  declare relation: AffiliateRelation
}
