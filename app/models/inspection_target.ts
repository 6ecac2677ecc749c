import { InspectionTargetSchema } from '#database/schema'
import { afterDelete, afterSave, hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import InspectionFile from '#models/inspection_file'
import type { InspectionOutcome } from '#domain/inspection_draw'
import { agencyTag, invalidateLists } from '#services/public_cache'

/** An agency drawn by a plan, and — once recorded — its published result. */
export default class InspectionTarget extends InspectionTargetSchema {
  /** The agency page lists the inspections of the agency. */
  @afterSave()
  @afterDelete()
  static async refreshPublicPage(row: InspectionTarget) {
    await invalidateLists([agencyTag(row.organizationId)], row.$trx)
  }

  declare outcome: InspectionOutcome | null

  @hasMany(() => InspectionFile, { foreignKey: 'targetId' })
  declare files: HasMany<typeof InspectionFile>
}
