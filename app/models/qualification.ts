import { QualificationSchema } from '#database/schema'
import { afterDelete, afterSave, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import QualificationCheck from '#models/qualification_check'
import { agencyTag, invalidateLists } from '#services/public_cache'

export const QUALIFICATION_STATUSES = ['unverified', 'verified', 'false'] as const
export type QualificationStatus = (typeof QUALIFICATION_STATUSES)[number]

/** A qualification certificate an agency declares, with its scan and spot-check status. */
export default class Qualification extends QualificationSchema {
  /** The agency page lists the qualifications. */
  @afterSave()
  @afterDelete()
  static async refreshPublicPage(row: Qualification) {
    await invalidateLists([agencyTag(row.organizationId)], row.$trx)
  }

  declare status: QualificationStatus

  @hasMany(() => QualificationCheck)
  declare checks: HasMany<typeof QualificationCheck>
}
