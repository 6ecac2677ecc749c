import { AgencyProfileSchema } from '#database/schema'
import { afterDelete, afterSave } from '@adonisjs/lucid/orm'
import { gradeForScore } from '#domain/credit'
import { gradeCutoffsShown } from '#services/market_rules'
import { agencyTag, invalidateLists } from '#services/public_cache'

export const AGENCY_STATUSES = ['active', 'withdrawn'] as const
export type AgencyStatus = (typeof AGENCY_STATUSES)[number]

/**
 * What an agency tells the market about itself: description and service
 * commitments (服务承诺), whether it is listed, and its credit score.
 */
export default class AgencyProfile extends AgencyProfileSchema {
  /** The agency page shows the profile. */
  @afterSave()
  @afterDelete()
  static async refreshPublicPage(row: AgencyProfile) {
    await invalidateLists([agencyTag(row.organizationId)], row.$trx)
  }

  declare status: AgencyStatus

  get creditGrade() {
    return gradeForScore(this.creditScore, gradeCutoffsShown())
  }

  /** Listed in the directory: active and offering at least one item (零门槛: nothing else). */
  get isListed() {
    return Boolean(this.listed)
  }
}
