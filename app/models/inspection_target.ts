import { InspectionTargetSchema } from '#database/schema'
import { hasMany } from '@adonisjs/lucid/orm'
import type { HasMany } from '@adonisjs/lucid/types/relations'
import InspectionFile from '#models/inspection_file'
import type { InspectionOutcome } from '#domain/inspection_draw'

/** An agency drawn by a plan, and — once recorded — its published result. */
export default class InspectionTarget extends InspectionTargetSchema {
  declare outcome: InspectionOutcome | null

  @hasMany(() => InspectionFile, { foreignKey: 'targetId' })
  declare files: HasMany<typeof InspectionFile>
}
