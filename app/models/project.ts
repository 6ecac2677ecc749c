import { ProjectSchema } from '#database/schema'
import { belongsTo, column } from '@adonisjs/lucid/orm'
import type { BelongsTo } from '@adonisjs/lucid/types/relations'
import type { ProjectState } from '#domain/project_lifecycle'
import ServiceItem from '#models/service_item'
import Organization from '#models/organization'

export const SELECTION_METHODS = [
  'direct',
  'random',
  'lowest_price',
  'average_price',
  'credit_preferred',
  'scored',
] as const
export type SelectionMethod = (typeof SELECTION_METHODS)[number]

/** A project an owner posts to select an intermediary agency. */
export default class Project extends ProjectSchema {
  declare status: ProjectState
  declare method: SelectionMethod

  /** The secret draw seed never leaves the server before opening. */
  @column({ serializeAs: null })
  declare drawSeedEncrypted: string | null

  @belongsTo(() => ServiceItem)
  declare serviceItem: BelongsTo<typeof ServiceItem>

  @belongsTo(() => Organization, { foreignKey: 'ownerOrganizationId' })
  declare owner: BelongsTo<typeof Organization>
}
